"""Bytes to text: the file's own marks first, then detection, never a lossy guess.

Decoding is strict: a file that does not decode cleanly in the encoding found
(or given with ``--encoding``) is refused with the byte offset, because a
replacement character would silently lose text we promised to keep. Files that
are not text at all are named for what they are.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from store.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "a program"),
)
#: Encodings a Chinese/English bulletin is plausibly in, tried by detection.
_CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16"]


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    if encoding:
        return Decoded(_strict(data, encoding, name), codecs.lookup(encoding).name)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, enc, name), enc)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"is {what}, not a text bulletin")
    if b"\x00" in data:
        raise InputError(name, "is binary (it holds NUL bytes), not a text bulletin")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # noqa: PLC0415  (20 ms of every bitext: only here)

    guess = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if guess is None:
        raise InputError(name, "is not text in any encoding tried "
                               "(UTF-8, UTF-16, GB18030, Big5); give one with --encoding")
    enc = codecs.lookup(guess.encoding).name
    return Decoded(_strict(data, enc, name), enc)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        raise InputError(
            name, f"is not valid {encoding}: byte {e.start} ({data[e.start:e.start + 1].hex()})"
        ) from None
    return text.removeprefix("\ufeff")
