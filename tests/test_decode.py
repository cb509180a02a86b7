"""Every encoding real archives bring gives the same entries; what is not text is refused."""

from __future__ import annotations

import codecs

import pytest
from fixture_paths import SAMPLE

from store.errors import InputError
from store.ingest import parse_bulletin
from store.ingest.decode import decode

#: The sample without its pinyin annotations' tone letters and its two simplified
#: mojibake characters, so that Big5 (traditional only) can hold it too.
BIG5_SAFE = "".join(
    ch for ch in SAMPLE.read_text(encoding="utf-8")
    if ch not in "骄头" and not ("\u00e0" <= ch <= "\u01dc")
)


def entries_of(data: bytes, encoding: str | None = None) -> list[tuple[str, ...]]:
    parsed = parse_bulletin(data, "x.txt", imported="t", encoding=encoding)
    return [tuple(p.text for p in e.zh + e.en) for e in parsed.entries]


@pytest.fixture(scope="module")
def reference() -> list[tuple[str, ...]]:
    return entries_of(BIG5_SAFE.encode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "gb18030", "gbk",
                                      "big5"])
def test_encodings_are_detected(encoding: str, reference: list[tuple[str, ...]]) -> None:
    data = BIG5_SAFE.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert entries_of(data) == reference


def test_sample_itself_in_gb18030(sample_bytes: bytes) -> None:
    text = sample_bytes.decode("utf-8")
    assert entries_of(text.encode("gb18030")) == entries_of(sample_bytes)


def test_given_encoding_wins_and_a_wrong_one_is_a_clear_error() -> None:
    data = BIG5_SAFE.encode("big5")
    assert decode(data, "x", "big5").encoding == "big5"
    with pytest.raises(InputError, match=r"x: is not valid utf-8: byte \d+"):
        decode(data, "x", "utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(data, "x", "klingon")


@pytest.mark.parametrize(("data", "what"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x00\x00", "a zip archive"),
    (b"abc\x00def\x00", "binary"),
    (b"", "is empty"),
    (b"  \n\r\n ", "is empty"),
])
def test_non_text_is_named_for_what_it_is(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=what):
        parse_bulletin(data, "in.bin", imported="t")


@pytest.mark.parametrize(("text", "missing"), [
    ("重慶市與辛辛那提市簽署備忘錄。\n雙方將加強合作。", "English"),
    ("Chongqing and Cincinnati signed a memorandum.\nBoth sides will cooperate.", "Chinese"),
])
def test_one_language_only_is_not_a_bulletin(text: str, missing: str) -> None:
    with pytest.raises(InputError, match=f"in.txt: has no {missing} paragraphs"):
        parse_bulletin(text.encode(), "in.txt", imported="t")
