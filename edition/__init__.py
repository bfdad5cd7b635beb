"""edition: turn archival transcripts into a scholarly edition."""

__version__ = "0.1.0"
