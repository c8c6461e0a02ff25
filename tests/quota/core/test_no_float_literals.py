"""quota/core computes money: no float literal may creep into it (style.md, convention 8).
Import purity of every core package is checked once, in tests/test_core_purity.py."""

import ast
from pathlib import Path

import quota.core

CORE = Path(quota.core.__file__).parent


def test_core_never_uses_float_literals():
    floats = [
        f"{path.name}:{node.lineno}"
        for path in CORE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, float)
    ]
    assert floats == []
