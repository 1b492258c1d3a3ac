"""The only place that builds triples: an article and its claims as RDF graphs.

Reads: an Article, its Claims, run metadata. Returns: ``ArticleGraphs`` (the article graph, its
provenance, its Wikidata links) as ``Triples`` (sets of rdflib-term triples; ``.graph()`` gives an
rdflib Graph), and JSON-ready claim records. Raises: nothing.
IRIs come from kb.iris (content-derived), so building the same article twice gives the same
triples, apart from the run's timestamps, which live in the provenance graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kb import iris
from kb.link import LINKER_ID, Link
from kb.model import Article, Claim, Entity, Issue, Proposition, Span
from kb.propositions import relation_labels
from kb.ratings import Rating
from kb.vocab import ACT, FORM, KBO, NIF, PREFIXES, SCHEMA, WD

ENTITY_CLASS = {
    "person": SCHEMA.Person,
    "organization": SCHEMA.Organization,
    "government": SCHEMA.GovernmentOrganization,
    "country": SCHEMA.Country,
    "city": SCHEMA.City,
    "event": SCHEMA.Event,
    "document": SCHEMA.CreativeWork,
    "group": SCHEMA.Organization,
    "concept": SCHEMA.DefinedTerm,
}


@dataclass
class Run:
    extractor_id: str
    tool_version: str
    started: datetime
    ended: datetime


class Triples(set):
    """The triples of one graph as a plain set of (s, p, o) rdflib terms: what the stores write.

    Filling an rdflib Graph cost half of the RDF stage for nothing (bench/throughput.py): the
    stores only iterate over the triples. ``graph()`` gives an rdflib Graph to query or serialise.
    """

    __slots__ = ()

    def graph(self) -> Graph:
        g = new_graph()
        for triple in self:
            g.add(triple)
        return g


@dataclass
class ArticleGraphs:
    graph_iri: str
    article_iri: str
    article: Triples
    provenance: Triples
    links: Triples


def new_graph() -> Graph:
    """A graph with kb's fixed, sorted prefixes bound, for serialising."""
    graph = Graph()
    for prefix, namespace in sorted(PREFIXES.items()):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _working_graph() -> Triples:
    """A graph to fill fast: a plain triple set (an rdflib Graph, even a SimpleMemory one without
    prefix bindings, took twice as long to fill)."""
    return Triples()


def claim_iri(article: Article, claim: Claim) -> str:
    return iris.claim(article.sha256, claim.content.start, claim.content.end, claim.speaker.key)


def build(article: Article, claims: list[Claim], run: Run) -> ArticleGraphs:
    g = _working_graph()
    links = _working_graph()
    art = URIRef(iris.article(article.sha256))
    _article(g, art, article)
    if article.publisher:
        publisher = next((c.speaker for c in claims if c.form == "narrator"), None)
        node = URIRef(iris.entity(publisher.key)) if publisher else URIRef(iris.entity(iris.slug(article.publisher)))
        g.add((art, SCHEMA.publisher, node))
        g.add((node, RDF.type, SCHEMA.Organization))
        g.add((node, RDFS.label, Literal(article.publisher)))
    run_iri = URIRef(iris.run(article.sha256, run.extractor_id, run.tool_version))
    ids = [URIRef(claim_iri(article, c)) for c in claims]
    for node, claim in zip(ids, claims):
        _claim(g, links, node, art, claim, run_iri)
        if claim.nested_in is not None:
            g.add((node, KBO.nestedIn, ids[claim.nested_in]))
        if claim.about_claim is not None:
            g.add((node, KBO.aboutClaim, ids[claim.about_claim]))
    graph_iri = iris.article_graph(article.sha256)
    return ArticleGraphs(graph_iri, str(art), g, _provenance(graph_iri, art, article, run, run_iri), links)


