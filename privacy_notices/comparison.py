"""What changed between two contents of a notice, section by section: between two
published versions (the public "Mitä muuttui") and between the latest version and the
draft (the check page, privacy_notices/differences.py).

Both sides are rendered from their frozen content with today's notice body
(``_notice_body.html``) and compared as lines of text, so a change of the app's own
wording between releases does not show up as a change of the notice: only what the
organisation changed does. What publishing adds (the version number and date, the
history, the request form's address) is taken from the older side for both, the
table of contents and the summary (which repeat the sections) and the history of
changes are left out; the change note is shown beside the comparison instead. The
title and introduction before the first section compare as a section of their own.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from privacy_notices.rendering import notice_context

# What publishing adds to a content (privacy_notices/publishing.py).
PUBLISHING_KEYS = ("version", "history", "request_url")
# The pseudo-section of the notice's <header>: its title and introduction.
HEADER = "header"
# Sections not compared: the summary repeats the others, the history always grows.
SKIPPED = {"s-summary", "s-changes"}
# Elements that start a new line of text.
_BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "br", "dt", "dd", "tr", "ul", "ol", "div"}


@dataclass
class SectionChange:
    title: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


class _Sections(HTMLParser):
    """The text lines of each ``<section aria-labelledby=…>``, by section id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, dict[str, Any]] = {}
        self._current: dict[str, Any] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self._current = None
        elif tag == "header":
            self._current = {"title": _("Otsikko ja johdanto"), "lines": [""]}
            self.sections[HEADER] = self._current
        elif tag == "section":
            key = dict(attrs).get("aria-labelledby") or ""
            self._current = None if key in SKIPPED else {"title": "", "lines": [""]}
            if self._current is not None:
                self.sections[key] = self._current
        elif self._current is not None and tag in _BLOCKS:
            self._current["lines"].append("")
            self._in_title = tag == "h2"
        elif self._current is not None and tag in ("td", "th"):
            self._current["lines"][-1] += " · "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("section", "header", "nav"):
            self._current = None
        elif tag == "h2":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._current is None:
            return
        if self._in_title:
            # "4. Säilytysaika": the number shifts when a section comes or goes.
            self._current["title"] += re.sub(r"^\d+\.\s*", "", data.strip())
        else:
            self._current["lines"][-1] += data


def notice_sections(content: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """The notice's compared sections in order: id -> (title, lines of text)."""
    parser = _Sections()
    parser.feed(
        render_to_string("privacy_notices/includes/_notice_body.html", notice_context(content))
    )
    parser.close()
    return {
        key: (
            section["title"],
            [
                line
                for line in (" ".join(raw.split()).strip(" ·") for raw in section["lines"])
                if line
            ],
        )
        for key, section in parser.sections.items()
    }


def compare_contents(old: dict[str, Any], new: dict[str, Any]) -> list[SectionChange]:
    """The sections that differ, in the new version's order (then the removed ones),
    each with the lines removed and the lines added. Empty if nothing differs."""
    new = {**new, **{key: old[key] for key in PUBLISHING_KEYS if key in old}}
    before, after = notice_sections(old), notice_sections(new)
    changes = []
    for key in [*after, *(k for k in before if k not in after)]:
        title, old_lines = before.get(key, ("", []))
        new_title, new_lines = after.get(key, (title, []))
        change = SectionChange(title=new_title or title)
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                change.removed += old_lines[i1:i2]
                change.added += new_lines[j1:j2]
        if change.removed or change.added:
            changes.append(change)
    return changes
