"""The kb command line end to end (typer's CliRunner, in process), one store per test under tmp_path.

One test (or parametrised case) per documented exit code (README "Exit codes"), each error
checked for: the code, one ``error: ...`` line naming the problem (and at most a ``hint:``
line), no traceback, and, for ingest, a store left exactly as it was (quad count and N-Quads).
Then the happy paths: re-ingesting changes nothing, the extraction contract, export formats
that parse back, stats.

CliRunner in typer 0.29 keeps stderr apart from stdout (``result.stderr``; it has no
``mix_stderr``). It keeps the traceback of the SystemExit a command ends with, and with it the
command's frames and their open Store, whose lock would then block the next open in this
process: ``_kb`` clears those frames after each call.
"""

from __future__ import annotations

import gc
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from typer.testing import Result

import kb.pipeline

from conftest import run_kb
from kb.store import ExportFormat, Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
SHAPES = ROOT / "shapes"
README = (ROOT / "README.md").read_text(encoding="utf-8")

GOOD_ARTICLE = "Gipfel in Hamburg\n\n2. Mai 2017\n\nKremlchef Wladimir Putin sagte, Russland habe sich nie eingemischt.\n"


# ---------------------------------------------------------------------------- helpers

def _kb(*args: object, env: dict | None = None) -> Result:
    return run_kb(*args, env=env)


def _snapshot(path: Path) -> tuple[int, bytes]:
    """(quad count, N-Quads dump) of the store at ``path``; the store is closed again afterwards."""
    store = Store(path)
    count, dump = len(store), store.dump(ExportFormat.nquads)
    del store
    gc.collect()
    return count, dump


def _assert_error(result: Result, code: int, *words: str) -> str:
    """The exit code, one ``error:`` line naming the problem (words), an optional ``hint:``, no traceback."""
    output = result.stdout + result.stderr
    assert result.exit_code == code, f"exit {result.exit_code}, expected {code}\n{output}"
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert lines, "nothing on stderr"
    assert lines[0].startswith("error: "), f"first stderr line is not an error: {result.stderr!r}"
    assert len(lines) <= 2, f"more than error + hint on stderr: {result.stderr!r}"
    if len(lines) == 2:
        assert lines[1].startswith("hint: "), result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), f"{word!r} not in {lines[0]!r}"
    return lines[0]


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "store"
    result = _kb("ingest", SEEDS, "--store", path)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def seeded(seeded_template: Path, tmp_path: Path) -> Path:
    """A store under tmp_path holding the two seed articles (a copy of one ingested per module)."""
    path = tmp_path / "store"
    shutil.copytree(seeded_template, path)
    return path


# ---------------------------------------------------------------------------- exit 0

