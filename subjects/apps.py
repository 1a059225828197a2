from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "subjects"
    verbose_name = _("Rekisteröityjen pyynnöt")

    def ready(self) -> None:
        # The arrows run one way: the apps below never import this one; it adds its
        # panel to their pages instead.
        from privacy_notices.record import add_appendix
        from registers.overview import add_attention, add_panel
        from subjects.summaries import due_attention, overview_panel, record_appendix

        add_panel(overview_panel)
        add_attention(due_attention)
        add_appendix(record_appendix)
