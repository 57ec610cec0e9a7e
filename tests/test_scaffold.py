"""argmap new: the worksheet loads, and check lists exactly what is still to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.scaffold import new_map, write_new_map


def codes(text: str) -> set[tuple[str, str | None]]:
    amap = argmap.loads(text)
    return {(d.code, d.node) for d in argmap.check(amap)}


def test_full_plan_loads_and_check_flags_placeholders() -> None:
    text = new_map("Why did Stalin carry out the purges?", "To remove anyone who might oppose him.",
                   ["Remove rivals", "Spread fear"], reason_name="Motive")
    amap = argmap.loads(text)
    assert amap.title == "Why did Stalin carry out the purges?"
    assert amap.kind_name("reason") == "Motive"
    assert amap.nodes_of("reason") == ["remove_rivals", "spread_fear"]
    assert codes(text) == {("AM213", "remove_rivals_evidence"), ("AM213", "spread_fear_evidence")}


def test_empty_plan_has_two_placeholder_reasons() -> None:
    text = new_map()
    amap = argmap.loads(text)
    assert len(amap.nodes_of("reason")) == 2
    found = codes(text)
    assert ("AM213", "thesis") in found
    assert {c for c, _ in found} == {"AM213"}


def test_one_reason_is_flagged() -> None:
    assert ("AM210", "thesis") in codes(new_map("Q?", "T.", ["Only one"]))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.lists(st.text(max_size=30), max_size=4))
def test_any_input_gives_a_valid_map(question: str, thesis: str, reasons: list[str]) -> None:
    amap = argmap.loads(new_map(question, thesis, reasons))
    assert len(amap.nodes_of("reason")) == (len([r for r in reasons if r.strip()]) or 2)
    for r in amap.nodes_of("reason"):
        assert list(amap.graph.succ[r]) == ["thesis"]
    for node in amap:  # every statement has a short label of its own
        label = amap.node(node).get("label")
        assert label and len(label) <= 32


def test_labels_are_the_first_words() -> None:
    amap = argmap.loads(new_map("Q?", "Stalin purged the party to remove anyone who might oppose him.",
                                ["Remove rivals", "He feared the generals would turn the army against him"]))
    labels = [amap.node(n)["label"] for n in amap]
    assert labels == ["Stalin purged the party to…", "Remove rivals", "TODO: evidence 1",
                      "He feared the generals would…", "TODO: evidence 2"]


def test_same_reason_twice_gets_distinct_ids() -> None:
    amap = argmap.loads(new_map("Q", "T", ["Fear", "Fear", "Ärger über Kirov"]))
    assert amap.nodes_of("reason") == ["fear", "fear_2", "arger_uber_kirov"]


def test_write_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    write_new_map(str(target), "Q", "T", ["A", "B"])
    assert argmap.load(target).title == "Q"
    with pytest.raises(argmap.ArgmapError, match="already exists"):
        write_new_map(str(target), "Other", "T", ["A"])
    assert argmap.load(target).title == "Q"
    write_new_map(str(target), "Other", "T", ["A"], force=True)
    assert argmap.load(target).title == "Other"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
