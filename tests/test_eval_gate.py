"""Evaluation gate: extraction scores on the shared dev corpus and seed must not drop.

The figures and the corpus hashes are recorded in tests/eval_baseline.json. A change that
lowers a figure fails here; if the drop is deliberate, say why in the commit and record
the new figures with `python tests/test_eval_gate.py --record`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sitrep.claims import extract_batch
from sitrep.records import Article

BASELINE = Path(__file__).parent / "eval_baseline.json"
FIGURES = ("precision", "recall", "f1")
ACCURACIES = (
    "source_accuracy",
    "stated_accuracy",
    "stated_resolved_accuracy",
    "qualifier_accuracy",
    "when_accuracy",
)


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("sitrep_eval_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _article(raw: dict[str, Any]) -> Article:
    return Article(**{k: raw.get(k) for k in ("id", "text", "url", "title", "outlet", "published")})


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def measure(shared: Path) -> dict[str, Any]:
    """Score the extractor on the dev corpus and the seed article."""
    score = _scorer(shared)
    corpus = shared / "corpus"
    raw = _jsonl(corpus / "dev.jsonl")
    preds = [c.to_json() for _, cs in extract_batch(_article(r) for r in raw) for c in cs]
    dev, _ = score.score(
        _jsonl(corpus / "dev_gold.jsonl"), preds, {r["id"]: r.get("published") for r in raw}
    )
    meta = json.loads((shared / "seed" / "meta.json").read_text(encoding="utf-8"))
    text = (shared / "seed" / meta["text_file"]).read_text(encoding="utf-8")
    seed_art = Article(id=meta["id"], text=text, published=meta["published"], title=meta["title"])
    seed_preds = [c.to_json() for _, cs in extract_batch([seed_art]) for c in cs]
    seed_gold = _jsonl(shared / "seed" / "gold.jsonl")
    for g in seed_gold:
        g.setdefault("article_id", meta["id"])
    seed, _ = score.score(seed_gold, seed_preds, {meta["id"]: meta["published"]})
    return {
        "corpus_sha256": {
            "dev.jsonl": _sha(corpus / "dev.jsonl"),
            "dev_gold.jsonl": _sha(corpus / "dev_gold.jsonl"),
            "seed/article.txt": _sha(shared / "seed" / meta["text_file"]),
            "seed/gold.jsonl": _sha(shared / "seed" / "gold.jsonl"),
        },
        "dev": _figures(dev),
        "seed": _figures(seed),
    }


def _figures(out: dict[str, Any]) -> dict[str, float | None]:
    fig: dict[str, float | None] = {}
    for kind in ("quantified", "unquantified"):
        for f in FIGURES:
            fig[f"{kind}_{f}"] = out[kind][f]
    for a in ACCURACIES:
        fig[a] = out.get(a)
    return fig


@pytest.mark.shared
def test_scores_do_not_drop(shared: Path) -> None:
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    now = measure(shared)
    assert now["corpus_sha256"] == base["corpus_sha256"], (
        "the shared corpus changed: re-record tests/eval_baseline.json (--record)"
    )
    drops = [
        f"{part}.{name}: {base[part][name]} -> {now[part].get(name)}"
        for part in ("dev", "seed")
        for name, old in base[part].items()
        if old is not None and (now[part].get(name) or 0.0) < old - 1e-9
    ]
    assert not drops, "scores dropped: " + "; ".join(drops)


if __name__ == "__main__":
    shared_dir = Path(__file__).resolve().parent.parent.parent / "shared"
    result = measure(shared_dir)
    print(json.dumps(result, indent=2))
    if "--record" in sys.argv:
        BASELINE.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
