"""`manage.py import_notice`: the importer for migrations of many notices."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from registers.models import Register
from tests.factories import ControllerFactory

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_notice", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_dry_run_reports_the_placement_and_saves_nothing() -> None:
    controller = ControllerFactory(slug="tuonti")
    output = _run(str(SEEDS / "timmi-software-oy.txt"), "--organisation", "tuonti", "--dry-run")
    assert "Rekisteri: Timmi Software Oy:n asiakasrekisteri" in output
    assert "Tietoryhmä: Etu- ja sukunimi" in output
    assert "Sijoittamatta jääneet kohdat" in output
    assert "Kokeiluajo: mitään ei tallennettu." in output
    assert not Register.objects.filter(controller=controller).exists()


@pytest.mark.django_db
def test_an_import_creates_draft_registers_and_reports_what_it_could_not_save() -> None:
    controller = ControllerFactory(slug="tuonti")
    report = json.loads(
        _run(str(SEEDS / "smart-time-oy.txt"), "--organisation", "tuonti", "--json")
    )
    names = set(Register.objects.filter(controller=controller).values_list("name", flat=True))
    assert names == set(report["created"])
    assert "Rekrytointirekisteri" in names
    # Not in any notice: drafts.
    assert not Register.objects.filter(controller=controller, noticeregister__isnull=False)
    # The customer register's purposes name two bases between them: the officer chooses.
    customer = next(r for r in report["registers"] if r["name"] == "Asiakasrekisteri")
    unsaved = [item for item in customer["items"] if item.get("not_saved")]
    assert unsaved and all(item["kind"] == "purpose" for item in unsaved)
    # Every unplaced passage is in the report with its text.
    assert all(passage["text"] for passage in report["unplaced"])


@pytest.mark.django_db
def test_a_bad_file_or_organisation_is_a_clear_error(tmp_path: Path) -> None:
    ControllerFactory(slug="tuonti")
    empty = tmp_path / "tyhja.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="tyhjä"):
        _run(str(empty), "--organisation", "tuonti")
    with pytest.raises(CommandError, match="Organisaatiota"):
        _run(str(SEEDS / "smartum-oy.txt"), "--organisation", "ei-ole")
    with pytest.raises(CommandError, match="Tiedostoa ei voi lukea"):
        _run(str(tmp_path / "puuttuu.pdf"), "--organisation", "tuonti")


def test_an_uploaded_file_name_loses_its_path_and_invisible_characters() -> None:
    from registers.importing.read import file_name

    assert file_name("C:\\Users\\maija\\seloste\u202egpj.docx") == "selostegpj.docx"
    assert file_name("../../etc/passwd") == "passwd"
    assert file_name("\u200b") == "tiedosto"
