"""Phrases and Han runs of 3+ characters are found by positions exactly as the text scan
found them.

Each generated archive is indexed, and each term's occurrences per entry (what
ranks the entry) are compared with two scans of every entry's folded text: the
regular expression the index used to check every candidate with (``Plan.count``,
run here on every entry, not only candidates), and a brute-force scan of units
written apart from the index (no postings, no positions, no patterns). The
texts are hostile on purpose: repeated grams (哈哈哈哈), traditional and
simplified forms, words sharing a stem, separators of every kind between words,
phrases split by a paragraph's end, full-width letters.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from brute_units import Unit, units
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.search.build import SearchDoc, build
from store.search.fold import fold
from store.search.index import SearchIndex
from store.search.query import Pinyin, Text, parse

HAN_CHARS = list("哈哈哈重慶庆重庆市市會会國国合作外事辦办發发的在")
WORDS = ["foreign", "Foreign", "FOREIGN", "foreigners", "affairs", "affair", "office", "offices",
         "Ｏｆｆｉｃｅ", "visit", "visited", "g20", "2018", "li", "qian", "li_qian"]
SEPARATORS = [" ", "  ", ", ", "，", "。", "-", "_", " - ", "\u3000", "（", "…", "/"]


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(HAN_CHARS), min_size=1, max_size=7).map("".join),
        st.sampled_from(["哈哈哈哈", "哈哈哈哈哈哈哈", "重慶市", "重庆市", "外事辦公室"]),
        st.sampled_from(WORDS), st.sampled_from(SEPARATORS))


@st.composite
def archives(draw: st.DrawFn) -> list[SearchDoc]:
    paragraph = st.lists(_piece(), min_size=1, max_size=16).map("".join)
    docs = []
    for n in range(draw(st.integers(1, 8))):
        day = date(2018, 11, draw(st.integers(1, 30))).isoformat()
        docs.append(SearchDoc(id=f"e{n}", start=day, days=(day,), source="s1",
                              zh=draw(st.lists(paragraph, max_size=3)),
                              en=draw(st.lists(paragraph, max_size=3))))
    return docs


@st.composite
def terms(draw: st.DrawFn, docs: list[SearchDoc]) -> str:
    """A cut of 1-6 characters from the text, a word, or a phrase of words, in quotes;
    maybe in one language."""
    texts = [p for d in docs for p in (*d.zh, *d.en)] or ["重庆市"]
    text = draw(st.sampled_from(texts))
    start = draw(st.integers(0, max(0, len(text) - 3)))
    cut = text[start:start + draw(st.integers(1, 6))].replace('"', "").strip() or "重庆市"
    phrase = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=3)))
    chosen = draw(st.sampled_from([cut, phrase, draw(st.sampled_from(WORDS)), "哈哈", "哈哈哈",
                                   "重慶市", "外事办公室", "foreign affairs office"]))
    return draw(st.sampled_from(["", "", "zh:", "en:"])) + f'"{chosen}"'


# -- the brute-force scan -------------------------------------------------------------



def count(text: list[Unit], wanted: list[Unit]) -> int:
    """Matches of ``wanted``, unit for unit with a separator exactly where it has one,
    taken from the left without overlapping."""
    found, i = 0, 0
    while wanted and i <= len(text) - len(wanted):
        if all(text[i + k][:2] == wanted[k][:2] and (k == 0 or text[i + k][2] == wanted[k][2])
               for k in range(len(wanted))):
            found, i = found + 1, i + len(wanted)
        else:
            i += 1
    return found


def scanned(doc: SearchDoc, atom: Text) -> int:
    langs = [atom.lang] if atom.lang else ["zh", "en"]
    wanted = units(atom.text, 2)
    return sum(count(units(fold("\n".join(getattr(doc, lang))), 2), wanted) for lang in langs)


def occurrences(index: SearchIndex, query: str) -> tuple[object, list[int], list[int]]:
    """The atom, its occurrences per entry by the index (by postings alone for one word,
    or one Han run of up to three that cannot overlap itself), and by the check of the
    text that the index used on every candidate before positions."""
    [term] = index.search(query).terms
    segment, [plan] = index.segments[0], term.plans
    raw = segment.tables.reader(np.arange(segment.count))
    regex = [plan.count(raw, doc) if plan.pattern is not None else 0
             for doc in range(segment.count)]
    atom = parse(query).clauses[0].alternatives[0][0]
    return atom, term.within(0, 0, index.count).tolist(), regex


# -- the properties -------------------------------------------------------------------

@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), docs=archives())
def test_positions_count_what_the_text_scans_count(data: st.DataObject,
                                                   docs: list[SearchDoc]) -> None:
    index = SearchIndex(build(docs, {"s1": "one"}, "r"))
    for _ in range(4):
        query = data.draw(terms(docs))
        atom, found, regex = occurrences(index, query)
        assert isinstance(atom, Text)
        assert found == regex, query
        assert found == [scanned(d, atom) for d in docs], query


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=archives())
def test_pinyin_counts_what_the_pattern_counts(docs: list[SearchDoc]) -> None:
    """Two or three syllables whose matches cannot overlap are one gram's postings
    (chongqing, chongqingshi, waishiban); the others are counted by positions
    (haha, hahaha, shishi: 市 and 事 both read shi). Each query is also a word, whose
    term is checked the same way."""
    index = SearchIndex(build(docs, {"s1": "one"}, "r"))
    raw = index.segments[0].tables.reader(np.arange(len(docs)))
    for query in ("haha", "chongqing", "shishi", "hahaha", "chongqingshi", "waishiban",
                  "waishibanshi"):
        assert isinstance(parse(query).clauses[0].alternatives[-1][0], Pinyin)
        for term in index.search(query).terms:
            [plan] = term.plans
            if plan.pattern is None:
                continue
            assert term.within(0, 0, len(docs)).tolist() == [plan.count(raw, d)
                                                          for d in range(len(docs))], query


def doc(n: int, zh: list[str], en: list[str]) -> SearchDoc:
    return SearchDoc(id=f"e{n}", start="2018-11-01", days=("2018-11-01",), source="s1",
                     zh=zh, en=en)


def counts(docs: list[SearchDoc], query: str) -> list[int]:
    [term] = SearchIndex(build(docs, {"s1": "one"}, "r")).search(query).terms
    return term.within(0, 0, len(docs)).tolist()


def test_repeated_grams_count_from_the_left_without_overlapping() -> None:
    docs = [doc(0, ["哈哈哈哈哈哈哈"], []), doc(1, ["哈哈", "哈哈哈"], []),
            doc(2, ["哈哈哈哈"], [])]
    assert counts(docs, "哈哈哈") == [2, 1, 1]
    assert counts(docs, "哈哈哈哈") == [1, 0, 1]


def test_a_phrase_across_a_paragraph_end_or_between_languages_is_not_found() -> None:
    docs = [doc(0, ["重庆", "市政府"], ["Foreign", "Affairs Office"]),
            doc(1, ["外事办"], ["office of foreign affairs"]),
            doc(2, ["重庆市"], ["Foreign Affairs Office"])]
    assert counts(docs, '"foreign affairs office"') == [0, 0, 1]
    assert counts(docs, "重庆市") == [0, 0, 1]
    assert counts(docs, '"外事办 office"') == [0, 0, 0]


def test_traditional_and_simplified_and_separators_fold_alike() -> None:
    docs = [doc(0, ["重慶市外事辦"], ["FOREIGN-affairs, office"]),
            doc(1, ["重庆市 外事办"], ["foreign_affairs  Ｏｆｆｉｃｅ"]),
            doc(2, ["重庆，市"], ["foreignaffairs office"])]
    assert counts(docs, "重庆市") == [1, 1, 0]
    assert counts(docs, '"重慶市 外事辦"') == [0, 1, 0]
    assert counts(docs, '"foreign affairs office"') == [1, 1, 0]
    assert counts(docs, 'en:"affairs office"') == [1, 1, 0]  # a word whole, or not at all
    assert counts(docs, 'zh:"affairs office"') == [0, 0, 0]


def test_a_code_point_the_pattern_reads_as_a_separator_is_found_as_before() -> None:
    """U+FA6E is in the Han block but not yet assigned: the index counts it a Han
    character, the query's pattern a separator; such an entry's text is still scanned."""
    docs = [doc(0, [], ["foreign\ufa6eaffairs"]), doc(1, [], ["foreign affairs"])]
    index = SearchIndex(build(docs, {"s1": "one"}, "r"))
    assert index.segments[0].tables.unsure.tolist() == [0]
    _, found, regex = occurrences(index, '"foreign affairs"')
    assert found == regex == [1, 1]


def test_a_long_run_in_a_long_run_counts_as_the_text_scan_does() -> None:
    """Each of 199 bigrams keeps nearly every match here: the entry's text is read
    instead, and counts the same."""
    docs = [doc(0, ["哈" * 5000], []), doc(1, ["哈" * 199, "哈" * 201], [])]
    assert counts(docs, "哈" * 200) == [25, 1]


def test_counts_past_what_a_posting_holds_are_read_in_the_text() -> None:
    """A posting counts 65,535 occurrences at most; the postings alone answered 65,535
    for 一二三 written 65,536 times (a trigram), 一二 and 一 (found by an attack on the
    trigram change)."""
    docs = [doc(0, ["一二三" * 65_536], []), doc(1, ["一二三。一二"], ["一"])]
    index = SearchIndex(build(docs, {"s1": "one"}, "r"))
    expected = {"一二三": [65_536, 1], "zh:一二三": [65_536, 1], "一二": [65_536, 2],
                "一": [65_536, 3], "yiersan": [65_536, 1]}
    for query, wanted in expected.items():
        found = [t.within(0, 0, 2).tolist() for t in index.search(query).terms]
        assert wanted in found, query
    assert counts(docs, "二三一") == [65_535, 0]
