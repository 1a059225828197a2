"""make bench: Seloste measured on the production stack, written to docs/benchmarks.md.

One run, on this machine: a fresh PostgreSQL database with production settings, the
demo, gunicorn (deploy/gunicorn.conf.py, 2 workers) and nginx (the rendered
deploy/nginx template, HTTPS on loopback), loaded by wrk from a second process:

1. the public notice page against a static file of the same bytes, (a) through
   gunicorn alone (the file served by WhiteNoise) and (b) through nginx;
2. the public page's latency while an editor previews the PDF of a register with a
   2 MB text, against idle;
3. the public pages' server time with 1,000 organisations x 20 registers against one;
4. PDF time and peak memory for notices of 1, 5 and 20 registers;
5. the rendering side's memory over 500 renders;
6. importing an old notice: reading and proposing each seed as .txt, .pdf and .docx
   (the wait before the review page; the issue asks for under 2 seconds), and applying.

These are benchmarks, not tests: nothing here fails the build. Needs wrk, nginx and
openssl (installed with apt when missing) and PostgreSQL on 127.0.0.1:5432.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
APP_PORT, HTTP_PORT, HTTPS_PORT = 18100, 18180, 18543
DB = f"seloste_bench_{os.getpid()}"
SCALED_DB = f"{DB}_scaled"
PG = "postgres://postgres@127.0.0.1:5432"
PAGE = "/smart-time-oy/tietosuojaseloste/"
STATIC = "/static/bench/notice.html"
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
RENDERS = int(os.environ.get("BENCH_RENDERS", "500"))
# A subset while working on one thing, e.g. BENCH_PARTS=1 (no report is written then).
ALL_PARTS = {"1", "2", "3", "4", "5", "6"}
PARTS = set(os.environ.get("BENCH_PARTS", ",".join(sorted(ALL_PARTS))).split(","))


def log(message: str) -> None:
    print(f"== {message}", flush=True)


def run(*args: str, env: dict[str, str], **kwargs: Any) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )
    return result.stdout


def django(function: str, env: dict[str, str], *args: object) -> dict[str, Any]:
    """Call a bench.fixtures function in a fresh Django process; its JSON result."""
    call = f"from bench import fixtures; fixtures.{function}({', '.join(map(repr, args))})"
    output = run(str(BIN / "python"), "manage.py", "shell", "-v", "0", "-c", call, env=env)
    return json.loads(output.strip().splitlines()[-1])


def ensure_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx", "openssl") if not shutil.which(tool)]
    if missing:
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, *, connections: int = 16, seconds: int = WRK_SECONDS, direct: bool = False):
    """Requests per second and p50/p99 latency (ms) of one bounded wrk run."""
    headers = ["-H", "Host: localhost", "-H", "X-Forwarded-Proto: https"] if direct else []
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {
        "rps": re.search(r"Requests/sec:\s+([\d.]+)", output),
        "p50": re.search(r"50%\s+([\d.]+[mu]?s)", output),
        "p99": re.search(r"99%\s+([\d.]+[mu]?s)", output),
    }
    if "Non-2xx" in output or "Socket errors" in output or not all(found.values()):
        raise RuntimeError(f"wrk saw errors from {url}:\n{output}")
    return {
        "rps": float(found["rps"].group(1)),  # type: ignore[union-attr]
        "p50": _ms(found["p50"].group(1)),  # type: ignore[union-attr]
        "p99": _ms(found["p99"].group(1)),  # type: ignore[union-attr]
    }


class Stack:
    """gunicorn and nginx as deployed, in a temporary directory."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.work, self.env = work, env
        self.gunicorn: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log_file = (self.work / "gunicorn.log").open("ab")
        self.gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
            + ["--bind", f"127.0.0.1:{APP_PORT}"],
            cwd=ROOT,
            env=self.env | {"GUNICORN_WORKERS": "2", "GUNICORN_ACCESS_LOG": "/dev/null"},
            stdout=log_file,
            stderr=log_file,
        )
        run(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-keyout", str(self.work / "tls.key"),
            "-out", str(self.work / "tls.crt"), env=self.env,
        )  # fmt: skip
        shutil.copytree(ROOT / "deploy" / "nginx" / "errors", self.work / "errors")
        subprocess.run(["chmod", "-R", "a+rX", str(self.work)], check=True)
        run(
            str(ROOT / "deploy" / "render-nginx"), "--server-name", "localhost",
            "--listen-address", "127.0.0.1", "--http-port", str(HTTP_PORT),
            "--https-port", str(HTTPS_PORT), "--upstream", f"127.0.0.1:{APP_PORT}",
            "--tls-certificate", str(self.work / "tls.crt"),
            "--tls-certificate-key", str(self.work / "tls.key"),
            "--static-root", self.env["STATIC_ROOT"], "--errors-dir", str(self.work / "errors"),
            "--cache-dir", str(self.work / "cache"), "--standalone-dir", str(self.work),
            env=self.env,
        )  # fmt: skip
        run("nginx", "-c", str(self.work / "nginx.conf"), "-p", str(self.work), env=self.env)
        for _ in range(120):
            try:
                get(f"http://127.0.0.1:{APP_PORT}{PAGE}")
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.gunicorn:
            self.gunicorn.terminate()
            self.gunicorn.wait(30)
        if (self.work / "nginx.pid").exists():
            subprocess.run(
                ["nginx", "-c", str(self.work / "nginx.conf"), "-p", str(self.work), "-s", "stop"],
                check=False,
            )


