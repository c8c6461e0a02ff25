"""Request body parsers.

DRF's JSONParser hands the body to json.load, which recurses once per nesting level: a body of
100,000 "[" raises RecursionError (a 500), and a few hundred levels would still exhaust the stack
later (validation, error flattening). No request of this API nests deeper than a handful of
levels, so bodies nested deeper than MAX_DEPTH are refused as unparsable (400).
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32
TOO_DEEP = f"请求内容嵌套层数过多（最多 {MAX_DEPTH} 层），无法解析。"


def nesting_exceeds(data, limit: int) -> bool:
    """Whether lists/objects in ``data`` nest deeper than ``limit`` (iterative: no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser with a nesting limit; the default in settings.REST_FRAMEWORK."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        if nesting_exceeds(data, MAX_DEPTH):
            raise ParseError(TOO_DEEP)
        return data
