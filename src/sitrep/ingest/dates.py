"""Publication dates from metadata, normalised to ISO YYYY-MM-DD."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalise_date(value: object) -> str | None:
    """The ISO day of an ISO date/datetime, an RFC 2822 date or a struct_time; None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    s = value.strip()
    if _ISO_DAY.match(s):
        try:
            return date.fromisoformat(s[:10]).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
