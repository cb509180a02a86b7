"""The index finds exactly what a brute-force scan of the folded text finds.

Archives and queries are generated (Han text with traditional and simplified
forms, words sharing stems, full-width letters, separators of every kind,
languages mixed). The scan below is written independently of the index: it
reads each entry's folded text unit by unit and compares, with no postings,
no regular expressions and no candidates; only the fold, the stemmer and the
pinyin readings (the definitions of "same text") are shared.
"""

from __future__ import annotations

from datetime import date

from brute_units import Unit, units
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.search.build import SearchDoc, build
from store.search.fold import fold
from store.search.index import SearchIndex
from store.search.query import Clause, Dates, Pinyin, Query, SourceIs, Text, parse
from store.search.syllables import readings

HAN_CHARS = list("重慶庆會会國国合作李謙谦白俄羅罗斯市乾干發发的在和了大學学")
WORDS = ["visit", "visits", "visited", "visitor", "office", "offices", "Belarus", "chongqing",
         "li", "qian", "foreign", "affairs", "Affair", "G20", "2018", "11", "straße", "STRASSE",
         "ＢＥＬＡＲＵＳ", "ﬁnal", "naïve", "xian", "li_qian"]
SEPARATORS = [" ", "，", "。", "-", "_", "\u3000", "（", "）", "“", "…", " - "]
SOURCES = {"s1": "chongqing-2018-11.txt", "s2": "Chengdu Weekly"}


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(HAN_CHARS), min_size=1, max_size=6).map("".join),
        st.sampled_from(WORDS), st.sampled_from(SEPARATORS))


def _paragraph() -> st.SearchStrategy[str]:
    return st.lists(_piece(), min_size=1, max_size=14).map("".join)


@st.composite
def archives(draw: st.DrawFn) -> list[SearchDoc]:
    count = draw(st.integers(1, 9))
    docs = []
    for n in range(count):
        day = date(2018, 11, draw(st.integers(1, 30)))
        docs.append(SearchDoc(
            id=f"e{n}", start=day.isoformat(), days=(day.isoformat(),),
            source=draw(st.sampled_from(list(SOURCES))),
            zh=draw(st.lists(_paragraph(), min_size=0, max_size=3)),
            en=draw(st.lists(_paragraph(), min_size=0, max_size=3))))
    return docs


@st.composite
def queries(draw: st.DrawFn, docs: list[SearchDoc]) -> str:
    texts = [p for d in docs for p in (*d.zh, *d.en)] or ["重庆"]
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(st.sampled_from(texts))
        start = draw(st.integers(0, max(0, len(text) - 1)))
        cut = text[start:start + draw(st.integers(1, 6))]
        term = draw(st.one_of(st.just(cut), st.sampled_from(WORDS), st.sampled_from(HAN_CHARS),
                              st.just("li qian"), st.just("date:2018-11-10..2018-11-20"),
                              st.just("source:chongqing")))
        if " " in term.strip() or any(s in term for s in SEPARATORS[1:]):
            term = f'"{term.replace(chr(34), "")}"'
        prefix = draw(st.sampled_from(["", "", "", "-", "zh:", "en:"]))
        terms.append(prefix + term)
        # OR between two terms that are there (a dangling OR is a query error, tested apart)
        if (draw(st.booleans()) and len(terms) > 1 and not terms[-1].startswith("-")
                and all(t.strip(' -"') and not t.endswith(":") for t in terms[-2:])):
            terms.insert(-1, "OR")
    return " ".join(terms)


# -- the brute-force scan -------------------------------------------------------------



def contains(text: list[Unit], wanted: list[Unit]) -> bool:
    """``wanted`` occurs in ``text`` unit for unit, with a separator exactly where it has one."""
    for i in range(len(text) - len(wanted) + 1):
        if all(text[i + k][:2] == wanted[k][:2] and (k == 0 or text[i + k][2] == wanted[k][2])
               for k in range(len(wanted))):
            return True
    return False


def spells(text: list[Unit], syllables: tuple[str, ...]) -> bool:
    sounds = readings()
    for i in range(len(text) - len(syllables) + 1):
        window = text[i:i + len(syllables)]
        if all(u[0] == "h" and u[1] in sounds.get(s, ()) and (k == 0 or not u[2])
               for k, (u, s) in enumerate(zip(window, syllables, strict=True))):
            return True
    return False


def scan_matches(doc: SearchDoc, atom: Text | Pinyin | Dates | SourceIs) -> bool:
    if isinstance(atom, Dates):
        return any(atom.first <= date.fromisoformat(d) <= atom.last for d in doc.days)
    if isinstance(atom, SourceIs):
        return atom.name in fold(SOURCES[doc.source]) or doc.source.startswith(atom.name)
    texts = {"zh": units(fold("\n".join(doc.zh))), "en": units(fold("\n".join(doc.en)))}
    if isinstance(atom, Pinyin):
        return any(spells(t, s) for t in texts.values() for s in atom.splits)
    wanted = units(atom.text)
    langs = [atom.lang] if atom.lang else ["zh", "en"]
    return bool(wanted) and any(contains(texts[lang], wanted) for lang in langs)


def scan(docs: list[SearchDoc], query: Query) -> set[str]:
    def clause_holds(doc: SearchDoc, clause: Clause) -> bool:
        return any(all(scan_matches(doc, a) for a in alt) for alt in clause.alternatives)

    return {d.id for d in docs
            if all(clause_holds(d, c) != c.negated for c in query.clauses)}


# -- the property ---------------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), docs=archives())
def test_the_index_finds_exactly_what_a_scan_finds(data: st.DataObject,
                                                   docs: list[SearchDoc]) -> None:
    index = SearchIndex(build(docs, SOURCES, "r"))
    for _ in range(4):
        text = data.draw(queries(docs))
        query = parse(text)
        found = index.search(query).ids()
        assert found == scan(docs, query), text


@settings(max_examples=100, deadline=None)
@given(docs=archives())
def test_every_hit_is_a_match_of_a_term(docs: list[SearchDoc]) -> None:
    """Highlights cover text that folds to what was searched, never a bigram join."""
    index = SearchIndex(build(docs, SOURCES, "r"))
    for term in ["重庆", "重庆市", "会", "visit", '"foreign affairs"', "belarus"]:
        results = index.search(term)
        wanted = units(parse(term).clauses[0].alternatives[0][0].text)  # type: ignore[union-attr]
        for doc in results.ranked():
            source = docs[doc]
            for hit in results.hits_in(doc):
                para = (source.zh if hit.lang == "zh" else source.en)[hit.para]
                assert contains(units(fold(para[hit.start:hit.end])), wanted)


def test_a_phrase_never_runs_across_two_paragraphs() -> None:
    """``"foreign affairs"`` matched ``foreign`` ending one paragraph and ``affairs``
    opening the next, with a highlight past the end of the first (found by the test above)."""
    split = SearchDoc(id="e0", start="2018-11-01", days=("2018-11-01",), source="s1", zh=[],
                      en=["foreign", "affairs"], also=())
    whole = SearchDoc(id="e1", start="2018-11-01", days=("2018-11-01",), source="s1", zh=[],
                      en=["Foreign Affairs Office"], also=())
    results = SearchIndex(build([split, whole], SOURCES, "r")).search('"foreign affairs"')
    assert list(results.ranked()) == [1]
    assert scan([split, whole], parse('"foreign affairs"')) == {"e1"}, "the oracle agrees"
    assert [(h.para, h.start, h.end) for h in results.hits_in(1)] == [(0, 0, 15)]
