"""The command line. Thin: the library does the work; this file parses flags, prints and maps errors to exit
codes (docs/cli.md):

0 success (skipped inputs are warned about and counted, not fatal)   1 unexpected error
2 bad input (missing path, bad flag value)   3 broken data or config file   4 database error
5 pipeline error   6 evaluation error or a figure under its recorded floor
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from . import __version__
from .errors import E, EvalError, InputError, WartaError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="warta: political event data from raw news.")
actors_app = typer.Typer(no_args_is_help=True, help="The actor dictionary: lint, unknown names, suggestions.")
app.add_typer(actors_app, name="actors")

err_console = Console(stderr=True)

LangOpt = Annotated[str, typer.Option("--lang", help="auto, id or en")]
PubOpt = Annotated[str | None, typer.Option("--published", help="publication date YYYY-MM-DD for inputs without one")]
ActorsOpt = Annotated[list[str] | None, typer.Option("--actors", help="extra actor dictionary YAML (repeatable)")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="no progress or summary on stderr")]
ConfigOpt = Annotated[str | None, typer.Option("--config", help="settings YAML over the shipped defaults")]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise InputError(E.E104.fmt(value=value)) from err


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except WartaError as err:
        err_console.print(f"[red]error:[/red] {err}", highlight=False, markup=True, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    except KeyboardInterrupt:
        err_console.print("interrupted")
        raise typer.Exit(130) from None


def _pipeline(lang: str, published: str | None, actors: list[str] | None, config: str | None, trace: bool = False,  # type: ignore[no-untyped-def]
              discover: bool = False):
    from .config import load_settings
    from .lang import SUPPORTED
    from .pipeline import Pipeline

    if lang not in ("auto", *SUPPORTED):
        raise InputError(E.E105.fmt(lang=lang, known=", ".join(SUPPORTED)))
    # unknown names are collected only where they are stored (ingest, demo)
    return Pipeline.build(load_settings(config), lang=lang, published=_date(published), actor_files=actors or (),
                          trace=trace, discover=discover)


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                    TimeElapsedColumn(), console=err_console, disable=quiet or not err_console.is_terminal, transient=True)


def _summary(stats: Any, extra: str, quiet: bool) -> None:
    if quiet:
        return
    for w in stats.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {w}", highlight=False, soft_wrap=True)
    archive = ""
    if stats.records:  # web archives: how many records were read and why the others are no document
        why = ", ".join(f"{n} {reason}" for reason, n in sorted(stats.records_skipped.items()))
        archive = f"{stats.records} archive records ({why or 'all documents'}); "
    err_console.print(f"{stats.files} files, {archive}{stats.documents} documents, {stats.skipped} skipped; {extra}",
                      highlight=False)


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="files, folders or - for stdin")],
    lang: LangOpt = "auto",
    published: PubOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or table")] = "jsonl",
    all_events: Annotated[bool, typer.Option("--all", help="include hypothetical and negated events")] = False,
    report: Annotated[str | None, typer.Option("--report", help="write each document's cleaning report (JSON Lines)")] = None,
    actors: ActorsOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Code articles and print their events (stateless)."""
    from .config import load_settings
    from .output import FORMATS_STREAM, check_format, table, write_csv, write_jsonl
    from .read import ReadStats, read_paths

    with _errors():
        check_format(fmt, FORMATS_STREAM)
        for p in paths:  # before any output, so a typo does not leave a CSV header behind
            if p != "-" and not Path(p).exists():
                raise InputError(E.E101.fmt(path=p))
        pipe = _pipeline(lang, published, actors, config)
        stats = ReadStats()
        out: list[dict[str, Any]] = []
        n = 0
        cleaned = {"spam": 0, "boilerplate": 0, "glued": 0}
        report_fh = Path(report).open("w", encoding="utf-8") if report else None

        def gen() -> Iterator[dict[str, Any]]:
            nonlocal n
            for doc in read_paths(paths, load_settings(config), stats):
                try:
                    doc = pipe(doc)
                except WartaError:
                    raise
                except Exception as err:  # one bad document must not stop the run
                    stats.warn(E.W011.fmt(path=doc.source_path or doc.id, detail=f"{type(err).__name__}: {err}"), True)
                    continue
                stats.warnings.extend(doc.warnings)
                rep = doc.report
                cleaned["spam"] += len(rep.spam_lines)
                cleaned["boilerplate"] += len(rep.boilerplate_lines)
                cleaned["glued"] += len(rep.glued_fixed)
                if report_fh is not None:
                    report_fh.write(json.dumps({"doc": doc.id, "lang": doc.lang, "published": str(doc.published or ""),
                                                **rep.as_dict()}, ensure_ascii=False) + "\n")
                for e in pipe.visible(doc.events, all_events):
                    n += 1
                    yield e.as_dict()

        if fmt == "jsonl":
            write_jsonl(gen(), sys.stdout)
        elif fmt == "csv":
            write_csv(gen(), sys.stdout)
        else:
            out = list(gen())
            _out().print(table(out))
        if report_fh is not None:
            report_fh.close()
        _summary(stats, f"{n} events; cleaning removed {cleaned['spam']} spam and {cleaned['boilerplate']} "
                 f"boilerplate lines and repaired {cleaned['glued']} glued words", quiet)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, folders or - for stdin")],
    db: Annotated[str, typer.Option("--db", help="database file (created if missing)")],
    lang: LangOpt = "auto",
    published: PubOpt = None,
    actors: ActorsOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Code articles and store documents, sentences, actors and events; the same document is stored once."""
    from .config import load_settings
    from .ingest import ingest_paths

    with _errors():
        pipe = _pipeline(lang, published, actors, config, discover=True)
        with _progress(quiet) as progress:
            task = progress.add_task("ingesting", total=None)
            result = ingest_paths(paths, db, pipe, load_settings(config), on_doc=lambda: progress.advance(task))
        _summary(result.read, f"{result.stored} stored, {result.unchanged} unchanged, {result.events} events", quiet)


@app.command()
def events(
    db: Annotated[str, typer.Option("--db")],
    actor: Annotated[str | None, typer.Option("--actor", help="actor or country key")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or table")] = "jsonl",
    all_events: Annotated[bool, typer.Option("--all", help="include hypothetical and negated events")] = False,
    limit: Annotated[int | None, typer.Option("--limit")] = None,
) -> None:
    """Print stored events, filtered."""
    from .output import FORMATS_STREAM, check_format, table, write_csv, write_jsonl
    from .store import Store

    with _errors():
        check_format(fmt, FORMATS_STREAM)
        with Store(db, readonly=True) as st:
            rows = st.events(actor, type, _date(since), _date(until), all_events, limit=limit)
            if fmt == "jsonl":
                write_jsonl(rows, sys.stdout)
            elif fmt == "csv":
                write_csv(rows, sys.stdout)
            else:
                _out().print(table(list(rows)))


@app.command()
def export(
    db: Annotated[str, typer.Option("--db")],
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv, jsonl or geojson")],
    out: Annotated[str, typer.Option("--out", help="output file")],
    all_events: Annotated[bool, typer.Option("--all")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Export stored events to a file."""
    from .output import FORMATS_EXPORT, check_format, write_csv, write_geojson, write_jsonl, write_parquet
    from .store import Store

    with _errors():
        check_format(fmt, FORMATS_EXPORT)
        target = Path(out)
        if not target.parent.exists():
            raise InputError(E.E101.fmt(path=target.parent))
        with Store(db, readonly=True) as st:
            rows = st.events(include_all=all_events)
            if fmt == "parquet":
                n = write_parquet(rows, target)
            else:
                with target.open("w", encoding="utf-8", newline="") as fh:
                    writer = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}[fmt]
                    n = writer(rows, fh)
        if not quiet:
            err_console.print(f"{n} events written to {target}")


