"""Positions computed in Python, so the browser does no layout work at all: the card layout of
maps of up to 500 statements (``card_layout``, below) and the layered layout of bigger ones.

A Sugiyama-style layout in O(sweeps * (nodes + edges) + nodes * log(nodes)) time:

1. circular support is broken by ignoring the edges that close a cycle in an iterative depth-first
   walk (no recursion, so a 100 000-statement chain is fine). The walk starts from the last
   statement written and goes up towards the thesis, so a cycle is entered from below and the
   edge ignored is the one pointing back down (e.g. a thesis "supporting" a reason of its own);
2. each node's layer is at least one below everything it argues about (longest path from the top)
   and at least its kind's usual layer (thesis 0, reasons and objections 1, the rest 2+);
3. nodes in a layer are ordered by a few barycentre sweeps (down, then up) to reduce crossings;
4. x positions are spread evenly, ``X_SPACING`` apart, and each layer is centred. A layer wider
   than ``row_cap(n)`` nodes (thousands of evidence in one row would force a browser to zoom out
   so far that nothing is readable) is wrapped into several rows, one band of rows per layer:
   the k-th node of a layer wrapped into R rows goes to row ``k % R`` of its band, at an x
   proportional to k, so a row still holds nodes ``X_SPACING`` apart, the layer keeps its
   barycentre order from left to right, and every layer keeps the width its order implies.
   Bands are stacked in layer order, so an edge still points from a lower band to a higher one.

Ties are broken by reading order, so the result is deterministic. Everything runs on integer
indexes and plain lists built in one pass over the edges (no per-node networkx look-ups, no
membership tests in lists, no re-scans).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from .model import ArgumentMap

X_SPACING = 220
Y_SPACING = 170
SWEEPS = 4
#: a layer of more nodes than this (at any map size) may be wrapped into several rows ...
MIN_ROW = 40
#: ... and at n nodes, one of more than ``ROW_FACTOR * sqrt(n)``: the whole map then comes out
#: roughly as wide as a screen's proportions want (rows 220 px apart, layers 170 px apart)
ROW_FACTOR = 1.1

#: the least layer each kind sits on (a thesis on top, evidence at least two layers below)
KIND_LAYER = {"thesis": 0, "reason": 1, "objection": 1, "claim": 2, "rebuttal": 2, "evidence": 2}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The layout allocates a few hundred thousand small lists and tuples and frees no cycles:
    with a large map in memory, every generation-2 collection they trigger would re-scan the whole
    map (that alone made the layout of 100 000 nodes several times slower than linear)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _structure(amap: ArgumentMap) -> tuple[list[str], list[list[int]], list[int]]:
    """Nodes in reading order, each one's successors as indexes, and each one's least layer."""
    graph = amap.graph
    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    succ: list[list[int]] = [[] for _ in nodes]
    for u, targets in graph.adjacency():
        if targets:
            succ[index[u]] = [index[v] for v in targets]
    least = [KIND_LAYER.get(d["kind"], 1) for _, d in graph.nodes(data=True)]
    return nodes, succ, least


def _layers(succ: list[list[int]], least: list[int]) -> list[int]:
    n = len(succ)
    # (1) iterative DFS following edges upward; an edge to a node still on the stack closes a cycle
    state = bytearray(n)  # 0 new, 1 on the stack, 2 done
    order: list[int] = []  # post-order: the nodes argued about before the nodes arguing about them
    back: set[tuple[int, int]] = set()
    for start in range(n - 1, -1, -1):
        if state[start]:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]))]
        while stack:
            u, it = stack[-1]
            for v in it:
                s = state[v]
                if s == 0:
                    state[v] = 1
                    stack.append((v, iter(succ[v])))
                    break
                if s == 1:
                    back.add((u, v))
            else:
                state[u] = 2
                order.append(u)
                stack.pop()
    # (2) longest path from the top, with each kind's least layer
    layer = least[:]
    if back:
        for u in order:
            best = layer[u]
            for v in succ[u]:
                if layer[v] >= best and (u, v) not in back:
                    best = layer[v] + 1
            layer[u] = best
    else:
        for u in order:
            best = layer[u]
            for v in succ[u]:
                if layer[v] >= best:
                    best = layer[v] + 1
            layer[u] = best
    return layer


def row_cap(n: int) -> int:
    """The most nodes one row holds in a map of ``n`` nodes (wider layers wrap)."""
    return max(MIN_ROW, math.ceil(ROW_FACTOR * math.sqrt(n)))


def layers(amap: ArgumentMap) -> dict[str, int]:
    """Each node's layer: 0 on top (the thesis), growing downwards."""
    with _gc_paused():
        nodes, succ, least = _structure(amap)
        return dict(zip(nodes, _layers(succ, least), strict=True))


