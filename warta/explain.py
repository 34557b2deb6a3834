"""`warta explain`: how one sentence (or short text) is read, step by step, for analysts fixing dictionaries."""

from __future__ import annotations

import datetime as dt

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .pipeline import Pipeline
from .records import Document


def explain_text(text: str, pipe: Pipeline, published: dt.date | None = None) -> Group:
    doc = pipe(Document(id="explain", text="", raw_text=text, published=published))
    parts: list[object] = []
    rep = doc.report
    parts.append(Text(f"language: {doc.lang}   published: {doc.published or '-'}", style="bold"))
    if rep.spam_lines or rep.boilerplate_lines or rep.glued_fixed:
        parts.append(Text(f"cleaning: dropped {len(rep.spam_lines)} spam and {len(rep.boilerplate_lines)} "
                          f"boilerplate lines; glued words fixed: {rep.glued_fixed}"))
    if not doc.sentences:
        parts.append(Text("no sentence to code (empty after cleaning, or a language warta does not code)"))
    traces = pipe.traces or {}
    for s in doc.sentences:
        parts.append(Text(f"\n[{s.index}] {s.text}", style="bold cyan"))
        if s.mentions:
            t = Table(show_header=True, header_style="dim", box=None)
            for c in ("text", "key", "country", "sector", "kind"):
                t.add_column(c)
            for m in s.mentions:
                t.add_row(escape(m.text), m.actor.key, m.actor.country or "", m.actor.sector or "", m.kind)
            parts.append(t)
        else:
            parts.append(Text("  no actors found"))
        lines = traces.get(s.index, [])
        if not lines:
            parts.append(Text("  no event pattern matched"))
        for line in lines:
            parts.append(Text("  - " + line))
    evs = [e for e in doc.events]
    parts.append(Text(f"\n{len(evs)} event(s):", style="bold"))
    for e in evs:
        flags = ", ".join(f for f, on in (("hypothetical", e.hypothetical), ("negated", e.negated)) if on)
        parts.append(Text(
            f"  {e.source.actor.key if e.source else '-'} {e.type}{'/' + e.mode if e.mode else ''} "
            f"{e.target.actor.key if e.target else '-'}  date {e.date or '-'} ({e.date_precision or '-'})  "
            f"place {e.place.name if e.place else '-'}  pattern {e.pattern}" + (f"  [{flags}: stored, not in default output]" if flags else "")
        ))
    return Group(*parts)  # type: ignore[arg-type]
