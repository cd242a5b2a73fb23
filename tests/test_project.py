"""Promises of the project itself: the README's commands, CI, and the layers' boundaries."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = text.split("## Démarrage rapide", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick_start)


def test_readme_quick_start_is_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("reseau")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_as_written() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci_lines


def _modules_of(package: str) -> list[str]:
    """Every module of ``package``, sub-packages included (``domain.metrics.period``…)."""
    folder = ROOT.joinpath(*package.split("."))
    names = []
    for path in folder.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(set(names) - {package})


@pytest.mark.parametrize(
    "modules",
    [
        _modules_of("tui_reseau.store"),
        _modules_of("tui_reseau.domain"),
        [
            "tui_reseau.cli",
            "tui_reseau.locations",
            "tui_reseau.display",
            "tui_reseau.crashlog",
            *_modules_of("tui_reseau.commands"),
            *_modules_of("tui_reseau.diagnostics"),
        ],
    ],
    ids=["store", "domain", "cli"],
)
def test_store_domain_and_cli_never_import_textual(modules: list[str]) -> None:
    assert modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_code_is_ruff_clean() -> None:
    """House style: ``ruff check`` and ``ruff format`` have nothing to say."""
    ruff = [sys.executable, "-m", "ruff"]
    check = subprocess.run([*ruff, "check", "."], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [*ruff, "format", "--check", "."], capture_output=True, text=True, cwd=ROOT
    )
    assert fmt.returncode == 0, fmt.stdout


def test_screen_stylesheets_only_style_their_own_screen() -> None:
    """A screen's .tcss stays loaded for the whole app: unscoped rules leak into other screens
    (measured: the detail form's `.field-label` once shrank the contact form's labels)."""
    for tcss in (ROOT / "tui_reseau" / "ui" / "screens").glob("*.tcss"):
        text = re.sub(r"/\*.*?\*/", "", tcss.read_text(encoding="utf-8"), flags=re.S)
        screens = set(re.findall(r"class (\w+)\(", tcss.with_suffix(".py").read_text()))
        depth = 0
        for line in text.splitlines():
            if depth == 0 and line.strip().endswith("{"):
                for selector in line.strip()[:-1].split(","):
                    first = re.split(r"[\s.#:>]", selector.strip(), maxsplit=1)[0]
                    assert first in screens, f"{tcss.name}: « {selector.strip()} »"
            depth += line.count("{") - line.count("}")
