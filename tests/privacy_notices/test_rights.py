from __future__ import annotations

from privacy_notices.rights import LAW_REFERENCE_RE, RegisterFacts, derive_rights
from registers.models import AutomatedDecisionException, LegalBasis

ALWAYS = {"access", "rectification", "erasure", "restriction", "direct_marketing"}


def _codes(*registers: RegisterFacts) -> set[str]:
    return {str(right["code"]) for right in derive_rights(registers)}


def _register(*bases: str, name: str = "Rekisteri", automated: bool = False) -> RegisterFacts:
    return RegisterFacts(name=name, legal_bases=frozenset(bases), automated_decisions=automated)


def test_access_rectification_erasure_restriction_are_always_there() -> None:
    assert _codes(_register(LegalBasis.VITAL_INTERESTS)) == ALWAYS


def test_consent_gives_withdrawal_and_portability() -> None:
    assert _codes(_register(LegalBasis.CONSENT)) == ALWAYS | {"withdraw_consent", "portability"}


def test_contract_gives_portability_but_no_withdrawal() -> None:
    assert _codes(_register(LegalBasis.CONTRACT)) == ALWAYS | {"portability"}


def test_legitimate_interest_and_public_task_give_objection() -> None:
    assert _codes(_register(LegalBasis.LEGITIMATE_INTERESTS)) == ALWAYS | {"objection"}
    assert _codes(_register(LegalBasis.PUBLIC_TASK)) == ALWAYS | {"objection"}


def _text(code: str, *registers: RegisterFacts) -> str:
    (right,) = [r for r in derive_rights(registers) if r["code"] == code]
    return str(right["text"])


def test_erasure_states_the_article_17_3_exceptions_whatever_the_basis() -> None:
    # Art. 17(3)(b) and (e) hold "siltä osin kuin käsittely on tarpeen", also where a
    # purpose rests on a contract (invoicing still falls under kirjanpitolaki).
    for basis in (LegalBasis.CONTRACT, LegalBasis.CONSENT, LegalBasis.LEGAL_OBLIGATION):
        text = _text("erasure", _register(basis))
        assert "siltä osin kuin käsittely on tarpeen" in text
        assert "lakisääteisen velvoitteen noudattamiseksi" in text
        assert "oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi" in text
        assert "17 art. 3 kohta" in text


def test_erasure_on_withdrawn_consent_holds_only_without_another_basis() -> None:
    # Art. 17(1)(b).
    assert "eikä käsittelylle ole muuta oikeusperustetta" in _text(
        "erasure", _register(LegalBasis.CONSENT)
    )


def test_erasure_points_to_statutory_retention_where_a_rule_cites_a_law() -> None:
    plain = _register(LegalBasis.CONTRACT, name="Asiakasrekisteri")
    assert "Lain edellyttämät säilytysajat" not in _text("erasure", plain)
    statutory = RegisterFacts(
        name="Laskutus",
        legal_bases=frozenset({LegalBasis.CONTRACT}),
        automated_decisions=False,
        statutory_retention=True,
    )
    text = _text("erasure", plain, statutory)
    assert "Lain edellyttämät säilytysajat on kerrottu kohdassa Säilytysaika (Laskutus)." in text


def test_a_retention_text_naming_a_law_counts_as_statutory() -> None:
    for text in ("kirjanpitolain mukaan", "Kirjanpitolaki 1336/1997", "työsopimuslaissa"):
        assert LAW_REFERENCE_RE.search(text), text
    for text in ("asiakkuuden päättymisestä", "kunnes suostumus peruutetaan"):
        assert not LAW_REFERENCE_RE.search(text), text


def test_objection_says_the_controller_must_demonstrate_overriding_grounds() -> None:
    # Art. 21(1) in the words of the Finnish text.
    text = _text("objection", _register(LegalBasis.LEGITIMATE_INTERESTS))
    assert (
        "ellei rekisterinpitäjä osoita, että käsittelyyn on huomattavan tärkeä ja perusteltu "
        "syy, joka syrjäyttää etusi, oikeutesi ja vapautesi, tai että käsittely on tarpeen "
        "oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi."
    ) in text


def test_explicit_consent_to_special_categories_gives_withdrawal_and_portability() -> None:
    # Art. 7(3), 13(2)(c), 14(2)(d) and 20(1)(a) name Art. 9(2)(a) beside 6(1)(a).
    register = RegisterFacts(
        name="Työterveys",
        legal_bases=frozenset({LegalBasis.LEGAL_OBLIGATION}),
        automated_decisions=False,
        explicit_consent=True,
    )
    assert {"withdraw_consent", "portability"} <= _codes(register)
    assert "objection" not in _codes(register)
    assert "nimenomaiseen suostumukseesi" in _text("withdraw_consent", register)


def test_the_direct_marketing_right_uses_the_gdpr_words() -> None:
    # Art. 21(2): "vastustaa", not the repealed henkilötietolaki's "kieltää" (30 §).
    (right,) = [
        r
        for r in derive_rights([_register(LegalBasis.CONTRACT)])
        if r["code"] == "direct_marketing"
    ]
    assert right["title"] == "Oikeus vastustaa käsittelyä suoramarkkinointia varten"


def _automated(exception: str, name: str = "Luotto") -> RegisterFacts:
    return RegisterFacts(
        name=name,
        legal_bases=frozenset({LegalBasis.CONTRACT}),
        automated_decisions=True,
        automated_exception=exception,
    )


def test_automated_decisions_name_the_exception_and_the_safeguards() -> None:
    # Art. 22(2)(a) and 22(3): when decisions are made, the notice does not promise a
    # right "not to be subject" to them; it names the exception and the safeguards.
    text = _text("automated_decisions", _automated(AutomatedDecisionException.CONTRACT))
    assert "Sinulla on oikeus olla joutumatta" not in text
    assert "22 art. 2 kohdan a alakohta" in text
    assert "luonnollinen henkilö, oikeus esittää kantasi ja oikeus riitauttaa päätös" in text
    assert "kohdassa Automaattinen päätöksenteko ja profilointi" in text


def test_decisions_authorised_by_law_rest_on_the_laws_safeguards() -> None:
    # Art. 22(3) names (a) and (c) only; under (b) the law lays down the safeguards.
    text = _text("automated_decisions", _automated(AutomatedDecisionException.LAW))
    assert "22 art. 2 kohdan b alakohta" in text
    assert "22 art. 3 kohta" not in text


def test_registers_with_different_exceptions_are_named() -> None:
    text = _text(
        "automated_decisions",
        _automated(AutomatedDecisionException.CONTRACT, name="Luotto"),
        _automated(AutomatedDecisionException.EXPLICIT_CONSENT, name="Vakuutus"),
    )
    assert "(22 art. 2 kohdan a alakohta): Luotto." in text
    assert "(22 art. 2 kohdan c alakohta): Vakuutus." in text


def test_automated_decisions_give_the_article_22_right() -> None:
    assert "automated_decisions" in _codes(_register(LegalBasis.CONTRACT, automated=True))
    assert "automated_decisions" not in _codes(_register(LegalBasis.CONTRACT))


def test_a_right_of_some_registers_only_names_them() -> None:
    rights = derive_rights(
        [
            _register(LegalBasis.CONTRACT, name="Asiakasrekisteri"),
            _register(LegalBasis.CONSENT, name="Rekrytointirekisteri"),
        ]
    )
    by_code = {r["code"]: r for r in rights}
    assert by_code["withdraw_consent"]["registers"] == ["Rekrytointirekisteri"]
    assert by_code["portability"]["registers"] == []  # both registers
    assert by_code["access"]["registers"] == []
