"""The build report: what every pass did, line by line, and every diagnostic."""

from __future__ import annotations

from pathlib import Path

from edition.diagnostics import Diagnostics
from edition.normalise.base import PassReport


def render_report(root: Path, passes: dict[Path, list[PassReport]], diagnostics: Diagnostics,
                  audit_line: str) -> str:
    lines = ["# edition build report", ""]
    for source, reports in passes.items():
        name = source.relative_to(root) if source.is_relative_to(root) else source
        lines += [f"## {name}", ""]
        for report in reports:
            lines.append(f"{report.name}: {report.summary}")
            lines += [f"    {name}:{change.line}: {change.detail}" for change in report.changes]
            lines.append("")
    lines += ["## Conservation audit", "", audit_line, "", "## Diagnostics", ""]
    lines += [d.format(root) for d in diagnostics.items] or ["none"]
    return "\n".join(lines) + "\n"
