"""Cutting an essay into paragraphs, sentences and clauses, keeping exact character offsets.

Every span is a pair of offsets into the original text, never a cleaned copy, so a unit's quote is
always the essay's own passage (curly quotes, dashes and odd spacing included). All scanning is done
with forward-only regular expressions and single passes: time is linear in the length of the essay.

Clauses are split only where a comma or semicolon is followed by a connective that starts a new
argumentative unit ("..., because", "..., but they", "...; "), the places where annotators of the
arg-microtexts corpus most often draw a boundary inside a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: a blank line (possibly holding spaces) separates paragraphs
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_FINAL = frozenset(".!?…。！？")
_CLOSERS = "\"'”’»)]"
# a sentence terminator (with closing quotes/brackets) and what follows it
_TERMINATOR = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*")
_CJK_TERMINATOR = frozenset("。！？")
_ABBREVIATIONS = frozenset(str.split(
    "mr mrs ms dr prof st sr jr vs e.g i.e cf no nos fig approx ca gen col lt sgt capt rev "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept est u.s u.k"
))
_WORD_BEFORE = re.compile(r"([\w.]+)$")

# clause boundaries inside a sentence: what may follow ", " for a new unit to start there
_CLAUSE_START = re.compile(
    r"""(?:
        but|yet|because|since|although|whereas|unless|even\ if|even\ though|
        which\ (?:in\ turn|means|ultimately|may)|
        as\ (?!a\ result|well|much|many|far|soon|long\ ago|such|to\b|of\b|for\b|in\b|an?\b|the\b)|
        so\ (?!much|many|far\b)|
        for\ (?=(?:we|it|that|this|they|there|as|the\ simple)\b)|
        and,?\ (?=(?:furthermore|moreover|in\ addition|additionally|at\ the\ same\ time|also)\b)|
        and\ (?=(?:the|this|that|these|those|it|its|they|their|we|our|you|he|she|i|there|many|most|
                 some|so|also|thus|therefore|moreover|nothing|no|not|everyone|people|one)\b)|
        or\ that|and\ that|
        foremost|
        (?:some|many|most|other|several)\ (?:\w+\ )?(?:writers|historians|people|critics|experts|
            scholars|studies|researchers|authors)\ (?:suggest|argue|claim|say|believe|think|state|
            report|show|insist|maintain)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# an auxiliary or verb right after the connective means the subject is shared: one clause, not two
_SHARED_SUBJECT = re.compile(
    r"(?:but|yet|and|or)\s+(?:not\s+)?(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|"
    r"will|would|shall|should|may|might|must|also\s+\w+ed)\b",
    re.IGNORECASE,
)
_CONCESSIVE_OPENING = re.compile(
    r"(?:although|though|even\s+though|even\s+if|while|whilst|admittedly)\b",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[,;]")
_WORDS = re.compile(r"\w+")
_MIN_CLAUSE_WORDS = 3


@dataclass(frozen=True)
class Span:
    """``text[start:end]``; ``start``/``end`` never include surrounding white space."""

    start: int
    end: int


def _blank(ch: str) -> bool:
    # a byte order mark counts as blank: readers drop it from the start of a file
    return ch.isspace() or ch == "\ufeff"


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    return Span(start, end) if start < end else None


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blank-line separated, or (in a text without blank lines) one per line that
    ends a sentence, so both ``one paragraph per line`` and hard-wrapped essays come out right."""
    spans: list[Span] = []
    if _BLANK_LINE.search(text):
        pos = 0
        for m in _BLANK_LINE.finditer(text):
            span = _trim(text, pos, m.start())
            if span:
                spans.append(span)
            pos = m.end() - 1
        span = _trim(text, pos, len(text))
        if span:
            spans.append(span)
        return spans
    start: int | None = None
    lines = [m.span() for m in _LINE.finditer(text)]
    for i, (a, b) in enumerate(lines):
        if start is None:
            start = a
        line = text[a:b].rstrip()
        last = line.rstrip(_CLOSERS)[-1:] if line.strip() else ""
        is_heading = i == 0 and len(lines) > 1 and _looks_like_heading(line)
        if last in _SENTENCE_FINAL or is_heading or i == len(lines) - 1:
            span = _trim(text, start, b)
            if span:
                spans.append(span)
            start = None
    return spans


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= 12 and stripped[-1] not in ".,;:!…"


def sentences(text: str, para: Span) -> list[Span]:
    """Sentence spans inside one paragraph."""
    out: list[Span] = []
    start = para.start
    for m in _TERMINATOR.finditer(text, para.start, para.end):
        end = m.end()
        if not _is_boundary(text, m.start(), end, para.end):
            continue
        span = _trim(text, start, end)
        if span:
            out.append(span)
        start = end
    span = _trim(text, start, para.end)
    if span:
        out.append(span)
    return out


def _is_boundary(text: str, term_start: int, term_end: int, limit: int) -> bool:
    if term_end >= limit:
        return True
    if text[term_end - 1] in _CJK_TERMINATOR or text[term_start] in _CJK_TERMINATOR:
        return True
    if not text[term_end].isspace():
        return False  # "3.5", "e.g.x", "word.Word": no white space, no boundary
    nxt = term_end
    while nxt < limit and text[nxt].isspace():
        nxt += 1
    if nxt >= limit:
        return True
    if text[nxt].islower():
        return False  # "approx. three", "... and then"
    if text[term_start] == ".":
        m = _WORD_BEFORE.search(text, max(0, term_start - 20), term_start)
        if m:
            word = m.group(1).lower()
            initial = len(word) == 1 and word.isalpha() and text[term_start - 1].isupper()
            if word in _ABBREVIATIONS or initial:
                return False  # "Dr. Smith", "J. S. Mill"
    return True


def clauses(text: str, sentence: Span) -> list[Span]:
    """Clause spans of one sentence: split after ``;`` and before a connective that follows a comma,
    and after the opening clause of ``Although ..., ...`` (a concession and its answer)."""
    cuts: list[int] = []
    s, e = sentence.start, sentence.end
    if _CONCESSIVE_OPENING.match(text, s):
        comma = text.find(", ", s, e)
        if comma > 0:
            cuts.append(comma + 1)
    for sep in _SEPARATOR.finditer(text, s, e):
        comma = sep.start()
        after = comma + 1
        while after < e and text[after].isspace():
            after += 1
        if text[comma] == ";" or (
            _CLAUSE_START.match(text, after, e) and not _SHARED_SUBJECT.match(text, after, e)
        ):
            cuts.append(comma + 1)
    if not cuts:
        return [sentence]
    out: list[Span] = []
    start = s
    for cut in sorted(set(cuts)):
        left = _trim(text, start, cut)
        if left is None or _word_count(text, left) < _MIN_CLAUSE_WORDS:
            continue
        right = _trim(text, cut, e)
        if right is None or _word_count(text, right) < _MIN_CLAUSE_WORDS:
            continue
        out.append(left)
        start = cut
    last = _trim(text, start, e)
    if last:
        out.append(last)
    return out


def _word_count(text: str, span: Span, cap: int = _MIN_CLAUSE_WORDS) -> int:
    n = 0
    for _ in _WORDS.finditer(text, span.start, span.end):
        n += 1
        if n >= cap:
            break
    return n


@dataclass(frozen=True)
class Unit:
    """An argumentative discourse unit: ``text`` is exactly ``essay[start:end]``."""

    index: int
    start: int
    end: int
    paragraph: int  # 0-based
    sentence: int  # 0-based, counted over the whole essay
    text: str


def units(text: str, *, split_clauses: bool = True) -> list[Unit]:
    """The essay's units in reading order (clauses, or whole sentences without ``split_clauses``)."""
    out: list[Unit] = []
    n_sentence = 0
    for p, para in enumerate(paragraphs(text)):
        for sent in sentences(text, para):
            for span in clauses(text, sent) if split_clauses else [sent]:
                out.append(Unit(len(out), span.start, span.end, p, n_sentence, text[span.start:span.end]))
            n_sentence += 1
    return out


def heading(text: str, found: list[Unit]) -> int | None:
    """The index of a title line opening the essay (short, no final full stop, alone in its
    paragraph, followed by more text), or None."""
    if len(found) < 2 or found[0].paragraph == found[1].paragraph:
        return None
    first = found[0].text
    if "\n" in first or not _looks_like_heading(first):
        return None
    return 0
