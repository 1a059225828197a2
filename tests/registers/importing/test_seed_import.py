"""Each seed notice, imported into an empty organisation, against the demo's hand-made data.

The demo (registers/demo.py) is the seeds' facts entered by hand. The importer
reads the seed text (and the seed as PDF and .docx) and proposes a draft; an
draft the review page shows is compared here, fact by fact (facts.py). A purpose
whose basis the text leaves open is a purpose without a basis fact, which counts
as missed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from registers.demo import DEMO_ADDITIONS, load_demo
from registers.importing.apply import apply_proposal, import_reason
from registers.importing.propose import propose
from registers.importing.read import read_upload
from registers.models import Controller
from tests.registers.importing.facts import compare, facts_of, facts_of_proposal

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_NAMES = ("smart-time-oy", "smartum-oy", "timmi-software-oy")


def _seed_file(name: str, kind: str) -> tuple[str, bytes]:
    if kind == "txt":
        return f"{name}.txt", (SEEDS / f"{name}.txt").read_bytes()
    from tests.registers.importing import seed_files

    if kind == "pdf":
        return f"{name}.pdf", seed_files.seed_pdf(name)
    return f"{name}.docx", seed_files.seed_docx(name)


def _import(name: str, kind: str):
    filename, data = _seed_file(name, kind)
    controller = Controller(name="Tuonti", slug=f"tuonti-{kind}")
    controller.full_clean()
    controller.save()
    text = read_upload(filename, data)
    proposal = propose(text, controller, origin=filename, origin_kind="file")
    apply_proposal(
        proposal,
        controller,
        None,
        reason=import_reason(origin_kind="file", origin=filename),
        skip_invalid=True,
    )
    controller.refresh_from_db()
    return controller, proposal, text


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_imports_with_the_facts_of_the_hand_made_demo(name: str, kind: str) -> None:
    load_demo()
    expected = facts_of(Controller.objects.get(slug=name))
    _controller, proposal, _text = _import(name, kind)
    comparison = compare(expected, facts_of_proposal(proposal), added=DEMO_ADDITIONS[name])
    print(f"{name} ({kind}):", comparison.report())
    assert comparison.precision >= 0.9, comparison.report()
    assert comparison.recall >= 0.9, comparison.report()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_sentence_of_a_seed_is_placed_or_listed_unplaced(name: str, kind: str) -> None:
    _controller, proposal, text = _import(name, kind)
    # Nothing of the text is lost on the way to passages.
    assert _words(" ".join(passage.text for passage in proposal.passages)) == _words(text)
    used = proposal.used_passages()
    unplaced = {passage.id for passage in proposal.unplaced()}
    for passage in proposal.passages:
        assert passage.id in used or passage.id in unplaced or passage.role == "heading"
    # Every word of the seed itself reached the text the importer read.
    seed_text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    assert _words(text) == _words(seed_text)
