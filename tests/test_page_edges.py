"""The card map's links, measured in headless Chromium: every link of the map is drawn, from its own
card's border to the other's, and no connector crosses a card that is not one of its two ends (a line
behind a third card reads as a chain of support that the map does not have) - in both directions, with
filters, in focus mode, dark, and for cards put anywhere."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import strategies
from hypothesis import HealthCheck, Phase, given, settings

import argmap
from argmap.layout import card_layout
from argmap.options import RenderOptions

pytestmark = pytest.mark.browser
DIRECTIONS = ("down", "right")
#: read what the page draws: the card boxes at the live positions and every drawn connector
GEOMETRY = """() => {
    const a = window.argmap, c = a.data.card, h = {};
    a.data.nodes.forEach((r, k) => {
        h[a.idOf(k)] = 2 * c.padding + r[4].split('\\n').length * c.lineHeight; });
    const shown = new Set(a.visible());
    const boxes = a.positions().filter(p => shown.has(p[0])).map(([id, x, y]) =>
        [id, x - c.width / 2, y - h[id] / 2, x + c.width / 2, y + h[id] / 2]);
    return {boxes: boxes, paths: a.edgePaths()};
}"""


def render(amap: argmap.ArgumentMap, tmp_path: Path, name: str = "page.html", **opts: Any) -> Path:
    path = tmp_path / name
    path.write_text(argmap.render(amap, RenderOptions(**opts)), encoding="utf-8")
    return path


def meets(seg: tuple[float, float, float, float], box: list[float]) -> bool:
    """Whether the segment crosses the open box (left, top, right, bottom): Liang-Barsky clipping."""
    x0, y0, x1, y1 = seg
    left, top, right, bottom = box
    dx, dy, u0, u1 = x1 - x0, y1 - y0, 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        u = q / p
        if p < 0:
            u0 = max(u0, u)
        else:
            u1 = min(u1, u)
        if u0 >= u1:
            return False
    return True


def on_border(point: list[float], box: list[float]) -> bool:
    """Whether the point lies on the box's border (1 px tolerance)."""
    x, y = point
    left, top, right, bottom = box
    inside = left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1
    return inside and min(abs(x - left), abs(x - right), abs(y - top), abs(y - bottom)) <= 1


