"""A notice's own dates: "Laadittu" and its change log from before Seloste (issue 9, gap 3)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from privacy_notices.content import build_notice_content
from privacy_notices.interchange import ImportRefused, export_organisation, import_organisation
from privacy_notices.models import EarlierChange, NoticeVersion, PrivacyNotice
from privacy_notices.page_safety import page_problems
from privacy_notices.publishing import publish_notice
from privacy_notices.rendering import render_notice_page
from registers.models import Controller
from tests.factories import notice_with
from tests.page_forms import as_post, read_form
from tests.privacy_notices.conftest import FAKE_PDF, page_text

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"


@pytest.fixture(autouse=True)
def _fake_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", lambda content: FAKE_PDF)


def _publish(notice: PrivacyNotice, note: str = "Ensimmäinen.") -> NoticeVersion:
    return publish_notice(notice=notice, published_by=None, change_note=note, acknowledged=[])


def _tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- The model's rules ------------------------------------------------------------------


def test_a_notice_takes_a_drafted_date_and_dated_earlier_changes(notice: PrivacyNotice) -> None:
    notice.drafted_on = date(2018, 9, 30)
    notice.full_clean()
    notice.save()
    for day, text in ((date(2020, 12, 9), "Lisätty evästeet."), (date(2019, 1, 2), "")):
        entry = EarlierChange(notice=notice, date=day, text=text)
        entry.full_clean()
        entry.save()
    assert [e.date for e in notice.earlier_history.all()] == [date(2019, 1, 2), date(2020, 12, 9)]


def test_no_date_is_in_the_future(notice: PrivacyNotice) -> None:
    notice.drafted_on = _tomorrow()
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "tulevaisuudessa" in _messages(error)["drafted_on"][0]

    notice.drafted_on = None
    with pytest.raises(ValidationError) as error:
        EarlierChange(notice=notice, date=_tomorrow(), text="x").full_clean()
    assert "tulevaisuudessa" in _messages(error)["date"][0]


def test_the_history_before_seloste_ends_at_its_first_version(notice: PrivacyNotice) -> None:
    version = _publish_days_ago(notice, 10)
    first = timezone.localdate(version.published_at)
    later = first + timedelta(days=1)

    EarlierChange(notice=notice, date=first, text="Samana päivänä.").full_clean()
    with pytest.raises(ValidationError) as error:
        EarlierChange(notice=notice, date=later, text="x").full_clean()
    message = _messages(error)["date"][0]
    assert "ensimmäisen Selosteessa julkaistun version" in message
    assert f"({first.day}.{first.month}.{first.year})" in message

    notice.drafted_on = later
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "ensimmäisen Selosteessa julkaistun version" in _messages(error)["drafted_on"][0]


def test_no_change_is_older_than_the_notice_itself(notice: PrivacyNotice) -> None:
    notice.drafted_on = date(2018, 9, 30)
    EarlierChange(notice=notice, date=date(2018, 9, 30), text="Julkaistu.").full_clean()
    with pytest.raises(ValidationError) as error:
        EarlierChange(notice=notice, date=date(2018, 9, 29), text="x").full_clean()
    assert _messages(error)["date"] == [
        "Muutos ei voi olla ennen selosteen laatimispäivää (30.9.2018)."
    ]


def _publish_days_ago(notice: PrivacyNotice, days: int) -> NoticeVersion:
    """Publish as if ``days`` ago, so that a day after the version is not in the future."""
    moment = timezone.now() - timedelta(days=days)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("privacy_notices.publishing.timezone.now", lambda: moment)
        return _publish(notice)


# --- The editor -------------------------------------------------------------------------


def _form(client: Client, url: str) -> dict[str, list[str]]:
    return as_post(read_form(client.get(url).content.decode()).pairs)


def test_the_notice_form_offers_one_empty_row_without_script(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    page = client.get(f"{ORG}/selosteet/{notice.pk}/muokkaa/").content.decode()
    form = read_form(page)
    assert form.kinds["drafted_on"] == "date"
    assert form.kinds["earlier_history-0-date"] == "date"
    assert form.kinds["earlier_history-0-text"] == "textarea"
    assert "Muutoshistoria ennen Selostetta" in page


def test_an_officer_adds_edits_and_deletes_earlier_changes(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    url = f"{ORG}/selosteet/{notice.pk}/muokkaa/"
    client.force_login(officer)

    data = _form(client, url)
    data["drafted_on"] = ["2018-09-30"]
    data["earlier_history-0-date"] = ["9.12.2020"]  # typed the Finnish way
    data["earlier_history-0-text"] = ["Lisätty evästeet."]
    response = client.post(url, data)
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.drafted_on == date(2018, 9, 30)
    assert [(e.date, e.text) for e in notice.earlier_history.all()] == [
        (date(2020, 12, 9), "Lisätty evästeet.")
    ]

    # The saved row and a new empty one; the new one gets an older line.
    data = _form(client, url)
    assert data["earlier_history-INITIAL_FORMS"] == ["1"]
    assert data["earlier_history-0-date"] == ["2020-12-09"]
    data["earlier_history-0-text"] = ["Lisätty evästeet ja analytiikka."]
    data["earlier_history-1-date"] = ["2019-03-01"]
    data["earlier_history-1-text"] = [""]
    assert client.post(url, data).status_code == 302
    assert [(e.date, e.text) for e in notice.earlier_history.all()] == [
        (date(2019, 3, 1), ""),
        (date(2020, 12, 9), "Lisätty evästeet ja analytiikka."),
    ]

    data = _form(client, url)
    data["earlier_history-0-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert [e.date for e in notice.earlier_history.all()] == [date(2020, 12, 9)]


def test_a_new_notice_is_created_with_its_history(
    client: Client, officer: User, organisation: Controller
) -> None:
    url = f"{ORG}/selosteet/uusi/"
    client.force_login(officer)
    data = _form(client, url)
    data.update(
        {
            "title": ["Tietosuojaseloste"],
            "slug": ["seloste"],
            "earlier_history-0-date": ["2018-08-02"],
            "earlier_history-0-text": ["Seloste päivitetty."],
        }
    )
    assert client.post(url, data).status_code == 302
    notice = PrivacyNotice.objects.get(slug="seloste")
    assert [(e.date, e.text) for e in notice.earlier_history.all()] == [
        (date(2018, 8, 2), "Seloste päivitetty.")
    ]


def test_an_invalid_row_is_refused_beside_its_field_and_keeps_what_was_typed(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    url = f"{ORG}/selosteet/{notice.pk}/muokkaa/"
    client.force_login(officer)
    data = _form(client, url)
    data["title"] = ["Uusi otsikko"]
    data["drafted_on"] = ["2018-09-30"]
    data["earlier_history-0-date"] = ["2017-01-01"]  # before the notice was drafted
    data["earlier_history-0-text"] = ["Vanha muutos, jota ei saa hukata."]
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Muutos ei voi olla ennen selosteen laatimispäivää (30.9.2018)." in page
    shown = as_post(read_form(page).pairs)
    assert shown["title"] == ["Uusi otsikko"]
    assert shown["drafted_on"] == ["2018-09-30"]
    assert shown["earlier_history-0-text"] == ["Vanha muutos, jota ei saa hukata."]
    # The error sits in the row's date field, not at the top of the page.
    assert re.search(r'id="error_1_id_earlier_history-0-date"', page)
    notice.refresh_from_db()
    assert (notice.title, notice.drafted_on) != ("Uusi otsikko", date(2018, 9, 30))
    assert not notice.earlier_history.exists()


def test_a_row_without_a_date_is_refused(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    url = f"{ORG}/selosteet/{notice.pk}/muokkaa/"
    client.force_login(officer)
    data = _form(client, url)
    data["earlier_history-0-text"] = ["Päiväys unohtui."]
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["history"].errors[0]["date"]
    assert not EarlierChange.objects.exists()


def test_a_viewer_cannot_change_the_history_and_an_outsider_cannot_see_it(
    client: Client, viewer: User, outsider: User, notice: PrivacyNotice
) -> None:
    EarlierChange.objects.create(notice=notice, date=date(2020, 12, 9), text="Vanha.")
    url = f"{ORG}/selosteet/{notice.pk}/muokkaa/"
    client.force_login(viewer)
    page = client.get(url).content.decode()
    assert "Vanha." in page
    assert 'name="earlier_history-0-text"' in page and "disabled" in page
    data = {
        "title": "x",
        "slug": notice.slug,
        "earlier_history-TOTAL_FORMS": "1",
        "earlier_history-INITIAL_FORMS": "1",
        "earlier_history-0-id": str(notice.earlier_history.get().pk),
        "earlier_history-0-date": "2020-12-09",
        "earlier_history-0-DELETE": "on",
    }
    assert client.post(url, data).status_code == 403

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert notice.earlier_history.count() == 1


def test_another_notices_row_cannot_be_edited_through_this_one(
    client: Client, officer: User, notice: PrivacyNotice, other_organisation: Controller
) -> None:
    theirs = notice_with(other_organisation, slug="muu")
    row = EarlierChange.objects.create(notice=theirs, date=date(2020, 1, 1), text="Heidän.")
    url = f"{ORG}/selosteet/{notice.pk}/muokkaa/"
    client.force_login(officer)
    data = {
        "title": "x",
        "slug": notice.slug,
        "earlier_history-TOTAL_FORMS": "1",
        "earlier_history-INITIAL_FORMS": "1",
        "earlier_history-0-id": str(row.pk),
        "earlier_history-0-date": "2020-01-02",
        "earlier_history-0-text": "Kaapattu.",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Tätä riviä ei enää ole" in response.content.decode()
    row.refresh_from_db()
    assert (row.notice, row.text) == (theirs, "Heidän.")


# --- Content and rendering --------------------------------------------------------------


def _dated(notice: PrivacyNotice) -> PrivacyNotice:
    notice.drafted_on = date(2018, 9, 30)
    notice.save()
    EarlierChange.objects.create(notice=notice, date=date(2020, 12, 9), text="Lisätty evästeet.")
    EarlierChange.objects.create(notice=notice, date=date(2019, 5, 2), text="")
    return notice


def test_the_content_freezes_the_dates_oldest_first(notice: PrivacyNotice) -> None:
    content = build_notice_content(_dated(notice))
    assert content["drafted_on"] == "2018-09-30"
    assert content["earlier_history"] == [
        {"date": "2019-05-02", "text": "Selostetta päivitetty."},
        {"date": "2020-12-09", "text": "Lisätty evästeet."},
    ]
    plain = build_notice_content(PrivacyNotice.objects.create(controller=notice.controller))
    assert (plain["drafted_on"], plain["earlier_history"]) == (None, [])


def test_a_published_page_shows_when_it_was_drafted_and_updated(notice: PrivacyNotice) -> None:
    _publish(_dated(notice), "Ensimmäinen.")
    second = _publish(notice, "Toinen.")
    today = timezone.localdate(second.published_at)
    text = page_text(second.rendered_html)
    assert f"Laadittu 30.9.2018. Päivitetty {today.day}.{today.month}.{today.year}." in text
    changes = text[text.index("Päivitykset ja muutokset") :]
    lines = [
        "Versio 2,",
        "Toinen.",
        "Versio 1,",
        "Ensimmäinen.",
        "9.12.2020: Lisätty evästeet.",
        "2.5.2019: Selostetta päivitetty.",
    ]
    positions = [changes.index(line) for line in lines]
    assert positions == sorted(positions)


def test_a_version_shows_its_own_publication_date_as_updated(notice: PrivacyNotice) -> None:
    content = _publish(notice).content
    content["version"]["published_at"] = "2024-03-05T10:00:00+02:00"
    text = page_text(render_notice_page(content))
    assert "Versio 1, julkaistu 5.3.2024" in text
    assert "Päivitetty 5.3.2024." in text
    assert "Laadittu" not in text


def test_a_draft_shows_no_updated_date(notice: PrivacyNotice) -> None:
    text = page_text(render_notice_page(build_notice_content(_dated(notice)), draft=True))
    assert "Laadittu 30.9.2018." in text
    assert "Päivitetty" not in text
    changes = text[text.index("Päivitykset ja muutokset") :]
    assert changes.index("Luonnos (ei julkaistu)") < changes.index("9.12.2020: Lisätty evästeet.")


def test_the_earlier_changes_are_escaped(notice: PrivacyNotice) -> None:
    EarlierChange.objects.create(notice=notice, date=date(2020, 1, 1), text="<b>x</b>\nRivi 2")
    html = render_notice_page(build_notice_content(notice), draft=True)
    assert "<li>1.1.2020: &lt;b&gt;x&lt;/b&gt;<br>Rivi 2</li>" in html


def _old_content(content: dict[str, Any]) -> dict[str, Any]:
    """A content as frozen before notices had dates: without their keys."""
    return {k: v for k, v in content.items() if k not in ("drafted_on", "earlier_history")}


def test_a_content_frozen_before_the_dates_renders_as_it_did(notice: PrivacyNotice) -> None:
    version = _publish(notice)
    new = version.content
    old = _old_content(new)
    old_page, new_page = render_notice_page(old), render_notice_page(new)
    # The only difference is the new line; the old page has no dates of its own.
    day = timezone.localdate(version.published_at)
    updated = f"Päivitetty {day.day}.{day.month}.{day.year}."
    line = f'\n  <p class="notice-status notice-dates">{updated}</p>'
    assert line in new_page
    assert new_page.replace(line, "") == old_page
    assert "notice-dates" not in old_page and "Laadittu" not in old_page
    assert render_notice_page({**old, "version": None}, draft=True) == render_notice_page(
        {**new, "version": None, "drafted_on": None, "earlier_history": []}, draft=True
    )
    # An imported old version is kept as the page this release writes, byte for byte.
    assert page_problems(old_page, old) == []


def test_the_new_markup_passes_the_imported_page_sanitiser(notice: PrivacyNotice) -> None:
    version = _publish(_dated(notice))
    page = version.rendered_html.replace("</h1>", "</h1> ")  # not what this release writes
    assert page_problems(page, version.content) == []


# --- Interchange ------------------------------------------------------------------------


def _through_json(document: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(document))
    return loaded


def test_the_dates_travel_through_export_and_import(notice: PrivacyNotice) -> None:
    _dated(notice)
    _publish(notice)
    controller = notice.controller
    document = _through_json(export_organisation(controller))
    row = document["notices"][0]
    assert row["drafted_on"] == "2018-09-30"
    assert row["earlier_history"] == [
        {"date": "2019-05-02", "text": ""},
        {"date": "2020-12-09", "text": "Lisätty evästeet."},
    ]
    Controller.objects.filter(pk=controller.pk).delete()

    imported = import_organisation(document)
    assert _through_json(export_organisation(imported)) == document


def test_a_document_written_before_the_dates_still_imports(notice: PrivacyNotice) -> None:
    _publish(notice)
    controller = notice.controller
    document = _through_json(export_organisation(controller))
    for row in document["notices"]:
        del row["earlier_history"], row["drafted_on"]
    Controller.objects.filter(pk=controller.pk).delete()

    imported = import_organisation(document)
    notice = imported.notices.get()
    assert notice.drafted_on is None
    assert not notice.earlier_history.exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"drafted_on": 20180930}, "notices[0].drafted_on: expected a text, got a whole number"),
        ({"drafted_on": "30.9.2018"}, "notices[0].drafted_on: "),
        (
            {"earlier_history": {"date": "2020-01-01"}},
            "notices[0].earlier_history: expected a list",
        ),
        (
            {"earlier_history": [{"date": "2020-01-01", "text": "x", "notice": "x"}]},
            "notices[0].earlier_history[0]: unknown fields notice",
        ),
        ({"earlier_history": [{"text": "x"}]}, "notices[0].earlier_history[0].date: "),
        (
            {"drafted_on": "2020-01-02", "earlier_history": [{"date": "2020-01-01", "text": ""}]},
            "notices[0].earlier_history[0].date: Muutos ei voi olla ennen selosteen",
        ),
        (
            {"earlier_history": [{"date": "2999-01-01", "text": ""}]},
            "notices[0].earlier_history[0].date: Päivämäärä ei voi olla tulevaisuudessa",
        ),
    ],
)
def test_an_import_refuses_wrong_dates_at_their_place(
    notice: PrivacyNotice, change: dict[str, Any], expected: str
) -> None:
    controller = notice.controller
    document = _through_json(export_organisation(controller))
    document["notices"][0].update(change)
    Controller.objects.filter(pk=controller.pk).delete()
    with pytest.raises(ImportRefused) as refused:
        import_organisation(document)
    assert any(error.startswith(expected) for error in refused.value.errors), refused.value.errors
    assert not Controller.objects.exists()


def test_an_import_refuses_history_after_the_first_version(notice: PrivacyNotice) -> None:
    _publish_days_ago(notice, 10)
    controller = notice.controller
    document = _through_json(export_organisation(controller))
    published = datetime.fromisoformat(document["notices"][0]["versions"][0]["published_at"])
    later = timezone.localdate(published) + timedelta(days=1)
    document["notices"][0]["earlier_history"] = [{"date": later.isoformat(), "text": ""}]
    Controller.objects.filter(pk=controller.pk).delete()
    with pytest.raises(ImportRefused) as refused:
        import_organisation(document)
    assert any("ensimmäisen Selosteessa julkaistun version" in e for e in refused.value.errors)


# --- The admin --------------------------------------------------------------------------


def test_the_admin_edits_the_history_inline(
    client: Client, staff: User, notice: PrivacyNotice
) -> None:
    EarlierChange.objects.create(notice=notice, date=date(2020, 12, 9), text="Lisätty evästeet.")
    client.force_login(staff)
    url = f"/admin/privacy_notices/privacynotice/{notice.pk}/change/"
    page = client.get(url).content.decode()
    assert "Lisätty evästeet." in page
    assert 'name="earlier_history-0-date"' in page
    assert 'name="drafted_on"' in page
