"""Fact-check reviews: write a schema:ClaimReview of a claim, and export reviews as ClaimReview JSON-LD.

Reads: a Store, the claim (IRI or kb:claim/…), the rating as the reviewer wrote it, a note,
evidence (URLs or claims), the reviewer's name and the date. Returns: the Review written;
the JSON-LD bytes. Raises: UsageError (unknown claim or rating, bad evidence, empty note or
author, a review dated before the claim), StoreError, QueryError.

Everything is checked before anything is written; the review then goes into kbg:reviews in one
SPARQL update (one transaction) that first removes an earlier version of the same review (same
claim, reviewer, date and normalised rating), so reviewing again corrects rather than duplicates.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kb import rdf
from kb.errors import UsageError
from kb.ratings import Rating, normalise
from kb.store import Rows, Store
from kb.vocab import KB, PREFIXES, REVIEWS_GRAPH

CLAIM_QUERY = """
PREFIX kbo: <https://kb.example.org/ontology#>
SELECT DISTINCT ?claim ?date WHERE { ?claim a kbo:Claim ; kbo:dateSaid ?date }
"""


@dataclass(frozen=True)
class Review:
    iri: str
    claim: str
    rating: Rating
    author: str
    date: date
    evidence: tuple[str, ...]


def claim_iri(text: str) -> str:
    """``kb:claim/…``, ``<https://…>`` or ``https://…`` -> the full IRI (UsageError otherwise)."""
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        value = str(PREFIXES[prefix]) + local
    try:
        ox.NamedNode(value)
        valid = ":" in value
    except ValueError:
        valid = False
    if not valid:
        raise UsageError(f"{text!r} is not a claim IRI",
                         hint="write kb:claim/<id> or the full IRI; kb query unreviewed_claims lists them")
    return value


def claim_date(store: Store, iri: str) -> date:
    """The date the claim was said; UsageError when the store holds no such claim."""
    rows = store.query(CLAIM_QUERY, {"claim": URIRef(iri)})
    assert isinstance(rows, Rows)
    dates = sorted(date.fromisoformat(str(row[1])) for row in rows.rows)
    if not dates:
        raise UsageError(f"no claim <{iri}> in the store",
                         hint="kb query unreviewed_claims (or claims_by_speaker) lists the claims' IRIs")
    return dates[0]


def evidence_iri(store: Store, text: str) -> str:
    """A web page (http/https URL) or a claim of the store."""
    value = text.strip()
    if value.startswith(("http://", "https://")) and not value.startswith(str(KB)):
        try:
            ox.NamedNode(value)
        except ValueError:
            raise UsageError(f"--evidence {text!r} is not a valid URL") from None
        return value
    try:
        iri = claim_iri(value)
    except UsageError:
        raise UsageError(f"--evidence {text!r} is neither a URL nor a claim",
                         hint="give an http(s):// URL of a source, or a claim as kb:claim/<id>") from None
    claim_date(store, iri)
    return iri


def review(store: Store, claim: str, rating: str, note: str, evidence: Sequence[str], author: str,
           day: date) -> Review:
    """Check everything, then write one schema:ClaimReview of ``claim`` into kbg:reviews."""
    iri = claim_iri(claim)
    said = claim_date(store, iri)
    normalised = normalise(rating)
    if not note.strip():
        raise UsageError("a review needs a note (--note) saying why it is rated so")
    if not author.strip():
        raise UsageError("a review needs an author", hint="pass --author NAME or set KB_REVIEWER")
    if not evidence:
        raise UsageError("a review needs evidence", hint="pass --evidence URL or --evidence kb:claim/<id>, repeatable")
    links = tuple(dict.fromkeys(evidence_iri(store, e) for e in evidence))
    if day < said:
        raise UsageError(f"the review date {day} is before the claim was made ({said})",
                         hint="a claim cannot be reviewed before it was made: check --date")
    node, rating_node, graph = rdf.review_graph(iri, normalised, " ".join(author.split()), day, note.strip(), links)
    store.update(_replace(node, rating_node, graph))
    return Review(node, iri, normalised, " ".join(author.split()), day, links)


def _replace(node: str, rating_node: str, graph: Graph) -> str:
    g = f"<{REVIEWS_GRAPH}>"
    triples = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in sorted(graph))
    return (f"DELETE WHERE {{ GRAPH {g} {{ <{node}> ?p ?o }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {g} {{ <{rating_node}> ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{\n{triples}\n}} }}")


# ---------------------------------------------------------------------- export

