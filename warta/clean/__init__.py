"""Clean stage: normalise, drop spam and boilerplate lines, repair glued words, drop repeated paragraphs."""

from .cleaner import Cleaner, content_hash
from .glue import GlueFixer
from .spam import SpamFilter

__all__ = ["Cleaner", "GlueFixer", "SpamFilter", "content_hash"]
