"""kb serve: the SPARQL 1.1 Protocol endpoint over the embedded store, with SPARQLWrapper as the client.

Each server runs in a thread on 127.0.0.1 and a free port: results in JSON, XML, CSV and TSV and
graphs in Turtle, N-Triples and TriG by content negotiation, GET and POST, the dataset parameters,
updates refused without the token (401) or on a read-only endpoint (403), CORS, the query timeout,
and kb's own RemoteStore reading it like the embedded store.
"""

from __future__ import annotations

import csv
import io
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from kb import queries
from kb.errors import StoreError
from kb.pipeline import ingest
from kb.remote import RemoteStore
from kb.serve import make_server, negotiate
from kb.store import Store
from test_remote_parity import _compare as same_rows

TOKEN = "s3cret-token"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
INSERT = "INSERT DATA { GRAPH <https://kb.example.org/graph/test> { <urn:a> <urn:b> \"c\" } }"


def _serve(store: Store, **options):
    server = make_server(store, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/sparql"


def _stop(server) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def read_only(seed_store: Store):
    server, url = _serve(seed_store, timeout=0.5)
    yield url
    _stop(server)


@pytest.fixture
def writable(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    server, url = _serve(store, token=TOKEN)
    yield url, store
    _stop(server)


def _client(url: str, query: str, fmt: str = JSON, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def _request(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


# ---------------------------------------------------------------------- queries

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_as_json_by_get_and_post(read_only: str, seed_store: Store, method: str) -> None:
    result = _client(read_only, COUNT, JSON, method).queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == len(seed_store)


def test_select_as_xml_csv_and_tsv(read_only: str) -> None:
    query = "SELECT ?claim ?date WHERE { ?claim <https://kb.example.org/ontology#dateSaid> ?date } ORDER BY ?claim"
    rows = _client(read_only, query).queryAndConvert()["results"]["bindings"]
    assert len(rows) > 10
    xml = _client(read_only, query, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == len(rows)
    table = list(csv.reader(io.StringIO(_client(read_only, query, CSV).queryAndConvert().decode())))
    assert table[0] == ["claim", "date"] and len(table) == len(rows) + 1
    tsv = _client(read_only, query, TSV).queryAndConvert().decode().splitlines()
    assert tsv[0] == "?claim\t?date" and tsv[1].startswith("<https://kb.example.org/id/claim/")


def test_ask(read_only: str) -> None:
    assert _client(read_only, "ASK { ?c a <https://kb.example.org/ontology#Claim> }").queryAndConvert()["boolean"]


@pytest.mark.parametrize("media, fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                        ("application/trig", ox.RdfFormat.TRIG)])
def test_construct_by_content_negotiation(read_only: str, media: str, fmt) -> None:
    query = "CONSTRUCT { ?c a ?t } WHERE { ?c a ?t } LIMIT 20"
    client = _client(read_only, query, TURTLE)
    client.addCustomHttpHeader("Accept", media)
    response = client.query().response
    assert response.headers["Content-Type"].startswith(media)
    assert len(list(ox.parse(response.read(), format=fmt))) == 20


def test_dataset_parameters_choose_the_graphs(read_only: str, seed_store: Store) -> None:
    ontology = "https://kb.example.org/graph/ontology"
    client = _client(read_only, COUNT)
    client.addDefaultGraph(ontology)
    n = int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
    assert n == len(seed_store.union([ontology])) > 0
    client = _client(read_only, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    client.addNamedGraph(ontology)
    assert [b["g"]["value"] for b in client.queryAndConvert()["results"]["bindings"]] == [ontology]


def test_errors_are_http_answers(read_only: str) -> None:
    with pytest.raises(QueryBadFormed):
        _client(read_only, "SELECT WHERE {").query()
    status, _, body = _request(read_only + "?query=ASK%7B%7D", headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body
    assert _request(read_only)[0] == 400
    assert _request(read_only.replace("/sparql", "/nothing"))[0] == 404
    assert _request(read_only + "?update=CLEAR%20ALL")[0] == 405


def test_a_slow_query_times_out(read_only: str) -> None:
    status, _, body = _request(read_only + "?query=" + urllib.request.quote(
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"), headers={"Accept": "text/csv"})
    assert status == 503 and b"timed out" in body


def test_cors(read_only: str) -> None:
    status, headers, _ = _request(read_only, "OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Authorization" in headers["Access-Control-Allow-Headers"]
    _, headers, _ = _request(read_only + "?query=ASK%7B%7D")
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_negotiate() -> None:
    offers = [("application/sparql-results+json", 1), ("text/csv", 2)]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("text/csv;q=0.9, application/*;q=0.5", offers) == offers[1]
    assert negotiate("text/*", offers) == offers[1]
    assert negotiate("image/png", offers) is None


# ---------------------------------------------------------------------- updates

def test_a_read_only_endpoint_refuses_updates(read_only: str, seed_store: Store) -> None:
    client = _client(read_only, INSERT, method=POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert seed_store.query("ASK { <urn:a> ?p ?o }") is False


def test_updates_need_the_token(writable) -> None:
    url, store = writable
    before = len(store)
    with pytest.raises(Unauthorized):
        _client(url, INSERT, method=POST).query()
    client = _client(url, INSERT, method=POST)
    client.addCustomHttpHeader("Authorization", "Bearer wrong")
    with pytest.raises(Unauthorized):
        client.query()
    assert len(store) == before
    client = _client(url, INSERT, method=POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.query()
    assert len(store) == before + 1
    status, _, _ = _request(url, "POST", INSERT.replace('"c"', '"d"').encode(),
                            {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert status == 204 and len(store) == before + 2


def test_remote_store_reads_and_writes_through_kb_serve(writable, seed_store: Store) -> None:
    url, store = writable
    remote = RemoteStore(url, user="kb", password=TOKEN)  # Basic, the token as password
    for query in queries.list_queries():
        if not any(not p.optional for p in query.params):
            rows, problem = same_rows(seed_store.query(query.text), remote.query(query.text), query.text)
            assert problem is None, f"{query.name}: {problem}"
    remote.update(INSERT)
    assert store.query("ASK { <urn:a> <urn:b> \"c\" }") is True
    with pytest.raises(StoreError, match="401"):
        RemoteStore(url, user="kb", password="wrong").update(INSERT)


def test_cannot_listen_twice(read_only: str, seed_store: Store) -> None:
    port = int(read_only.rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(StoreError, match="cannot listen"):
        make_server(seed_store, port=port)
