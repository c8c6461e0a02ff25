"""Every pure core (`*/core/`) imports only the standard library, the pure libraries named in
style.md (convention 2) and its own package — never Django or the app layers.

Relative imports are resolved to absolute names first, so `from ..models import X` inside
`quota/core/` is seen as `quota.models` and refused like `from quota.models import X`.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE_LIBRARIES = {"numpy", "scipy", "sklearn", "jieba", "rapidfuzz"}


def core_packages() -> list[Path]:
    return sorted(
        core
        for core in ROOT.glob("*/**/core")
        if core.is_dir()
        and (core / "__init__.py").exists()
        and not {".venv", "tests", "node_modules"} & set(core.relative_to(ROOT).parts)
    )


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, root: Path = ROOT):
    """Absolute names of everything `path` imports, relative imports resolved against its package."""
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module
                continue
            if node.level - 1 >= len(package):
                yield "<import beyond the top-level package>"
                continue
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                yield ".".join([*base, node.module])
            else:  # `from . import x` names submodules (or attributes) of the package itself
                yield from (".".join([*base, alias.name]) for alias in node.names)


def offences(core: Path, root: Path = ROOT) -> list[str]:
    own = module_name(core, root)
    found = []
    for path in sorted(core.rglob("*.py")):
        for name in imported_names(path, root):
            top = name.split(".")[0]
            allowed = (
                top in sys.stdlib_module_names
                or top == "__future__"
                or top in PURE_LIBRARIES
                or name == own
                or name.startswith(own + ".")
            )
            if not allowed:
                found.append(f"{path.relative_to(root)} imports {name}")
    return found


def test_the_known_cores_are_found():
    assert {module_name(core) for core in core_packages()} >= {"quota.core", "matching.core"}


@pytest.mark.parametrize("core", core_packages(), ids=module_name)
def test_core_imports_only_the_standard_library_pure_libraries_and_itself(core):
    assert offences(core) == []


@pytest.mark.parametrize(
    "source, culprit",
    [
        ("from django.db import models\n", "app.core.bad imports django.db"),
        ("import rest_framework.fields\n", "app.core.bad imports rest_framework.fields"),
        ("from ..models import Report\n", "app.core.bad imports app.models"),
        ("from .. import services\n", "app.core.bad imports app.services"),
        ("from ...other import x\n", "app.core.bad imports <import beyond the top-level package>"),
        ("import matching.models\n", "app.core.bad imports matching.models"),
    ],
)
def test_the_check_catches_absolute_and_relative_imports(tmp_path, source, culprit):
    core = tmp_path / "app" / "core"
    core.mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("from .levy import compute\nimport numpy\n")
    (core / "bad.py").write_text(source, encoding="utf-8")
    found = [line.replace("/", ".").replace(".py imports", " imports") for line in offences(core, tmp_path)]
    assert found == [culprit]


def test_the_check_allows_the_core_itself_and_pure_libraries(tmp_path):
    core = tmp_path / "app" / "core"
    (core / "sub").mkdir(parents=True)
    (core / "__init__.py").write_text("from . import sub\nfrom .sub.x import y\n")
    (core / "sub" / "__init__.py").write_text("from ..levy import z\nimport decimal, scipy.sparse\n")
    assert offences(core, tmp_path) == []
