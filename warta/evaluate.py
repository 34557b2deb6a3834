"""`warta eval`: score coded events against gold files.

Two gold formats:
- article files in the format of `corpus/gold/*.yaml` (ANNOTATION.md): precision, recall and F1 over
  (source, type, target) triples per article, micro-averaged, at three levels: strict (keys as they are),
  country (keys cut before the dot) and dyad (type ignored, country level). CONSULT, AGREE and COOPERATE are
  compared unordered. Date and place accuracy over matched gold events that have one; per-type precision and
  recall; a confusion table of types for events whose dyad matched; a per-document table.
- sentence files in JSON Lines (`plover-gsr/dev.jsonl`): for each sentence, is the gold type among the coded
  events (type recall), and what share of coded events have the gold type (type precision); dyad recall at
  country level.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import yamlio
from .errors import E, EvalError
from .events.patterns import plover
from .pipeline import Pipeline
from .records import Document, Event

LEVELS = ("strict", "country", "dyad")


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, pred: set[Any], gold: set[Any]) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class GoldEvent:
    source: str
    type: str
    target: str | None
    date: dt.date | None = None
    where: str | None = None
    mode: str | None = None


@dataclass(slots=True)
class GoldDoc:
    id: str
    text_path: Path
    lang: str | None
    published: dt.date | None
    events: list[GoldEvent]


@dataclass
class ArticleReport:
    levels: dict[str, PRF] = field(default_factory=lambda: {lvl: PRF() for lvl in LEVELS})
    per_doc: list[dict[str, Any]] = field(default_factory=list)
    per_type: dict[str, PRF] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    date_total: int = 0
    date_ok: int = 0
    place_total: int = 0
    place_ok: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "levels": {k: v.as_dict() for k, v in self.levels.items()},
            "date_accuracy": round(self.date_ok / self.date_total, 4) if self.date_total else None,
            "date_matched": [self.date_ok, self.date_total],
            "place_accuracy": round(self.place_ok / self.place_total, 4) if self.place_total else None,
            "place_matched": [self.place_ok, self.place_total],
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "confusion": {f"{g}->{p}": n for (g, p), n in self.confusion.most_common()},
            "per_doc": self.per_doc,
            "missed": self.misses,
            "extra": self.extras,
        }


def _country(key: str | None) -> str:
    return (key or "-").split(".")[0]


def _triple(src: str, typ: str, tgt: str | None, level: str) -> tuple[str, ...]:
    s, t = (src, tgt or "-") if level == "strict" else (_country(src), _country(tgt))
    sym = plover()[typ].symmetric if typ in plover() else False
    if level == "dyad":
        return tuple(sorted((s, t))) if sym else (s, t)
    return (typ, *sorted((s, t))) if sym else (s, typ, t)


def load_gold(path: Path) -> GoldDoc:
    try:
        raw = yamlio.load(path.read_text(encoding="utf-8"))
        events = []
        for e in raw.get("events") or []:
            date = e.get("date")
            events.append(GoldEvent(
                str(e["source"]), str(e["type"]), str(e["target"]) if e.get("target") else None,
                date if isinstance(date, dt.date) else (dt.date.fromisoformat(date) if date else None),
                e.get("where"), e.get("mode"),
            ))
        pub = raw.get("published")
        text = Path(raw["text"])
        # corpus/gold/x.yaml names corpus/seeds/x.txt; our own gold names a bundled example file
        candidates = [text, path.parent.parent / text, path.parent / text, _examples() / text]
        text_path = next((c for c in candidates if c.exists()), path.parent.parent / text)
        return GoldDoc(
            id=str(raw["id"]),
            text_path=text_path,
            lang=raw.get("lang"),
            published=pub if isinstance(pub, dt.date) else (dt.date.fromisoformat(pub) if pub else None),
            events=events,
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as err:
        raise EvalError(E.E109.fmt(path=path, detail=str(err).splitlines()[0] if str(err) else type(err).__name__)) from err


def _examples() -> Path:
    from importlib import resources

    return Path(str(resources.files("warta").joinpath("examples")))


def _gold_document(g: GoldDoc, settings: Any) -> Document:
    """The document a gold file is about, read with the same readers as `warta code` (text, HTML, JSONL)."""
    from .read import ReadStats, read_paths

    if not g.text_path.exists():
        raise EvalError(E.E109.fmt(path=g.text_path, detail="text file not found"))
    docs = list(read_paths([g.text_path], settings, ReadStats()))
    pick = [d for d in docs if d.id == g.id or d.id.rsplit(".", 1)[0] == g.id]
    if not pick and len(docs) == 1:
        pick = docs
    if not pick:
        raise EvalError(E.E109.fmt(path=g.text_path, detail=f"no document with id {g.id!r}"))
    doc = pick[0]
    doc.id = g.id
    doc.published, doc.published_source = g.published, "metadata"
    doc.lang_hint = g.lang
    return doc


def is_sentence_set(path: Path) -> bool:
    """Our sentence sets are a YAML list; article gold files are a mapping."""
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.lstrip().startswith("#"):
                    return line.startswith("- ")
    except OSError:
        return False
    return False


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml", ".jsonl")))
        elif p.exists():
            out.append(p)
        else:
            raise EvalError(E.E109.fmt(path=p, detail="not found"))
    return out


def _date_ok(e: Event, gold: dt.date) -> bool:
    if e.date is None:
        return False
    if e.date == gold:
        return True
    if e.date_precision == "week":
        return e.date <= gold < e.date + dt.timedelta(days=7)
    if e.date_precision == "month":
        return (e.date.year, e.date.month) == (gold.year, gold.month)
    return False


def _place_ok(e: Event, where: str) -> bool:
    if e.place is None:
        return False
    a, b = e.place.name.lower(), where.lower()
    return a == b or a.startswith(b) or b.startswith(a) or (e.place.text or "").lower() == b


def evaluate_articles(golds: Sequence[GoldDoc], pipe: Pipeline) -> ArticleReport:
    rep = ArticleReport()
    for g in golds:
        doc = pipe(_gold_document(g, pipe.res.settings))
        events = pipe.visible(doc.events)
        row: dict[str, Any] = {"doc": g.id, "gold": len(g.events), "coded": len(events)}
        for lvl in LEVELS:
            pred = {_triple(e.source.actor.key, e.type, e.target.actor.key if e.target else None, lvl)
                    for e in events if e.source}
            gold = {_triple(x.source, x.type, x.target, lvl) for x in g.events}
            prf = PRF()
            prf.add(pred, gold)
            rep.levels[lvl].tp += prf.tp
            rep.levels[lvl].fp += prf.fp
            rep.levels[lvl].fn += prf.fn
            row[f"{lvl}_f1"] = round(prf.f1, 3)
            if lvl == "strict":
                rep.misses.extend(f"{g.id}: {' '.join(t)}" for t in sorted(gold - pred))
                rep.extras.extend(f"{g.id}: {' '.join(t)}" for t in sorted(pred - gold))
        rep.per_doc.append(row)
        # per type, at country level
        for typ in {x.type for x in g.events} | {e.type for e in events}:
            pred = {_triple(e.source.actor.key, e.type, e.target.actor.key if e.target else None, "country")
                    for e in events if e.source and e.type == typ}
            gold = {_triple(x.source, x.type, x.target, "country") for x in g.events if x.type == typ}
            rep.per_type.setdefault(typ, PRF()).add(pred, gold)
        # confusion: same dyad, different type
        for x in g.events:
            dyad = _triple(x.source, x.type, x.target, "dyad")
            same = [e for e in events if e.source and _triple(
                e.source.actor.key, e.type, e.target.actor.key if e.target else None, "dyad") == dyad]
            if same and not any(e.type == x.type for e in same):
                rep.confusion[(x.type, same[0].type)] += 1
        # date and place accuracy over matched gold events (strict triple)
        for x in g.events:
            key = _triple(x.source, x.type, x.target, "strict")
            matched = [e for e in events if e.source and _triple(
                e.source.actor.key, e.type, e.target.actor.key if e.target else None, "strict") == key]
            if not matched:
                continue
            if x.date is not None:
                rep.date_total += 1
                rep.date_ok += any(_date_ok(e, x.date) for e in matched)
            if x.where:
                rep.place_total += 1
                rep.place_ok += any(_place_ok(e, x.where) for e in matched)
    return rep


@dataclass
class SentenceReport:
    sentences: int = 0
    type_hit: int = 0  # gold type among the coded events
    coded: int = 0
    coded_gold_type: int = 0
    dyad_hit: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [sentences, hits]

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "type_recall": round(self.type_hit / self.sentences, 4) if self.sentences else 0.0,
            "type_precision": round(self.coded_gold_type / self.coded, 4) if self.coded else 0.0,
            "coded_events": self.coded,
            "dyad_recall": round(self.dyad_hit / self.sentences, 4) if self.sentences else 0.0,
            "per_type": {k: {"sentences": v[0], "type_recall": round(v[1] / v[0], 3)} for k, v in sorted(self.per_type.items())},
        }


def evaluate_sentences(path: Path, pipe: Pipeline) -> SentenceReport:
    rep = SentenceReport()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise EvalError(E.E109.fmt(path=path, detail=err.strerror or str(err))) from err
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvalError(E.E109.fmt(path=f"{path}:{n}", detail=err.msg)) from err
        doc = pipe(Document(id=str(item.get("id", n)), text="", raw_text=item["text"], lang_hint=item.get("lang", "en")))
        events = pipe.visible(doc.events)
        gold_type = item["type"]
        rep.sentences += 1
        hit = any(e.type == gold_type for e in events)
        rep.type_hit += hit
        rep.coded += len(events)
        rep.coded_gold_type += sum(e.type == gold_type for e in events)
        pt = rep.per_type.setdefault(gold_type, [0, 0])
        pt[0] += 1
        pt[1] += hit
        srcs = {s["code"] for s in item.get("source", [])}
        tgts = {t["code"] for t in item.get("target", [])} or srcs
        rep.dyad_hit += any(
            e.source and _country(e.source.actor.key) in srcs and (e.target is None or _country(e.target.actor.key) in tgts)
            for e in events
        )
    return rep


def check_floors(
    article: ArticleReport | None,
    sentences: SentenceReport | None,
    floors: dict[str, Any],
    sentence_set: SetReport | None = None,
) -> list[str]:
    """Messages for every figure under its recorded floor (empty: all good)."""
    out: list[str] = []
    if sentence_set is not None:
        for lvl, floor in (floors.get("sentence_set") or {}).items():
            value = sentence_set.levels[lvl].f1 if lvl in sentence_set.levels else 0.0
            if value + 1e-9 < float(floor):
                out.append(E.E110.fmt(value=value, level=f"sentence set {lvl}", floor=float(floor)))
    if article is not None:
        d = article.as_dict()
        for lvl, floor in (floors.get("articles") or {}).items():
            if lvl in article.levels:
                value = article.levels[lvl].f1
            elif lvl in ("date_accuracy", "place_accuracy"):
                value = d[lvl] or 0.0
            else:
                out.append(E.E110.fmt(value=0.0, level=f"unknown figure {lvl}", floor=float(floor)))
                continue
            if value + 1e-9 < float(floor):
                out.append(E.E110.fmt(value=value, level=lvl, floor=float(floor)))
    if sentences is not None:
        d = sentences.as_dict()
        for k, floor in (floors.get("sentences") or {}).items():
            if d.get(k, 0.0) + 1e-9 < float(floor):
                out.append(E.E110.fmt(value=d.get(k, 0.0), level=f"sentences {k}", floor=float(floor)))
    return out


@dataclass
class SetReport:
    """Our own sentence sets (`tests/data/coder_sentences.yaml`): expected events per sentence."""

    levels: dict[str, PRF] = field(default_factory=lambda: {lvl: PRF() for lvl in LEVELS})
    by_lang: dict[str, dict[str, PRF]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "levels": {k: v.as_dict() for k, v in self.levels.items()},
            "by_lang": {lg: {k: v.as_dict() for k, v in lv.items()} for lg, lv in sorted(self.by_lang.items())},
            "failures": self.failures,
        }


def evaluate_sentence_set(path: Path, pipe: Pipeline) -> SetReport:
    try:
        items = yamlio.load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as err:
        raise EvalError(E.E109.fmt(path=path, detail=str(err).splitlines()[0])) from err
    rep = SetReport()
    for it in items:
        pub = it.get("published")
        if isinstance(pub, str):
            pub = dt.date.fromisoformat(pub)
        doc = pipe(Document(id=str(it["id"]), text="", raw_text=it["text"], published=pub, lang_hint=it.get("lang")))
        events = pipe.visible(doc.events)
        lang_levels = rep.by_lang.setdefault(it.get("lang", "?"), {lvl: PRF() for lvl in LEVELS})
        for lvl in LEVELS:
            pred = {_triple(e.source.actor.key, e.type, e.target.actor.key if e.target else None, lvl)
                    for e in events if e.source}
            gold = {_triple(str(x["source"]), str(x["type"]), str(x["target"]) if x.get("target") else None, lvl)
                    for x in it.get("events") or []}
            rep.levels[lvl].add(pred, gold)
            lang_levels[lvl].add(pred, gold)
            if lvl == "strict" and pred != gold:
                rep.failures.append(
                    f"{it['id']}: missed {sorted(' '.join(t) for t in gold - pred)} extra {sorted(' '.join(t) for t in pred - gold)}"
                )
    return rep
