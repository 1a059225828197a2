"""The data subject's rights, derived from the legal bases rather than typed by hand.

GDPR Art. 13(2)(b)-(d) and 14(2)(c)-(e): which rights a notice must tell about
depends on what the processing rests on (see ../shared/GDPR_CHECKLIST.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.models import (
    RIGHT_BASES,
    AutomatedDecisionException,
    DataSubjectRight,
    LegalBasis,
)

# A law named in a text: "kirjanpitolain", "työsopimuslaki", "1336/1997".
LAW_REFERENCE_RE = re.compile(
    r"\w*(laki|lakia|lain|laissa|laista|lakiin|lailla|lakien|laeissa|laeista|laeilla|"
    r"asetus|asetuksen|asetuksessa)\b"
    r"|\b\d{1,4}/(19|20)\d{2}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RegisterFacts:
    """What the derivation needs to know of one register."""

    name: str
    legal_bases: frozenset[str]
    automated_decisions: bool
    # GDPR Art. 9(2)(a): explicit consent to special categories.
    explicit_consent: bool = False
    # A retention rule of the register cites a law (GDPR Art. 17(3)(b)).
    statutory_retention: bool = False
    # GDPR Art. 22(2): the exception the automated decisions rest on.
    automated_exception: str = ""


def _names_where(registers: Sequence[RegisterFacts], bases: frozenset[str]) -> list[str]:
    # GDPR Art. 7(3), 13(2)(c), 14(2)(d) and 20(1)(a) name explicit consent under
    # Art. 9(2)(a) beside consent under Art. 6(1)(a).
    def consents(register: RegisterFacts) -> bool:
        return register.explicit_consent and LegalBasis.CONSENT in bases

    return [r.name for r in registers if r.legal_bases & bases or consents(r)]


def _right(
    code: DataSubjectRight, article: str, text: str, registers: list[str], all_names: list[str]
) -> dict[str, object]:
    # A right that holds for only some of a notice's registers names them.
    return {
        "code": code.value,
        "title": str(code.label),
        "article": article,
        "text": text,
        "registers": [] if registers == all_names else registers,
    }


def derive_rights(registers: Sequence[RegisterFacts]) -> list[dict[str, object]]:
    """The rights of the data subject, in the order a Finnish notice presents them.

    Always access, rectification, erasure, restriction, the objection to direct
    marketing and the complaint (the complaint is written by the template, with the
    authority's contact details). Withdrawal of consent where consent is a basis,
    portability where consent or contract is, objection where legitimate interest
    or public task is, Art. 22 where solely automated decisions are made.
    """
    names = [r.name for r in registers]
    rights: list[dict[str, object]] = [
        _right(
            DataSubjectRight.ACCESS,
            "15 art.",
            _(
                "Sinulla on oikeus saada vahvistus siitä, käsitelläänkö henkilötietojasi, ja "
                "saada pääsy tietoihisi sekä jäljennös niistä."
            ),
            names,
            names,
        ),
        _right(
            DataSubjectRight.RECTIFICATION,
            "16 art.",
            _(
                "Sinulla on oikeus vaatia, että virheelliset tiedot oikaistaan ja puutteelliset "
                "tiedot täydennetään ilman aiheetonta viivytystä."
            ),
            names,
            names,
        ),
    ]
    # GDPR Art. 17(1): the grounds, among them (b) withdrawn consent where there is no
    # other legal ground; Art. 17(3): the exceptions hold "siltä osin kuin käsittely on
    # tarpeen", whatever basis a purpose states: (b) a legal obligation or a task in the
    # public interest, (e) legal claims.
    erasure = _(
        "Sinulla on oikeus saada tietosi poistetuiksi (oikeus tulla unohdetuksi) "
        "esimerkiksi silloin, kun tietoja ei enää tarvita niihin tarkoituksiin, joita varten "
        "ne kerättiin, tai kun peruutat suostumuksen, johon käsittely perustuu, eikä "
        "käsittelylle ole muuta oikeusperustetta. Oikeus ei koske tietoja siltä osin kuin "
        "käsittely on tarpeen rekisterinpitäjän lakisääteisen velvoitteen noudattamiseksi, "
        "yleistä etua koskevan tehtävän suorittamiseksi tai oikeusvaateen laatimiseksi, "
        "esittämiseksi tai puolustamiseksi (17 art. 3 kohta)."
    )
    statutory = [r.name for r in registers if r.statutory_retention]
    if statutory:
        # Art. 17(3)(b): data a law obliges the controller to keep (e.g. kirjanpitolaki).
        erasure += " " + _(
            "Lain edellyttämät säilytysajat on kerrottu kohdassa Säilytysaika (%(registers)s)."
        ) % {"registers": ", ".join(statutory)}
    rights.append(_right(DataSubjectRight.ERASURE, "17 art.", erasure, names, names))
    rights.append(
        _right(
            DataSubjectRight.RESTRICTION,
            "18 art.",
            _(
                "Sinulla on oikeus vaatia, että tietojesi käsittelyä rajoitetaan esimerkiksi "
                "siksi aikaa, kun tietojen paikkansapitävyyttä tarkistetaan."
            ),
            names,
            names,
        )
    )
    portable = _names_where(registers, RIGHT_BASES[DataSubjectRight.PORTABILITY])
    if portable:
        rights.append(
            _right(
                DataSubjectRight.PORTABILITY,
                "20 art.",
                _(
                    "Sinulla on oikeus saada itse toimittamasi tiedot jäsennellyssä, yleisesti "
                    "käytetyssä ja koneellisesti luettavassa muodossa ja siirtää ne toiselle "
                    "rekisterinpitäjälle, kun käsittely perustuu suostumukseesi (myös "
                    "nimenomaiseen suostumukseen erityisten henkilötietoryhmien käsittelyyn) "
                    "tai sopimukseen ja käsittely suoritetaan automaattisesti (20 art. 1 "
                    "kohta)."
                ),
                portable,
                names,
            )
        )
    objectable = _names_where(registers, RIGHT_BASES[DataSubjectRight.OBJECTION])
    if objectable:
        rights.append(
            _right(
                # GDPR Art. 21(1), in the words of the Finnish text.
                DataSubjectRight.OBJECTION,
                "21 art. 1 kohta",
                _(
                    "Sinulla on oikeus henkilökohtaiseen erityiseen tilanteeseesi liittyvällä "
                    "perusteella vastustaa tietojesi käsittelyä, joka perustuu oikeutettuun "
                    "etuun tai yleistä etua koskevaan tehtävään. Tällöin tietoja ei enää "
                    "käsitellä, ellei rekisterinpitäjä osoita, että käsittelyyn on huomattavan "
                    "tärkeä ja perusteltu syy, joka syrjäyttää etusi, oikeutesi ja vapautesi, "
                    "tai että käsittely on tarpeen oikeusvaateen laatimiseksi, esittämiseksi "
                    "tai puolustamiseksi."
                ),
                objectable,
                names,
            )
        )
    # GDPR Art. 21(2)-(4): always available, and presented separately.
    rights.append(
        _right(
            DataSubjectRight.DIRECT_MARKETING,
            "21 art. 2 ja 3 kohta",
            _(
                "Sinulla on oikeus milloin tahansa vastustaa tietojesi käsittelyä "
                "suoramarkkinointia varten, mukaan lukien siihen liittyvä profilointi. Tämän "
                "jälkeen tietojasi ei enää käsitellä tähän tarkoitukseen."
            ),
            names,
            names,
        )
    )
    consented = _names_where(registers, RIGHT_BASES[DataSubjectRight.WITHDRAW_CONSENT])
    if consented:
        rights.append(
            _right(
                DataSubjectRight.WITHDRAW_CONSENT,
                "7 art. 3 kohta",
                _(
                    "Kun käsittely perustuu suostumukseesi tai nimenomaiseen suostumukseesi "
                    "erityisten henkilötietoryhmien käsittelyyn, voit peruuttaa suostumuksesi "
                    "milloin tahansa. Peruuttaminen ei vaikuta suostumuksen perusteella ennen sen "
                    "peruuttamista suoritetun käsittelyn lainmukaisuuteen."
                ),
                consented,
                names,
            )
        )
    automated = [r for r in registers if r.automated_decisions]
    if automated:
        rights.append(
            _right(
                DataSubjectRight.AUTOMATED_DECISIONS,
                "22 art.",
                _automated_text(automated),
                [r.name for r in automated],
                names,
            )
        )
    return rights


# GDPR Art. 22(2): the sentence naming the exception a register's decisions rest on.
_EXCEPTION_SENTENCES = {
    AutomatedDecisionException.CONTRACT: gettext_lazy(
        "Päätökset ovat välttämättömiä sinun ja rekisterinpitäjän välisen sopimuksen "
        "tekemistä tai täytäntöönpanoa varten (22 art. 2 kohdan a alakohta)."
    ),
    AutomatedDecisionException.LAW: gettext_lazy(
        "Päätöksenteko on hyväksytty rekisterinpitäjään sovellettavassa lainsäädännössä, "
        "jossa vahvistetaan myös asianmukaiset toimenpiteet oikeuksiesi ja vapauksiesi sekä "
        "oikeutettujen etujesi suojaamiseksi (22 art. 2 kohdan b alakohta)."
    ),
    AutomatedDecisionException.EXPLICIT_CONSENT: gettext_lazy(
        "Päätöksenteko perustuu nimenomaiseen suostumukseesi (22 art. 2 kohdan c alakohta)."
    ),
}


def _automated_text(registers: Sequence[RegisterFacts]) -> str:
    """Art. 22 where solely automated decisions are made: not the bare right "not to be
    subject" (misleading when they are made), but the exception relied on (22(2)), where
    the logic and significance are told (13(2)(f), 14(2)(g)) and the safeguards (22(3))."""
    parts = [
        _(
            "Tietojasi käytetään pelkästään automaattiseen käsittelyyn perustuviin "
            "päätöksiin, joilla voi olla sinuun oikeusvaikutuksia tai vastaava merkittävä "
            "vaikutus. Käytetystä logiikasta sekä käsittelyn merkityksestä ja seurauksista "
            "sinulle kerrotaan kohdassa Automaattinen päätöksenteko ja profilointi."
        )
    ]
    by_exception: dict[str, list[str]] = {}
    for register in registers:
        by_exception.setdefault(register.automated_exception, []).append(register.name)
    several = len(by_exception) > 1
    for exception, names in by_exception.items():
        if exception not in _EXCEPTION_SENTENCES:
            continue  # Not stated: the completeness check asks for it.
        sentence = str(_EXCEPTION_SENTENCES[exception])  # type: ignore[index]
        parts.append(f"{sentence[:-1]}: {', '.join(names)}." if several else sentence)
    if set(by_exception) & {
        AutomatedDecisionException.CONTRACT,
        AutomatedDecisionException.EXPLICIT_CONSENT,
    }:
        # GDPR Art. 22(3): the safeguards where the decisions rest on (a) or (c).
        parts.append(
            _(
                "Sinulla on oikeus vaatia, että asiaa käsittelee rekisterinpitäjän puolesta "
                "luonnollinen henkilö, oikeus esittää kantasi ja oikeus riitauttaa päätös "
                "(22 art. 3 kohta)."
            )
        )
    return " ".join(str(part) for part in parts)
