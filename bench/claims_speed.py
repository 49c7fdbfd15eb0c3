"""Throughput of the claim checker: articles of ~1,000 words per second after start-up.

Usage::

    python bench/claims_speed.py [--articles 400] [--words 1000] [--workers 2] [--db PATH] [--seed 7]

Articles are generated from templates (claim sentences of every form mixed with filler
prose) with a fixed seed. Start-up (opening the store, loading the facts, starting the
worker processes) is timed separately; the rate counts only the checking of articles:
reading from text, extraction, matching and verdicts. Aims (issue 9): at least 100
articles/s on one core, and memory flat in the number of articles — the peak resident size
after the first quarter of the articles and after all of them is printed; it should not
grow with the count.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from multiprocessing import get_context
from pathlib import Path
from typing import Any

CLAIMS = [
    "{s} spent {p}% of GDP on defence in {y}.",
    "{s} spent ${m} billion on its military in {y}.",
    "Moscow budgeted {r} trillion roubles for national defence in {y}.",
    "Last year the Russian army received more than {n:,} tanks and about {d} million drones.",
    "The alliance is economically {k} times larger than Russia.",
    "Russia produces as much ammunition in {q} months as NATO does in a year.",
    "Allies agreed to raise core defence spending to {p}% of GDP by 2035.",
    "Most allies do not meet the 2% of GDP guideline, critics say.",
    "Since 2022 drone output in Ukraine has grown {k}-fold.",
    "The {c} members of the alliance met in The Hague on 24 June {y}.",
    "Production of shells in Europe has doubled since the war began.",
]
FILLER = [
    "Officials in several capitals said the decision reflected a changed security environment.",
    "Analysts cautioned that industrial capacity cannot be expanded overnight.",
    "The debate over burden sharing has a long history inside the organisation.",
    "Factories need skilled workers, machine tools and long-term contracts to grow.",
    "Critics argued that the figures were hard to verify independently.",
    "Call the press office on +32 2 707 50 41 or visit the website for details.",
    "The report, published on 17 June 2024, runs to more than a hundred pages.",
    "Procurement reforms were discussed at length by the ministers present.",
]
SUBJECTS = [
    "Russia",
    "Poland",
    "Germany",
    "the United States",
    "France",
    "Estonia",
    "Moscow",
    "NATO",
]


def make_article(rng: random.Random, words: int) -> str:
    parts = [f"{rng.randint(1, 28)} May 2025", ""]
    count = 0
    while count < words:
        if rng.random() < 0.3:
            s = rng.choice(CLAIMS).format(
                s=rng.choice(SUBJECTS),
                p=round(rng.uniform(1.0, 7.5), 1),
                m=rng.randint(10, 1000),
                r=round(rng.uniform(8, 16), 1),
                n=rng.randint(100, 3000),
                d=round(rng.uniform(0.5, 3), 1),
                k=rng.randint(2, 30),
                q=rng.choice(["two", "three", "four", "six"]),
                c=rng.choice([30, 31, 32]),
                y=rng.randint(2019, 2025),
            )
        else:
            s = rng.choice(FILLER)
        parts.append(s)
        count += len(s.split())
        if rng.random() < 0.15:
            parts.append("\n\n")
    return " ".join(parts)


_CHECKER: Any = None


def _init(db: str) -> None:
    global _CHECKER
    from armsrace.claims.match import Checker
    from armsrace.facts import open_store

    _CHECKER = Checker(open_store(db))


def _check(text: str) -> int:
    from armsrace.claims.reader import read_article_bytes

    article = read_article_bytes(text.encode("utf-8"), name="bench")
    return len(_CHECKER.check(article).checks)


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from armsrace.facts import open_store
    from armsrace.settings import resolve

    db = str(resolve(db_path=args.db).store_path())
    open_store(db).close()  # build the store if needed, outside any timing
    rng = random.Random(args.seed)
    articles = [make_article(rng, args.words) for _ in range(args.articles)]
    mean_words = sum(len(a.split()) for a in articles) / len(articles)

    t0 = time.perf_counter()
    _init(db)
    startup_1 = time.perf_counter() - t0
    _check(articles[0])  # warm caches
    quarter = max(1, len(articles) // 4)
    t0 = time.perf_counter()
    claims = sum(_check(a) for a in articles[:quarter])
    rss_quarter = _peak_rss_mib()
    claims += sum(_check(a) for a in articles[quarter:])
    single = time.perf_counter() - t0
    rss_all = _peak_rss_mib()

    ctx = get_context("spawn")
    t0 = time.perf_counter()
    with ctx.Pool(args.workers, initializer=_init, initargs=(db,)) as pool:
        pool.map(_check, articles[: args.workers * 2], chunksize=1)  # start-up: every worker ready
        startup_n = time.perf_counter() - t0
        t0 = time.perf_counter()
        pool.map(_check, articles, chunksize=8)
        multi = time.perf_counter() - t0

    print(
        f"{len(articles)} generated articles, {mean_words:.0f} words each on average, {claims} claims in all"
    )
    print(
        f"start-up: {startup_1:.2f} s in-process, {startup_n:.2f} s for {args.workers} worker processes"
    )
    rate = len(articles) / single
    print(
        f"1 process:   {rate:7.1f} articles/s ({single / len(articles) * 1000:.1f} ms each); "
        f"{rate / 100:.2f}x the aim of 100/s on one core"
    )
    print(
        f"peak memory: {rss_quarter:.0f} MiB after {quarter} articles, {rss_all:.0f} MiB after "
        f"{len(articles)} ({rss_all / rss_quarter:.2f}x)"
    )
    print(
        f"{args.workers} processes: {len(articles) / multi:7.1f} articles/s  (aim: >= 50 on 2 cores)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
