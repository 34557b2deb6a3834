"""Read stage: files, folders and stdin into `Document`s, streaming, skipping bad input with a warning."""

from .reader import ReadStats, read_paths, read_stream

__all__ = ["ReadStats", "read_paths", "read_stream"]