@app.command()
def demo(
    out: Annotated[str, typer.Option("--out", help="folder for the full output")] = "out/demo",
    quiet: QuietOpt = False,
) -> None:
    """Code the bundled example articles: a table here, the full output in --out."""
    from .config import load_settings
    from .ingest import ingest_paths
    from .output import table, write_jsonl
    from .store import Store

    with _errors():
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        examples = Path(str(resources.files("warta").joinpath("examples")))
        pipe = _pipeline("auto", None, None, None, discover=True)
        db = folder / "demo.db"
        result = ingest_paths([str(examples)], str(db), pipe, load_settings())
        with Store(db, readonly=True) as st:
            rows = list(st.events())
        with (folder / "events.jsonl").open("w", encoding="utf-8") as fh:
            write_jsonl(rows, fh)
        _out().print(table(rows, title=f"warta demo: {len(rows)} events from {result.read.documents} example articles"))
        if not quiet:
            err_console.print(
                f"full output: {folder / 'events.jsonl'} (event JSON, docs/event-json.md) and {db} "
                f"(try: warta events --db {db} --format table)"
            )


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[str], typer.Argument(help="gold YAML files or folders, or sentence JSONL files")],
    floors: Annotated[str | None, typer.Option("--floors", help="fail (exit 6) when a figure is under these floors")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    details: Annotated[bool, typer.Option("--details", help="list missed and extra events")] = False,
    actors: ActorsOpt = None,
) -> None:
    """Score coded events against gold files (P/R/F1 strict, country, dyad; dates; places; per type)."""
    import yaml

    from . import yamlio
    from .evaluate import (
        check_floors,
        evaluate_articles,
        evaluate_sentence_set,
        evaluate_sentences,
        gold_files,
        is_sentence_set,
        load_gold,
    )

    with _errors():
        files = gold_files(gold)
        pipe = _pipeline("auto", None, actors, None)
        sets = [p for p in files if p.suffix in (".yaml", ".yml") and is_sentence_set(p)]
        golds = [load_gold(p) for p in files if p.suffix in (".yaml", ".yml") and p not in sets]
        jsonls = [p for p in files if p.suffix == ".jsonl"]
        art = evaluate_articles(golds, pipe) if golds else None
        sent = None
        if jsonls:
            from .evaluate import SentenceReport

            sent = SentenceReport()
            for p in jsonls:
                r = evaluate_sentences(p, pipe)
                for k in ("sentences", "type_hit", "coded", "coded_gold_type", "dyad_hit"):
                    setattr(sent, k, getattr(sent, k) + getattr(r, k))
                for t, v in r.per_type.items():
                    acc = sent.per_type.setdefault(t, [0, 0])
                    acc[0] += v[0]
                    acc[1] += v[1]
        own = None
        if sets:
            from .evaluate import SetReport

            own = SetReport()
            for p in sets:
                r2 = evaluate_sentence_set(p, pipe)
                for lvl, prf in r2.levels.items():
                    own.levels[lvl].tp += prf.tp
                    own.levels[lvl].fp += prf.fp
                    own.levels[lvl].fn += prf.fn
                own.failures.extend(r2.failures)
        result = {
            "articles": art.as_dict() if art else None,
            "sentences": sent.as_dict() if sent else None,
            "sentence_set": own.as_dict() if own else None,
        }
        if fmt == "json":
            sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        else:
            _print_eval(result, details)
        if floors:
            try:
                fl = yamlio.load(Path(floors).read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as err:
                raise EvalError(E.E109.fmt(path=floors, detail=str(err).splitlines()[0])) from err
            problems = check_floors(art, sent, fl, own)
            if problems:
                for problem in problems:
                    err_console.print(f"[red]{problem}[/red]", highlight=False)
                raise typer.Exit(6)
            err_console.print(f"all figures at or above the floors in {floors}")


def _out() -> Console:
    """stdout console; wide enough for event tables when output goes to a file or pipe."""
    con = Console()
    return con if con.is_terminal else Console(width=160)


def _print_eval(result: dict[str, Any], details: bool) -> None:
    from rich.table import Table

    con = _out()
    art = result.get("articles")
    if art:
        t = Table(title="articles: micro-averaged P/R/F1")
        for c in ("level", "P", "R", "F1", "tp", "fp", "fn"):
            t.add_column(c)
        for lvl, v in art["levels"].items():
            t.add_row(lvl, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["tp"]), str(v["fp"]), str(v["fn"]))
        con.print(t)
        da, pa = art["date_accuracy"], art["place_accuracy"]
        con.print(f"dates: {da if da is not None else '-'} ({art['date_matched'][0]}/{art['date_matched'][1]} matched gold events with a date); "
                  f"places: {pa if pa is not None else '-'} ({art['place_matched'][0]}/{art['place_matched'][1]})")
        d = Table(title="per document")
        for c in ("doc", "gold", "coded", "strict F1", "country F1", "dyad F1"):
            d.add_column(c)
        for r in art["per_doc"]:
            d.add_row(r["doc"], str(r["gold"]), str(r["coded"]), str(r["strict_f1"]), str(r["country_f1"]), str(r["dyad_f1"]))
        con.print(d)
        pt = Table(title="per type (country level)")
        for c in ("type", "P", "R", "tp", "fp", "fn"):
            pt.add_column(c)
        for typ, v in art["per_type"].items():
            pt.add_row(typ, f"{v['precision']:.2f}", f"{v['recall']:.2f}", str(v["tp"]), str(v["fp"]), str(v["fn"]))
        con.print(pt)
        if art["confusion"]:
            con.print("confusion (gold -> coded, same dyad): " + ", ".join(f"{k} x{n}" for k, n in art["confusion"].items()))
        if details:
            con.print("[bold]missed[/bold]:\n  " + "\n  ".join(art["missed"]), highlight=False)
            con.print("[bold]extra[/bold]:\n  " + "\n  ".join(art["extra"]), highlight=False)
    own = result.get("sentence_set")
    if own:
        lv = own["levels"]
        con.print("sentence set: " + ", ".join(f"{k} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}" for k, v in lv.items()))
        if details:
            con.print("  " + "\n  ".join(own["failures"]), highlight=False)
    sent = result.get("sentences")
    if sent:
        con.print(
            f"sentences: {sent['sentences']}; gold type among coded events: {sent['type_recall']:.3f}; "
            f"coded events of the gold type: {sent['type_precision']:.3f} ({sent['coded_events']} coded); "
            f"dyad recall: {sent['dyad_recall']:.3f}"
        )
        if details:
            for typ, v in sent["per_type"].items():
                con.print(f"  {typ:10s} {v['sentences']:3d} sentences, type recall {v['type_recall']:.2f}")


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="the sentence (or short text) to explain")],
    lang: LangOpt = "auto",
    published: PubOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Show how a sentence is coded: cleaned text, actors found, the pattern that fired and why."""
    from .explain import explain_text

    with _errors():
        pipe = _pipeline(lang, published, actors, None, trace=True)
        Console().print(explain_text(sentence, pipe, _date(published)), highlight=False)


@actors_app.command("lint")
def actors_lint(actors: ActorsOpt = None) -> None:
    """Validate the actor dictionaries (bundled and yours): schema, duplicates, clashes, bad dates."""
    from .actors.kb import load_kb
    from .events.patterns import load_patterns
    from .lang import SUPPORTED, get_language

    with _errors():
        kb = load_kb(actors or ())
        issues = [str(i) for i in kb.issues]
        for lang in SUPPORTED:
            issues.extend(load_patterns(lang, get_language(lang).stem).issues)
        for i in issues:
            typer.echo(i)
        typer.echo(f"{len(kb.actors)} actors, {len(kb.persons)} persons; {len(issues)} problems")
        if issues:
            raise typer.Exit(3)


@actors_app.command("unknown")
def actors_unknown(
    db: Annotated[str, typer.Option("--db")],
    top: Annotated[int, typer.Option("--top")] = 30,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl")] = "table",
) -> None:
    """Most frequent person- and organisation-like names that resolved to no actor."""
    from .actors.discover import unknown_names
    from .store import Store

    with _errors():
        with Store(db, readonly=True) as st:
            rows = unknown_names(st, top)
        if fmt == "jsonl":
            write = sys.stdout.write
            for r in rows:
                write(json.dumps(r, ensure_ascii=False) + "\n")
            return
        from rich.table import Table

        t = Table(title="unknown names")
        for c in ("name", "kind", "count", "example"):
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(r["name"], r["kind"], str(r["count"]), r["example"][:120])
        Console().print(t)


@actors_app.command("suggest")
def actors_suggest(
    db: Annotated[str, typer.Option("--db")],
    out: Annotated[str, typer.Option("--out", help="YAML stub to write")] = "actors-suggested.yaml",
    top: Annotated[int, typer.Option("--top")] = 30,
) -> None:
    """Write a YAML stub of unknown names for an analyst to curate (then pass it with --actors)."""
    from .actors.discover import suggest_yaml, unknown_names
    from .store import Store

    with _errors():
        with Store(db, readonly=True) as st:
            rows = unknown_names(st, top)
        Path(out).write_text(suggest_yaml(rows), encoding="utf-8")
        err_console.print(f"{len(rows)} suggestions written to {out}")


@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", help="database file (created if missing)")],
    host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="WARTA_TOKEN", show_envvar=True,
                                              help="bearer token that enables POST /ingest")] = None,
    tiles: Annotated[str | None, typer.Option("--tiles", help="map tile URL template (default: outlines only)")] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the HTTP API and the dashboard over a store (http://HOST:PORT/, schema at /openapi.json)."""
    import uvicorn

    from .config import load_settings
    from .serve import create_app

    with _errors():
        api = create_app(db, token=token or None, settings=load_settings(config), tiles=tiles, warm=True)
        err_console.print(f"warta serve: {db} on http://{host}:{port}/ (ingest {'on' if token else 'off'})", highlight=False)
        uvicorn.run(api, host=host, port=port, log_level="warning")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"warta {__version__}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
