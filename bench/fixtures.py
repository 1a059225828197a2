"""Data and measurements for `make bench`, run inside Django by bench/run.py.

Each function is called in a process of its own (``manage.py shell -c``), prints one
JSON document on its last line, and is not part of the application.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client

from privacy_notices.content import build_notice_content
from privacy_notices.models import NoticeRegister, NoticeVersion, PrivacyNotice
from privacy_notices.pdf import render_notice_pdf
from registers.models import Controller, Membership, MembershipRole, Register

DEMO_ORG = "smart-time-oy"
DEMO_NOTICE = "tietosuojaseloste"
LARGE_ORG = "bench-suuri-oy"
BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password-1"  # noqa: S105 (a throw-away benchmark database)


def _emit(result: dict[str, Any]) -> None:
    print(json.dumps(result))


def write_static_copy(static_root: str) -> None:
    """The newest demo notice page's bytes as a static file of the same size."""
    version = NoticeVersion.objects.published_for(DEMO_ORG, DEMO_NOTICE).first()
    assert version is not None
    page = version.rendered_html.encode()
    os.makedirs(os.path.join(static_root, "bench"), exist_ok=True)
    with open(os.path.join(static_root, "bench", "notice.html"), "wb") as file:
        file.write(page)
    _emit({"bytes": len(page)})


