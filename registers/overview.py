"""What other apps add to an organisation's overview and to a register's page.

The arrows run one way (subjects -> privacy_notices -> registers): registers never
imports the apps built on it. An app that has something to show registers it here
from its AppConfig.ready():

- a panel on the overview (``add_panel``), rendered as it is;
- items of the overview's "Vaatii huomiota" list (``add_attention``), each saying
  what needs doing and linking to the place where it is done;
- a panel on a register's page (``add_register_panel``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString

from registers.models import Membership, Register

# (request, the signed-in user's membership) -> the panel's HTML, or "" for none.
Panel = Callable[[HttpRequest, Membership], SafeString | str]

PANELS: list[Panel] = []


def add_panel(panel: Panel) -> Panel:
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def render_panels(request: HttpRequest, membership: Membership) -> list[SafeString | str]:
    return [html for html in (panel(request, membership) for panel in PANELS) if html]


URGENT = "urgent"
TODO = "todo"


@dataclass(frozen=True)
class AttentionItem:
    """One thing on the overview that needs doing.

    ``text`` is a sentence linked to ``url``, the page where it is seen and done;
    ``action`` is the label of a button to that page, shown only to members who
    can edit (a viewer can look but not act). Urgent items are listed first.
    """

    text: str
    url: str
    action: str = ""
    severity: str = TODO

    @property
    def urgent(self) -> bool:
        return self.severity == URGENT


# The signed-in user's membership -> its organisation's items. A source must cost a
# fixed number of queries however much the organisation has (the overview's query
# count is guarded by tests/registers/test_query_counts.py).
AttentionSource = Callable[[Membership], list[AttentionItem]]

ATTENTION_SOURCES: list[AttentionSource] = []


def add_attention(source: AttentionSource) -> AttentionSource:
    if source not in ATTENTION_SOURCES:
        ATTENTION_SOURCES.append(source)
    return source


def attention_items(membership: Membership) -> list[AttentionItem]:
    items = [item for source in ATTENTION_SOURCES for item in source(membership)]
    return sorted(items, key=lambda item: not item.urgent)


# (request, membership, the register shown) -> the panel's HTML, or "" for none.
RegisterPanel = Callable[[HttpRequest, Membership, Register], SafeString | str]

REGISTER_PANELS: list[RegisterPanel] = []


def add_register_panel(panel: RegisterPanel) -> RegisterPanel:
    if panel not in REGISTER_PANELS:
        REGISTER_PANELS.append(panel)
    return panel


def render_register_panels(
    request: HttpRequest, membership: Membership, register: Register
) -> list[SafeString | str]:
    return [
        html for html in (panel(request, membership, register) for panel in REGISTER_PANELS) if html
    ]
