"""Matching proposed library items with the organisation's own items of the same meaning."""

from __future__ import annotations

import re

from registers.importing.proposal import LIBRARY_KINDS, Proposal
from registers.models import Controller, DataCategory, Recipient, SecurityMeasure, Source

_MODELS = {
    "data_category": (DataCategory, "name"),
    "source": (Source, "name"),
    "recipient": (Recipient, "name"),
    "security_measure": (SecurityMeasure, "title"),
}


def normal_name(text: str) -> str:
    """Case, spacing and final punctuation do not change what a name means."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".;:,").casefold()


def match_existing(controller: Controller, proposal: Proposal) -> None:
    """Point each library item at the organisation's item of the same name, if any."""
    for kind in LIBRARY_KINDS:
        model, field = _MODELS[kind]
        existing = {
            normal_name(name): pk
            for pk, name in model.objects.filter(controller=controller).values_list("pk", field)
        }
        for item in proposal.items:
            if item.kind == kind:
                item.values["existing"] = existing.get(normal_name(str(item.values.get(field, ""))))
