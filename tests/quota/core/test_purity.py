"""quota/core is pure: it may import only the standard library and itself."""

import ast
import sys
from pathlib import Path

import quota.core

CORE = Path(quota.core.__file__).parent


def imported_top_level_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_only_the_standard_library():
    offenders = {
        f"{path.name}: {module}"
        for path in CORE.rglob("*.py")
        for module in imported_top_level_modules(path)
        if module not in sys.stdlib_module_names and module != "__future__"
    }
    assert offenders == set()


def test_core_never_uses_float_literals():
    floats = [
        f"{path.name}:{node.lineno}"
        for path in CORE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, float)
    ]
    assert floats == []
