"""The page for students: objections and rebuttals traced like support (against analysis.trace), weak
spots ranked in words, search over every field by whole words, the panel that follows the selection,
the matrix's cue for hidden columns, proper words, the filter note, the tooltip beside the path and
review notes as text. In headless Chromium, checked against the map computed in Python."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_html import PAYLOAD
from test_page import clean, click_node, python_search, render

import argmap
from argmap.analysis import trace
from argmap.model import ArgumentMap, shorten

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"

#: a map with an objection to the thesis, an objection to a reason, an undercut, rebuttals resting
#: on evidence and a rebuttal of a rebuttal: every attack shape the trace follows
COUNTER = """\
title: Should the school day start later?
nodes:
  thesis: {kind: thesis, label: Start later, text: Secondary schools should start the day at ten.}
  sleep: {kind: reason, label: Teenagers need sleep, text: Teenagers fall asleep late and need more sleep.,
         supports: thesis}
  study: {kind: evidence, label: Sleep study, text: Students slept longer when school started later.,
          source: "Wahlstrom, 2014", confidence: likely, supports: sleep}
  buses: {kind: objection, label: Bus timetables, text: Buses are timed for the current start.,
          attacks: thesis}
  flex: {kind: rebuttal, label: Timetables change, text: Councils rewrite bus timetables every year.,
         attacks: buses}
  council: {kind: evidence, label: Council report, text: The council changed its routes twice last year.,
            source: "County council, 2023", confidence: certain, supports: flex}
  cost: {kind: objection, label: It costs money, text: Later days cost more in staff., attacks: flex}
  lazy: {kind: objection, label: They will stay up, text: Students would simply go to bed later.,
         attacks: sleep}
  bedtime: {kind: evidence, label: Later bedtimes, text: Some students went to bed later.,
            confidence: possible, supports: lazy}
  biology: {kind: rebuttal, label: Body clocks, text: The body clock shifts in adolescence., attacks: lazy}
  clock: {kind: evidence, label: Melatonin timing, text: Melatonin is released later in teenagers.,
          source: "Carskadon, 2011", supports: biology}
  odd: {kind: objection, label: One study only, text: One study does not show the effect.,
        undercuts: {from: study, to: sleep}}
