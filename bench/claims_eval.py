"""Score the claim checker against hand-labelled articles.

Usage::

    python bench/claims_eval.py [LABELS.jsonl ...] [--db PATH] [--json] [--verbose]
    python bench/claims_eval.py --set dev --set seed --set own --set blind

Each LABELS.jsonl holds one labelled statement a line (fields ``article``, ``span``,
``truth`` ...; the schema of ``shared/articles/README.md``); article files are resolved next
to the labels file. ``--set`` names the standard sets: ``dev`` (the real articles of
``shared/articles/dev``, spending and production labels together), ``seed`` (the seed
article), ``own`` and ``blind`` (the project's own articles, ``tests/claims/data``). With no
argument every standard set found is scored. The shared folder is ``$ARMSRACE_SHARED``, else
``/work/shared``, else ``../shared`` next to the checkout.

What is printed, per article and overall:

- **extraction** precision / recall / F1: a gold span is matched one-to-one to the predicted
  span sharing the most characters (any overlap; also with intersection-over-union ≥ 0.5).
  Statements labelled ``not_a_claim`` are not gold claims: a prediction on one is spurious;
- the **verdict confusion matrix** on matched claims (truth ``consistent`` /
  ``inconsistent`` / ``unverifiable`` against verdict ``supported`` / ``contradicted`` /
  ``unverifiable``) and its **macro-F1**: the mean F1 of the three classes, leaving out a
  class that neither the labels nor the verdicts use (as scikit-learn does);
- **precision of contradicted**: of every claim the checker called contradicted (spurious
  ones included: an accusation the labels do not back is a false one), the share labelled
  inconsistent;
- **recall of wrong claims**: of every claim labelled inconsistent (missed ones included), the
  share called contradicted;
- the **unverifiable rate**: the share of predicted claims called unverifiable.

The targets of issue 9 are printed beside the overall figures of each set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

TRUTH_TO_VERDICT = {
    "consistent": "supported",
    "inconsistent": "contradicted",
    "unverifiable": "unverifiable",
}
TRUTHS = ("consistent", "inconsistent", "unverifiable")
VERDICTS = ("supported", "contradicted", "unverifiable")

#: issue 9's aims on the dev set: (metric key, minimum)
TARGETS = {
    "contradicted_precision": 0.90,
    "wrong_recall": 0.50,
    "verdict_macro_f1": 0.65,
    "extraction_f1": 0.85,
}


def shared_dir() -> Path:
    """The shared folder holding ``articles/``."""
    env = os.environ.get("ARMSRACE_SHARED")
    for cand in ([Path(env)] if env else []) + [Path("/work/shared"), ROOT.parent / "shared"]:
        if (cand / "articles").is_dir():
            return cand
    return ROOT.parent / "shared"


def standard_sets() -> dict[str, list[Path]]:
    """Label files of each standard set (those that exist here)."""
    arts = shared_dir() / "articles"
    own = ROOT / "tests" / "claims" / "data"
    sets = {
        "dev": [arts / "dev" / "labels-spending.jsonl", arts / "dev" / "labels-production.jsonl"],
        "seed": [arts / "seed-labels.jsonl"],
        "own": [own / "own-labels.jsonl"],
        "blind": [own / "own-labels-blind.jsonl"],
    }
    return {
        k: [p for p in v if p.is_file()] for k, v in sets.items() if any(p.is_file() for p in v)
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


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else round(num / den, 4)


class _Tally:
    """Counts for one article or a whole set; :meth:`scores` turns them into metrics."""

    def __init__(self) -> None:
        self.gold = self.pred = self.tp_any = self.tp_iou = 0
        self.confusion = {t: dict.fromkeys(VERDICTS, 0) for t in TRUTHS}
        self.pred_verdicts = dict.fromkeys(VERDICTS, 0)
        self.gold_wrong = 0

    def add(self, other: _Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp_any += other.tp_any
        self.tp_iou += other.tp_iou
        self.gold_wrong += other.gold_wrong
        for t in TRUTHS:
            for v in VERDICTS:
                self.confusion[t][v] += other.confusion[t][v]
        for v in VERDICTS:
            self.pred_verdicts[v] += other.pred_verdicts[v]

    def scores(self) -> dict[str, Any]:
        conf = self.confusion
        f1s = []
        for t, v in TRUTH_TO_VERDICT.items():
            tp = conf[t][v]
            n_pred = sum(conf[tt][v] for tt in TRUTHS)
            n_gold = sum(conf[t].values())
            if n_pred + n_gold:  # classes absent from both sides do not count (as sklearn)
                f1s.append(_prf(tp, n_pred, n_gold)["f1"])
        scored = sum(sum(r.values()) for r in conf.values())
        ok = sum(conf[t][v] for t, v in TRUTH_TO_VERDICT.items())
        any_scores = _prf(self.tp_any, self.pred, self.gold)
        return {
            "gold_claims": self.gold,
            "predicted_claims": self.pred,
            "extraction_any_overlap": any_scores,
            "extraction_iou_0_5": _prf(self.tp_iou, self.pred, self.gold),
            "extraction_f1": any_scores["f1"],
            "confusion": {t: dict(r) for t, r in conf.items()},
            "verdicts_scored": scored,
            "verdict_accuracy": round(ok / scored, 4) if scored else 0.0,
            "verdict_macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
            "contradicted_predicted": self.pred_verdicts["contradicted"],
            "contradicted_precision": _ratio(
                conf["inconsistent"]["contradicted"], self.pred_verdicts["contradicted"]
            ),
            "wrong_claims": self.gold_wrong,
            "wrong_recall": _ratio(conf["inconsistent"]["contradicted"], self.gold_wrong),
            "unverifiable_rate": _ratio(self.pred_verdicts["unverifiable"], self.pred),
        }


def evaluate(
    labels_paths: Path | list[Path], *, db: Path | None = None, checker: Any = None
) -> dict[str, Any]:
    """Scores of the checker on every article of the label files (overall and per article)."""
    from armsrace.claims.match import Checker
    from armsrace.facts import open_store
    from armsrace.settings import resolve

    paths = [labels_paths] if isinstance(labels_paths, Path) else list(labels_paths)
    if checker is not None:
        return _evaluate(paths, checker)
    settings = resolve(db_path=db)
    with open_store(settings.store_path()) as store:
        return _evaluate(paths, Checker(store))


def _evaluate(paths: list[Path], checker: Any) -> dict[str, Any]:
    from armsrace.claims.reader import read_article

    total = _Tally()
    per_article: dict[str, dict[str, Any]] = {}
    details: list[dict[str, Any]] = []
    n_articles = 0
    for labels_path in paths:
        for name, rows in _load_labels(labels_path).items():
            n_articles += 1
            article = read_article(labels_path.parent / name)
            tally = _score_article(labels_path, name, rows, article, checker, details)
            per_article[name] = tally.scores()
            total.add(tally)
    out = {
        "labels": ", ".join(str(p) for p in paths),
        "articles": n_articles,
        **total.scores(),
        "per_article": per_article,
        "details": details,
    }
    return out


def _score_article(
    labels_path: Path,
    name: str,
    rows: list[dict[str, Any]],
    article: Any,
    checker: Any,
    details: list[dict[str, Any]],
) -> _Tally:
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
    tally = _Tally()
    tally.gold = len(gold)
    tally.pred = len(pred)
    tally.tp_any = len(any_pairs)
    tally.tp_iou = len(_match(gold, pred, min_iou=0.5))
    tally.gold_wrong = sum(1 for row, _ in gold_rows if row["truth"] == "inconsistent")
    for check in result.checks:
        tally.pred_verdicts[check.verdict.value] += 1
    for gi, pi in any_pairs:
        row = gold_rows[gi][0]
        check = result.checks[pi]
        tally.confusion[row["truth"]][check.verdict.value] += 1
        details.append(
            {
                "article": name,
                "status": "matched",
                "gold": row["span"],
                "predicted": check.claim.text,
                "truth": row["truth"],
                "verdict": check.verdict.value,
                "verdict_ok": TRUTH_TO_VERDICT.get(row["truth"]) == check.verdict.value,
                "reason": check.reason,
            }
        )
    matched_gold = {gi for gi, _ in any_pairs}
    for gi, (row, _) in enumerate(gold_rows):
        if gi not in matched_gold:
            details.append(
                {"article": name, "status": "missed", "gold": row["span"], "truth": row["truth"]}
            )
    matched_pred = {pi for _, pi in any_pairs}
    for pi, check in enumerate(result.checks):
        if pi not in matched_pred:
            details.append(
                {
                    "article": name,
                    "status": "spurious",
                    "predicted": check.claim.text,
                    "verdict": check.verdict.value,
                    "reason": check.reason,
                }
            )
    return tally


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def format_report(name: str, report: dict[str, Any], *, verbose: bool = False) -> str:
    """The scores of one set as text: overall, targets, confusion, then one line per article."""
    a, s = report["extraction_any_overlap"], report["extraction_iou_0_5"]
    lines = [
        f"== {name}: {report['labels']} ({report['articles']} article(s))",
        f"gold claims {report['gold_claims']}, predicted {report['predicted_claims']}",
        f"extraction (any overlap): P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}",
        f"extraction (IoU >= 0.5):  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"verdict accuracy {report['verdict_accuracy']:.3f} on {report['verdicts_scored']} "
        f"matched; macro-F1 {report['verdict_macro_f1']:.3f}",
        f"contradicted: {report['contradicted_predicted']} called, precision "
        f"{_fmt(report['contradicted_precision'])}; wrong claims {report['wrong_claims']}, "
        f"recall {_fmt(report['wrong_recall'])}; unverifiable rate "
        f"{_fmt(report['unverifiable_rate'])}",
        "targets: "
        + "  ".join(
            f"{k} {_fmt(report[k])} {'ok' if (report[k] or 0) >= v else 'BELOW'} (>= {v})"
            for k, v in TARGETS.items()
        ),
        "confusion (truth \\ verdict):   " + "  ".join(f"{v:>12}" for v in VERDICTS),
    ]
    for t in TRUTHS:
        lines.append(f"  {t:<28}" + "  ".join(f"{report['confusion'][t][v]:>12}" for v in VERDICTS))
    lines.append(
        f"  {'article':<52} {'gold':>4} {'pred':>4} {'extF1':>6} {'macF1':>6} "
        f"{'contr':>5} {'cPrec':>6} {'wRec':>6} {'unver':>6}"
    )
    for art, r in report["per_article"].items():
        lines.append(
            f"  {art[:52]:<52} {r['gold_claims']:>4} {r['predicted_claims']:>4} "
            f"{r['extraction_f1']:>6.3f} {r['verdict_macro_f1']:>6.3f} "
            f"{r['contradicted_predicted']:>5} {_fmt(r['contradicted_precision']):>6} "
            f"{_fmt(r['wrong_recall']):>6} {_fmt(r['unverifiable_rate']):>6}"
        )
    if verbose:
        for d in report["details"]:
            if d["status"] == "matched":
                flag = "ok " if d["verdict_ok"] else "BAD"
                lines.append(
                    f"  [{flag}] {d['verdict']:<12} truth={d['truth']:<12} "
                    f"{d['article'][:3]} {d['predicted']!r} {d['reason'][:90]!r}"
                )
            elif d["status"] == "missed":
                lines.append(f"  [MISSED] truth={d['truth']:<12} {d['article'][:3]} {d['gold']!r}")
            else:
                lines.append(
                    f"  [SPURIOUS] {d['verdict']:<12} {d['article'][:3]} {d['predicted']!r}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", type=Path, nargs="*", help="labels files (JSON lines)")
    parser.add_argument(
        "--set", action="append", default=[], help="a standard set: dev, seed, own, blind"
    )
    parser.add_argument("--db", type=Path, default=None, help="fact store file")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every matched, missed and spurious claim"
    )
    args = parser.parse_args(argv)
    sets = standard_sets()
    chosen: dict[str, list[Path]] = {}
    for name in args.set:
        if name not in sets:
            parser.error(f"unknown or missing set {name!r}; found: {', '.join(sets)}")
        chosen[name] = sets[name]
    for path in args.labels:
        chosen[path.name] = [path]
    if not chosen:
        chosen = sets
    from armsrace.claims.match import Checker
    from armsrace.facts import open_store
    from armsrace.settings import resolve

    reports = {}
    with open_store(resolve(db_path=args.db).store_path()) as store:
        checker = Checker(store)
        for name, paths in chosen.items():
            reports[name] = evaluate(paths, checker=checker)
    if args.json:
        for r in reports.values():
            if not args.verbose:
                r.pop("details")
        print(json.dumps(reports, indent=2))
        return 0
    print("\n\n".join(format_report(n, r, verbose=args.verbose) for n, r in reports.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
