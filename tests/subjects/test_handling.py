"""The officer handles a request: status workflow, replies, extension, notes, the
audit trail; viewers read only."""

from __future__ import annotations

import smtplib
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from registers.models import Controller
from subjects import handling
from subjects.models import (
    ReplyKind,
    ReplyTemplate,
    RequestAction,
    RequestStatus,
    SubjectRequest,
)
from subjects.replies import DEFAULTS
from tests.factories import SubjectRequestFactory

BASE = "/hallinta/oma-organisaatio-oy/pyynnot"


@pytest.fixture
def request_obj(organisation: Controller) -> SubjectRequest:
    organisation.contact_email = "tietosuoja@oma.example"
    organisation.save()
    return SubjectRequestFactory(controller=organisation, reference="ABCD-1234")


def url(request: SubjectRequest, action: str = "") -> str:
    return f"{BASE}/{request.pk}/{action + '/' if action else ''}"


def test_the_officer_moves_a_request_through_its_workflow_and_each_step_is_recorded(
    client: Client, officer: User, request_obj: SubjectRequest
) -> None:
    client.force_login(officer)
    for status in (RequestStatus.IDENTITY, RequestStatus.IN_PROGRESS, RequestStatus.DONE):
        response = client.post(url(request_obj, "tila"), {"status": status})
        assert response.status_code == 302
        assert response["Location"] == url(request_obj)
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.DONE
    assert request_obj.closed_at is not None
    steps = list(
        request_obj.events.filter(action=RequestAction.STATUS).values_list(
            "old_status", "new_status", "actor_label"
        )
    )
    assert steps == [
        ("received", "identity", officer.email),
        ("identity", "in_progress", officer.email),
        ("in_progress", "done", officer.email),
    ]
    # Reopened: no longer closed.
    client.post(url(request_obj, "tila"), {"status": RequestStatus.IN_PROGRESS})
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.IN_PROGRESS and request_obj.closed_at is None
    page = client.get(url(request_obj)).content.decode()
    assert "Henkilöllisyyden varmistus" in page and officer.email in page


def test_a_transition_outside_the_workflow_is_refused(
    client: Client, officer: User, request_obj: SubjectRequest
) -> None:
    client.force_login(officer)
    request_obj.status = RequestStatus.DONE
    request_obj.save()
    response = client.post(url(request_obj, "tila"), {"status": RequestStatus.IDENTITY})
    assert response.status_code == 400
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.DONE
    assert not request_obj.events.filter(action=RequestAction.STATUS).exists()
    with pytest.raises(ValidationError):
        handling.change_status(request=request_obj, actor=officer, status="received")


def test_a_refusal_needs_its_reason_and_goes_to_the_person(
    client: Client, officer: User, request_obj: SubjectRequest
) -> None:
    client.force_login(officer)
    # Not silently, from the status form.
    response = client.post(url(request_obj, "tila"), {"status": RequestStatus.REFUSED})
    assert response.status_code == 400
    template = client.get(url(request_obj) + "?pohja=refused").content.decode()
    assert "12 artiklan 4 kohta" in template
    data = {
        "subject": "Pyyntösi ABCD-1234: päätös",
        "body": "Syy: {perustelu}. Valitusoikeus.",
        "status": RequestStatus.REFUSED,
        "reason": "",
    }
    response = client.post(url(request_obj, "vastaa"), data)
    assert response.status_code == 400
    assert "Kirjoita hylkäämisen syy" in response.content.decode()
    assert mail.outbox == []
    data["reason"] = "Pyyntö on ilmeisen perusteeton."
    assert client.post(url(request_obj, "vastaa"), data).status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.REFUSED
    assert request_obj.refusal_reason == "Pyyntö on ilmeisen perusteeton."
    (message,) = mail.outbox
    assert message.body == "Syy: Pyyntö on ilmeisen perusteeton.. Valitusoikeus."
    assert message.to == ["maija@example.com"]
    assert message.reply_to == ["tietosuoja@oma.example"]


def test_a_reply_from_a_template_is_sent_recorded_and_closes_the_request(
    client: Client, officer: User, request_obj: SubjectRequest
) -> None:
    client.force_login(officer)
    page = client.get(url(request_obj) + "?pohja=completed").content.decode()
    assert "Pyyntösi ABCD-1234 on käsitelty" in page
    assert "Hei Maija Meikäläinen" in page
    response = client.post(
        url(request_obj, "vastaa"),
        {
            "subject": "Pyyntösi ABCD-1234 on käsitelty",
            "body": "Liitteenä tietosi. Vastaus ennen {maarapaiva}.",
            "status": RequestStatus.DONE,
        },
    )
    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.DONE
    (message,) = mail.outbox
    due = f"{request_obj.due_on.day}.{request_obj.due_on.month}.{request_obj.due_on.year}"
    assert message.body == f"Liitteenä tietosi. Vastaus ennen {due}."
    reply = request_obj.events.get(action=RequestAction.REPLY)
    assert (reply.subject, reply.text, reply.actor) == (message.subject, message.body, officer)


def test_the_organisations_own_template_is_used(
    client: Client, officer: User, request_obj: SubjectRequest, organisation: Controller
) -> None:
    ReplyTemplate.objects.create(
        controller=organisation, kind=ReplyKind.IDENTITY, subject="Oma {viite}", body="Oma teksti"
    )
    client.force_login(officer)
    page = client.get(url(request_obj) + "?pohja=identity").content.decode()
    assert "Oma ABCD-1234" in page and "Oma teksti" in page


