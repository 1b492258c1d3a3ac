"""Cross-article linking of claims, measured on hand-written gold pairs.

Ingests the seeds and ../shared/data/same-story (when present), computes the similarity links of
kb.similarity at several thresholds, and reports precision and recall against
tests/fixtures/similarity/gold.tsv. A gold pair counts as found when kb links it, either through
a shared proposition or issue (exact) or through a similarity link at the threshold.

    python bench/similarity.py [--json bench/results/similarity.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.extract import extract  # noqa: E402
from kb.parse import parse_path  # noqa: E402
from kb.pipeline import ingest  # noqa: E402
from kb.rdf import claim_iri  # noqa: E402
from kb.similarity import DEFAULT_THRESHOLD, features, similar  # noqa: E402
from kb.store import Store  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "similarity" / "gold.tsv"
SAME_STORY = ROOT.parent / "shared" / "data" / "same-story"


def gold_pairs() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


def evaluate(files: list[Path], thresholds: list[float]) -> dict:
    by_file: dict[str, list[tuple[str, str, set[str]]]] = {}
    for path in files:
        for article in parse_path(path):
            by_file[path.name] = [(claim_iri(article, c), c.content.text,
                                   {p.key for p in c.propositions} | {f"issue:{i.key}" for p in c.propositions for i in p.issues})
                                  for c in extract(article)]
    gold = [row for row in gold_pairs() if row[0] in by_file and row[2] in by_file]

    def claims_of(name: str, piece: str) -> list[tuple[str, set[str]]]:
        return [(iri, props) for iri, text, props in by_file[name] if piece in text]

    resolved = []
    for a_file, a_text, b_file, b_text, topic in gold:
        a, b = claims_of(a_file, a_text), claims_of(b_file, b_text)
        resolved.append((topic, a, b, f"{a_file}:{a_text} ~ {b_file}:{b_text}"))
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        store = Store(Path(tmp) / "kb")
        ingest(store, files)
        claims = features(store)
        del store
    results = []
    for threshold in thresholds:
        links = {frozenset((link.a, link.b)) for link in similar(claims, threshold)}
        found = 0
        missing = []
        for topic, a, b, label in resolved:
            by_proposition = any(pa & pb for _, pa in a for _, pb in b)
            by_link = any(frozenset((ia, ib)) in links for ia, _ in a for ib, _ in b)
            if by_proposition or by_link:
                found += 1
            else:
                missing.append(label)
        gold_links = {frozenset((ia, ib)) for _, a, b, _ in resolved for ia, _ in a for ib, _ in b}
        correct = len(links & gold_links)
        text = {iri: f"{name}:{content[:70]}" for name, rows in by_file.items() for iri, content, _ in rows}
        outside = sorted(" ~ ".join(sorted(text.get(x, x) for x in pair)) for pair in links - gold_links)
        results.append({
            "threshold": threshold,
            "links": len(links),
            "links_in_gold": correct,
            "precision": round(correct / len(links), 3) if links else None,
            "recall": round(found / len(resolved), 3) if resolved else None,
            "gold_pairs": len(resolved),
            "unresolved_gold_claims": sum(1 for _, a, b, _ in resolved if not a or not b),
            "missing": missing,
            "not_in_gold": outside,
        })
    return {"date": date.today().isoformat(), "files": [p.name for p in files], "results": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "similarity.json")
    args = parser.parse_args(argv)
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(SAME_STORY.glob("*.txt"))
    report = evaluate(files, [0.2, 0.25, 0.3, 0.35, 0.4, 0.5])
    print(f"{'threshold':>9} {'links':>6} {'in gold':>8} {'precision':>9} {'recall':>7}  (gold pairs: "
          f"{report['results'][0]['gold_pairs']})")
    for r in report["results"]:
        print(f"{r['threshold']:>9} {r['links']:>6} {r['links_in_gold']:>8} {str(r['precision']):>9} {str(r['recall']):>7}")
    for threshold in (0.35, DEFAULT_THRESHOLD):
        row = next(r for r in report["results"] if r["threshold"] == threshold)
        print(f"missed at {threshold}:", *row["missing"], sep="\n  ")
        print(f"links at {threshold} that the gold pairs do not list (judge them by hand):", *row["not_in_gold"], sep="\n  ")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
