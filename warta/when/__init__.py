"""WHEN stage: publication dates and event dates (the work is in `dates.py`)."""

from .dates import (
    DateError,
    DateMatch,
    DatesSchema,
    PublishedDate,
    event_date,
    find_date_expressions,
    find_publication_date,
    load_dates_schema,
    parse_date_arg,
)

__all__ = [
    "DateError",
    "DateMatch",
    "DatesSchema",
    "PublishedDate",
    "event_date",
    "find_date_expressions",
    "find_publication_date",
    "load_dates_schema",
    "parse_date_arg",
]
