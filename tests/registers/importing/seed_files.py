"""The seed notices (tests/seeds/*.txt) as the files an officer would upload.

Each seed is cut into blocks (heading, paragraph, list item) and rendered as a PDF
(WeasyPrint, the app's own engine: A4, a body font that wraps lines, a running
header and "Sivu 1 / 3" footers) and as a .docx (python-docx: "Heading 2"
headings, "List Bullet" items without their bullet character, plain paragraphs).
Everything is made at test time and cached; nothing binary is committed.
"""

from __future__ import annotations

import functools
import html
import io
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_NAMES = ("smart-time-oy", "smartum-oy", "timmi-software-oy")

BULLET_RE = re.compile(r"^[•●–-](?:\s+|$)(.*)$")

PDF_STYLE = """
@page {
  size: A4;
  margin: 2.5cm 2cm;
  @top-right { content: "%(header)s"; font-size: 9pt; }
  @bottom-center { content: "Sivu " counter(page) " / " counter(pages); font-size: 9pt; }
}
body { font-family: sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 18pt; }
h2 { font-size: 13pt; }
"""


@functools.cache
def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


@functools.cache
def seed_blocks(name: str) -> tuple[tuple[str, str], ...]:
    """The seed as (kind, text) blocks: kind "h1", "h2", "li" or "p".

    A heading is short, has no final period and is numbered ("1. Rekisterinpitäjä")
    or ends with a colon; a list item is a line with a bullet ("•", "●", "–", "-"),
    whose text may stand on the next line when the bullet is alone on its own.
    """
    lines = [line.replace("\u00a0", " ").strip() for line in seed_text(name).split("\n")]
    blocks: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            continue
        bullet = BULLET_RE.match(line)
        if bullet:
            item = bullet.group(1).strip()
            if not item:
                while not lines[index]:
                    index += 1
                item = lines[index]
                index += 1
            blocks.append(("li", item))
        elif not blocks:
            blocks.append(("h1", line))
        elif (
            len(line) < 80
            and not line.endswith(".")
            and (re.match(r"\d+\.\s", line) or line.endswith(":"))
        ):
            blocks.append(("h2", line))
        else:
            blocks.append(("p", line))
    return tuple(blocks)


def seed_items(name: str) -> list[str]:
    """The seed's list items, without their bullets."""
    return [text for kind, text in seed_blocks(name) if kind == "li"]


def blocks_html(blocks: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    parts: list[str] = []
    in_list = False
    for kind, text in blocks:
        if kind == "li" and not in_list:
            parts.append("<ul>")
        elif kind != "li" and in_list:
            parts.append("</ul>")
        in_list = kind == "li"
        parts.append(f"<{kind}>{html.escape(text)}</{kind}>")
    if in_list:
        parts.append("</ul>")
    return "".join(parts)


def render_pdf(body: str, *, header: str = "", style: str = "") -> bytes:
    import weasyprint

    css = PDF_STYLE % {"header": header.replace('"', "")} + style
    document = (
        '<!doctype html><html lang="fi"><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )
    return weasyprint.HTML(string=document).write_pdf()


@functools.cache
def seed_pdf(name: str) -> bytes:
    return render_pdf(blocks_html(seed_blocks(name)), header=f"{name} – tietosuojaseloste")


@functools.cache
def seed_docx(name: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, text in seed_blocks(name):
        if kind == "h1":
            document.add_heading(text, level=1)
        elif kind == "h2":
            document.add_heading(text, level=2)
        elif kind == "li":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    return docx_bytes(document)


def docx_bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()
