"""The content of a notice as plain JSON data: what is frozen into a published version.

Everything a notice shows comes from here, so a published version renders from
its snapshot alone and never from live data. Labels of choices are frozen too:
a later change of wording does not alter an old version.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from privacy_notices.models import NoticeRegister, PrivacyNotice
from privacy_notices.rights import LAW_REFERENCE_RE, RegisterFacts, derive_rights
from registers.models import (
    PROVISION_STATEMENTS,
    Controller,
    DataCategoryKind,
    LegalBasis,
    ProvisionRequirement,
    Register,
    SecurityMaterial,
    SpecialCategoryCondition,
    Transfer,
    TransferSafeguard,
)

# Bump when the shape of the snapshot changes; old versions keep their own.
# 2: statements of recipients and transfers, the provision sentence, cookie texts,
# a recipient's country, the trade name and the authority's visiting address, the
# notice's own dates and earlier history, per-right texts, the Art. 22(2) exception
# and the notice's choice of headings. The rendering reads keys added after 1 with
# defaults, so schema 1 content still renders.
# 3: the address of the organisation's request form ("request_url", set when
# published; absent before, and then no link is shown).
CONTENT_SCHEMA = 3


def controller_content(controller: Controller) -> dict[str, Any]:
    return {
        "name": controller.name,
        "trade_name": controller.trade_name,
        "short_name": controller.short_name,
        "slug": controller.slug,
        "business_id": controller.business_id,
        "street_address": controller.street_address,
        "postal_code": controller.postal_code,
        "city": controller.city,
        "country": controller.country,
        "postal_address": controller.postal_address,
        "email": controller.email,
        "phone": controller.phone,
        "website": controller.website,
        "representative": controller.representative,
        "contact": {
            "name": controller.contact_name,
            "email": controller.contact_email,
            "phone": controller.contact_phone,
        },
        "dpo": {
            "appointed": controller.dpo_appointed,
            "name": controller.dpo_name,
            "email": controller.dpo_email,
            "phone": controller.dpo_phone,
        },
        "authority": {
            "name": controller.authority_name,
            "address": controller.authority_address,
            "visiting_address": controller.authority_visiting_address,
            "email": controller.authority_email,
            "phone": controller.authority_phone,
            "website": controller.authority_website,
        },
        "rights_instructions": controller.rights_instructions,
        # GDPR Art. 12(2): how each right is exercised, shown under the right.
        "right_procedures": controller.right_procedures.filter(register=None).texts(),
    }


def register_queryset() -> Any:
    """Registers with everything the content needs, in a fixed number of queries."""
    return Register.objects.prefetch_related(
        "purposes",
        "data_subject_categories",
        "data_categories",
        "sources",
        "recipients",
        "security_measures",
        Prefetch("transfers", queryset=Transfer.objects.select_related("recipient")),
        "retention_rules__data_category",
        "cookies",
        "right_procedures",
    )


def register_content(register: Register) -> dict[str, Any]:
    return {
        "id": register.pk,
        "name": register.name,
        "description": register.description,
        "purposes": [
            {
                "description": p.description,
                "legal_basis": p.legal_basis,
                "legal_basis_label": str(LegalBasis(p.legal_basis).label),
                "legitimate_interest": p.legitimate_interest,
                "law_reference": p.law_reference,
            }
            for p in register.purposes.all()
        ],
        "purposes_note": register.purposes_note,
        "consent_withdrawal": register.consent_withdrawal,
        "data_subject_categories": [
            {"name": c.name, "description": c.description}
            for c in register.data_subject_categories.all()
        ],
        "data_categories": [
            {
                "name": c.name,
                "description": c.description,
                "kind": c.kind,
                "kind_label": str(DataCategoryKind(c.kind).label),
                "special_condition": c.special_condition,
                "special_condition_label": str(c.get_special_condition_display())
                if c.special_condition
                else "",
                # Tietosuojalaki 6 §. Absent from content published before it.
                "law_reference": c.law_reference,
            }
            for c in register.data_categories.all()
        ],
        "sources": [
            {
                "name": s.name,
                "description": s.description,
                "is_public": s.is_public,
                # GDPR Art. 13 or 14; read with .get() (absent before issue 10).
                "origin": s.origin,
            }
            for s in register.sources.all()
        ],
        # GDPR Art. 14(3) and 14(5); read with .get() (absent before issue 10).
        "informing_timing": register.informing_timing,
        "informing_exemption": register.informing_exemption,
        "recipients": [
            {
                "name": r.name,
                "role": r.role,
                "role_label": str(r.get_role_display()),
                "description": r.description,
                "country": r.country,
            }
            for r in register.recipients.all()
        ],
        "recipients_statement": register.recipients_statement,
        "recipients_note": register.recipients_note,
        "transfers": [
            {
                "recipient": t.recipient.name,
                "country": t.country,
                "safeguard": t.safeguard,
                "safeguard_label": str(TransferSafeguard(t.safeguard).label),
                "safeguard_details": t.safeguard_details,
            }
            for t in register.transfers.all()
        ],
        "transfers_statement": register.transfers_statement,
        "transfers_note": register.transfers_note,
        "security_measures": [
            {
                "title": m.title,
                "material": m.material,
                "material_label": str(SecurityMaterial(m.material).label),
                "text": m.text,
            }
            for m in register.security_measures.all()
        ],
        "retention_rules": [
            {
                "data_category": r.data_category.name if r.data_category else "",
                "period_text": r.period_text,
                "criteria": r.criteria,
            }
            for r in register.retention_rules.all()
        ],
        "automated_decisions": register.automated_decisions,
        "profiling": register.profiling,
        "automated_decisions_description": register.automated_decisions_description,
        "automated_decision_exception": register.automated_decision_exception,
        "automated_decision_exception_label": (
            str(register.get_automated_decision_exception_display())
            if register.automated_decision_exception
            else ""
        ),
        "provision_requirement": register.provision_requirement,
        "provision_requirement_label": (
            str(ProvisionRequirement(register.provision_requirement).label)
            if register.provision_requirement
            else ""
        ),
        "provision_statement": str(PROVISION_STATEMENTS.get(register.provision_requirement, "")),
        "provision_consequences": register.provision_consequences,
        "covers_website": register.covers_website,
        "cookies_note": register.cookies_note,
        "cookies": [
            {
                "name": c.name,
                "purpose": c.purpose,
                "provider": c.provider,
                "duration": c.duration,
                "description": c.description,
                "opt_out": c.opt_out,
                "opt_out_url": c.opt_out_url,
            }
            for c in register.cookies.all()
        ],
        "joint_controller_arrangement": register.joint_controller_arrangement,
        # Read with .get(): versions published before these texts existed lack the key.
        "right_procedures": register.right_procedures.all().texts(),
    }


def ordered_registers(notice: PrivacyNotice) -> list[Register]:
    return list(
        register_queryset()
        .filter(noticeregister__notice=notice)
        .order_by("noticeregister__position", "noticeregister__pk")
    )


def build_notice_content(notice: PrivacyNotice) -> dict[str, Any]:
    """The notice as it reads now, without version metadata (added when published)."""
    registers = [register_content(r) for r in ordered_registers(notice)]
    return notice_content(notice, registers, controller_content(notice.controller))


def build_notice_contents(notices: Sequence[PrivacyNotice]) -> dict[int, dict[str, Any]]:
    """build_notice_content of each notice of one organisation, by notice id, in a
    fixed number of queries however many notices and registers there are (for pages
    that list notices). Each notice's ``earlier_history`` should be prefetched."""
    if not notices:
        return {}
    links = NoticeRegister.objects.filter(notice__in=notices).order_by(
        "notice_id", "position", "pk"
    )
    pairs = list(links.values_list("notice_id", "register_id"))
    registers = {
        r.pk: register_content(r)
        for r in register_queryset().filter(pk__in={register for _, register in pairs})
    }
    controller = controller_content(notices[0].controller)
    return {
        notice.pk: notice_content(
            notice,
            [registers[register] for owner, register in pairs if owner == notice.pk],
            controller,
        )
        for notice in notices
    }


