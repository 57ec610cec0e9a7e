"""The essay plan: its shape for the Stalin map (golden file), ordering by strength, plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.outline import counter_arguments, outline, paragraphs


def test_golden_stalin_outline(stalin: argmap.ArgumentMap, golden: Any) -> None:
    golden("stalin_outline.md", outline(stalin))


def test_stalin_plan_reads_like_a_plan(stalin: argmap.ArgumentMap) -> None:
    text = outline(stalin)
    heads = [line for line in text.splitlines() if line.startswith("#")]
    assert heads[0] == "# Essay plan: Why did Stalin carry out the purges?"
    assert heads[1] == "## Introduction"
    assert heads[2] == "### Paragraph 1: Remove rivals"  # the essay's main motive is also the strongest
    assert heads[-2:] == ["## Conclusion", "## Gaps to fill"]
    assert sum(h.startswith("### Paragraph") for h in heads) == 8
    assert "**Thesis**: Stalin used the purges" in text
    assert "(possible; source: the photograph of Stalin and Lenin together)" in text
    assert "- [ ] Line 112: Motive 'Vanity and jealousy' has no evidence beneath it." in text
    gaps = text[text.index("## Gaps to fill"):]
    # worst first: the motives with no evidence before the missing sources
    assert gaps.index("(AM202)") < gaps.index("(AM204)") < gaps.index("(AM205)")
    order = [p.node for p in paragraphs(stalin, "purges")]
    assert order == ["rivals", "fear", "old_bolsheviks", "cheap_labour", "paranoia", "superiority",
                     "snowball", "five_year_plans"]


def test_objections_and_claims(bundled_maps: list[Path]) -> None:
    amap = argmap.load(next(p for p in bundled_maps if p.name == "school_uniforms.yaml"))
    text = outline(amap)
    assert "**Objections to answer**:" in text
    assert "    - Answer: The uniform" not in text
    assert "  - Claim: If pupils all dress alike" in text
    assert "    - **Student council survey**:" in text
    assert "no answer yet: rebut it" in text  # the behaviour objection is unanswered
    # what backs an objection is not listed as the paragraph's own evidence
    para = next(p for p in paragraphs(amap, "uniforms") if p.node == "belonging")
    assert "brunsma_study" not in [n for _, n in para.support]
    assert [o for o, _ in para.objections] == ["weak_behaviour_evidence"]


def test_plain_text(stalin: argmap.ArgumentMap) -> None:
    text = outline(stalin, "text")
    assert "**" not in text and "#" not in text
    assert text.startswith("ESSAY PLAN: WHY DID STALIN CARRY OUT THE PURGES?\n=====")
    assert "[ ] Line 112:" in text
    with pytest.raises(ValueError):
        outline(stalin, "html")


def test_map_config_silences_gaps(write_map: Callable[..., Path]) -> None:
    amap = argmap.load(write_map("""
        check: {ignore: [AM202, AM210]}
        nodes:
          t: {kind: thesis, text: A thesis}
          r: {kind: reason, text: A reason, supports: t}
        """))
    assert "None: `argmap check` finds no weak spots." in outline(amap)


def test_golden_outline_with_counter_arguments(root: Path, golden: Any) -> None:
    amap = argmap.load(root / "tests" / "data" / "maps" / "homework.yaml")
    text = outline(amap)
    golden("homework_outline.md", text)
    heads = [line for line in text.splitlines() if line.startswith("#")]
    # the counter-arguments come after the reasons, before the conclusion
    assert heads[-4:] == ["### Paragraph 3: Counter-argument: Learning to work alone",
                          "### Paragraph 4: Counter-argument: Parents expect it",
                          "## Conclusion", "## Gaps to fill"]
    assert "Then the counter-arguments: Learning to work alone; Parents expect it." in text
    counter = text[text.index("### Paragraph 3"):text.index("### Paragraph 4")]
    assert "- **Some argue**: Homework teaches young pupils to organise themselves" in counter
    assert "- **However**: Those habits can be built in school" in counter
    assert "  - **Reading for pleasure**: " in counter  # the rebuttal's evidence, under it
    unanswered = text[text.index("### Paragraph 4"):text.index("## Conclusion")]
    assert "**However**: no answer yet" in unanswered
    gaps = text[text.index("## Gaps to fill"):]
    assert "Objection 'Parents expect it' has no rebuttal" in gaps
    assert "Objection 'The study was of older pupils' has no rebuttal" in gaps
    # an objection to a reason stays in that reason's paragraph, with the rebuttal's evidence
    family = text[text.index("### Paragraph 1"):text.index("### Paragraph 2")]
    assert "    - Answer: Many parents work in the evenings" in family
    assert "      - **Parents' worries**: " in family
    assert outline(amap, "text").count("Counter-argument:") == 2


def test_counter_arguments_are_the_objections_to_the_thesis(root: Path) -> None:
    amap = argmap.load(root / "tests" / "data" / "maps" / "homework.yaml")
    found = counter_arguments(amap, "thesis")
    assert [c.objection for c in found] == ["independence", "parents_expect"]
    assert found[0].answers == [("class_reading", [(0, "reading_pleasure")])]
    assert found[1].answers == []


def test_a_deep_paragraph_lists_the_nearest_support_and_points_to_the_rest() -> None:
    from argmap.outline import PARAGRAPH_LINES

    amap = argmap.ArgumentMap()
    amap.add_node("t", "thesis", "The thesis.")
    above = "t"
    for i in range(3 * PARAGRAPH_LINES):
        node = f"s{i}"
        amap.add_node(node, "evidence" if i % 3 == 2 else "claim" if i else "reason", f"Step {i}.")
        amap.add_edge(node, above)
        above = node
    (para,) = paragraphs(amap, "t")
    assert para.cut and len(para.support) == PARAGRAPH_LINES - 1
    assert para.evidence_count == PARAGRAPH_LINES  # counted over the whole chain
    plan = outline(amap)
    assert "`argmap evidence MAP s0` shows the whole tree" in plan


def test_a_plan_for_many_theses_sums_up_the_map_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Strengths come from one ``evidence.summaries`` pass for the whole plan, not one per thesis
    (a merged class corpus has a thesis per essay: that would be quadratic)."""
    from argmap import evidence
    from argmap import outline as outline_module

    amap = argmap.ArgumentMap()
    for t in range(5):
        amap.add_node(f"t{t}", "thesis", f"Thesis {t}.")
        for r in range(2):
            amap.add_node(f"r{t}{r}", "reason", f"Reason {t}{r}.")
            amap.add_edge(f"r{t}{r}", f"t{t}")
            amap.add_node(f"e{t}{r}", "evidence", f"Fact {t}{r}.", confidence="likely" if r else None)
            amap.add_edge(f"e{t}{r}", f"r{t}{r}")
    calls = []

    def counted(m: argmap.ArgumentMap) -> dict[str, evidence.Summary]:
        calls.append(m)
        return evidence.summaries(m)

    monkeypatch.setattr(outline_module, "summaries", counted)
    plan = outline(amap)
    assert len(calls) == 1
    assert plan.count("### Paragraph 1: Reason 41") == 1  # the rated (stronger) reason comes first
