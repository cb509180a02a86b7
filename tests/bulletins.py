"""Small bilingual bulletins written by the tests: a Chinese block, then an English one.

Each event is ``(day, Chinese, English)``: a day of November 2018 and a sentence in
each language that the importer opens with that date, so each event is one entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

Event = tuple[int, str, str]

CHENGDU = [(5, "成都市长会见了法国驻成都总领事。",
            "the Mayor of Chengdu met the Consul General of France."),
           (9, "成都代表团访问里昂。", "a Chengdu delegation visited Lyon.")]
WUHAN = [(12, "武汉市副市长会见德国客人。", "the Vice Mayor of Wuhan met guests from Germany."),
         (14, "武汉举办中德合作论坛。", "Wuhan held a forum on Sino-German cooperation."),
         (16, "武汉代表团访问杜伊斯堡。", "a Wuhan delegation visited Duisburg.")]
XIAN = [(20, "西安市长会见意大利驻华大使。",
         "the Mayor of Xi'an met the Italian Ambassador to China.")]


def chinese(events: Sequence[Event]) -> str:
    return "".join(f"2018年11月{day}日，{zh}\n" for day, zh, _ in events)


def english(events: Sequence[Event]) -> str:
    return "".join(f"On November {day}, 2018, {en}\n" for day, _, en in events)


def bulletin(events: Sequence[Event]) -> str:
    return chinese(events) + english(events)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
