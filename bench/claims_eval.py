"""Score the claim checker against hand-labelled articles.

Usage::

    python bench/claims_eval.py LABELS.jsonl [--db PATH] [--json] [--verbose]

LABELS.jsonl holds one labelled statement a line (fields ``article``, ``span``, ``truth``
...; the format of ``shared/articles/seed-labels.jsonl``). Each article file is resolved
next to the labels file. Statements labelled ``not_a_claim`` are not claims: a predicted
claim overlapping one counts as a false positive.

Extraction is scored by span overlap with one-to-one matching (a gold span is matched to
the unmatched predicted span sharing the most characters): precision, recall and F1, both
for any overlap and for a strict intersection-over-union of at least 0.5. Verdict accuracy
is computed on matched claims: ``supported`` ↔ ``consistent``, ``contradicted`` ↔
``inconsistent``, ``unverifiable`` ↔ ``unverifiable``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

TRUTH_TO_VERDICT = {
    "consistent": "supported",
    "inconsistent": "contradicted",
    "unverifiable": "unverifiable",
}


def _load_labels(path: Path) -> dict[str, list[dict[str, Any]]]:
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path} line {n}: not JSON ({exc.msg})") from None
            for key in ("article", "span", "truth"):
                if key not in row:
                    raise SystemExit(f"{path} line {n}: field `{key}` missing")
            by_article[row["article"]].append(row)
    return by_article


def _match(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], *, min_iou: float
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, largest overlap first."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            inter = min(ge, pe) - max(gs, ps)
            if inter <= 0:
                continue
            iou = inter / (max(ge, pe) - min(gs, ps))
            if iou >= min_iou:
                pairs.append((inter, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _inter, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(labels_path: Path, *, db: Path | None = None) -> dict[str, Any]:
    from armsrace.claims.match import Checker
    from armsrace.claims.reader import read_article
    from armsrace.facts import open_store
    from armsrace.settings import resolve

    by_article = _load_labels(labels_path)
    settings = resolve(db_path=db)
    totals = {"gold": 0, "pred": 0, "tp_any": 0, "tp_iou": 0, "verdict_n": 0, "verdict_ok": 0}
    details: list[dict[str, Any]] = []
    with open_store(settings.store_path()) as store:
        checker = Checker(store)
        for name, rows in by_article.items():
            article = read_article(labels_path.parent / name)
            text = article.text
            result = checker.check(article)
            pred = [(c.claim.start, c.claim.end) for c in result.checks]
            gold_rows = []
            for row in rows:
                start = text.find(row["span"])
                if start < 0:
                    raise SystemExit(f"{labels_path}: span {row['span']!r} not found in {name}")
                if row["truth"] != "not_a_claim":
                    gold_rows.append((row, (start, start + len(row["span"]))))
            gold = [g for _, g in gold_rows]
            any_pairs = _match(gold, pred, min_iou=1e-9)
            iou_pairs = _match(gold, pred, min_iou=0.5)
            totals["gold"] += len(gold)
            totals["pred"] += len(pred)
            totals["tp_any"] += len(any_pairs)
            totals["tp_iou"] += len(iou_pairs)
            matched_pred = {pi for _, pi in any_pairs}
            for gi, pi in any_pairs:
                row = gold_rows[gi][0]
                check = result.checks[pi]
                expected = TRUTH_TO_VERDICT.get(row["truth"])
                ok = expected == check.verdict.value
                totals["verdict_n"] += 1
                totals["verdict_ok"] += int(ok)
                details.append(
                    {
                        "article": name,
                        "status": "matched",
                        "gold": row["span"],
                        "predicted": check.claim.text,
                        "truth": row["truth"],
                        "verdict": check.verdict.value,
                        "verdict_ok": ok,
                    }
                )
            matched_gold = {gi for gi, _ in any_pairs}
            for gi, (row, _) in enumerate(gold_rows):
                if gi not in matched_gold:
                    details.append(
                        {
                            "article": name,
                            "status": "missed",
                            "gold": row["span"],
                            "truth": row["truth"],
                        }
                    )
            for pi, check in enumerate(result.checks):
                if pi not in matched_pred:
                    details.append(
                        {"article": name, "status": "spurious", "predicted": check.claim.text}
                    )
    any_scores = _prf(totals["tp_any"], totals["pred"], totals["gold"])
    iou_scores = _prf(totals["tp_iou"], totals["pred"], totals["gold"])
    accuracy = totals["verdict_ok"] / totals["verdict_n"] if totals["verdict_n"] else 0.0
    return {
        "labels": str(labels_path),
        "articles": len(by_article),
        "gold_claims": totals["gold"],
        "predicted_claims": totals["pred"],
        "extraction_any_overlap": any_scores,
        "extraction_iou_0_5": iou_scores,
        "verdict_accuracy": round(accuracy, 4),
        "verdicts_scored": totals["verdict_n"],
        "details": details,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", type=Path, help="labels file (JSON lines)")
    parser.add_argument("--db", type=Path, default=None, help="fact store file")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every matched, missed and spurious claim"
    )
    args = parser.parse_args(argv)
    report = evaluate(args.labels, db=args.db)
    if args.json:
        print(
            json.dumps(
                report if args.verbose else {k: v for k, v in report.items() if k != "details"},
                indent=2,
            )
        )
        return 0
    a, s = report["extraction_any_overlap"], report["extraction_iou_0_5"]
    print(f"labels: {report['labels']} ({report['articles']} article(s))")
    print(f"gold claims {report['gold_claims']}, predicted {report['predicted_claims']}")
    print(
        f"extraction (any overlap): precision {a['precision']:.3f}  recall {a['recall']:.3f}  F1 {a['f1']:.3f}"
    )
    print(
        f"extraction (IoU >= 0.5):  precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}"
    )
    print(
        f"verdict accuracy on matched claims: {report['verdict_accuracy']:.3f} ({report['verdicts_scored']} scored)"
    )
    if args.verbose:
        for d in report["details"]:
            if d["status"] == "matched":
                flag = "ok " if d["verdict_ok"] else "BAD"
                print(f"  [{flag}] {d['verdict']:<12} truth={d['truth']:<12} {d['predicted']!r}")
            elif d["status"] == "missed":
                print(f"  [MISSED] truth={d['truth']:<12} {d['gold']!r}")
            else:
                print(f"  [SPURIOUS] {d['predicted']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
