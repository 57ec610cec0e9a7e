"""Hand-made truth for ``argmap compare``: the student maps in ``tests/data/compare/``, each with the
bundled model map it was written from, and how a comparison's pairs and moved statements score
against it. Shared by tests/test_compare.py and ``python -m benchmarks.compare_eval``.

- **Matching**: a predicted pair is correct when the truth pairs the same two statements.
  Precision = correct / predicted pairs, recall = correct / true pairs (micro-averaged). A missing
  or extra statement correctly left unpaired is not counted (it shows up as precision instead).
- **Moved**: the student statements ``compare`` reports as moved against those the truth lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "compare"
GRAPHS = ROOT / "graphs"


@dataclass
class Counts:
    """Pairs and moved statements: predicted, true, correct; summed over pairs (micro-averaged).
    An empty denominator counts as 1.0 (nothing to find, nothing wrongly found)."""

    predicted: int = 0
    true: int = 0
    correct: int = 0
    moved_predicted: int = 0
    moved_true: int = 0
    moved_correct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        return self.ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return self.ratio(self.correct, self.true)

    @property
    def moved_precision(self) -> float:
        return self.ratio(self.moved_correct, self.moved_predicted)

    @property
    def moved_recall(self) -> float:
        return self.ratio(self.moved_correct, self.moved_true)


def truth() -> dict[str, Any]:
    """``truth.yaml``: for each student map, its model, split, true pairs (student -> model) and moved."""
    with open(PAIRS / "truth.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)  # type: ignore[no-any-return]


def score_pair(name: str, spec: dict[str, Any], threshold: float) -> Counts:
    """``argmap compare`` of one student map at ``threshold``, counted against its truth."""
    import argmap
    from argmap.compare import compare

    model = argmap.load(GRAPHS / spec["model"])
    student = argmap.load(PAIRS / name)
    result = compare(model, student, threshold)
    want = {(m, s) for s, m in spec["pairs"].items()}
    got = {(p["model"], p["student"]) for p in result.matched}
    moved_want = set(spec.get("moved") or ())
    moved_got = {mv["student"] for mv in result.moved}
    return Counts(len(got), len(want), len(got & want),
                  len(moved_got), len(moved_want), len(moved_got & moved_want))


def total(names: list[str], specs: dict[str, Any], threshold: float) -> Counts:
    """The counts of several pairs summed."""
    out = Counts()
    for name in names:
        out.add(score_pair(name, specs[name], threshold))
    return out
