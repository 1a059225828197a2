"""Turn a notice's frozen content into the template context, and the web page into HTML.

The web page, the PDF and the editor's preview all include
``privacy_notices/includes/_notice_body.html`` with the context made here, so they
cannot drift apart. Rendering reads only the content dict (a version's snapshot
or a draft built a moment ago), never the database.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy_notices.summary import notice_summary

SCREEN_CSS = "privacy_notices/notice.css"


def join_names(names: list[str]) -> str:
    """Names joined the Finnish way: "A, B ja C"."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s ja %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def finnish_date(iso: str) -> str:
    """An ISO timestamp as a Finnish date in Helsinki time, e.g. 9.12.2020."""
    moment = timezone.localtime(datetime.fromisoformat(iso))
    return f"{moment.day}.{moment.month}.{moment.year}"


def finnish_day(iso: str) -> str:
    """An ISO date (no time) as a Finnish date, e.g. 30.9.2018."""
    day = date.fromisoformat(iso)
    return f"{day.day}.{day.month}.{day.year}"


def group_registers(
    registers: list[dict[str, Any]], value: Any, *, skip_empty: bool = False
) -> list[dict[str, Any]]:
    """The registers grouped by equal section content, in notice order.

    A section whose content is the same for every register is written once without
    register headings (seed smart-time-oy: one security text for five registers);
    otherwise each group gets a heading naming its registers.
    """
    groups: list[dict[str, Any]] = []
    for register in registers:
        item = value(register)
        if skip_empty and not item:
            continue
        for group in groups:
            if group["value"] == item:
                group["names"].append(register["name"])
                break
        else:
            groups.append({"names": [register["name"]], "value": item})
    covers_all = len(groups) == 1 and len(groups[0]["names"]) == len(registers)
    headed = len(registers) > 1 and not covers_all
    for group in groups:
        group["heading"] = join_names(group["names"]) if headed else ""
        # Sub-headings sit one level below the register heading, if there is one.
        group["sub"] = 4 if headed else 3
    return groups


def _distinct(values: list[str]) -> list[str]:
    return [v for i, v in enumerate(values) if v and v not in values[:i]]


# Each section's value for one register is empty when the register states nothing
# for it: such a register is left out of the section, and a section no register
# states anything for is left out of the notice. A published notice never says that
# the organisation did not state something; the completeness check tells the officer.
# Keys added after content schema 1 are read with defaults, so old versions render.


# A frozen basis label, "Sopimus (6 art. 1 b)": its name and its GDPR point.
_BASIS_LABEL = re.compile(
    r"(?P<name>.+?) \((?P<article>\d+) art\. (?P<paragraph>\d+) (?P<point>[a-f])\)"
)


def basis_phrase(label: str) -> str:
    """A legal basis as it reads inside a sentence, without nested brackets:
    "sopimus, 6 artiklan 1 kohdan b alakohta". A label of another shape is kept."""
    match = _BASIS_LABEL.fullmatch(label)
    if match is None:
        return label
    return _("%(name)s, %(article)s artiklan %(paragraph)s kohdan %(point)s alakohta") % {
        "name": match["name"][:1].lower() + match["name"][1:],
        "article": match["article"],
        "paragraph": match["paragraph"],
        "point": match["point"],
    }


def _purposes(register: dict[str, Any]) -> dict[str, Any]:
    purposes = register["purposes"]
    if not purposes and not register["purposes_note"]:
        return {}
    bases = _distinct([p["legal_basis_label"] for p in purposes])
    return {
        "purposes": [{**p, "basis_phrase": basis_phrase(p["legal_basis_label"])} for p in purposes],
        # One basis is stated once below the purposes; several are given per purpose.
        "bases": bases if len(bases) == 1 else [],
        "interests": _distinct([p["legitimate_interest"] for p in purposes]),
        "note": register["purposes_note"],
    }


def _contents(register: dict[str, Any]) -> dict[str, Any]:
    subjects, categories = register["data_subject_categories"], register["data_categories"]
    return {"subjects": subjects, "categories": categories} if subjects or categories else {}


