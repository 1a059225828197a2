"""Match a proposal's library items to the organisation's own library.

A proposed data category, source, recipient or security measure that the
organisation already has is ticked, not created again: the importer and the
templates both call :func:`match_existing`, so both paths reuse the same rows.
"""

from __future__ import annotations

from django.db import models

from registers.importing.proposal import Proposal
from registers.models import Controller, DataCategory, Recipient, SecurityMeasure, Source

# kind -> (the library model, the field that names an item)
LIBRARY_MODELS: dict[str, tuple[type[models.Model], str]] = {
    "data_category": (DataCategory, "name"),
    "source": (Source, "name"),
    "recipient": (Recipient, "name"),
    "security_measure": (SecurityMeasure, "title"),
}


def normalised(name: str) -> str:
    """A name as compared: case, runs of whitespace and a final full stop do not tell
    items apart."""
    return " ".join(name.split()).rstrip(".;:,").casefold()


def match_existing(controller: Controller, proposal: Proposal) -> None:
    """Set ``values["existing"]`` to the pk of the controller's own library item of
    the same name, for every library item of the proposal that names one.

    The same name means the same item, even where the proposal differs in detail
    (a description, a kind): the officer sees the tick on the review page and can
    untick it. An ``existing`` already set (by the officer, say) is kept.
    """
    for kind, (model, name_field) in LIBRARY_MODELS.items():
        items = [item for item in proposal.items if item.kind == kind]
        if not items:
            continue
        by_name: dict[str, int] = {}
        # Library order: where two names differ only in case, the first one wins.
        rows = model._default_manager.filter(controller=controller).order_by("position", "pk")
        for pk, name in rows.values_list("pk", name_field):
            by_name.setdefault(normalised(name), pk)
        for item in items:
            if item.values.get("existing") is not None:
                continue
            pk = by_name.get(normalised(str(item.values.get(name_field, ""))))
            if pk is not None:
                item.values["existing"] = pk