def _article(g: Triples, art: URIRef, article: Article) -> None:
    g.add((art, RDF.type, SCHEMA.NewsArticle))
    if article.title:
        g.add((art, SCHEMA.headline, Literal(article.title)))
    if article.date:
        g.add((art, SCHEMA.datePublished, Literal(article.date.isoformat(), datatype=XSD.date)))
    g.add((art, SCHEMA.inLanguage, Literal(article.language)))
    g.add((art, SCHEMA.text, Literal(article.text)))
    g.add((art, KBO.contentHash, Literal(article.sha256)))
    g.add((art, KBO.sourceHash, Literal(article.source_sha256)))
    g.add((art, SCHEMA.encodingFormat, Literal(article.media_type)))
    if article.section:
        g.add((art, SCHEMA.articleSection, Literal(article.section)))
    if article.url:
        g.add((art, SCHEMA.url, URIRef(article.url)))
    for author in article.authors:
        node = URIRef(iris.entity(f"author-{author}"))
        g.add((art, SCHEMA.author, node))
        g.add((node, RDF.type, SCHEMA.Person))
        g.add((node, RDFS.label, Literal(author)))
    for agency in article.agencies:
        g.add((art, KBO.agency, Literal(agency)))


def _span(g: Triples, node: URIRef, art: URIRef, span: Span) -> URIRef:
    g.add((node, RDF.type, KBO.TextSpan))
    g.add((node, NIF.referenceContext, art))
    g.add((node, NIF.beginIndex, Literal(span.start)))
    g.add((node, NIF.endIndex, Literal(span.end)))
    g.add((node, NIF.anchorOf, Literal(span.text)))
    return node


def _entity(g: Triples, links: Triples, entity: Entity) -> URIRef:
    node = URIRef(iris.entity(entity.key))
    g.add((node, RDF.type, ENTITY_CLASS.get(entity.type, SCHEMA.Thing)))
    g.add((node, RDFS.label, Literal(entity.label, lang="de")))
    if entity.label_en:
        g.add((node, RDFS.label, Literal(entity.label_en, lang="en")))
    g.add((node, KBO.entityKey, Literal(entity.key)))
    g.add((node, KBO.entityType, Literal(entity.type)))
    # Wikidata links are the linker's (kb.link → links_graph below), never the lexicon's QID.
    if entity.type == "group":
        for member in entity.key.split("+"):
            g.add((node, SCHEMA.member, URIRef(iris.entity(member))))
    return node


def _proposition(g: Triples, links: Triples, proposition: Proposition) -> URIRef:
    node = URIRef(iris.proposition(proposition.key))
    g.add((node, RDF.type, KBO.Proposition))
    g.add((node, RDFS.label, Literal(proposition.label_de, lang="de")))
    if proposition.label_en:
        g.add((node, RDFS.label, Literal(proposition.label_en, lang="en")))
    if proposition.subject is not None:
        g.add((node, KBO.subject, _entity(g, links, proposition.subject)))
    g.add((node, KBO.relationKey, Literal(proposition.relation)))
    if proposition.object is not None:
        target = _entity(g, links, proposition.object)
        g.add((node, KBO.object, target))
        for concept in proposition.broader:
            g.add((target, SKOS.broader, _entity(g, links, concept)))
    for issue in proposition.issues:
        g.add((node, KBO.issue, _issue(g, links, issue)))
    return node


def _issue(g: Triples, links: Triples, issue: Issue) -> URIRef:
    node = URIRef(iris.issue(issue.key))
    g.add((node, RDF.type, KBO.Issue))
    label_de, label_en = relation_labels(issue.relation)
    name_de, name_en = issue.object.label, issue.object.label_en or issue.object.label
    if issue.actor:  # 'Rex Tillerson – diplomatischer Kontakt'
        g.add((node, RDFS.label, Literal(f"{name_de} – {label_de}", lang="de")))
        g.add((node, RDFS.label, Literal(f"{name_en} – {label_en}", lang="en")))
        g.add((node, KBO.subject, _entity(g, links, issue.object)))
    else:
        g.add((node, RDFS.label, Literal(f"{label_de} – {name_de}", lang="de")))
        g.add((node, RDFS.label, Literal(f"{label_en} – {name_en}", lang="en")))
        g.add((node, KBO.object, _entity(g, links, issue.object)))
    g.add((node, KBO.relationKey, Literal(issue.relation)))
    return node


