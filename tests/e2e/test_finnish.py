"""No English a user can see: the editor, the public pages and the admin, in Chromium.

Signs in, walks the same-origin links breadth-first from a few starting pages (one
page per URL shape, so that a hundred registers cost one visit) and reads what a
person sees or hears: the visible text, the title, the accessible names and hints
(aria-label, title, alt, placeholder) and button values. Any common English word
there fails the test, with the page and the text it was found in; every page must
also say lang="fi".
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from registers.demo import DEMO_PASSWORD
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Common English function words and the words of web and admin interfaces. None of
# them is also a Finnish word a page would use (so no "on", "me", "hän", "tai", "me").
ENGLISH_WORDS = frozenset(
    (  # noqa: SIM905 (a paragraph of words reads better than a 90-line list)
        "about action actions add added all an and any are as at back by cancel change "
        "changed changes choose clear click close confirm count counts date delete deleted "
        "details edit email error filter filters for from go has have hide history home in "
        "is item items log login logout more name new next no none not now of off or "
        "page password please previous recent remove required results save search select "
        "selected show sign site submit that the this to today user username users view "
        "was were welcome with yes you your"
    ).split()
)

# Proper names and product names in the demo data and the law, removed from a text
# before its words are checked. Keep this list short: each entry is a name, never a
# sentence, and a new entry needs a reason.
ALLOWED_NAMES = (
    # The EU-US adequacy decision's own name (GDPR Art. 45), in the demo's transfers.
    "Data Privacy Framework",
    # Services the demo organisations name as processors or cookie sources.
    "Google Analytics",
    "Microsoft 365",
    "Microsoft Azure",
    "Amazon Web Services",
    "Smart Time",
    "Timmi Software",
    # MailChimp's company name, a recipient in the demo.
    "The Rocket Science Group",
    # A sign-in technology, named in Django's own Finnish help text of a password.
    "Single Sign-On",
)
# Addresses and paths (a sign-in record's "/admin/login/", a browser's user agent
# "Mozilla/5.0") are no words.
PATH_LIKE = re.compile(r"\S*/\S*")

# Whole words, Finnish letters included: "päin" is no "in".
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Each page's readable texts: where the text was found, and the text.
READ_PAGE = """
() => {
  const found = [["title", document.title], ["body", document.body.innerText]];
  for (const name of ["aria-label", "title", "alt", "placeholder"]) {
    for (const element of document.querySelectorAll(`[${name}]`)) {
      found.push([name, element.getAttribute(name)]);
    }
  }
  for (const element of document.querySelectorAll(
      "input[type=submit], input[type=button], input[type=reset]")) {
    found.push(["value", element.value]);
  }
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href);
  return {lang: document.documentElement.lang, texts: found, links};
}
"""

# Never followed: signing out, files that are no web page, and the version pages'
# stored bytes (checked once through the newest version's page).
SKIPPED = re.compile(
    r"/logout/|/accounts/|\.(pdf|json|csv|zip|txt)$|/(pdf|csv|json|zip)/$|/jsi18n/"
)
MAX_PAGES = 150
# The admin's filters and sorting make endless query strings: a few per page.
MAX_QUERIES_PER_PAGE = 2


def english_words(text: str) -> list[str]:
    for name in ALLOWED_NAMES:
        text = text.replace(name, " ")
    text = PATH_LIKE.sub(" ", text)
    return [word for word in WORD.findall(text) if word.lower() in ENGLISH_WORDS]


def excerpt(text: str, words: list[str]) -> str:
    """The text around the first English word, on one line."""
    flat = " ".join(text.split())
    at = re.search(rf"\b{re.escape(words[0])}\b", flat)
    start = max(0, at.start() - 100) if at else 0
    return flat[start : start + 200]


def url_shape(url: str) -> str:
    """One visit per kind of page: numbers become N, query values are dropped."""
    parts = urlsplit(url)
    keys = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def path_shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


def crawl(page: Page, base: str, starts: Iterable[str], within: tuple[str, ...]) -> list[str]:
    """Every problem on the pages reachable from ``starts`` under the ``within`` paths."""
    problems: dict[tuple[str, str], str] = {}
    queue = deque(urljoin(base, start) for start in starts)
    seen = {url_shape(url) for url in queue}
    queries: Counter[str] = Counter()
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        response = page.request.get(url)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        page.goto(url)
        visited += 1
        found = page.evaluate(READ_PAGE)
        if found["lang"] != "fi":
            problems.setdefault(("lang", found["lang"]), f'{url}: lang="{found["lang"]}"')
        for where, text in found["texts"]:
            # Each text once, at the first page it was seen on.
            if (words := english_words(text or "")) and (where, text) not in problems:
                problems[where, text] = (
                    f"{url} [{where}] {sorted(set(words))}: {excerpt(text, words)}"
                )
        for link in found["links"]:
            link = link.split("#")[0]
            path = urlsplit(link).path
            if not link.startswith(base) or SKIPPED.search(path):
                continue
            if not path.startswith(within) or url_shape(link) in seen:
                continue
            if urlsplit(link).query:
                if queries[path_shape(link)] >= MAX_QUERIES_PER_PAGE:
                    continue
                queries[path_shape(link)] += 1
            seen.add(url_shape(link))
            queue.append(link)
    assert visited > 5, f"only {visited} pages were reached from {list(starts)}"
    return list(problems.values())


@pytest.fixture
def demo(db: None) -> None:
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_word_list_finds_english_and_lets_finnish_and_names_through() -> None:
    assert english_words("Show counts") == ["Show", "counts"]
    assert english_words("Näytä lukumäärät; Data Privacy Framework, Google Analytics") == []
    assert english_words("Tietosuojaseloste on ajan tasalla") == []


def test_the_editor_and_the_public_pages_are_finnish(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    base = live_server.url
    public = crawl(page, base, ["/", "/smart-time-oy/"], within=("/smart-time-oy/",))
    sign_in(page, base, "demo", DEMO_PASSWORD)
    editor = crawl(page, base, ["/hallinta/smart-time-oy/"], within=("/hallinta/smart-time-oy/",))
    problems = public + editor
    assert not problems, "English on the pages:\n" + "\n".join(problems)


def test_the_admin_is_finnish(page: Page, live_server: LiveServer, demo: None) -> None:
    base = live_server.url
    sign_in_admin = f"{base}/admin/login/"
    page.goto(sign_in_admin)
    page.get_by_label("Käyttäjätunnus").fill("admin")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(f"{base}/admin/")
    starts = ["/admin/", "/admin/password_change/", "/admin/ei-tallaista/"]
    problems = crawl(page, base, starts, within=("/admin/",))
    assert not problems, "English in the admin:\n" + "\n".join(problems)
