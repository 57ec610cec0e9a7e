"""An essay plan from a map (``argmap outline``): what a student writes, paragraph by paragraph.

The plan follows the shape teachers ask for: an introduction that answers the question with the
thesis and previews the reasons; one paragraph per reason, strongest first (its point as a topic
sentence, its evidence, the objections it must answer with their rebuttals and the rebuttals'
evidence, a link back to the question); a counter-argument paragraph for each objection to the
thesis itself ("Some argue ... However ..."); a conclusion that weighs the reasons; and the gaps
``argmap check`` found, worst first, as a to-do list (unanswered objections among them).
Strength and evidence come from ``argmap.evidence``, so the plan, the table and the page agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import SUPPORTS, roots, sharing_analyses
from .checks import as_configured, run_checks
from .errors import Diagnostic
from .evidence import ROW_WALK, Summary, hedged, summaries, support_tree
from .model import ArgumentMap
from .text import visible

FORMATS = ("markdown", "text")
#: lines of a reason's support tree one paragraph plans (a deep map's reason rests on thousands:
#: the plan lists the nearest and points to ``argmap evidence MAP ID`` for the rest)
PARAGRAPH_LINES = ROW_WALK


@dataclass
class Paragraph:
    node: str
    strength: float
    evidence_count: int
    #: (depth, node) lines of what supports the reason: claims with their evidence nested
    support: list[tuple[int, str]] = field(default_factory=list)
    #: objection -> the rebuttals answering it
    objections: list[tuple[str, list[str]]] = field(default_factory=list)
    #: the support tree was longer than ``PARAGRAPH_LINES``: the rest is not listed
    cut: bool = False


def paragraphs(amap: ArgumentMap, thesis: str, scores: dict[str, Summary] | None = None,
               order: dict[str, int] | None = None) -> list[Paragraph]:
    """One paragraph per statement supporting the thesis (not evidence), strongest first, ties in
    reading order. ``scores`` (``evidence.summaries``) and ``order`` (each node's place in
    reading order), when the caller has them: a plan for many theses makes them once, not once
    per thesis."""
    graph = amap.graph
    out = []
    tops = [n for n, d in graph.pred[thesis].items()
            if d["relation"] == SUPPORTS and graph.nodes[n]["kind"] != "evidence"]
    if scores is None:
        scores = summaries(amap)
    for node in tops:
        para = Paragraph(node, scores[node].strength, scores[node].evidence)
        skip_below: int | None = None  # inside an objection's subtree: its backing is not ours
        lines = support_tree(amap, node, PARAGRAPH_LINES + 1)
        para.cut = len(lines) > PARAGRAPH_LINES
        for line in lines[1:PARAGRAPH_LINES]:
            if skip_below is not None and line.depth > skip_below:
                continue
            skip_below = None
            if line.relation == SUPPORTS:
                if not line.repeat:
                    para.support.append((line.depth - 1, line.node))
                continue
            skip_below = line.depth
            if line.node not in dict(para.objections):
                answers = [u for u, d in graph.pred[line.node].items() if d["relation"] != SUPPORTS]
                para.objections.append((line.node, answers))
        out.append(para)
    if order is None:
        order = {n: i for i, n in enumerate(graph)}
    out.sort(key=lambda p: (-p.strength, order[p.node]))
    return out


def backing(amap: ArgumentMap, node: str) -> list[tuple[int, str]]:
    """What supports ``node``, as (depth, statement) lines of its support tree (depth 0: directly),
    leaving out objections and everything beneath them (their backing is not ``node``'s)."""
    out: list[tuple[int, str]] = []
    skip_below: int | None = None
    for line in support_tree(amap, node)[1:]:
        if skip_below is not None and line.depth > skip_below:
            continue
        skip_below = None
        if line.relation != SUPPORTS:
            skip_below = line.depth
        elif not line.repeat:
            out.append((line.depth - 1, line.node))
    return out


def attackers(amap: ArgumentMap, node: str) -> list[str]:
    """The statements attacking or undercutting ``node`` directly, in reading order."""
    return [u for u, d in amap.graph.pred[node].items() if d["relation"] != SUPPORTS]


@dataclass
class CounterArgument:
    """An objection to the thesis itself, with what backs it and the rebuttals answering it."""

    objection: str
    backing: list[tuple[int, str]]
    #: rebuttal -> what backs the rebuttal (its evidence)
    answers: list[tuple[str, list[tuple[int, str]]]]


def counter_arguments(amap: ArgumentMap, thesis: str) -> list[CounterArgument]:
    """One counter-argument per objection to ``thesis``, in reading order."""
    return [CounterArgument(o, backing(amap, o), [(a, backing(amap, a)) for a in attackers(amap, o)])
            for o in attackers(amap, thesis)]


def _gaps(amap: ArgumentMap) -> list[Diagnostic]:
    return as_configured(amap, run_checks(amap))


class _Writer:
    """Markdown or plain text from the same calls."""

    def __init__(self, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown outline format {fmt!r}")
        self.md = fmt == "markdown"
        self.lines: list[str] = []

    def heading(self, level: int, text: str) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")
        if self.md:
            self.lines.append("#" * level + " " + text)
        else:
            self.lines.append(text.upper() if level == 1 else text)
            self.lines.append(("=" if level <= 2 else "-") * len(text))
        self.lines.append("")

    def para(self, text: str) -> None:
        self.lines.append(text)

    def item(self, text: str, depth: int = 0) -> None:
        self.lines.append("  " * depth + "- " + text)

    def todo(self, text: str) -> None:
        self.lines.append(("- [ ] " if self.md else "[ ] ") + text)

    def bold(self, text: str) -> str:
        return f"**{text}**" if self.md else text

    def em(self, text: str) -> str:
        return f"*{text}*" if self.md else text

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _evidence_line(amap: ArgumentMap, node: str, w: _Writer) -> str:
    data = amap.node(node)
    notes = [data["confidence"] if data.get("confidence") else "not rated"]
    notes.append(f"source: {data['source']}" if data.get("source") else "no source yet")
    head = f"{w.bold(data['label'])}: " if data.get("label") else ""
    return f"{head}{_sentence(data['text'])} ({'; '.join(notes)})"


def outline(amap: ArgumentMap, fmt: str = "markdown") -> str:
    """The essay plan as Markdown (``fmt="markdown"``) or plain text (``"text"``).

    Control characters in the map's texts come out visibly escaped (``\\x1b``), on a terminal
    and in a file alike: a plan is read by people, and an escape sequence in it is an attack."""
    from . import _gc_paused

    with _gc_paused(), sharing_analyses():  # the checks and the strengths share one order
        return visible(_outline(amap, fmt))


def _outline(amap: ArgumentMap, fmt: str) -> str:
    w = _Writer(fmt)
    reason_word = amap.kind_name("reason").lower()
    reasons_word = amap.kind_name("reason", plural=True).lower()
    theses = roots(amap)
    w.heading(1, "Essay plan: " + (amap.title or (amap.label(theses[0]) if theses else "argument map")))
    if not theses:
        w.para("The map has no statements yet: run `argmap new` to start a plan.")
        return w.text()
    scores = summaries(amap)
    order = {n: i for i, n in enumerate(amap.graph)}
    for thesis in theses:
        _plan_for(amap, thesis, w, reason_word, reasons_word, scores, order, several=len(theses) > 1)
    gaps = _gaps(amap)
    w.heading(2, "Gaps to fill")
    if not gaps:
        w.para("None: `argmap check` finds no weak spots.")
    for d in gaps:
        hint = f" {_sentence(d.hint[:1].upper() + d.hint[1:])}" if d.hint else ""
        w.todo(f"Line {d.line}: {_sentence(d.message)}{hint} ({d.code})")
    return w.text()


def _plan_for(amap: ArgumentMap, thesis: str, w: _Writer, reason_word: str, reasons_word: str,
              scores: dict[str, Summary], order: dict[str, int], *, several: bool) -> None:
    data = amap.node(thesis)
    paras = paragraphs(amap, thesis, scores, order)
    counters = counter_arguments(amap, thesis)
    w.heading(2, "Introduction" + (f" ({amap.label(thesis)})" if several else ""))
    if amap.title:
        w.item(f"{w.bold('Question')}: {amap.title}")
    w.item(f"{w.bold('Thesis')}: {_sentence(data['text'])}")
    if paras:
        names = "; ".join(amap.label(p.node) for p in paras)
        count = len(paras)
        word = reason_word if count == 1 else reasons_word
        then = ""
        if counters:
            then = (f" Then the counter-argument{'s' * (len(counters) > 1)}: "
                    + "; ".join(amap.label(c.objection) for c in counters) + ".")
        w.item(f"{w.bold('Road map')}: {count} {word}, strongest first: {names}.{then}")
    for number, p in enumerate(paras, 1):
        _paragraph(amap, p, number, w, reason_word)
    for number, c in enumerate(counters, len(paras) + 1):
        _counter_paragraph(amap, c, number, w, thesis)
    w.heading(2, "Conclusion" + (f" ({amap.label(thesis)})" if several else ""))
    w.item(f"{w.bold('Answer the question')}: restate the thesis in new words: "
           f"{_sentence(data['text'])}")
    if paras:
        best = paras[0]
        w.item(f"{w.bold('Weigh the ' + reasons_word)}: the best supported is "
               f"{amap.label(best.node)} ({_count(best.evidence_count)}, strength {best.strength:.2f}).")
        bare = [amap.label(p.node) for p in paras if p.evidence_count == 0]
        if bare:
            w.item(f"{w.bold('Be honest about the weakest')}: {'; '.join(bare)} "
                   f"{'has' if len(bare) == 1 else 'have'} no evidence in the plan: "
                   "present them as possibilities, or find evidence before writing.")
    w.item(f"{w.bold('Final judgement')}: say which {reason_word} mattered most and why; "
           "add nothing new here.")


def _count(n: int) -> str:
    return "no evidence" if n == 0 else f"{n} piece{'s' * (n != 1)} of evidence"


def _paragraph(amap: ArgumentMap, p: Paragraph, number: int, w: _Writer, reason_word: str) -> None:
    data = amap.node(p.node)
    w.heading(3, f"Paragraph {number}: {amap.label(p.node)}")
    w.item(f"{w.bold('Topic sentence')}: {_sentence(data['text'])}")
    confidence = data.get("confidence")
    if hedged(confidence):
        w.item(w.em(f"The map rates this {reason_word} {confidence}: word it tentatively "
                    "(\"may have\", \"possibly\") and say why it is uncertain."))
    w.item(f"{w.bold('Evidence')} ({_count(p.evidence_count)}, strength {p.strength:.2f}):")
    if not p.support:
        w.item("none yet: find a fact, figure, example or quotation that shows this, "
               "or merge this point into another paragraph.", 1)
    for depth, node in p.support:
        if amap.kind(node) == "evidence":
            w.item(_evidence_line(amap, node, w), depth + 1)
        else:
            label = amap.kind_name(amap.kind(node))
            w.item(f"{label}: {_sentence(amap.node(node)['text'])}", depth + 1)
    if p.cut:
        w.item(f"… more beneath it: `argmap evidence MAP {p.node}` shows the whole tree.", 1)
    if p.objections:
        w.item(f"{w.bold('Objections to answer')}:")
        for objection, answers in p.objections:
            w.item(f"{_sentence(amap.node(objection)['text'])}", 1)
            _backing_items(amap, backing(amap, objection), w, 2)
            if not answers:
                w.item("no answer yet: rebut it, or concede the point and explain why the "
                       f"{reason_word} still stands.", 2)
            for a in answers:
                w.item(f"Answer: {_sentence(amap.node(a)['text'])}", 2)
                _backing_items(amap, backing(amap, a), w, 3)
    w.item(f"{w.bold('Explain and link')}: say how the evidence shows this {reason_word}, then tie it "
           "back to the question.")


def _backing_items(amap: ArgumentMap, lines: list[tuple[int, str]], w: _Writer, indent: int) -> None:
    """The lines of ``backing``: evidence with confidence and source, other statements by kind."""
    for depth, node in lines:
        if amap.kind(node) == "evidence":
            w.item(_evidence_line(amap, node, w), depth + indent)
        else:
            w.item(f"{amap.kind_name(amap.kind(node))}: {_sentence(amap.node(node)['text'])}",
                   depth + indent)


def _counter_paragraph(amap: ArgumentMap, c: CounterArgument, number: int, w: _Writer,
                       thesis: str) -> None:
    """"Some argue ... However ...": the objection fairly put, then the answer and its evidence."""
    w.heading(3, f"Paragraph {number}: Counter-argument: {amap.label(c.objection)}")
    w.item(f"{w.bold('Some argue')}: {_sentence(amap.node(c.objection)['text'])}")
    _backing_items(amap, c.backing, w, 1)
    if not c.answers:
        w.item(f"{w.bold('However')}: no answer yet: rebut it, or concede the point and explain "
               "why the thesis still stands.")
    for rebuttal, lines in c.answers:
        w.item(f"{w.bold('However')}: {_sentence(amap.node(rebuttal)['text'])}")
        _backing_items(amap, lines, w, 1)
    w.item(f"{w.bold('Link')}: say why, even so, the thesis stands: {amap.label(thesis)}.")
