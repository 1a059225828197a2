"""Findings of the completeness check, where each is fixed, and which article applies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from privacy_notices.models import PrivacyNotice
from registers.models import SourceOrigin

MISSING = "missing"

WARNING = "warning"

# Where each finding is fixed: the editor page (URL name) and, on the register
# page, the section that holds a field without an id of its own (checkbox
# groups and inline formsets); other fields are linked by their id.
EDITOR_PAGES = {
    "register": "registers:register",
    "controller": "registers:controller",
    "notice": "privacy_notices:notice_edit",
    "data_categories": "registers:tietoryhmat_list",
}

REGISTER_SECTIONS = {
    "purposes": "tarkoitukset",
    "data_subject_categories": "rekisteroidyt",
    "transfers": "siirrot",
    "retention_rules": "sailytys",
    "cookies": "evasteet",
    "id_data_categories": "tietosisalto",
    "id_sources": "lahteet",
    "id_security_measures": "suojaus",
    "id_recipients": "luovutukset",
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    article: str
    fix_url: str

    @property
    def blocking(self) -> bool:
        return self.severity == MISSING

    @property
    def text(self) -> str:
        return f"{self.message} ({self.article})"

    def as_record(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "article": self.article}


class Findings:
    def __init__(self, notice: PrivacyNotice) -> None:
        self.notice = notice
        self.org = notice.controller.slug
        self.items: list[Finding] = []
        # Art. 13 and/or 14 for the notice as a whole (set by check_content).
        self.origins = Origins(from_subject=False, from_elsewhere=False, unknown=True)

    def add(
        self,
        severity: str,
        code: str,
        message: str,
        article: str,
        *,
        where: str,
        field: str,
        register: int | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {"org": self.org}
        if where == "register":
            kwargs["register_pk"] = register
            field = REGISTER_SECTIONS.get(field, field)
        elif where == "notice":
            kwargs["notice_pk"] = self.notice.pk
        url = reverse(EDITOR_PAGES[where], kwargs=kwargs)
        self.items.append(Finding(code, severity, message, article, f"{url}#{field}"))


@dataclass(frozen=True)
class Origins:
    """Where a register's (or the notice's) data comes from, and so which article applies.

    GDPR Art. 13 covers data collected from the data subject, Art. 14 data obtained
    elsewhere. A source whose origin is not stated, or a register with no source yet,
    may be either: both articles are cited, Art. 13's own item (13(2)(e)) stays
    required as it always was, and Art. 14's own items (14(3), 14(5)) wait until a
    source is stated to come from elsewhere. The origin finding asks meanwhile.
    """

    from_subject: bool
    from_elsewhere: bool
    unknown: bool

    @classmethod
    def of_register(cls, register: dict[str, Any]) -> Origins:
        # Content frozen before issue 10 has no origins: not stated.
        origins = {source.get("origin", "") for source in register["sources"]}
        return cls(
            from_subject=SourceOrigin.DATA_SUBJECT in origins,
            from_elsewhere=SourceOrigin.OTHER in origins,
            unknown=not origins or SourceOrigin.NOT_STATED in origins,
        )

    @classmethod
    def of_notice(cls, content: dict[str, Any]) -> Origins:
        each = [cls.of_register(register) for register in content["registers"]]
        return cls(
            from_subject=any(o.from_subject for o in each),
            from_elsewhere=any(o.from_elsewhere for o in each),
            unknown=not each or any(o.unknown for o in each),
        )

    @property
    def art13(self) -> bool:
        return self.from_subject or self.unknown

    @property
    def art14(self) -> bool:
        return self.from_elsewhere or self.unknown

    def cite(self, art13: str, art14: str) -> str:
        """The article of each applicable regime: "13 art. 1 d, 14 art. 2 b" for both."""
        return ", ".join(
            article for article, applies in ((art13, self.art13), (art14, self.art14)) if applies
        )
