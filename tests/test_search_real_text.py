"""Chinese terms in real text are counted as a plain scan of the folded text counts them.

The generated archives of the other search tests repeat a small vocabulary; real
text has a key for nearly every run of characters. Two real sources of the
alignment bench (bench/data/align: Taiwan's laws and the Chinese Bible with their
English; docs/eval-alignment.md gives their provenance), five paragraphs to an
entry, are indexed, and 400 cuts of 1-7 characters from their Chinese runs are
searched: every entry's occurrences (what ranks it) must equal ``str.count`` over
its folded text, which counts from the left without overlaps as the index must.
One character is a character's postings, two a bigram's, three a trigram's, more
the covering trigrams then positions: each way is taken here many times.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from store.search.build import SearchDoc, build
from store.search.fold import fold
from store.search.index import SearchIndex
from store.search.terms import HAN_RUNS

SOURCES = Path(__file__).resolve().parent.parent / "bench" / "data" / "align"


def entries() -> list[SearchDoc]:
    docs = []
    for name in ("tw-law", "bible"):
        with gzip.open(SOURCES / f"{name}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for row in map(json.loads, lines):
                units = row["units"]
                for at in range(0, len(units), 5):
                    docs.append(SearchDoc(id=f"{row['doc']}-{at}", start=None, days=(),
                                          source="s", zh=[u[0] for u in units[at:at + 5]],
                                          en=[u[1] for u in units[at:at + 5]]))
    return docs


@pytest.fixture(scope="module")
def indexed() -> tuple[SearchIndex, list[str]]:
    docs = entries()
    texts = [fold("\n".join(d.zh)) + "\n" + fold("\n".join(d.en)) for d in docs]
    return SearchIndex(build(docs, {"s": "real"}, "r")), texts


def cuts(texts: list[str], count: int) -> list[str]:
    """Cuts of 1-7 characters from the texts' Han runs, drawn with a fixed seed."""
    runs = [m.group() for t in texts for m in HAN_RUNS.finditer(t) if len(m.group()) > 1]
    draw = random.Random(16)
    found: list[str] = []
    while len(found) < count:
        run, size = draw.choice(runs), draw.randint(1, 7)
        if len(run) >= size:
            start = draw.randrange(len(run) - size + 1)
            found.append(run[start:start + size])
    return found


def test_real_text_holds_the_cuts_the_test_searches(indexed: tuple[SearchIndex, list[str]]
                                                   ) -> None:
    _, texts = indexed
    sizes = {len(c) for c in cuts(texts, 400)}
    assert len(texts) > 500 and sizes == set(range(1, 8))


def test_every_cut_is_counted_as_the_folded_text_counts_it(
        indexed: tuple[SearchIndex, list[str]]) -> None:
    index, texts = indexed
    for term in cuts(texts, 400):
        [found] = index.search(term).terms
        assert found.within(0, 0, index.count).tolist() == [t.count(term) for t in texts], term
