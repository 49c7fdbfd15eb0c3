"""Cross-validation: the same model written in Vensim, run by PySD (Euler, 1-month step)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from tests.race.conftest import make_inputs

from armsrace.race.engine import EngineInputs, run_engine

MDL = Path(__file__).with_name("race_model.mdl")

PARAMS = {
    "B0": 1e9,
    "g": 0.002,
    "share start": 2.0,
    "share end": 3.5,
    "Tr": 60.0,
    "money share": 1e-3,
    "c0": 5000.0,
    "LR": 0.85,
    "initial output": 150.0,
    "experience": 24.0,
    "L": 18.0,
    "consumption": 100.0,
    "initial stock": 500.0,
}
CASES = [
    {},
    {"LR": 0.8, "L": 3.0, "consumption": 400.0, "g": 0.004},
    {"LR": 1.0, "L": 36.0, "money share": 1e-4, "initial output": 50.0, "share end": 2.0},
]


def read_vensim(tmp_path_factory: pytest.TempPathFactory, mdl: Path) -> object:
    """The Vensim model ``mdl`` translated by PySD (in a temporary copy)."""
    dst = tmp_path_factory.mktemp("pysd") / mdl.name
    shutil.copy(mdl, dst)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pysd's own pandas/chardet deprecations
        pysd = pytest.importorskip("pysd")
        return pysd.read_vensim(str(dst))


def reference_inputs(p: dict[str, float], horizon: int) -> EngineInputs:
    """Engine inputs of one run of the Vensim reference model with parameters ``p``."""
    t = np.arange(horizon, dtype=float)
    share = p["share start"] + (p["share end"] - p["share start"]) * np.minimum(1, t / p["Tr"])
    budget = p["B0"] * np.exp(p["g"] * t) * share / p["share start"]
    bud = np.empty((horizon, 1, 2))
    bud[:, 0, 0] = budget
    bud[:, 0, 1] = p["B0"]
    return make_inputs(
        1,
        horizon,
        budget=bud,
        initial_output=p["initial output"],
        unit_cost_usd=p["c0"],
        learning_rate=p["LR"],
        lead_time_months=p["L"],
        money_share=p["money share"],
        consumption=p["consumption"],
        initial_stock=p["initial stock"],
        experience_months=p["experience"],
    )


@pytest.fixture(scope="module")
def pysd_model(tmp_path_factory: pytest.TempPathFactory) -> object:
    return read_vensim(tmp_path_factory, MDL)


def _engine(p: dict[str, float], horizon: int) -> dict[str, np.ndarray]:
    paths = run_engine(reference_inputs(p, horizon), full=True)
    assert paths.output is not None and paths.capacity is not None and paths.stock is not None
    assert paths.unit_cost is not None
    return {
        "output": paths.output[:, 0, 0, 0],
        "capacity": paths.capacity[:, 0, 0, 0],
        "stock": paths.stock[:, 0, 0, 0],
        "unit cost": paths.unit_cost[:, 0, 0, 0],
    }


@pytest.mark.parametrize("case", CASES)
def test_engine_agrees_with_pysd_to_1e9(pysd_model: object, case: dict[str, float]) -> None:
    params = {**PARAMS, **case}
    horizon = 120
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = pysd_model.run(  # type: ignore[attr-defined]
            params=params,
            return_columns=["output", "capacity", "stock", "unit cost"],
            final_time=horizon - 1,
        )
    ours = _engine(params, horizon)
    assert len(df) == horizon
    for col in ("output", "capacity", "stock", "unit cost"):
        np.testing.assert_allclose(ours[col], df[col].to_numpy(), rtol=1e-9, atol=1e-9, err_msg=col)
