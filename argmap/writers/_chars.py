"""Characters and numbers an output format cannot hold, decided in one place for every writer.

- A lone surrogate (a JSON ``"\\ud800"`` escape read into a map) cannot be encoded as UTF-8 at all:
  every writer's output has it replaced by U+FFFD (``encodable``), so no writer raises
  ``UnicodeEncodeError``. The readers refuse or replace such text on the way in; this is the guard
  for maps built in Python.
- Control characters other than tab and line breaks, and the noncharacters U+FFFE/U+FFFF, have no
  place in XML, DOT, Mermaid or an Argdown text line: ``printable`` makes them U+FFFD. (A NUL in
  DOT text ends Graphviz's line and flips its quote pairing, so later label text would become DOT
  code.)
- Inside YAML quotes a reader folds NEL and the Unicode line separators into spaces, and control
  characters must be escaped: text holding any of ``YAML_ESCAPED`` is written double-quoted with
  ``\\uXXXX`` escapes (the native writer, ``argmap new`` and minimal edits alike).
- NaN and infinities are not JSON: ``json_text`` writes them as ``null``, as JavaScript's
  ``JSON.stringify`` does, so every JSON output is standard JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

SURROGATES = re.compile("[\ud800-\udfff]")
#: C0 controls but tab, line feed and carriage return; DEL and the C1 controls; noncharacters
#: what YAML text must escape inside double quotes (see above)
YAML_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD: always encodable as UTF-8."""
    return SURROGATES.sub("\ufffd", text) if SURROGATES.search(text) else text


def encodable_pieces(pieces: Iterable[str]) -> Iterator[str]:
    """``encodable`` over a streamed output (a surrogate is one code point: pieces cannot split it)."""
    for piece in pieces:
        yield encodable(piece) if isinstance(piece, str) else piece


def printable(text: str) -> str:
    """``text`` with control characters, noncharacters and lone surrogates made U+FFFD."""
    return CONTROLS.sub("\ufffd", text)


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float (at any depth) made ``None``."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite(v) for v in value]
    return value


def json_text(value: Any, **kwargs: Any) -> str:
    """Standard JSON of ``value`` (``ensure_ascii=False``): no ``NaN``/``Infinity`` tokens."""
    return json.dumps(finite(value), ensure_ascii=False, allow_nan=False, **kwargs)
