"""Panels that other apps add to an organisation's overview page.

The arrows run one way (subjects -> privacy_notices -> registers): registers never
imports the apps built on it. An app that has something to show on the overview
registers a panel here from its AppConfig.ready(); the overview renders each.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from registers.models import Membership

# (request, the signed-in user's membership) -> the panel's HTML, or "" for none.
Panel = Callable[[HttpRequest, Membership], SafeString | str]

PANELS: list[Panel] = []


def add_panel(panel: Panel) -> Panel:
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def render_panels(request: HttpRequest, membership: Membership) -> list[SafeString | str]:
    return [html for html in (panel(request, membership) for panel in PANELS) if html]
