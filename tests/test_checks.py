"""Each weak-spot check fires on a map made for it, stays silent on a clean map, and finds exactly
the real weak spots of the bundled maps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import random_graphs

import argmap
from argmap.checks import (
    CHECKS,
    HARM,
    OTHER_RANK,
    as_dict,
    badge,
    by_harm,
    hedged_only,
    is_figure,
    is_vague_source,
    rank,
    run_checks,
)
from argmap.evidence import ROW_KINDS, hedged, reaching

CLEAN = """
    title: Clean
    nodes:
      t:
        kind: thesis
        text: Uniforms should be required in secondary schools.
      r1:
        kind: reason
        text: Uniforms reduce the pressure pupils feel about clothes.
        supports: t
      e1:
        kind: evidence
        text: Pupils surveyed said they worried less about how they looked on school days.
        confidence: likely
        source: Student council survey, spring term
        supports: r1
      r2:
        kind: reason
        text: Uniforms save families money over a school year.
        supports: t
      c2:
        kind: claim
        text: Plain uniform items cost less than fashionable clothing.
        supports: r2
      e2:
        kind: evidence
        text: Government guidance limits branded items so that cheap shops can supply uniforms.
        confidence: certain
        source: Department for Education guidance (2021)
        supports: c2
      o1:
        kind: objection
        text: Clothes are a way for young people to express themselves.
        attacks: r1
      b1:
        kind: rebuttal
        text: The uniform applies only in school hours, leaving evenings and weekends free.
        attacks: o1
