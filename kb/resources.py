"""Where the project's data files live: ontology/, shapes/, queries/ and the lexicons.

Reads: the file system. Returns: paths. Raises: nothing (callers report missing files).
The directories sit beside the package in the repository (kb is installed editable);
KB_HOME points elsewhere for a deployment that keeps them apart.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    return Path(os.environ["KB_HOME"]) if os.environ.get("KB_HOME") else PACKAGE_DIR.parent


def ontology_dir() -> Path:
    return home() / "ontology"


def shapes_dir() -> Path:
    return home() / "shapes"


def queries_dir() -> Path:
    return home() / "queries"


def lexicon_dir(language: str) -> Path:
    return PACKAGE_DIR / "lexicons" / language