def _claim(g: Triples, links: Triples, node: URIRef, art: URIRef, claim: Claim, run_iri: URIRef) -> None:
    g.add((node, RDF.type, KBO.Claim))
    g.add((node, SCHEMA.author, _entity(g, links, claim.speaker)))
    g.add((node, KBO.speechAct, ACT[claim.act]))
    g.add((node, KBO.form, FORM[claim.form]))
    g.add((node, KBO.polarity, KBO[claim.polarity]))
    g.add((node, KBO.certainty, KBO[claim.certainty]))
    g.add((node, KBO.dateSaid, Literal(claim.date.isoformat(), datatype=XSD.date)))
    g.add((node, SCHEMA.appearance, art))
    g.add((node, KBO.extractionRule, Literal(claim.rule)))
    g.add((node, PROV.wasGeneratedBy, run_iri))
    g.add((node, KBO.content, _span(g, URIRef(iris.span(str(node), "content")), art, claim.content)))
    if claim.speaker_span is not None:
        g.add((node, KBO.speakerMention, _span(g, URIRef(iris.span(str(node), "speaker")), art, claim.speaker_span)))
    if claim.cue is not None:
        g.add((node, KBO.cue, _span(g, URIRef(iris.span(str(node), "cue")), art, claim.cue)))
    for proposition in claim.propositions:
        g.add((node, KBO.about, _proposition(g, links, proposition)))
    for mention in claim.mentions:
        g.add((node, SCHEMA.mentions, _entity(g, links, mention.entity)))


def _provenance(graph_iri: str, art: URIRef, article: Article, run: Run, run_iri: URIRef) -> Triples:
    g = _working_graph()
    graph = URIRef(graph_iri)
    g.add((graph, PROV.wasGeneratedBy, run_iri))
    g.add((graph, PROV.wasDerivedFrom, art))
    g.add((run_iri, RDF.type, KBO.ExtractionRun))
    g.add((run_iri, RDF.type, PROV.Activity))
    g.add((run_iri, PROV.startedAtTime, Literal(run.started.isoformat(), datatype=XSD.dateTime)))
    g.add((run_iri, PROV.endedAtTime, Literal(run.ended.isoformat(), datatype=XSD.dateTime)))
    g.add((run_iri, PROV.wasAssociatedWith, URIRef(iris.tool(run.tool_version))))
    g.add((run_iri, KBO.toolVersion, Literal(run.tool_version)))
    g.add((run_iri, KBO.extractorId, Literal(run.extractor_id)))
    g.add((run_iri, KBO.sourceHash, Literal(article.source_sha256)))
    g.add((run_iri, SCHEMA.name, Literal(article.source)))
    return g


def claim_record(article: Article, claim: Claim) -> dict:
    """The extraction contract: one JSON object per claim (kb extract --format jsonl)."""
    def span(s: Span | None) -> dict | None:
        return None if s is None else {"text": s.text, "start": s.start, "end": s.end}

    label = claim.speaker.label_en if article.language == "en" and claim.speaker.label_en else claim.speaker.label
    speaker = {"label": label, "text": None, "start": None, "end": None, "wikidata": claim.speaker.wikidata}
    if claim.speaker_span is not None:
        speaker.update(span(claim.speaker_span))
    return {
        "source": article.source,
        "article": iris.article(article.sha256),
        "id": claim_iri(article, claim),
        "speaker": speaker,
        "cue": span(claim.cue),
        "content": span(claim.content),
        "form": claim.form,
        "act": claim.act,
        "polarity": claim.polarity,
        "certainty": claim.certainty,
        "date": claim.date.isoformat(),
        "proposition": iris.proposition(claim.proposition.key) if claim.proposition else None,
        "propositions": [iris.proposition(p.key) for p in claim.propositions],
        "proposition_label": claim.proposition.label_en if claim.proposition else None,
        "rule": claim.rule,
    }