def get(url: str, opener: urllib.request.OpenerDirector | None = None, **kwargs: Any):
    request = urllib.request.Request(
        url, headers={"Host": "localhost", "X-Forwarded-Proto": "https"}, **kwargs
    )
    with (opener or urllib.request.build_opener()).open(request, timeout=90) as response:
        return response.status, response.read()


def signed_in_opener(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    """A browser-like session over nginx's HTTPS (the cookies are Secure)."""
    jar = http.cookiejar.CookieJar()
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE  # the benchmark's throw-away certificate
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=insecure)
    )
    status, body = get(f"{base}/accounts/login/", opener)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode(
        {"login": username, "password": password, "csrfmiddlewaretoken": token.decode()}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=data,
        headers={
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "Referer": "https://localhost/accounts/login/",
        },
    )
    with opener.open(request, timeout=30) as response:
        assert "/accounts/login/" not in response.url, "the benchmark user could not sign in"
    return opener


def throughput() -> dict[str, Any]:
    """Page against static file, through gunicorn alone and through nginx, interleaved."""
    targets = {
        "gunicorn": (f"http://127.0.0.1:{APP_PORT}", True),
        "nginx": (f"https://localhost:{HTTPS_PORT}", False),
    }
    results: dict[str, Any] = {}
    for name, (base, direct) in targets.items():
        wrk(base + PAGE, seconds=2, direct=direct)  # warm up caches and connections
        runs: dict[str, list[dict[str, float]]] = {"static": [], "page": []}
        for _ in range(3):
            runs["static"].append(wrk(base + STATIC, direct=direct))
            runs["page"].append(wrk(base + PAGE, direct=direct))
        median = {kind: sorted(found, key=lambda r: r["rps"])[1] for kind, found in runs.items()}
        results[name] = median | {"ratio": median["page"]["rps"] / median["static"]["rps"]}
        log(f"{name}: page {median['page']['rps']:.0f}/s, static {median['static']['rps']:.0f}/s")
    return results


def preview_stall(preview: str) -> dict[str, Any]:
    """Public page latency while an editor previews a 2 MB register's PDF."""
    direct = f"http://127.0.0.1:{APP_PORT}"
    nginx = f"https://localhost:{HTTPS_PORT}"
    idle = {
        "nginx": wrk(nginx + PAGE, connections=4, seconds=8),
        "gunicorn": wrk(direct + PAGE, connections=4, seconds=8, direct=True),
    }
    opener = signed_in_opener(nginx, "bench", "bench-password-1")
    previews: list[dict[str, Any]] = []
    stop = threading.Event()

    def keep_previewing() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                status, body = get(nginx + preview, opener)
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read()
            previews.append(
                {
                    "status": status,
                    "seconds": round(time.perf_counter() - started, 1),
                    "pdf": body[:5] == b"%PDF-",
                    "finnish_message": "liian" in body.decode("utf-8", "replace"),
                }
            )

    worker = threading.Thread(target=keep_previewing, daemon=True)
    worker.start()
    time.sleep(2)  # the first preview is under way
    busy = {
        "nginx": wrk(nginx + PAGE, connections=4, seconds=8),
        "gunicorn": wrk(direct + PAGE, connections=4, seconds=8, direct=True),
    }
    stop.set()
    worker.join(120)
    return {"idle": idle, "busy": busy, "previews": previews}


