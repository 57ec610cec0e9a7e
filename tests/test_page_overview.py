"""The overview in the map's corner (argmap/page/overview.js), in headless Chromium: shown while part of
the map is out of view, its outline where the view is, a click or drag on it moving the view, folded
and remembered, a trace shown on it, none on a phone or a map wholly in view."""

from __future__ import annotations

import pytest
from test_page import render
from test_page_layout import fits_readably, notes_box

import argmap
from tests.maps import generate, to_yaml

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def too_big():
    """A 40-statement debate that no drawing fits at 12 px on a laptop."""
    return argmap.loads(to_yaml(generate(40, seed=16)))


def state(page) -> dict:
    return page.js("() => window.argmap.overview()")


def expected_outline(page, ov: dict) -> list[float]:
    """The view (the map element's corners in the drawing's coordinates) in the overview's CSS px,
    kept inside it."""
    left, top, right, bottom = page.js("""() => {
        const n = window.argmap.network, m = document.getElementById('map');
        const a = n.DOMtoCanvas({x: 0, y: 0}), b = n.DOMtoCanvas({x: m.clientWidth, y: m.clientHeight});
        return [a.x, a.y, b.x, b.y]; }""")
    (ox, oy), k = ov["origin"], ov["scale"]
    return [max(0.0, (left - ox) * k), max(0.0, (top - oy) * k),
            min(ov["width"], (right - ox) * k), min(ov["height"], (bottom - oy) * k)]


def rect(page, selector: str) -> dict:
    return page.js(f"() => document.querySelector({selector!r}).getBoundingClientRect().toJSON()")


def apart(a: dict, b: dict) -> bool:
    return (a["right"] <= b["left"] or b["right"] <= a["left"]
            or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


def test_a_map_too_big_to_read_whole_opens_with_its_overview(too_big, tmp_path, open_page):
    page = open_page(render(too_big, tmp_path), viewport=LAPTOP)
    assert not fits_readably(page, too_big)
    ov = state(page)
    assert ov["shown"] and ov["open"]
    assert page.is_visible("#overview-map")
    # the whole drawing, at most 200 x 140 px, the part in view outlined where it is
    assert 0 < ov["width"] <= 200 and 0 < ov["height"] <= 140
    assert ov["view"] == pytest.approx(expected_outline(page, ov), abs=0.5)
    assert ov["view"][3] < ov["height"] - 1, "the first view is the drawing's top: the rest lies below"
    # inside the map, clear of the notes in its other corner and of the thesis the reader starts at
    box, area = rect(page, "#overview"), rect(page, "#map")
    assert area["left"] <= box["left"] and box["right"] <= area["right"] and box["bottom"] <= area["bottom"]
    if notes_box(page)[1]:
        assert apart(box, rect(page, "#map-notes"))
    thesis = next(iter(too_big.nodes_of("thesis")))
    boxes = page.js("() => window.argmap.view().boxes")
    _, left, top, right, bottom = next(b for b in boxes if b[0] == thesis)
    assert apart(box, {"left": area["left"] + left, "top": area["top"] + top,
                       "right": area["left"] + right, "bottom": area["top"] + bottom})
    assert page.errors == [] and page.requests == []


def test_a_click_or_a_drag_on_the_overview_moves_the_view_there(too_big, tmp_path, open_page):
    page = open_page(render(too_big, tmp_path), viewport=LAPTOP)
    scale = page.js("() => window.argmap.view().scale")
    ov = state(page)
    (ox, oy), k = ov["origin"], ov["scale"]
    # the card furthest below the view: out of view now
    view = page.js("() => window.argmap.view()")
    node, x, y = max(page.js("() => window.argmap.positions()"), key=lambda p: p[2])
    box = next(b for b in view["boxes"] if b[0] == node)
    assert box[4] > view["height"]
    canvas = rect(page, "#overview-map")
    page.mouse.click(canvas["left"] + (x - ox) * k, canvas["top"] + (y - oy) * k)
    view = page.js("() => window.argmap.view()")
    _, left, top, right, bottom = next(b for b in view["boxes"] if b[0] == node)
    assert 0 <= (left + right) / 2 <= view["width"] and 0 <= (top + bottom) / 2 <= view["height"]
    assert view["scale"] == pytest.approx(scale), "the zoom stays"
    ov = state(page)
    assert ov["view"] == pytest.approx(expected_outline(page, ov), abs=0.5)
    # a drag: the view's centre follows the pointer
    start = (canvas["left"] + 10, canvas["top"] + 10)
    end = (canvas["left"] + ov["width"] / 2, canvas["top"] + ov["height"] / 2)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=5)
    page.mouse.up()
    ov = state(page)
    centre = page.js("""() => { const n = window.argmap.network, m = document.getElementById('map');
        const c = n.DOMtoCanvas({x: m.clientWidth / 2, y: m.clientHeight / 2}); return [c.x, c.y]; }""")
    (ox, oy), k = ov["origin"], ov["scale"]
    assert (centre[0] - ox) * k == pytest.approx(ov["width"] / 2, abs=1)
    assert (centre[1] - oy) * k == pytest.approx(ov["height"] / 2, abs=1)
    assert page.errors == []


