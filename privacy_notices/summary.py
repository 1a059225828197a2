"""The "Lyhyesti" summary at the top of a notice: the first layer of a layered notice.

GDPR Art. 12(1) asks for information in a concise, transparent, intelligible and
easily accessible form; recital 58 and the WP29/EDPB transparency guidelines (WP260
rev.01, paras 35–37) recommend a layered notice whose first layer says who the
controller is, what is done with the data and what the data subject's rights are,
with the full notice one step away.

Every line is taken from the version's frozen content, the same content the full
text below it is rendered from: the summary repeats what the notice says and never
adds to it. A line whose facts the content does not state is left out; a summary
must not say "not stated" where the full text says nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

# How many names a line lists before pointing to the full section for the rest.
SHORT_LIST = 5


def _without_full_stop(value: str) -> str:
    """A listed value without the full stop that ends its own sentence, since the
    summary joins values with commas; an abbreviation's point ("jne.") stays."""
    words = value.split()
    if value.endswith(".") and not value.endswith("..") and len(words[-1]) > 5:
        return value[:-1]
    return value


def _distinct(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = _without_full_stop(value.strip())
        if value and value not in seen:
            seen.append(value)
    return seen


def _shortened(values: list[str]) -> dict[str, Any]:
    return {"names": values[:SHORT_LIST], "more": max(len(values) - SHORT_LIST, 0)}


def _reach(controller: dict[str, Any]) -> dict[str, str]:
    """Where a question goes: the contact person's address if given, else the
    controller's own (the same order as the notice's contact section)."""
    contact = controller.get("contact") or {}
    return {
        "email": contact.get("email") or controller.get("email") or "",
        "phone": contact.get("phone") or controller.get("phone") or "",
    }


def notice_summary(content: dict[str, Any], *, titles: dict[str, str]) -> list[dict[str, Any]]:
    """The summary's lines, each linking to the section of the full text it sums up.

    ``titles`` holds the titles of the sections the notice shows, by key: a line
    only sums up a section that is there.
    """
    shown = titles
    controller = content["controller"]
    registers = content["registers"]
    lines: list[dict[str, Any]] = []

    # Art. 13(1)(a): the controller's identity and contact details.
    name = controller["name"]
    if controller.get("trade_name"):
        name = f"{controller['trade_name']} ({controller['name']})"
    lines.append(
        {
            "key": "controller",
            "label": _("Kuka käsittelee tietojasi"),
            "name": name,
            **_reach(controller),
        }
    )

    # Art. 14(1)(d): the categories of personal data.
    categories = _distinct([c["name"] for r in registers for c in r["data_categories"]])
    if categories and "content" in shown:
        lines.append({"key": "content", "label": _("Mitä tietoja"), **_shortened(categories)})

    # Art. 13(1)(c): the purposes of the processing.
    purposes = _distinct([p["description"] for r in registers for p in r["purposes"]])
    if purposes and "purposes" in shown:
        lines.append(
            {"key": "purposes", "label": _("Mihin tietoja käytetään"), **_shortened(purposes)}
        )

    # Art. 13(2)(a): the period, or the criteria used to determine it. Only stated
    # periods are repeated; criteria are prose that a summary would have to shorten.
    rules = [rule for r in registers for rule in r["retention_rules"]]
    if rules and "retention" in shown:
        periods = _distinct(
            [
                f"{rule['data_category']}: {rule['period_text']}"
                if rule["data_category"]
                else rule["period_text"]
                for rule in rules
                if rule["period_text"]
            ]
        )
        lines.append({"key": "retention", "label": _("Kuinka kauan"), **_shortened(periods)})

    # Art. 13(2)(b)-(d): the rights; Art. 77 is stated in every notice's rights section.
    rights = _distinct([right["title"] for right in content["rights"]])
    rights = rights[:1] + [title[:1].lower() + title[1:] for title in rights[1:]]
    lines.append({"key": "rights", "label": _("Oikeutesi"), "names": rights, "complaint": True})

    # Art. 12(2): how the rights are exercised — the request form, else the contact.
    reach = _reach(controller)
    request_url = content.get("request_url", "")
    if request_url or reach["email"] or reach["phone"]:
        lines.append(
            {
                "key": "rights",
                "label": _("Näin käytät oikeuksiasi"),
                "request_url": request_url,
                **reach,
                "ask": True,
            }
        )
    for line in lines:
        line["anchor"] = f"s-{line['key']}"
        line["title"] = titles[line["key"]]
    return lines
