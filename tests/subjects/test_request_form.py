"""The public request form at /<org>/pyynto/: what it offers, what it refuses, and
that nothing typed is lost."""

from __future__ import annotations

import re
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_notices.models import NoticeVersion
from registers.models import Controller, LegalBasis, Register
from subjects.forms import UNKNOWN_REGISTER
from subjects.models import RequestStatus, SubjectRequest, SubmissionAttempt
from tests.factories import ControllerFactory, bare_register, notice_with
from tests.subjects.conftest import form_data, publish, submit

URL = "/oma-organisaatio-oy/pyynto/"


def offered_types(client: Client, url: str = URL) -> list[str]:
    return re.findall(r'name="request_type" value="(\w+)"', client.get(url).content.decode())


def offered_registers(client: Client, url: str = URL) -> list[str]:
    return re.findall(r'name="registers" value="([\w-]+)"', client.get(url).content.decode())


def test_the_form_offers_the_rights_and_registers_of_the_published_notices(
    client: Client, published: NoticeVersion, customers: Register, newsletter: Register
) -> None:
    assert offered_types(client) == [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw_consent",
    ]
    assert offered_registers(client) == [str(customers.pk), str(newsletter.pk), UNKNOWN_REGISTER]
    page = client.get(URL).content.decode()
    # Withdrawal concerns only the register resting on consent: the form says so.
    assert "Koskee rekistereitä: Uutiskirjerekisteri" in page


def test_a_right_no_published_notice_gives_is_not_offered(
    client: Client, organisation: Controller, customers: Register
) -> None:
    publish(notice_with(organisation, customers, slug="tietosuojaseloste"))
    types = offered_types(client)
    # GDPR Art. 7(3): no consent, nothing to withdraw.
    assert "withdraw_consent" not in types
    # Art. 21(2): the objection to direct marketing is always told, so objection is.
    assert "objection" in types
    assert "portability" in types  # contract, Art. 20(1)(a)
    response = submit(client, "oma-organisaatio-oy", request_type="withdraw_consent")
    assert response.status_code == 400
    assert not SubjectRequest.objects.exists()


def test_unpublished_changes_offer_nothing(
    client: Client, organisation: Controller, customers: Register
) -> None:
    notice = notice_with(organisation, customers, slug="tietosuojaseloste")
    publish(notice)
    draft = bare_register(organisation, "Luonnosrekisteri", LegalBasis.CONSENT)
    notice.registers.add(draft)
    assert "withdraw_consent" not in offered_types(client)
    assert str(draft.pk) not in offered_registers(client)
    response = submit(client, "oma-organisaatio-oy", register=draft)
    assert response.status_code == 400
    assert "Valitse oikea vaihtoehto" in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_another_organisations_register_cannot_be_chosen(
    client: Client, published: NoticeVersion, other_organisation: Controller
) -> None:
    foreign = bare_register(other_organisation, "Vieras", LegalBasis.CONTRACT)
    publish(notice_with(other_organisation, foreign, slug="seloste"))
    response = submit(client, "oma-organisaatio-oy", register=foreign)
    assert response.status_code == 400
    assert not SubjectRequest.objects.exists()


def test_without_a_published_notice_there_is_no_form(
    client: Client, organisation: Controller, customers: Register
) -> None:
    notice_with(organisation, customers, slug="tietosuojaseloste")  # a draft only
    response = client.get(URL)
    assert response.status_code == 404
    assert "Pyyntölomake ei ole käytössä" in response.content.decode()
    assert submit(client, "oma-organisaatio-oy").status_code == 404
    assert client.get("/ei-ole/pyynto/").status_code == 404


def test_an_organisation_taken_out_of_use_takes_no_requests(
    client: Client, published: NoticeVersion, organisation: Controller
) -> None:
    Controller.objects.filter(pk=organisation.pk).update(is_active=False)
    assert client.get(URL).status_code == 404


def test_a_valid_request_is_stored_unconfirmed_and_the_link_is_mailed(
    client: Client, published: NoticeVersion, customers: Register
) -> None:
    response = submit(client, "oma-organisaatio-oy", register=customers, phone="040 123 4567")
    assert response.status_code == 302
    request = SubjectRequest.objects.get()
    assert request.status == RequestStatus.UNCONFIRMED
    assert list(request.registers.all()) == [customers]
    assert not request.registers_unknown
    assert (request.name, request.email, request.phone) == (
        "Maija Meikäläinen",
        "maija@example.com",
        "040 123 4567",
    )
    assert request.due_on == request.deadline()
    assert request.events.get().action == "submitted"
    sent = client.get(response["Location"]).content.decode()
    assert request.reference in sent
    assert request.due_on.strftime("%-d.%-m.%Y") in sent
    (message,) = mail.outbox
    assert message.to == ["maija@example.com"]
    assert request.reference in message.subject
    assert "/oma-organisaatio-oy/pyynto/vahvista/" in message.body
    assert request.due_on.strftime("%-d.%-m.%Y") in message.body


