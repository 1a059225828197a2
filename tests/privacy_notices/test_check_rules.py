"""Each rule of the completeness check, one at a time, on an otherwise complete notice.

The table in docs/legal_rules.md names the test of every rule; the rules without a
test of their own elsewhere are here. Each case removes one fact from a complete
notice's content and expects exactly that rule's finding, with its grade and article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from privacy_notices.checks import MISSING, WARNING, check_content
from privacy_notices.content import build_notice_content
from privacy_notices.models import PrivacyNotice

pytestmark = pytest.mark.django_db

Content = dict[str, Any]


def _register(content: Content) -> dict[str, Any]:
    return content["registers"][0]


def _set(path: Callable[[Content], dict[str, Any]], **values: Any) -> Callable[[Content], None]:
    return lambda content: path(content).update(values)


CASES: list[tuple[str, Callable[[Content], None], str, str, str]] = [
    # (finding code, what to remove, grade, article cited)
    (
        "controller_contact",
        _set(lambda c: c["controller"], postal_address="", email="", phone=""),
        MISSING,
        "13 art. 1 a",
        "Rekisterinpitäjän osoite",
    ),
    (
        "dpo_contact",
        _set(lambda c: c["controller"]["dpo"], appointed=True, email="", phone=""),
        MISSING,
        "13 art. 1 b",
        "Tietosuojavastaavan",
    ),
    (
        "authority",
        _set(lambda c: c["controller"]["authority"], name=""),
        MISSING,
        "13 art. 2 d",
        "Valvontaviranomaisen",
    ),
    ("purposes", _set(_register, purposes=[], purposes_note=""), MISSING, "13 art. 1 c", ""),
    (
        "legitimate_interest",
        lambda c: _register(c)["purposes"][1].update(legitimate_interest=""),
        MISSING,
        "13 art. 1 d",
        "Oikeutettu etu",
    ),
    (
        "law_reference",
        lambda c: _register(c)["purposes"][2].update(law_reference=""),
        MISSING,
        "6 art. 3 kohta",
        "laki",
    ),
    # Where only Art. 13 applies, Art. 14(1)(d) does not; Art. 30(1)(c) still asks.
    ("data_categories", _set(_register, data_categories=[]), MISSING, "30 art. 1 c", ""),
    ("data_subjects", _set(_register, data_subject_categories=[]), WARNING, "30 art. 1 c", ""),
    ("sources", _set(_register, sources=[]), MISSING, "14 art. 2 f", ""),
    (
        "recipients",
        _set(_register, recipients=[], recipients_statement="", recipients_note=""),
        MISSING,
        "13 art. 1 e",
        "",
    ),
    (
        "transfers_statement",
        _set(_register, transfers=[], transfers_statement="", transfers_note=""),
        MISSING,
        "13 art. 1 f",
        "",
    ),
    (
        "transfer_copy",
        lambda c: _register(c)["transfers"][0].update(safeguard_details=""),
        WARNING,
        "13 art. 1 f",
        "jäljennöksen",
    ),
    ("retention", _set(_register, retention_rules=[]), MISSING, "13 art. 2 a", ""),
    (
        "automated",
        _set(_register, automated_decisions_description=""),
        MISSING,
        "13 art. 2 f",
        "",
    ),
    (
        "automated_exception",
        _set(_register, automated_decision_exception=""),
        MISSING,
        "22 art. 2 kohta",
        "",
    ),
    ("security", _set(_register, security_measures=[]), WARNING, "32 art.", ""),
    (
        "cookies",
        _set(_register, cookies=[], cookies_note=""),
        WARNING,
        "205 §",
        "Evästeitä",
    ),
    (
        "joint_controller_arrangement",
        _set(_register, joint_controller_arrangement=""),
        MISSING,
        "26 art. 2 kohta",
        "",
    ),
]


def _codes(notice: PrivacyNotice, content: Content) -> dict[str, Any]:
    return {f.code.split(":")[0]: f for f in check_content(notice, content)}


def test_the_complete_notice_has_none_of_these_findings(notice: PrivacyNotice) -> None:
    found = _codes(notice, build_notice_content(notice))
    assert [code for code, *_ in CASES if code in found] == []


@pytest.mark.parametrize(
    ("code", "remove", "grade", "article", "words"), CASES, ids=[case[0] for case in CASES]
)
def test_each_rule_finds_what_is_missing(
    notice: PrivacyNotice,
    code: str,
    remove: Callable[[Content], None],
    grade: str,
    article: str,
    words: str,
) -> None:
    content = build_notice_content(notice)
    # Data from the person: the rules cite Art. 13 (test_art13_14.py covers Art. 14).
    for source in _register(content)["sources"]:
        source["origin"] = "data_subject"
    remove(content)
    finding = _codes(notice, content)[code]
    assert finding.severity == grade
    assert article in finding.article
    assert words in finding.message


def test_the_requirement_to_provide_is_asked_where_data_comes_from_the_person(
    notice: PrivacyNotice,
) -> None:
    # GDPR Art. 13(2)(e): only data collected from the data subject.
    content = build_notice_content(notice)
    for source in _register(content)["sources"]:
        source["origin"] = "data_subject"
    _register(content)["provision_requirement"] = ""
    finding = _codes(notice, content)["provision"]
    assert finding.blocking
    assert finding.article == "13 art. 2 e"
