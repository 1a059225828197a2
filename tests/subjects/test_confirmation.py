"""The e-mail confirmation: only a confirmed request reaches the inbox."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from privacy_notices.models import NoticeVersion
from registers.models import Controller
from subjects.models import RequestAction, RequestStatus, SubjectRequest
from subjects.purge import purge_requests
from tests.subjects.conftest import submit


def confirmation_link() -> str:
    (message,) = [m for m in mail.outbox if "/vahvista/" in m.body]
    return re.search(r"http://testserver(/\S+)", message.body)[1]  # type: ignore[index]


def test_opening_the_link_confirms_nothing_until_the_button(
    client: Client, published: NoticeVersion, officer: User
) -> None:
    submit(client, "oma-organisaatio-oy")
    link = confirmation_link()
    page = client.get(link)
    assert page.status_code == 200
    assert "Vahvista pyyntö" in page.content.decode()
    request = SubjectRequest.objects.get()
    assert request.status == RequestStatus.UNCONFIRMED
    client.force_login(officer)
    inbox = client.get("/hallinta/oma-organisaatio-oy/pyynnot/").content.decode()
    assert request.reference not in inbox
    assert client.get(f"/hallinta/oma-organisaatio-oy/pyynnot/{request.pk}/").status_code == 404


def test_confirming_puts_the_request_in_the_inbox_and_mails_the_receipt(
    client: Client, published: NoticeVersion, officer: User
) -> None:
    submit(client, "oma-organisaatio-oy")
    response = client.post(confirmation_link())
    assert response.status_code == 302
    request = SubjectRequest.objects.get()
    assert request.status == RequestStatus.RECEIVED
    assert request.confirmed_at is not None
    assert request.confirmation_hash == ""
    confirmed = client.get(response["Location"]).content.decode()
    assert request.reference in confirmed
    receipt = mail.outbox[-1]
    assert receipt.to == ["maija@example.com"]
    assert request.reference in receipt.subject
    due = f"{request.due_on.day}.{request.due_on.month}.{request.due_on.year}"
    assert due in receipt.body
    assert "12 artiklan 3 kohta" in receipt.body
    assert "{" not in receipt.body
    actions = list(request.events.values_list("action", flat=True))
    assert actions == [RequestAction.SUBMITTED, RequestAction.CONFIRMED, RequestAction.REPLY]
    client.force_login(officer)
    inbox = client.get("/hallinta/oma-organisaatio-oy/pyynnot/").content.decode()
    assert request.reference in inbox
    assert due in inbox


def test_a_link_works_once(client: Client, published: NoticeVersion) -> None:
    submit(client, "oma-organisaatio-oy")
    link = confirmation_link()
    client.post(link)
    again = client.post(link)
    assert again.status_code == 404
    assert "Linkki ei ole voimassa" in again.content.decode()
    assert SubjectRequest.objects.get().events.filter(action=RequestAction.CONFIRMED).count() == 1


def test_an_unconfirmed_request_expires_after_seven_days(
    client: Client, published: NoticeVersion
) -> None:
    submit(client, "oma-organisaatio-oy")
    link = confirmation_link()
    SubjectRequest.objects.update(received_at=timezone.now() - timedelta(days=7, minutes=1))
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert SubjectRequest.objects.get().status == RequestStatus.UNCONFIRMED
    assert purge_requests(timezone.now()).expired == 1
    assert not SubjectRequest.objects.exists()


def test_a_link_under_another_organisations_address_is_refused(
    client: Client, published: NoticeVersion, other_organisation: Controller
) -> None:
    submit(client, "oma-organisaatio-oy")
    link = confirmation_link().replace("oma-organisaatio-oy", other_organisation.slug)
    assert client.post(link).status_code == 404
    assert SubjectRequest.objects.get().status == RequestStatus.UNCONFIRMED


def test_a_made_up_token_is_refused(client: Client, published: NoticeVersion) -> None:
    assert client.get("/oma-organisaatio-oy/pyynto/vahvista/keksitty/").status_code == 404


def test_the_sent_page_needs_its_signed_value(client: Client, published: NoticeVersion) -> None:
    assert client.get("/oma-organisaatio-oy/pyynto/lahetetty/?v=ABCD-EFGH").status_code == 404
    assert client.get("/oma-organisaatio-oy/pyynto/vahvistettu/").status_code == 404
