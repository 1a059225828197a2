"""Hand-made proposals, as the importer or a template would make them."""

from __future__ import annotations

from typing import Any

from registers.importing.proposal import Item, Passage, Proposal

PASSAGES = [
    Passage(1, "Rekisterinpitäjä: Esimerkki Oy, asiakaspalvelu@esimerkki.fi", "Rekisterinpitäjä"),
    Passage(2, "Asiakasrekisteri", "Rekisterin nimi"),
    Passage(3, "Asiakkuuden hoitaminen sopimuksen perusteella.", "Käsittelyn tarkoitus"),
    Passage(4, "Uutiskirjeen lähettäminen.", "Käsittelyn tarkoitus"),
    Passage(5, "Nimi, sähköpostiosoite", "Tietosisältö"),
    Passage(6, "Google LLC (analytiikka), Yhdysvallat, Privacy Shield", "Luovutukset"),
    Passage(7, "Tietoja säilytetään 10 vuotta asiakkuuden päättymisestä.", "Säilytysaika"),
    Passage(8, "Tämä seloste koskee verkkokauppaa.", ""),
    Passage(9, "9.12.2020 Lisätty evästeet", "Muutokset"),
    Passage(10, "Tietoja käsitellään luottamuksellisesti <b>aina</b>.", "Suojaus"),
    Passage(11, "Tarkastuspyyntö tehdään kirjallisesti.", "Oikeudet"),
]


def item(
    key: str, kind: str, register: int | None = None, /, *passages: int, **values: Any
) -> Item:
    return Item(key=key, kind=kind, values=values, passages=list(passages), register=register)


def sample_proposal(origin: str = "seloste.pdf", origin_kind: str = "file") -> Proposal:
    """One register of each kind of item, a notice text and two unplaced passages
    (10 and 11)."""
    items = [
        item("c-email", "controller", None, 1, field="email", value="asiakaspalvelu@esimerkki.fi"),
        item("r0-name", "register_field", 0, 2, field="name", value="Asiakasrekisteri"),
        item(
            "r0-p1", "purpose", 0, 3, description="Asiakkuuden hoitaminen", legal_basis="contract"
        ),
        item("r0-p2", "purpose", 0, 4, description="Uutiskirjeen lähettäminen", legal_basis=""),
        item("r0-dc1", "data_category", 0, 5, name="Nimi", kind="ordinary"),
        item("r0-dc2", "data_category", 0, 5, name="Sähköpostiosoite", kind="ordinary"),
        item("r0-rec", "recipient", 0, 6, name="Google LLC", role="processor", country="USA"),
        item(
            "r0-tr",
            "transfer",
            0,
            6,
            recipient="Google LLC",
            country="Yhdysvallat",
            safeguard="privacy_shield",
        ),
        item(
            "r0-ret",
            "retention_rule",
            0,
            7,
            period=10,
            period_unit="years",
            starts_from="asiakkuuden päättymisestä",
        ),
        item("n-intro", "notice_field", None, 8, field="intro", value=PASSAGES[7].text),
        item("n-change", "earlier_change", None, 9, date="2020-12-09", text="Lisätty evästeet"),
    ]
    items[3].notes = ["Lähteessä ei mainita oikeusperustetta."]
    return Proposal(
        origin=origin,
        origin_kind=origin_kind,
        passages=list(PASSAGES),
        register_count=1,
        items=items,
    )


def valid_proposal(**kwargs: Any) -> Proposal:
    """The sample with its purpose's missing legal basis chosen."""
    proposal = sample_proposal(**kwargs)
    for it in proposal.items:
        if it.kind == "purpose" and not it.values["legal_basis"]:
            it.values["legal_basis"] = "consent"
    return proposal
