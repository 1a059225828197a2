"""PLACEHOLDER for the review's branch only: the importer's own module replaces it on merge.

Same names and signatures as the real importer; proposes only a register's name.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from registers.importing.proposal import Item, Passage, Proposal
from registers.importing.read import UnreadableFile
from registers.models import Controller


class NothingRecognised(UnreadableFile):
    """The text has none of the sections of a privacy notice."""


def propose(text: str, controller: Controller, *, origin: str, origin_kind: str) -> Proposal:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not any("rekisteri" in line.casefold() for line in lines):
        raise NothingRecognised(_("Tekstistä ei tunnistettu tietosuojaselosteen kohtia."))
    passages = [Passage(id=number, text=line) for number, line in enumerate(lines)]
    name = Item(
        key="name",
        kind="register_field",
        values={"field": "name", "value": lines[0][:200]},
        passages=[0],
        register=0,
    )
    return Proposal(
        origin=origin, origin_kind=origin_kind, passages=passages, register_count=1, items=[name]
    )
