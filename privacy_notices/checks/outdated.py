"""References to the repealed henkilötietolaki 523/1999 and its terms."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.findings import MISSING, Findings

# Henkilötietolaki 523/1999, repealed 1.1.2019 by tietosuojalaki 1050/2018, and the
# terms it coined: the act in any inflection (henkilötietolaki, -lain, -lakiin,
# -laissa, ...) but not "henkilötietolainsäädäntö" (personal data legislation, still
# apt) nor "tietosuojalaki"; its "rekisteriseloste" (10 §); its "tarkastus-, kielto- ja
# korjausoikeus" (26-30 §).
REPEALED_ACT_RE = re.compile(
    r"\bhenkilötietola(?:ki|i(?!nsäädän))\w*"
    r"|\b523/1999\b"
    r"|\brekisteriselost\w*"
    r"|\btarkastus-\s*,?\s*(?:kielto-\s*,?\s*)?(?:ja\s+)?korjausoikeu\w*",
    re.IGNORECASE,
)


def texts_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_of(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_of(v)]
    return []


def repealed_act_findings(found: Findings, content: dict[str, Any]) -> None:
    places: list[tuple[str, str, str, int | None]] = [
        (t, "notice", "id_intro", None) for t in texts_of([content["intro"]])
    ]
    places += [
        (t, "notice", "id_change_policy", None) for t in texts_of([content["change_policy"]])
    ]
    places += [
        (t, "controller", "id_rights_instructions", None)
        for t in texts_of(content["controller"]["rights_instructions"])
    ]
    for register in content["registers"]:
        places += [(t, "register", "", register["id"]) for t in texts_of(register)]
    # One finding per place (the notice, the organisation, each register), naming the
    # terms found there. Missing-grade: outdated law misinforms the reader (Art. 12(1)).
    names = {r["id"]: r["name"] for r in content["registers"]}
    terms: dict[tuple[str, int | None], tuple[str, list[str]]] = {}
    for text, where, field, register in places:
        for match in REPEALED_ACT_RE.finditer(text):
            found_terms = terms.setdefault((where, register), (field, []))[1]
            if match.group(0).casefold() not in (t.casefold() for t in found_terms):
                found_terms.append(match.group(0))
    for (where, register), (field, found_terms) in terms.items():
        place = {
            "notice": _("Selosteen tekstissä"),
            "controller": _("Rekisterinpitäjän tiedoissa"),
        }.get(where) or _("Rekisterissä %s") % names[register]
        found.add(
            MISSING,
            f"repealed_act:{where}:{register or ''}",
            _(
                "%(place)s viitataan kumottuun henkilötietolakiin (523/1999) tai käytetään sen "
                "käsitteitä (%(terms)s). Laki kumottiin 1.1.2019; viittaa EU:n yleiseen "
                "tietosuoja-asetukseen ja tietosuojalakiin (1050/2018) ja käytä asetuksen "
                "käsitteitä, esim. ”tietosuojaseloste” ja ”oikeus saada pääsy tietoihin”"
            )
            % {"place": place, "terms": ", ".join(f"”{t}”" for t in found_terms)},
            "tietosuojalaki 1050/2018, 12 art. 1 kohta",
            where=where,
            field=field,
            register=register,
        )
