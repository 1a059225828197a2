"""What publishing the draft would change: the draft against the latest version.

Both are compared as the reader sees them: each content is rendered through the
one notice body (templates/privacy_notices/includes/_notice_body.html) and its
visible text split into lines, section by section, so that the officer reads the
change in the notice's own words and headings, not as data.
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

# What publishing adds to the content (privacy_notices/publishing.py): not part of
# what the officer edits, so never a difference of the draft.
PUBLISHING_KEYS = ("version", "history", "request_url")


def edited_content(content: dict[str, Any]) -> dict[str, Any]:
    """The content without what publishing adds to it."""
    return {key: value for key, value in content.items() if key not in PUBLISHING_KEYS}


def draft_differs(draft: dict[str, Any], published: dict[str, Any]) -> bool:
    """Whether publishing the draft would change what the latest version says."""
    return bool(changed_parts(draft, published))


def changed_parts(draft: dict[str, Any], published: dict[str, Any]) -> str:
    """What the officer changed since the published version, in words ("" if
    nothing): its registers, the organisation's details, or the notice's own texts."""
    parts = {
        # The rights shown follow from the registers (privacy_notices/rights.py).
        _("rekistereitä"): ("registers", "rights"),
        _("rekisterinpitäjän tietoja"): ("controller",),
    }
    changed = [
        label
        for label, keys in parts.items()
        if any(draft.get(key) != published.get(key) for key in keys)
    ]
    # The schema number alone changes nothing the reader sees; what a new schema
    # adds differs in its own keys.
    own = (draft.keys() | published.keys()) - {"registers", "rights", "controller", "schema"}
    own -= set(PUBLISHING_KEYS)
    if any(draft.get(key) != published.get(key) for key in own):
        changed.append(_("selosteen omia tekstejä"))
    return ", ".join(changed)


@dataclass
class SectionDifference:
    heading: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@dataclass
class _Section:
    key: str
    heading: str = ""
    lines: list[str] = field(default_factory=list)


# Tags that end a line of the visible text; a table row's cells are one line.
_LINE_TAGS = {"p", "li", "br", "h1", "h2", "h3", "h4", "dt", "dd", "tr", "div", "header"}
_CELL_TAGS = {"td", "th"}


class _BodyText(HTMLParser):
    """The notice body's visible text as lines, grouped by its <section>s."""

    def __init__(self) -> None:
        super().__init__()
        self.sections = [_Section("header", _("Otsikko ja johdanto"))]
        self.text: list[str] = []
        self.in_heading = False

    def _flush(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self.text)).strip(" ·")
        self.text = []
        if not line:
            return
        if self.in_heading:
            self.sections[-1].heading = line
        else:
            self.sections[-1].lines.append(line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._flush()
            self.sections.append(_Section(dict(attrs).get("aria-labelledby") or ""))
        elif tag in _LINE_TAGS:
            self._flush()
            self.in_heading = tag == "h2"
        elif tag in _CELL_TAGS:
            self.text.append(" · ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _LINE_TAGS or tag == "section":
            self._flush()
            self.in_heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _sections(content: dict[str, Any]) -> dict[str, _Section]:
    body = render_to_string(
        "privacy_notices/includes/_notice_body.html", notice_context(content, draft=False)
    )
    parser = _BodyText()
    parser.feed(body)
    parser.close()
    parser._flush()
    return {section.key: section for section in parser.sections}


def section_differences(
    draft: dict[str, Any], published: dict[str, Any]
) -> list[SectionDifference]:
    """The lines each section of the published version would lose and gain, in the
    draft's order of sections (a removed section last); unchanged sections left out."""
    # The draft read as the next version would, but with the published one's version
    # details, so only what the officer changed shows.
    as_published = {
        **edited_content(draft),
        **{key: published[key] for key in PUBLISHING_KEYS if key in published},
    }
    new, old = _sections(as_published), _sections(published)
    differences = []
    for key in [*new, *(key for key in old if key not in new)]:
        before = old[key].lines if key in old else []
        after = new[key].lines if key in new else []
        removed: list[str] = []
        added: list[str] = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                removed += before[i1:i2]
                added += after[j1:j2]
        if removed or added:
            heading = (new.get(key) or old[key]).heading
            differences.append(SectionDifference(heading, removed, added))
    return differences
