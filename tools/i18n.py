"""Keep translations in step with the code: extract strings (lupdate) and compile (lrelease).

    python -m tools.i18n            # update resources/i18n/*.ts from the sources, compile *.qm
    python -m tools.i18n --check    # exit 1 if any .ts is out of date or has unfinished entries
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "zh_CN")
SOURCE_DIRS = ("widgets",)
SOURCE_FILES = ("main.py",)


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"pyside6-{name} not found (it ships with PySide6-Essentials)")
    return found


def sources() -> list[str]:
    files = [str(p.relative_to(ROOT)) for d in SOURCE_DIRS for p in sorted((ROOT / d).rglob("*.py"))]
    return files + list(SOURCE_FILES)


def ts_path(lang: str, directory: Path = I18N) -> Path:
    return directory / f"cockpit_{lang}.ts"


def lupdate(target: Path) -> None:
    subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                   capture_output=True)


def unfinished(ts: Path) -> list[str]:
    """Sources whose translation is missing, unfinished or empty."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not (translation.text or "").strip():
            missing.append(source)
    return missing


def hidden_strings() -> list[str]:
    """tr()/translate() calls inside f-strings: lupdate cannot see them, so they stay English."""
    found = []
    for name in sources():
        path = ROOT / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", "")) \
                            in ("tr", "translate"):
                        found.append(f"{name}:{inner.lineno}: translated string inside an f-string")
    return found


def check() -> list[str]:
    """Problems: hidden strings, .ts files behind the code, unfinished entries, stale .qm files."""
    problems = hidden_strings()
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            committed = ts_path(lang)
            if not committed.exists():
                problems.append(f"{committed.name}: missing")
                continue
            fresh = ts_path(lang, Path(tmp))
            shutil.copy(committed, fresh)
            lupdate(fresh)  # merges new sources in as unfinished; drops vanished ones
            problems += [f"{committed.name}: untranslated: {s!r}" for s in unfinished(fresh)]
            if fresh.read_bytes() != committed.read_bytes():
                problems.append(f"{committed.name}: out of date with the sources (run python -m tools.i18n)")
            qm = committed.with_suffix(".qm")
            compiled = ts_path(lang, Path(tmp)).with_name(f"compiled_{lang}.ts")
            shutil.copy(committed, compiled)
            lrelease(compiled)
            if not qm.exists() or qm.read_bytes() != compiled.with_suffix(".qm").read_bytes():
                problems.append(f"{qm.name}: missing or not compiled from its .ts (run python -m tools.i18n)")
    return problems


def cli() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "translations complete and up to date")
        return 1 if problems else 0
    for lang in LANGUAGES:
        lupdate(ts_path(lang))
        lrelease(ts_path(lang))
        left = unfinished(ts_path(lang))
        print(f"{lang}: {len(left)} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
