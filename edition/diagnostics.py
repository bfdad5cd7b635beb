"""Diagnostics: every problem found in the user's files, with a stable code.

A diagnostic names ``file:line``, says what is wrong and how to fix it.
Errors stop the build before any output is replaced; warnings are reported
and the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str
    path: Path | None
    line: int | None
    message: str
    hint: str = ""

    def location(self, root: Path | None = None) -> str:
        if self.path is None:
            return "edition"
        path = self.path
        if root is not None:
            try:
                path = self.path.resolve().relative_to(root.resolve())
            except ValueError:
                pass
        return f"{path}:{self.line}" if self.line else str(path)

    def format(self, root: Path | None = None) -> str:
        text = f"{self.location(root)}: {self.severity} {self.code}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class InputError(Exception):
    """A problem in the user's files that stops the current stage at once."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic

    @classmethod
    def of(cls, code: str, path: Path | None, line: int | None, message: str, hint: str = "") -> "InputError":
        return cls(Diagnostic(code, ERROR, path, line, message, hint))


@dataclass
class Diagnostics:
    """The diagnostics collected during one build."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def error(self, code: str, path: Path | None, line: int | None, message: str, hint: str = "") -> None:
        self.add(Diagnostic(code, ERROR, path, line, message, hint))

    def warning(self, code: str, path: Path | None, line: int | None, message: str, hint: str = "") -> None:
        self.add(Diagnostic(code, WARNING, path, line, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]
