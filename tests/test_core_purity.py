"""Every pure core (`*/core/`) imports only the standard library, the pure libraries named in
style.md (convention 2), its own package and other pure cores whose enclosing packages import
nothing themselves (`quota.core` uses `identifiers.core`) — never Django or the app layers.

Relative imports are resolved to absolute names first, so `from ..models import X` inside
`quota/core/` is seen as `quota.models` and refused like `from quota.models import X`.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE_LIBRARIES = {"numpy", "scipy", "sklearn", "jieba", "rapidfuzz"}


def core_packages(root: Path = ROOT) -> list[Path]:
    return sorted(
        core
        for core in root.glob("*/**/core")
        if core.is_dir()
        and (core / "__init__.py").exists()
        and not {".venv", "tests", "node_modules"} & set(core.relative_to(root).parts)
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


def importable_cores(root: Path = ROOT) -> set[str]:
    """Cores another core may import: importing `a.core` first runs `a/__init__.py`, so every
    enclosing package file must import nothing (`backend/__init__.py` loads Celery, for one)."""
    names = set()
    for core in core_packages(root):
        parents = core.relative_to(root).parents
        inits = [root / parent / "__init__.py" for parent in parents if parent.parts]
        if all(not init.exists() or not list(imported_names(init, root)) for init in inits):
            names.add(module_name(core, root))
    return names


def offences(core: Path, root: Path = ROOT) -> list[str]:
    own = module_name(core, root)
    others = importable_cores(root) - {own}
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
                or any(name == other or name.startswith(other + ".") for other in others)
            )
            if not allowed:
                found.append(f"{path.relative_to(root)} imports {name}")
    return found


def test_the_known_cores_are_found():
    assert {module_name(core) for core in core_packages()} >= {
        "quota.core",
        "matching.core",
        "identifiers.core",
    }


def test_a_core_may_import_another_core_only_when_its_packages_import_nothing(tmp_path):
    for package, init in (("shared", ""), ("app", "from django.conf import settings\n")):
        (tmp_path / package / "core").mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text(init)
        (tmp_path / package / "core" / "__init__.py").write_text("")
    core = tmp_path / "user" / "core"
    core.mkdir(parents=True)
    (tmp_path / "user" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("from shared.core import a\nfrom app.core import b\n")
    assert offences(core, tmp_path) == [f"{Path('user/core/__init__.py')} imports app.core"]


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