# ---------------------------------------------------------------------- fact-check reviews

def review_graph(claim: str, rating: Rating, author: str, day: date, note: str,
                 evidence: tuple[str, ...]) -> tuple[str, str, Graph]:
    """A schema:ClaimReview of ``claim`` (for kbg:reviews): (review IRI, rating IRI, graph).

    The review IRI is derived from the claim, the reviewer, the date and the normalised rating;
    the rating is an IRI node beside it holding the original text, the category and, on the
    1..5 scale, the value with its best and worst. Evidence (URLs or claims) is schema:citation.
    """
    g = new_graph()
    reviewer = URIRef(f"{iris.ID}reviewer/{iris.slug(author)}")
    node = URIRef(f"{iris.ID}review/{iris.digest(claim, iris.slug(author), day.isoformat(), rating.category)}")
    rating_node = URIRef(f"{node}/rating")
    g.add((node, RDF.type, SCHEMA.ClaimReview))
    g.add((node, SCHEMA.itemReviewed, URIRef(claim)))
    g.add((node, SCHEMA.reviewRating, rating_node))
    g.add((node, SCHEMA.author, reviewer))
    g.add((node, SCHEMA.datePublished, Literal(day.isoformat(), datatype=XSD.date)))
    g.add((node, SCHEMA.reviewBody, Literal(note)))
    for link in evidence:
        g.add((node, SCHEMA.citation, URIRef(link)))
    g.add((rating_node, RDF.type, SCHEMA.Rating))
    g.add((rating_node, SCHEMA.alternateName, Literal(rating.original)))
    g.add((rating_node, SCHEMA.name, Literal(rating.category)))
    if rating.value is not None:
        g.add((rating_node, SCHEMA.ratingValue, Literal(rating.value)))
        g.add((rating_node, SCHEMA.bestRating, Literal(rating.best)))
        g.add((rating_node, SCHEMA.worstRating, Literal(rating.worst)))
    g.add((reviewer, RDF.type, SCHEMA.Person))
    g.add((reviewer, SCHEMA.name, Literal(author)))
    g.add((reviewer, RDFS.label, Literal(author)))
    return str(node), str(rating_node), g


# ---------------------------------------------------------------------- Wikidata links

SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
_LINKED = {"accepted": OWL.sameAs, "review": SKOS.closeMatch}


