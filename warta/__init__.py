"""warta: political event data from raw news, offline, in Indonesian and English.

The public API is what `__all__` lists; everything else is private and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import WartaError  # noqa: E402
from .pipeline import Pipeline, code_text  # noqa: E402
from .records import Actor, CleaningReport, Document, Event, Evidence, Mention, Place, Sentence  # noqa: E402

__all__ = [
    "Actor",
    "CleaningReport",
    "Document",
    "Event",
    "Evidence",
    "Mention",
    "Pipeline",
    "Place",
    "Sentence",
    "WartaError",
    "__version__",
    "code_text",
]
