"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Run with `make e2e`, which installs Chromium from apt when it is missing and
sets DJANGO_ALLOW_ASYNC_UNSAFE (Playwright's sync API runs an event loop, and
the tests read the database between browser steps). Never a downloaded browser.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def sign_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_url(f"{base_url}/hallinta/**")
