"""The data subject's rights, derived from the legal bases rather than typed by hand.

GDPR Art. 13(2)(b)-(d) and 14(2)(c)-(e): which rights a notice must tell about
depends on what the processing rests on (see ../shared/GDPR_CHECKLIST.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from registers.models import RIGHT_BASES, DataSubjectRight, LegalBasis


@dataclass(frozen=True)
class RegisterFacts:
    """What the derivation needs to know of one register."""

    name: str
    legal_bases: frozenset[str]
    automated_decisions: bool


def _names_where(registers: Sequence[RegisterFacts], bases: frozenset[str]) -> list[str]:
    return [r.name for r in registers if r.legal_bases & bases]


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
    erasure = _(
        "Sinulla on oikeus pyytää tietojesi poistamista (oikeus tulla unohdetuksi) "
        "esimerkiksi silloin, kun tietoja ei enää tarvita alkuperäiseen tarkoitukseensa tai "
        "käsittely perustuu suostumukseen, jonka peruutat."
    )
    statutory = _names_where(registers, {LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK})
    if statutory:
        # GDPR Art. 17(3)(b): no erasure of data the law obliges the controller to keep.
        erasure += " " + _(
            "Oikeus ei koske tietoja, joiden käsittely perustuu lakisääteiseen velvoitteeseen "
            "tai yleistä etua koskevaan tehtävään (%(registers)s)."
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
                    "rekisterinpitäjälle, kun käsittely perustuu suostumukseen tai sopimukseen "
                    "ja tapahtuu automaattisesti."
                ),
                portable,
                names,
            )
        )
    objectable = _names_where(registers, RIGHT_BASES[DataSubjectRight.OBJECTION])
    if objectable:
        rights.append(
            _right(
                DataSubjectRight.OBJECTION,
                "21 art. 1 kohta",
                _(
                    "Sinulla on oikeus henkilökohtaiseen erityiseen tilanteeseesi liittyvällä "
                    "perusteella vastustaa tietojesi käsittelyä, joka perustuu oikeutettuun "
                    "etuun tai yleistä etua koskevaan tehtävään. Tällöin tietoja ei enää "
                    "käsitellä, ellei käsittelyyn ole huomattavan tärkeää ja perusteltua syytä."
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
                    "Kun käsittely perustuu suostumukseesi, voit peruuttaa suostumuksesi milloin "
                    "tahansa. Peruuttaminen ei vaikuta ennen sitä tehdyn käsittelyn "
                    "lainmukaisuuteen."
                ),
                consented,
                names,
            )
        )
    automated = [r.name for r in registers if r.automated_decisions]
    if automated:
        rights.append(
            _right(
                DataSubjectRight.AUTOMATED_DECISIONS,
                "22 art.",
                _(
                    "Sinulla on oikeus olla joutumatta sellaisen päätöksen kohteeksi, joka "
                    "perustuu pelkästään automaattiseen käsittelyyn ja jolla on sinuun "
                    "oikeusvaikutuksia tai vastaava merkittävä vaikutus. Voit vaatia, että "
                    "päätöksen tekee ihminen, esittää näkemyksesi ja riitauttaa päätöksen."
                ),
                automated,
                names,
            )
        )
    return rights
