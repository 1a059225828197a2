from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyNoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy_notices"
    verbose_name = _("Tietosuojaselosteet")

    def ready(self) -> None:
        # The importer (registers) puts an imported notice's own texts here through
        # these hooks, so that registers never imports this app.
        from privacy_notices.attention import notice_attention, register_notices_panel
        from privacy_notices.importing import apply_notice_items, notice_choices
        from privacy_notices.search import search_notices
        from registers import search
        from registers.importing import apply
        from registers.overview import add_attention, add_register_panel

        if apply_notice_items not in apply.NOTICE_APPLIERS:
            apply.NOTICE_APPLIERS.append(apply_notice_items)
        if notice_choices not in apply.NOTICE_CHOICES:
            apply.NOTICE_CHOICES.append(notice_choices)
        # The editor's search (registers.search) finds notices through this hook.
        search.add_provider(search_notices)
        # The overview's "Vaatii huomiota" items, and the notices on a register's page.
        add_attention(notice_attention)
        add_register_panel(register_notices_panel)
