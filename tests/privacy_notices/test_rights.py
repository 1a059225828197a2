from __future__ import annotations

from privacy_notices.rights import RegisterFacts, derive_rights
from registers.models import LegalBasis

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


def test_legal_obligation_limits_erasure() -> None:
    (erasure,) = [
        r for r in derive_rights([_register(LegalBasis.LEGAL_OBLIGATION)]) if r["code"] == "erasure"
    ]
    assert "lakisääteiseen velvoitteeseen" in str(erasure["text"])


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
