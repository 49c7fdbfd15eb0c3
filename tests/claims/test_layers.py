"""The claim checker's shape: one-way stages, word lists kept as data, nothing read at import."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

import armsrace.claims
from armsrace.claims._lexicon import item_in, lexicon
from armsrace.claims._patterns import _parse_number, patterns

CLAIMS_DIR = Path(armsrace.claims.__file__).parent

#: stage of each module: read -> segment + mentions -> claims -> match -> verdict -> render
STAGES: dict[str, int] = {
    "reader": 0,
    "_claim": 0,  # the claim model, shared by every stage
    "_lexicon": 1,
    "_cues": 1,
    "_patterns": 1,
    "_entities": 1,
    "_context": 1,
    "_dates": 1,
    "_amounts": 2,
    "_baselines": 2,
    "_compare": 2,
    "_fractions": 2,
    "_lists": 2,
    "_tables": 2,
    "_ranks": 2,
    "_universals": 2,
    "_origins": 2,
    "_events": 2,
    "_series": 2,
    "extract": 2,
    "verdict": 3,  # evidence and tolerance judging, used by the handlers
    "_common": 3,
    "_index": 3,
    "_releases": 3,  # release policy: which edition of a figure may judge a claim
    "_spending": 3,
    "_rank_check": 3,
    "_member_check": 3,
    "_production": 3,
    "_timeline": 3,
    "_history": 3,
    "_rules": 4,
    "match": 4,
    "render": 5,
    "__init__": 6,
}
#: what a handler may import from the checker: the fact index, the model, the verdict rules
#: (with the release policy) and the shared word readers
HANDLER_IMPORTS = {"_claim", "_common", "_index", "verdict", "_releases", "_lexicon", "_patterns"}


def _imports() -> dict[str, set[str]]:
    """Every claims module a claims module imports, at top level, in functions or for typing."""
    graph: dict[str, set[str]] = {}
    for path in sorted(CLAIMS_DIR.glob("*.py")):
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("armsrace.claims."):
                    deps.add(node.module.rsplit(".", 1)[1])
                elif node.module == "armsrace.claims":
                    deps.update(alias.name for alias in node.names)
        graph[path.stem] = deps
    return graph


def test_every_module_has_a_stage() -> None:
    assert set(_imports()) == set(STAGES)


def test_no_module_imports_a_later_stage() -> None:
    backwards = [
        f"{mod} (stage {STAGES[mod]}) imports {dep} (stage {STAGES[dep]})"
        for mod, deps in _imports().items()
        for dep in deps
        if STAGES[dep] > STAGES[mod]
    ]
    assert backwards == []


def test_no_import_circles() -> None:
    graph = _imports()
    done: set[str] = set()

    def visit(mod: str, path: tuple[str, ...]) -> None:
        assert mod not in path, " -> ".join((*path, mod))
        if mod in done:
            return
        for dep in sorted(graph[mod]):
            visit(dep, (*path, mod))
        done.add(mod)

    for mod in graph:
        visit(mod, ())


@pytest.mark.parametrize("handler", ["_spending", "_production", "_timeline", "_history"])
def test_handlers_import_only_the_index_model_and_rules(handler: str) -> None:
    assert _imports()[handler] <= HANDLER_IMPORTS


def test_no_module_reads_private_fields_of_another_object() -> None:
    found = [
        f"{path.name} line {node.lineno}: .{node.attr}"
        for path in CLAIMS_DIR.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
    ]
    assert found == []


def test_importing_the_checker_reads_no_word_list() -> None:
    code = (
        "import armsrace.claims, armsrace.claims.match\n"
        "from armsrace.claims._lexicon import lexicon\n"
        "from armsrace.claims._patterns import patterns\n"
        "from armsrace.claims._cues import cues\n"
        "print(lexicon.cache_info().currsize, patterns.cache_info().currsize,"
        " cues.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["0", "0", "0"]


class _UniqueKeyLoader(yaml.SafeLoader):
    pass


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    keys = [loader.construct_object(k) for k, _ in node.value]
    dupes = sorted({str(k) for k in keys if keys.count(k) > 1})
    if dupes:
        raise AssertionError(f"line {node.start_mark.line + 1}: repeated keys {dupes}")
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


@pytest.mark.parametrize("name", ["words.yml", "cues.yml"])
def test_word_files_list_each_phrase_once(name: str) -> None:
    text = resources.files("armsrace.claims").joinpath(f"data/{name}").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    assert isinstance(raw, dict) and raw


def test_word_lists_are_read_from_the_data_file() -> None:
    lex = lexicon()
    assert lex.qualifiers["in excess of"] == "more than"
    assert lex.number_words["a dozen"] == 12 and lex.number_words["half"] == 0.5
    assert lex.fraction("two thirds", scale=100) == 200 / 3
    assert lex.fraction("eighth") is None
    assert item_in("more drones than shells") == "artillery_ammunition"
    assert item_in("PAC-3 production") == "interceptors"
    assert item_in("factories and workers") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty-one", 21.0), ("seventeen", 17.0), ("half a million", 500_000.0), ("one", 1.0)],
)
def test_number_words_match_whole_and_parse(text: str, value: float) -> None:
    m = patterns().qty.search(f"about {text} tanks")
    assert m is not None and m.group("word") == text
    parsed = _parse_number(None, m.group("word"))
    assert parsed is not None and parsed[0] == value
