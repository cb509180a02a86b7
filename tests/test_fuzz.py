"""The importer on generated text: only its own error, and work that grows linearly.

Text mixes scripts, dates in both languages, punctuation of both widths,
control characters and stray bytes. Whatever comes in, ``parse_bulletin``
either returns entries or raises ``BitextError`` (a one-line message the
command line prints); anything else would be a traceback in front of a user.
"""

from __future__ import annotations

import contextlib
import cProfile
import pstats

from fixture_paths import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.errors import BitextError
from store.ingest import parse_bulletin

PIECES = [
    "2018年11月3日", "11月26日—29日", "On November 3, 2018,", "November 19 and 21, 2018",
    "重慶市", "美國(guó)", "關(guān)系", "Chongqing", "Off i ce", "fi nancial", "</p>", "&nbsp;",
    "，", "。", ",", ".", "(", "）", "“", "”", "—", "…", "\t", "\r", "\x1b[31m", "\x07",
    "[bold]", "[@click=app.quit]", "??腿吮硎?", "\ufffd", "Ã©", " ", "  ", "1,000", "3.5",
    "第8次", "三十", "2017年3月", "Mr.Jeff", "the\"golden age\"", "ＢＥＬＡＲＵＳ",
]


def _line() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
                    min_size=0, max_size=12).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_line(), min_size=0, max_size=30),
       encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_generated_text_gives_entries_or_our_own_error(lines: list[str], encoding: str) -> None:
    text = "\n".join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        parse_bulletin(data, "fuzz.txt", imported="t")
    except BitextError as e:
        assert "\n" not in str(e).strip(), "errors are one line"


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_give_entries_or_our_own_error(data: bytes) -> None:
    with contextlib.suppress(BitextError):
        parse_bulletin(data, "fuzz.bin", imported="t")


def _steps(data: bytes) -> int:
    """Python function calls made importing ``data``: a count of work no machine load changes."""
    profile = cProfile.Profile()
    profile.runcall(parse_bulletin, data, "x.txt", imported="t")
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined,no-any-return]


def test_work_grows_linearly_with_the_bulletin() -> None:
    """Doubling a long bulletin (each copy in another year) about doubles the work.

    Small documents (up to 250,000 paragraph pairs) are aligned by the full
    dynamic program, a bounded cost; past that the aligner works in a band, and
    that is where a quadratic step would show: 24 copies of the sample are
    about 600 paragraphs a side.
    """
    text = SAMPLE.read_text(encoding="utf-8")

    def copies(n: int) -> bytes:
        return "\n".join(text.replace("2018", str(1900 + k)) for k in range(n)).encode()

    small, large = _steps(copies(24)), _steps(copies(48))
    assert large < 2.2 * small, (small, large)
