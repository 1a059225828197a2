"""The Finnish catalog (locale/fi) is current, compiled and used: Finnish wherever it is due."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise

from config import finnish_overrides
from registers.models import Register

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale/fi/LC_MESSAGES/django.po"
NOT_CODE = (".*", "locale", "tests", "bench", "staticfiles", "media", "*.egg-info", "*.sqlite3")


def test_the_catalog_has_every_message_of_the_code(tmp_path: Path, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The same extraction as `make messages`, from a copy of the code without its
    # catalog: makemessages writes into the locale/ directory it finds beside the code.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_CODE))
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command(
        "makemessages",
        locale=["fi"],
        domain="django",
        ignore_patterns=["tests/*", "bench/*", "staticfiles/*"],
        no_wrap=True,
        verbosity=0,
    )
    extracted = source / "locale/fi/LC_MESSAGES/django.po"
    # msgcmp: every message of the extracted file must be in ours.
    result = subprocess.run(
        ["msgcmp", "--use-untranslated", str(CATALOG), str(extracted)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        "locale/fi/LC_MESSAGES/django.po lacks messages of the code: run make messages.\n"
        + result.stderr
    )


def test_every_third_party_message_listed_for_finnish_has_its_finnish() -> None:
    lists = [value for name, value in vars(finnish_overrides).items() if name.isupper()]
    assert lists
    with translation.override("fi"):
        for message in (m for messages in lists for m in messages):
            assert isinstance(message, Promise)
            if not message._args:  # type: ignore[attr-defined]
                continue  # ngettext_lazy with a named number, formatted only when used
            msgid = message._args[0]  # type: ignore[attr-defined]
            assert str(message) != msgid, f"no Finnish for {msgid!r} (make install compiles it)"


def test_the_admin_speaks_finnish_with_names_in_the_right_case(
    client: Client, staff: User, register: Register
) -> None:
    client.force_login(staff)
    body = client.get(f"/admin/registers/register/{register.pk}/change/").content.decode()
    assert "Muokkaa: rekisteri" in body
    assert "Muokkaa rekisteri" not in body
    body = client.get("/admin/").content.decode()
    assert "Kirjautumisten valvonta" in body and "Kirjautumisyritykset" in body
    assert "Model name" not in body and "Access attempts" not in body


@pytest.mark.django_db
def test_a_wrong_password_gets_a_natural_finnish_message(client: Client) -> None:
    User.objects.create_user("liisa", password="oikea-salasana-123")
    response = client.post(
        "/accounts/login/", {"login": "liisa", "password": "väärä-salasana"}, REMOTE_ADDR="10.9.8.7"
    )
    assert "Käyttäjätunnus tai salasana on väärin." in response.content.decode()


def test_every_model_has_a_finnish_name_in_both_numbers() -> None:
    for label in ("registers", "privacy_notices", "subjects"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue  # django-simple-history's, named after the model
            declared = model._meta.original_attrs
            assert "verbose_name" in declared, model
            assert "verbose_name_plural" in declared, model
