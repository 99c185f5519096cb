"""Standard operating procedures: per alarm kind, the checklist an operator works through (resources/sop.yaml).

Kept in a file beside the alarm rules so that a site can adapt its procedures without a release;
step ids are stable so that a ticked step can be written to the audit trail and read back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

import resources

from .models import AlarmKind
from .yaml_files import Loc, LocalText, Strict, load_model, parse_model

logger = logging.getLogger(__name__)

DEFAULT_SOP_PATH = resources.path("sop.yaml")
DEFAULT_KEY = "default"


def _procedure_key(key: str) -> str:
    if key != DEFAULT_KEY and key not in AlarmKind.__members__.values():
        raise ValueError(f"unknown alarm kind {key!r}: use one of {', '.join(AlarmKind)}, or default")
    return key


class Step(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    text: LocalText


class Procedure(Strict):
    title: LocalText
    steps: list[Step] = Field(min_length=1)

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.steps)


class SopBook(Strict):
    """A validated procedures file; every alarm kind has a procedure (its own or the default)."""

    procedures: dict[Annotated[str, AfterValidator(_procedure_key)], Procedure]

    def for_kind(self, kind: AlarmKind) -> Procedure:
        return self.procedures.get(kind) or self.procedures[DEFAULT_KEY]


def _cross_checks(book: SopBook) -> Iterator[tuple[Loc, str]]:
    if DEFAULT_KEY not in book.procedures:
        yield ("procedures",), "a `default` procedure is needed for alarm kinds without their own"
    for key, procedure in book.procedures.items():
        seen: set[str] = set()
        for i, step in enumerate(procedure.steps):
            if step.id in seen:
                yield ("procedures", key, "steps", i, "id"), f"step id {step.id!r} is used twice"
            seen.add(step.id)


def parse_sops(text: str, source: str = "<procedures>") -> SopBook:
    """Validate procedures text; YamlFileError lists every problem as source:line: where: reason."""
    return parse_model(text, SopBook, source, _cross_checks)


def load_sops(path: Path | str = DEFAULT_SOP_PATH) -> SopBook:
    book = load_model(path, SopBook, _cross_checks)
    logger.info("%d standard operating procedures", len(book.procedures))
    return book
