"""Namespaces and the terms of kb's own ontology that the code uses.

Reads: nothing. Returns: nothing. Raises: nothing.
Every ``KBO``/``ACT``/``FORM`` term used here is declared in ``ontology/kb.ttl``;
tests/test_conventions.py checks both directions.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD



class _Namespace(Namespace):
    """A Namespace that makes each of its terms once: rdflib's builds a new URIRef, checking the
    IRI, on every ``KBO.speechAct``, and kb.rdf asks for the same few dozen terms for every claim."""

    def term(self, name: str) -> URIRef:
        terms = _TERMS.get(str(self))
        if terms is None:
            terms = _TERMS[str(self)] = {}
        found = terms.get(name)
        if found is None:
            found = terms[name] = Namespace.term(self, name)
        return found


_TERMS: dict[str, dict[str, URIRef]] = {}

BASE = "https://kb.example.org/"
KBO = _Namespace(BASE + "ontology#")
ACT = _Namespace(BASE + "ontology/act#")
FORM = _Namespace(BASE + "ontology/form#")
KB = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
# schema.org with http, as Wikidata uses it (rdflib binds https by default).
SCHEMA = _Namespace("http://schema.org/")
NIF = _Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "act": ACT,
    "dcterms": DCTERMS,
    "form": FORM,
    "kb": KB,
    "kbg": GRAPH,
    "kbo": KBO,
    "nif": NIF,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "sh": SH,
    "skos": SKOS,
    "wd": WD,
    "wdt": WDT,
    "xsd": XSD,
}

# Speech acts of the scheme (ontology/kb.ttl declares each as a skos:Concept).
SPEECH_ACTS = (
    "assert", "deny", "accuse", "believe", "criticize", "demand", "agree", "plan",
    "praise", "warn", "announce", "confirm", "ask", "hope", "reject", "report",
)
FORMS = ("direct", "indirect", "free-indirect", "reported", "narrator")
POLARITIES = ("positive", "negative")
CERTAINTIES = ("certain", "hedged")

# Classes and properties kb's own namespace defines.
KBO_TERMS = (
    "Claim", "Proposition", "Issue", "issue", "TextSpan", "SpeechAct", "Form", "Polarity", "Certainty",
    "ExtractionRun", "SpeechActScheme", "FormScheme",
    "speechAct", "form", "polarity", "certainty", "dateSaid", "about", "content",
    "speakerMention", "cue", "extractionRule", "nestedIn", "aboutClaim",
    "subject", "relation", "object", "relationKey", "entityKey", "contentHash", "sourceHash",
    "agency", "extractorId", "toolVersion", "positive", "negative", "certain", "hedged",
    "mentionSpan", "Mention", "entityType",
    "repeats", "reverses", "contradicts", "followsUp",
    "SimilarityLink", "similarTo", "linkedClaim", "score", "method", "threshold", "sharedEntity",
)

ARTICLE_GRAPH_PREFIX = GRAPH["article/"]
PROVENANCE_GRAPH = GRAPH["provenance"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
LINKS_GRAPH = GRAPH["links"]
REVIEWS_GRAPH = GRAPH["reviews"]
CORRECTIONS_GRAPH = GRAPH["corrections"]
RELATIONS_GRAPH = GRAPH["relations"]
SIMILARITY_GRAPH = GRAPH["similarity"]
