"""An axe-core audit of the public and the editor's pages: no WCAG 2.1 A or AA violation.

axe-core comes from the npm registry at the exact version in tests/e2e/axe/
package-lock.json (`make e2e` runs `npm ci` there). Its script is evaluated through
the DevTools protocol, which the strict Content-Security-Policy does not govern (a
<script> element added to the page would be refused), so each page is audited as it
is served. The pages hold the demo organisations' real texts, long words and
addresses included, published as a deployment publishes them.

Each page is also checked for sideways scrolling, which on a phone hides the end of
every line (WCAG 2.1 1.4.10 Reflow).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from privacy_notices.demo import publish_demo_notices
from privacy_notices.models import PrivacyNotice
from registers.demo import DEMO_PASSWORD, load_demo
from registers.models import DataCategory, Register
from tests.e2e.conftest import sign_in
from tests.factories import SubjectRequestFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = [{"width": 1366, "height": 900}, {"width": 390, "height": 844}]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""

SIDEWAYS_SCROLL = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed: run `make e2e` (npm ci in {AXE.parents[2]}).")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def demo(live_server: LiveServer, settings: Any) -> str:
    """The demo organisations, their notices published and one request in Smartum
    Oy's inbox (an empty inbox has no table). Returns the live server's URL."""
    settings.SITE_URL = live_server.url
    load_demo()
    publish_demo_notices()
    SubjectRequestFactory(controller_id=_smartum_register().controller_id)
    return live_server.url


def _smartum_register() -> Register:
    return Register.objects.filter(controller__slug="smartum-oy").order_by("pk").first()


def public_paths() -> list[str]:
    return [
        "/smartum-oy/tietosuojaseloste/",
        "/smartum-oy/tietosuojaseloste/versiot/",
        "/smartum-oy/",
        "/smartum-oy/pyynto/",
        "/accounts/login/",
        "/accounts/signup/",
        "/sanasto/",
    ]


def editor_paths() -> list[str]:
    org = "/hallinta/smartum-oy"
    register = _smartum_register()
    category = DataCategory.objects.filter(controller=register.controller).order_by("pk").first()
    notice = PrivacyNotice.objects.get(controller=register.controller)
    return [
        f"{org}/",
        f"{org}/rekisterit/",
        f"{org}/rekisterit/{register.pk}/",
        f"{org}/rekisterit/uusi/",
        f"{org}/tietoryhmat/",
        f"{org}/tietoryhmat/{category.pk}/",
        f"{org}/selosteet/",
        f"{org}/selosteet/{notice.pk}/",
        f"{org}/selosteet/{notice.pk}/muokkaa/",
        f"{org}/rekisterinpitaja/",
        f"{org}/jasenet/",
        f"{org}/pyynnot/",
        f"{org}/tuo/",
        f"{org}/haku/?q=asiakas",
    ]


def audit(page: Page, url: str, axe_source: str) -> list[str]:
    """What is wrong with the page at url, one readable line per rule."""
    page.goto(url)
    page.evaluate(axe_source)
    problems = [
        f"{violation['id']}: {violation['help']} — {', '.join(violation['targets'])}"
        for violation in page.evaluate(RUN_AXE, WCAG_21_AA)
    ]
    if (overflow := page.evaluate(SIDEWAYS_SCROLL)) > 0:
        problems.append(f"the page scrolls sideways by {overflow} px")
    return problems


def assert_accessible(page: Page, base_url: str, paths: list[str], axe_source: str) -> None:
    """Every page at a desktop's and at a phone's size; one report of all problems."""
    found: dict[str, list[str]] = {}
    for size in SIZES:
        page.set_viewport_size(size)
        for path in paths:
            if problems := audit(page, base_url + path, axe_source):
                found[f"{size['width']}x{size['height']} {path}"] = problems
    assert not found, "\n" + json.dumps(found, ensure_ascii=False, indent=2)


def test_the_public_pages_and_sign_in_have_no_wcag_violations(
    page: Page, demo: str, axe_source: str
) -> None:
    assert_accessible(page, demo, public_paths(), axe_source)


def test_the_editors_pages_have_no_wcag_violations(page: Page, demo: str, axe_source: str) -> None:
    sign_in(page, demo, "demo", DEMO_PASSWORD)
    assert_accessible(page, demo, editor_paths(), axe_source)