def notice_content(
    notice: PrivacyNotice, registers: list[dict[str, Any]], controller: dict[str, Any]
) -> dict[str, Any]:
    """The notice's content from its registers' and its organisation's content."""
    facts = [
        RegisterFacts(
            name=r["name"],
            legal_bases=frozenset(p["legal_basis"] for p in r["purposes"]),
            automated_decisions=r["automated_decisions"],
            explicit_consent=any(
                c["special_condition"] == SpecialCategoryCondition.EXPLICIT_CONSENT
                for c in r["data_categories"]
            ),
            statutory_retention=any(
                LAW_REFERENCE_RE.search(f"{rule['period_text']} {rule['criteria']}")
                for rule in r["retention_rules"]
            ),
            automated_exception=r["automated_decision_exception"],
        )
        for r in registers
    ]
    return {
        "schema": CONTENT_SCHEMA,
        "title": notice.title,
        "slug": notice.slug,
        "intro": notice.intro,
        "change_policy": notice.change_policy,
        "traditional_headings": notice.traditional_headings,
        "drafted_on": notice.drafted_on.isoformat() if notice.drafted_on else None,
        # Oldest first, as "history" is; a line typed without text reads neutrally.
        "earlier_history": [
            {"date": entry.date.isoformat(), "text": entry.text or _("Selostetta päivitetty.")}
            for entry in notice.earlier_history.all()
        ],
        "controller": controller,
        "registers": registers,
        "rights": derive_rights(facts),
        "version": None,
        "history": [],
    }
