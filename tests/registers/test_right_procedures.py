"""The organisation's own texts on how each right is exercised (GDPR Art. 12(2), 15-22)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from registers.forms import ControllerForm
from registers.models import Controller, DataSubjectRight, Register, RightProcedure
from tests.editor import register_post_data
from tests.factories import RegisterFactory

pytestmark = pytest.mark.django_db

CONTROLLER_URL = "/hallinta/oma-organisaatio-oy/rekisterinpitaja/"


def _register_url(register: Register) -> str:
    return f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"


def _procedure(
    controller: Controller, register: Register | None = None, **kw: str
) -> RightProcedure:
    procedure = RightProcedure(
        controller=controller,
        register=register,
        right=kw.get("right", DataSubjectRight.ACCESS),
        text=kw.get("text", "Pyyntö kirjallisesti ja allekirjoitettuna."),
    )
    procedure.full_clean()
    procedure.save()
    return procedure


# --- Model ------------------------------------------------------------------------------


def test_one_text_per_right_for_the_organisation(organisation: Controller) -> None:
    _procedure(organisation)
    with pytest.raises(ValidationError, match="Organisaatiolla on jo ohje"):
        _procedure(organisation)
    # The database says so too.
    with pytest.raises(IntegrityError), transaction.atomic():
        RightProcedure.objects.create(controller=organisation, right="access", text="Toinen")


def test_one_text_per_right_for_each_register(organisation: Controller, register: Register) -> None:
    _procedure(organisation)  # the organisation's own does not collide with the register's
    _procedure(organisation, register)
    other = RegisterFactory(controller=organisation, name="Toinen")
    _procedure(organisation, other)
    with pytest.raises(ValidationError, match="Rekisterillä on jo ohje"):
        _procedure(organisation, register)


def test_a_register_of_another_controller_is_refused(
    organisation: Controller, other_organisation: Controller
) -> None:
    foreign = RegisterFactory(controller=other_organisation, name="Vieras")
    with pytest.raises(ValidationError) as error:
        _procedure(organisation, foreign)
    assert "register" in error.value.message_dict


def test_an_empty_text_is_refused(organisation: Controller) -> None:
    with pytest.raises(ValidationError):
        _procedure(organisation, text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        RightProcedure.objects.create(controller=organisation, right="access", text="")


def test_an_unknown_right_is_refused(organisation: Controller) -> None:
    with pytest.raises(ValidationError):
        _procedure(organisation, right="complaint")


def test_a_copied_register_keeps_its_own_texts(
    organisation: Controller, register: Register
) -> None:
    _procedure(organisation, register, right="erasure", text="Laskuja ei poisteta.")
    copy = register.copy(name="Kopio")
    assert copy.right_procedures.texts() == {"erasure": "Laskuja ei poisteta."}


# --- The controller page ----------------------------------------------------------------


def _controller_data(organisation: Controller, **texts: str) -> dict[str, str]:
    data = {}
    form = ControllerForm(instance=organisation)
    for name in form.fields:
        value = form[name].value()
        if value not in (None, False):
            data[name] = "on" if value is True else str(value)
    return data | {f"right_{right}": text for right, text in texts.items()}


def test_the_controller_page_has_a_textarea_per_right(
    client: Client, officer: User, organisation: Controller
) -> None:
    _procedure(organisation, text="Allekirjoitettu pyyntö")
    client.force_login(officer)
    body = client.get(CONTROLLER_URL).content.decode()
    for right in DataSubjectRight:
        assert f'name="right_{right.value}"' in body
        assert str(right.label) in body
    assert "Allekirjoitettu pyyntö" in body
    # The editor says when a text is not published.
    assert "Julkaistaan vain rekistereille, joiden käsittely perustuu suostumukseen" in body


def test_an_officer_saves_and_empties_the_organisations_texts(
    client: Client, officer: User, organisation: Controller
) -> None:
    _procedure(organisation, right="erasure", text="Vanha")
    client.force_login(officer)
    data = _controller_data(
        organisation, access="Kirjallinen pyyntö\r\nsuomeksi tai englanniksi", erasure=""
    )
    response = client.post(CONTROLLER_URL, data)
    assert response["Location"] == CONTROLLER_URL
    assert RightProcedure.objects.filter(controller=organisation).texts() == {
        "access": "Kirjallinen pyyntö\nsuomeksi tai englanniksi"
    }


def test_a_viewer_cannot_save_the_organisations_texts(
    client: Client, viewer: User, organisation: Controller
) -> None:
    client.force_login(viewer)
    response = client.post(CONTROLLER_URL, _controller_data(organisation, access="Uusi"))
    assert response.status_code == 403
    assert not RightProcedure.objects.exists()


def test_an_over_long_text_is_a_form_error(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    response = client.post(CONTROLLER_URL, _controller_data(organisation, access="x" * 5001))
    assert response.status_code == 200
    assert not RightProcedure.objects.exists()


# --- The register page ------------------------------------------------------------------


def test_the_register_page_saves_texts_for_the_register_only(
    client: Client, officer: User, organisation: Controller, register: Register
) -> None:
    _procedure(organisation, right="access", text="Organisaation ohje")
    _procedure(organisation, register, right="restriction", text="Poistetaan")
    version = register.version
    data = register_post_data(register)
    assert data["right_restriction"] == "Poistetaan"
    assert data["right_access"] == ""  # the organisation's own text is not the register's
    data |= {"right_erasure": "Kirjanpitoaineistoa ei poisteta.", "right_restriction": ""}
    client.force_login(officer)
    response = client.post(_register_url(register), data)
    assert response.status_code == 302
    assert register.right_procedures.texts() == {"erasure": "Kirjanpitoaineistoa ei poisteta."}
    assert RightProcedure.objects.get(register=None).text == "Organisaation ohje"
    register.refresh_from_db()
    assert register.version == version + 1


def test_a_viewer_sees_but_cannot_save_the_registers_texts(
    client: Client, viewer: User, organisation: Controller, register: Register
) -> None:
    _procedure(organisation, register, right="erasure", text="Laskuja ei poisteta.")
    client.force_login(viewer)
    assert "Laskuja ei poisteta." in client.get(_register_url(register)).content.decode()
    data = register_post_data(register) | {"right_erasure": ""}
    assert client.post(_register_url(register), data).status_code == 403
    assert register.right_procedures.count() == 1


def test_another_organisations_register_is_not_found(
    client: Client, outsider: User, organisation: Controller, register: Register
) -> None:
    data = register_post_data(register) | {"right_erasure": "Vieras teksti"}
    client.force_login(outsider)
    assert client.post(_register_url(register), data).status_code == 404
    assert client.get(_register_url(register)).status_code == 404
    assert not RightProcedure.objects.exists()


def test_the_register_history_lists_a_changed_text(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    data = register_post_data(register) | {"right_erasure": "Laskuja ei poisteta."}
    assert client.post(_register_url(register), data).status_code == 302
    body = client.get(_register_url(register) + "historia/").content.decode()
    assert "Oikeuden käyttämisen ohje: Oikeus tietojen poistamiseen" in body


# --- Admin ------------------------------------------------------------------------------


def test_the_admin_edits_a_registers_texts_inline(
    client: Client, staff: User, organisation: Controller, register: Register
) -> None:
    client.force_login(staff)
    page = client.get(f"/admin/registers/register/{register.pk}/change/")
    assert "right_procedures-TOTAL_FORMS" in page.content.decode()
    page = client.get(f"/admin/registers/controller/{organisation.pk}/change/")
    assert "right_procedures-TOTAL_FORMS" in page.content.decode()
