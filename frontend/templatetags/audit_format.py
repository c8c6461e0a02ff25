"""Number formatting for the auditors' pages: money grouped by thousands, counts without
trailing zeros, ratios as percentages. Display only; nothing is rounded for computing."""

from decimal import Decimal, InvalidOperation

from django import template

from quota.core.display import format_months, format_percent

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


@register.filter
def yuan(value) -> str:
    """12345.6 → "12,345.60"; empty stays "—"."""
    number = _decimal(value)
    return "—" if number is None else f"{number.quantize(Decimal('0.01')):,}"


@register.filter
def count(value) -> str:
    """ "100.0000" → "100", "1.5000" → "1.5"; empty stays "—"."""
    number = _decimal(value)
    if number is None:
        return "—"
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


@register.filter
def percent(value, places: int = 2) -> str:
    """A ratio 0.0125 → "1.25%"."""
    number = _decimal(value)
    # The one formatter the exports use too, so a CSV reads as the page does.
    return "—" if number is None else format_percent(number, int(places))


@register.filter
def months(value) -> str:
    """[1, 2, 3, 7] → "1至3月、7月"."""
    return format_months(set(value or [])) or "—"
