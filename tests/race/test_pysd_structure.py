"""Cross-validation of the optional structure: refurbishment (proportional drain), an
allocation path and a scheduled plant, written in Vensim and run by PySD (Euler, 1 month)."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from tests.race.test_pysd import PARAMS, read_vensim, reference_inputs

from armsrace.race.engine import PlantArrays, StructureArrays, run_engine
from armsrace.race.structure import alloc_fraction

MDL = Path(__file__).with_name("race_model_structure.mdl")
STRUCT = {
    "g alloc": 2.0,
    "t0 alloc": 0.0,
    "t1 alloc": 35.0,
    "storage start": 900.0,
    "refurb rate": 30.0,
    "P": 40.0,
}
CASES = [
    {},
    {
        "g alloc": 0.5,
        "t1 alloc": 59.0,
        "storage start": 5000.0,
        "refurb rate": 80.0,
        "t open": 3.0,
        "L": 3.0,
    },
    {
        "LR": 1.0,
        "storage start": 100.0,
        "refurb rate": 200.0,
        "P": 400.0,
        "t open": 30.0,
        "consumption": 0.0,
    },
]


@pytest.fixture(scope="module")
def pysd_model(tmp_path_factory: pytest.TempPathFactory) -> object:
    return read_vensim(tmp_path_factory, MDL)


def _engine(p: dict[str, float], horizon: int) -> dict[str, np.ndarray]:
    t = np.arange(horizon, dtype=float)
    inputs = reference_inputs(p, horizon)
    frac = np.zeros((horizon, 2, 1))
    # alloc_fraction counts whole years; build the same line from the months directly
    frac[:, 0, 0] = np.clip((t - p["t0 alloc"]) / (p["t1 alloc"] - p["t0 alloc"]), 0, 1)
    shape = (1, 2, 1)
    r0 = np.zeros(shape)
    r0[0, 0, 0] = p["refurb rate"]
    stock = np.zeros(shape)
    stock[0, 0, 0] = p["storage start"]
    ratio = np.ones(shape)
    ratio[0, 0, 0] = p["g alloc"]
    plant = PlantArrays(0, 0, np.array([int(p["t open"])]), np.array([p["P"]]))
    structure = StructureArrays(r0, stock, np.zeros((2, 1), dtype=bool), ratio, frac, (plant,))
    paths = run_engine(replace(inputs, structure=structure), full=True)
    assert paths.output is not None and paths.capacity is not None and paths.stock is not None
    return {
        "output": paths.output[:, 0, 0, 0],
        "capacity": paths.capacity[:, 0, 0, 0],
        "stock": paths.stock[:, 0, 0, 0],
    }


def test_alloc_fraction_is_the_same_line_for_whole_years() -> None:
    np.testing.assert_allclose(
        alloc_fraction(2026, 60, None, 2028), np.clip(np.arange(60) / 35, 0, 1)
    )


@pytest.mark.parametrize("case", CASES)
def test_structure_agrees_with_pysd(pysd_model: object, case: dict[str, float]) -> None:
    params = {**PARAMS, **STRUCT, "t open": 14.0, **case}
    horizon = 60
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = pysd_model.run(  # type: ignore[attr-defined]
            params=params, return_columns=["output", "capacity", "stock"], final_time=horizon - 1
        )
    ours = _engine(params, horizon)
    for col in ("output", "capacity", "stock"):
        np.testing.assert_allclose(ours[col], df[col].to_numpy(), rtol=1e-9, atol=1e-9, err_msg=col)