def _recipients(register: dict[str, Any]) -> dict[str, Any]:
    recipients, note = register["recipients"], register["recipients_note"]
    # Schema 1 had no statement: its notices said "no regular disclosures" for none.
    statement = register.get("recipients_statement", "listed" if recipients else "none")
    denied = statement == "none" and not recipients
    if not (recipients or denied or note):
        return {}
    return {"recipients": recipients, "none": denied, "note": note}


def _transfers(register: dict[str, Any]) -> dict[str, Any]:
    transfers, note = register["transfers"], register.get("transfers_note", "")
    # GDPR Art. 13(1)(f): "no transfers" only where the organisation said so.
    statement = register.get("transfers_statement", "listed" if transfers else "none")
    denied = statement == "none" and not transfers
    if not (transfers or denied or note):
        return {}
    details = _distinct([t["safeguard_details"] for t in transfers])
    # One explanation shared by every transfer is printed once, below the list.
    shared = (
        details[0] if len(details) == 1 and all(t["safeguard_details"] for t in transfers) else ""
    )
    return {"transfers": transfers, "shared_details": shared, "none": denied, "note": note}


def _sources(register: dict[str, Any]) -> dict[str, Any]:
    sources = register["sources"]
    # GDPR Art. 14(3) when people are told of data from elsewhere, 14(5) the exemption
    # relied on; content published before issue 10 lacks both.
    timing = register.get("informing_timing", "")
    exemption = register.get("informing_exemption", "")
    if not (sources or timing or exemption):
        return {}
    return {"sources": sources, "timing": timing, "exemption": exemption}


def _security(register: dict[str, Any]) -> list[dict[str, Any]]:
    by_material: dict[str, dict[str, Any]] = {}
    for measure in register["security_measures"]:
        group = by_material.setdefault(
            measure["material"], {"label": measure["material_label"], "measures": []}
        )
        group["measures"].append(measure)
    order = ["general", "manual", "electronic"]
    return sorted(by_material.values(), key=lambda g: order.index(g["measures"][0]["material"]))


def _cookies(register: dict[str, Any]) -> dict[str, Any]:
    if not (register["covers_website"] or register["cookies"] or register["cookies_note"]):
        return {}
    by_purpose: dict[str, list[dict[str, Any]]] = {}
    for cookie in register["cookies"]:
        by_purpose.setdefault(cookie["purpose"], []).append(cookie)
    return {
        "covers_website": register["covers_website"],
        "note": register["cookies_note"],
        "purposes": [{"purpose": k, "cookies": v} for k, v in by_purpose.items()],
    }


def _automated(register: dict[str, Any]) -> dict[str, Any]:
    return {
        "automated_decisions": register["automated_decisions"],
        "profiling": register["profiling"],
        "description": register["automated_decisions_description"],
        # GDPR Art. 22(2), 13(2)(f): the exception the decisions rest on.
        "exception": register.get("automated_decision_exception_label", "")
        if register["automated_decisions"]
        else "",
    }


def _provision(register: dict[str, Any]) -> dict[str, Any]:
    label = register["provision_requirement_label"]
    # GDPR Art. 13(2)(e); schema 1 printed the choice's label as the sentence.
    statement = register.get("provision_statement", f"{label}." if label else "")
    consequences = register["provision_consequences"]
    if not (statement or consequences):
        return {}
    return {"statement": statement, "consequences": consequences}