def links_graph(links: list[Link], tool_version: str) -> Graph:
    """Accepted links as ``owl:sameAs``, review candidates as ``skos:closeMatch`` (for kbg:links).

    Each link has a record (an SSSOM mapping, i.e. an ``owl:Axiom`` annotating the link triple)
    with an IRI derived from entity, predicate and QID: ``sssom:confidence`` (the score),
    ``sssom:mapping_justification``, the reasons as ``rdfs:comment``, ``prov:generatedAtTime``
    (when the Wikidata facts were fetched) and ``prov:wasGeneratedBy`` the linking activity,
    which ``prov:used`` the endpoint (or the seed file's URN). Re-linking from the same facts
    gives the same triples. Links with no candidates (none, pending, skipped) add nothing.
    """
    g = new_graph()
    g.bind("sssom", SSSOM)
    g.bind("semapv", SEMAPV)
    for link in links:
        predicate = _LINKED.get(link.status)
        if predicate is None or not link.candidates:
            continue
        activity = URIRef(f"{iris.ID}linking/{iris.digest(link.source, LINKER_ID, tool_version)}")
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, PROV.used, URIRef(link.source)))
        g.add((activity, PROV.wasAssociatedWith, URIRef(iris.tool(tool_version))))
        g.add((activity, RDFS.label, Literal(f"Wikidata linking ({LINKER_ID}) with {link.source}")))
        entity = URIRef(iris.entity(link.key))
        for candidate in link.candidates:
            target = WD[candidate.qid]
            record = URIRef(link_record_iri(link.key, str(predicate), candidate.qid))
            g.add((entity, predicate, target))
            g.add((record, RDF.type, OWL.Axiom))
            g.add((record, OWL.annotatedSource, entity))
            g.add((record, OWL.annotatedProperty, predicate))
            g.add((record, OWL.annotatedTarget, target))
            g.add((record, SSSOM.confidence, Literal(f"{candidate.score:.4f}", datatype=XSD.double)))
            g.add((record, SSSOM.mapping_justification, SEMAPV.CompositeMatching))
            g.add((record, SSSOM.mapping_tool, Literal(LINKER_ID)))
            g.add((record, RDFS.comment, Literal("; ".join(candidate.reasons))))
            g.add((record, PROV.wasGeneratedBy, activity))
            if candidate.retrieved:
                g.add((record, PROV.generatedAtTime, Literal(candidate.retrieved, datatype=XSD.dateTime)))
    return g


def link_record_iri(key: str, predicate: str, qid: str) -> str:
    return f"{iris.ID}link/{iris.digest(iris.entity(key), predicate, qid)}"


def links_update(graph_iri: str, keys: list[str], links: Graph) -> str:
    """One SPARQL update (one transaction): drop the links and link records of the entities
    ``keys`` from ``graph_iri``, insert ``links``, and drop linking activities nothing uses."""
    entities = " ".join(f"<{iris.entity(k)}>" for k in sorted(set(keys)))
    g = f"<{graph_iri}>"
    parts = [
        f"DELETE {{ GRAPH {g} {{ ?record ?p ?o }} }} WHERE {{ GRAPH {g} {{ VALUES ?entity {{ {entities} }} "
        f"?record <{OWL.annotatedSource}> ?entity ; ?p ?o }} }}",
        f"DELETE {{ GRAPH {g} {{ ?entity ?p ?o }} }} WHERE {{ GRAPH {g} {{ VALUES ?entity {{ {entities} }} "
        f"VALUES ?p {{ <{OWL.sameAs}> <{SKOS.closeMatch}> }} ?entity ?p ?o }} }}",
    ]
    if len(links):
        parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{links.serialize(format='nt')}\n}} }}")
    parts.append(f"DELETE {{ GRAPH {g} {{ ?activity ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?activity a <{PROV.Activity}> ; "
                 f"?p ?o }} MINUS {{ GRAPH {g} {{ ?record <{PROV.wasGeneratedBy}> ?activity }} }} }}")
    return " ;\n".join(parts)


def similarity_graph(links, method: str, threshold: float) -> Triples:
    """kbg:similarity: one kbo:SimilarityLink per pair (score, method, threshold, shared entities)
    and kbo:similarTo both ways for convenience; never owl:sameAs."""
    g = _working_graph()
    for link in links:
        node = URIRef(f"{iris.ID}similarity/{iris.digest(*sorted((link.a, link.b)), method)}")
        a, b = URIRef(link.a), URIRef(link.b)
        g.add((node, RDF.type, KBO.SimilarityLink))
        g.add((node, KBO.linkedClaim, a))
        g.add((node, KBO.linkedClaim, b))
        g.add((node, KBO.score, Literal(str(link.score), datatype=XSD.decimal)))
        g.add((node, KBO.method, Literal(method)))
        g.add((node, KBO.threshold, Literal(str(threshold), datatype=XSD.decimal)))
        for entity in link.shared_entities:
            g.add((node, KBO.sharedEntity, URIRef(entity)))
        g.add((a, KBO.similarTo, b))
        g.add((b, KBO.similarTo, a))
    return g
