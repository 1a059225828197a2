"""What publishing the draft would change: the draft against the latest version.

Both are compared as the reader sees them, by the comparison the public versions
page uses (privacy_notices/comparison.py): section by section, in the notice's own
words and headings, not as data.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

# What publishing adds to the content is not part of what the officer edits, so never
# a difference of the draft.
from privacy_notices.comparison import PUBLISHING_KEYS, SectionChange, compare_contents


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


def section_differences(draft: dict[str, Any], published: dict[str, Any]) -> list[SectionChange]:
    """The lines each section of the published version would lose and gain, in the
    draft's order of sections (a removed section last); unchanged sections left out.
    The draft is read as the next version would be, with the published one's version
    details, so only what the officer changed shows."""
    return compare_contents(published, edited_content(draft))
