"""The words of ``claims/data/words.yml`` (qualifiers, number words, items, scales,
currencies, multiples, fractions), read and compiled once per process on first use.

:func:`lexicon` returns a frozen :class:`Lexicon`; nothing is read at import time. The cue
words of ``cues.yml`` are read by the same :func:`read_data` (see :mod:`._cues`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Lexicon", "item_for", "item_in", "lexicon", "read_data"]


def read_data(name: str) -> Any:
    """The parsed YAML file ``claims/data/<name>`` of the installed package."""
    import yaml

    text = resources.files("armsrace.claims").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _phrase(words: str) -> str:
    """A phrase as a regex: escaped, any run of white space between its words."""
    return re.escape(words).replace(r"\ ", r"\s+")


@dataclass(frozen=True)
class Lexicon:
    """The checker's word lists, with the regex alternations built from them."""

    qualifiers: dict[str, str]  # qualifier phrase -> canonical qualifier
    number_words: dict[str, float]  # every number word (counting and other) -> value
    item_nouns: tuple[tuple[str, str], ...]  # (noun pattern, item)
    item_res: tuple[tuple[re.Pattern[str], str], ...]  # anchored, case-insensitive
    item_noun: re.Pattern[str]  # any item noun, on word boundaries
    item_words: re.Pattern[str]  # words naming an item in running text (see item_in)
    item_brands: dict[str, str]  # brand (lower case) -> item
    scales: dict[str, float]
    currencies: tuple[tuple[re.Pattern[str], str], ...]
    multiples: dict[str, float]
    period_adverbs: dict[str, str]
    fractions: dict[str, Fraction]
    qualifier_alt: str  # longest phrase first
    number_alt: str  # counting words: "tens[-units]" first, then the others longest first
    small_numbers: dict[str, int]  # one-word counting words from one to twelve ("one" .. "twelve")
    ordinals: dict[str, int]  # "first" .. "twelfth"

    def fraction(self, words: str, *, scale: int = 1) -> float | None:
        """The value of a fraction word ("third", "two thirds") times ``scale``, or None."""
        frac = self.fractions.get(words)
        return None if frac is None else float(frac * scale)


@cache
def lexicon() -> Lexicon:
    """The packaged word lists, compiled (cached: the file is read once)."""
    raw = read_data("words.yml")
    qualifiers = {str(k): str(v) for k, v in raw["qualifiers"].items()}
    counting = {str(k): v for k, v in raw["number_words"]["counting"].items()}
    number_words = {**counting, **{str(k): v for k, v in raw["number_words"]["other"].items()}}
    tens = [w for w, v in counting.items() if v in range(20, 100, 10)]
    units = [w for w, v in counting.items() if v in range(1, 10)]
    rest = sorted((w for w in counting if w not in tens), key=len, reverse=True)
    number_alt = (
        "(?:"
        + "|".join(tens)
        + ")(?:[-\\s](?:"
        + "|".join(units)
        + "))?|"
        + "|".join(_phrase(w) for w in rest)
    )
    item_nouns = tuple((str(spec["nouns"]), str(spec["item"])) for spec in raw["items"])
    return Lexicon(
        qualifiers=qualifiers,
        number_words=number_words,
        item_nouns=item_nouns,
        item_res=tuple(
            (re.compile(rf"^(?:{pattern})$", re.IGNORECASE), item) for pattern, item in item_nouns
        ),
        item_noun=re.compile(
            r"(?<![\w-])(?:" + "|".join(p for p, _ in item_nouns) + r")(?![\w-])", re.IGNORECASE
        ),
        item_words=re.compile(str(raw["item_words"]), re.IGNORECASE),
        item_brands={str(k): str(v) for k, v in raw["item_brands"].items()},
        scales={str(k): float(v) for k, v in raw["scales"].items()},
        currencies=tuple(
            (re.compile(rf"^(?:{pattern})$", re.IGNORECASE), str(code))
            for code, pattern in raw["currencies"].items()
        ),
        multiples={str(k): float(v) for k, v in raw["multiples"].items()},
        period_adverbs={str(k): str(v) for k, v in raw["period_adverbs"].items()},
        fractions={str(k): Fraction(str(v)) for k, v in raw["fractions"].items()},
        qualifier_alt="|".join(sorted((_phrase(q) for q in qualifiers), key=len, reverse=True)),
        number_alt=number_alt,
        small_numbers={w: int(v) for w, v in counting.items() if " " not in w and 1 <= v <= 12},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
    )


def item_for(noun: str) -> str | None:
    """The production item a noun phrase names, or None."""
    noun = " ".join(noun.split())
    for pattern, item in lexicon().item_res:
        if pattern.match(noun):
            return item
    return None


def item_in(chunk: str) -> str | None:
    """The item the last item word of ``chunk`` names, or None."""
    lex = lexicon()
    best = None
    for m in lex.item_words.finditer(chunk):
        best = lex.item_brands.get(m.group(0).lower()) or item_for(m.group(0)) or best
    return best
