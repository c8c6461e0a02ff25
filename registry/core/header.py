"""The header row: which column holds which field."""

from __future__ import annotations

import unicodedata

from .errors import RowError


def header_columns(cells, expected: tuple[str, ...]) -> dict[str, int] | RowError:
    """Map each expected column name to its index in the header row ``cells``.

    Names are compared after NFKC, trimming and lower-casing; extra columns are ignored, a
    missing or repeated one refuses the file (row 1).
    """
    names = [unicodedata.normalize("NFKC", str(cell or "")).strip().lower() for cell in cells]
    found: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in expected:
            if name in found:
                return RowError(1, name, "表头中该列出现了两次")
            found[name] = index
    missing = [name for name in expected if name not in found]
    if missing:
        return RowError(1, "", f"表头缺少列：{'、'.join(missing)}（第一行应为 {','.join(expected)}）")
    return found
