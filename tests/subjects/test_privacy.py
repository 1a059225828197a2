"""The requesters' data is personal data: it reaches no log and no error report."""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from privacy_notices.models import NoticeVersion
from subjects import public_views
from subjects.models import RequestStatus, SubjectRequest
from tests.subjects.conftest import form_data

SECRETS = ("Salainen Sukunimi", "salainen@example.com", "Salainen viesti", "0401234567")


def secret_data() -> dict[str, Any]:
    return form_data(name=SECRETS[0], email=SECRETS[1], message=SECRETS[2], phone=SECRETS[3])


def test_a_whole_request_writes_nothing_of_it_to_the_log(
    client: Client,
    published: NoticeVersion,
    officer: User,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/oma-organisaatio-oy/pyynto/", secret_data())
    client.post("/oma-organisaatio-oy/pyynto/", {**secret_data(), "request_type": ""})
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body)[1]  # type: ignore[index]
    client.post(link)
    request = SubjectRequest.objects.get()
    client.force_login(officer)
    client.get(f"/hallinta/oma-organisaatio-oy/pyynnot/{request.pk}/")
    client.post(
        f"/hallinta/oma-organisaatio-oy/pyynnot/{request.pk}/vastaa/",
        {"subject": "Vastaus", "body": f"Hei {SECRETS[0]}", "status": RequestStatus.DONE},
    )

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(f"refused {SECRETS[1]}")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client.post(
        f"/hallinta/oma-organisaatio-oy/pyynnot/{request.pk}/vastaa/",
        {"subject": "Toinen", "body": f"Hei {SECRETS[0]}"},
    )
    assert caplog.records, "the steps log something (the test would pass vacuously otherwise)"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in SECRETS:
        assert secret not in logged
    assert "Request reply mail not sent: OSError" in logged


def test_an_error_report_of_the_form_hides_what_was_posted(
    published: NoticeVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> None:
        raise RuntimeError("boom")

    # Deep in the workflow, whose frames hold the name, address and message.
    monkeypatch.setattr("subjects.submission.new_reference", fail)
    request = RequestFactory().post("/oma-organisaatio-oy/pyynto/", secret_data())
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    try:
        public_views.request_form(request, org="oma-organisaatio-oy")
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    else:
        pytest.fail("the view did not fail")
    assert "boom" in report
    for secret in SECRETS:
        assert secret not in report