def layered(amap: ArgumentMap) -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` in pixels, the top row (layer 0 when there is a thesis) at y = 0."""
    with _gc_paused():
        return _layered(amap)


def _layered(amap: ArgumentMap) -> dict[str, tuple[int, int]]:
    nodes, succ, least = _structure(amap)
    n = len(nodes)
    layer = _layers(succ, least)
    top = min(layer, default=0)
    if top:  # no thesis: the first row in use goes on top
        layer = [li - top for li in layer]
    depth = max(layer, default=-1) + 1
    grid: list[list[int]] = [[] for _ in range(depth)]
    for i in range(n):  # reading order is the first ordering
        grid[layer[i]].append(i)
    # neighbours in the layers above and below (an edge may skip layers; it still pulls)
    ups: list[list[int]] = [[] for _ in range(n)]
    downs: list[list[int]] = [[] for _ in range(n)]
    for u in range(n):
        lu = layer[u]
        for v in succ[u]:
            lv = layer[v]
            if lv < lu:
                ups[u].append(v)
                downs[v].append(u)
            elif lv > lu:  # an edge that closes a cycle points down
                downs[u].append(v)
                ups[v].append(u)
    pos = [0.0] * n

    def place(row: list[int]) -> None:
        offset = (len(row) - 1) / 2
        for i, node in enumerate(row):
            pos[node] = i - offset

    for row in grid:
        place(row)
    # (3) barycentre sweeps, down then up; a node with no neighbours there keeps its place
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        near = ups if downward else downs
        sequence = range(1, depth) if downward else range(depth - 2, -1, -1)
        for li in sequence:
            row = grid[li]
            keyed = []
            for rank, node in enumerate(row):
                ns = near[node]
                if not ns:
                    key = pos[node]
                elif len(ns) == 1:
                    key = pos[ns[0]]
                else:
                    key = sum([pos[v] for v in ns]) / len(ns)
                keyed.append((key, rank, node))
            keyed.sort()
            row[:] = [node for _, _, node in keyed]
            place(row)
    # (4) pixels: each layer a band of rows; a layer of L nodes wrapped into R rows puts its
    # k-th node on row k % R at x = (k - (L - 1) / 2) * X_SPACING / R (exact integers: the
    # floor keeps nodes of one row exactly X_SPACING apart; R = 1 is the unwrapped layout)
    cap = row_cap(n)
    out: dict[str, tuple[int, int]] = {}
    top_row = 0
    for row in grid:
        size = len(row)
        wrap = -(-size // cap) if size > cap else 1
        span = size - 1
        for k, node in enumerate(row):
            out[nodes[node]] = ((2 * k - span) * X_SPACING // (2 * wrap), (top_row + k % wrap) * Y_SPACING)
        top_row += wrap  # an empty layer (a kind's floor skipped it) keeps its gap, as before
    return out


# -- the essay-shaped card layout (maps of up to BIG_MAP_NODES statements) -------------------------
#
# Each statement is drawn as a card (``argmap.cards``) next to what it argues about. Every node
# gets one *parent*: the statement it argues about that lies deepest in the argument (longest
# support path from the top, cycles broken as above), ties going to the group that comes first.
# That forest is drawn as nested blocks along two axes: the *depth* axis (thesis -> reason ->
# evidence; x when the direction is "right", y when "down") and the *cross* axis, along which
# siblings are stacked. So a reason, its claims, its evidence and the objections to any of them
# form one block: the group's own contiguous band. A statement's leaves (evidence, unanswered
# objections) are packed in a small grid beside it, at most ``spread`` cards along the depth axis
# ("right") or across ("down"); ``spread`` is chosen per direction, from 1 to MAX_SPREAD, as the
# one that fits a laptop's map area at the largest zoom without putting any evidence nearer to
# another reason or claim than to what it supports. Where a wide grid still reaches nearer to a
# neighbouring group's statement, the groups are moved apart just enough (``separate``). Leaves
# and claims linked to statements placed after them go last (next to that group: evidence shared
# by two reasons sits between them), those linked to earlier ones first; in the essay order,
# groups linked that way are moved next to each other when that shortens the links, counted in
# cards (a group linked to another's reason goes before it, to its last claim after it). A reason
# or claim that argues about nothing (a map without a thesis, such as a plan) is drawn as an
# outline heading its own group, as it would be under a thesis; a map of several such roots, or of
# several theses, also gets drawings with the roots' blocks in lanes. A reason of many claims may
# also have them in two columns facing each other across the line to it, the second one mirrored
# (its evidence on its far side), so one long group does not set the whole map's length. Each pass
# is linear, and the number of passes is bounded.

DIRECTIONS = ("down", "right")
#: kinds drawn one below another (indented) rather than beside what they argue about
STATEMENTS = ("thesis", "reason", "claim")
ORDERS = ("essay", "strength")
#: least space between two cards side by side (21: centres are rounded to whole pixels, which may
#: move a card by half a pixel; the page's promise is 20). Every pixel of spacing costs readable
#: maps: at 25 (and 36 along the depth axis, 10 px padding and 19 px lines) a 1280 x 800 laptop
#: showed 33 of 84 random 30-40-statement maps whole at 12 px, at these sizes 65
GAP = 21
#: between a statement and the cards that argue about it, along the depth axis
DEPTH_GAP = 28
#: how far a claim is set in (along the depth axis) from the statement it argues about: going
#: down, below it; going right, none, since the claim's neighbours' evidence would then be drawn
#: nearer to it than to their own statement
INDENT = {"down": 24, "right": 0}
#: the map area of a 1280 x 800 laptop beside the page's panels: the size the spread is chosen for
TARGET_AREA = (900, 650)
MAX_SPREAD = 4
#: rounds of moving groups apart (each fixes what the last one moved too little)
SEPARATE_ROUNDS = 3
#: the nearest-statement check looks this many cells of NEAR_CELL px around a piece of evidence
#: (at least 1 792 px: shared evidence can sit that far from the nearer of its statements)
NEAR_CELL = 256
NEAR_REACH = 7
#: a thesis's groups may also be drawn in up to this many lanes side by side (columns going right,
#: rows going down), the thesis in the corner before them: the page picks the drawing that fits
#: its map area best, so a map of many groups is not one long strip
MAX_LANES = 4
#: maps up to this size try every spread in lanes too (bigger ones: the one line's own)
LANE_SPREADS_UP_TO = 120
#: between two lanes: room for the lines to the thesis (one trunk per relation) and a visible break,
#: about twice the gap between cards; at 72, 9 more of the 300 random essay maps of ``layout_eval``
#: missed a 1280 x 800 laptop whole at 12 px, and going under 48 gains one
LANE_GAP = 48
#: how far one lane's statements are set in from the thesis's edge (the lane's line runs there): enough
#: to show the outline; at 48, a phone's 390 px at 12 px labels cut the evidence beside each reason
LANE_INDENT = 24
#: a group's head of at least this many claims may have them in two columns, one on each side of
#: the line to it (the page picks that drawing where it fits better): a reason of seven claims was
#: one column as long as the map, with the rest of the map beside a third of it
FOLD_MIN = 3


class CardLayout:
    """Card lines and centres, in the graph's node order, for both directions."""

    __slots__ = ("nodes", "lines", "heights", "positions", "spread", "groups", "variants")

    def __init__(self, nodes: list[str], lines: list[list[str]], heights: list[int],
                 positions: dict[str, list[tuple[int, int]]], spread: dict[str, int],
                 groups: list[int],
                 variants: dict[str, list[list[tuple[int, int]]]] | None = None) -> None:
        self.nodes = nodes
        #: per direction, every drawing worth offering the page: ``positions[direction]`` first,
        #: then the drawings in lanes that no other drawing beats in both width and height (the
        #: page draws whichever fits its map area at the largest zoom)
        self.variants = variants if variants is not None else {d: [p] for d, p in positions.items()}
        #: each node's group as the index of its head (a statement about a thesis, usually a
        #: reason; in a map without a thesis, a reason or claim that argues about nothing heads
        #: its own), -1 for the theses themselves
        self.groups = groups
        self.lines = lines
        self.heights = heights
        self.positions = positions
        self.spread = spread

    def as_dict(self, direction: str) -> dict[str, tuple[int, int]]:
        return dict(zip(self.nodes, self.positions[direction], strict=True))

    def bbox(self, direction: str) -> tuple[int, int]:
        """Width and height of the card boxes' bounding box."""
        return _bbox(self.positions[direction], self.heights)


def _bounds(pos: list[tuple[int, int]], heights: list[int]) -> tuple[float, float, float, float]:
    """The card boxes' bounding box: left, top, right, bottom (``pos`` not empty)."""
    from .cards import CARD_WIDTH

    half = CARD_WIDTH / 2
    xs = [x for x, _ in pos]
    # (twice the tops and bottoms, in integers: halved, the same floats as y -/+ h / 2)
    tops = [2 * y - h for (_, y), h in zip(pos, heights, strict=True)]
    bottoms = [2 * y + h for (_, y), h in zip(pos, heights, strict=True)]
    return min(xs) - half, min(tops) / 2, max(xs) + half, max(bottoms) / 2


def _bbox(pos: list[tuple[int, int]], heights: list[int]) -> tuple[int, int]:
    if not pos:
        return (0, 0)
    x0, y0, x1, y1 = _bounds(pos, heights)
    return (math.ceil(x1 - x0), math.ceil(y1 - y0))


def fit_zoom(size: tuple[int, int], area: tuple[int, int] = TARGET_AREA) -> float:
    """The zoom at which a drawing of ``size`` fits ``area`` (uncapped)."""
    w, h = size
    return min(area[0] / max(w, 1), area[1] / max(h, 1))


#: the page draws a drawing at up to this zoom, keeps this margin (CSS px) above and below it for
#: the pills and badges on the cards' top and bottom borders (``vis_adapter.js``: they reach up to
#: 11 px past a card, 9 CSS px at zoom 0.8) ...
MAX_FIT_ZOOM = 1.25
FIT_MARGIN = 12
#: ... and across, this margin round the cards' boxes grown by the weak-spot badges' reach past a
#: card's right edge (7 px, scaled with the zoom): a flat 12 px there cost the widest drawings 0.3 %
#: of their zoom at 12 px labels, a 33-statement map its last 4 px
FIT_MARGIN_ACROSS = 4
BADGE_REACH = 7
#: lanes make a map fit; a drawing at the cards' own size needs nothing bigger
COMFORTABLE_ZOOM = 1.0
#: where no drawing fits readably, a simpler one is drawn if its zoom is at least this share of
#: the largest (the page shows part of it at 12 px either way: about four fifths as much of it)
UNREADABLE_SHARE = 0.9


def fit_zoom_with_notes(pos: list[tuple[int, int]], heights: list[int], area: tuple[int, int],
                        notes: tuple[int, int] = (0, 0)) -> float:
    """The zoom at which the page shows the cards at ``pos`` whole in a map area of ``area`` CSS px,
    centred, at most ``MAX_FIT_ZOOM``: the whole height where no card then lies under the notes in
    the area's bottom-left corner (``notes``: their width and height with margin), else the room
    above them, so notes never hide a card. The page's ``fitOf`` (``vis_adapter.js``) is the same
    rule."""
    from .cards import CARD_WIDTH

    if not pos:
        return 1.0
    w, h = area
    x0, y0, x1, y1 = _bounds(pos, heights)
    bw, bh = math.ceil(x1 - x0), math.ceil(y1 - y0)
    across = (w - 2 * FIT_MARGIN_ACROSS) / (bw + 2 * BADGE_REACH)
    zoom = min(MAX_FIT_ZOOM, across, (h - 2 * FIT_MARGIN) / max(bh, 1))
    nw, nh = notes
    if not nh:
        return zoom
    half = CARD_WIDTH / 2
    # the page centres the cards' bounding box (as the JavaScript does, in floating point)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for (x, y), c in zip(pos, heights, strict=True):
        if w / 2 + (x - half - cx) * zoom < nw and h / 2 + (y + c / 2 - cy) * zoom > h - nh:
            return min(MAX_FIT_ZOOM, across, (h - nh - 2 * FIT_MARGIN) / max(bh, 1))
    return zoom


def pick_drawing(cards: CardLayout, area: tuple[int, int],
                 directions: tuple[str, ...] = DIRECTIONS,
                 notes: tuple[int, int] = (0, 0)) -> tuple[str, int, float]:
    """The drawing the page draws in a map area of ``area`` CSS px: ``(direction, number in
    cards.variants[direction], zoom)``. The simplest (earliest) drawing that shows the map as large
    as any (within 2 %, but at 12 px labels where any is) or at the cards' own size; where none fits
    readably, within 10 %; in a tall
    narrow area where none is readable (a phone), the narrowest going right; ``notes``: the size of
    the notes over the area's bottom-left corner (``fit_zoom_with_notes``). Of several
    ``directions``, that choice gives the direction, and the same rule then picks among that
    direction's drawings. The page's ``bestDrawing`` (``vis_adapter.js``) decides the same way (a
    browser test holds both equal)."""
    from .cards import FONT_SIZE

    w, h = area

    def pick(dirs: tuple[str, ...]) -> tuple[str, int, float]:
        found = []
        for d in dirs:
            for k, pos in enumerate(cards.variants[d]):
                bw, _ = _bbox(pos, cards.heights)
                found.append((d, k, fit_zoom_with_notes(pos, cards.heights, area, notes), bw))
        top = max(f[2] for f in found)
        if top < 12 / FONT_SIZE and w < h:
            going = [f for f in found if f[0] == "right"] or found
            d, k, zoom, _ = min(going, key=lambda f: f[3])
        else:
            # nothing fits readably: the page shows part of it at 12 px whatever the drawing, so a
            # simpler one may show a little less of it
            readable = top >= 12 / FONT_SIZE
            # (never an unreadable one where one is readable: the 2 % stops at 12 px labels)
            enough = (max(min(top * 0.98, COMFORTABLE_ZOOM), 12 / FONT_SIZE) if readable
                      else top * UNREADABLE_SHARE)
            d, k, zoom, _ = min((f for f in found if f[2] >= enough), key=lambda f: (f[1], -f[2]))
        return (d, k, zoom)

    return pick((pick(directions)[0],))


def essay_layout(amap: ArgumentMap, direction: str = "down",
                 order: str = "essay") -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` card centres in px for one direction ("down" or "right")."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    return card_layout(amap, order).as_dict(direction)


