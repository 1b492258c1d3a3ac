"""Shared fixtures: paths, the golden-file switch, and a store built from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_DATA = ROOT.parent / "shared" / "data"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output instead of comparing")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 2, "seeds/ must hold the two seed articles"
    return paths


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, seed_paths):
    """An on-disk store with the seeds ingested once (read-only use in tests)."""
    from kb.pipeline import ingest
    from kb.store import Store

    store = Store(tmp_path_factory.mktemp("seedkb") / "store")
    ingest(store, seed_paths)
    return store


# The environment every in-process CLI call starts from: nothing the developer has set leaks in.
CLEAN_ENV = {"KB_STORE": None, "KB_DEBUG": None, "KB_HOME": None, "KB_WIKIDATA_ENDPOINT": None,
             "KB_ENDPOINT": None}


def run_kb(*args: object, env: dict | None = None):
    """``kb ARGS`` in process (typer's CliRunner). The traceback of a failed command holds the
    open store, whose RocksDB lock would block the next open: its frames are cleared here."""
    import gc
    import traceback

    from typer.testing import CliRunner

    from kb.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], env={**CLEAN_ENV, **(env or {})})
    exc, seen = result.exception, set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc.__traceback__ is not None:
            traceback.clear_frames(exc.__traceback__)
            exc.__traceback__ = None
        exc = exc.__context__ or exc.__cause__
    result.exc_info = None
    gc.collect()
    return result


def check_golden(golden: Path, got, update: bool) -> None:
    """Compare ``got`` (JSON-ready) with a golden file; --update-golden (or a missing file) writes it."""
    import json

    if update or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {golden.name} was missing and has been written: review and commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
