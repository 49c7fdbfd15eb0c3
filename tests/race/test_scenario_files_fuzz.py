"""Scenario files fuzzed as text and bytes, through `armsrace simulate FILE --out OUT`.

Complements test_scenario_fuzz.py (which mutates the parsed mapping): here the damage is
done to the file itself — numbers replaced by bad tokens (NaN, infinities, hex, words,
lists), lines dropped, low/high swapped, anchors and aliases (including an alias bomb),
non-mapping documents, other encodings, BOM and NUL bytes. Every file either runs (exit 0,
the JSON written) or is refused with one `error:` line naming the file, a line and — for a
bad field — the field (exit 1, no output file). Anything else escaping is a failure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from armsrace.errors import ScenarioError
from armsrace.race.scenario import load_scenario, locate_scenario

BASE = "nato-2pct-vs-russia"  # uses anchors and aliases itself
NUMBER = re.compile(r"(?<=: )-?[0-9][0-9_.eE+-]*(?=\s*(?:#.*)?$)", re.MULTILINE)
BAD_TOKENS = [
    ".nan",
    ".inf",
    "-.inf",
    "1.0e400",
    "-1",
    "-1.0e9",
    "0",
    "1.0e300",
    "0x10",
    "1_000",
    "ten",
    "[]",
    "{}",
    "~",
    "'5'",
    "!!binary aGVsbG8=",
    "*nowhere",
]
BOMB = "\n".join(
    ["x-b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"x-b{k}: &b{k} [" + ", ".join([f"*b{k - 1}"] * 9) + "]" for k in range(1, 10)]
)


def _base_text() -> str:
    return locate_scenario(BASE).read_text(encoding="utf-8")


@st.composite
def scenario_files(draw: st.DrawFn) -> tuple[str, bytes]:
    text = _base_text()
    how = draw(
        st.sampled_from(
            ["token", "token", "drop-line", "swap", "bomb", "top-level", "anchor", "none"]
        )
    )
    if how == "token":
        spots = list(NUMBER.finditer(text))
        m = draw(st.sampled_from(spots))
        text = text[: m.start()] + draw(st.sampled_from(BAD_TOKENS)) + text[m.end() :]
    elif how == "drop-line":
        lines = text.splitlines()
        del lines[draw(st.integers(0, len(lines) - 1))]
        text = "\n".join(lines) + "\n"
    elif how == "swap":  # low: a ... high: b  ->  low: b ... high: a (an inverted range)
        pairs = list(re.finditer(r"low: (\S+)\n(\s+mode: \S+\n)?\s+high: (\S+)", text))
        m = draw(st.sampled_from(pairs))
        block = m.group(0)
        low, high = m.group(1), m.group(3)
        block = block.replace(f"low: {low}", "low: __H__").replace(f"high: {high}", f"high: {low}")
        text = text[: m.start()] + block.replace("__H__", high) + text[m.end() :]
    elif how == "bomb":  # 9**10 leaves if anything expanded it
        where = draw(st.sampled_from(["title", "description", "note", "start_year"]))
        text = BOMB + "\n" + re.sub(rf"^({where}:).*$", r"\1 *b9", text, count=1, flags=re.M)
        if where == "note":
            text = re.sub(r"^(\s+note:).*$", r"\1 *b9", text, count=1, flags=re.M)
    elif how == "top-level":
        text = draw(st.sampled_from(["[1, 2]\n", "42\n", "", "~\n", "just words\n", "--- \n"]))
    elif how == "anchor":  # a second document, or an alias defined after its use
        text = draw(st.sampled_from([text + "---\nname: again\n", "title: *late\n" + text]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if encoding == "latin-1":
        data += b"note2: caf\xe9\n"
    if draw(st.integers(0, 7)) == 0:
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + b"\x00" + data[cut:]
    return how, data


def _check_refusal(path: Path, err: ScenarioError) -> None:
    assert err.problems, err
    for p in err.problems:
        assert p.path == str(path), p
        assert p.line is not None and p.line >= 1, p


@settings(
    max_examples=50,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=scenario_files())
def test_scenario_file_runs_or_is_refused_with_file_line_field(
    cli: Any, tmp_path_factory: pytest.TempPathFactory, case: tuple[str, bytes]
) -> None:
    how, data = case
    folder = tmp_path_factory.mktemp("scen")
    path, out = folder / "fuzzed.yml", folder / "out.json"
    path.write_bytes(data)
    try:
        load_scenario(path)
    except ScenarioError as err:
        _check_refusal(path, err)
    res = cli("simulate", str(path), "--runs", "16", "--seed", "1", "--out", str(out))
    assert res.exception is None or isinstance(res.exception, SystemExit), (how, res.exception)
    if res.exit_code == 0:
        payload = json.loads(out.read_text(encoding="utf-8"))
        assert payload["runs"] == 16 and payload["catch_up"], how
        for row in payload["catch_up"]:
            assert 0 <= row["p_catch_up"] <= 1, (how, row)
        return
    assert res.exit_code == 1, (how, res.exit_code, res.stderr)
    assert not out.exists(), "a refused scenario wrote its output"
    assert str(path) in res.stderr and "line " in res.stderr, (how, res.stderr)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    import time

    path = tmp_path / "bomb.yml"
    text = BOMB + "\n" + re.sub(r"^title:.*$", "title: *b9", _base_text(), count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    title_line = text.splitlines().index("title: *b9") + 1
    t0 = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert time.perf_counter() - t0 < 5
    p = info.value.problems[0]
    assert (p.field, p.path, p.line) == ("title", str(path), title_line)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"name: x\ntitle: caf\xe9\n", 2),
        (b"name: x\n\x00title: y\n", 2),
        ("name: x\n".encode("utf-16"), 1),
        (b"[1, 2]\n", 1),
        (b"", 1),
    ],
    ids=["latin-1", "NUL", "utf-16", "list", "empty"],
)
def test_unreadable_or_non_mapping_files_name_a_line(
    tmp_path: Path, data: bytes, line: int
) -> None:
    path = tmp_path / "s.yml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = info.value.problems[0]
    assert (p.path, p.line) == (str(path), line)


def test_missing_top_level_field_names_field_and_line(tmp_path: Path) -> None:
    data = yaml.safe_load(_base_text())
    text = re.sub(r"^start_year:.*\n", "", _base_text(), count=1, flags=re.M)
    assert "start_year" in data and "start_year:" not in text
    path = tmp_path / "s.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = next(p for p in info.value.problems if p.field == "start_year")
    assert p.line is not None and p.path == str(path)


def test_store_default_refusal_names_the_line_of_its_field(cli: Any, tmp_path: Path) -> None:
    """A store default that cannot be filled (here: Russia's missiles read from a year the
    store has no estimate for) is refused with the line of the side's `initial_output`."""
    src = locate_scenario("nato-hague-vs-russia").read_text(encoding="utf-8")
    doc = yaml.safe_load(src)
    ids = [item["id"] for item in doc["items"]]
    assert "long_range_missiles" in ids
    lines = src.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "- id: long_range_missiles")
    rus = next(i for i in range(start, len(lines)) if lines[i].strip() == "RUS:")
    out_line = next(i for i in range(rus, len(lines)) if "initial_output:" in lines[i])
    indent = lines[out_line][: len(lines[out_line]) - len(lines[out_line].lstrip())]
    lines[out_line] = f"{indent}initial_output: {{year: 1990}}"
    path = tmp_path / "bad-year.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = cli("simulate", str(path), "--runs", "16", "--seed", "1")
    assert res.exit_code == 1, res.stderr
    assert f"{path} line {out_line + 1}" in res.stderr, res.stderr
    assert "items[long_range_missiles].sides.RUS.initial_output" in res.stderr, res.stderr
