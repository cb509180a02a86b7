"""Which writing system a character or a paragraph belongs to."""

from __future__ import annotations

from functools import cache

from opencc import OpenCC

from store.lang.patterns import compiled

#: Han ideographs: the unified block, extension A, compatibility ideographs and
#: the supplementary planes where extensions B-H live.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Chinese punctuation and full-width forms that sit inside Chinese text.
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u00b7"

_HAN_RE = compiled(f"[{HAN}]")
_LATIN_RE = compiled(r"[A-Za-z\u00c0-\u024f]")


def is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


def classify(text: str) -> str:
    """'zh', 'en' or 'other' by which script carries the paragraph.

    A Han character holds about as much as a short English word, so Han counts
    double against Latin letters: a Chinese paragraph full of names like
    HKTDC stays Chinese, an English one quoting 地票 stays English.
    """
    han = len(_HAN_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if han == 0 and latin == 0:
        return "other"
    return "zh" if han * 2 >= latin else "en"


def chinese_tag(text: str) -> str | None:
    """``zh-Hant`` or ``zh-Hans`` by the characters ``text`` uses; None when it could be either.

    A text is traditional when converting it to simplified changes it, and the
    reverse; most characters (人, 大, 中) are the same in both and decide nothing.
    """
    if converter("t2s").convert(text) != text:
        return "zh-Hant"
    if converter("s2t").convert(text) != text:
        return "zh-Hans"
    return None


@cache
def converter(config: str) -> OpenCC:
    """OpenCC's converter for ``config`` (``t2s``, ``s2t``), built once per process."""
    return OpenCC(config)
