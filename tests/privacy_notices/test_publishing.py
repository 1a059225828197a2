from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import RestrictedError

from privacy_notices.checks import check_notice
from privacy_notices.models import ImmutableVersionError, NoticeVersion, PrivacyNotice
from privacy_notices.publishing import PublishingBlocked, publish_notice
from registers.models import Controller, Purpose, Register

pytestmark = pytest.mark.django_db


def _publish(notice: PrivacyNotice, officer: User, note: str = "Muutos") -> NoticeVersion:
    return publish_notice(notice=notice, published_by=officer, change_note=note)


def test_publishing_numbers_versions_and_stores_html_pdf_and_their_hashes(
    notice: PrivacyNotice, officer: User
) -> None:
    first = _publish(notice, officer, "Ensimmäinen versio")
    second = _publish(notice, officer, "Toinen versio")
    assert (first.number, second.number) == (1, 2)
    assert second.published_by == officer
    assert bytes(second.pdf).startswith(b"%PDF")
    assert second.pdf_sha256 == hashlib.sha256(bytes(second.pdf)).hexdigest()
    assert second.html_sha256 == hashlib.sha256(second.rendered_html.encode()).hexdigest()


def test_the_change_history_is_made_from_the_versions_notes(
    notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer, "Ensimmäinen versio")
    second = _publish(notice, officer, "Lisätty evästeet")
    assert [h["change_note"] for h in second.content["history"]] == [
        "Ensimmäinen versio",
        "Lisätty evästeet",
    ]
    assert "Päivitykset ja muutokset" in second.rendered_html
    assert "Ensimmäinen versio" in second.rendered_html
    assert "Lisätty evästeet" in second.rendered_html


def test_publishing_is_blocked_while_mandatory_items_are_missing(
    incomplete: PrivacyNotice, officer: User
) -> None:
    with pytest.raises(PublishingBlocked) as blocked:
        _publish(incomplete, officer)
    assert any("Säilytysaika puuttuu" in f.message for f in blocked.value.findings)
    assert not NoticeVersion.objects.exists()


def test_acknowledging_every_missing_item_publishes_and_records_them(
    incomplete: PrivacyNotice, officer: User
) -> None:
    notice = incomplete
    with pytest.raises(PublishingBlocked) as blocked:
        _publish(notice, officer)
    codes = [f.code for f in blocked.value.findings]
    with pytest.raises(PublishingBlocked):
        publish_notice(notice=notice, published_by=officer, change_note="x", acknowledged=codes[1:])
    version = publish_notice(
        notice=notice, published_by=officer, change_note="x", acknowledged=codes
    )
    assert [i["code"] for i in version.acknowledged_issues] == codes
    assert "Säilytysaika puuttuu rekisteristä Asiakasrekisteri" in [
        i["message"] for i in version.acknowledged_issues
    ]


def test_a_version_renders_from_its_snapshot_not_from_live_data(
    notice: PrivacyNotice, officer: User
) -> None:
    version = _publish(notice, officer)
    Register.objects.filter(pk=notice.registers.get().pk).update(name="Uusi nimi")
    Purpose.objects.filter(description="purpose-consent").update(description="changed-purpose")
    version.refresh_from_db()
    assert "purpose-consent" in version.rendered_html
    assert "changed-purpose" not in version.rendered_html
    assert version.content["registers"][0]["name"] == "Asiakasrekisteri"


def test_a_published_version_cannot_be_saved_again(notice: PrivacyNotice, officer: User) -> None:
    version = _publish(notice, officer)
    version.change_note = "Muokattu"
    with pytest.raises(ImmutableVersionError):
        version.save()
    version.refresh_from_db()
    assert version.change_note == "Muutos"


def test_a_published_version_cannot_be_deleted(notice: PrivacyNotice, officer: User) -> None:
    version = _publish(notice, officer)
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        NoticeVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(ImmutableVersionError):
        NoticeVersion.objects.all().delete()
    assert NoticeVersion.objects.filter(pk=version.pk).exists()


def test_published_versions_cannot_be_updated_in_bulk(notice: PrivacyNotice, officer: User) -> None:
    _publish(notice, officer)
    with pytest.raises(ImmutableVersionError):
        NoticeVersion.objects.update(change_note="Muokattu")
    with pytest.raises(ImmutableVersionError):
        notice.versions.update(change_note="Muokattu")
    assert NoticeVersion.objects.get().change_note == "Muutos"


def test_a_published_notice_cannot_be_deleted(notice: PrivacyNotice, officer: User) -> None:
    _publish(notice, officer)
    with pytest.raises(RestrictedError):
        notice.delete()
    assert NoticeVersion.objects.exists()


def test_its_versions_go_only_with_the_whole_organisation(
    organisation: Controller, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer)
    organisation.delete()
    assert not NoticeVersion.objects.exists()


def test_the_slug_of_a_published_notice_cannot_change(notice: PrivacyNotice, officer: User) -> None:
    notice.slug = "uusi"
    notice.full_clean()  # not yet published: fine
    notice.slug = "tietosuojaseloste"
    _publish(notice, officer)
    notice.slug = "uusi"
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "slug" in error.value.message_dict


def test_an_organisation_with_published_versions_keeps_its_slug(
    notice: PrivacyNotice, officer: User
) -> None:
    controller = notice.controller
    controller.slug = "uusi-nimi-oy"
    controller.full_clean()  # nothing published yet: the slug may change
    controller.refresh_from_db()

    missing = [f.code for f in check_notice(notice) if f.blocking]
    publish_notice(notice=notice, published_by=officer, change_note="1", acknowledged=missing)

    controller.slug = "uusi-nimi-oy"
    with pytest.raises(ValidationError) as excinfo:
        controller.full_clean()
    assert "julkaistuja selosteita" in excinfo.value.message_dict["slug"][0]
