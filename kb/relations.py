"""Relations between claims over time, materialised: queries/claim_relations.rq into kbg:relations.

Reads: a Store. Returns: the number of each relation written. Raises: QueryError, StoreError.
The relations are computed by the query, not here; this module only runs it and replaces the
kbg:relations graph whole with the result, in one transaction, so a re-run after new articles
(or after an article was re-extracted) leaves exactly the relations the current claims support.
"""

from __future__ import annotations

from collections import Counter

from rdflib import Graph

from kb.errors import QueryError
from kb.queries import get_query, run
from kb.store import Store
from kb.vocab import KBO, RELATIONS_GRAPH

QUERY = "claim_relations"
RELATIONS = (KBO.repeats, KBO.reverses, KBO.contradicts, KBO.followsUp)


def materialise(store: Store) -> dict[str, int]:
    """Replace kbg:relations with the relations the claims support now; counts per relation."""
    graph = run(store, get_query(QUERY), {})
    if not isinstance(graph, Graph):
        raise QueryError(f"queries/{QUERY}.rq must be a CONSTRUCT query")
    store.replace_graphs({str(RELATIONS_GRAPH): graph})
    counts = Counter(str(p) for _, p, _ in graph)
    return {str(p).rsplit("#", 1)[-1]: counts.get(str(p), 0) for p in RELATIONS}
