"""Which reasons rest on which evidence: the one definition behind the CLI's evidence table, the
essay outline, the checks and the page's evidence matrix.

A reason (or claim) **rests on** a piece of evidence when a chain of ``supports`` edges leads from
the evidence into it (``analysis.rests_on``, so the page's highlighting and this table never
disagree). The link is **direct** when the evidence supports the reason itself, otherwise it runs
**via** the statements on the shortest such chain.

**Strength** of a statement (documented for students in ``docs/checks.md``)::

    strength = sum over each distinct piece of evidence it rests on of
                   confidence weight  x  (1 if direct, 0.5 if only via other statements)
               - 0.5 for each unanswered objection to it or to anything it rests on
    (never below 0, rounded to two decimals)

Confidence weights come from :attr:`argmap.model.Confidence.weight` (certain 1, likely 0.75,
possible 0.5, doubtful 0.25); evidence nobody rated counts 0.5, as "possible": until someone says
how sure it is, it has not been shown to be firm. Each piece counts once however many paths lead
from it, so repeating a fact does not make a reason stronger; an objection is answered when
anything attacks (or undercuts) it.

Every function here is deterministic: rows in reading order, evidence nearest first. Walks are
iterative, so 100 000-statement chains are fine.

Cost at any shape: a full table of (row, evidence) pairs grows with rows x evidence (a chain of
10 000 statements has 25 million), so the whole-map views (the CLI table, the page's matrix)
list for each row its nearest ``ROW_EVIDENCE`` pieces of evidence, looking no further than the
nearest ``ROW_WALK`` statements beneath it, and say how many more there are (the outline plans
the first ``ROW_WALK`` lines of a reason's support tree). Counts and strengths always cover
everything: ``summaries`` computes them for every node in one pass over the support graph in
topological order (cycles condensed), with two bit sets per node (evidence, unanswered
objections), freed as soon as everything above the node has used them. A bit set can be as wide
as the map's evidence, so that pass is O((statements + links) x evidence / 64) machine words in
the worst case: in practice 5-15 microseconds a statement from 1 000 to 100 000 statements
(``benchmarks/SHAPES_RESULTS.md``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Container, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from .analysis import SUPPORTS, rests_on, support_components, trace
from .model import ArgumentMap, Confidence, shorten

#: weight of evidence with no confidence rating (as "possible")
UNRATED_WEIGHT = 0.5
#: factor for evidence reached only through other statements (claims, sub-reasons)
INDIRECT_FACTOR = 0.5
#: subtracted for each objection nobody answers
UNANSWERED_PENALTY = 0.5

ROW_KINDS = ("reason", "claim")

#: pieces of evidence one row of a whole-map view lists at most (nearest first), with how many
#: more there are: a row of a deep map rests on thousands, and a table row cannot usefully list
#: them all (``argmap evidence MAP ID`` shows one statement's whole tree)
ROW_EVIDENCE = 8
#: statements one row's walk visits at most, so a row with little evidence near it (a long run of
#: claims) costs no more than one with plenty; ``links_of`` without limits lists everything
ROW_WALK = 32


class Link(NamedTuple):
    """One row of the evidence matrix: ``reason`` rests on ``evidence``. (A named tuple, not a
    dataclass: the whole-map views make one per listed pair, and a tuple is made in a fraction of
    the time.)"""

    reason: str  # a reason (or claim) node id
    evidence: str  # an evidence node id it rests on
    direct: bool  # evidence supports the reason itself
    via: tuple[str, ...]  # intermediate nodes on the shortest support path, evidence side first
    confidence: str | None  # the evidence's confidence


def rows(amap: ArgumentMap) -> list[str]:
    """Reasons, then claims, each in reading order: the rows of the evidence table."""
    return amap.nodes_of("reason") + amap.nodes_of("claim")


def weight(confidence: str | None) -> float:
    """How much one piece of evidence at this confidence counts towards strength."""
    return Confidence(confidence).weight if confidence else UNRATED_WEIGHT


def hedged(confidence: str | None) -> bool:
    """Rated possible or doubtful (unrated evidence is *not* hedged: nobody has doubted it)."""
    return bool(confidence) and Confidence(confidence).hedged  # type: ignore[arg-type]


def links_of(amap: ArgumentMap, node: str, limit: int | None = None,
             most: int | None = None) -> list[Link]:
    """The evidence ``node`` rests on, nearest first, each with its shortest support path; with
    ``limit``, only the evidence among the nearest ``limit`` statements beneath it; with ``most``,
    at most that many pieces (the walk stops at the last one). Either way a prefix of the whole
    list.

    The breadth-first walk of ``analysis.rests_on`` (same order), recording for every statement
    the one it was reached from: that is its parent on a shortest support path, so the ``via``
    steps come from the same walk.
    """
    found, parent = _walk(amap, node, limit, most)
    nodes = amap.graph._node
    out = []
    for piece in found:
        via: list[str] = []
        step = parent[piece]
        while step != node:
            via.append(step)
            step = parent[step]
        out.append(Link(node, piece, not via, tuple(via), nodes[piece].get("confidence")))
    return out


def _walk(amap: ArgumentMap, node: str, limit: int | None,
          most: int | None) -> tuple[list[str], dict[str, str]]:
    """The evidence ``links_of`` lists, and the statement each statement of the walk was reached
    from (``node`` for itself)."""
    pred, nodes = amap.graph._pred, amap.graph._node
    if node not in pred:
        raise KeyError(node)
    parent = {node: node}  # also the walk's "seen"
    found: list[str] = []
    if limit == 0 or most == 0:
        return found, parent
    left = -1 if limit is None else limit  # statements still to visit (never 0 when unlimited)
    wanted = -1 if most is None else most  # pieces of evidence still to find
    order: list[str] = []
    i = 0
    current = node
    while True:
        for other, data in pred[current].items():
            if other in parent or data["relation"] != SUPPORTS:
                continue
            parent[other] = current
            order.append(other)
            if nodes[other]["kind"] == "evidence":
                found.append(other)
                wanted -= 1
                if not wanted:
                    return found, parent
            left -= 1
            if not left:
                return found, parent
        if i == len(order):
            return found, parent
        current = order[i]
        i += 1


def row_links(amap: ArgumentMap, node: str) -> list[Link]:
    """What one row of a whole-map view (the CLI table, the page's matrix) lists: the nearest
    ``ROW_EVIDENCE`` pieces of evidence found among the nearest ``ROW_WALK`` statements beneath
    ``node``. The views say how many more there are (``Summary.evidence`` minus these)."""
    return links_of(amap, node, ROW_WALK, ROW_EVIDENCE)


def links(amap: ArgumentMap) -> list[Link]:
    """Every (row, evidence) pair where the row rests on the evidence: rows in ``rows`` order,
    evidence nearest first (the full table: as large as rows x evidence on a deep map)."""
    return [link for row in rows(amap) for link in links_of(amap, row)]


class Summary(NamedTuple):
    """What a node rests on, in numbers: ``evidence`` distinct pieces, its ``strength``."""

    evidence: int
    strength: float


def summaries(amap: ArgumentMap) -> dict[str, Summary]:
    """``Summary`` of every node, equal to counting ``rests_on`` and calling ``strength`` for each,
    in one pass (see the module docstring).

    Two bit sets per node: bit ``i`` of the first is evidence ``i``, of the second unanswered
    objection ``i``. A node's sets are the union of its supporters' sets and their own bits; in a
    support cycle every member shares them. Evidence is numbered in the order of the pass, so a
    node's set only holds bits below those of the evidence above it: on a deep map the sets are
    half as wide on average as numbering in reading order would make them. One mask per weight
    sums them.
    """
    graph = amap.graph
    succ, pred, nodes = graph._succ, graph._pred, graph._node
    components = list(support_components(graph))
    # bit numbers, not the sets themselves: an int with bit 40 000 set takes 5 KB
    bit: dict[str, int] = {}
    worth: dict[str, float] = {}
    of_weight: dict[float, list[int]] = {}
    for component in components:
        for n in component:
            data = nodes[n]
            if data["kind"] == "evidence":
                w = worth[n] = weight(data.get("confidence"))
                bit[n] = len(bit)
                of_weight.setdefault(w, []).append(bit[n])
    base = min(of_weight, default=0.0)  # the lightest counted from the total, the rest by mask
    masks = [(w - base, _bit_set(bits)) for w, bits in sorted(of_weight.items()) if w != base]
    answered = {n for n, ins in pred.items() if any(d["relation"] != SUPPORTS for d in ins.values())}
    open_bit: dict[str, int] = {}
    own_objection_bits: dict[str, list[int]] = {}  # the unanswered objections to each node
    for target, ins in pred.items():
        for u, d in ins.items():
            if d["relation"] != SUPPORTS and u not in answered:
                own_objection_bits.setdefault(target, []).append(open_bit.setdefault(u, len(open_bit)))
    own_objections = {n: _span(bits) for n, bits in own_objection_bits.items()}
    pending = {n: sum(d["relation"] == SUPPORTS for d in ds.values()) for n, ds in succ.items()}
    # everything beneath a node | its own bit, and its unanswered objections, kept while someone
    # above still needs them; a piece of evidence with nothing beneath it leaves its own bit out
    # (the last number) for the statements it supports to set in one go with their other such
    # supporters: a star's thesis with 40 000 of them would otherwise make 40 000 sets as wide as
    # the evidence and or them in one by one. Each set is kept as (its lowest bit, the bits from
    # there), so a set is as wide as the span of its bits, not as its highest bit: thousands of
    # statements waiting for a cross-link's far end would otherwise each hold a set as wide as
    # all the evidence before them
    below: dict[str, tuple[int, int, int, int, int]] = {}
    out: dict[str, Summary] = {}

    def weighed(lo: int, found: int) -> tuple[int, float]:
        """How many pieces of evidence the set (``lo``, ``found``) holds, and the sum of their
        weights."""
        count = found.bit_count()
        total = base * count
        if count:
            for w, mask in masks:
                total += w * (found & mask >> lo).bit_count()
        return count, total

    def summary(count: int, total: float, direct: float, objections: int) -> Summary:
        total = total * INDIRECT_FACTOR + direct * (1 - INDIRECT_FACTOR)
        return Summary(count, round(max(0.0, total - UNANSWERED_PENALTY * objections), 2))

    for component in components:
        m = component[0]
        if len(component) == 1 and not (m in pred[m] and pred[m][m]["relation"] == SUPPORTS):
            flo = found = olo = opened = 0
            direct = 0.0
            leaves: list[int] = []  # the own bits of supporters with nothing beneath them
            for p, d in pred[m].items():
                if d["relation"] != SUPPORTS:
                    continue
                elo, ev, blo, ob, leaf = below[p]
                flo, found = _union(flo, found, elo, ev)
                olo, opened = _union(olo, opened, blo, ob)
                if leaf >= 0:
                    leaves.append(leaf)
                if p in worth:
                    direct += worth[p]
                pending[p] -= 1
                if not pending[p]:
                    del below[p]
            if leaves:
                flo, found = _union(flo, found, *_span(leaves))
            olo, opened = _union(olo, opened, *own_objections.get(m, (0, 0)))
            out[m] = summary(*weighed(flo, found), direct, opened.bit_count())
            if pending[m]:
                if m not in bit:
                    below[m] = (flo, found, olo, opened, -1)
                elif found:
                    below[m] = (*_union(flo, found, bit[m], 1), olo, opened, -1)
                else:
                    below[m] = (0, 0, olo, opened, bit[m])
            continue
        # a support cycle (or a statement supporting itself): every member rests on all of them
        # but itself, so the shared set is weighed once and each member takes its own piece off
        # (weighing it per member would cost members x evidence)
        members = set(component)
        # the members' own bits set in one go: or-ing them in one by one would copy a set as
        # wide as the evidence once per member
        flo, found = _span([bit[m] for m in component if m in bit])
        olo, opened = _span([i for m in component for i in own_objection_bits.get(m, ())])
        for m in component:
            for p, d in pred[m].items():
                if d["relation"] != SUPPORTS:
                    continue
                if p not in members:
                    elo, ev, blo, ob, leaf = below[p]
                    flo, found = _union(flo, found, elo, ev)
                    if leaf >= 0:
                        flo, found = _union(flo, found, leaf, 1)
                    olo, opened = _union(olo, opened, blo, ob)
                pending[p] -= 1
                if not pending[p] and p not in members:
                    del below[p]
        count, total = weighed(flo, found)
        objections = opened.bit_count()
        for m in component:
            direct = sum(worth.get(p, 0.0) for p, d in pred[m].items()
                         if d["relation"] == SUPPORTS and p != m)
            if m in bit:  # its own bit is in the shared set
                out[m] = summary(count - 1, total - worth[m], direct, objections)
            else:
                out[m] = summary(count, total, direct, objections)
            if pending[m]:
                below[m] = (flo, found, olo, opened, -1)
    return out


def _union(alo: int, a: int, blo: int, b: int) -> tuple[int, int]:
    """The union of two bit sets kept as (lowest bit, bits from there); (0, 0) is empty."""
    if not b:
        return alo, a
    if not a:
        return blo, b
    if blo >= alo:
        return alo, a | b << (blo - alo)
    return blo, a << (alo - blo) | b


def _span(bits: list[int]) -> tuple[int, int]:
    """These bit numbers as a set kept as (lowest bit, bits from there)."""
    if not bits:
        return 0, 0
    lo = min(bits)
    return lo, _bit_set(i - lo for i in bits)


def _bit_set(bits: Iterable[int]) -> int:
    """The int with exactly these bits set, built in one pass over a byte array."""
    buffer = bytearray()
    for i in bits:
        byte = i >> 3
        if byte >= len(buffer):
            buffer.extend(bytes(byte + 1 - len(buffer)))
        buffer[byte] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def unanswered_objections(amap: ArgumentMap, node: str, beneath: Iterable[str] = ()) -> list[str]:
    """Objections to ``node`` (or to the statements ``beneath`` it) that nothing attacks."""
    pred = amap.graph._pred
    out: dict[str, None] = {}
    for target in (node, *beneath):
        for u, d in pred[target].items():
            if d["relation"] != SUPPORTS and not any(
                    e["relation"] != SUPPORTS for e in pred[u].values()):
                out[u] = None
    return list(out)


def strength(amap: ArgumentMap, node: str) -> float:
    """The documented score (see the module docstring): confidence-weighted independent evidence,
    halved when only reached through other statements, minus unanswered objections."""
    total = sum(weight(lk.confidence) * (1.0 if lk.direct else INDIRECT_FACTOR)
                for lk in links_of(amap, node))
    open_objections = unanswered_objections(amap, node, rests_on(amap, node))
    return round(max(0.0, total - UNANSWERED_PENALTY * len(open_objections)), 2)


def reaching(amap: ArgumentMap, sources: Iterable[str], k: int,
             skip: Container[str] = ()) -> dict[str, list[str]]:
    """For every node, up to ``k`` of ``sources`` it rests on (nearest first); nodes resting on
    none are left out. Nodes in ``skip`` get none and pass none on: the answer is the same for
    every node resting on no node in ``skip``.

    A node holds ``min(k, number of sources it rests on)`` of them, so the checks can tell "no
    evidence", "only hedged evidence" and "exactly one piece of evidence" for all nodes at once in
    O(k * (nodes + edges)) instead of one walk per node. A source never counts for itself.
    """
    # each node keeps one label more than asked: a full predecessor may hold the node's own id,
    # which does not count for it, and must still pass on k others
    cap = k + 1
    held: dict[str, list[str]] = {}
    queue: deque[tuple[str, str]] = deque()
    push = queue.append
    succ = amap.graph._succ
    for s in sources:
        for t, d in succ[s].items():
            if d["relation"] == SUPPORTS and t != s and t not in skip:
                push((t, s))
    # a label is not queued for a node that is full or holds it already: taking it off the queue
    # would change nothing (labels are only ever added), so the order of the rest is the same
    while queue:
        node, label = queue.popleft()
        have = held.get(node)
        if have is None:
            held[node] = have = [label]
        elif len(have) >= cap or label in have:
            continue
        else:
            have.append(label)
        for t, d in succ[node].items():
            if d["relation"] == SUPPORTS and t != label and t not in skip:
                got = held.get(t)
                if got is None or len(got) < cap and label not in got:
                    push((t, label))
    return {n: v[:k] for n, v in held.items()}


def sources_beneath(amap: ArgumentMap, sources: Iterable[str], k: int) -> dict[str, frozenset[str]]:
    """For every node resting on some of ``sources``: all of them when there are at most ``k``,
    otherwise more than ``k`` of them (which ones is not promised); nodes resting on none are
    left out. A source never counts for itself.

    What the checks ask ("no evidence", "only one piece", "some firm evidence") without
    ``reaching``'s order: one pass over the support graph in topological order (cycles
    condensed), each node's set merged from its supporters' and cut to ``k + 2``, so
    O(k * (nodes + edges)) with no queue.
    """
    graph = amap.graph
    pred = graph._pred
    source = set(sources)
    cap = k + 2  # a member of a cycle drops itself and still has more than k
    up: dict[str, frozenset[str]] = {}  # itself if a source, and up to cap beneath it
    out: dict[str, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()
    for component in support_components(graph):
        m = component[0]
        if len(component) == 1 and not (m in pred[m] and pred[m][m]["relation"] == SUPPORTS):
            acc = empty
            for p, d in pred[m].items():
                if d["relation"] == SUPPORTS and up[p]:
                    acc = acc | up[p] if acc else up[p]
                    if len(acc) >= cap:
                        break
            if len(acc) > cap:
                acc = frozenset(islice(acc, cap))
            if acc:
                out[m] = acc
            up[m] = acc | {m} if m in source and len(acc) < cap else acc
            continue
        members = set(component)  # a support cycle: every member rests on all of them
        gathered = {m for m in component if m in source}
        for m in component:
            for p, d in pred[m].items():
                if d["relation"] == SUPPORTS and p not in members:
                    gathered |= up[p]
        acc = frozenset(islice(gathered, cap)) if len(gathered) > cap else frozenset(gathered)
        for m in component:
            mine = acc - {m}
            if mine:
                out[m] = mine
            up[m] = acc
    return out


# -- the support tree -----------------------------------------------------------------------------
@dataclass(frozen=True)
class TreeLine:
    """One line of a support tree: ``node`` at ``depth``, ``relation`` to the line above it."""

    depth: int
    node: str
    relation: str | None  # None for the root
    repeat: bool = False  # already shown above (shared support or a cycle): not expanded again
    last: bool = True  # the last child of its parent (for drawing the tree)


def support_tree(amap: ArgumentMap, node: str, limit: int | None = None) -> list[TreeLine]:
    """Everything that argues about ``node``, transitively: supporters first, then objections (and
    their rebuttals), each in reading order. Depth-first with an explicit stack; a statement met a
    second time is listed with ``repeat=True`` and not expanded, so the tree stays finite and
    linear in the map's size. With ``limit``, the first ``limit`` lines (the same prefix).
    """
    if node not in amap.graph:
        raise KeyError(node)
    graph = amap.graph
    out: list[TreeLine] = []
    expanded: set[str] = set()
    stack: list[tuple[str, int, str | None, bool]] = [(node, 0, None, True)]
    while stack and (limit is None or len(out) < limit):
        current, depth, relation, last = stack.pop()
        repeat = current in expanded
        out.append(TreeLine(depth, current, relation, repeat, last))
        if repeat:
            continue
        expanded.add(current)
        children = sorted(graph.pred[current].items(), key=lambda kv: kv[1]["relation"] != SUPPORTS)
        for i in range(len(children) - 1, -1, -1):
            child, data = children[i]
            stack.append((child, depth + 1, data["relation"], i == len(children) - 1))
    return out


# -- table and tree as data and as text ---------------------------------------------------------
def _evidence_dict(amap: ArgumentMap, link: Link) -> dict[str, Any]:
    data = amap.graph.nodes[link.evidence]
    return {
        "id": link.evidence,
        "label": amap.label(link.evidence),
        "direct": link.direct,
        "via": list(link.via),
        "confidence": link.confidence,
        "source": data.get("source"),
    }


def table(amap: ArgumentMap) -> list[dict[str, Any]]:
    """The evidence table as plain data (``argmap evidence --format json``): one entry per row,
    listing ``row_links``; ``more`` counts the evidence beneath the row that is not listed."""
    out = []
    scores = summaries(amap)
    nodes = amap.graph._node
    for row in rows(amap):
        found = row_links(amap, row)
        data = nodes[row]
        entry = {
            "id": row,
            "kind": data["kind"],
            "label": amap.label(row),
            "confidence": data.get("confidence"),
            "strength": scores[row].strength,
            "evidence": [_evidence_dict(amap, lk) for lk in found],
        }
        if len(found) < scores[row].evidence:
            entry["more"] = scores[row].evidence - len(found)
        out.append(entry)
    return out


def _describe(amap: ArgumentMap, node: str) -> str:
    data = amap.graph.nodes[node]
    parts = [amap.kind_name(data["kind"]).lower()]
    if data.get("confidence"):
        parts.append(data["confidence"])
    elif data["kind"] == "evidence":
        parts.append("unrated")
    if data["kind"] == "evidence":
        parts.append(f"source: {data['source']}" if data.get("source") else "no source")
    return ", ".join(parts)


LEGEND = (
    "strength = each piece of evidence once, weighted by confidence (certain 1, likely 0.75,\n"
    "possible 0.5, doubtful 0.25, unrated 0.5), halved when reached only via other statements,\n"
    "minus 0.5 per unanswered objection (docs/checks.md)."
)


def format_table(amap: ArgumentMap, *, width: int = 36) -> str:
    """The evidence table as aligned plain text, one line per (row, evidence) pair of
    ``row_links``, then a line saying how many more pieces the row rests on.

    Built row by row from the links (not from ``table``'s dicts), each statement's label made
    once, each line formatted by one template: a 100 000-row table holds its lines, not millions
    of dicts."""
    data = rows(amap)
    if not data:
        return f"no {amap.kind_name('reason', plural=True).lower()} or claims in this map\n"
    has_claims = bool(amap.nodes_of("claim"))
    head = amap.kind_name("reason") + (" / " + amap.kind_name("claim").lower() if has_claims else "")
    header = (head, "strength", "evidence", "link", "confidence", "source")
    lines: list[tuple[str, ...]] = []
    scores = summaries(amap)
    nodes = amap.graph._node
    labels: dict[str, str] = {}

    def label(node: str) -> str:  # amap.label, made once per statement
        if node not in labels:
            found = nodes[node]
            labels[node] = found.get("label") or shorten(found["text"])
        return labels[node]

    def via_text(step: str, row: str, parent: dict[str, str]) -> str:
        """``via a > b > ...`` from ``step`` up to ``row``, shortened to ``width``, labelling
        only the steps that fit (a deep row's path can be dozens of statements long)."""
        text = "via " + label(step)
        step = parent[step]
        while step != row and len(text) <= width:
            text += " > " + label(step)
            step = parent[step]
        return shorten(text, width)

    short: dict[str, tuple[str, str, str]] = {}  # evidence -> label, confidence, source
    for stmt in data:
        name = label(stmt)
        name = shorten("claim: " + name if nodes[stmt]["kind"] == "claim" else name, width)
        score = f"{scores[stmt].strength:.2f}"
        found, parent = _walk(amap, stmt, ROW_WALK, ROW_EVIDENCE)
        more = scores[stmt].evidence - len(found)
        if not found and not more:
            lines.append((name, score, "(no evidence)", "", "", ""))
        vias: dict[str, str] = {}  # pieces of evidence reached from the same statement share a path
        for ev in found:
            if ev not in short:
                data_ev = nodes[ev]
                short[ev] = (shorten(label(ev), width), data_ev.get("confidence") or "unrated",
                             shorten(data_ev.get("source") or "-", width))
            step = parent[ev]
            if step == stmt:
                how = "direct"
            elif step in vias:
                how = vias[step]
            else:
                how = vias[step] = via_text(step, stmt, parent)
            ev_label, confidence, source = short[ev]
            lines.append((name, score, ev_label, how, confidence, source))
            name = score = ""
        if more:
            lines.append((name, score, f"(+{more} more beneath: argmap evidence MAP {stmt})", "", "", ""))
    widths = [max(map(len, column)) for column in zip(header, *lines, strict=True)]
    template = "  ".join(f"{{{i}:{'>' if i == 1 else '<'}{w}}}" for i, w in enumerate(widths))
    text = [template.format(*header).rstrip(), template.format(*("-" * w for w in widths)).rstrip()]
    for i, row in enumerate(lines):
        if i and row[0]:
            text.append("")
        text.append(template.format(*row).rstrip())
    return "\n".join(text + ["", LEGEND]) + "\n"


def tree_data(amap: ArgumentMap, node: str) -> list[dict[str, Any]]:
    """The support tree as plain data (``argmap evidence MAP NODE --format json``)."""
    out = []
    for line in support_tree(amap, node):
        data = amap.graph.nodes[line.node]
        out.append({
            "depth": line.depth,
            "id": line.node,
            "kind": data["kind"],
            "label": amap.label(line.node),
            "relation": line.relation,
            "confidence": data.get("confidence"),
            "source": data.get("source"),
            "repeat": line.repeat,
        })
    return out


MAX_DRAWN_DEPTH = 24


def format_tree(amap: ArgumentMap, node: str) -> str:
    """The support tree drawn with box lines, the root's strength on top."""
    lines = support_tree(amap, node)
    text = [f"{amap.label(node, 60)}  [{node}; {_describe(amap, node)}; "
            f"strength {strength(amap, node):.2f}]"]
    open_levels: list[bool] = []  # per depth: does the parent at that depth have more children?
    for line in lines[1:]:
        del open_levels[line.depth - 1:]
        if line.depth <= MAX_DRAWN_DEPTH:
            prefix = "".join("│   " if more else "    " for more in open_levels)
            prefix += "└── " if line.last else "├── "
        else:  # deeper than a screen is wide: a level number instead of quadratic indentation
            prefix = "    " * MAX_DRAWN_DEPTH + f"[level {line.depth}] "
        open_levels.append(not line.last)
        relation = "" if line.relation == SUPPORTS else f"{line.relation.upper()}: "  # type: ignore[union-attr]
        tail = " (see above)" if line.repeat else f"  [{line.node}; {_describe(amap, line.node)}]"
        text.append(f"{prefix}{relation}{amap.label(line.node, 60)}{tail}")
    if len(lines) == 1:
        text.append("    (nothing supports or attacks it)")
    return "\n".join(text) + "\n"


#: the attack side of a node's trace, as ``argmap evidence MAP NODE`` titles it (``analysis.Trace``)
TRACE_SECTIONS = (("attacks", "Attacks"), ("answered_by", "Answered by"), ("objections", "Objections"))


def trace_sections(amap: ArgumentMap, node: str) -> dict[str, list[dict[str, Any]]]:
    """What ``node`` attacks, what answers it and its objections (``analysis.trace``), as data."""
    t = trace(amap, node)
    return {key: [{"id": n, "kind": amap.kind(n), "label": amap.label(n)} for n in getattr(t, key)]
            for key, _title in TRACE_SECTIONS}


def format_trace_sections(amap: ArgumentMap, node: str) -> str:
    """The sections of ``trace_sections`` as text: a title with a count, one line per statement."""
    out = []
    for key, items in trace_sections(amap, node).items():
        title = dict(TRACE_SECTIONS)[key]
        out.append(f"{title} ({len(items)})" + ("" if items else ": none"))
        out += [f"    {item['label']}  [{item['id']}; {_describe(amap, item['id'])}]" for item in items]
    return "\n".join(out) + "\n"


def render(amap: ArgumentMap, node: str | None = None, fmt: str = "text") -> str:
    """``argmap evidence``: the table (or, for ``node``, its support tree and the attack side of its
    trace) as text or JSON (for ``node``: ``{"tree": [...], "attacks": [...], "answered_by": [...],
    "objections": [...]}``)."""
    import json

    from .errors import ArgmapError, did_you_mean

    if node is not None and node not in amap.graph:
        raise ArgmapError.at(amap.path, f"unknown node '{node}'" + did_you_mean(node, amap.graph),
                             code="AM101", hint="give the id of a statement in the map")
    from . import _gc_paused  # millions of short-lived rows: no collection re-scans the map

    with _gc_paused():
        if fmt == "json":
            data: Any = table(amap)
            if node is not None:
                data = {"tree": tree_data(amap, node), **trace_sections(amap, node)}
            return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if node is None:
            return format_table(amap)
        return format_tree(amap, node) + "\n" + format_trace_sections(amap, node)
