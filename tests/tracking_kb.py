"""Helpers for the tracking and review tests: the fixture KB (kb.trig + tracking.trig + the
ontology) in a store, and the CLI run in process without keeping a store open afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import rdflib
from typer.testing import Result

from kb.store import ExportFormat, Store, from_ox
from kb.vocab import ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "queries"
QUERY_DIR = ROOT / "queries"
CLEAN_ENV = {"KB_STORE": None, "KB_DEBUG": None, "KB_HOME": None, "KB_REVIEWER": None}
KB = "https://kb.example.org/id/"
C = {n: f"{KB}claim/c{n // 10}0000000000000{n % 10}" for n in (11, 12, 13, 14, 21, 22, 23, 24, 31)}
P1, P2, P3 = (f"{KB}proposition/{d * 16}" for d in "123")


def fixture_graphs(*names: str) -> dict[str, rdflib.Graph]:
    graphs: dict[str, rdflib.Graph] = {}
    for name in names:
        for quad in ox.parse(path=FIXTURES / name, format=ox.RdfFormat.TRIG):
            graphs.setdefault(quad.graph_name.value, rdflib.Graph()).add(
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    graphs[str(ONTOLOGY_GRAPH)] = rdflib.Graph().parse(ROOT / "ontology" / "kb.ttl")
    return graphs


def fixture_store(path: Path | None = None, *names: str) -> Store:
    """kb.trig and tracking.trig (or ``names``) in a store (in memory unless ``path``)."""
    store = Store(path)
    store.replace_graphs(fixture_graphs(*(names or ("kb.trig", "tracking.trig"))))
    return store


def kb(*args: object, env: dict | None = None) -> Result:
    """``kb ARGS`` in process, the store lock released (conftest.run_kb)."""
    from conftest import run_kb

    return run_kb(*args, env=env)


def snapshot(path: Path) -> bytes:
    """The store at ``path`` as sorted N-Quads, closed again afterwards."""
    store = Store(path)
    lines = sorted(store.dump(ExportFormat.nquads).splitlines())
    del store
    gc.collect()
    return b"\n".join(lines)
