"""YAML files validated by pydantic models, whose every problem names the file, the line and the reason.

Rule files are edited by hand on site; "line 42: rules[3].when.time: 25:00 is not a time" is what
lets the person at the keyboard fix one, where a traceback would not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import CockpitError

logger = logging.getLogger(__name__)

Loc = tuple[int | str, ...]
M = TypeVar("M", bound=BaseModel)


def yaml_line(node: yaml.Node | None, loc: Loc) -> int | None:
    """1-based line of the deepest YAML node that `loc` reaches (a mapping entry: the line of its key)."""
    line = None if node is None else node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in node.value if k.value == part), None)
            if hit is None:
                break
            line, node = hit[0].start_mark.line + 1, hit[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def dotted(loc: Loc) -> str:
    """('rules', 3, 'when', 'time') -> 'rules[3].when.time'."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for "the key of this mapping entry"
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, where it stands."""

    source: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        at = f"{self.source}:{self.line}" if self.line else self.source
        return f"{at}: {self.where}: {self.message}"


class YamlFileError(CockpitError):
    """A YAML file that cannot be used; str() lists every problem, one per line."""

    exit_code = 2  # like a bad configuration

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def compose(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for lines) and the plain data; a syntax error becomes a Problem at its line."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise YamlFileError([Problem(source, line, "YAML syntax", reason)]) from exc
    except yaml.YAMLError as exc:
        raise YamlFileError([Problem(source, None, "YAML syntax", str(exc))]) from exc


def validation_problems(exc: ValidationError, root: yaml.Node | None, source: str) -> list[Problem]:
    """Each pydantic error as a Problem at the line its location reaches."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        out.append(Problem(source, yaml_line(root, loc), dotted(loc), err["msg"].removeprefix("Value error, ")))
    return out


def parse_model(
    text: str,
    model: type[M],
    source: str,
    check: Callable[[M], Iterable[tuple[Loc, str]]] | None = None,
) -> M:
    """Validate YAML text as `model`; `check` adds cross-field problems (e.g. a name not defined elsewhere)
    as (location, message) pairs so that they too are reported at their line."""
    root, data = compose(text, source)
    if not isinstance(data, dict):
        raise YamlFileError([Problem(source, 1, "(top level)", "expected a mapping of keys to values")])
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise YamlFileError(validation_problems(exc, root, source)) from None
    found = check(parsed) if check else ()
    problems = [Problem(source, yaml_line(root, loc), dotted(loc), msg) for loc, msg in found]
    if problems:
        raise YamlFileError(problems)
    return parsed


def load_model(
    path: Path | str, model: type[M], check: Callable[[M], Iterable[tuple[Loc, str]]] | None = None
) -> M:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise YamlFileError([Problem(str(path), None, "(file)", f"cannot be read: {exc.strerror or exc}")]) from exc
    parsed = parse_model(text, model, str(path), check)
    logger.info("loaded %s", path)
    return parsed


class Strict(BaseModel):
    """Base of file models: unknown keys are refused (a typo must not silently do nothing)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(Strict):
    """A text in both languages of the cockpit; the UI picks one (`pick`)."""

    en: str
    zh_CN: str

    def pick(self, language: str) -> str:
        return self.zh_CN if language.startswith("zh") else self.en