def test_a_failed_mail_stores_nothing_and_keeps_the_text(
    client: Client, officer: User, request_obj: SubjectRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client.force_login(officer)
    response = client.post(
        url(request_obj, "vastaa"),
        {"subject": "Otsikko", "body": "Tärkeä vastaus", "status": RequestStatus.DONE},
    )
    assert response.status_code == 400
    assert "Tärkeä vastaus" in response.content.decode()
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.RECEIVED
    assert not request_obj.events.exists()


def test_an_extension_moves_the_deadline_and_tells_the_person_why(
    client: Client, officer: User, organisation: Controller
) -> None:
    now = datetime.now(UTC)
    request = SubjectRequestFactory(controller=organisation, received_at=now)
    client.force_login(officer)
    data = {
        "months": "2",
        "reason": "Pyyntöjä on poikkeuksellisen paljon.",
        "subject": "Vastausaikaa jatketaan",
        "body": "Jatkoaika {jatkoaika} kk, vastaamme viimeistään {maarapaiva}. Syy: {perustelu}",
    }
    assert client.post(url(request, "jatka"), {**data, "reason": ""}).status_code == 400
    assert mail.outbox == []
    assert client.post(url(request, "jatka"), data).status_code == 302
    request.refresh_from_db()
    assert request.extension_months == 2
    assert request.due_on == request.deadline(2)
    due = f"{request.due_on.day}.{request.due_on.month}.{request.due_on.year}"
    (message,) = mail.outbox
    assert message.body == (
        f"Jatkoaika 2 kk, vastaamme viimeistään {due}. Syy: Pyyntöjä on poikkeuksellisen paljon."
    )
    assert [e.action for e in request.events.all()] == [RequestAction.EXTENDED, RequestAction.REPLY]
    # Not beyond two months in all.
    assert client.post(url(request, "jatka"), {**data, "months": "3"}).status_code == 400
    request.refresh_from_db()
    assert request.extension_months == 2


def test_no_extension_after_the_first_month(officer: User, organisation: Controller) -> None:
    request = SubjectRequestFactory(
        controller=organisation, received_at=datetime(2026, 1, 31, 10, tzinfo=UTC)
    )
    with pytest.raises(ValidationError, match="kuukauden kuluessa"):
        handling.extend(
            request=request,
            actor=officer,
            months=1,
            reason="syy",
            subject="s",
            body="b",
            today=date(2026, 3, 1),
        )
    handling.extend(
        request=request,
        actor=officer,
        months=1,
        reason="syy",
        subject="s",
        body="b",
        today=date(2026, 2, 28),
    )
    request.refresh_from_db()
    assert request.due_on == date(2026, 3, 31)


def test_a_note_stays_internal(client: Client, officer: User, request_obj: SubjectRequest) -> None:
    client.force_login(officer)
    assert client.post(url(request_obj, "muistiinpano"), {"text": ""}).status_code == 400
    response = client.post(url(request_obj, "muistiinpano"), {"text": "Soitettu <asiakkaalle>"})
    assert response.status_code == 302
    assert mail.outbox == []
    note = request_obj.events.get(action=RequestAction.NOTE)
    assert (note.text, note.actor_label) == ("Soitettu <asiakkaalle>", officer.email)
    page = client.get(url(request_obj)).content.decode()
    assert "Soitettu &lt;asiakkaalle&gt;" in page


def test_a_viewer_reads_but_does_not_handle(
    client: Client, viewer: User, request_obj: SubjectRequest
) -> None:
    client.force_login(viewer)
    page = client.get(url(request_obj))
    assert page.status_code == 200
    assert "Maija Meikäläinen" in page.content.decode()
    assert "Vastaa pyytäjälle" not in page.content.decode()
    for action, data in [
        ("tila", {"status": RequestStatus.DONE}),
        ("vastaa", {"subject": "s", "body": "b"}),
        ("jatka", {"months": "1", "reason": "r", "subject": "s", "body": "b"}),
        ("muistiinpano", {"text": "t"}),
    ]:
        assert client.post(url(request_obj, action), data).status_code == 403
    assert client.post(f"{BASE}/asetukset/", {}).status_code == 403
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.RECEIVED
    assert not request_obj.events.exists()
    assert mail.outbox == []


def test_an_outsider_gets_404_for_every_request_url(
    client: Client, outsider: User, request_obj: SubjectRequest
) -> None:
    client.force_login(outsider)
    for action in ("", "tila", "vastaa", "jatka", "muistiinpano"):
        assert client.get(url(request_obj, action)).status_code == 404
        assert client.post(url(request_obj, action), {"text": "x"}).status_code == 404
    assert client.get(f"{BASE}/").status_code == 404
    # Their own inbox does not list it.
    own = client.get("/hallinta/vieras-yritys-oy/pyynnot/").content.decode()
    assert "ABCD-1234" not in own


def test_the_settings_save_the_templates_and_the_retention(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    page = client.get(f"{BASE}/asetukset/")
    assert page.status_code == 200
    data: dict[str, str] = {"policy-retention_months": "12"}
    for kind, (subject, body) in DEFAULTS.items():
        data[f"{kind}-subject"] = str(subject)
        data[f"{kind}-body"] = str(body)
    data["completed-body"] = "Oma valmis-teksti {viite}"
    assert client.post(f"{BASE}/asetukset/", data).status_code == 302
    assert organisation.request_policy.retention_months == 12
    # Only the changed one is stored; the others follow the default.
    assert list(ReplyTemplate.objects.values_list("kind", "body")) == [
        ("completed", "Oma valmis-teksti {viite}")
    ]
    bad = {**data, "policy-retention_months": "0", "identity-subject": ""}
    response = client.post(f"{BASE}/asetukset/", bad)
    assert response.status_code == 400
    assert "Oma valmis-teksti" in response.content.decode()
    organisation.request_policy.refresh_from_db()
    assert organisation.request_policy.retention_months == 12
