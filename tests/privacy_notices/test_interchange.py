from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from privacy_notices.demo import publish_demo_notices
from privacy_notices.interchange import ImportRefused, export_organisation, import_organisation
from privacy_notices.models import NoticeVersion
from registers.demo import load_demo
from registers.models import Controller, Register

pytestmark = pytest.mark.django_db

DEMO_SLUGS = ["smart-time-oy", "smartum-oy", "timmi-software-oy"]


def _load_and_publish_demo() -> None:
    load_demo()
    publish_demo_notices()


def _export(slug: str) -> dict[str, Any]:
    return export_organisation(Controller.objects.get(slug=slug))


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_an_export_imported_elsewhere_exports_identically(slug: str) -> None:
    _load_and_publish_demo()
    document = json.loads(json.dumps(_export(slug)))  # through real JSON
    Controller.objects.filter(slug=slug).delete()  # "another installation"

    import_organisation(document)

    assert _export(slug) == document


def test_the_export_carries_every_part_of_a_register() -> None:
    load_demo()
    document = _export("smartum-oy")
    register = document["registers"][0]
    assert register["name"] == "Asiakas- ja markkinointirekisteri"
    assert [t["recipient"] for t in register["transfers"]] == [
        "Salesforce",
        "The Rocket Science Group LLC d/b/a MailChimp",
    ]
    assert register["transfers"][0]["safeguard"] == "privacy_shield"
    assert len(register["cookies"]) == 9
    assert register["purposes"][1]["legal_basis"] == "consent"
    assert document["controller"]["business_id"] == "2780101-9"
    assert document["notices"][0]["registers"] == ["Asiakas- ja markkinointirekisteri"]


def test_published_versions_travel_byte_for_byte() -> None:
    _load_and_publish_demo()
    original = NoticeVersion.objects.get(notice__controller__slug="timmi-software-oy")
    pdf, html = bytes(original.pdf), original.rendered_html
    document = json.loads(json.dumps(_export("timmi-software-oy")))
    Controller.objects.filter(slug="timmi-software-oy").delete()

    import_organisation(document)

    copy_ = NoticeVersion.objects.get(notice__controller__slug="timmi-software-oy")
    assert (bytes(copy_.pdf), copy_.rendered_html, copy_.number) == (pdf, html, 1)
    assert copy_.published_by is not None  # the demo's publisher exists here too


def test_it_imports_under_another_slug_beside_the_original() -> None:
    load_demo()
    document = _export("timmi-software-oy")
    controller = import_organisation(document, slug="timmi-kopio")
    assert controller.register_set.count() == 1
    assert Controller.objects.filter(name="Timmi Software Oy").count() == 2


def _broken(document: dict[str, Any], change: Any) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    change(broken)
    return broken


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["controller"].update(business_id="2780101-8"), "controller.business_id"),
        (
            lambda d: d["registers"][0]["purposes"][0].update(legal_basis="whim"),
            "registers[0].purposes[0].legal_basis",
        ),
        (
            lambda d: d["registers"][0]["purposes"][0].update(
                legal_basis="legitimate_interests", legitimate_interest=""
            ),
            "registers[0].purposes[0].legitimate_interest",
        ),
        (
            lambda d: d["registers"][0]["transfers"][0].update(recipient="Nobody"),
            "registers[0].transfers[0].recipient: no such item 'Nobody'",
        ),
        (
            lambda d: d["registers"][0]["data_categories"].append("Ei ole"),
            "registers[0].data_categories: no such item 'Ei ole'",
        ),
        (lambda d: d["registers"][0].update(colour="red"), "unknown fields colour"),
        (lambda d: d.update(format_version=99), "not a seloste-organisation document"),
        (
            lambda d: d["notices"][0]["versions"][0].update(rendered_html="<p>muutettu</p>"),
            "notices[0].versions[0].rendered_html: does not match html_sha256",
        ),
        (
            lambda d: d["notices"][0]["versions"][0].update(pdf="ei base64:tä"),
            "notices[0].versions[0].pdf: not base64",
        ),
        (lambda d: d.update(registers="many"), "registers: expected a list, got a text"),
        (
            lambda d: d["registers"][0]["retention_rules"][0].update(period="ten"),
            "registers[0].retention_rules[0].period",
        ),
        (
            lambda d: d["registers"][0].update(description="x" * 10_001),
            "registers[0].description: Tämän arvon tulee olla enintään 10000 merkkiä",
        ),
        (
            lambda d: d["registers"][0]["purposes"][0].update(description="x" * 2_001),
            "registers[0].purposes[0].description: Tämän arvon tulee olla enintään 2000 merkkiä",
        ),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(change: Any, expected: str) -> None:
    _load_and_publish_demo()
    document = _export("smartum-oy")
    Controller.objects.filter(slug="smartum-oy").delete()
    before = Register.objects.count()

    with pytest.raises(ImportRefused) as excinfo:
        import_organisation(_broken(document, change))

    assert any(expected in line for line in excinfo.value.errors), excinfo.value.errors
    assert not Controller.objects.filter(slug="smartum-oy").exists()
    assert Register.objects.count() == before


def test_it_refuses_an_organisation_that_already_exists() -> None:
    load_demo()
    with pytest.raises(ImportRefused) as excinfo:
        import_organisation(_export("smartum-oy"))
    assert any(line.startswith("controller.slug") for line in excinfo.value.errors)


def test_the_commands_round_trip_through_a_file(tmp_path: Path) -> None:
    load_demo()
    path = tmp_path / "smart-time.json"
    call_command("export_organisation", "smart-time-oy", output=str(path))
    call_command("import_organisation", str(path), slug="smart-time-kopio", stdout=StringIO())
    copy_ = Controller.objects.get(slug="smart-time-kopio")
    assert copy_.register_set.count() == 5


def test_the_import_command_reports_every_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_organisation", str(path))
