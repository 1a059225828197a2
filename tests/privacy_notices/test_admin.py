from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller
from tests.factories import complete_register, notice_with

pytestmark = pytest.mark.django_db


def test_staff_download_the_newest_pdfs_of_selected_notices_as_one_zip(
    client: Client,
    staff: User,
    organisation: Controller,
    other_organisation: Controller,
    notice: PrivacyNotice,
    officer: User,
) -> None:
    publish_notice(notice=notice, published_by=officer, change_note="1")
    newest = publish_notice(notice=notice, published_by=officer, change_note="2")
    theirs = notice_with(other_organisation, complete_register(other_organisation), slug="muu")
    their_version = publish_notice(notice=theirs, published_by=None, change_note="1")
    unpublished = notice_with(organisation, slug="luonnos")
    client.force_login(staff)
    response = client.post(
        "/admin/privacy_notices/privacynotice/",
        {
            "action": "download_pdfs",
            "_selected_action": [notice.pk, theirs.pk, unpublished.pk],
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "oma-organisaatio-oy-tietosuojaseloste-2.pdf",
        "vieras-yritys-oy-muu-1.pdf",
    ]
    assert archive.read("oma-organisaatio-oy-tietosuojaseloste-2.pdf") == bytes(newest.pdf)
    assert archive.read("vieras-yritys-oy-muu-1.pdf") == bytes(their_version.pdf)


def test_the_zip_action_says_so_when_nothing_selected_is_published(
    client: Client, staff: User, notice: PrivacyNotice
) -> None:
    client.force_login(staff)
    response = client.post(
        "/admin/privacy_notices/privacynotice/",
        {"action": "download_pdfs", "_selected_action": [notice.pk]},
        follow=True,
    )
    assert "Yhtäkään valituista selosteista ei ole julkaistu." in response.content.decode()


def test_published_versions_are_read_only_in_the_admin(
    client: Client, staff: User, notice: PrivacyNotice, officer: User
) -> None:
    version = publish_notice(notice=notice, published_by=officer, change_note="Alkuperäinen")
    client.force_login(staff)
    url = f"/admin/privacy_notices/noticeversion/{version.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Alkuperäinen" in page.content.decode()
    assert client.post(url, {"change_note": "Muokattu"}).status_code == 403
    assert (
        client.get(f"/admin/privacy_notices/noticeversion/{version.pk}/delete/").status_code == 403
    )
    assert client.get("/admin/privacy_notices/noticeversion/add/").status_code == 403
    assert NoticeVersion.objects.get().change_note == "Alkuperäinen"


def test_the_changelist_counts_notices_in_a_form_finnish_reads_right(
    admin_client: Client, organisation: Controller
) -> None:
    for slug in ("tyontekijat", "asiakkaat", "kavijat"):
        notice_with(organisation, slug=slug)
    page = admin_client.get("/admin/privacy_notices/privacynotice/").content.decode()
    assert "Tietosuojaselosteet: 3" in page
    assert "3 tietosuojaselosteet" not in page
