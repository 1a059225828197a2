"""A list pasted into a library or a register: one item per line.

Real notices list 10-20 data categories, sources and recipients, mostly as a
bulleted or numbered list in a Word document or a PDF. The officer pastes the list
and gets one item per line: list markers and outer spaces go, blank lines go, and a
line that repeats an earlier one or an existing item (case-insensitively) is skipped
and reported. Invisible characters are not removed: a one-line name with them is
refused by the model's validation like a typed one (registers.validators).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from registers.models import ControllerOwned, DataSubjectCategory, Register
from registers.validators import remove_invisible_characters

# Spaces (Unicode category Zs) and the tab: what a line is trimmed of. Other invisible
# characters stay, so that the name's validation names them.
SPACES = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"

# A list marker at the start of a line, as Word and PDF readers paste them: bullets and
# dashes ("•", "-", "*", "–"), with or without a space after, and numbering ("1.",
# "1)", "(1)", "a)", "(a)") followed by a space, so that "1.5 mm" or "3D-tulostus"
# keep their start.
_MARKER = re.compile(
    rf"^(?:[•◦▪▫●○■□‣⁃∙·◆◇►▸➢➤✓✔*\-–—]+[{SPACES}]*"
    rf"|\(?(?:\d{{1,3}}|[^\W\d_])\)(?:[{SPACES}]+|$)"
    rf"|\d{{1,3}}\.(?:[{SPACES}]+|$))"
)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as the officer counts the pasted lines
    text: str


@dataclass(frozen=True)
class Skipped:
    text: str
    reason: str


@dataclass
class PastedList:
    lines: list[Line] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def without(self, existing: Iterable[str], *, reason: str) -> PastedList:
        """The list without the lines that name an existing item, those skipped."""
        taken = {name.casefold() for name in existing}
        kept = PastedList(skipped=list(self.skipped))
        for line in self.lines:
            if line.text.casefold() in taken:
                kept.skipped.append(Skipped(line.text, reason))
            else:
                kept.lines.append(line)
        return kept


def read_list(text: str) -> PastedList:
    """The items of a pasted list, one a line, repeats skipped."""
    pasted = PastedList()
    seen: set[str] = set()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        item = _MARKER.sub("", raw.strip(SPACES), count=1).strip(SPACES)
        if not item:
            continue
        key = item.casefold()
        if key in seen:
            pasted.skipped.append(Skipped(item, _("toistuu luettelossa")))
            continue
        seen.add(key)
        pasted.lines.append(Line(number, item))
    return pasted


def line_errors(
    lines: Iterable[Line], *, build: Callable[[str], Model], field_name: str
) -> list[ValidationError]:
    """The model's own errors of each line's item, on the named field, line by line.

    Uniqueness is not validated here: a line that names an existing item was skipped
    or is reused, and the database's constraint still holds at save.
    """
    errors = []
    for line in lines:
        try:
            build(line.text).full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for message in error.message_dict.get(field_name, []):
                errors.append(
                    ValidationError(
                        _("Rivi %(number)s (“%(text)s”): %(message)s"),
                        code="pasted_line",
                        params={
                            "number": line.number,
                            "text": _shown(line.text),
                            "message": message,
                        },
                    )
                )
    return errors


def _shown(text: str) -> str:
    # The refused line is quoted in the error without what made it invisible.
    return Truncator(remove_invisible_characters(text)).chars(60)


def skipped_message(skipped: list[Skipped]) -> str:
    """One Finnish sentence naming each skipped line and why."""
    listed = "; ".join(f"“{_shown(item.text)}” ({item.reason})" for item in skipped)
    return _("Ohitettiin %(count)s riviä: %(lines)s.") % {"count": len(skipped), "lines": listed}


# --- Saving ---------------------------------------------------------------------------


def add_to_library(items: list[ControllerOwned]) -> None:
    """Save new library items at the end of their library, in the pasted order."""
    if not items:
        return
    model = type(items[0])
    position = model.objects.for_controller(items[0].controller).next_position()  # type: ignore[attr-defined]
    for offset, item in enumerate(items):
        item.position = position + offset  # type: ignore[attr-defined]
        item.save()


def pick_from_library(
    model: type[ControllerOwned], *, register: Register, lines: list[Line]
) -> tuple[list[ControllerOwned], int]:
    """The library items the lines name, new ones added at the end of the library.

    A line names an item of the same name in any case (the exact one first).
    Returns the items in the pasted order and how many were new.
    """
    library = list(model.objects.for_controller(register.controller))  # type: ignore[attr-defined]
    by_name: dict[str, ControllerOwned] = {}
    for item in library:
        by_name.setdefault(item.name.casefold(), item)  # type: ignore[attr-defined]
    for item in library:
        by_name[item.name] = item  # type: ignore[attr-defined]
    picked: list[ControllerOwned] = []
    new: list[ControllerOwned] = []
    for line in lines:
        item = by_name.get(line.text) or by_name.get(line.text.casefold())
        if item is None:
            item = model(controller=register.controller, name=line.text)  # type: ignore[misc]
            new.append(item)
            by_name[line.text.casefold()] = item
        picked.append(item)
    add_to_library(new)
    return picked, len(new)


def append_subjects(*, register: Register, pasted: PastedList) -> PastedList:
    """Add the pasted data subject groups after the register's own; returns what was
    added and skipped (a group the register already has is skipped)."""
    rows = list(register.data_subject_categories.all())  # type: ignore[attr-defined]
    kept = pasted.without([row.name for row in rows], reason=_("on jo rekisterissä"))
    position = 1 + max((row.position for row in rows), default=-1)
    for offset, line in enumerate(kept.lines):
        DataSubjectCategory.objects.create(
            register=register, name=line.text, position=position + offset
        )
    return kept
