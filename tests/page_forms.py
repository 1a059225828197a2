"""A page's form read off its HTML, as a browser would submit it unchanged."""

from __future__ import annotations

from html.parser import HTMLParser


class PageForm(HTMLParser):
    """The fields of a page's first form that posts to the page itself, as a browser
    submits them unchanged: (name, value) pairs, with the kind of each field."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self.kinds: dict[str, str] = {}
        self.found = self.done = False
        self._in_form = False
        self._template = 0
        self._textarea: str | None = None
        self._select: tuple[str, list[str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        posts_here = a.get("method", "").lower() == "post" and a.get("action", "") in ("", ".")
        if tag == "form" and not self.done and posts_here:
            self._in_form = self.found = True
        if not self._in_form:
            return
        if tag == "template":
            self._template += 1
        if tag == "option" and self._select is not None and not self._template:
            self._select[1].append(a.get("value", ""))
            if "selected" in a:
                self._select[2].append(a.get("value", ""))
        if self._template or "name" not in a or "disabled" in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "file", "image"):
                return
            self.kinds.setdefault(name, kind)
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value", "on")))
            else:
                self.pairs.append((name, a.get("value", "")))
        elif tag == "textarea":
            self.kinds.setdefault(name, "textarea")
            self._textarea = name
            self._text = ""
        elif tag == "select":
            self.kinds.setdefault(name, "select")
            self._select = (name, [], [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "template" and self._template:
            self._template -= 1
        elif tag == "textarea" and self._textarea is not None:
            # An HTML parser drops the newline that follows <textarea>.
            self.pairs.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, options, selected = self._select
            self.pairs += [(name, value) for value in selected or options[:1]]
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self.done = False, True


def read_form(html: str) -> PageForm:
    form = PageForm()
    form.feed(html)
    return form


def as_post(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """(name, value) pairs as the test client's POST data, repeated names kept."""
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