def scale(env: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Public page server time in the demo database and in a scaled copy, in turn."""
    python = str(BIN / "python")
    scaled = env | {"DATABASE_URL": f"{PG}/{SCALED_DB}"}
    run("psql", PG, "-qc", f"CREATE DATABASE {SCALED_DB}", env=env)
    run(python, "manage.py", "migrate", "--no-input", "-v", "0", env=scaled)
    run(python, "manage.py", "load_demo", "--force", env=scaled)
    grown = django("scale_up", scaled)
    for url in (f"{PG}/{DB}", f"{PG}/{SCALED_DB}"):
        run("psql", url, "-qc", "VACUUM ANALYZE", env=env)
    run("psql", PG, "-qc", "CHECKPOINT", env=env)
    no_memory = {"PUBLIC_PAGE_LOCAL_SECONDS": "0"}
    measured = django("public_page_server_time", env | no_memory, SCALED_DB)
    return grown, measured


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    postgres = subprocess.run(
        ["psql", PG, "-Atc", "show server_version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": date.today().isoformat(),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "nginx": nginx.replace("nginx version: ", ""),
        "wrk": wrk_version.split()[1] if wrk_version else "?",
        "postgresql": postgres,
    }


def main() -> int:
    ensure_tools()
    work = Path(tempfile.mkdtemp(prefix="seloste-bench."))
    work.chmod(0o755)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"{PG}/{DB}",
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
    }
    python = str(BIN / "python")
    stack = Stack(work, env)
    results: dict[str, Any] = {"machine": machine()}
    try:
        log(f"fresh database {DB}, migrate, demo, collectstatic")
        run("psql", PG, "-qc", f"CREATE DATABASE {DB}", env=env)
        run(python, "manage.py", "migrate", "--no-input", "-v", "0", env=env)
        run(python, "manage.py", "load_demo", "--force", env=env)
        run(python, "manage.py", "collectstatic", "--no-input", "-v", "0", env=env)
        results["page_bytes"] = django("write_static_copy", env, env["STATIC_ROOT"])["bytes"]
        large = django("large_register_notice", env)
        results["large"] = large

        log("gunicorn and nginx")
        stack.start()
        if "1" in PARTS:
            log("1. throughput: the public page against a static file of the same bytes")
            results["throughput"] = throughput()
        if "2" in PARTS:
            log("2. public latency during a 2 MB preview")
            results["stall"] = preview_stall(large["preview"])
        stack.stop()

        if "3" in PARTS:
            log("3. scale: the demo against the demo with 1,000 x 20 registers more")
            results["scale_up"], results["scale"] = scale(env)
        if "4" in PARTS:
            log("4. PDF time and peak memory")
            results["pdf"] = [django("pdf_render", env, n) for n in (1, 5, 20)]
        if "5" in PARTS:
            log(f"5. memory over {RENDERS} renders")
            results["memory"] = django("worker_memory", env, RENDERS)
        if "6" in PARTS:
            log("6. importing the seed notices")
            results["import"] = django("import_timing", env)
    finally:
        stack.stop()
        for name in (DB, SCALED_DB):
            subprocess.run(["psql", PG, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)
        shutil.rmtree(work, ignore_errors=True)

    if PARTS != ALL_PARTS:
        print(json.dumps(results, indent=2))
        return 0
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (ROOT / "docs" / "benchmarks.md").write_text(report(results))
    log("written: docs/benchmarks.md and bench/results.json")
    return 0


def report(r: dict[str, Any]) -> str:
    m = r["machine"]
    t, s = r["throughput"], r["stall"]
    scale_one, scale_many = r["scale"]["one"], r["scale"]["many"]

    def row(name: str, found: dict[str, float]) -> str:
        return f"| {name} | {found['rps']:,.0f} | {found['p50']:.2f} | {found['p99']:.2f} |"

    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); the raw figures are in `bench/results.json`.",
        "These are measurements of one run on one machine, not tests.",
        "",
        f"Run on {m['date']}: {m['cpu']}, {m['memory']}, Linux {m['kernel']}, Python "
        f"{m['python']}, PostgreSQL {m['postgresql']}, {m['nginx']}, wrk {m['wrk']}. "
        "gunicorn with deploy/gunicorn.conf.py and 2 workers, nginx with the rendered "
        "deploy/nginx template over HTTPS, production settings, all on loopback; wrk "
        f"runs in its own process with 1 thread and 16 connections for {WRK_SECONDS} s "
        "(the median of three interleaved runs).",
        "",
        f"## 1. The public notice page against a static file of the same {r['page_bytes']:,} bytes",
        "",
        "| through | requests/s | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: |",
        row("gunicorn: static file (WhiteNoise)", t["gunicorn"]["static"]),
        row("gunicorn: notice page", t["gunicorn"]["page"]),
        row("nginx: static file (disk)", t["nginx"]["static"]),
        row("nginx: notice page", t["nginx"]["page"]),
        "",
        f"Ratio page/static: **{t['gunicorn']['ratio']:.2f}×** through gunicorn alone "
        f"(goal ≥ 0.5), **{t['nginx']['ratio']:.2f}×** through nginx (goal ≥ 0.9).",
        "",
        "## 2. Public pages while an editor previews a 2 MB register",
        "",
        f"A register with a {r['large']['description_bytes'] / 2**20:.1f} MiB description "
        "(written past the model's length limits), previewed as a PDF over and over while "
        "wrk (4 connections, 8 s) reads the public notice page.",
        "",
        "| through | idle p50 ms | idle p99 ms | during preview p50 ms | p99 ms | p50 ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in ("nginx", "gunicorn"):
        idle, busy = s["idle"][name], s["busy"][name]
        lines.append(
            f"| {name} | {idle['p50']:.2f} | {idle['p99']:.2f} | {busy['p50']:.2f} | "
            f"{busy['p99']:.2f} | {busy['p50'] / idle['p50']:.2f}× |"
        )
    previews = ", ".join(
        f"{p['status']} in {p['seconds']} s"
        + (" (PDF)" if p["pdf"] else " (Finnish message)" if p["finnish_message"] else "")
        for p in s["previews"]
    )
    lines += [
        "",
        "Goal: the p50 during the preview within 2× of idle, on the production path "
        "(nginx); through gunicorn alone, with no cache in front, the rendering child "
        "shares the two cores with the workers and wrk.",
        "",
        f"The previews answered: {previews}.",
        "",
        "## 3. Public page server time at scale",
        "",
        "Median in-process time of 500 requests per page and database, each process's "
        "memory of the newest page turned off (`PUBLIC_PAGE_LOCAL_SECONDS=0`) so that "
        "every request reads PostgreSQL: the demo database against a copy grown by 1,000 "
        "organisations of 20 registers and a published notice each, measured in one "
        "process, 10 requests to each database in turn.",
        "",
        f"| page | {scale_one['organisations']} organisations, {scale_one['registers']} "
        f"registers (ms) | {scale_many['organisations']:,} organisations, "
        f"{scale_many['registers']:,} registers (ms) | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    ratios = []
    for path, before in scale_one["ms"].items():
        after = scale_many["ms"][path]
        ratios.append(after / before)
        lines.append(f"| `{path}` | {before:.2f} | {after:.2f} | {after / before:.2f}× |")
    lines += [
        "",
        f"Largest ratio: **{max(ratios):.2f}×** (goal ≤ 1.2).",
        "",
        "## 4. PDF rendering",
        "",
        "Copies of the Smart Time demo registers; median of 3 renders, each in its own "
        "rendering process (privacy_notices/pdf.py; the median leaves out the first one's "
        "forkserver start); peak = the rendering process's largest address space (VmPeak, what "
        "`PDF_RENDER_MEMORY_MB` limits).",
        "",
        "| registers | HTML characters | seconds | PDF bytes | peak MiB |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for p in r["pdf"]:
        lines.append(
            f"| {p['registers']} | {p['characters']:,} | {p['seconds']} | {p['pdf_bytes']:,} "
            f"| {p['peak_mib']} |"
        )
    mem = r["memory"]
    marks = ", ".join(f"{n}: {v} MiB" for n, v in mem["after_mib"].items())
    lines += [
        "",
        f"## 5. Memory over {mem['renders']} renders",
        "",
        f"The requesting process (a web worker's part) after the first render: "
        f"{mem['baseline_mib']} MiB; after each hundred renders: {marks}. Growth: "
        f"**{mem['growth_mib']} MiB** over {mem['renders']} renders of the 5-register demo "
        f"notice ({mem['seconds_each']} s each).",
        "",
    ]
    imp = r["import"]
    lines += [
        "## 6. Importing an old notice",
        "",
        f"Median of {imp['rounds']} rounds in one process (bench/fixtures.py `import_timing`): "
        "read + propose is the wait between the upload and the review page (the goal is under "
        "2 seconds); apply creates the accepted draft (rolled back).",
        "",
        "| seed | file | bytes | proposed values | read + propose s | apply s |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in imp["rows"]:
        lines.append(
            f"| {row['seed']} | .{row['kind']} | {row['bytes']:,} | {row['items']} "
            f"| {row['propose_seconds']} | {row['apply_seconds']} |"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