def test_a_map_in_view_has_none_until_zoomed_in(stalin, tmp_path, open_page):
    page = open_page(render(stalin, tmp_path), viewport=LAPTOP)
    assert not state(page)["shown"] and not page.is_visible("#overview")
    page.js("() => window.argmap.network.moveTo({scale: 3, animation: false})")
    assert state(page)["shown"] and page.is_visible("#overview-map")
    page.focus("#map")
    page.keyboard.press("0")
    assert not state(page)["shown"] and not page.is_visible("#overview")
    # not over the evidence matrix
    page.js("() => window.argmap.network.moveTo({scale: 3, animation: false})")
    page.click("#tab-matrix")
    assert not page.is_visible("#overview")


def test_it_folds_and_the_page_remembers(too_big, tmp_path, open_page):
    page = open_page(render(too_big, tmp_path), viewport=LAPTOP)
    page.click("#overview-toggle")
    assert not page.is_visible("#overview-map") and page.is_visible("#overview-toggle")
    assert page.get_attribute("#overview-toggle", "aria-expanded") == "false"
    assert "overview=0" in page.js("() => window.location.hash")
    page.reload()
    page.wait_for_selector("body[data-drawn]", state="attached")
    assert not state(page)["open"] and not page.is_visible("#overview-map")
    page.focus("#map")
    page.keyboard.press("o")
    assert state(page)["open"] and page.is_visible("#overview-map")
    assert "overview=1" in page.js("() => window.location.hash")


def ink(page, ov: dict, x: float, y: float) -> float:
    """How far the overview's pixel at a drawing point is from the page's white ground."""
    (ox, oy), k = ov["origin"], ov["scale"]
    r, g, b, a = page.js("""([x, y]) => {
        const c = document.getElementById('overview-map'), d = window.devicePixelRatio || 1;
        const at = [Math.round(x * d), Math.round(y * d)];
        return Array.from(c.getContext('2d').getImageData(at[0], at[1], 1, 1).data); }""",
                         [(x - ox) * k, (y - oy) * k])
    return sum(abs(255 - v * a / 255 - 255 * (1 - a / 255)) for v in (r, g, b))


def in_view(page, ov: dict) -> list[tuple[str, float, float]]:
    """The statements whose centres lie inside the outline of the part in view, a few px in."""
    (ox, oy), k = ov["origin"], ov["scale"]
    left, top, right, bottom = ov["view"]
    return [(n, x, y) for n, x, y in page.js("() => window.argmap.positions()")
            if left + 3 < (x - ox) * k < right - 3 and top + 3 < (y - oy) * k < bottom - 3]


def test_it_shows_the_trace_of_the_selected_statement(too_big, tmp_path, open_page):
    """Selecting a reason: its trace keeps its colours on the overview, the rest fades."""
    page = open_page(render(too_big, tmp_path), viewport=LAPTOP)
    reason = next(iter(too_big.nodes_of("reason")))
    lit = set(page.js("id => window.argmap.select(id)", reason))
    ov = state(page)
    inside = in_view(page, ov)
    compared = 0
    for kind in {too_big.kind(n) for n, _, _ in inside}:
        shown = [ink(page, ov, x, y) for n, x, y in inside if n in lit and too_big.kind(n) == kind]
        faded = [ink(page, ov, x, y) for n, x, y in inside if n not in lit and too_big.kind(n) == kind]
        if shown and faded:
            assert max(faded) < 0.5 * min(shown), kind
            compared += 1
    assert compared >= 2
    assert page.errors == []


def test_it_leaves_out_what_the_filters_hide(too_big, tmp_path, open_page):
    page = open_page(render(too_big, tmp_path), viewport=LAPTOP)
    page.js("() => window.argmap.setFilter('kind', 'evidence', false)")  # (the panel starts closed)
    ov = state(page)
    assert ov["shown"]
    inside = in_view(page, ov)
    evidence = [ink(page, ov, x, y) for n, x, y in inside if too_big.kind(n) == "evidence"]
    others = [ink(page, ov, x, y) for n, x, y in inside if too_big.kind(n) != "evidence"]
    assert evidence and others
    assert max(evidence) < 20 < min(others)


def test_none_on_a_phone(too_big, tmp_path, open_page):
    page = open_page(render(too_big, tmp_path), viewport={"width": 390, "height": 844})
    assert not state(page)["shown"] and not page.is_visible("#overview")
    assert page.js("() => document.documentElement.scrollWidth") <= 390


def test_a_map_of_more_than_500_statements_has_one_too_once_zoomed_in(tmp_path, open_page):
    """Its nodes are not cards (the layered layout, vis-network's shapes): each is drawn the size of
    a card, and the overview appears only once the reader zooms in from the whole map."""
    big = argmap.loads(to_yaml(generate(600, seed=1)))
    page = open_page(render(big, tmp_path), viewport=LAPTOP)
    assert page.js("() => window.argmap.data.card") is None
    assert not state(page)["shown"]
    page.js("() => window.argmap.network.moveTo({scale: 1, animation: false})")
    ov = state(page)
    assert ov["shown"] and page.is_visible("#overview-map")
    assert ov["view"] == pytest.approx(expected_outline(page, ov), abs=0.5)
    assert page.errors == [] and page.requests == []


def test_a_served_page_keeps_it_clear_of_the_live_status(stalin_path, tmp_path, live_server, open_live):
    """`argmap watch` adds a status in the window's bottom-right corner: with the side panel closed,
    the overview goes above it."""
    page = open_live(live_server(stalin_path).url)
    page.js("argmap.showPanel(false)")
    page.js("argmap.network.moveTo({scale: 4, animation: false})")
    assert state(page)["shown"]
    status = rect(page, "#live-status")
    assert status["height"] > 0
    assert apart(rect(page, "#overview"), status)
    assert page.requests == [] and page.errors == []