def card_layout(amap: ArgumentMap, order: str = "essay") -> CardLayout:
    """Card lines and centres for both directions (``order``: "essay" or "strength")."""
    from .cards import card_height, card_label, card_lines

    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    with _gc_paused():
        graph = amap.graph
        nodes = list(graph)
        lines = [card_lines(card_label(amap, n)) for n in nodes]
        heights = [card_height(ls) for ls in lines]
        tree = _Tree(amap, nodes, order, heights)
        positions: dict[str, list[tuple[int, int]]] = {}
        spread: dict[str, int] = {}
        variants: dict[str, list[list[tuple[int, int]]]] = {}
        spreads = range(1, 2 if tree.leafless else MAX_SPREAD + 1)  # no grids: one drawing
        lanes = range(1, min(MAX_LANES, tree.widest) + 1) if tree.widest > 1 else range(0)
        for direction in DIRECTIONS:
            best: tuple[int, float, int] | None = None
            for k in spreads:
                pos, misplaced = tree.separate(tree.place(direction, k), direction)
                zoom = min(1.0, fit_zoom(_bbox(pos, heights)))
                score = (misplaced, -zoom, k)
                if best is None or score < best:
                    best = score
                    positions[direction] = pos
                    spread[direction] = k
            assert best is not None or not nodes
            least = best[0] if best is not None else 0
            found: list[tuple[int, int, list[tuple[int, int]]]] = []  # simplest first
            first = _bbox(positions.get(direction, []), heights)
            sizes = [first]
            # a big map fits no screen readably anyway: its lanes keep the one line's spread
            lane_spreads = spreads if len(nodes) <= LANE_SPREADS_UP_TO else (spread.get(direction, 1),)
            # linked groups kept in one lane first (no link crosses between lanes), then, where
            # that is what lets the map fit, split too
            glues = (True, False) if tree.linked else (True,)
            trials = [(g, c, k, b, 0) for g in glues for c in lanes for k in lane_spreads
                      for b in ((False, True) if c == 2 else (False,))]
            # a map of several roots (theses, or the statements that argue about nothing in a map
            # without one, such as a plan with no thesis yet): the roots' blocks in lanes too, each
            # root's groups in one line or (up to LANE_SPREADS_UP_TO) in lanes
            inner = (0, *lanes) if len(nodes) <= LANE_SPREADS_UP_TO else (0,)
            trials += [(True, c, k, False, r)
                       for r in tree.root_lane_counts for c in inner for k in lane_spreads]
            # no thesis to draw in lanes: the one line at the other spreads too (going right, the
            # narrowest is the outline a phone scrolls down)
            if not lanes:
                trials += [(True, 0, k, False, 0) for k in lane_spreads if k != spread.get(direction)]
            # (a big map's lanes keep one spread too)
            deeper = len(nodes) <= LANE_SPREADS_UP_TO
            # trials often draw the same (glued or split with no link between lanes; fewer lanes
            # used than allowed; one spread reached from two starts): each is separated once
            seen: set[tuple[tuple[int, int], ...]] = set()
            for pos in tree.drawings(direction, trials, lane_spreads, deeper):
                w, h = _bbox(pos, heights)
                # separating only moves groups apart: a drawing already no smaller both ways
                # than one kept stays so
                if any(tw <= w and th <= h for tw, th in sizes):
                    continue
                drawn = tuple(pos)
                if drawn in seen:
                    continue
                seen.add(drawn)
                pos, misplaced = tree.separate(pos, direction)
                if misplaced <= least:
                    w, h = _bbox(pos, heights)
                    found.append((w, h, pos))
                    sizes.append((w, h))
            variants[direction] = [positions.get(direction, [])] + _frontier(found, first)
        return CardLayout(nodes, lines, heights, positions, spread, tree.group, variants)


def _frontier(found: list[tuple[int, int, list[tuple[int, int]]]],
              first: tuple[int, int]) -> list[list[tuple[int, int]]]:
    """The drawings of ``found`` (simplest first) that no other one, ``first`` included, beats in
    both width and height (only those can be the best fit for some map area), in their order; of
    two the same size, the simpler."""
    kept: list[tuple[int, int, int]] = []
    sizes = [(w, h) for w, h, _ in found]
    for i, (w, h) in enumerate(sizes):
        beaten = first[0] <= w and first[1] <= h
        for j, (tw, th) in enumerate(sizes):
            if beaten:
                break
            beaten = tw <= w and th <= h and ((tw, th) != (w, h) or j < i)
        if not beaten:
            kept.append((i, w, h))
    return [found[i][2] for i, _, _ in kept]


class _Frame(NamedTuple):
    """What every drawing in one direction shares (``_Tree._frame``)."""

    down: bool
    indent: int
    #: card sizes along the depth axis and across it
    sa: list[int]
    sb: list[int]
    #: each card's slot along the depth axis (see ``_Tree._frame``)
    slot: list[int]
    #: each card's centre from its block's corner, before the block moves it (``_Tree._centre``):
    #: a stacked card is centred in its slot, a gridded one was placed by its corner
    mid_a: list[int]
    mid_b: list[int]


