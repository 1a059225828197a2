"""Joint controllers, the EU representative and sensitive data (Art. 9, 10, 26, 27;
tietosuojalaki 6, 7 and 29 §)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.findings import MISSING, WARNING, Findings
from privacy_notices.rendering import join_names
from privacy_notices.third_countries import is_third_country
from registers.models import RecipientRole, SpecialCategoryCondition

# Art. 9(2)(b), (g)-(j) rest on Union or national law (tietosuojalaki 1050/2018, 6 §).
CONDITIONS_REQUIRING_LAW = frozenset(
    {
        SpecialCategoryCondition.EMPLOYMENT,
        SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST,
        SpecialCategoryCondition.HEALTH_CARE,
        SpecialCategoryCondition.PUBLIC_HEALTH,
        SpecialCategoryCondition.ARCHIVING_RESEARCH,
    }
)


def joint_controller_findings(add: Any, register: dict[str, Any]) -> None:
    # GDPR Art. 26(2): the essence of the arrangement is made available to the data subject.
    joint = [
        r["name"] for r in register["recipients"] if r["role"] == RecipientRole.JOINT_CONTROLLER
    ]
    if joint and not register["joint_controller_arrangement"].strip():
        add(
            MISSING,
            "joint_controller_arrangement",
            _(
                "Rekisterissä %(register)s on yhteisrekisterinpitäjä (%(names)s): kerro "
                "järjestelyn keskeinen sisältö, eli kumpi vastaa mistäkin velvoitteesta ja "
                "kenen puoleen rekisteröity voi kääntyä"
            )
            % {"register": register["name"], "names": join_names(joint)},
            "26 art. 2 kohta",
            "id_joint_controller_arrangement",
        )


def representative_findings(found: Findings, controller: dict[str, Any]) -> None:
    # GDPR Art. 27(1), 13(1)(a): a controller not established in the Union names a
    # representative in it. EEA states (Iceland, Liechtenstein, Norway) apply the GDPR
    # through the EEA Agreement, so a controller there needs none: is_third_country.
    country = controller.get("country", "")
    if is_third_country(country) and not controller.get("representative", "").strip():
        found.add(
            MISSING,
            "representative",
            _(
                "Rekisterinpitäjän maa on %s, EU:n ja ETA:n ulkopuolella: nimeä edustaja "
                "unionissa ja kerro sen yhteystiedot, ellei 27 artiklan 2 kohdan poikkeus koske "
                "rekisterinpitäjää"
            )
            % country,
            "27 art., 13 art. 1 a",
            where="controller",
            field="id_representative",
        )


def sensitive_data_findings(found: Findings, register: dict[str, Any]) -> None:
    pk, name = register["id"], register["name"]

    def add(severity: str, code: str, message: str, article: str, *, library: bool) -> None:
        found.add(
            severity,
            f"{code}:{pk}",
            message,
            article,
            where="data_categories" if library else "register",
            field="" if library else "id_data_categories",
            register=None if library else pk,
        )

    for category in register["data_categories"]:
        law = category.get("law_reference", "").strip()
        # GDPR Art. 9(2)(b), (g)-(j); tietosuojalaki 6 §: the law that allows it.
        if (
            category["kind"] == "special"
            and category["special_condition"] in (CONDITIONS_REQUIRING_LAW)
            and not law
        ):
            add(
                MISSING,
                f"special_category_law:{category['name']}",
                _(
                    "Rekisterin %(register)s tietoryhmän %(category)s peruste (%(condition)s) "
                    "edellyttää lakia, joka sallii käsittelyn: kirjaa säädös tietoryhmään"
                )
                % {
                    "register": name,
                    "category": category["name"],
                    "condition": category["special_condition_label"],
                },
                "9 art. 2 b, g–j, tietosuojalaki 6 §",
                library=True,
            )
        # GDPR Art. 10; tietosuojalaki 7 §: only in the situations the section lists.
        elif category["kind"] == "criminal" and not law:
            add(
                WARNING,
                f"criminal:{category['name']}",
                _(
                    "Rekisterissä %(register)s on rikostuomioita tai rikkomuksia koskevia "
                    "tietoja (%(category)s): niitä saa käsitellä vain viranomaisen valvonnassa "
                    "tai tietosuojalain 7 §:ssä säädetyissä tilanteissa; kirjaa säädös "
                    "tietoryhmään"
                )
                % {"register": name, "category": category["name"]},
                "10 art., tietosuojalaki 7 §",
                library=True,
            )
        # Tietosuojalaki 29 §: the identity code only with consent, under a law, or where
        # unambiguous identification is important for a listed purpose; not on documents
        # printed or drawn up from the register without need.
        elif category["kind"] == "identity_code":
            add(
                WARNING,
                f"identity_code:{category['name']}",
                _(
                    "Rekisterissä %s käsitellään henkilötunnusta: se on sallittua vain "
                    "rekisteröidyn suostumuksella, laissa säädetyn tehtävän vuoksi tai kun "
                    "rekisteröidyn yksiselitteinen tunnistaminen on tärkeää tietosuojalain "
                    "29 §:ssä luetellussa tarkoituksessa. Henkilötunnusta ei saa merkitä "
                    "tarpeettomasti rekisteristä tulostettaviin tai laadittaviin asiakirjoihin."
                )
                % name,
                "tietosuojalaki 29 §",
                library=False,
            )
