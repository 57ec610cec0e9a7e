"""A new essay-planning exercise (``argmap new``): a valid map with placeholders to fill in.

The file is written by hand here, not by the YAML writer, because it is a worksheet: block style,
one field a line, and comments telling the student what goes where. Every placeholder contains
``TODO``, which ``argmap check`` reports (AM213) until it is replaced, together with the missing
sources (AM205) and, with fewer than two reasons, the thin thesis (AM210), so the student can
work down the list. Every statement gets a short ``label:`` (its first words), the title the map
shows on its box. The text always loads with ``argmap.load`` (tests check it).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from .model import shorten
from .schema import ID_RE
from .writers._chars import YAML_ESCAPED

PLACEHOLDER_QUESTION = "TODO: the essay question"
PLACEHOLDER_THESIS = "TODO: your answer to the question, in one sentence"
PLACEHOLDER_REASON = "TODO: reason {n} why your answer is right"
PLACEHOLDER_EVIDENCE = "TODO: evidence for '{reason}': a fact, figure, example or quotation"
PLACEHOLDER_EVIDENCE_LABEL = "TODO: evidence {n}"
#: labels are what the map shows on each box: a few words, so the map stays readable
LABEL_WIDTH = 32


def short_label(text: str) -> str:
    """A statement's label: its first words, cut at a word boundary (``model.shorten``)."""
    return shorten(text, LABEL_WIDTH)



def _scalar(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, plus YAML's extra line separators escaped."""
    quoted = json.dumps(" ".join(text.split()), ensure_ascii=False)
    return YAML_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _slug(text: str, taken: set[str], fallback: str) -> str:
    """A readable, unique node id from the first words of ``text`` (ASCII letters, digits, _)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w != "todo"][:4]
    base = "_".join(words)[:40].strip("_") or fallback
    candidate, n = base, 2
    while candidate in taken or not ID_RE.match(candidate):
        candidate = f"{base}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def new_map(question: str | None = None, thesis: str | None = None,
            reasons: Iterable[str] = (), *, reason_name: str | None = None) -> str:
    """The text of a new map: the question, the thesis, each reason with one placeholder piece of
    evidence under it. With no reasons, two placeholder reasons (an essay needs at least two)."""
    reasons = [r.strip() for r in reasons if r and r.strip()]
    if not reasons:
        reasons = [PLACEHOLDER_REASON.format(n=1), PLACEHOLDER_REASON.format(n=2)]
    question = (question or "").strip() or PLACEHOLDER_QUESTION
    thesis = (thesis or "").strip() or PLACEHOLDER_THESIS
    out = [
        "# An essay plan started with `argmap new`. Work through it top to bottom:",
        "#   1. replace every TODO with your own words;",
        "#   2. under each reason, add evidence (copy the evidence node; give each a new id);",
        "#   3. give each piece of evidence a source: and a confidence:",
        "#      (certain | likely | possible | doubtful);",
        "#   4. run `argmap check` on this file until it reports no problems,",
        "#      then `argmap outline` for your paragraph plan.",
        "argmap: 1",
        f"title: {_scalar(question)}",
    ]
    if reason_name and reason_name.strip():
        out.append(f"kinds: {{reason: {_scalar(reason_name.strip())}}}")
    out += ["nodes:", "  thesis:", "    kind: thesis", f"    label: {_scalar(short_label(thesis))}",
            f"    text: {_scalar(thesis)}"]
    taken = {"thesis"}
    for n, reason in enumerate(reasons, 1):
        rid = _slug(reason, taken, f"reason_{n}")
        eid = _slug(rid + "_evidence", taken, f"evidence_{n}")
        out += [
            "",
            f"  {rid}:",
            "    kind: reason",
            f"    label: {_scalar(short_label(reason))}",
            f"    text: {_scalar(reason)}",
            "    supports: thesis",
            f"  {eid}:",
            "    kind: evidence",
            f"    label: {_scalar(PLACEHOLDER_EVIDENCE_LABEL.format(n=n))}",
            f"    text: {_scalar(PLACEHOLDER_EVIDENCE.format(reason=reason))}",
            "    # source: who says so, where and when",
            "    # confidence: certain",
            f"    supports: {rid}",
        ]
    return "\n".join(out) + "\n"


def write_new_map(path: str, question: str | None = None, thesis: str | None = None,
                  reasons: Iterable[str] = (), *, reason_name: str | None = None,
                  force: bool = False) -> str:
    """Write ``new_map(...)`` to ``path`` atomically (``-``: standard output); refuses to overwrite
    an existing file unless ``force``. Returns the text written."""
    import os

    from .errors import ArgmapError
    from .io import atomic_write

    if path != "-" and os.path.exists(path) and not force:
        raise ArgmapError.at(path, "already exists: not overwriting a plan", code="AM012",
                             hint="choose another file name with -o, or pass --force")
    text = new_map(question, thesis, reasons, reason_name=reason_name)
    atomic_write(path, text)
    return text
