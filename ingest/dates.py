"""Dates as articles write them -> timezone-aware datetimes (UTC when no zone is given)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ZONES = {"gmt": 0, "utc": 0, "z": 0, "cst": 8, "bjt": 8, "hkt": 8, "jst": 9, "est": -5, "pst": -8}

_NUMERIC = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?"
)
_ENGLISH = re.compile(
    r"(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
    r"(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
    r"\s*([A-Za-z]{1,4}|[+-]\d{2}:?\d{2})?"
)
_ENGLISH_DAY_FIRST = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")


def parse_date(text: str) -> datetime | None:
    """The first date found in ``text``, or None. Accepts ISO 8601, RFC 2822, 2025年5月1日,
    2025/1/26 23:32 and "May 1, 2025 1:54 PM GMT" forms."""
    text = text.strip()
    if not text:
        return None
    if re.match(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            return _as_utc(parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    match = _NUMERIC.search(text)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        return _build(year, month, day, hour, minute, second, None, zone)
    match = _ENGLISH.search(text)
    if match and match.group(1).lower() in _MONTHS:
        month_name, day, year, hour, minute, second, meridiem, zone = match.groups()
        month = str(_MONTHS[month_name.lower()])
        return _build(year, month, day, hour, minute, second, meridiem, zone)
    match = _ENGLISH_DAY_FIRST.search(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month_name, year = match.groups()
        return _build(year, str(_MONTHS[month_name.lower()]), day, None, None, None, None, None)
    return None


def _build(
    year: str,
    month: str,
    day: str,
    hour: str | None,
    minute: str | None,
    second: str | None,
    meridiem: str | None,
    zone: str | None,
) -> datetime | None:
    hour_number = int(hour or 0)
    if meridiem:
        hour_number = hour_number % 12 + (12 if meridiem.lower() == "pm" else 0)
    try:
        value = datetime(
            int(year), int(month), int(day), hour_number, int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    return _as_utc(value.replace(tzinfo=_zone(zone)))


def _zone(zone: str | None) -> timezone:
    if not zone:
        return UTC
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        return timezone(-offset if zone[0] == "-" else offset)
    return timezone(timedelta(hours=_ZONES.get(zone.lower(), 0)))


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
