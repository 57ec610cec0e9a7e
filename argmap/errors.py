"""One error type for everything a user can get wrong, carrying where it is wrong.

Readers and checks collect :class:`Diagnostic` values instead of raising on the first problem, so a
student sees every mistake of a file at once. Only when a file cannot be used is an
:class:`ArgmapError` raised, carrying all of them; the CLI prints them and exits with status 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding about a file, plus an optional hint: an error reads ``path:line:column: CODE
    message``; a warning, written for a student, leads with its sentence and ends with the code:
    ``path:line:column: Motive 'X' has no evidence beneath it. [AM202]``."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)
    severity: Severity = field(default="error", compare=False)
    node: str | None = field(default=None, compare=False)

    def format(self, *, hint: bool = True) -> str:
        if self.severity == "warning":
            text = f"{self.path}:{self.line}:{self.column}: {self.message} [{self.code}]"
        else:
            text = f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
        if hint and self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "node": self.node,
        }

    def __str__(self) -> str:
        return self.format()


class ArgmapError(Exception):
    """A user error: bad input, with every diagnostic found (errors first, in file order)."""

    def __init__(self, diagnostics: Iterable[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = sorted(diagnostics)
        if not self.diagnostics:
            raise ValueError("ArgmapError needs at least one diagnostic")
        super().__init__(self.format())

    @classmethod
    def at(
        cls,
        path: str,
        message: str,
        *,
        line: int = 1,
        column: int = 1,
        code: str = "AM000",
        hint: str | None = None,
    ) -> ArgmapError:
        return cls(Diagnostic(path, line, column, code, message, hint))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]

    @property
    def path(self) -> str:
        return self.first.path

    @property
    def line(self) -> int:
        return self.first.line

    @property
    def column(self) -> int:
        return self.first.column

    @property
    def message(self) -> str:
        return self.first.message

    def format(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
