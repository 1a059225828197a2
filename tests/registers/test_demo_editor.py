"""The demo organisations in the editor: `demo` sees every fact, `timmi` reaches none."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from privacy_notices.models import PrivacyNotice
from registers.demo import load_demo
from registers.models import (
    Controller,
    DataCategory,
    Membership,
    Recipient,
    Source,
)
from registers.views import LIBRARIES
from tests.factories import SecurityMeasureFactory, SubjectRequestFactory, pending_invitation
from tests.registers.test_demo import SEED_FACTS
from tests.registers.test_tenancy import editor_routes, fill
from tests.walk import import_draft

pytestmark = pytest.mark.django_db

EDITABLE_ORGANISATIONS = ["smart-time-oy", "smartum-oy"]
# Facts that belong to the notice (its intro and change log), not to a register:
# they are edited on the notice pages.
NOTICE_FACTS = {"Vaana on henkilötietojen käsittelijä"}


def editor_text(client: Client, controller: Controller) -> str:
    """Everything the editor shows of one organisation, as plain text."""
    base = f"/hallinta/{controller.slug}/"
    urls = [base, f"{base}rekisterinpitaja/", f"{base}rekisterit/"]
    urls += [
        f"{base}rekisterit/{pk}/" for pk in controller.register_set.values_list("pk", flat=True)
    ]
    for library in LIBRARIES.values():
        pks = library.model.objects.filter(controller=controller).values_list("pk", flat=True)
        urls += [f"{base}{library.key}/{pk}/" for pk in pks]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return html.unescape(re.sub(r"\s+", " ", " ".join(pages)))


@pytest.mark.parametrize("slug", EDITABLE_ORGANISATIONS)
def test_demo_sees_every_fact_of_its_registers_in_the_editor(client: Client, slug: str) -> None:
    load_demo()
    client.force_login(get_user_model().objects.get(username="demo"))
    text = editor_text(client, Controller.objects.get(slug=slug)).casefold()
    missing = [
        fact
        for fact in SEED_FACTS[slug]
        if fact not in NOTICE_FACTS and fact.casefold() not in text
    ]
    assert missing == []


@pytest.mark.parametrize("slug", EDITABLE_ORGANISATIONS)
def test_timmi_reaches_none_of_them(client: Client, slug: str) -> None:
    load_demo()
    controller = Controller.objects.get(slug=slug)
    register = controller.register_set.first()
    values = {
        "org": slug,
        "register_pk": register.pk,
        "category_pk": DataCategory.objects.filter(controller=controller).first().pk,
        "recipient_pk": Recipient.objects.filter(controller=controller).first().pk,
        "source_pk": Source.objects.filter(controller=controller).first().pk,
        # Not every demo organisation has security texts: make sure one exists.
        "measure_pk": SecurityMeasureFactory(controller=controller).pk,
        "notice_pk": PrivacyNotice.objects.filter(controller=controller).first().pk,
        "number": 1,
        "member_pk": Membership.objects.filter(controller=controller).first().pk,
        "invitation_pk": pending_invitation(controller, "demo-invitation").pk,
        "request_pk": SubjectRequestFactory(controller=controller).pk,
        "draft_pk": import_draft(controller).pk,
    }
    client.force_login(get_user_model().objects.get(username="timmi"))
    for route in editor_routes():
        if "<" not in route:
            continue
        url = fill(route, values)
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Timmi"}).status_code == 404, url
