"""A refused stale save is rebased: saving it again never undoes a colleague's change.

Security review, issue 8, finding 7: after "Tallennus estettiin…", submitting the
kept form again unchanged reverted the other user's description.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import LegalBasis, Purpose, Register, RightProcedure, Source
from tests.editor import add_row, editor_post_data, register_post_data
from tests.factories import PurposeFactory, SourceFactory
from tests.page_forms import as_post, read_form

pytestmark = pytest.mark.django_db


def url(register: Register) -> str:
    return f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"


def _colleague_saves(client: Client, colleague: User, register: Register, **changes: Any) -> None:
    data = register_post_data(register)
    data.update(changes)
    client.force_login(colleague)
    assert client.post(url(register), data).status_code == 302


def _officer_is_refused(
    client: Client, officer: User, register: Register, data: dict[str, Any]
) -> Any:
    client.force_login(officer)
    response = client.post(url(register), data)
    assert response.status_code == 200
    assert "joku muu on muuttanut rekisteriä" in response.content.decode()
    return response


def _both_edit(
    client: Client,
    officer: User,
    colleague: User,
    register: Register,
    *,
    theirs: dict[str, Any],
    mine: dict[str, Any],
) -> Any:
    """The officer loads the page, the colleague saves, then the officer saves."""
    client.force_login(officer)
    # As the browser has it: what the page's form holds, hidden fields and all.
    officers_copy = as_post(read_form(client.get(url(register)).content.decode()).pairs)
    _colleague_saves(client, colleague, register, **theirs)
    return _officer_is_refused(client, officer, register, {**officers_copy, **mine})


def _resubmit(client: Client, response: Any, register: Register, **changes: Any) -> Any:
    """Save the rebased form as the page shows it, with any further changes."""
    data = editor_post_data(response.context["editor"])
    data.update(changes)
    return client.post(url(register), data)


def test_saving_the_refused_form_unchanged_keeps_the_colleagues_change(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    refused = _both_edit(
        client,
        officer,
        colleague,
        register,
        theirs={"description": "Kollegan kuvaus"},
        mine={"name": "Virkailijan nimi"},
    )

    body = refused.content.decode()
    assert 'value="Virkailijan nimi"' in body  # the officer's own edit is kept
    assert "Kollegan kuvaus</textarea>" in body  # the rest is the register as it now is
    assert not refused.context["editor"].form.errors  # nothing clashed
    assert _resubmit(client, refused, register).status_code == 302
    register.refresh_from_db()
    assert (register.name, register.description) == ("Virkailijan nimi", "Kollegan kuvaus")


def test_a_field_both_changed_shows_both_values_and_the_officer_chooses(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    refused = _both_edit(
        client,
        officer,
        colleague,
        register,
        theirs={"description": "Kollegan kuvaus"},
        mine={"description": "Virkailijan kuvaus"},
    )

    _assert_marked(refused, "description", theirs="Kollegan kuvaus", mine="Virkailijan kuvaus")
    # The officer looked at both and keeps the colleague's.
    response = _resubmit(client, refused, register, description="Kollegan kuvaus")
    assert response.status_code == 302
    register.refresh_from_db()
    assert register.description == "Kollegan kuvaus"


def test_rows_merge_by_identity(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    """The colleague edits one purpose and adds another; the officer edits the
    retention rule and adds a purpose of their own. Everything survives once."""
    officers_copy = register_post_data(register)
    colleagues = register_post_data(register)
    colleagues["purposes-0-description"] = "Kollegan muokkaama"
    add_row(colleagues, "purposes", description="Kollegan uusi", legal_basis=LegalBasis.CONTRACT)
    client.force_login(colleague)
    assert client.post(url(register), colleagues).status_code == 302

    officers_copy["retention-0-period"] = "9"
    add_row(officers_copy, "purposes", description="Oma uusi", legal_basis=LegalBasis.CONSENT)
    refused = _officer_is_refused(client, officer, register, officers_copy)

    assert _resubmit(client, refused, register).status_code == 302
    assert sorted(register.purposes.values_list("description", flat=True)) == [
        "Kollegan muokkaama",
        "Kollegan uusi",
        "Oma uusi",
    ]
    assert register.retention_rules.get().period == 9


def test_a_row_the_colleague_deleted_stays_deleted_unless_the_officer_changed_it(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    PurposeFactory(register=register, description="Toinen", position=1)
    officers_copy = register_post_data(register)
    _colleague_saves(
        client, colleague, register, **{"purposes-0-DELETE": "on", "purposes-1-DELETE": "on"}
    )

    officers_copy["purposes-1-description"] = "Toinen, tarkennettu"
    refused = _officer_is_refused(client, officer, register, officers_copy)

    rows = refused.context["editor"].formsets["purposes"].forms
    assert [form["description"].value() for form in rows] == ["Toinen, tarkennettu"]
    assert "Joku muu poisti tämän rivin" in str(rows[0].non_field_errors())
    assert _resubmit(client, refused, register).status_code == 302
    assert list(register.purposes.values_list("description", flat=True)) == ["Toinen, tarkennettu"]


def test_ticks_merge_tick_by_tick(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    extra = SourceFactory(controller=register.controller, name="Väestötietojärjestelmä")
    officers_copy = register_post_data(register)
    _colleague_saves(client, colleague, register, data_categories=[])

    officers_copy["sources"] = [*officers_copy["sources"], str(extra.pk)]
    refused = _officer_is_refused(client, officer, register, officers_copy)

    assert _resubmit(client, refused, register).status_code == 302
    assert not register.data_categories.exists()
    assert set(register.sources.all()) == {Source.objects.get(name="Asiakas itse"), extra}


def test_without_a_readable_loaded_state_every_difference_is_a_clash(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    refused = _both_edit(
        client,
        officer,
        colleague,
        register,
        theirs={"description": "Kollegan kuvaus"},
        mine={"loaded_state": "forged"},
    )

    assert "description" in refused.context["editor"].form.errors
    assert Register.objects.get(pk=register.pk).description == "Kollegan kuvaus"


# --- Finding 6: forged formset management data ---------------------------------------


@pytest.mark.parametrize(
    ("changes", "prefix"),
    [
        ({"purposes-INITIAL_FORMS": "0"}, "purposes"),
        ({"subjects-INITIAL_FORMS": "-1"}, "subjects"),
        ({"purposes-INITIAL_FORMS": "5"}, "purposes"),
        (
            {
                "purposes-1-id": "{purpose}",
                "purposes-TOTAL_FORMS": "2",
                "purposes-INITIAL_FORMS": "2",
            },
            "purposes",
        ),
        (
            {
                "purposes-1-id": "{purpose}",
                "purposes-TOTAL_FORMS": "2",
                "purposes-1-description": "Kopio",
                "purposes-1-legal_basis": "consent",
            },
            "purposes",
        ),
    ],
)
def test_forged_management_data_saves_nothing(
    client: Client, officer: User, register: Register, changes: dict[str, str], prefix: str
) -> None:
    purpose = register.purposes.get()
    PurposeFactory.create_batch(2, register=register)
    data = register_post_data(register)
    data.update({key: value.format(purpose=purpose.pk) for key, value in changes.items()})
    data["name"] = "Ei saa tallentua"
    before = (Purpose.objects.count(), register.data_subject_categories.count())
    client.force_login(officer)

    response = client.post(url(register), data)

    assert response.status_code == 200
    assert "Lomakkeen rivitiedot eivät vastaa rekisterin rivejä" in response.content.decode()
    assert response.context["editor"].formsets[prefix].non_form_errors()
    assert (Purpose.objects.count(), register.data_subject_categories.count()) == before
    assert Register.objects.get(pk=register.pk).name == "Asiakasrekisteri"


# --- The register's own texts on exercising the rights (GDPR Art. 12(2)) ------------------


def test_a_stale_save_keeps_the_officers_right_text_and_the_colleagues(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    refused = _both_edit(
        client,
        officer,
        colleague,
        register,
        theirs={"right_restriction": "Kollegan rajoitusohje"},
        mine={"right_erasure": "Virkailijan poisto-ohje"},
    )

    assert not refused.context["editor"].form.errors
    assert _resubmit(client, refused, register).status_code == 302
    assert register.right_procedures.texts() == {
        "erasure": "Virkailijan poisto-ohje",
        "restriction": "Kollegan rajoitusohje",
    }


def test_a_right_text_both_changed_is_marked(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    refused = _both_edit(
        client,
        officer,
        colleague,
        register,
        theirs={"right_access": "Kollegan ohje"},
        mine={"right_access": "Virkailijan ohje"},
    )

    _assert_marked(refused, "right_access", theirs="Kollegan ohje", mine="Virkailijan ohje")


def test_a_right_text_the_colleague_emptied_stays_empty(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    RightProcedure.objects.create(
        controller=register.controller, register=register, right="erasure", text="Vanha"
    )
    Register.objects.filter(pk=register.pk).update(version=register.version + 1)
    register.refresh_from_db()
    refused = _both_edit(
        client,
        officer,
        colleague,
        register,
        theirs={"right_erasure": ""},
        mine={"description": "Virkailijan kuvaus"},
    )

    assert _resubmit(client, refused, register).status_code == 302
    assert not register.right_procedures.exists()


def _assert_marked(refused: Any, field: str, *, theirs: str, mine: str) -> None:
    """Only the field both changed is marked: the colleague's value named in its error,
    the officer's own value kept in the field."""
    errors = refused.context["editor"].form.errors
    assert list(errors) == [field]
    assert theirs in errors[field][0]
    assert f"{mine}</textarea>" in refused.content.decode()
