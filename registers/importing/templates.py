"""PLACEHOLDER for the review's branch only: the templates' own module replaces it on merge."""

from __future__ import annotations

from dataclasses import dataclass

from registers.importing.proposal import Item, Proposal
from registers.models import Controller


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    summary: str


_TEMPLATES = {
    "asiakasrekisteri": Template("asiakasrekisteri", "Asiakasrekisteri", "Asiakkuuden hoito."),
}


def available_templates() -> list[Template]:
    return list(_TEMPLATES.values())


def template_proposal(key: str, controller: Controller) -> Proposal:
    template = _TEMPLATES.get(key)
    if template is None:
        raise LookupError(key)
    name = Item(
        key="t.register_field.name",
        kind="register_field",
        values={"field": "name", "value": template.title},
        register=0,
    )
    return Proposal(origin=template.title, origin_kind="template", register_count=1, items=[name])