def test_the_unknown_register_may_be_chosen_with_or_without_others(
    client: Client, published: NoticeVersion, customers: Register
) -> None:
    data = form_data(registers=[str(customers.pk), UNKNOWN_REGISTER])
    assert client.post(URL, data).status_code == 302
    request = SubjectRequest.objects.get()
    assert request.registers_unknown
    assert list(request.registers.all()) == [customers]


def test_no_register_chosen_means_the_person_does_not_know(
    client: Client, published: NoticeVersion
) -> None:
    assert client.post(URL, form_data(registers=[])).status_code == 302
    request = SubjectRequest.objects.get()
    assert request.registers_unknown
    assert not request.registers.exists()


INVALID = [
    ({"request_type": ""}, "request_type", "Valitse, mitä pyydät."),
    ({"request_type": "delete_everything"}, "request_type", "Valitse oikea vaihtoehto"),
    ({"registers": ["999999999999999999999999"]}, "registers", "Valitse oikea vaihtoehto"),
    ({"name": ""}, "name", "Kirjoita nimesi."),
    ({"name": "x" * 201}, "name", "enintään 200 merkkiä"),
    ({"name": "Maija\u202eMeikäläinen"}, "name", "näkymätön"),
    ({"email": ""}, "email", "Kirjoita sähköpostiosoitteesi."),
    ({"email": "maija@"}, "email", "Kirjoita sähköpostiosoite muodossa"),
    ({"phone": "soita minulle"}, "phone", "Kirjoita puhelinnumero numeroina"),
    ({"message": "x" * 5001}, "message", "enintään 5000 merkkiä"),
    (
        {"request_type": "rectification", "correction": ""},
        "correction",
        "Kerro, mitä tietoja pitäisi korjata",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "error"), INVALID)
def test_an_invalid_field_is_refused_next_to_it_with_everything_typed_kept(
    client: Client,
    published: NoticeVersion,
    customers: Register,
    overrides: dict[str, Any],
    field: str,
    error: str,
) -> None:
    data = form_data(register=customers, phone="040 1234567", message="Viestini <b>tässä</b>")
    data.update(overrides)
    response = client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    # The error is next to its field: inside the field's own block, before the next one.
    opening = r'<(?:div class="field[^"]*"|fieldset[^>]*)>'
    block = re.search(rf'(?s){opening}.{{0,600}}?id="id_{field}', page)
    assert block is not None and "error" in block.group(0), field
    assert error in page
    assert not SubjectRequest.objects.exists()
    assert mail.outbox == []
    # Everything typed comes back (escaped), whatever the error.
    if field != "name":
        assert 'value="Maija Meikäläinen"' in page
    if field != "email":
        assert 'value="maija@example.com"' in page
    if field != "phone":
        assert 'value="040 1234567"' in page
    if field != "message":
        assert "Viestini &lt;b&gt;tässä&lt;/b&gt;" in page
    assert "<b>tässä" not in page
    if field != "registers":
        assert re.search(rf'value="{customers.pk}"[^>]*checked', page)