def test_exit_0_ingest_then_query(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = _kb("ingest", SEEDS, "--store", store)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert re.search(r"2 files, 2 articles \(2 written, 0 unchanged\)", result.stderr), result.stderr
    assert result.stdout == ""

    result = _kb("query", "claims", "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert rows[0].split(",")[:3] == ["date", "speaker", "act"]
    assert len(rows) > 10

    result = _kb("query", "cross_article_claims", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["results"]["bindings"]) >= 1  # the two seeds share propositions

    result = _kb("queries")
    assert result.exit_code == 0 and "claims_by_speaker" in result.stdout


def test_kb_store_environment_variable(seeded: Path) -> None:
    result = _kb("stats", env={"KB_STORE": str(seeded)})
    assert result.exit_code == 0, result.output
    assert "articles\t2" in result.stdout


def test_ingest_twice_writes_nothing(seeded: Path) -> None:
    before = _snapshot(seeded)
    result = _kb("ingest", SEEDS, "--store", seeded)
    assert result.exit_code == 0, result.output
    assert "(0 written, 2 unchanged)" in result.stderr, result.stderr
    assert f"{before[0]} quads" in result.stderr
    assert _snapshot(seeded) == before


def test_seeds_conform(seeded: Path) -> None:
    result = _kb("validate", "--store", seeded)
    assert result.exit_code == 0, result.stdout[-2000:]
    assert result.stdout.strip().endswith("conforms: no results")
    assert result.stderr == ""


# ---------------------------------------------------------------------------- exit 1

def test_exit_1_validate_non_conforming(seeded: Path) -> None:
    store = Store(seeded)
    store.update("DELETE WHERE { GRAPH ?g { ?c <http://schema.org/author> ?a } }")
    store.flush()
    del store
    gc.collect()

    result = _kb("validate", "--store", seeded)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "kbs:Claim-speaker" in result.stdout
    assert "does not conform" in result.stdout

    result = _kb("validate", "--store", seeded, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert "https://kb.example.org/shapes#Claim-speaker" in {r["shape"] for r in report["results"]}


# ---------------------------------------------------------------------------- exit 2

STORE = "{store}"  # replaced by the test's store
USAGE_CASES = {
    "unknown query": (["query", "no_such_query", "--store", STORE], ["unknown query", "no_such_query"]),
    "unknown param": (["query", "claims_by_speaker", "--param", "nosuch=1", "--store", STORE], ["nosuch"]),
    "param not k=v": (["query", "claims_by_speaker", "--param", "speaker", "--store", STORE], ["--param"]),
    "missing param": (["query", "claims_by_speaker", "--store", STORE], ["speaker"]),
    "bad date param": (["query", "claim_timeline", "--param", "topic=kb:entity/russia", "--param", "since=notadate",
                        "--store", STORE], ["since", "date"]),
    "bad ingest date": (["ingest", SEEDS, "--date", "2017-13-45", "--store", STORE], ["date", "2017-13-45"]),
    "bad extract date": (["extract", SEEDS, "--date", "gestern"], ["date", "gestern"]),
    "no query given": (["query", "--store", STORE], ["one of"]),
    "name and -e": (["query", "claims", "-e", "ASK {}", "--store", STORE], ["one of"]),
    "missing query file": (["query", "--file", "/nonexistent/q.rq", "--store", STORE], ["q.rq"]),
}


@pytest.mark.parametrize("args,words", USAGE_CASES.values(), ids=USAGE_CASES.keys())
def test_exit_2_usage(seeded: Path, args: list, words: list[str]) -> None:
    before = _snapshot(seeded)
    _assert_error(_kb(*(seeded if a == STORE else a for a in args)), 2, *words)
    assert _snapshot(seeded) == before


# ---------------------------------------------------------------------------- exit 3

def _missing(d: Path) -> list[Path]:
    return [d / "fehlt.txt"]


def _write(name: str, data: bytes) -> Callable[[Path], list[Path]]:
    def make(d: Path) -> list[Path]:
        (d / name).write_bytes(data)
        return [d / name]
    return make


def _good_then_bad(d: Path) -> list[Path]:
    (d / "2017-05-02_gut.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    return [d / "2017-05-02_gut.txt", d / "fehlt.txt"]


def _empty_folder(d: Path) -> list[Path]:
    (d / "leer").mkdir()
    (d / "leer" / "notes.md").write_text("nothing", encoding="utf-8")
    return [d / "leer"]


LATIN1 = ("Gipfel in Hamburg\n\n2. Mai 2017\n\nDer Präsident sagte, er sei müde und es gäbe "
          "keine Einmischung.\n").encode("latin-1")
INPUT_CASES = {
    "missing file": (_missing, ["fehlt.txt", "no such file"]),
    "empty file": (_write("leer.txt", b""), ["leer.txt", "empty"]),
    "blank file": (_write("blank.txt", b"  \n\n \t\n"), ["blank.txt", "empty"]),
    "binary file": (_write("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), ["bild.txt", "binary"]),
    "latin-1 file": (_write("latin.txt", LATIN1), ["latin.txt", "UTF-8"]),
    "no date": (_write("undatiert.txt", "Gipfel in Hamburg\n\nPutin sagte, Russland habe sich nie "
                       "eingemischt. Trump widersprach.\n".encode()), ["undatiert.txt", "date"]),
    "malformed JSON line": (_write("artikel.jsonl", b'{"title": "A", "date": "2017-05-02", "text": "Putin sagte, '
                                   b'er sei da."}\n{"title": "B", "text": \n'), ["artikel.jsonl:2", "JSON"]),
    "JSON line without text": (_write("ohne.jsonl", b'{"title": "A", "date": "2017-05-02"}\n'), ["ohne.jsonl:1", "text"]),
    "bad JSON date": (_write("datum.jsonl", b'{"date": "irgendwann", "text": "Putin sagte, er sei da."}\n'),
                      ["datum.jsonl:1", "irgendwann"]),
    "good file then a bad one": (_good_then_bad, ["fehlt.txt"]),
    "folder without articles": (_empty_folder, ["leer", "no article files"]),
}


@pytest.mark.parametrize("make,words", INPUT_CASES.values(), ids=INPUT_CASES.keys())
def test_exit_3_input_leaves_store_as_it_was(seeded: Path, tmp_path: Path, make, words: list[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = make(inputs)
    before = _snapshot(seeded)
    _assert_error(_kb("ingest", *paths, "--store", seeded), 3, *words)
    assert _snapshot(seeded) == before


@pytest.mark.parametrize("make,words", [INPUT_CASES["latin-1 file"], INPUT_CASES["no date"],
                                        INPUT_CASES["malformed JSON line"]], ids=["latin-1", "no date", "jsonl"])
def test_exit_3_extract(tmp_path: Path, make, words: list[str]) -> None:
    _assert_error(_kb("extract", *make(tmp_path)), 3, *words)


def test_keep_going_skips_bad_files(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "leer.txt").write_bytes(b"")
    result = _kb("ingest", SEEDS, tmp_path / "leer.txt", "--keep-going", "--store", store)
    assert result.exit_code == 0, result.output
    assert re.search(r"^skipped: .*leer\.txt", result.stderr, re.M), result.stderr
    assert "2 articles (2 written" in result.stderr


def test_ingest_error_is_the_first_stderr_line(seeded: Path) -> None:
    _assert_error(_kb("ingest", seeded.parent / "fehlt.txt", "--store", seeded), 3, "fehlt.txt")


def test_failed_ingest_creates_no_store(tmp_path: Path) -> None:
    store = tmp_path / "new-store"
    _assert_error(_kb("ingest", tmp_path / "fehlt.txt", "--store", store), 3, "fehlt.txt")
    assert not store.exists()


# ---------------------------------------------------------------------------- exit 4

def test_exit_4_expression(seeded: Path) -> None:
    _assert_error(_kb("query", "-e", "SELECT WHERE {", "--store", seeded), 4, "SPARQL")


def test_exit_4_query_file(seeded: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.rq"
    broken.write_text("#+ summary: a broken query\nSELECT WHERE { ?s ?p ?o }\n", encoding="utf-8")
    _assert_error(_kb("query", "--file", broken, "--store", seeded), 4, "broken.rq", "SPARQL")


@pytest.mark.parametrize("how", ["file", "expression"])
def test_exit_4_multiline_parser_message(seeded: Path, tmp_path: Path, how: str) -> None:
    sparql = "SELECT ?s WHERE { ?s ?p "
    broken = tmp_path / "broken.rq"
    broken.write_text(f"#+ summary: a broken query\n{sparql}\n", encoding="utf-8")
    args = ["--file", broken] if how == "file" else ["-e", sparql]
    _assert_error(_kb("query", *args, "--store", seeded), 4, "SPARQL")


# ---------------------------------------------------------------------------- exit 5

def test_exit_5_broken_shapes(seeded: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                                       "<urn:x:Shape> a sh:NodeShape ; sh:targetClass \n", encoding="utf-8")
    _assert_error(_kb("validate", "--shapes", shapes, "--store", seeded), 5, "broken.ttl")


def test_relative_shapes_dir(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SHAPES, tmp_path / "myshapes")
    absolute = _kb("validate", "--shapes", tmp_path / "myshapes", "--store", seeded, "--format", "json")
    monkeypatch.chdir(tmp_path)
    relative = _kb("validate", "--shapes", "myshapes", "--store", seeded, "--format", "json")
    assert (relative.exit_code, relative.stdout) == (absolute.exit_code, absolute.stdout), relative.stderr


# ---------------------------------------------------------------------------- exit 6

STORE_COMMANDS = {
    "stats": ["stats"],
    "query": ["query", "claims"],
    "validate": ["validate"],
    "export": ["export"],
    "ingest": ["ingest", SEEDS],
}


@pytest.mark.parametrize("args", STORE_COMMANDS.values(), ids=STORE_COMMANDS.keys())
def test_exit_6_store_is_a_file(tmp_path: Path, args: list) -> None:
    regular = tmp_path / "not-a-store"
    regular.write_text("just a file\n", encoding="utf-8")
    _assert_error(_kb(*args, "--store", regular), 6, "store")
    assert regular.read_text(encoding="utf-8") == "just a file\n"


@pytest.mark.parametrize("command", ["stats", "validate", "export"])
def test_exit_6_no_store(tmp_path: Path, command: str) -> None:
    _assert_error(_kb(command, "--store", tmp_path / "absent"), 6, "no knowledge base")
    assert not (tmp_path / "absent").exists()


# ---------------------------------------------------------------------------- exit 70

def test_exit_70_internal_error(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(store):
        raise RuntimeError("boom")

    monkeypatch.setattr(kb.pipeline, "stats", boom)
    _assert_error(_kb("stats", "--store", seeded), 70, "internal error", "RuntimeError", "boom")
    result = _kb("stats", "--store", seeded, env={"KB_DEBUG": "1"})
    assert isinstance(result.exception, RuntimeError)


# ---------------------------------------------------------------------------- extraction contract

def _contract() -> dict:
    match = re.search(r"## The extraction contract.*?```json\n(.*?)```", README, re.S)
    assert match, "README has no JSON example under 'The extraction contract'"
    return json.loads(match.group(1))


def test_extract_follows_the_contract() -> None:
    assert len(SEED_FILES) == 2
    contract = _contract()
    result = _kb("extract", *SEED_FILES, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) > 10
    assert {r["source"] for r in records} == {str(p) for p in SEED_FILES}
    texts = {str(p): p.read_bytes().decode("utf-8-sig") for p in SEED_FILES}
    spans = 0
    for record in records:
        assert set(record) == set(contract), record
        assert set(record["speaker"]) == set(contract["speaker"])
        assert set(record["content"]) == set(contract["content"])
        assert record["cue"] is None or set(record["cue"]) == set(contract["cue"])
        text = texts[record["source"]]
        for key in ("content", "cue", "speaker"):
            span = record[key]
            if span is None or span["start"] is None:
                continue
            assert text[span["start"]:span["end"]] == span["text"], (key, record)
            spans += 1
    assert spans >= 2 * len(records)


def test_extract_table() -> None:
    result = _kb("extract", *SEED_FILES, "--format", "table")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) > 10


# ---------------------------------------------------------------------------- export, stats

# JSON-LD keeps the named graphs (one {"@id": graph, "@graph": [...]} per graph): read it as a Dataset.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own parsers use ConjunctiveGraph
@pytest.mark.parametrize("fmt,kind", [("trig", "dataset"), ("nquads", "dataset"), ("turtle", "graph"),
                                      ("jsonld", "dataset")])
def test_export_parses_back(seeded: Path, tmp_path: Path, fmt: str, kind: str) -> None:
    quads = _snapshot(seeded)[0]
    out = tmp_path / f"kb.{fmt}"
    result = _kb("export", "--format", fmt, "-o", out, "--store", seeded)
    assert result.exit_code == 0, result.output
    assert f"wrote {out.stat().st_size} bytes" in result.stderr
    stdout = _kb("export", "--format", fmt, "--store", seeded)
    assert stdout.exit_code == 0
    assert stdout.stdout_bytes == out.read_bytes()
    rdf_format = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}[fmt]
    if kind == "dataset":
        ds = rdflib.Dataset()
        ds.parse(out, format=rdf_format)
        count = sum(1 for _ in ds.quads((None, None, None, None)))
        assert count == quads
    else:
        graph = rdflib.Graph().parse(out, format=rdf_format)
        assert 0 < len(graph) <= quads


def test_stats_counts(seeded: Path) -> None:
    claims = len(_kb("extract", *SEED_FILES).stdout.splitlines())
    result = _kb("stats", "--store", seeded)
    assert result.exit_code == 0, result.output
    lines = dict(line.split("\t") for line in result.stdout.splitlines())
    assert lines["articles"] == "2"
    assert lines["claims"] == str(claims)
    assert int(lines["quads"]) == _snapshot(seeded)[0]
