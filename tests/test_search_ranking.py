"""A page of results is the head of the whole ranking, however the work is cut.

``Results`` ranks a page by scoring the matches a block of entries at a time
and keeping, of each block, what can still reach the page; the cut is first
guessed from every ``_STRIDE``-th score. Queries combine their terms' entries
either by filtering the rarest term's entries or by masks of every entry
(``_SPARSE``). At the sizes tests build, one block holds everything and masks
are always chosen, so the tests shrink the constants: the same archive and
query must answer the same with the constants as shipped and shrunk, and
every page must equal the first entries of the whole ranking, whose order
is checked against its definition (score, then newest, then id).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_search_property import SOURCES, archives, queries, scan

from store.search import answer, results
from store.search.build import SearchDoc, build
from store.search.index import SearchIndex
from store.search.query import parse


@contextmanager
def constants(**values: int) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setattr(answer if name == "_SPARSE" else results, name, value)
        yield


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), docs=archives())
def test_every_page_is_the_head_of_the_whole_ranking(data: st.DataObject,
                                                     docs: list[SearchDoc]) -> None:
    index = SearchIndex(build(docs, SOURCES, "r"))
    start = {d.id: d.start for d in docs}
    for _ in range(3):
        query = data.draw(queries(docs))
        whole = index.search(query).ranked_ids()
        assert whole == sorted(whole, key=lambda r: (-r[1], _days_before(start[r[0]]), r[0]))
        block = data.draw(st.integers(1, 4))
        for limit in range(1, len(whole) + 1):
            with constants(_BLOCK=block, _STRIDE=data.draw(st.integers(1, 3))):
                page = index.search(query).ranked_ids(limit)
            assert page == whole[:limit], (query, limit, block)


def _days_before(day: str) -> int:
    """Newest first: a later start sorts before."""
    return -int(day.replace("-", ""))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), docs=archives())
def test_rare_terms_filtered_or_masks_combined_find_what_a_scan_finds(
        data: st.DataObject, docs: list[SearchDoc]) -> None:
    index = SearchIndex(build(docs, SOURCES, "r"))
    for _ in range(3):
        text = data.draw(queries(docs))
        want = scan(docs, parse(text))
        for sparse in (1, 10**9):  # every term rare; none
            with constants(_SPARSE=sparse):
                results = index.search(text)
                assert (results.ids(), results.count) == (want, len(want)), (text, sparse)


def test_a_tie_across_blocks_keeps_the_smallest_ids_at_the_cut() -> None:
    """Twelve entries score the same on the same day: a page of five is e00..e04 whichever
    blocks they fall in, and each block keeps its ties at the cut."""
    docs = [SearchDoc(id=f"e{n:02}", start="2018-11-01", days=("2018-11-01",), source="s1",
                      zh=["重庆"], en=[]) for n in reversed(range(12))]
    index = SearchIndex(build(docs, SOURCES, "r"))
    for block in (1, 3, 5, 64):
        with constants(_BLOCK=block, _STRIDE=2):
            assert [i for i, _ in index.search("重庆").ranked_ids(5)] == [
                "e00", "e01", "e02", "e03", "e04"], block
