"""Scoring drafts against gold annotation (argmap.extract.evaluate) on a microtext written here:
gold read through the microtexts reader, one-to-one span matching, what counts as a right role or
link, and a text that differs from its annotation refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.extract.evaluate import (
    GOLD_TEXT_DIFFERS,
    MIN_JACCARD,
    Prediction,
    Result,
    Score,
    available_methods,
    evaluate,
    match,
    read_gold,
    score,
)

SENTENCES = ["Schools should ban phones in lessons.", "Phones distract pupils from the teacher.",
             "Yet a few pupils need a phone for emergencies.", "The school office has a phone for that."]
#: a thesis, a reason for it, an objection undercutting that step, a rebuttal of the objection
ARGGRAPH = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t1">
{edus}
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="opp"/><adu id="a4" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/><edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c7" src="e3" trg="a3" type="seg"/><edge id="c8" src="e4" trg="a4" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
  <edge id="c2" src="a3" trg="c1" type="und"/>
  <edge id="c3" src="a4" trg="a3" type="reb"/>
</arggraph>
"""


def write_microtext(folder: Path, text: str | None = None) -> Path:
    edus = "\n".join(f'  <edu id="e{i}"><![CDATA[{s}]]></edu>' for i, s in enumerate(SENTENCES, 1))
    xml = folder / "micro_t1.xml"
    xml.write_text(ARGGRAPH.format(edus=edus), encoding="utf-8")
    (folder / "micro_t1.txt").write_text(" ".join(SENTENCES) + "\n" if text is None else text,
                                         encoding="utf-8")
    return xml


def test_gold_spans_roles_and_links(tmp_path: Path) -> None:
    gold = read_gold(str(write_microtext(tmp_path)))
    assert gold.name == "micro_t1"
    assert [gold.text[a:b] for a, b in gold.spans] == SENTENCES
    assert gold.roles == ["thesis", "reason", "objection", "rebuttal"]
    # the undercut of the step reason -> thesis is an attack on the reason
    assert gold.links == {(1, 0, "supports"), (2, 1, "attacks"), (3, 2, "attacks")}


def test_a_text_that_is_not_the_annotated_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError) as err:
        read_gold(str(write_microtext(tmp_path, "Another essay entirely.\n")))
    assert err.value.first.code == GOLD_TEXT_DIFFERS
    assert err.value.path == str(tmp_path / "micro_t1.txt") and "micro_t1.xml" in err.value.message


def test_baselines_scored_by_role_and_by_link(tmp_path: Path) -> None:
    gold = read_gold(str(write_microtext(tmp_path)))
    results = evaluate([gold], available_methods())
    assert list(results)[:2] == ["baseline: first", "baseline: position"] and "rules" in results
    first, position = results["baseline: first"], results["baseline: position"]
    assert first.matched_units == position.matched_units == 4  # sentences are the gold's units
    # first: thesis and reason right, the objection and rebuttal called reasons
    assert (first.roles.tp, first.roles.predicted, first.roles.gold) == (2, 4, 4)
    assert (first.per_role["reason"].tp, first.per_role["reason"].predicted) == (1, 3)
    # a chain of supports: only reason -> thesis has the right relation, every pair is linked
    assert (position.links.tp, position.links.predicted, position.links.gold) == (1, 3, 3)
    assert (position.unlabelled.tp, position.unlabelled.gold) == (3, 3)
    assert position.per_relation["attacks"].gold == 2 and position.per_relation["attacks"].tp == 0


def test_a_unit_is_matched_by_overlap_not_by_position(tmp_path: Path) -> None:
    gold = read_gold(str(write_microtext(tmp_path)))
    (a0, b0), (a1, b1), (_, b2) = gold.spans[:3]
    # over the first two sentences: it matches the longer one (the reason), so "thesis" is wrong
    result = Result()
    score(result, gold, Prediction([(a0, b1)], ["thesis"], []))
    assert result.matched_units == 1 and result.roles.tp == 0 and result.roles.predicted == 1
    # over three sentences it overlaps each by less than half of their union: no match at all
    result = Result()
    score(result, gold, Prediction([(a0, b2)], ["reason"], []))
    assert result.matched_units == 0 and result.roles.tp == 0 and result.roles.gold == 4
    # the thesis cut a few characters short still matches, and its role counts
    result = Result()
    score(result, gold, Prediction([(a0, b0 - 5), (a1, b1)], ["thesis", "objection"], [(1, 0, "supports")]))
    assert result.matched_units == 2 and result.roles.tp == 1 and result.links.tp == 1


def test_match_prefers_the_better_overlap_one_to_one() -> None:
    # two units compete for one ADU: the exact one wins, the other stays unmatched
    assert match([(0, 9), (0, 10)], [(0, 10)]) == {1: 0}
    # a unit over two ADUs matches the one it covers more
    assert match([(0, 10)], [(0, 7), (7, 10)]) == {0: 0}
    assert match([(0, 10)], [(20, 30)]) == {}


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=8)


@settings(max_examples=200, deadline=None)
@given(spans, spans)
def test_match_is_one_to_one_above_the_threshold(pred: list[tuple[int, int]],
                                                 gold: list[tuple[int, int]]) -> None:
    pairs = match(pred, gold)
    assert len(set(pairs.values())) == len(pairs)
    for i, j in pairs.items():
        (a, b), (c, d) = pred[i], gold[j]
        assert (min(b, d) - max(a, c)) / (max(b, d) - min(a, c)) >= MIN_JACCARD


def test_scores_are_micro_averaged() -> None:
    s = Score()
    s.add(1, 2, 4)
    s.add(3, 2, 4)
    assert (s.p, s.r) == (1.0, 0.5) and s.f1 == pytest.approx(2 / 3)
    assert Score().f1 == 0.0
