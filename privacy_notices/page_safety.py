"""Is a stored notice page one this app could have written?

A published version's page is served byte for byte on the public site, which shares
its origin with the editor and the admin, so a page that arrives from outside (the
JSON import) must be proven harmless before it is kept. Two tests, the stronger first:

1. The page is exactly what ``render_notice_page`` writes from the version's content.
   Then the page and the content cannot disagree either.
2. A page published by an older release of the app (its template or CSS since
   changed) cannot be written again, so it must instead have the notice page's own
   shell (doctype, a head of meta, title and one style, a body) and a body that the
   strict allow-list sanitiser nh3 leaves unchanged: no script, no event handler,
   no embedded content, no form, no ``javascript:`` link. Its title must name the
   content's notice and controller.

The public pages' Content-Security-Policy (``page_policy.py``) is the second wall.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any

import nh3

from privacy_notices.rendering import render_notice_page

# Everything the notice templates write into the body, and plain text markup a
# later template might add; nothing that runs, loads, embeds or submits.
ALLOWED_TAGS = {
    "a", "abbr", "article", "b", "br", "caption", "dd", "div", "dl", "dt", "em",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "li", "main",
    "nav", "ol", "p", "section", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "role", "title", "aria-label", "aria-labelledby"},
    # rel: the notice's external links carry rel="noopener" (templatetags/notice_links.py).
    "a": {"href", "rel"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_SHELL = re.compile(
    r"<!doctype html>\s*<html lang=\"fi\">\s*<head>(?P<head>.*?)</head>\s*"
    r"<body>(?P<body>.*)</body>\s*</html>\s*",
    re.DOTALL | re.IGNORECASE,
)
# The head: the meta elements the template writes, one title, one style sheet. The
# title and the style sheet may contain no "<" at all, so nothing can end them early.
_HEAD = re.compile(
    r"\s*<meta charset=\"utf-8\">"
    r"\s*<meta name=\"viewport\" content=\"[a-z0-9=,. -]*\">"
    r"(?:\s*<meta name=\"robots\" content=\"[a-z, ]*\">)?"
    r"\s*<title>(?P<title>[^<]*)</title>"
    r"\s*<style>(?P<css>[^<]*)</style>\s*",
    re.IGNORECASE,
)
# What a style sheet could use to fetch, run or smuggle anything: url() and @import
# load, expression() and -moz-binding ran code in old browsers, and a backslash
# escape could spell any of them.
_CSS_FORBIDDEN = re.compile(r"url\s*\(|@import|expression|binding|behavior|\\", re.IGNORECASE)


class _Tokens(HTMLParser):
    """A page as a list of start tags (with sorted attributes) and text.

    End tags are left out: the sanitiser adds the ones the HTML standard implies,
    and an end tag neither runs nor loads anything.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_data(self, data: str) -> None:
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("pi", data))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("decl", data))


def _tokens(html: str) -> list[tuple[Any, ...]]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def page_problems(html: str, content: dict[str, Any]) -> list[str]:
    """Why this page cannot be served as a notice version's page; empty if it can.

    The content must be one today's renderer can show (the editor's version pages
    and the public JSON read it), even when the page was written by an older one.
    """
    try:
        rendered = render_notice_page(content)
    except Exception as error:  # noqa: BLE001 - content from outside may lack anything
        return [f"content is not a notice's content ({type(error).__name__}: {error})"]
    if rendered == html:
        return []
    shell = _SHELL.fullmatch(html)
    if shell is None:
        return ['not a notice page: expected <!doctype html>, <html lang="fi">, head, body']
    head = _HEAD.fullmatch(shell["head"])
    if head is None:
        return ["the page's head holds more than its meta elements, title and style sheet"]
    problems = []
    if _CSS_FORBIDDEN.search(head["css"]):
        problems.append("the page's style sheet loads or runs something (url, @import, …)")
    controller = content.get("controller")
    name = controller.get("name") if isinstance(controller, dict) else None
    if head["title"].strip() != escape(f"{content.get('title')} – {name}"):
        problems.append("the page's title does not name the content's notice and controller")
    body = shell["body"]
    cleaned = nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    if _tokens(cleaned) != _tokens(body):
        problems.append(
            "the page's body holds markup that notice pages never have (scripts, event "
            "handlers, embedded content, forms or unsafe links)"
        )
    return problems
