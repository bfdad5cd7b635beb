"""Pandoc, from the pypandoc-binary wheel: the manuscript must read without a warning."""

from __future__ import annotations

import os
import subprocess
from functools import lru_cache

import pypandoc


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    return pypandoc.get_pandoc_path()


def pandoc_warnings(markdown: str) -> list[str]:
    """What ``pandoc -f markdown -t html`` says about the manuscript on stderr."""
    completed = subprocess.run(
        [pandoc_path(), "-f", "markdown", "-t", "html", "-o", os.devnull],
        input=markdown, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    messages = [line for line in completed.stderr.splitlines() if line.strip()]
    if completed.returncode != 0 and not messages:
        messages = [f"pandoc exited with status {completed.returncode}"]
    return messages
