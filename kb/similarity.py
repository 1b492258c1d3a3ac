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
from dataclasses import dataclass, field
from itertools import combinations

from kb.store import Store
from kb.text import tokenize

METHOD = "entities+words+relation+participants/2"
# entity overlap, word overlap, same relation, shared participant of both claims' propositions
# (who does it or to whom, pairs split: the same actor in two events)
WEIGHTS = (0.35, 0.35, 0.10, 0.20)
DEFAULT_THRESHOLD = 0.4  # 0.35 linked 'Assad bekennt sich zur Resolution' ~ 'Giftgaseinsatz … Assad' (bench/README.md)
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

PREFIXES = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <http://schema.org/>
"""
# One query per feature, each inside GRAPH ?g (see claims_by_speaker.rq): OPTIONALs side by side
# would multiply mentions by participants by issues for every claim.
CLAIMS = PREFIXES + """SELECT ?claim ?article ?text WHERE { GRAPH ?g {
  ?claim a kbo:Claim ; schema:appearance ?article ; kbo:content/nif:anchorOf ?text } }"""
MENTIONS = PREFIXES + """SELECT DISTINCT ?claim ?entity WHERE { GRAPH ?g { ?claim a kbo:Claim ; schema:mentions ?entity } }"""
PROPOSITIONS = PREFIXES + """SELECT DISTINCT ?claim ?proposition ?relation ?issue WHERE { GRAPH ?g {
  ?claim kbo:about ?proposition . ?proposition kbo:relationKey ?relation .
  OPTIONAL { ?proposition kbo:issue ?issue } } }"""
# Who does what to whom in the claim's propositions, pairs split into their members: 'Tillerson
# und Lawrow handelten das Papier aus' has Tillerson as a participant, as 'Tillerson besuchte
# Putin' does.
PARTICIPANTS = PREFIXES + """SELECT DISTINCT ?claim ?entity WHERE { GRAPH ?g {
  ?claim kbo:about ?proposition .
  { ?proposition kbo:subject|kbo:object ?entity } UNION { ?proposition (kbo:subject|kbo:object)/schema:member ?entity } } }"""


@dataclass
class ClaimFeatures:
    claim: str
    article: str
    words: set[str]
    entities: set[str]
    propositions: set[str]
    relations: set[str]
    issues: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)


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
    for claim, article, text in store.query(CLAIMS).rows:
        if str(claim) not in by_claim:
            by_claim[str(claim)] = ClaimFeatures(str(claim), str(article), words(str(text)), set(), set(), set())
    for claim, entity in store.query(MENTIONS).rows:
        if str(claim) in by_claim:
            by_claim[str(claim)].entities.add(str(entity))
    for claim, proposition, relation, issue in store.query(PROPOSITIONS).rows:
        f = by_claim.get(str(claim))
        if f is not None:
            f.propositions.add(str(proposition))
            f.relations.add(str(relation))
            if issue is not None:
                f.issues.add(str(issue))
    for claim, entity in store.query(PARTICIPANTS).rows:
        f = by_claim.get(str(claim))
        if f is not None:
            f.participants.add(str(entity))
            f.entities.add(str(entity))
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
    both = a.participants & b.participants
    p = weight(both) / min(weight(a.participants), weight(b.participants)) if both else 0.0
    return WEIGHTS[0] * e + WEIGHTS[1] * w + WEIGHTS[2] * r + WEIGHTS[3] * p, shared


def similar(claims: list[ClaimFeatures], threshold: float = DEFAULT_THRESHOLD) -> list[SimilarityLink]:
    """Pairs from different articles, not already sharing a proposition or issue, scoring ≥ threshold.
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
        if a.article == b.article or a.propositions & b.propositions or a.issues & b.issues:
            continue  # already linked, by a shared proposition or issue
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