@transaction.atomic
def large_register_notice(text_bytes: int = 2 * 1024 * 1024) -> None:
    """An organisation whose one register holds a 2 MB text, and its editor.

    Written with the ORM, past the model's length validation: data from before the
    limits, or from a careless import, must not take the site down either.
    """
    demo = Controller.objects.get(slug=DEMO_ORG)
    controller = Controller.objects.get(pk=demo.pk)
    controller.pk = controller.id = None  # type: ignore[assignment]
    controller._state.adding = True
    controller.name, controller.slug = "Bench Suuri Oy", LARGE_ORG
    controller.save()
    paragraph = "Tämä on pitkä kuvaus rekisterin käsittelystä ja sen vaiheista. " * 16
    register = Register.objects.create(
        controller=controller,
        name="Valtava rekisteri",
        description=(paragraph + "\n\n") * (text_bytes // (len(paragraph.encode()) + 2)),
    )
    notice = PrivacyNotice.objects.create(
        controller=controller, title="Tietosuojaseloste", slug="tietosuojaseloste"
    )
    NoticeRegister.objects.create(notice=notice, register=register, position=0)
    user = User.objects.create_user(BENCH_USER, password=BENCH_PASSWORD)
    Membership.objects.create(user=user, controller=controller, role=MembershipRole.EDITOR)
    _emit(
        {
            "preview": f"/hallinta/{LARGE_ORG}/selosteet/{notice.pk}/esikatselu.pdf",
            "description_bytes": len(register.description.encode()),
        }
    )


def _time_pages(paths: list[str], rounds: int) -> dict[str, list[float]]:
    """Seconds each request of ``rounds`` to each path took, after a warm-up."""
    client = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
    result = {}
    for path in paths:
        for _ in range(5):
            assert client.get(path, secure=True).status_code == 200, path
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            client.get(path, secure=True)
            samples.append(time.perf_counter() - start)
        result[path] = samples
    return result


def _use_database(name: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = name


def _sizes() -> dict[str, int]:
    return {
        "organisations": Controller.objects.count(),
        "registers": Register.objects.count(),
        "versions": NoticeVersion.objects.count(),
    }


def public_page_server_time(scaled_database: str, rounds: int = 50, batch: int = 10) -> None:
    """Median in-process time (ms) of the demo's public pages, small database against large.

    One process measures both databases in turn, a batch of requests at a time, so
    that the difference is the database's and not that of two processes.
    """
    base = f"/{DEMO_ORG}/{DEMO_NOTICE}"
    paths = [f"/{DEMO_ORG}/", f"{base}/", f"{base}/1/", f"{base}/versiot/"]
    databases = {"one": connection.settings_dict["NAME"], "many": scaled_database}
    samples: dict[str, dict[str, list[float]]] = {k: {p: [] for p in paths} for k in databases}
    sizes = {}
    for _ in range(rounds):
        for kind, name in databases.items():
            _use_database(name)
            sizes[kind] = _sizes()
            for path, found in _time_pages(paths, batch).items():
                samples[kind][path].extend(found)
    _emit(
        {
            kind: sizes[kind]
            | {"ms": {path: statistics.median(found) * 1000 for path, found in by_path.items()}}
            for kind, by_path in samples.items()
        }
    )


def scale_up(organisations: int = 1000, registers_each: int = 20) -> None:
    """Add organisations with registers and a published notice each (bulk, fast)."""
    template = NoticeVersion.objects.published_for(DEMO_ORG, DEMO_NOTICE).first()
    assert template is not None
    demo = Controller.objects.get(slug=DEMO_ORG)
    started = time.perf_counter()
    for first in range(0, organisations, 100):
        with transaction.atomic():
            batch = []
            for n in range(first, min(first + 100, organisations)):
                controller = Controller.objects.get(pk=demo.pk)
                controller.pk = controller.id = None  # type: ignore[assignment]
                controller.name, controller.slug = f"Mittaus {n:04d} Oy", f"mittaus-{n:04d}-oy"
                batch.append(controller)
            controllers = Controller.objects.bulk_create(batch)
            Register.objects.bulk_create(
                Register(controller=c, name=f"Rekisteri {r}", description="Kuvaus. " * 40)
                for c in controllers
                for r in range(registers_each)
            )
            notices = PrivacyNotice.objects.bulk_create(
                PrivacyNotice(controller=c, title="Tietosuojaseloste", slug=DEMO_NOTICE)
                for c in controllers
            )
            for notice in notices:
                NoticeVersion.objects.create(
                    controller=notice.controller,
                    notice=notice,
                    number=1,
                    published_at=template.published_at,
                    change_note=template.change_note,
                    content=template.content,
                    content_sha256=template.content_sha256,
                    rendered_html=template.rendered_html,
                    html_sha256=template.html_sha256,
                    pdf=template.pdf,
                    pdf_sha256=template.pdf_sha256,
                )
    _emit(
        {
            "organisations": Controller.objects.count(),
            "registers": Register.objects.count(),
            "seconds": round(time.perf_counter() - started, 1),
        }
    )


def pdf_render(register_count: int, rounds: int = 3) -> None:
    """Time and peak address space of laying out a notice of that many registers."""
    from django.conf import settings
    from django.template.loader import render_to_string

    from privacy_notices import pdf
    from privacy_notices.rendering import notice_context

    controller = Controller.objects.get(slug=DEMO_ORG)
    originals = list(Register.objects.filter(controller=controller, archived=False))
    with transaction.atomic():
        registers = [
            originals[n % len(originals)].copy(name=f"{originals[n % len(originals)].name} {n}")
            for n in range(register_count)
        ]
        notice = PrivacyNotice.objects.create(
            controller=controller, title="Mittaus", slug=f"mittaus-{register_count}"
        )
        for position, register in enumerate(registers):
            NoticeRegister.objects.create(notice=notice, register=register, position=position)
        content = build_notice_content(notice)
        transaction.set_rollback(True)
    html = render_to_string("privacy_notices/notice_pdf.html", notice_context(content))
    times, sizes, peaks = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        # The rendering child reports its own peak (the forkserver, not this process,
        # is its parent, so getrusage here would not see it).
        status, payload, peak_mib = pdf._lay_out_in_child(
            html,
            timeout=float(settings.PDF_RENDER_TIMEOUT),
            memory_mb=int(settings.PDF_RENDER_MEMORY_MB),
        )
        times.append(time.perf_counter() - start)
        assert status == "ok", status
        sizes.append(len(payload))
        peaks.append(peak_mib)
    _emit(
        {
            "registers": register_count,
            "characters": len(html),
            "seconds": round(statistics.median(times), 2),
            "pdf_bytes": sizes[0],
            "peak_mib": max(peaks),
        }
    )


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def worker_memory(renders: int = 500) -> None:
    """The rendering process's own memory over many renders of the demo notice."""
    notice = PrivacyNotice.objects.get(controller__slug=DEMO_ORG, slug=DEMO_NOTICE)
    content = build_notice_content(notice)
    render_notice_pdf(content)  # imports and first-use caches before the baseline
    baseline = _rss_mib()
    marks = {}
    started = time.perf_counter()
    for n in range(1, renders + 1):
        render_notice_pdf(content)
        if n % 100 == 0:
            marks[n] = round(_rss_mib(), 1)
    _emit(
        {
            "renders": renders,
            "baseline_mib": round(baseline, 1),
            "after_mib": marks,
            "growth_mib": round(_rss_mib() - baseline, 1),
            "seconds_each": round((time.perf_counter() - started) / renders, 2),
        }
    )


def import_timing(rounds: int = 5) -> None:
    """Seconds to read and propose each seed notice (.txt, .pdf, .docx), and to apply it.

    Read + propose is what the officer waits for between the upload and the review
    page; apply is the accepting step (run in a transaction that is rolled back).
    The PDF and .docx are the ones the importer's tests use.
    """
    from pathlib import Path

    from registers.importing.apply import apply_proposal
    from registers.importing.propose import propose
    from registers.importing.read import read_upload
    from tests.registers.importing import seed_files

    seeds = Path(__file__).resolve().parent.parent / "tests" / "seeds"
    controller, _created = Controller.objects.get_or_create(
        slug="bench-tuonti-oy", defaults={"name": "Bench Tuonti Oy"}
    )
    rows = []
    for name in ("smart-time-oy", "smartum-oy", "timmi-software-oy"):
        files = {
            "txt": (seeds / f"{name}.txt").read_bytes(),
            "pdf": seed_files.seed_pdf(name),
            "docx": seed_files.seed_docx(name),
        }
        for kind, data in files.items():
            proposing, applying = [], []
            for _round in range(rounds):
                start = time.perf_counter()
                text = read_upload(f"{name}.{kind}", data)
                proposal = propose(text, controller, origin=name, origin_kind="file")
                proposing.append(time.perf_counter() - start)
                start = time.perf_counter()
                with transaction.atomic():
                    apply_proposal(proposal, controller, None, reason="bench", skip_invalid=True)
                    applying.append(time.perf_counter() - start)
                    transaction.set_rollback(True)
            rows.append(
                {
                    "seed": name,
                    "kind": kind,
                    "bytes": len(data),
                    "items": len(proposal.items),
                    "propose_seconds": round(statistics.median(proposing), 3),
                    "apply_seconds": round(statistics.median(applying), 3),
                }
            )
    controller.delete()
    _emit({"rounds": rounds, "rows": rows})
