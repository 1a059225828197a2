"""The placement report: where each proposed value came from and what was left unplaced.

``manage.py import_notice`` prints it; it is plain data so that it can also be
written as JSON for a migration of many notices at once.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from registers.importing.proposal import Item, Proposal

KIND_NAMES = {
    "controller": _("Rekisterinpitäjä"),
    "right_procedure": _("Oikeuksien käyttäminen"),
    "register_field": _("Rekisterin tieto"),
    "purpose": _("Käsittelyn tarkoitus"),
    "data_subject_category": _("Rekisteröityjen ryhmä"),
    "data_category": _("Tietoryhmä"),
    "source": _("Tietolähde"),
    "recipient": _("Vastaanottaja"),
    "security_measure": _("Suojaus"),
    "transfer": _("Siirto EU:n tai ETA:n ulkopuolelle"),
    "retention_rule": _("Säilytys"),
    "cookie": _("Eväste"),
    "notice_field": _("Selosteen teksti"),
    "earlier_change": _("Selosteen muutos"),
}


def _summary(item: Item) -> str:
    values = item.values
    if "field" in values:
        return f"{values['field']}: {values['value']}"
    for key in ("name", "description", "title", "criteria", "text", "recipient", "date"):
        if values.get(key):
            return str(values[key])
    return ""


def _item(item: Item, skipped: dict[str, list[str]]) -> dict[str, Any]:
    entry = {
        "key": item.key,
        "kind": item.kind,
        "kind_name": str(KIND_NAMES[item.kind]),
        "summary": _summary(item),
        "values": item.values,
        "passages": item.passages,
        "notes": item.notes,
    }
    if item.key in skipped:
        entry["not_saved"] = skipped[item.key]
    return entry


def placement_report(
    proposal: Proposal,
    *,
    created: list[str] | None = None,
    skipped: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    skipped = skipped or {}
    return {
        "origin": proposal.origin,
        "controller": [
            _item(item, skipped) for item in proposal.items_of(None) if item.level == "controller"
        ],
        "notice": [_item(item, skipped) for item in proposal.items if item.level == "notice"],
        "registers": [
            {
                "name": proposal.register_name(index),
                "items": [_item(item, skipped) for item in proposal.items_of(index)],
            }
            for index in range(proposal.register_count)
        ],
        "unplaced": [
            {
                "id": passage.id,
                "heading": passage.heading,
                "text": passage.text,
                "hint": passage.hint,
            }
            for passage in proposal.unplaced()
        ],
        "created": created or [],
    }


def format_report(report: dict[str, Any], *, dry_run: bool) -> str:
    lines = [_("Tuonti: %(origin)s") % {"origin": report["origin"]}, ""]

    def items(entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            where = ", ".join(str(p) for p in entry["passages"]) or "–"
            line = f"  {entry['kind_name']}: {entry['summary'][:100]}  [{_('kohdat')} {where}]"
            lines.append(line)
            for note in entry["notes"]:
                lines.append(f"    ! {note}")
            for message in entry.get("not_saved", []):
                lines.append(f"    {_('EI TALLENNETTU')}: {message}")

    lines.append(_("Rekisterinpitäjä:"))
    items(report["controller"])
    if report["notice"]:
        lines.append(_("Seloste:"))
        items(report["notice"])
    for register in report["registers"]:
        lines.append("")
        lines.append(_("Rekisteri: %(name)s") % {"name": register["name"]})
        items(register["items"])
    lines.append("")
    lines.append(
        _("Sijoittamatta jääneet kohdat (%(count)s):") % {"count": len(report["unplaced"])}
    )
    for passage in report["unplaced"]:
        lines.append(f"  [{passage['id']}] {passage['text']}")
        if passage["hint"]:
            lines.append(f"    ({passage['hint']})")
    lines.append("")
    if dry_run:
        lines.append(_("Kokeiluajo: mitään ei tallennettu."))
    else:
        lines.append(
            _("Luotiin luonnoksina (ei missään selosteessa): %(names)s")
            % {"names": ", ".join(report["created"]) or "–"}
        )
    return "\n".join(lines)
