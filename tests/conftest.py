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
