"""The hash sources of a stored page's inline stylesheet, as a browser computes them."""

from __future__ import annotations

import base64
import hashlib

from privacy_notices.page_policy import inline_style_sources


def _source(text: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


def test_it_hashes_each_style_element_of_the_head() -> None:
    page = (
        b"<!doctype html><html><head><style>p{color:red}</style>"
        b'<STYLE media="print">a > b { color: blue }</STYLE></head><body></body></html>'
    )
    assert inline_style_sources(page) == [
        _source(b"p{color:red}"),
        _source(b"a > b { color: blue }"),
    ]


def test_it_hashes_the_text_as_the_browser_parsed_it() -> None:
    # The HTML parser turns CR LF and lone CR into LF before the style is hashed.
    page = b"<head><style>p{\r\ncolor:red\r}</style></head>"
    assert inline_style_sources(page) == [_source(b"p{\ncolor:red\n}")]


def test_it_hashes_utf8_text() -> None:
    page = '<head><style>p::before{content:"ä"}</style></head>'.encode()
    assert inline_style_sources(page) == [_source('p::before{content:"ä"}'.encode())]


def test_the_body_is_not_searched() -> None:
    page = b"<head><title>x</title></head><body><style>p{}</style></body>"
    assert inline_style_sources(page) == []
