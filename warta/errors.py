"""One numbered error catalogue (as spaCy does): every user-facing failure has a code and a one-line message.

Library code raises `WartaError` subclasses; the CLI prints `str(err)` on one line and maps the class to
an exit code (docs/cli.md lists them).
"""

from __future__ import annotations

from enum import StrEnum


class E(StrEnum):
    """Error and warning messages. Formatted with str.format; keep each to one line."""

    W001 = "W001 skipped {path}: binary file (NUL bytes or undecodable)"
    W002 = "W002 skipped {path}: empty after cleaning"
    W003 = "W003 skipped {path} line {line}: not valid JSON ({detail})"
    W004 = "W004 skipped {path} line {line}: JSON object has no 'text' string"
    W005 = "W005 {path}: invalid UTF-8 decoded as {encoding}"
    W006 = "W006 {path}: text truncated to {limit} bytes"
    W007 = "W007 skipped {path}: {detail}"
    W008 = "W008 {path}: unsupported language {lang!r}, stored but not coded"
    W009 = "W009 {path}: bad published date {value!r} ignored ({detail})"
    W010 = "W010 skipped {path}: cannot read ({detail})"
    W011 = "W011 skipped {path}: could not be coded ({detail}); the run goes on"
    W012 = "W012 {path}: archive truncated or corrupt after {records} records ({detail}); documents before it kept"
    E101 = "E101 input not found: {path}"
    E102 = "E102 database folder does not exist: {path}"
    E103 = "E103 cannot open database {path}: {detail}"
    E104 = "E104 bad date {value!r}: expected YYYY-MM-DD"
    E105 = "E105 unknown language {lang!r}: warta codes {known}"
    E106 = "E106 data file {path}: {detail}"
    E107 = "E107 pipeline stage {stage!r} needs {need!r}, which no earlier stage adds"
    E108 = "E108 unknown output format {fmt!r}; choose from {choices}"
    E109 = "E109 gold file {path}: {detail}"
    E110 = "E110 evaluation F1 {value:.3f} at {level} level is under the recorded floor {floor:.3f}"
    E111 = "E111 ingest refused: {detail}"
    E112 = "E112 bad {name} {value!r}: {detail}"
    E113 = "E113 request body over {limit} bytes"
    E114 = "E114 no document {id!r}"
    E115 = "E115 unsupported content type {ctype!r}; send {choices}"
    E116 = "E116 ingest queue full ({size} requests waiting); retry later"

    def fmt(self, **kw: object) -> str:
        return self.value.format(**kw)


class WartaError(Exception):
    """Base class; `str()` is a one-line message starting with its code."""

    exit_code = 1


class InputError(WartaError):
    exit_code = 2


class DataFileError(WartaError, ValueError):
    exit_code = 3


class StoreError(WartaError):
    exit_code = 4


class PipelineError(WartaError):
    exit_code = 5


class EvalError(WartaError):
    exit_code = 6