class _Tree:
    """The forest the card layout draws: each node's parent and ordered children (indexes)."""

    def __init__(self, amap: ArgumentMap, nodes: list[str], order: str, heights: list[int]) -> None:
        graph = amap.graph
        n = len(nodes)
        self.heights = heights
        index = {v: i for i, v in enumerate(nodes)}
        kinds = [d["kind"] for d in graph._node.values()]
        succ: list[list[int]] = [[] for _ in range(n)]
        attack: list[list[bool]] = [[] for _ in range(n)]
        pred: list[list[int]] = [[] for _ in range(n)]
        for u, targets in graph.adjacency():
            iu = index[u]
            for v, d in targets.items():
                iv = index[v]
                succ[iu].append(iv)
                attack[iu].append(d["relation"] != "supports")
                pred[iv].append(iu)
        layer = _layers(succ, [0] * n)
        rank = list(range(n))  # reading order; by strength, stronger reasons and claims first
        if order == "strength":
            from .evidence import rows, summaries

            every = summaries(amap)  # all strengths in one pass, not a walk per row
            scored = sorted(rows(amap), key=lambda r: (-every[r].strength, index[r]))
            rank = [n + i for i in range(n)]
            for i, r in enumerate(scored):
                rank[index[r]] = i
        # each node hangs from the deepest statement it argues about; of several as deep, from the
        # one it names first (shared evidence goes with the reason it was written for: taking the
        # earliest reason in the essay heaped every shared piece on it, and the map then fitted no
        # screen)
        parent = [-1] * n
        attacks = [False] * n
        for u in range(n):
            best = -1
            for v, att in zip(succ[u], attack[u], strict=True):
                if layer[v] < layer[u] and (best < 0 or layer[v] > layer[best]):
                    best = v
                    attacks[u] = att
            parent[u] = best
        # a statement other than a thesis that argues about nothing and that nothing hangs from (a
        # conclusion whose supporters all hang from something deeper) hangs from its first
        # supporter that is not evidence, beside it, rather than lying apart as a root of its own
        # (under a piece of evidence it would stand among its statement's evidence)
        hung = [False] * n
        for u in range(n):
            if parent[u] >= 0:
                hung[parent[u]] = True
        for u in range(n):
            if parent[u] < 0 and not hung[u] and kinds[u] != "thesis":
                p = next((w for w in pred[u] if kinds[w] != "evidence"), -1)
                if p < 0:
                    continue
                parent[u] = p
                attacks[u] = graph[nodes[p]][nodes[u]]["relation"] != "supports"
                hung[p] = True  # so it never hangs from u in turn (two such statements of a cycle)
        children: list[list[int]] = [[] for _ in range(n + 1)]  # n: the virtual root of all roots
        for u in range(n):
            children[parent[u] if parent[u] >= 0 else n].append(u)
        for p in range(n + 1):
            children[p].sort(key=lambda c: (attacks[c], rank[c]))
        # a root is drawn as a hub, beyond it what argues about it, centred on them (a thesis, or
        # a stray objection), unless it is a reason or claim in a map without a thesis (a plan
        # with no thesis yet): that is drawn as an outline, as it would be under a thesis, its
        # evidence in a grid beside it (as a hub, the evidence at the ends of its line came nearer
        # to the next root's claims than to it)
        hub = [parent[u] < 0 and kinds[u] not in ("reason", "claim") for u in range(n)]
        # each node's group: the child of a hub it hangs from, or the root it hangs from
        # otherwise (-1 for hubs); and its root
        group = [-1] * n
        root = list(range(n))
        stack = list(children[n])
        while stack:
            u = stack.pop()
            p = parent[u]
            group[u] = (-1 if hub[u] else u) if p < 0 else (u if hub[p] else group[p])
            root[u] = u if p < 0 else root[p]
            stack.extend(children[u])
        # links outside the tree between groups of one thesis, or between the groups of a map
        # without one (shared evidence, an objection to another group's statement), as (card,
        # linked card) pairs: a group's parent is its thesis, or -1 for a root drawn as an outline
        pairs = [(u, v) for u in range(n) for v in succ[u] if v != parent[u] and group[u] >= 0
                 and group[v] >= 0 and group[u] != group[v] and parent[group[u]] == parent[group[v]]]
        #: group heads linked to each other by such a link, both ways: drawn in one lane first, so
        #: the link never crosses the lines between lanes
        self.linked: dict[int, list[int]] = {}
        for u, v in pairs:
            self.linked.setdefault(group[u], []).append(group[v])
            self.linked.setdefault(group[v], []).append(group[u])
        if order == "essay" and pairs:
            self._pull_linked_groups(pairs, self.linked, parent, group, children, attacks,
                                     [k in STATEMENTS for k in kinds])
        # pre-order ranks, then whatever is linked (outside the tree) to later statements goes
        # last among its siblings: a leaf, or a claim whose subtree is (links inside a subtree
        # cancel out), so the link is drawn towards the side it leads to
        pre = [0] * (n + 1)
        visit: list[int] = []
        stack = [n]
        count = 0
        while stack:
            u = stack.pop()
            pre[u] = count
            count += 1
            visit.append(u)
            stack.extend(reversed(children[u]))
        side = [0] * n
        pull = [0] * (n + 1)
        for u in reversed(visit):
            if u == n:
                continue
            p = parent[u]
            total = pull[u]
            for w in succ[u]:
                if w != p:
                    total += (pre[w] > pre[u]) - (pre[w] < pre[u])
            for w in pred[u]:
                if parent[w] != u:
                    total += (pre[w] > pre[u]) - (pre[w] < pre[u])
            side[u] = (total > 0) - (total < 0)
            if p >= 0:
                pull[p] += total
        # a leaf goes into its parent's grid unless the parent is a root (a thesis's reasons are
        # stacked in one line even without evidence) or it is itself a thesis
        # statements (reasons, claims) always get a line of their own below what they argue
        # about, so no evidence is drawn next to one; the rest is drawn beside it, leaves in grids
        statement = [k in STATEMENTS for k in kinds]
        gridded = [not children[u] and not statement[u] and (parent[u] < 0 or not hub[parent[u]])
                   for u in range(n)]
        for p in range(n + 1):
            kids = children[p]
            if len(kids) > 1:
                inner = p < n and not hub[p]  # a hub's groups keep their order
                kids.sort(key=lambda c: (attacks[c], side[c] if gridded[c] or inner else 0))  # stable
        self.n = n
        self.group = group
        self.hub = hub
        self.root = root
        self.gridded = gridded
        self.statement = statement
        self.kinds = kinds
        self.parent = parent
        self.attacks = attacks
        self.children = children
        self.succ = succ
        self.attack = attack
        self.pre = pre
        self.side = side
        self.leafless = not any(self.gridded)
        #: the most groups one thesis has (lanes are worth trying from two on)
        self.widest = max((len(children[u]) for u in children[n] if hub[u]), default=0)
        #: how many lanes the roots' blocks are tried in (several roots: 2 up to MAX_LANES)
        self.root_lane_counts = range(2, min(MAX_LANES, len(children[n])) + 1)
        #: each group head's lane in the last drawing ``place`` made (-1: not in lanes)
        self.lane = [-1] * n
        #: each root's lane in the last drawing ``place`` made (-1: the roots in one line)
        self.root_lane = [-1] * n
        self.mirror = [-1] * n
        self.centre = [-1] * n
        #: in the last drawing ``place`` made, each thesis's lanes' lengths across
        self.lane_length: dict[int, list[int]] = {}
        #: every node, parents before children, the virtual root (n) first (the pre-order above)
        self.sequence = visit
        #: each group's members (by its head), children before parents; the hubs and the virtual
        #: root, children before parents: ``place`` lays out the groups, then these
        self.members: dict[int, list[int]] = {}
        self.hubs: list[int] = []
        for u in reversed(self.sequence):
            if u < n and group[u] >= 0:
                self.members.setdefault(group[u], []).append(u)
            else:
                self.hubs.append(u)
        self._frames: dict[str, _Frame] = {}
        #: what ``misplaced`` looks at: the reasons and claims, and each piece of evidence with the
        #: statements it supports
        self.reasons_and_claims = [u for u in range(n) if kinds[u] in ("reason", "claim")]
        self.evidence_supports: list[tuple[int, list[int]]] = []
        for u in range(n):
            supported = [v for v, att in zip(succ[u], attack[u], strict=True) if not att]
            if kinds[u] == "evidence" and supported:
                self.evidence_supports.append((u, supported))
        #: each group's block for (direction, head, spread, folded), as ``place`` keeps it
        self._blocks: dict[tuple[str, int, int, bool], list[list[int]]] = {}
        #: how many claims (statements stacked in its outline) each node has
        self.claims = [sum(statement[c] for c in children[u]) for u in range(n)]

    @staticmethod
    def _pull_linked_groups(pairs: list[tuple[int, int]], links: dict[int, list[int]],
                            parent: list[int], group: list[int], children: list[list[int]],
                            attacks: list[bool], statement: list[bool]) -> None:
        """Groups of one thesis linked by an edge outside the tree (evidence shared by two
        reasons, an objection to another group's statement) move towards each other, kept only if
        that shortens the links (an essay without such links keeps its order exactly).

        A link's length is counted in cards: a group's place plus the linked card's place inside
        it (its reason first), so a group linked to another's reason goes right before that group
        and one linked to its last claim right after it. Tried: each linked group next to the
        group it links to (after it, or before or after, whichever is shorter), and a few
        barycentre sweeps; every trial is linear. ``pairs`` are the linked (card, card) pairs,
        ``links`` the groups each group is linked to."""
        # each linked group's cards in the order they are drawn: a card's place inside its group
        # (a statement's leaves come before the statements arguing about it)
        inside: dict[int, int] = {}
        size: dict[int, int] = {}
        for g in links:
            stack = [g]
            count = 0
            while stack:
                u = stack.pop()
                inside[u] = count
                count += 1
                kids = children[u]
                stack.extend(c for c in reversed(kids) if statement[c])
                stack.extend(c for c in reversed(kids) if not statement[c])
            size[g] = count
        by_root: dict[int, list[tuple[int, int]]] = {}
        for u, v in pairs:
            hub = parent[group[u]]
            by_root.setdefault(hub if hub >= 0 else len(parent), []).append((u, v))
        for root in sorted(by_root):
            heads = children[root]
            mine = by_root[root]

            def length(order: list[int], mine: list[tuple[int, int]] = mine) -> int:
                start: dict[int, int] = {}
                at = 0
                for h in order:
                    start[h] = at
                    at += size.get(h, 1)
                return sum(abs(start[group[u]] + inside[u] - start[group[v]] - inside[v])
                           for u, v in mine)

            best = (length(heads), heads[:])
            for choose in (False, True):
                trial = _linked_order(heads, links, size, inside, mine, group, choose)
                trial.sort(key=attacks.__getitem__)  # stable: objections to the thesis stay last
                cost = length(trial)
                if cost < best[0]:
                    best = (cost, trial)
            # a few barycentre sweeps from the essay's order
            where = {h: i for i, h in enumerate(heads)}
            trial = heads[:]
            for _ in range(SWEEPS):
                keyed = []
                for i, h in enumerate(trial):
                    others = links.get(h, ())
                    key = (where[h] + sum(where[o] for o in others)) / (1 + len(others))
                    keyed.append((attacks[h], key, i, h))
                keyed.sort()
                trial = [h for *_, h in keyed]
                where.update((h, i) for i, h in enumerate(trial))
            cost = length(trial)
            if cost < best[0]:
                best = (cost, trial)
            heads[:] = best[1]


    def _frame(self, direction: str) -> _Frame:
        """What every drawing in ``direction`` shares, worked out once per direction."""
        frame = self._frames.get(direction)
        if frame is not None:
            return frame
        from .cards import CARD_WIDTH

        n = self.n
        heights = self.heights
        children = self.children
        gridded = self.gridded
        down = direction == "down"
        # card sizes along the depth axis (sa) and across (sb)
        sa = heights if down else [CARD_WIDTH] * n
        sb = [CARD_WIDTH] * n if down else heights
        # a card's slot along the depth axis: the largest of its stacked siblings, so siblings'
        # own leaves start level with each other
        slot = [0] * (n + 1)
        for p in range(n + 1):
            kids = [c for c in children[p] if not gridded[c]]
            top = max((sa[c] for c in kids), default=0)
            for c in kids:
                slot[c] = top
        slot[n] = -DEPTH_GAP  # the virtual root has no card: its children start at 0
        mid_a = [(0 if gridded[u] else (slot[u] - sa[u]) // 2) + sa[u] // 2 for u in range(n)]
        frame = self._frames[direction] = _Frame(
            down, INDENT[direction], sa, sb, slot, mid_a, [h // 2 for h in sb])
        return frame

    def place(self, direction: str, spread: int, lanes: int = 0, glued: bool = True,
              between: bool = False, roots: int = 0,
              spreads: dict[int, int] | None = None,
              folds: Collection[int] = ()) -> list[tuple[int, int]]:
        """Card centres for one direction, every leaf grid at most ``spread`` cards along the
        depth axis ("right") or across ("down"), or ``spreads[h]`` in the group headed by ``h``;
        with ``lanes``, each thesis's groups in up to that many lanes (``_lanes``); with ``roots``,
        the roots' blocks in up to that many (``_root_lanes``); the claims of each group head in
        ``folds`` in two columns facing each other (``_block``).

        A hub (a thesis) has its children beyond it along the depth axis, centred on them (level
        with the card of its only one, where it has one). Any
        other statement (a reason or claim, also one that argues about nothing in a map without a
        thesis) is drawn as an outline: its leaves in a grid right beside it, then the
        statements arguing about it (claims, answered objections) one after another along the
        cross axis, indented by ``INDENT``, so a group stays two or three cards deep however
        deep its argument goes and each piece of evidence stays beside its own statement.

        A group's block depends only on the direction, its spread and whether it is folded, and
        the layout asks for the same ones over and over (every lane count, glued or not, with one
        group's spread changed): each is worked out once and copied after that.
        """
        n = self.n
        frame = self._frame(direction)
        size_a = [0] * (n + 1)
        size_b = [0] * (n + 1)
        off_a = [0] * (n + 1)  # a child's (or grid cell's) offset in its parent's block
        off_b = [0] * (n + 1)
        card_b = [0] * (n + 1)  # the card's top along the cross axis, in its own block
        card_a = [0] * (n + 1)  # and along the depth axis (past a folded statement's far column)
        # a claim in a folded statement's far column: twice the middle of that column along the
        # depth axis, in its parent's block (the column is drawn mirrored about it), or -1
        fold_m = [-1] * (n + 1)
        arrays = (size_a, size_b, off_a, off_b, card_b, card_a, fold_m)
        for h, members in self.members.items():
            k = spreads.get(h, spread) if spreads else spread
            fold = h in folds
            block = self._blocks.get((direction, h, k, fold))
            if block is None:
                for u in members:  # children before parents
                    self._block(u, k, frame, *arrays, fold=fold and u == h)
                # (only a folded block moves a card along a or mirrors a column)
                self._blocks[direction, h, k, fold] = [[values[u] for u in members]
                                                       for values in arrays[:None if fold else 5]]
            else:
                for values, kept in zip(arrays, block, strict=False):
                    for u, v in zip(members, kept, strict=True):
                        values[u] = v
        self.lane = [-1] * n
        self.root_lane = [-1] * n
        self.mirror = [-1] * n  # a lane head's twice the middle of its mirrored lane, or -1
        self.centre = [-1] * n  # a thesis over a spine: its centre along the depth axis, or -1
        self.lane_length = {}
        children = self.children
        sa, slot = frame.sa, frame.slot
        for u in self.hubs:  # children before parents, the virtual root last
            kids = children[u]
            if lanes and u < n and len(kids) > 1:
                size_a[u], size_b[u] = self._lanes(u, kids, lanes, glued, between, sa, frame.sb, slot, card_a,
                                                   off_a, off_b, size_a, size_b)
                card_b[u] = 0
            elif roots > 1 and u == n and len(kids) > 1:
                size_a[u], size_b[u] = self._root_lanes(kids, roots, not lanes, sa, card_a, off_a, off_b,
                                                        size_a, size_b)
            else:
                self._block(u, spread, frame, *arrays)
        # parents before children: absolute positions
        abs_a = [0] * (n + 1)
        abs_b = [0] * (n + 1)
        # a group in a mirrored lane, or a folded statement's far column, is drawn mirrored along
        # the depth axis (one inside the other, too): ``turn[u] = (t, o)`` draws a card centred at
        # ``a`` along it at ``t * a + o``
        turn = [(1, 0)] * (n + 1)
        mirror = [m if m >= 0 else f for m, f in zip(self.mirror, fold_m, strict=False)] if folds \
            else self.mirror
        out = [(0, 0)] * n
        down = frame.down
        mid_a, mid_b = frame.mid_a, frame.mid_b
        for u in self.sequence:
            t, o = turn[u]
            for c in children[u]:
                abs_a[c] = abs_a[u] + off_a[c]
                abs_b[c] = abs_b[u] + off_b[c]
                if mirror[c] >= 0:
                    turn[c] = (-t, t * (2 * abs_a[u] + mirror[c]) + o)
                else:
                    turn[c] = turn[u]
            if u < n:  # (``_centre``, written out: this loop is most of a drawing's time)
                ca = abs_a[u] + card_a[u] + mid_a[u]
                cb = abs_b[u] + card_b[u] + mid_b[u]
                if self.centre[u] >= 0:  # a thesis over a spine
                    ca = abs_a[u] + self.centre[u]
                ca = t * ca + o
                out[u] = (cb, ca) if down else (ca, cb)
        return out

    def _block(self, u: int, spread: int, frame: _Frame, size_a: list[int], size_b: list[int],
               off_a: list[int], off_b: list[int], card_b: list[int], card_a: list[int],
               fold_m: list[int], fold: bool = False) -> None:
        """Lays out ``u``'s block, its children's blocks laid out already: its leaves in grids of
        at most ``spread`` cards along the depth axis going right, across going down (see
        ``place``). With ``fold``, a statement of at least FOLD_MIN claims has them in two
        columns, the second one mirrored on the far side of the line to it: the long outline of
        a reason with many claims, half as long and twice as deep."""
        n = self.n
        kids = self.children[u]
        statement = self.statement
        sa, sb, slot, down = frame.sa, frame.sb, frame.slot, frame.down
        own_b = sb[u] if u < n else 0
        start = slot[u] + DEPTH_GAP
        tree = u == n or self.hub[u]
        card_a[u] = 0
        # leaves beside the card (all of a root's children for a root), in chunks along b
        if tree:
            beside = kids
        else:  # one grid of supporting leaves, one of attacking ones, each before its blocks
            # (an ungridded leaf linked to an earlier statement goes before the grid)
            gridded, side = self.gridded, self.side
            beside = sorted((c for c in kids if not statement[c]),
                            key=lambda c: (self.attacks[c], 0 if gridded[c] else side[c] or 1))
        b, reach = self._chunks(beside, sa, sb, down, spread, start, 0, off_a, off_b, size_a, size_b)
        if tree and beside:  # the cards of what argues about a root level, past any far column
            back = max(card_a[c] for c in beside)
            for c in beside:
                off_a[c] += back - card_a[c]
                reach = max(reach, off_a[c] + size_a[c])
        if own_b >= b:  # a card longer than its leaves: centre them on the card
            shift = (own_b - b) // 2
            for c in beside:
                off_b[c] += shift
            head = own_b
            card_b[u] = 0
        else:
            # room at both ends of the leaves so the group's next statement, drawn after them,
            # is further from each piece of evidence than this card is; the next group's
            # statements are kept off by ``separate``, just as far as each needs
            first = next((c for c in kids if statement[c]), -1)
            card_b[u] = (b - own_b) // 2  # centred on the leaves, before any padding
            pad = 0 if tree or first < 0 else self._pad(u, first, beside, b, frame, off_a, off_b,
                                                        card_b, card_a)
            head = b + 2 * pad
            for c in beside:
                off_b[c] += pad
            card_b[u] = (head - own_b) // 2
            if tree and len(beside) == 1 and u < n:
                # a root with one statement arguing about it is drawn level with that one's card:
                # centred on its block (a reason's claims below it), the line between the two ran
                # beside the block's own line to that reason, or round its far column
                c = beside[0]
                card_b[u] = min(max(0, off_b[c] + card_b[c] + frame.mid_b[c] - own_b // 2),
                                head - own_b)
        reach = max(reach, slot[u])
        if tree or not self.claims[u]:
            size_a[u], size_b[u] = reach, head
            return
        # the reasons and claims nearest before each claim along b: this card, and the claim
        # before it in its column
        if fold and self.claims[u] >= FOLD_MIN:
            stacked = [c for c in kids if statement[c]]
            cut, far_at = self._fold(u, stacked, head, own_b + card_b[u], beside, frame, size_b,
                                     off_a, off_b, card_b, card_a)
            far = max(size_a[c] for c in stacked[cut:]) + LANE_GAP  # far column and spine
            card_a[u] = far
            for c in beside:
                off_a[c] += far
            mine = self._mine(u, frame, card_a, card_b)
            end, reach = self._column(stacked[:cut], far + frame.indent, head, -1, mine, reach + far,
                                      frame, size_a, size_b, off_a, off_b, card_b, card_a)
            far_end, reach = self._column(stacked[cut:], 0, far_at, far - LANE_GAP, mine, reach,
                                          frame, size_a, size_b, off_a, off_b, card_b, card_a, fold_m)
            end = max(end, far_end)
        else:
            end, reach = self._column([c for c in kids if statement[c]], frame.indent, head, -1,
                                      self._mine(u, frame, card_a, card_b), reach, frame,
                                      size_a, size_b, off_a, off_b, card_b, card_a)
        size_a[u], size_b[u] = reach, end

    def _mine(self, u: int, frame: _Frame, card_a: list[int],
              card_b: list[int]) -> list[tuple[int, int]]:
        """``u``'s centre in its block, as a statement its claims' evidence keeps off, if any."""
        return [self._centre(u, 0, 0, frame, card_a, card_b)] if self.kinds[u] in (
            "reason", "claim") else []

    def _column(self, column: list[int], a: int, at: int, flip: int, mine: list[tuple[int, int]],
                reach: int, frame: _Frame, size_a: list[int], size_b: list[int], off_a: list[int],
                off_b: list[int], card_b: list[int], card_a: list[int],
                fold_m: list[int] | None = None) -> tuple[int, int]:
        """Stacks the blocks of ``column`` (claims) one after another along b from ``at``, at
        ``a`` along the depth axis, each just far enough on that its evidence stays nearer to it
        than to ``mine`` or the claim before it; ``flip``: twice the middle of the column along
        the depth axis where it is drawn mirrored (its claims marked in ``fold_m``), or -1.
        Returns where the column ends along b and the block's reach along the depth axis."""
        before = mine
        for c in column:
            off_a[c] = a
            if fold_m is not None:
                fold_m[c] = flip
            clear = self._clearance(c, a, at + GAP, before, frame, off_a, off_b, card_b, card_a,
                                    flip)
            off_b[c] = at + GAP + clear
            at += GAP + clear + size_b[c]
            reach = max(reach, a + size_a[c])
            ca, cb = self._centre(c, a, off_b[c], frame, card_a, card_b)
            before = mine + [(ca if flip < 0 else flip - ca, cb)]
        return at, reach

    def drawings(self, direction: str, trials: list[tuple[bool, int, int, bool, int]],
                 spreads: Iterable[int], deeper: bool) -> Iterator[list[tuple[int, int]]]:
        """Each trial's drawings (``(glued, lanes, spread, between, roots)``, ``lane_drawings``),
        simplest first; then (``deeper``), less simple, each trial's and the one line's at each of
        ``spreads`` with long groups folded (``folded_drawings``)."""
        folding = deeper and any(c >= FOLD_MIN for c in self.claims)
        # each trial's lanes as first drawn: where its folded drawings start
        later: list[tuple[tuple[bool, int, int, bool, int], dict[int, list[int]], list[int]]] = []
        bases: set[tuple[tuple[int, int], ...]] = set()  # (trials often draw the same)
        for trial in trials:
            glued, count, k, between, r = trial
            for i, pos in enumerate(self.lane_drawings(direction, k, count, glued, between, r, deeper)):
                if i == 0 and folding and (base := tuple(pos)) not in bases:
                    bases.add(base)
                    later.append((trial, self.lane_length, self.lane))
                yield pos
        # (``place`` makes new lane lists each time: those kept are as that drawing left them)
        for (glued, count, k, between, r), lengths, lane in later:
            yield from self.folded_drawings(direction, k, count, glued, between, r, lengths, lane)
        if folding:
            for k in spreads:
                yield from self.folded_drawings(direction, k, 0, True, False, 0, {}, [])

    def lane_drawings(self, direction: str, spread: int, lanes: int,
                      glued: bool, between: bool, roots: int,
                      deeper: bool) -> Iterator[list[tuple[int, int]]]:
        """``place``'s drawing, then (``deeper``) the groups of its longest lane with their leaf
        grids made shorter across (one card deeper going right, one card narrower going down) and
        the lanes cut again, one step at a time while that shortens the longest lane: a lane is as
        long as its groups, and a lane of big grids need not make every lane as deep as itself."""
        yield self.place(direction, spread, lanes, glued, between, roots)
        if not deeper:
            return
        yield from self._shorter_grids(direction, spread, lanes, glued, between, roots)

    def folded_drawings(self, direction: str, spread: int, lanes: int, glued: bool, between: bool,
                        roots: int, lengths: dict[int, list[int]],
                        lane: list[int]) -> Iterator[list[tuple[int, int]]]:
        """``place``'s drawing (its lanes' ``lengths`` and each group's ``lane``, as it left
        them) with the claims of the groups in its longest lane folded into two columns
        (``_block``), the lanes cut again, one step at a time while that shortens the longest
        lane; in one line (no lanes), every group of enough claims folded at once."""
        folds: set[int] = set()
        for _ in range(MAX_LANES):
            if lengths:
                length, heads = self._longest_lane(lengths, lane)
            else:
                length, heads = -1, list(self.members)
            new = [h for h in heads if h not in folds and self.claims[h] >= FOLD_MIN]
            if not new:
                return
            folds.update(new)
            pos = self.place(direction, spread, lanes, glued, between, roots, folds=folds)
            if length < 0:
                yield pos
                return
            lengths, lane = self.lane_length, self.lane
            if self._longest_lane(lengths, lane)[0] >= length:
                return
            yield pos

    def _longest_lane(self, lengths: dict[int, list[int]], lane: list[int]) -> tuple[int, list[int]]:
        """The longest lane of a drawing (its lanes' ``lengths`` by thesis and each group's
        ``lane``): its length and its groups' heads (of two as long, the later thesis's or lane)."""
        length, u, li = max((length, u, li) for u, ls in lengths.items() for li, length in enumerate(ls))
        return length, [h for h in self.children[u] if lane[h] == li]

    def _shorter_grids(self, direction: str, spread: int, lanes: int, glued: bool, between: bool,
                       roots: int) -> Iterator[list[tuple[int, int]]]:
        """The lane grids made shorter (``lane_drawings``), ``place``'s drawing just made."""
        step = -1 if direction == "down" else 1
        # (one lane: its grids made shorter are the next spread's drawing)
        if all(len(ls) < 2 for ls in self.lane_length.values()):
            return
        spreads: dict[int, int] = {}
        for _ in range(MAX_SPREAD - 1):
            length, heads = self._longest_lane(self.lane_length, self.lane)
            ks = [spreads.get(h, spread) + step for h in heads]
            if not all(1 <= k <= MAX_SPREAD for k in ks):
                return
            for h, k in zip(heads, ks, strict=True):
                spreads[h] = k
            # the lanes cut again for the groups' new sizes
            pos = self.place(direction, spread, lanes, glued, between, roots, spreads)
            if self._longest_lane(self.lane_length, self.lane)[0] >= length:
                return
            yield pos

    def _lanes(self, u: int, kids: list[int], lanes: int, glued: bool, between: bool,
               sa: list[int], sb: list[int],
               slot: list[int], card_a: list[int], off_a: list[int], off_b: list[int],
               size_a: list[int], size_b: list[int]) -> tuple[int, int]:
        """A thesis's groups in up to ``lanes`` lanes, in essay order, the longest lane as short as
        possible: lanes follow one another along the depth axis (columns going right, rows going
        down), each lane's groups one after another across it, all of them starting past the
        thesis's card along the cross axis. The thesis sits in the corner, so its links run along
        one line per lane (like an outline: the thesis, then its reasons set in below or beside
        it); of two lanes, ``between`` puts it at the head of the spine between them instead, and
        they start level with it. Returns the block's reach along the depth axis and its length
        across."""
        # groups linked to each other, and every group between them, stay in one lane: partition
        # runs of glued groups, then split the runs back into groups
        at = {c: i for i, c in enumerate(kids)}
        glue = [0] * (len(kids) + 1)  # +1 where a glued stretch starts, -1 past its end
        for c in kids if glued else ():
            for o in self.linked.get(c, ()):
                if o in at and at[o] > at[c]:
                    glue[at[c]] += 1
                    glue[at[o]] -= 1
        runs: list[tuple[int, int]] = []
        open_links = 0
        for i in range(len(kids)):
            if not runs or open_links == 0:
                runs.append((i, i + 1))
            else:
                runs[-1] = (runs[-1][0], i + 1)
            open_links += glue[i]
        sizes = [sum(size_b[c] for c in kids[i:j]) + GAP * (j - i - 1) for i, j in runs]
        parts = [(runs[i][0], runs[j - 1][1]) for i, j in _partition(sizes, lanes, GAP)]
        lengths = self.lane_length[u] = []
        # one lane: set in under the thesis, its line running down the indent; two or more: lanes
        # 0 and 1 face each other across a spine under the thesis; two ``between``: across a spine
        # as wide as the thesis, which heads it, so the lanes start level with it
        between = between and len(parts) == 2
        spine = sa[u] + 2 * GAP if between else LANE_GAP
        b0 = 0 if between else sb[u] + DEPTH_GAP
        a = LANE_INDENT if len(parts) == 1 else 0
        head = sb[u]
        for li, (i, j) in enumerate(parts):
            # every other lane is mirrored (statements on the far side, evidence towards the
            # start): lanes 0 and 1 turn their statements to the spine between them, lanes 1
            # and 2 their evidence to each other, so no evidence is drawn next to another
            # lane's statements and lanes need no more than a gap between them
            depth, end = self._lane(kids[i:j], a, b0, size_a, len(parts) > 1 and li % 2 == 0,
                                    card_a, off_a, off_b, size_b)
            for c in kids[i:j]:
                self.lane[c] = li
            head = max(head, end)
            lengths.append(end - b0)
            if li == 0 and len(parts) > 1:
                self.centre[u] = a + depth + spine // 2
            a += depth + (spine if li == 0 else LANE_GAP)
        return max(slot[u], a - LANE_GAP), head

    def _root_lanes(self, roots: list[int], lanes: int, mirrored: bool, sa: list[int],
                    card_a: list[int], off_a: list[int], off_b: list[int], size_a: list[int],
                    size_b: list[int]) -> tuple[int, int]:
        """The blocks of a map's roots (its theses, or, in a map without one, the statements that
        argue about nothing) in up to ``lanes`` lanes one after another along the depth axis, in
        order, the longest lane as short as possible, rather than in one long line; ``mirrored``
        (each root's groups in one line): every other lane mirrored, as a thesis's lanes are, so
        one lane's evidence does not reach towards the next one's statements. Returns the reach
        along the depth axis and the length across."""
        a = head = 0
        parts = _partition([size_b[c] for c in roots], lanes, GAP)
        # (a root with nothing hanging from it may be a leaf with no block: its card)
        reach = {c: max(size_a[c], sa[c]) for c in roots}
        for li, (i, j) in enumerate(parts):
            depth, end = self._lane(roots[i:j], a, 0, reach, mirrored and len(parts) > 1 and li % 2 == 0,
                                    card_a, off_a, off_b, size_b)
            for c in roots[i:j]:
                self.root_lane[c] = li
            head = max(head, end)
            a += depth + LANE_GAP
        return a - LANE_GAP, head

    def _lane(self, blocks: list[int], a: int, b: int, reach: Sequence[int] | Mapping[int, int],
              mirrored: bool, card_a: list[int], off_a: list[int], off_b: list[int],
              size_b: list[int]) -> tuple[int, int]:
        """Places ``blocks`` (groups, or roots' blocks) one after another along b from ``b``, at ``a``
        along the depth axis, their heads' cards level (past any folded group's far column), the
        lane drawn mirrored where ``mirrored``; ``reach``: each block's reach along the depth axis.
        Returns the lane's depth and where it ends along b."""
        back = max(card_a[c] for c in blocks)
        depth = max(back - card_a[c] + reach[c] for c in blocks)
        for c in blocks:
            off_a[c] = a + back - card_a[c]
            off_b[c] = b
            b += size_b[c] + GAP
            self.mirror[c] = 2 * a + depth if mirrored else -1
        return depth, b - GAP

    @staticmethod
    def _centre(u: int, a: int, b: int, frame: _Frame, card_a: list[int],
                card_b: list[int]) -> tuple[int, int]:
        """The centre of ``u``'s card, its block placed at ``(a, b)``."""
        return (a + card_a[u] + frame.mid_a[u], b + card_b[u] + frame.mid_b[u])

    def _clearance(self, c: int, a: int, b: int, before: list[tuple[int, int]], frame: _Frame,
                   off_a: list[int], off_b: list[int], card_b: list[int], card_a: list[int],
                   flip: int = -1) -> int:
        """How much further along b the block of claim ``c`` (placed at ``(a, b)``) goes so that each
        piece of evidence beside it is nearer to it than to the statements drawn before it in the
        same outline (``before``: their centres): a claim is centred on its evidence, so with a long
        grid the first pieces reach back towards the statement above it. ``flip``: twice the
        middle of the mirrored column ``c`` is drawn in, or -1."""
        ca, cb = self._centre(c, a, b, frame, card_a, card_b)
        if flip >= 0:
            ca = flip - ca
        need = 0
        for k in self.children[c]:
            if self.kinds[k] != "evidence" or self.attacks[k]:
                continue
            ea, eb = self._centre(k, a + off_a[k], b + off_b[k], frame, card_a, card_b)
            if flip >= 0:
                ea = flip - ea
            own = (ea - ca) ** 2 + (eb - cb) ** 2
            for pa, pb in before:
                # nearer to (pa, pb) moved ``x`` back along b than to its claim:
                # (ea - pa)^2 + (eb - pb + x)^2 > own
                rest = own - (ea - pa) ** 2
                if rest >= 0:
                    need = max(need, math.isqrt(rest) + 1 - (eb - pb))
        return need

    def _pad(self, u: int, first: int, beside: list[int], b: int, frame: _Frame,
             off_a: list[int], off_b: list[int], card_b: list[int], card_a: list[int]) -> int:
        """The room to add at each end of ``u``'s leaves (``b`` long along b, the card centred on
        them) so each piece of evidence among them that supports ``u`` is further from ``first``,
        the statement drawn right after them, than from ``u``. ``first`` is taken where its own
        block puts its card (a claim is centred on its leaves, often well past its block's start):
        counting it at its block's start, as if its card were the smallest, left gaps of 100 px
        and more between a reason's evidence and its next claim. ``card_b[u]`` centres ``u`` on
        its unpadded leaves."""
        # centres with the leaves unpadded: each unit of padding at both ends moves ``first``
        # one further from the leaves and leaves ``u`` where it is relative to them
        return self._room(u, self._centre(first, frame.indent, b + GAP, frame, card_a, card_b),
                          beside, frame, off_a, off_b, card_b, card_a)

    def _fold(self, u: int, stacked: list[int], head: int, past: int, beside: list[int],
              frame: _Frame, size_b: list[int], off_a: list[int], off_b: list[int],
              card_b: list[int], card_a: list[int]) -> tuple[int, int]:
        """Where ``u``'s claims are cut into a near column, after its leaves (``head`` long), and
        a far column, across the spine from them, starting right past ``u``'s card (at ``past``,
        its leaves being on the other side) or as much further as keeps each piece of its
        evidence nearer to it than to that column's first claim: the cut that makes the longer
        column shortest, the earlier of two as short. Returns the cut and the far column's
        start."""
        total = sum(size_b[c] for c in stacked) + GAP * len(stacked)
        near = head
        best = (0, 0, 0)
        for cut in range(1, len(stacked)):
            near += GAP + size_b[stacked[cut - 1]]
            # the far column's first card, mirrored just before the spine: the column's depth
            # moves it and ``u``'s leaves alike, so it counts as 0 here
            na, nb = self._centre(stacked[cut], 0, past + GAP, frame, card_a, card_b)
            at = min(head, past + self._room(u, (-LANE_GAP - na, nb), beside, frame, off_a, off_b,
                                             card_b, card_a))
            longer = max(near, at + total - (near - head))
            if not best[0] or longer < best[0]:
                best = (longer, cut, at)
        return best[1], best[2]

    def _room(self, u: int, card: tuple[int, int], beside: list[int], frame: _Frame,
              off_a: list[int], off_b: list[int], card_b: list[int], card_a: list[int]) -> int:
        """How much further along b a statement's card centred at ``card`` must go so that each
        piece of evidence among ``beside`` that supports ``u`` is further from it than from
        ``u`` (all in ``u``'s block)."""
        ua, ub = self._centre(u, 0, 0, frame, card_a, card_b)
        na, nb = card
        need = 0
        for e in beside:
            if self.kinds[e] != "evidence" or self.attacks[e]:
                continue
            ea, eb = self._centre(e, off_a[e], off_b[e], frame, card_a, card_b)
            # further from (na, nb + x) than from u: (ea - na)^2 + (nb + x - eb)^2 > own
            rest = (ea - ua) ** 2 + (eb - ub) ** 2 - (ea - na) ** 2
            if rest >= 0:
                need = max(need, math.isqrt(rest) + 1 - (nb - eb))
        return need

    def _chunks(self, kids: list[int], sa: list[int], sb: list[int], down: bool, spread: int, start: int,
                b: int, off_a: list[int], off_b: list[int], size_a: list[int],
                size_b: list[int]) -> tuple[int, int]:
        """Places ``kids`` one after another along b from ``b``, consecutive gridded leaves of
        one relation packed into a grid; returns the length used along b and the reach along a."""
        gridded = self.gridded
        attacks = self.attacks
        first = True
        reach = 0
        end = b
        i = 0
        while i < len(kids):
            if not first:
                end += GAP
            first = False
            if gridded[kids[i]]:
                j = i
                while j < len(kids) and gridded[kids[j]] and attacks[kids[j]] == attacks[kids[i]]:
                    j += 1
                a_len, b_len = self._grid(kids[i:j], sa, sb, down, spread, start, end, off_a, off_b)
            else:
                j = i + 1
                c = kids[i]
                off_a[c] = start
                off_b[c] = end
                a_len, b_len = size_a[c], size_b[c]
            reach = max(reach, start + a_len)
            end += b_len
            i = j
        return end - b, reach

    def _grid(self, cells: list[int], sa: list[int], sb: list[int], down: bool, spread: int,
              start: int, b0: int, off_a: list[int], off_b: list[int]) -> tuple[int, int]:
        """Packs leaves into a grid (column-major: the last ones end up furthest across)."""
        count = len(cells)
        if down:
            along = -(-count // spread)  # cells along the depth axis
        else:
            across = -(-count // spread)
            along = -(-count // across)
        if down and along == count > 1:
            # one column under its statement, whose line runs down its side: a card linked to an
            # earlier statement goes last, where its link can leave below that line, not across it
            side = self.side
            cells = [c for c in cells if side[c] >= 0] + [c for c in cells if side[c] < 0]
        col_a = [0] * along
        rows = -(-count // along)
        row_b = [0] * rows
        for k, c in enumerate(cells):
            ia, ib = k % along, k // along
            col_a[ia] = max(col_a[ia], sa[c])
            row_b[ib] = max(row_b[ib], sb[c])
        pos_a = [start] * along
        for ia in range(1, along):
            pos_a[ia] = pos_a[ia - 1] + col_a[ia - 1] + GAP
        pos_b = [b0] * rows
        for ib in range(1, rows):
            pos_b[ib] = pos_b[ib - 1] + row_b[ib - 1] + GAP
        for k, c in enumerate(cells):
            ia, ib = k % along, k // along
            # gridded cards are placed by their own top-left corner, centred in their cell
            off_a[c] = pos_a[ia] + (col_a[ia] - sa[c]) // 2
            off_b[c] = pos_b[ib] + (row_b[ib] - sb[c]) // 2
        return pos_a[-1] + col_a[-1] - start, pos_b[-1] + row_b[-1] - b0

    def misplaced(self, pos: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """``(evidence, statement, own)`` for each piece of evidence drawn as near to another reason
        or claim as to a statement it supports (or nearer): the nearest such statement and the
        squared distance to its own. Looked for within NEAR_REACH cells of a coarse grid, so the
        check stays linear (or among all reasons and claims, where they are fewer than the cells)."""
        statements = self.reasons_and_claims
        few = len(statements)
        cells: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        every = []
        for u in statements:
            x, y = pos[u]
            every.append((x, y, u))
            cells.setdefault((x // NEAR_CELL, y // NEAR_CELL), []).append((x, y, u))
        out = []
        for u, supported in self.evidence_supports:
            x, y = pos[u]
            own = min((pos[v][0] - x) ** 2 + (pos[v][1] - y) ** 2 for v in supported)
            reach = math.isqrt(own) // NEAR_CELL + 1
            if reach <= NEAR_REACH and (2 * reach + 1) ** 2 >= few:
                near = every  # fewer of them than cells to look in
            else:
                reach = min(reach, NEAR_REACH)
                cx, cy = x // NEAR_CELL, y // NEAR_CELL
                near = []
                for gx in range(cx - reach, cx + reach + 1):
                    for gy in range(cy - reach, cy + reach + 1):
                        cell = cells.get((gx, gy))
                        if cell:
                            near.extend(cell)
            worst: tuple[int, int] | None = None
            for sx, sy, v in near:
                d = (sx - x) ** 2 + (sy - y) ** 2
                if d <= own and v not in supported:
                    key = (own - d, -v)
                    if worst is None or key > worst:
                        worst = key
            if worst is not None:
                out.append((u, -worst[1], own))
        return out

    def separate(self, pos: list[tuple[int, int]], direction: str) -> tuple[list[tuple[int, int]], int]:
        """Moves groups apart along the cross axis wherever a piece of evidence is drawn nearer to
        a neighbouring group's statement than to its own (a wide grid of evidence reaching under
        the next group): just far enough, a few rounds, so a map without such evidence keeps its
        drawing exactly. Groups only move apart, so no cards come to overlap. Returns the
        centres and how many pieces of evidence are still misplaced."""
        n = self.n
        group = self.group
        children = self.children
        cb = 0 if direction == "down" else 1
        lane = self.lane
        parent = self.parent
        # the unit a node moves with: its group, or itself for a hub without children
        unit = [group[u] if group[u] >= 0 else (-1 if children[u] else u) for u in range(n)]
        # each node's root lane (-1: the roots in one line); units of one root lane move apart
        # along the cross axis, root lanes along the depth axis, as a thesis's lanes do
        root_lane = [self.root_lane[r] for r in self.root]
        lanes_of_roots = max(root_lane, default=-1) + 1
        for rounds in range(SEPARATE_ROUNDS + 1):
            bad = self.misplaced(pos)
            if not bad or rounds == SEPARATE_ROUNDS:
                break
            lo: dict[int, int] = {}
            for u in range(n):
                g = unit[u]
                if g >= 0 and (g not in lo or pos[u][cb] < lo[g]):
                    lo[g] = pos[u][cb]
            order = sorted(lo, key=lambda g: (root_lane[g], lo[g], g))
            rank = {g: i for i, g in enumerate(order)}
            extra = [0] * (len(order) + 1)  # extra room before the unit of that rank
            # groups in lanes: extra room along the depth axis before a lane of a thesis, and
            # before a lane of roots
            extra_a: dict[tuple[int, int], int] = {}
            extra_root = [0] * lanes_of_roots
            for e, s, own in bad:
                ue, us = unit[e], unit[s]
                if ue < 0 or us < 0 or ue == us:
                    continue
                le, ls = lane[ue], lane[us]
                re, rs = root_lane[ue], root_lane[us]
                if re != rs or (le >= 0 and ls >= 0 and le != ls and parent[ue] == parent[us]):
                    da = abs(pos[s][1 - cb] - pos[e][1 - cb])
                    db = pos[s][cb] - pos[e][cb]
                    need = math.isqrt(max(0, own - db * db)) + 1 - da
                    if re != rs:
                        extra_root[max(re, rs)] = max(extra_root[max(re, rs)], need)
                    else:
                        key = (parent[ue], max(le, ls))
                        extra_a[key] = max(extra_a.get(key, 0), need)
                    continue
                da = pos[s][1 - cb] - pos[e][1 - cb]
                db = abs(pos[s][cb] - pos[e][cb])
                need = math.isqrt(max(0, own - da * da)) + 1 - db
                cut = rank[ue] + 1 if rank[us] > rank[ue] else rank[ue]
                extra[cut] = max(extra[cut], need)
            if not any(extra) and not any(v > 0 for v in extra_a.values()) and not any(
                    v > 0 for v in extra_root):
                break
            shift = [0] * len(order)
            total = 0
            for i, g in enumerate(order):
                if i and root_lane[g] != root_lane[order[i - 1]]:
                    total = 0  # each lane of roots moves apart on its own
                total += extra[i]
                shift[i] = total
            lane_shift: dict[tuple[int, int], int] = {}  # (thesis, lane): all the room before it
            for r in {r for r, _ in extra_a}:
                total = 0
                for li in range(MAX_LANES):
                    total += max(0, extra_a.get((r, li), 0))
                    lane_shift[r, li] = total
            # a lane of roots moves past every earlier one's growth along the depth axis (its
            # theses' lanes moved apart) and the room its evidence needs from the lane before
            root_shift = [0] * lanes_of_roots
            grown = [0] * lanes_of_roots
            for (r, li), v in lane_shift.items():
                if li == MAX_LANES - 1 and self.root_lane[r] >= 0:
                    grown[self.root_lane[r]] = max(grown[self.root_lane[r]], v)
            for li in range(1, lanes_of_roots):
                root_shift[li] = root_shift[li - 1] + grown[li - 1] + max(0, extra_root[li])
            moved = pos[:]
            for u in range(n):
                g = unit[u]
                by_a = root_shift[root_lane[u]] if root_lane[u] >= 0 else 0
                if g >= 0:
                    by = shift[rank[g]]
                    if lane[g] >= 0:
                        by_a += lane_shift.get((parent[g], lane[g]), 0)
                elif children[u] and lane[children[u][0]] < 0:  # a root stays centred on its children
                    ranks = [rank[c] for c in children[u]]
                    by = (shift[min(ranks)] + shift[max(ranks)]) // 2
                else:  # a thesis in the corner of its lanes stays before the first of them (on
                    # a map of several theses, the ones before it may have moved)
                    by = min(shift[rank[c]] for c in children[u])
                if by or by_a:
                    x, y = pos[u]
                    moved[u] = (x + by, y + by_a) if cb == 0 else (x + by_a, y + by)
            pos = moved
        return pos, len(bad)


def _partition(sizes: list[int], parts: int, gap: int) -> list[tuple[int, int]]:
    """``sizes`` cut into at most ``parts`` consecutive runs (index ranges), the longest run (sizes
    plus ``gap`` between neighbours) as short as possible: a binary search on that length, each
    step one greedy pass, so O(len(sizes) * log(total))."""

    def cut(limit: int) -> list[tuple[int, int]] | None:
        out: list[tuple[int, int]] = []
        start, length = 0, -gap
        for i, size in enumerate(sizes):
            if i > start and length + gap + size > limit:
                out.append((start, i))
                if len(out) == parts:
                    return None
                start, length = i, -gap
            length += gap + size
        out.append((start, len(sizes)))
        return out

    lo, hi = max(sizes), sum(sizes) + gap * (len(sizes) - 1)
    while lo < hi:
        mid = (lo + hi) // 2
        if cut(mid) is None:
            lo = mid + 1
        else:
            hi = mid
    found = cut(lo)
    assert found is not None
    return found


def _linked_order(heads: list[int], links: dict[int, list[int]], size: dict[int, int],
               inside: dict[int, int], pairs: list[tuple[int, int]], group: list[int],
               choose: bool) -> list[int]:
    """The groups in essay order, except that a group linked to groups before it goes next to
    the latest of them: right after it (and the groups already placed after it), or, with
    ``choose``, right before it when its links reach that group's first cards. A doubly linked
    list, so each move is O(1)."""
    where = {h: i for i, h in enumerate(heads)}
    toward: dict[int, list[tuple[int, int]]] = {}  # group -> (own card, linked card) pairs
    for u, v in pairs:
        toward.setdefault(group[u], []).append((u, v))
        toward.setdefault(group[v], []).append((v, u))
    head_sentinel = -1
    nxt: dict[int, int] = {head_sentinel: head_sentinel}
    prv: dict[int, int] = {head_sentinel: head_sentinel}
    tail = {h: h for h in heads}  # the last group placed after a group (itself at first)

    def insert_after(a: int, h: int) -> None:
        b = nxt[a]
        nxt[a], prv[h], nxt[h], prv[b] = h, a, b, h

    seen: set[int] = set()
    for h in heads:
        anchors = [o for o in links.get(h, ()) if o in seen]
        if not anchors:
            insert_after(prv[head_sentinel], h)
        else:
            anchor = max(anchors, key=where.__getitem__)
            before = False
            if choose:
                own = [(u, v) for u, v in toward.get(h, ()) if group[v] == anchor]
                # cards between the two ends, placed before the anchor or right after it
                ahead = sum(size.get(h, 1) - inside[u] + inside[v] for u, v in own)
                behind = sum(inside[u] + size.get(anchor, 1) - inside[v] for u, v in own)
                before = ahead < behind
            if before:
                insert_after(prv[anchor], h)
            else:
                insert_after(tail[anchor], h)
                tail[anchor] = h
        seen.add(h)
    out = []
    h = nxt[head_sentinel]
    while h != head_sentinel:
        out.append(h)
        h = nxt[h]
    return out
