"""The pure cores (`*/core/`) must not import Django (style.md, convention 2)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("django", "rest_framework", "django_filters", "drf_spectacular", "celery", "backend", "frontend")


def _core_modules():
    for core in ROOT.glob("**/core"):
        if ".venv" in core.parts or "tests" in core.parts or not core.is_dir():
            continue
        yield from core.rglob("*.py")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_packages_exist():
    found = {p.parent.relative_to(ROOT).parts[0] for p in _core_modules()}
    assert {"quota", "matching"} <= found


def test_no_core_module_imports_django_or_the_app_layers():
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _core_modules()
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_the_purity_check_would_catch_an_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport rest_framework\n", encoding="utf-8")
    assert [name for name in _imports(bad) if name.split(".")[0] in FORBIDDEN] == [
        "django.db",
        "rest_framework",
    ]