def crossings(geometry: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(from, to, card) for each connector crossing a card other than its ends (boxes shrunk by 1 px)."""
    boxes = {b[0]: b[1:] for b in geometry["boxes"]}
    found = []
    for path in geometry["paths"]:
        pts = path["points"]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            for node, (left, top, right, bottom) in boxes.items():
                shrunk = [left + 1, top + 1, right - 1, bottom - 1]
                if node not in (path["from"], path["to"]) and meets((x0, y0, x1, y1), shrunk):
                    found.append((path["from"], path["to"], node))
    return found


def check_links(amap: argmap.ArgumentMap, page: Any, where: str,
                shown: set[str] | None = None) -> dict[str, Any]:
    """Every link between shown statements is drawn once, from border to border, crossing no other card."""
    geometry = page.js(GEOMETRY)
    boxes = {b[0]: b[1:] for b in geometry["boxes"]}
    shown = set(boxes) if shown is None else shown
    want = sorted((u, v, d["relation"]) for u, v, d in amap.graph.edges(data=True)
                  if u in shown and v in shown)
    drawn = sorted((p["from"], p["to"], p["relation"]) for p in geometry["paths"])
    assert drawn == want, where
    for path in geometry["paths"]:
        assert len(path["points"]) >= 2, (where, path)
        assert on_border(path["points"][0], boxes[path["from"]]), (where, path)
        assert on_border(path["points"][-1], boxes[path["to"]]), (where, path)
    assert crossings(geometry) == [], where
    assert page.errors == [] and page.requests == [], where
    return geometry


def maps(bundled_maps: list[Path], root: Path) -> list[Path]:
    return [*bundled_maps, root / "tests" / "data" / "maps" / "homework.yaml"]


def test_bundled_maps_links_cross_no_card(bundled_maps, root, tmp_path, open_page):
    for path in maps(bundled_maps, root):
        amap = argmap.load(path)
        page = open_page(render(amap, tmp_path, path.stem + ".html"), viewport={"width": 1280, "height": 800})
        for direction in DIRECTIONS:
            page.js("d => window.argmap.setDirection(d)", direction)
            check_links(amap, page, f"{path.name} {direction}")
            # every drawing the page may pick for some map area: one line of groups, or lanes
            for which in range(page.js("d => window.argmap.drawings(d)", direction)):
                page.js("([d, i]) => window.argmap.setDirection(d, i)", [direction, which])
                check_links(amap, page, f"{path.name} {direction} drawing {which}")
        page.close()


def test_links_with_filters_focus_and_dark(stalin, tmp_path, open_page):
    page = open_page(render(stalin, tmp_path, theme="dark"), viewport={"width": 1280, "height": 800})
    thesis = next(iter(stalin.nodes_of("thesis")))
    reason = next(v for v in stalin.graph.predecessors(thesis) if stalin.kind(v) == "reason")
    page.js("id => window.argmap.select(id)", reason)
    check_links(stalin, page, "selected")
    page.js("() => window.argmap.setFilter('kind', 'evidence', false)")
    shown = set(page.js("() => window.argmap.visible()"))
    assert not any(stalin.kind(n) == "evidence" for n in shown)
    check_links(stalin, page, "evidence hidden", shown)
    page.js("() => window.argmap.clearFilters()")
    page.js("id => window.argmap.focus(id)", reason)
    shown = set(page.js("() => window.argmap.visible()"))
    assert reason in shown and thesis not in shown
    check_links(stalin, page, "focus", shown)
    page.js("() => window.argmap.unfocus(0)")
    check_links(stalin, page, "back from focus")
    assert page.js("() => window.argmap.exportPNG().startsWith('data:image/png')")


def test_links_route_round_cards_put_anywhere(stalin, tmp_path, open_page):
    """The routes are the page's, not the layout's: cards shuffled over a grid with the layout's
    least gap (20 px) still get links that cross no other card."""
    page = open_page(render(stalin, tmp_path), viewport={"width": 1280, "height": 800})
    ids = sorted(stalin.graph)
    random.Random(7).shuffle(ids)
    cells = [(col * 224.0, row * 120.0) for row in range(6) for col in range(5)]
    page.js("""cells => { const a = window.argmap;
        cells.forEach(([id, x, y]) => a.network.moveNode(a.visId(id), x, y)); a.network.redraw(); }""",
            [[node, x, y] for node, (x, y) in zip(ids, cells, strict=False)])
    check_links(stalin, page, "shuffled")


def test_links_cross_no_more_often_than_graphviz_dot(graphviz_dot, bundled_maps, tmp_path, open_page):
    """The links as the page routes them on a laptop, in its default state, cross no more often than
    dot's splines on the same graph and card sizes: the bundled maps, and essay-shaped and generated
    maps of 30-40 statements whose lanes put evidence far from a reason it also supports (a link
    routed before the others knew where they would run once crossed seven of them), a
    20-statement one whose shared evidence, drawn at the top of a column going down, had its link to
    the earlier reason cross that column's line, and generated maps of 50-60 statements whose links,
    routed again, crossed trunks rather than go round the map's edge (4 and 3 times vs 0)."""
    from tests.drawing import dot_drawing, polyline_crossings
    from tests.maps import essay_map, generate, to_yaml

    named = [(p.stem, argmap.load(p)) for p in bundled_maps]
    named += [(f"essay {n}/{seed}", essay_map(n, seed)) for n, seed in ((20, 2), (30, 2), (40, 1), (40, 3))]
    named += [(f"generated {n}/{seed}", argmap.loads(to_yaml(generate(n, seed=seed))))
              for n, seed in ((40, 3), (50, 3), (60, 1))]
    for name, amap in named:
        path = render(amap, tmp_path, "crossings.html")
        drawn = dot_drawing(amap, card_layout(amap).heights)
        assert drawn is not None
        # in the default state, then with both panes closed (another map area, another drawing)
        for state in ("", "#essay=0&panel=0"):
            page = open_page(path, viewport={"width": 1280, "height": 800}, hash=state)
            links = [(p["from"], p["to"], [(x, y) for x, y in p["points"]])
                     for p in page.js("() => window.argmap.edgePaths()")]
            assert polyline_crossings(links) <= polyline_crossings(drawn[1]), (name, state)
            page.close()


def test_evidence_level_with_its_statement_keeps_its_straight_link(bundled_maps, tmp_path, open_page):
    """A piece of evidence drawn level with the statement it supports, one gap away, is linked to it
    by one straight line, the shortest there is: where another link crossed that line, the other
    link is routed round again, not this one (generated maps whose evidence link went round the
    cards instead, 28 -> 567 and 886 px long), on the bundled maps and generated and essay maps of
    20-60 statements."""
    from tests.maps import essay_map, generate, to_yaml

    named = [(p.stem, argmap.load(p)) for p in bundled_maps]
    named += [(f"generated {n}/{seed}", argmap.loads(to_yaml(generate(n, seed=seed))))
              for n, seed in ((20, 6), (30, 3), (60, 2))]
    named += [(f"essay {n}/{seed}", essay_map(n, seed)) for n, seed in ((30, 2), (60, 2))]
    facing = 0
    for name, amap in named:
        path = render(amap, tmp_path, "stub.html")
        # both panes closed: the drawing the generated maps were caught in
        page = open_page(path, viewport={"width": 1280, "height": 800}, hash="#essay=0&panel=0")
        geometry = check_links(amap, page, name)
        boxes = {b[0]: b[1:] for b in geometry["boxes"]}
        for link in geometry["paths"]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = boxes[link["from"]], boxes[link["to"]]
            level = abs((t1 + b1) - (t2 + b2)) < 1 and max(l1, l2) - min(r1, r2) <= 40
            upright = abs((l1 + r1) - (l2 + r2)) < 1 and max(t1, t2) - min(b1, b2) <= 40
            evidence = amap.graph.nodes[link["from"]]["kind"] == "evidence"
            if evidence and link["relation"] == "supports" and (level or upright):
                facing += 1
                assert len(link["points"]) == 2, (name, link)
        page.close()
    assert facing > 20  # the maps have such links to check


essay_maps = getattr(strategies, "essay_maps", None)


@pytest.mark.skipif(essay_maps is None, reason="tests/strategies.py has no essay_maps")
def test_generated_essay_maps_links_cross_no_card(tmp_path, open_page):
    @settings(max_examples=4, deadline=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(essay_maps(max_nodes=40))  # type: ignore[misc]
    def check(amap: argmap.ArgumentMap) -> None:
        page = open_page(render(amap, tmp_path), viewport={"width": 1280, "height": 800})
        for direction in DIRECTIONS:
            for which in range(page.js("d => window.argmap.drawings(d)", direction)):
                page.js("([d, i]) => window.argmap.setDirection(d, i)", [direction, which])
                check_links(amap, page, f"{len(amap)} statements {direction} drawing {which}")
        page.close()

    check()
