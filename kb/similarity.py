"""Scored similarity links between claims of different articles that do not share a proposition.

Reads: a Store (claims, their entities, propositions and words). Returns: the links written and
their count. Raises: QueryError, StoreError.
Two claims are about the same thing when they name the same entities, use the same words and
state the same relation; the score mixes the three (weights below) and a link is written only
above a threshold users set. Links are `kbo:SimilarityLink` nodes with the score and the method,
never `owl:sameAs`; kbg:similarity is replaced whole on every run (one transaction).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from kb.store import Store
from kb.text import tokenize

METHOD = "entities+words+relation/1"
WEIGHTS = (0.45, 0.40, 0.15)  # entity overlap, word overlap, same relation
DEFAULT_THRESHOLD = 0.35
STOP = frozenset("""
aber alle allem allen aller alles also andere anderen auch auf aus bei beim beide beiden bereits bisher damit dann
darauf darin davon dass dein deine dem den denen der deren des dessen die dies diese diesem diesen dieser dieses doch
dort durch eine einem einen einer eines einige etwa etwas euch gegen gewesen habe haben hatte hatten hier hinter
ihre ihrem ihren ihrer immer jedoch jetzt kann keine können könne mehr mehrere muss müsse nach nicht noch nunmehr
oder ohne schon sehr seien seine seinem seinen seiner seit sich sind soll sollen sollte sondern sowie über unter
viel vom von vor wäre waren weil welche wenn werde werden wieder wird wollen wurde wurden zwei zwischen
about after also been before being could from have into more most other over said says since some such than that
their them then there these they this those through under were what when where which while will with would
""".split())

FEATURES = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <http://schema.org/>
SELECT ?claim ?article ?text ?entity ?proposition ?relation WHERE {
  GRAPH ?g {
    ?claim a kbo:Claim ; schema:appearance ?article ; kbo:content ?span .
    ?span nif:anchorOf ?text .
    OPTIONAL { ?claim schema:mentions ?entity }
    OPTIONAL { ?claim kbo:about ?proposition . ?proposition kbo:relationKey ?relation }
  }
}
"""


@dataclass
class ClaimFeatures:
    claim: str
    article: str
    words: set[str]
    entities: set[str]
    propositions: set[str]
    relations: set[str]


@dataclass(frozen=True)
class SimilarityLink:
    a: str
    b: str
    score: float
    shared_entities: tuple[str, ...]


def words(text: str) -> set[str]:
    """Content words cut to six letters: a crude stem that joins 'Einmischung'/'eingemischt'
    no better than it should, but 'Telefonat'/'telefonierte' and 'Treffen'/'treffen'."""
    out = set()
    for token in tokenize(text):
        w = token.lower
        if len(w) >= 4 and w.isalpha() and w not in STOP:
            out.add(w[:6])
    return out


def features(store: Store) -> list[ClaimFeatures]:
    by_claim: dict[str, ClaimFeatures] = {}
    for claim, article, text, entity, proposition, relation in store.query(FEATURES).rows:
        f = by_claim.get(str(claim))
        if f is None:
            f = by_claim[str(claim)] = ClaimFeatures(str(claim), str(article), words(str(text)), set(), set(), set())
        if entity is not None:
            f.entities.add(str(entity))
        if proposition is not None:
            f.propositions.add(str(proposition))
        if relation is not None:
            f.relations.add(str(relation))
    return sorted(by_claim.values(), key=lambda f: f.claim)


def score(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float]) -> tuple[float, set[str]]:
    """Entities and words weighted by rarity (idf): sharing 'Tillerson' or 'G20' says more than
    sharing 'Putin' in a KB about Putin."""
    def weight(items: set[str]) -> float:
        return sum(idf.get(x, 1.0) for x in items)

    shared = a.entities & b.entities
    union = a.entities | b.entities
    e = weight(shared) / weight(union) if union else 0.0
    aw, bw = {f"w:{x}" for x in a.words}, {f"w:{x}" for x in b.words}
    w = weight(aw & bw) / min(weight(aw), weight(bw)) if aw and bw else 0.0
    r = 1.0 if a.relations & b.relations else 0.0
    return WEIGHTS[0] * e + WEIGHTS[1] * w + WEIGHTS[2] * r, shared


def similar(claims: list[ClaimFeatures], threshold: float = DEFAULT_THRESHOLD) -> list[SimilarityLink]:
    """Pairs from different articles, not already sharing a proposition, scoring ≥ threshold.
    Candidates are pairs that share an entity or a content word (an inverted index, not all pairs)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(claims):
        for key in f.entities | {f"w:{w}" for w in f.words}:
            index[key].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) <= 200:  # a word in every claim says nothing
            candidates.update(combinations(members, 2))
    n = len(claims)
    idf = {key: math.log((n + 1) / (len(set(members)) + 0.5)) for key, members in index.items()}
    links = []
    for i, j in sorted(candidates):
        a, b = claims[i], claims[j]
        if a.article == b.article or a.propositions & b.propositions:
            continue
        value, shared = score(a, b, idf)
        if value >= threshold:
            links.append(SimilarityLink(a.claim, b.claim, round(value, 3), tuple(sorted(shared))))
    return links


def materialise(store: Store, threshold: float = DEFAULT_THRESHOLD) -> list[SimilarityLink]:
    """Replace kbg:similarity with the links the claims support now."""
    from kb.rdf import similarity_graph
    from kb.vocab import SIMILARITY_GRAPH

    links = similar(features(store), threshold)
    store.replace_graphs({str(SIMILARITY_GRAPH): similarity_graph(links, METHOD, threshold)})
    return links