EXPORT_QUERY = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT ?review ?date ?rating ?claim ?text ?said ?speaker ?article
       (SAMPLE(?body_) AS ?body) (SAMPLE(?original_) AS ?original) (SAMPLE(?category_) AS ?category)
       (SAMPLE(?value_) AS ?value) (SAMPLE(?best_) AS ?best) (SAMPLE(?worst_) AS ?worst)
       (SAMPLE(?reviewer_) AS ?reviewer) (SAMPLE(?reviewerName_) AS ?reviewerName)
       (SAMPLE(?reviewerType_) AS ?reviewerType)
       (SAMPLE(COALESCE(?speakerDe, ?speakerEn, ?speakerAny)) AS ?speakerName)
       (SAMPLE(?speakerType_) AS ?speakerType) (SAMPLE(?sameAs_) AS ?sameAs)
       (SAMPLE(?url_) AS ?url) (SAMPLE(?headline_) AS ?headline) (SAMPLE(?published_) AS ?published)
       (GROUP_CONCAT(DISTINCT STR(?evidence); SEPARATOR=" ") AS ?citations)
WHERE {
  ?review a schema:ClaimReview ; schema:itemReviewed ?claim ; schema:datePublished ?date ;
          schema:reviewRating ?rating .
  OPTIONAL { ?review schema:reviewBody ?body_ }
  OPTIONAL { ?review schema:citation ?evidence }
  OPTIONAL { ?review schema:author ?reviewer_ .
             OPTIONAL { ?reviewer_ schema:name ?reviewerName_ } OPTIONAL { ?reviewer_ a ?reviewerType_ } }
  OPTIONAL { ?rating schema:alternateName ?original_ }
  OPTIONAL { ?rating schema:name ?category_ }
  OPTIONAL { ?rating schema:ratingValue ?value_ ; schema:bestRating ?best_ ; schema:worstRating ?worst_ }
  ?claim kbo:content/nif:anchorOf ?text ; kbo:dateSaid ?said ; schema:author ?speaker ;
         schema:appearance ?article .
  OPTIONAL { ?speaker rdfs:label ?speakerDe FILTER(LANGMATCHES(LANG(?speakerDe), "de")) }
  OPTIONAL { ?speaker rdfs:label ?speakerEn FILTER(LANGMATCHES(LANG(?speakerEn), "en")) }
  OPTIONAL { ?speaker rdfs:label ?speakerAny }
  OPTIONAL { ?speaker a ?speakerType_ }
  OPTIONAL { ?speaker owl:sameAs ?sameAs_ }
  OPTIONAL { ?article schema:url ?url_ }
  OPTIONAL { ?article schema:headline ?headline_ }
  OPTIONAL { ?article schema:datePublished ?published_ }
}
GROUP BY ?review ?date ?rating ?claim ?text ?said ?speaker ?article
ORDER BY ?date ?review
"""


def export_claimreview(store: Store) -> bytes:
    """Every review as schema.org ClaimReview JSON-LD: a JSON array, one object per review."""
    rows = store.query(EXPORT_QUERY, source="claimreview export")
    assert isinstance(rows, Rows)
    reviews = [_claimreview(dict(zip(rows.variables, row))) for row in rows.rows]
    return (json.dumps(reviews, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _claimreview(row: dict) -> dict:
    def text(name: str) -> str | None:
        return None if row.get(name) is None else str(row[name])

    rating = {"@type": "Rating", "@id": text("rating"), "alternateName": text("original")}
    if row.get("value") is not None:
        rating.update(ratingValue=int(row["value"]), bestRating=int(row["best"]), worstRating=int(row["worst"]))
    if row.get("category") is not None:
        rating["name"] = text("category")
    speaker = {"@type": _type(row.get("speakerType"), "Thing"), "@id": text("speaker"), "name": text("speakerName")}
    if row.get("sameAs") is not None:
        speaker["sameAs"] = text("sameAs")
    appearance = {"@type": "NewsArticle", "@id": text("article")}
    for key, name in (("url", "url"), ("headline", "headline"), ("datePublished", "published")):
        if row.get(name) is not None:
            appearance[key] = text(name)
    out = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": text("review"),
        "url": text("review"),
        "claimReviewed": text("text"),
        "itemReviewed": {"@type": "Claim", "@id": text("claim"), "author": speaker,
                         "datePublished": text("said"), "appearance": appearance},
        "reviewRating": rating,
        "datePublished": text("date"),
    }
    if row.get("reviewer") is not None:
        out["author"] = {"@type": _type(row.get("reviewerType"), "Person"), "@id": text("reviewer"),
                         "name": text("reviewerName")}
    if row.get("body") is not None:
        out["reviewBody"] = text("body")
    citations = text("citations")
    if citations:
        out["citation"] = [{"@id": c} for c in sorted(citations.split())]
    return out


def _type(term, default: str) -> str:
    """schema:Person -> "Person" (the schema.org context's own terms); other classes -> default."""
    value = "" if term is None else str(term)
    return value.removeprefix("http://schema.org/") if value.startswith("http://schema.org/") else default