"""

# one minimal map per code: (yaml, node ids the finding must name)
CASES: dict[str, tuple[str, list[str]]] = {
    "AM201": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          a: {kind: reason, text: First reason here, supports: [t, b]}
          b: {kind: reason, text: Second reason here, supports: a}
          e: {kind: evidence, text: Some fact about it, source: A book, supports: a}
        """, ["a"]),
    "AM202": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A reason with nothing under it, supports: t}
          c: {kind: claim, text: A claim with nothing under it, supports: t}
        """, ["r", "c"]),
    "AM203": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A shaky reason, supports: t}
          e: {kind: evidence, text: A rumour about it, confidence: doubtful, source: A diary, supports: r}
          f: {kind: evidence, text: A guess about it, confidence: possible, source: A letter, supports: r}
        """, ["r"]),
    "AM204": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A reason, supports: t}
          e: {kind: evidence, text: Over a million people died in 1935., confidence: certain, supports: r}
        """, ["e"]),
    "AM205": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A reason, supports: t}
          e: {kind: evidence, text: The general was shot in June 1937., confidence: certain, supports: r}
        """, ["e"]),
    "AM206": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A reason, supports: t}
          e: {kind: evidence, text: A fact that goes nowhere, source: A book}
          o: {kind: objection, text: An objection about nothing}
        """, ["e", "o"]),
    "AM207": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          o: {kind: objection, text: An objection in a loop, attacks: b}
          b: {kind: rebuttal, text: A rebuttal in a loop, attacks: o}
        """, ["o"]),
    "AM208": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A reason, supports: t}
          o: {kind: objection, text: Nobody answers this objection, attacks: r}
        """, ["o"]),
    "AM209": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r1: {kind: reason, text: First reason, supports: t}
          r2: {kind: reason, text: Second reason, supports: t}
          e: {kind: evidence, text: The only fact, source: A book, supports: [r1, r2]}
        """, ["e"]),
    "AM210": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: The only reason, supports: t}
        """, ["t"]),
    "AM211": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          a: {kind: reason, text: "Stalin feared the army's generals.", supports: t}
          b: {kind: reason, text: "stalin FEARED the army's generals!", supports: t}
          c:
            kind: reason
            text: The purges removed Stalin's rivals from positions of power in the party.
            supports: t
          d:
            kind: reason
            text: The purges removed Stalin's rivals from important positions of power in the party.
            supports: t
        """, ["b", "d"]),
    "AM212": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here, quote: some words}
        """, ["t"]),
    "AM213": ("""
        nodes:
          t: {kind: thesis, text: "TODO: your answer"}
        """, ["t"]),
    "AM214": ("""
        nodes:
          t: {kind: thesis, text: Thesis statement here}
          r: {kind: reason, text: A reason, supports: t}
          e: {kind: evidence, text: A fact, confidence: certain, source: some historians, supports: r}
        """, ["e"]),
}


def test_every_check_has_a_case_and_docs(root: Path) -> None:
    assert set(CASES) == set(CHECKS)
    docs = (root / "docs" / "checks.md").read_text(encoding="utf-8")
    for code in CHECKS:
        assert f"| {code} |" in docs, code


def test_clean_map_is_silent(write_map: Callable[..., Path]) -> None:
    amap = argmap.load(write_map(CLEAN))
    assert run_checks(amap) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_check_fires(code: str, write_map: Callable[..., Path]) -> None:
    text, nodes = CASES[code]
    path = write_map(text)
    amap = argmap.load(path)
    found = [d for d in run_checks(amap) if d.code == code]
    assert [d.node for d in found] == nodes
    for d in found:
        assert d.severity == "warning"
        assert d.hint
        assert d.path == str(path)
        assert d.line == amap.location(d.node).line
        # a plain sentence naming the statement first, the code last
        first = d.format().splitlines()[0]
        assert first == f"{path}:{d.line}:{d.column}: {d.message} [{code}]"
        assert d.message[0].isupper() and d.message.endswith(".")
        assert f"'{amap.label(d.node)}'" in d.message


def test_messages_read_well(write_map: Callable[..., Path]) -> None:
    amap = argmap.load(write_map(CASES["AM209"][0]))
    (d,) = [d for d in run_checks(amap) if d.code == "AM209"]
    assert d.message == ("Evidence 'The only fact' is the only evidence for 2 reasons: "
                         "'First reason', 'Second reason'.")
    amap = argmap.load(write_map(CASES["AM211"][0]))
    msgs = [d.message for d in run_checks(amap) if d.code == "AM211"]
    assert msgs[0] == "Reason 'stalin FEARED the army's generals!' repeats reason 'a' (line 3)."
    assert msgs[1] == "Reason 'The purges removed Stalin's rivals from…' nearly repeats reason 'c' (line 5)."


def test_figures_and_dates() -> None:
    assert is_figure("Seven more generals were shot.")
    assert is_figure("About half of the officers.")
    assert is_figure("12 per cent of the harvest")
    assert not is_figure("In June 1914 the Archduke was shot.")
    assert not is_figure("He was killed on 28 June 1914.")
    assert not is_figure("The purges of the 1930s")


def test_no_duplicate_false_positives_on_similar_topics(write_map: Callable[..., Path]) -> None:
    amap = argmap.load(write_map("""
        nodes:
          t: {kind: thesis, text: Stalin purged the party}
          a:
            {kind: evidence, text: They knew Stalin had played only a minor part in the 1917 revolution.,
             source: x, supports: t}
          b:
            {kind: evidence, text: They knew that Stalin and Lenin had been less close than Stalin claimed.,
             source: x, supports: t}
        """))
    assert [d for d in run_checks(amap) if d.code == "AM211"] == []


EXPECTED = {
    "stalin_purges.yaml": {
        ("AM202", "superiority"), ("AM202", "snowball"), ("AM202", "five_year_plans"),
        ("AM203", "paranoia"),
        ("AM204", "generals_shot"), ("AM204", "officers_purged"), ("AM204", "executions_1935"),
        ("AM205", "kirov_murder"), ("AM205", "tukhachevsky"), ("AM205", "role_in_1917"),
        ("AM205", "lenin_relationship"), ("AM205", "gulag_work"), ("AM205", "show_trials"),
        ("AM205", "informing"),
        ("AM214", "persecution_complex"),
    },
    "first_world_war.yaml": {
        ("AM202", "imperial_rivalry"), ("AM208", "shared_blame"),
        ("AM205", "two_camps"), ("AM205", "chain_of_war"), ("AM205", "naval_race"),
        ("AM205", "schlieffen_plan"), ("AM205", "blank_cheque"), ("AM205", "sarajevo"),
    },
    "school_uniforms.yaml": {
        ("AM203", "belonging"), ("AM203", "better_behaviour"), ("AM208", "weak_behaviour_evidence"),
        ("AM205", "other_changes"), ("AM214", "family_spending"),
    },
}


def test_bundled_maps_give_only_their_real_weak_spots(bundled_maps: list[Path]) -> None:
    for path in bundled_maps:
        if path.name not in EXPECTED:
            continue
        found = {(d.code, d.node) for d in argmap.check(argmap.load(path))}
        assert found == EXPECTED[path.name], path.name


def test_stalin_weak_spots_are_named(stalin: argmap.ArgumentMap) -> None:
    messages = [d.message for d in argmap.check(stalin)]
    assert "Motive 'Vanity and jealousy' has no evidence beneath it." in messages
    assert "Motive 'Paranoia' rests only on hedged evidence: 'Persecution complex' (possible)." in messages
    assert "Statistic 'A million executed (1935)' has no source." in messages
    # the unrated Old Bolsheviks motive, with two certain facts, is not a weak spot
    assert not [d for d in argmap.check(stalin) if d.node == "old_bolsheviks"]


@pytest.mark.timeout(300)  # a hang guard; the time per statement is measured in benchmarks/
def test_checks_run_on_100k_statements() -> None:
    """100 000 statements: every check together, with no pairwise (hours-long) step and no recursion."""
    amap = argmap.ArgumentMap()
    amap.add_node("t", "thesis", "The thesis of a very large map")
    n = 0
    for r in range(2_100):
        amap.add_node(f"r{r}", "reason", f"reason number {r} about topic {r % 97} and theme {r % 13}")
        amap.add_edge(f"r{r}", "t")
        for _claim in range(12):
            n += 1
            amap.add_node(f"c{n}", "claim", f"claim {n} concerning subject {n % 101} in area {n % 7}")
            amap.add_edge(f"c{n}", f"r{r}")
            claim = f"c{n}"
            for _ in range(3):
                n += 1
                amap.add_node(f"e{n}", "evidence", f"observation {n} recorded at site {n % 89}",
                              confidence="likely", source="an archive")
                amap.add_edge(f"e{n}", claim)
    assert len(amap) > 100_000
    findings = run_checks(amap)
    assert findings is not None


def test_fast_paths_agree_with_the_plain_regular_expressions() -> None:
    import random

    from argmap import checks

    rng = random.Random(3)
    vocab = ['two', 'Thirteen', 'SEVENTY', 'hundreds', 'thousand', 'half', 'quarter', 'per',
             'cent', 'percent', 'per\tcent', '%', '1934', '1930s', '12', '3rd', 'June', 'jan',
             'May', '28th', 'often', 'written', 'attention', 'sixty,', 'ten.', 'xten', 'ſeven',
             'thouſand', 'K', 'é', '5', '٣', 'TODO', 'FIXME', 'TODOS', 'a_b', 'Hello,', 'World']
    for _ in range(5000):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randrange(0, 8)))
        if rng.random() < 0.3:
            text = text.replace(" ", rng.choice(["-", "", ".", "_"]))
        assert is_figure(text) == bool(checks._FIGURE.search(checks._NOT_A_FIGURE.sub(" ", text)))
        words = frozenset(checks._TOKEN.findall(text.casefold())) - checks._STOP
        assert checks._content_words(text) == tuple(sorted(words))
        assert checks._todo(text) == bool(checks._TODO.search(text))


def test_findings_come_worst_first_then_in_map_order(stalin: argmap.ArgumentMap) -> None:
    found = argmap.check(stalin)
    ranks = [rank(d) for d in found]
    assert ranks == sorted(ranks)
    for r in set(ranks):  # within a rank, in the order the statements are written
        lines = [d.line for d in found if rank(d) == r]
        assert lines == sorted(lines)
    codes = [d.code for d in found]
    # the three motives with no evidence at all before any "no source"
    assert codes[:3] == ["AM202"] * 3 and codes.index("AM205") > 3
    assert [badge(d) for d in found[:5]] == ["no evidence"] * 3 + ["hedged only", "unsourced figure"]


def test_ranks_follow_the_harm_order(write_map: Callable[..., Path]) -> None:
    """One map with a finding of every ranked kind, written in the reverse order of harm."""
    amap = argmap.load(write_map("""
        nodes:
          t: {kind: thesis, text: The thesis of the essay}
          e5: {kind: evidence, text: Something seen, confidence: certain, supports: r3}
          e4: {kind: evidence, text: Something read, confidence: certain, source: a website, supports: r3}
          e3: {kind: evidence, text: Forty people came, confidence: certain, supports: r3}
          o: {kind: objection, text: But consider this, attacks: t}
          e2: {kind: evidence, text: A rumour, confidence: doubtful, source: Smith (1990), supports: r2}
          r2: {kind: reason, text: Second reason, supports: t}
          r1: {kind: reason, text: First reason, supports: t}
          r3: {kind: reason, text: Third reason, supports: t}
        """))
    codes = [d.code for d in argmap.check(amap)]
    assert codes == ["AM202", "AM203", "AM208", "AM204", "AM214", "AM205"]
    assert sorted(HARM, key=lambda c: HARM[c][0]) == codes


def test_errors_first_and_code_built_maps_in_map_order() -> None:
    from argmap.errors import Diagnostic

    amap = argmap.ArgumentMap()
    amap.add_node("t", "thesis", "T")
    for n in ("z", "a", "m"):
        amap.add_node(n, "reason", f"reason {n}")
        amap.add_edge(n, "t")
    assert [d.node for d in run_checks(amap) if d.code == "AM202"] == ["z", "a", "m"]
    error = Diagnostic("x.yaml", 9, 1, "AM101", "broken")
    ordered = by_harm([*run_checks(amap), error], amap)
    assert ordered[0] is error and rank(error) == 0 and badge(error) == "error"
    assert all(rank(d) <= OTHER_RANK for d in ordered)
    data = as_dict(ordered[1])
    assert data["rank"] == 1 and data["badge"] == "no evidence" and data["code"] == "AM202"


def _labelled_sources(root: Path) -> list[tuple[str, bool, str]]:
    rows = []
    for line in (root / "tests" / "data" / "checks" / "sources.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            which, label, source = line.split("\t")
            rows.append((which, label == "vague", source))
    return rows


def test_vague_source_rule_on_labelled_sources(root: Path) -> None:
    """The rule (docs/checks.md) on sources labelled by hand before it ran: precision and recall
    for "vague", separately on the examples it was written from and on held-out ones."""
    rows = _labelled_sources(root)
    scores = {}
    for which in ("tuning", "heldout"):
        got = [(is_vague_source(s), vague) for w, vague, s in rows if w == which]
        tp = sum(p and v for p, v in got)
        scores[which] = (tp / sum(p for p, _ in got), tp / sum(v for _, v in got))
    assert len([r for r in rows if r[0] == "heldout"]) >= 30
    # measured: tuning P 1.00 R 0.90, held-out P 1.00 R 0.91 (the misses name a subject, not a
    # source: "a book about Stalin"); these floors keep the rule from quietly getting worse
    assert scores["tuning"][0] >= 0.95 and scores["tuning"][1] >= 0.9
    assert scores["heldout"][0] >= 0.95 and scores["heldout"][1] >= 0.85


def test_vague_sources_by_rule() -> None:
    for vague in ("teacher survey", "reviews of classroom research", "some writers", "a website",
                  "Historians", "some writers (not named in the essay)"):
        assert is_vague_source(vague), vague
    for named in ("Conquest, The Great Terror (1968)", "BBC", "Ofsted report 2019", "the 1930s press",
                  'an article called "Why uniforms work"', "student council survey", ""):
        assert not is_vague_source(named), named


@settings(max_examples=300, deadline=None)
@given(random_graphs(max_nodes=16), st.data())
def test_hedged_only_equals_tracing_hedged_evidence_through_the_whole_map(
        amap: argmap.ArgumentMap, data: st.DataObject) -> None:
    """AM203 traces hedged evidence only through statements without firm evidence beneath them;
    tracing it through the whole map (the obvious way) finds the same statements and lists the
    same hedged evidence in the same order."""
    nodes = amap.graph.nodes
    pieces = amap.nodes_of("evidence")
    for e in pieces:  # mostly hedged, so that many statements rest on hedged evidence only
        nodes[e]["confidence"] = data.draw(st.sampled_from(["possible", "doubtful", "possible", "likely"]))
    firm = reaching(amap, [e for e in pieces if not hedged(nodes[e].get("confidence"))], 1)
    shaky = reaching(amap, [e for e in pieces if hedged(nodes[e].get("confidence"))], 3)
    expected = [(n, ", ".join(f"'{amap.label(e)}' ({nodes[e]['confidence']})" for e in shaky[n]))
                for n in amap.nodes_of(*ROW_KINDS) if n in shaky and n not in firm]
    found = list(hedged_only(amap))
    assert [d.node for d in found] == [n for n, _ in expected]
    for d, (_, detail) in zip(found, expected, strict=True):
        assert d.message.endswith(f"rests only on hedged evidence: {detail}.")