"""


@pytest.fixture
def stalin_page(stalin, tmp_path, open_page):
    return open_page(render(stalin, tmp_path))


@pytest.fixture
def counter_map(write_map):
    return argmap.load(write_map(COUNTER, "counter.yaml"))


def attack_maps(root: Path, counter_map) -> list[ArgumentMap]:
    return [argmap.load(root / "tests" / "data" / "maps" / "homework.yaml"), counter_map,
            *(argmap.load(p) for p in sorted((root / "graphs").glob("*.yaml")))]


# -- attack relations traced like support ------------------------------------------------------------
def test_trace_of_every_node_equals_analysis_trace(root, counter_map, tmp_path, open_page):
    """Field by field (rests on, relied on by, objections, attacks, answered by), node by node."""
    for k, amap in enumerate(attack_maps(root, counter_map)):
        page = open_page(render(amap, tmp_path, f"m{k}.html"))
        got = page.js("ids => ids.map(id => window.argmap.trace(id))", list(amap.graph))
        for node, t in zip(amap.graph, got, strict=True):
            want = trace(amap, node)
            assert t["restsOn"] == list(want.rests_on), node
            assert t["reliedOnBy"] == list(want.relied_on_by), node
            assert t["objections"] == list(want.objections), node
            assert t["attacks"] == list(want.attacks), node
            assert t["answeredBy"] == list(want.answered_by), node
        attackers = amap.nodes_of("objection", "rebuttal")
        lit = page.js("ids => ids.map(id => window.argmap.select(id))", attackers)
        for node, ids in zip(attackers, lit, strict=True):
            assert ids == list(trace(amap, node).highlighted), node
            targets = [v for v, d in amap.graph.succ[node].items() if d["relation"] != "supports"]
            assert set(targets) <= set(ids), node   # what it attacks is lit
        clean(page)


def test_objection_and_rebuttal_light_the_line_to_the_thesis(counter_map, tmp_path, open_page):
    page = open_page(render(counter_map, tmp_path))
    lazy = page.js("() => window.argmap.select('lazy')")
    assert {"sleep", "thesis", "biology", "clock"} <= set(lazy)       # attacked, up the line, answered
    flex = page.js("() => window.argmap.select('flex')")
    assert {"buses", "thesis", "council", "cost"} <= set(flex)        # the objection it answers and on
    odd = page.js("() => window.argmap.select('odd')")
    assert {"sleep", "thesis"} <= set(odd)    # an undercut attacks the statement at the step's head
    clean(page)


def test_panel_lists_attacks_and_answers(counter_map, tmp_path, open_page):
    page = open_page(render(counter_map, tmp_path), viewport={"width": 1280, "height": 800})
    page.js("() => window.argmap.showPanel(true)")
    for node in ("lazy", "flex", "buses"):
        click_node(page, node)
        t = trace(counter_map, node)
        parts = (("attacks-part", "attacks", t.attacks), ("answered-part", "answered-by", t.answered_by))
        for part, list_id, want in parts:   # objections and rebuttals: both shown when not empty
            assert page.is_visible(f"#{part}") == bool(want), (node, part)
            got = page.eval_on_selector_all(f"#{list_id} [data-node]", "els => els.map(e => e.dataset.node)")
            assert got == list(want), (node, list_id)
        assert page.text_content("#n-attacks") == f"({len(t.attacks)})"
    page.click("#attacks [data-node='thesis']")   # an item selects that statement
    assert page.js("() => window.argmap.selected()") == "thesis"
    assert not page.is_visible("#attacks-part")   # a thesis attacks nothing
    # a reason: its objections above; with what they rest on too when they rest on anything
    click_node(page, "sleep")
    assert page.text_content("#answered-title") == "Objections and what they rest on"
    got = page.eval_on_selector_all("#answered-by [data-node]", "els => els.map(e => e.dataset.node)")
    assert got == list(trace(counter_map, "sleep").answered_by) == ["lazy", "odd", "bedtime"]
    assert page.is_visible("#answered-part")
    click_node(page, "thesis")   # its one objection rests on nothing: "Objections" says it all
    assert not page.is_visible("#answered-part")
    clean(page)


# -- weak spots for students --------------------------------------------------------------------------
def test_stalin_weak_spots_worst_first_in_words(stalin, stalin_page):
    page = stalin_page
    page.js("() => document.querySelectorAll('#weak-list details').forEach(d => { d.open = true; })")
    rows = page.eval_on_selector_all("#weak-list li.weak-item:not(.weak-summary)", """els => els.map(e => ({
        node: e.querySelector('[data-node]') && e.querySelector('[data-node]').dataset.node,
        badge: e.querySelector('.weak-badge').textContent, rank: +e.dataset.rank,
        first: e.querySelector('.weak-button').children[1].textContent.trim(),
        last: e.querySelector('.weak-button').lastElementChild.className,
        code: e.querySelector('.weak-code').textContent }))""")
    motives = {"superiority", "snowball", "five_year_plans"}   # no evidence at all
    assert {n for n in stalin.nodes_of("reason") if not argmap.analysis.evidence_of(stalin, n)} == motives
    at = {r["node"]: i for i, r in enumerate(rows) if r["badge"] == "no evidence"}
    no_source = [i for i, r in enumerate(rows) if r["badge"] == "no source"]
    assert set(at) == motives and no_source and max(at.values()) < min(no_source)
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    for r in rows:   # the statement's label leads, the code comes last and small
        assert r["first"] == stalin.label(r["node"])
        assert r["last"] == "weak-code" and r["code"].startswith("AM")
    clean(page)


def test_badges_by_severity_and_one_summary_line(stalin, stalin_page):
    page = stalin_page
    badges = dict(page.js("() => window.argmap.badges()"))
    assert {badges[m] for m in ("superiority", "snowball", "five_year_plans")} == {"no evidence"}
    assert badges["paranoia"] == "hedged only"
    findings = [d for d in argmap.check(stalin) if d.severity != "error"]
    others = {d.node for d in findings if d.code != "AM205"}
    only_no_source = {d.node for d in findings if d.code == "AM205"} - others
    assert len(only_no_source) >= 4 and not only_no_source & set(badges)   # no badge on each of them
    line = f"\u26a0 {len(only_no_source)} pieces of evidence have no source."
    assert page.text_content("#map-summaries").strip() == line
    page.click("#map-summaries button")   # opens that summary in the panel
    assert page.js("() => document.querySelector('#weak-list li.weak-summary details').open")
    # a summary builds its items on the disclosure's "toggle" event, which fires after the click
    # returns: wait for them rather than racing it
    page.wait_for_function("n => document.querySelectorAll("
                           "'#weak-list li.weak-summary li [data-node]').length >= n",
                           arg=len(only_no_source), timeout=10_000)
    listed = page.eval_on_selector_all("#weak-list li.weak-summary li [data-node]", "els => els.length")
    assert listed == len(only_no_source)
    clean(page)


# -- search ------------------------------------------------------------------------------------------
def test_search_finds_quoted_passages_by_whole_words(stalin_path, tmp_path, open_page):
    amap = argmap.load(stalin_path)
    amap.graph.nodes["kirov_murder"]["text"] += " He led the party in Leningrad."
    page = open_page(render(amap, tmp_path))
    assert page.js("() => window.argmap.search('cigarette')") == ["lenin_photo"]
    assert page.text_content("#result-list").count("in quote") == 1
    lenin = page.js("() => window.argmap.search('Lenin')")
    assert lenin == python_search(amap, "Lenin") and "kirov_murder" not in lenin and "lenin_photo" in lenin
    assert "kirov_murder" in page.js("""() => window.argmap.search('"lenin"')""")     # quotes: inside words
    assert "kirov_murder" in page.js("() => window.argmap.search('lenin', {whole: false})")
    assert page.js("() => window.argmap.search('LÉNIN')") == lenin                    # case and accents
    # each match listed with its kind
    items = page.eval_on_selector_all("#result-list [data-node]", "els => els.map(e => e.textContent)")
    assert len(items) == len(lenin)
    for text, node in zip(items, lenin, strict=True):
        assert amap.kind_name(amap.kind(node)) in text and amap.label(node) in text
    clean(page)


def test_first_enter_selects_match_one(stalin, stalin_page):
    page = stalin_page
    want = python_search(stalin, "lenin")
    page.click("#search")
    page.keyboard.type("lenin")
    page.wait_for_function("n => window.argmap.matches().length === n", arg=len(want))
    assert page.js("() => window.argmap.selected()") is None
    page.keyboard.press("Enter")
    assert page.get_attribute("body", "data-match") == want[0]
    assert page.text_content("#search-count") == f"1 of {len(want)}"
    assert page.get_attribute("#result-list li[aria-current]", "data-match-at") == "0"
    clean(page)


# -- the panel follows the selection ------------------------------------------------------------------
def test_panel_scrolls_to_top_on_every_new_selection(stalin, tmp_path, open_page):
    page = open_page(render(stalin, tmp_path), viewport={"width": 1280, "height": 800})
    page.js("() => window.argmap.showPanel(true)")
    panel = "() => document.getElementById('panel').scrollTop"
    page.js("() => { const p = document.getElementById('panel'); p.scrollTop = p.scrollHeight; }")
    assert page.js(panel) > 100
    click_node(page, "rivals")
    assert page.js("() => window.argmap.selected()") == "rivals" and page.js(panel) == 0
    # Enter in "All statements"
    page.click("#sec-nodes summary")
    page.focus("#node-tree [data-node='paranoia']")
    page.js("() => { const p = document.getElementById('panel'); p.scrollTop = p.scrollHeight; }")
    page.keyboard.press("Enter")
    assert page.js("() => window.argmap.selected()") == "paranoia" and page.js(panel) == 0
    assert page.is_visible("#d-label")
    clean(page)


# -- matrix ------------------------------------------------------------------------------------------
def test_matrix_cue_names_hidden_columns(stalin, tmp_path, open_page):
    page = open_page(render(stalin, tmp_path), viewport={"width": 1280, "height": 800})
    page.js("() => { const a = window.argmap; a.showEssay(true); a.showPanel(true); a.showView('matrix'); }")
    cols = len(page.js("() => window.argmap.data.matrix.cols"))
    shown = int(page.get_attribute("body", "data-matrix-shown"))
    assert 0 < shown < cols
    assert page.is_visible("#matrix-cue")
    cue = f"{cols} evidence, {shown} shown \u2013 scroll right for {cols - shown} more"
    assert page.text_content("#matrix-cue").startswith(cue)
    assert "more-right" in page.get_attribute("#matrix-scroll", "class")
    page.js("() => { const s = document.getElementById('matrix-scroll'); s.scrollLeft = s.scrollWidth; }")
    page.wait_for_function("() => document.getElementById('matrix-cue').textContent.includes('scroll left')")
    # every column reachable; the totals column last; confidence words apart from the names
    assert page.is_visible("#matrix thead th.total")
    assert page.eval_on_selector_all("#matrix .col-button .badge", "els => els.length") == 0
    heads = page.eval_on_selector_all("#matrix th.col-head", """els => els.map(th => {
        const b = th.querySelector('.col-button').getBoundingClientRect(), c = th.querySelector('.col-conf');
        return c ? c.getBoundingClientRect().top >= b.bottom - 0.5 : true; })""")
    assert heads and all(heads)
    page.js("() => window.argmap.showEssay(false)")
    page.wait_for_function("() => !document.getElementById('matrix-cue').textContent.includes('scroll right')"
                           " || document.body.dataset.matrixShown > 6")
    clean(page)


# -- words --------------------------------------------------------------------------------------------
def test_no_made_up_plurals_in_any_page(root, counter_map, tmp_path, open_page):
    for k, amap in enumerate(attack_maps(root, counter_map)):
        page = open_page(render(amap, tmp_path, f"w{k}.html"))
        if page.js("() => !!window.argmap.data.matrix"):
            page.js("() => { window.argmap.showView('matrix'); window.argmap.showView('map'); }")
        page.js("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        text = page.content() + page.js("() => document.body.innerText")
        for wrong in ("Thesises", "Evidences", "thesises", "evidences"):
            assert wrong not in text, (amap.title, wrong)
        clean(page)


def test_shorten_mirrors_model_shorten(stalin_page):
    rng = random.Random(14)
    alphabet = ["a", "b", "é", "Z", " ", " ", "  ", ",", ".", ";", ":", "-", "\n", "\u00a0", "💡", "—",
                "x" * 30]
    cases = ["", "word", "Because its army could not hold the line at the river, the country fell in May.",
             "a" * 80, "x " * 40, "Short text",
             "Ends with punctuation, ;: - and more words to make it long enough"]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 90))) for _ in range(300)]
    widths = [8, 20, 48]
    got = stalin_page.js("([cs, ws]) => cs.map(c => ws.map(w => window.argmap.shorten(c, w)))",
                         [cases, widths])
    assert got == [[shorten(c, w) for w in widths] for c in cases]


def test_filter_note_and_one_click_clear(stalin, stalin_page):
    page = stalin_page
    assert not page.is_visible("#filter-note")
    page.js("() => { const a = window.argmap; a.setFilter('kind', 'evidence', false);"
            " a.setFilter('attacks', false); }")
    assert page.is_visible("#filter-note") and page.text_content("#filter-count") == "2 filters on"
    page.click("#filter-clear")
    assert not page.is_visible("#filter-note")
    assert page.js("() => window.argmap.visible().length") == len(stalin)
    assert page.js("() => window.argmap.filtersOn()") == 0
    clean(page)


@pytest.mark.parametrize("node", ["rivals", "old_bolsheviks", "paranoia"])
def test_tooltip_never_covers_the_highlighted_path(stalin, tmp_path, open_page, node):
    page = open_page(render(stalin, tmp_path), viewport={"width": 1280, "height": 800})
    click_node(page, node)
    lit = set(trace(stalin, node).highlighted)
    for hover in sorted(lit)[:4]:
        page.mouse.move(0, 0)
        page.wait_for_timeout(50)
        pos = page.js("""id => {
            const n = window.argmap.network, v = window.argmap.visId(id), p = n.getPositions([v])[v];
            const d = n.canvasToDOM(p), r = document.getElementById('map').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }""", hover)
        page.mouse.move(*pos)
        page.wait_for_function("() => { const t = document.querySelector('div.vis-tooltip');"
                               " return t && getComputedStyle(t).visibility === 'visible'; }")
        tip = page.js("""() => { const t = document.querySelector('div.vis-tooltip').getBoundingClientRect(),
            m = document.getElementById('map').getBoundingClientRect();
            return [t.left - m.left, t.top - m.top, t.right - m.left, t.bottom - m.top]; }""")
        boxes = {b[0]: b[1:] for b in page.js("() => window.argmap.view().boxes")}
        for other in lit:
            left, top, right, bottom = boxes[other]
            wide = min(tip[2], right) - max(tip[0], left)
            high = min(tip[3], bottom) - max(tip[1], top)
            overlap = wide > 1 and high > 1
            assert not overlap, (node, hover, other)
    clean(page)


# -- review notes --------------------------------------------------------------------------------------
def test_review_notes_shown_as_text(tmp_path, open_page):
    amap = ArgumentMap(title="Reviewed")
    amap.review = [{"by": PAYLOAD, "at": "2026-11-28", "text": "Map note " + PAYLOAD}]
    amap.add_node("t", "thesis", "Thesis text", label="Thesis")
    amap.add_node("r", "reason", "Reason text", label="Reason",
                  review=[{"text": PAYLOAD},
                          {"by": "Ms Lee", "at": "2026-11-27", "text": "Good, needs a source."}])
    amap.add_node("e", "evidence", "Evidence text", label="Evidence", source="Smith, 2020")
    amap.add_edge("r", "t")
    amap.add_edge("e", "r")
    page = open_page(render(amap, tmp_path), viewport={"width": 1280, "height": 800})
    page.js("() => window.argmap.showPanel(true)")
    assert page.is_visible("#sec-map")
    assert page.text_content("#map-reviews") == f"{PAYLOAD}, 2026-11-28: Map note {PAYLOAD}"
    page.js("() => window.argmap.select('r')")
    notes = page.eval_on_selector_all("#d-reviews li", "els => els.map(e => e.textContent)")
    assert notes == [PAYLOAD, "Ms Lee, 2026-11-27: Good, needs a source."]
    page.js("() => window.argmap.select('e')")
    assert not page.is_visible("#d-reviews")
    assert page.eval_on_selector_all("#panel img, #panel script, #panel iframe", "els => els.length") == 0
    assert page.js("() => window.argmap.search('source').includes('r')")   # notes are searched too
    clean(page)   # no dialog: nothing from the payload ran


# -- screenshots to look at --------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (390, 844)])
def test_screenshots_with_objections(stalin, root, tmp_path, open_page, size):
    """build/screenshots/: an objection selected on the homework map, a search on the Stalin map."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    w, h = size
    homework = argmap.load(root / "tests" / "data" / "maps" / "homework.yaml")
    page = open_page(render(homework, tmp_path, "hw.html"), viewport={"width": w, "height": h})
    assert "family_time" in page.js("() => window.argmap.select('shared_time', {camera: true})")
    page.wait_for_timeout(300)
    shots = [SHOTS / f"objection-{w}x{h}.png", SHOTS / f"stalin-search-{w}x{h}.png"]
    page.screenshot(path=str(shots[0]))
    clean(page)
    page = open_page(render(stalin, tmp_path, "stalin.html"), viewport={"width": w, "height": h})
    page.fill("#search", "cigarette")
    page.press("#search", "Enter")
    assert page.get_attribute("body", "data-match") == "lenin_photo"
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots[1]))
    assert all(p.stat().st_size > 10_000 for p in shots)
    clean(page)
