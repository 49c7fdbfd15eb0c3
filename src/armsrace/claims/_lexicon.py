"""Words the extractor knows: subjects and their metonyms, items, qualifiers, number words.

Kept apart from the patterns in :mod:`armsrace.claims.extract` so the vocabulary can grow
without touching the logic. Subjects use the fact store's entity codes (ISO3, ``NATO``).
"""

from __future__ import annotations

import re

__all__ = [
    "ITEM_NOUNS",
    "NUMBER_WORDS",
    "QUALIFIERS",
    "item_for",
]


#: Qualifier phrases -> the canonical qualifier reported in claims.
QUALIFIERS: dict[str, str] = {
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "in excess of": "more than",
    "exceeding": "more than",
    "upwards of": "more than",
    "well over": "more than",
    "just over": "more than",
    "at least": "at least",
    "no less than": "at least",
    "no fewer than": "at least",
    "not less than": "at least",
    "a minimum of": "at least",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "nearly",
    "circa": "about",
    "almost": "nearly",
    "nearly": "nearly",
    "just under": "nearly",
    "up to": "up to",
    "at most": "up to",
    "no more than": "up to",
    "a maximum of": "up to",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
}

#: Number words -> value. "one" alone is excluded by the extractor (too often not a number).
NUMBER_WORDS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "a thousand": 1_000,
    "a million": 1_000_000,
    "half a million": 500_000,
    "a billion": 1_000_000_000,
    "a trillion": 1_000_000_000_000,
    "twice": 2,
    "half": 0.5,
    "a": 1,
    "an": 1,
    "a single": 1,
    "an entire": 1,
    "a whole": 1,
    "the whole": 1,
    "a full": 1,
}

#: Item nouns (regex alternatives, singular or plural) -> production item.
ITEM_NOUNS: list[tuple[str, str]] = [
    (r"(?:artillery\s+)?(?:shells?|rounds?|projectiles?)", "artillery_ammunition"),
    (r"(?:artillery\s+)?(?:ammunition|munitions?|ammo)", "artillery_ammunition"),
    (r"(?:main\s+battle\s+)?tanks?|MBTs?", "tanks"),
    (
        r"armou?red\s+(?:combat\s+|fighting\s+)?vehicles?|infantry\s+fighting\s+vehicles?|IFVs?|APCs?"
        r"|armou?red\s+personnel\s+carriers?",
        "armoured_vehicles",
    ),
    (
        r"howitzers?|artillery\s+(?:pieces?|systems?|guns?)|MLRS|rocket\s+launchers?",
        "artillery_pieces",
    ),
    (
        r"(?:combat\s+|military\s+|fighter\s+)?(?:aircraft|airplanes?|planes?|jets?|helicopters?|fighters?)",
        "combat_aircraft",
    ),
    (r"interceptors?|(?:air[\s-]defen[cs]e|Patriot|PAC-3(?:\s+MSE)?)\s+missiles?", "interceptors"),
    (
        r"(?:cruise\s+|ballistic\s+|long[\s-]range\s+|hypersonic\s+)?missiles?|Iskanders?",
        "long_range_missiles",
    ),
    (
        r"(?:FPV\s+|attack\s+|combat\s+|long[\s-]range\s+)?(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|Shaheds?|Gerans?)",
        "drones",
    ),
]

_ITEM_RES = [(re.compile(rf"^(?:{pattern})$", re.IGNORECASE), item) for pattern, item in ITEM_NOUNS]


def item_for(noun: str) -> str | None:
    """The production item a noun phrase names, or None."""
    noun = " ".join(noun.split())
    for pattern, item in _ITEM_RES:
        if pattern.match(noun):
            return item
    return None
