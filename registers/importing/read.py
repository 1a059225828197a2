"""PLACEHOLDER for the review's branch only: the reader's own module replaces it on merge.

Same names and signatures as the real reader (txt only here).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class UnreadableFile(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def read_upload(filename: str, data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile(_("Tiedosto on tyhjä: siinä ei ole tekstiä."))
    try:
        return read_pasted(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnreadableFile(_("Tiedostoa ei voi lukea tekstinä.")) from None


def read_pasted(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise UnreadableFile(_("Liitä selosteen teksti kenttään."))
    return text
