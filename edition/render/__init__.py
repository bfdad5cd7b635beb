"""Renderers: the manuscript -> HTML (one pandoc pass) -> PDF (WeasyPrint), later EPUB.

Renderers never read the sources: everything they need is in the manuscript.
"""
