"""Cutting aligned beads into events and dating them (store/ingest/segment.py).

``lead_of`` is checked on sentences whose lead date is worked out by hand;
``segment`` on 1-1 beads with leads built by hand, so each test says which bead
opens which event and with which days. The sample's eight events, cut by the
whole importer, are pinned in test_sample_import.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from store.ingest.segment import Event, Lead, lead_of, segment
from store.model import Bead


def days(*pairs: tuple[int, int], year: int = 2018) -> tuple[date, ...]:
    return tuple(date(year, m, d) for m, d in pairs)


def nov(*numbers: int) -> tuple[date, ...]:
    return days(*((11, d) for d in numbers))


@pytest.mark.parametrize(("text", "lang", "year", "lead"), [
    ("2018年11月12日，重慶市與辛辛那提市簽署備忘錄。", "zh", None, Lead(nov(12), True, False)),
    ("11月26日，代表團參觀了博物館。", "zh", 2018, Lead(nov(26), True, True)),
    ("11月26日，代表團參觀了博物館。", "zh", None, Lead((), True, False)),
    ("On November 26, the delegation visited a museum.", "en", 2017,
     Lead(days((11, 26), year=2017), True, True)),
    ("2018年11月25日—29日，代表團訪問。", "zh", None, Lead(nov(25, 26, 27, 28, 29), True, False)),
    # A news lead reporting its date in its first sentence: not leading with it.
    ("重慶市代表團于2018年11月20日—22日來渝進行訪問。", "zh", None,
     Lead(nov(20, 21, 22), False, False)),
    ("Mayor Li visited Chongqing from November 20 to 22, 2018.", "en", None,
     Lead(nov(20, 21, 22), False, False)),
    # A yearless day restated with its year takes that year, not the file's.
    ("一月一日 2014年1月1日元旦", "zh", 2018, Lead(days((1, 1), year=2014), True, False)),
])
def test_the_date_a_paragraph_leads_with(text: str, lang: str, year: int | None,
                                         lead: Lead) -> None:
    assert lead_of(text, lang, year) == lead


@pytest.mark.parametrize(("text", "lang"), [
    ("代表團在11月26日參觀了博物館。", "zh"),  # a date in mid-sentence belongs to its event
    ("市長會見了客人。", "zh"),
    ("The Mayor said the law came into force on 1 July.", "en"),
])
def test_a_paragraph_that_does_not_lead_with_a_date(text: str, lang: str) -> None:
    assert lead_of(text, lang, 2018) is None


def one_to_one(n: int) -> list[Bead]:
    return [((k,), (k,)) for k in range(n)]


def cut(leads: Sequence[Lead | None], en: Sequence[Lead | None] | None = None,
        **kwargs: Sequence[bool]) -> list[tuple[list[int], tuple[date, ...], bool]]:
    events = segment(one_to_one(len(leads)), leads, en or [None] * len(leads), **kwargs)
    return [(e.zh, e.days, e.inferred) for e in events]


def test_each_leading_date_opens_an_event() -> None:
    leads = [Lead(nov(12), True, False), None, Lead(nov(19), True, False), None, None]
    assert cut(leads) == [([0, 1], nov(12), False), ([2, 3, 4], nov(19), False)]


def test_beads_before_the_first_date_are_an_undated_event() -> None:
    assert cut([None, Lead(nov(12), True, False)]) == [([0], (), False), ([1], nov(12), False)]


def test_a_date_on_either_side_opens_the_event_and_a_written_year_wins() -> None:
    zh = [None, Lead(nov(20), True, True), None]
    en = [None, Lead(nov(21), True, False), None]
    assert cut(zh, en) == [([0], (), False), ([1, 2], nov(21), False)]


def test_a_yearless_day_inside_the_event_under_way_continues_it() -> None:
    leads = [Lead(nov(25, 26, 27, 28, 29), True, False), Lead(nov(26), True, True),
             Lead(nov(30), True, True)]
    assert cut(leads) == [([0, 1], nov(25, 26, 27, 28, 29), False), ([2], nov(30), True)]


def test_a_lead_sentence_opens_an_event_only_when_both_languages_report_it() -> None:
    reported = Lead(nov(20, 21, 22), False, False)
    assert cut([None, reported]) == [([0, 1], (), False)]
    assert cut([None, reported], [None, Lead(nov(20, 21, 22), False, False)]) == [
        ([0], (), False), ([1], nov(20, 21, 22), False)]


def test_headlines_go_down_to_the_lead_below_them_in_a_digest() -> None:
    lead = Lead(nov(12), True, False)
    leads = [None, lead, None, None, Lead(nov(19), True, False), None]
    headlines = [True, False, False, True, False, False]
    assert cut(leads, headlines=headlines) == [([0, 1, 2], nov(12), False),
                                               ([3, 4, 5], nov(19), False)]


def test_a_masthead_stays_apart_when_items_have_no_headlines() -> None:
    leads = [None, Lead(nov(12), True, False), None, Lead(nov(19), True, False), None]
    headlines = [True, False, False, False, False]
    assert cut(leads, headlines=headlines) == [([0], (), False), ([1, 2], nov(12), False),
                                               ([3, 4], nov(19), False)]


def test_a_part_heading_opens_its_part_and_never_ends_the_event_above() -> None:
    leads = [Lead(nov(12), True, False), None, None, Lead(days((1, 5), year=2019), True, False)]
    sections = [False, False, True, False]
    assert cut(leads, sections=sections) == [([0, 1], nov(12), False), ([2], (), False),
                                             ([3], days((1, 5), year=2019), False)]


def test_an_event_lists_its_paragraphs_in_both_languages() -> None:
    event = Event((((0,), (0, 1)), ((1, 2), (2,))), nov(12))
    assert (event.zh, event.en) == ([0, 1, 2], [0, 1, 2])
