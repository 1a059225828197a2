"""The record of processing activities (seloste käsittelytoimista), GDPR Art. 30(1).

Built from the same structured data as the notices: one entry per active register
of the controller, each covering items (a)-(g). Internal: given to the supervisory
authority on request (Art. 30(4)), never published.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy_notices.content import controller_content, register_content, register_queryset
from privacy_notices.rendering import basis_phrase, finnish_date
from privacy_notices.spreadsheet_csv import spreadsheet_csv
from registers.models import Controller, RecipientRole

# (key, column heading with the Art. 30(1) point it answers), translated when shown
COLUMNS = [
    ("controller", gettext_lazy("Rekisterinpitäjä ja yhteystiedot (30 art. 1 a)")),
    ("representative", gettext_lazy("Edustaja (30 art. 1 a)")),
    ("dpo", gettext_lazy("Tietosuojavastaava (30 art. 1 a)")),
    ("joint_controllers", gettext_lazy("Yhteisrekisterinpitäjät (30 art. 1 a)")),
    ("register", gettext_lazy("Rekisteri")),
    ("purposes", gettext_lazy("Käsittelyn tarkoitukset ja oikeusperusteet (30 art. 1 b)")),
    ("data_subjects", gettext_lazy("Rekisteröityjen ryhmät (30 art. 1 c)")),
    ("data_categories", gettext_lazy("Henkilötietoryhmät (30 art. 1 c)")),
    ("recipients", gettext_lazy("Vastaanottajien ryhmät (30 art. 1 d)")),
    ("transfers", gettext_lazy("Siirrot kolmansiin maihin ja suojatoimet (30 art. 1 e)")),
    ("retention", gettext_lazy("Poistamisen määräajat (30 art. 1 f)")),
    ("security", gettext_lazy("Tekniset ja organisatoriset turvatoimet (30 art. 1 g)")),
]


def _lines(items: list[str]) -> str:
    return "\n".join(i for i in items if i)


def _controller_text(c: dict[str, Any]) -> str:
    return _lines(
        [
            c["name"],
            f"{_('Toiminimi')} {c['trade_name']}" if c.get("trade_name") else "",
            f"{_('Y-tunnus')} {c['business_id']}" if c["business_id"] else "",
            c["postal_address"],
            c["email"],
            c["phone"],
            _("Yhteyshenkilö: %s")
            % ", ".join(
                v for v in (c["contact"]["name"], c["contact"]["email"], c["contact"]["phone"]) if v
            )
            if c["contact"]["name"] or c["contact"]["email"]
            else "",
        ]
    )


# Appendices other apps add to the record (subjects: the yearly counts of requests),
# registered from their AppConfig.ready(), so that this app never imports them. Each
# returns {"title", "intro", "tables": [{"caption", "headings", "rows"}]} or None.
Appendix = Callable[[Controller], dict[str, Any] | None]
APPENDICES: list[Appendix] = []


def add_appendix(appendix: Appendix) -> Appendix:
    if appendix not in APPENDICES:
        APPENDICES.append(appendix)
    return appendix


# The same for every register: printed once at the top of the PDF.
ORGANISATION_KEYS = ("controller", "representative", "dpo")


def _organisation_entry(c: dict[str, Any]) -> dict[str, str]:
    dpo = c["dpo"]
    return {
        "controller": _controller_text(c),
        "representative": c["representative"] or _("Ei edustajaa (rekisterinpitäjä on EU:ssa)"),
        "dpo": _lines([dpo["name"], dpo["email"], dpo["phone"]])
        if dpo["appointed"]
        else _("Ei nimitetty"),
    }


def _stated(statement: str, no: str) -> str:
    """An empty list is "none" only where the organisation said so."""
    return no if statement == "none" else _("Ei ilmoitettu")


def _register_entry(c: dict[str, Any], r: dict[str, Any]) -> dict[str, str]:
    none = _("Ei")
    joint = [x["name"] for x in r["recipients"] if x["role"] == RecipientRole.JOINT_CONTROLLER]
    return {
        **_organisation_entry(c),
        "joint_controllers": _lines([", ".join(joint), r["joint_controller_arrangement"]]) or none,
        "register": _lines([r["name"], r["description"]]),
        "purposes": _lines(
            [
                f"{p['description']} ({basis_phrase(p['legal_basis_label'])}"
                + (f"; {p['law_reference']}" if p["law_reference"] else "")
                + ")"
                for p in r["purposes"]
            ]
            + [p["legitimate_interest"] for p in r["purposes"] if p["legitimate_interest"]][:1]
        ),
        "data_subjects": _lines([s["name"] for s in r["data_subject_categories"]]),
        "data_categories": _lines(
            [
                d["name"] + (f" ({d['kind_label']})" if d["kind"] != "ordinary" else "")
                for d in r["data_categories"]
            ]
        ),
        "recipients": _lines(
            [
                f"{x['name']}, {x['role_label'].lower()}"
                + (f", {x['country']}" if x["country"] else "")
                for x in r["recipients"]
            ]
            + [r["recipients_note"]]
        )
        or _stated(r["recipients_statement"], _("Ei luovutuksia")),
        "transfers": _lines(
            [
                f"{t['recipient']}, {t['country']}: {t['safeguard_label']}"
                + (f". {t['safeguard_details']}" if t["safeguard_details"] else "")
                for t in r["transfers"]
            ]
            + [r["transfers_note"]]
        )
        or _stated(r["transfers_statement"], _("Ei siirtoja EU:n tai ETA:n ulkopuolelle")),
        "retention": _lines(
            [
                ": ".join(v for v in (x["data_category"], x["period_text"], x["criteria"]) if v)
                for x in r["retention_rules"]
            ]
        ),
        "security": _lines(
            [f"{m['material_label']}: {m['title']}. {m['text']}" for m in r["security_measures"]]
        ),
    }


def build_record(controller: Controller) -> dict[str, Any]:
    c = controller_content(controller)
    registers = register_queryset().for_controller(controller).active().order_by("name")
    rows = [(r.name, _register_entry(c, register_content(r))) for r in registers]
    organisation = _organisation_entry(c)
    return {
        "controller": c,
        "organisation": [
            (str(heading), organisation[key])
            for key, heading in COLUMNS
            if key in ORGANISATION_KEYS
        ],
        "entries": [
            {
                "name": name,
                "items": [
                    (str(heading), row[key])
                    for key, heading in COLUMNS
                    if key not in ORGANISATION_KEYS
                ],
            }
            for name, row in rows
        ],
        "rows": [row for _name, row in rows],
        "appendices": [found for found in (a(controller) for a in APPENDICES) if found],
        "date": finnish_date(timezone.now().isoformat()),
    }


def record_csv(record: dict[str, Any]) -> bytes:
    """A heading row, then one row per register."""
    header = [str(heading) for _key, heading in COLUMNS]
    return spreadsheet_csv([header, *([row[key] for key, _ in COLUMNS] for row in record["rows"])])