def test_the_honeypot_refuses_and_is_shown_empty(client: Client, published: NoticeVersion) -> None:
    response = submit(client, "oma-organisaatio-oy", homepage="http://spam.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Jätä tämä kenttä tyhjäksi" in page
    assert "spam.example" not in page
    assert 'value="Maija Meikäläinen"' in page
    assert not SubjectRequest.objects.exists()
    assert mail.outbox == []
    # A bot's try counts towards the limits all the same.
    assert SubmissionAttempt.objects.count() == 1


def test_the_rate_limit_per_address_stops_a_flood_and_keeps_the_text(
    client: Client, published: NoticeVersion, settings: Any
) -> None:
    settings.REQUESTS_PER_ADDRESS_PER_HOUR = 2
    for _ in range(2):
        assert submit(client, "oma-organisaatio-oy").status_code == 302
    response = submit(client, "oma-organisaatio-oy", message="Kolmas yritys")
    assert response.status_code == 429
    page = response.content.decode()
    assert "liian monta pyyntöä" in page
    assert "Kolmas yritys" in page
    assert SubjectRequest.objects.count() == 2
    # Another address is not affected.
    other = client.post(URL, form_data(), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_the_rate_limit_per_organisation_counts_every_address(
    client: Client, published: NoticeVersion, settings: Any
) -> None:
    settings.REQUESTS_PER_ORGANISATION_PER_HOUR = 3
    for n in range(3):
        response = client.post(URL, form_data(), REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code == 302
    response = client.post(URL, form_data(), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "poikkeuksellisen monta pyyntöä" in response.content.decode()
    # Another organisation's form is open.
    other = ControllerFactory(slug="toinen")
    register = bare_register(other, "Rekisteri", LegalBasis.CONTRACT)
    publish(notice_with(other, register, slug="seloste"))
    assert client.post("/toinen/pyynto/", form_data(), REMOTE_ADDR="203.0.113.9").status_code == 302


def test_the_client_address_is_stored_only_as_a_keyed_hash(
    client: Client, published: NoticeVersion
) -> None:
    client.post(URL, form_data(), REMOTE_ADDR="198.51.100.23")
    attempt = SubmissionAttempt.objects.get()
    assert "198.51.100.23" not in attempt.client
    assert len(attempt.client) == 64


def test_a_mail_server_failure_stores_nothing_and_keeps_the_text(
    client: Client, published: NoticeVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise smtplib.SMTPRecipientsRefused({"maija@example.com": (550, b"no")})

    monkeypatch.setattr("subjects.submission.send_mail", refuse)
    response = submit(client, "oma-organisaatio-oy")
    assert response.status_code == 503
    page = response.content.decode()
    assert "sähköpostipalvelin ei vastannut" in page
    assert 'value="Maija Meikäläinen"' in page
    assert not SubjectRequest.objects.exists()


def test_only_the_form_pages_set_a_cookie(client: Client, published: NoticeVersion) -> None:
    for url in (
        "/oma-organisaatio-oy/",
        "/oma-organisaatio-oy/tietosuojaseloste/",
        "/oma-organisaatio-oy/tietosuojaseloste/1/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "Set-Cookie" not in response
    form_page = client.get(URL)
    assert "csrftoken" in form_page.cookies
    assert "no-store" in form_page["Cache-Control"]


def test_a_post_without_the_csrf_token_is_refused(published: NoticeVersion) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, form_data()).status_code == 403
    assert not SubjectRequest.objects.exists()


def test_every_notice_page_links_the_form(client: Client, published: NoticeVersion) -> None:
    page = client.get("/oma-organisaatio-oy/tietosuojaseloste/").content.decode()
    assert 'href="http://localhost:8000/oma-organisaatio-oy/pyynto/"' in page
    organisation_page = client.get("/oma-organisaatio-oy/").content.decode()
    assert 'href="/oma-organisaatio-oy/pyynto/"' in organisation_page


# --- Anything at all posted ---------------------------------------------------------

FIELDS = ["request_type", "registers", "name", "email", "phone", "message", "correction"]
values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["access", "withdraw_consent", "rectification", UNKNOWN_REGISTER, "1", "-1"]),
    st.integers(-(2**70), 2**70).map(str),
    st.just("x" * 6000),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    data=st.dictionaries(
        st.sampled_from([*FIELDS, "homepage", "other"]), st.lists(values, max_size=3)
    )
)
def test_no_post_data_fails_the_form_or_stores_an_invalid_request(
    client: Client, published: NoticeVersion, data: dict[str, list[str]]
) -> None:
    # Text with NUL or lone surrogates cannot even be encoded by a browser's form.
    data = {k: [v for v in vs if "\x00" not in v] for k, vs in data.items()}
    before = SubjectRequest.objects.count()
    response = client.post(URL, data, REMOTE_ADDR=f"198.51.100.{before % 250}")
    assert response.status_code < 500
    offered = {"access", "rectification", "erasure", "restriction", "portability"}
    offered |= {"objection", "withdraw_consent"}
    published_pks = {r["id"] for r in published.content["registers"]}
    for request in SubjectRequest.objects.all():
        request.full_clean()
        assert request.request_type in offered
        assert {r.pk for r in request.registers.all()} <= published_pks
        assert request.registers.exists() or request.registers_unknown
        assert request.name.strip() and request.email
        if request.request_type == "rectification":
            assert request.correction.strip()
    if response.status_code != 302:
        assert SubjectRequest.objects.count() == before