def _rights(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The derived rights, each with the organisation's own texts on how it is exercised
    (GDPR Art. 12(2)): the controller's first, then each register's.

    A register's text is shown only under a right that holds for that register (a
    portability text of a register resting on legitimate interests is not published).
    Content published before these texts existed has no ``right_procedures``: its
    rights get no texts, and the page reads exactly as it did.
    """
    registers = content["registers"]
    controller_texts = content["controller"].get("right_procedures") or {}
    rights = []
    for right in content["rights"]:
        code = right["code"]
        procedures = []
        if controller_texts.get(code):
            procedures.append({"heading": "", "text": controller_texts[code]})
        # Registers with the same text share it, named together (several registers only).
        groups: list[dict[str, Any]] = []
        for register in registers:
            text = (register.get("right_procedures") or {}).get(code)
            if not text or (right["registers"] and register["name"] not in right["registers"]):
                continue
            for group in groups:
                if group["text"] == text:
                    group["names"].append(register["name"])
                    break
            else:
                groups.append({"names": [register["name"]], "text": text})
        procedures += [
            {"heading": join_names(g["names"]) if len(registers) > 1 else "", "text": g["text"]}
            for g in groups
        ]
        rights.append({**right, "procedures": procedures})
    return rights


OMBUDSMAN_NAMES = {"tietosuojavaltuutetun toimisto", "tietosuojavaltuutettu"}

# The old rekisteriseloste's headings (henkilötietolaki 523/1999, 10 §), which a notice
# may keep (PrivacyNotice.traditional_headings); content published before the choice
# existed used them.
TRADITIONAL_TITLES = {
    "sources": gettext_lazy("Säännönmukaiset tietolähteet"),
    "recipients": gettext_lazy("Tietojen säännönmukaiset luovutukset"),
}

SECTION_TITLES = {
    "controller": gettext_lazy("Rekisterinpitäjä"),
    "contact": gettext_lazy("Yhteyshenkilö ja tietosuojavastaava"),
    "register": gettext_lazy("Rekisterin nimi"),
    "registers": gettext_lazy("Rekisterit"),
    "purposes": gettext_lazy("Käsittelyn tarkoitus ja oikeusperuste"),
    "content": gettext_lazy("Rekisterin tietosisältö"),
    # The GDPR's words (Art. 13(1)(e), 14(2)(f)); a processor receives data but is
    # not a disclosure ("luovutus") of the old rekisteriseloste's headings.
    "sources": gettext_lazy("Mistä tiedot saadaan"),
    "recipients": gettext_lazy("Henkilötietojen vastaanottajat"),
    "transfers": gettext_lazy("Tietojen siirto EU:n tai ETA:n ulkopuolelle"),
    "security": gettext_lazy("Rekisterin suojauksen periaatteet"),
    "retention": gettext_lazy("Säilytysaika"),
    "rights": gettext_lazy("Rekisteröidyn oikeudet"),
    "provision": gettext_lazy("Lakisääteinen tai sopimukseen perustuva vaatimus"),
    "automated": gettext_lazy("Automaattinen päätöksenteko ja profilointi"),
    "cookies": gettext_lazy("Evästeet"),
    "joint": gettext_lazy("Yhteisrekisterinpitäjyys"),
    "changes": gettext_lazy("Selosteen muutokset"),
}


def notice_context(content: dict[str, Any], *, draft: bool = False) -> dict[str, Any]:
    """The template context of the notice body, made from its content alone."""
    registers = content["registers"]
    multi = len(registers) > 1
    sections = {
        "purposes": group_registers(registers, _purposes, skip_empty=True),
        "contents": group_registers(registers, _contents, skip_empty=True),
        "sources": group_registers(registers, _sources, skip_empty=True),
        "recipients": group_registers(registers, _recipients, skip_empty=True),
        "transfers": group_registers(registers, _transfers, skip_empty=True),
        "security": group_registers(registers, _security, skip_empty=True),
        "retention": group_registers(registers, lambda r: r["retention_rules"], skip_empty=True),
        "provision": group_registers(registers, _provision, skip_empty=True),
        "automated": group_registers(registers, _automated),
        "cookies": group_registers(registers, _cookies, skip_empty=True),
        "joint": group_registers(
            registers, lambda r: r["joint_controller_arrangement"], skip_empty=True
        ),
    }
    # Section key -> the context entry that must be non-empty for it to be shown.
    shown = {
        "controller": True,
        "contact": True,
        "registers" if multi else "register": bool(registers),
        "purposes": sections["purposes"],
        "content": sections["contents"],
        "sources": sections["sources"],
        "recipients": sections["recipients"],
        "transfers": sections["transfers"],
        "security": sections["security"],
        "retention": sections["retention"],
        "rights": True,
        "provision": sections["provision"],
        "automated": sections["automated"],
        "cookies": sections["cookies"],
        "joint": sections["joint"],
        "changes": True,
    }
    keys = [key for key, present in shown.items() if present]
    # A single-register notice reads as numbered sections (seeds smartum-oy, timmi).
    names = {
        **SECTION_TITLES,
        **(TRADITIONAL_TITLES if content.get("traditional_headings", True) else {}),
    }
    titles = {
        key: f"{n}. {names[key]}" if not multi else names[key]
        for n, key in enumerate(keys, start=1)
    }
    titles["register_block"] = titles.get("registers") or titles.get("register", "")
    # The table of contents (GDPR Art. 12(1), "easily accessible"): the sections
    # shown, numbered as they are. Both register keys use the id "s-register".
    toc = [
        {"id": "s-register" if key == "registers" else f"s-{key}", "title": titles[key]}
        for key in keys
    ]
    version = content.get("version")
    history = [
        {**entry, "date": finnish_date(entry["published_at"])} for entry in content["history"]
    ]
    # Contents frozen before the notice had dates of its own lack these keys; they
    # render exactly as they did (page_safety.py compares an imported page with
    # what this release renders from its content).
    earlier_history = [
        {"date": finnish_day(entry["date"]), "text": entry["text"]}
        for entry in content.get("earlier_history", [])
    ]
    drafted_on = content.get("drafted_on")
    has_dates = "earlier_history" in content
    return {
        "notice": content,
        "controller": content["controller"],
        "registers": registers,
        "multi": multi,
        "draft": draft,
        "titles": titles,
        "toc": toc,
        "summary": notice_summary(content, titles={key: titles[key] for key in keys}),
        "version": version,
        "published_date": finnish_date(version["published_at"]) if version else "",
        "history": history,
        "earlier_history": earlier_history,
        "drafted_date": finnish_day(drafted_on) if drafted_on else "",
        # A version's page says when it was updated: its own publication date (a
        # draft has no version, so no date).
        "updated_date": finnish_date(version["published_at"]) if version and has_dates else "",
        **sections,
        "consent_withdrawal": _distinct([r["consent_withdrawal"] for r in registers]),
        "rights": _rights(content),
        # Tietosuojalaki 8 §: in Finland the supervisory authority is the Data
        # Protection Ombudsman; the sentence says so only when the fields name its office.
        "authority_is_ombudsman": content["controller"]["authority"]["name"].strip().casefold()
        in OMBUDSMAN_NAMES,
    }


@cache
def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).read_text(encoding="utf-8")


def _site_of(url: str) -> str:
    """The scheme and host of an absolute http(s) address, or "" for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def public_links(content: dict[str, Any]) -> dict[str, str]:
    """Paths of a version's own files; part of its frozen page, so they never change."""
    kwargs = {"org": content["controller"]["slug"], "notice": content["slug"]}
    number = content["version"]["number"]
    version_path = reverse("public_notices:version", kwargs={**kwargs, "number": number})
    return {
        # The version's permanent address in full, for the printed page's footer. The
        # site's address is the one frozen into the content with the request form's
        # (publishing.request_form_url); content published before it has only the path.
        "address": _site_of(content.get("request_url", "")) + version_path,
        "latest": reverse("public_notices:latest", kwargs=kwargs),
        "versions": reverse("public_notices:versions", kwargs=kwargs),
        "organisation": reverse("public_notices:organisation", kwargs={"org": kwargs["org"]}),
        "version": version_path,
        "pdf": reverse("public_notices:pdf", kwargs={**kwargs, "number": number}),
        "json": reverse("public_notices:json", kwargs={**kwargs, "number": number}),
    }


def render_notice_page(content: dict[str, Any], *, draft: bool = False) -> str:
    """The whole public web page of a notice, self-contained (its CSS is inline).

    The page is stored with its version and served as it is, so it must not depend
    on anything that can change later, such as hashed static file names.
    """
    context = notice_context(content, draft=draft)
    context["css"] = _static_text(SCREEN_CSS)
    context["links"] = None if draft else public_links(content)
    return render_to_string("privacy_notices/notice_page.html", context)
