"""Load test: concurrent browser sessions against `streamlit run`, with a command-line load
in the middle.

    .venv/bin/python bench/load.py [--db STORE] [--sessions 10] [--rounds 2]

Starts `streamlit run serve.py` on a loopback port over a copy of STORE (by default a fresh
24-month demo store), then opens SESSIONS browser sessions at once in Debian's chromium
(Playwright, one browser, one context per session: each its own websocket session). Every
session logs in and walks the main pages ROUNDS times through the sidebar. A page's time
runs from the click (on 登录 for the first page after login, on the page's link after) to
the page's title showing with the script finished and nothing stale, so it includes the
browser's drawing (chromium shares the machine's cores with the server: the server's own
CPU seconds per page view are printed apart).
First one session walks the pages alone on the same server: the baseline. While the
SESSIONS run, `effmon ingest` loads a small file into the same store from another process.
Prints p50/p95/max page times per page and overall with the ratio to the baseline, the
server's CPU seconds, the errors seen (exceptions on a page, timeouts) and how the
command-line load went. Everything is bounded: 120 s per page, the server is stopped at
the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Load test password 1"
PAGES = [
    "窗口办件", "自助分析", "趋势预测与预警", "满意度", "投诉热点",
    "日常巡查", "投诉处理", "考勤", "总览",
]  # fmt: skip
PAGE_TIMEOUT_MS = 120_000
DONE = """title => {
    const app = document.querySelector('[data-testid=stApp]');
    const h1 = document.querySelector('[data-testid=stMain] h1');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && h1 && h1.innerText.trim() === title
        && document.querySelectorAll('[data-stale=true]').length === 0;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "EFFMON_DB": str(store), "EFFMON_ADMIN_PASSWORD": PASSWORD}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=open(store.with_name("server.log"), "w"),  # noqa: SIM115 - the server's
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("streamlit did not start within 60 s")


async def _page_done(page, title: str) -> float:
    began = time.perf_counter()
    await page.wait_for_function(DONE, arg=title, timeout=PAGE_TIMEOUT_MS, polling=50)
    return time.perf_counter() - began


async def _session(browser, url: str, rounds: int, times: dict, errors: list) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        began = time.perf_counter()
        await page.goto(url)
        await page.get_by_label("用户名").fill("admin")
        times.setdefault("打开登录页", []).append(time.perf_counter() - began)
        await page.get_by_label("密码", exact=True).fill(PASSWORD)
        began = time.perf_counter()
        await page.get_by_role("button", name="登录").click()
        await _page_done(page, "总览")
        times.setdefault("登录→总览", []).append(time.perf_counter() - began)
        for _ in range(rounds):
            for title in PAGES:
                began = time.perf_counter()
                await page.get_by_role("link", name=title, exact=True).click()
                await _page_done(page, title)
                times.setdefault(title, []).append(time.perf_counter() - began)
                if await page.locator("[data-testid=stException]").count():
                    errors.append(f"{title}: 页面异常")
    except Exception as exc:  # a timeout or a broken page: counted, the others go on
        errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await context.close()


async def _command_line_load(store: Path, after: float, result: dict) -> None:
    await asyncio.sleep(after)
    cases = store.with_name("bench_load_cases.csv")
    cases.write_text(
        "办件编号,办理部门,办理渠道,受理时间\nLOAD1,税务局,窗口,2026-10-30 10:00:00\n",
        encoding="utf-8",
    )
    began = time.perf_counter()
    command = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "effmon.cli", "ingest", "cases", str(cases), "--db", str(store),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=REPO,
    )  # fmt: skip
    out, err = await asyncio.wait_for(command.communicate(), timeout=300)
    result.update(
        seconds=time.perf_counter() - began,
        code=command.returncode,
        waited="等待其释放" in err.decode(),
        output=(out.decode() + err.decode()).strip(),
    )


async def _run(url: str, store: Path | None, sessions: int, rounds: int) -> tuple[dict, list, dict]:
    """Page times, errors and (with a store) the command-line load made meanwhile."""
    times: dict[str, list[float]] = {}
    errors: list[str] = []
    load: dict = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        runs = [_session(browser, url, rounds, times, errors) for _ in range(sessions)]
        if store:
            runs.append(_command_line_load(store, 20.0, load))
        await asyncio.gather(*runs)
        await browser.close()
    return times, errors, load


def _machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    store = Path(tempfile.mkdtemp()) / "load.duckdb"
    if args.db:
        shutil.copy(args.db, store)
    else:
        subprocess.run(
            [sys.executable, "-m", "effmon.cli", "demo", "--db", str(store), "--months", "24"],
            cwd=REPO, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    server, url = _serve(store)
    try:
        baseline, base_errors, _ = asyncio.run(_run(url, None, 1, 1))
        cpu, (busy, total) = _cpu_seconds(server.pid), _machine_busy()
        began = time.perf_counter()
        times, errors, load = asyncio.run(_run(url, store, args.sessions, args.rounds))
        wall = time.perf_counter() - began
        cpu = _cpu_seconds(server.pid) - cpu
        busy_after, total_after = _machine_busy()
        busy_share = (busy_after - busy) / (total_after - total)
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [t for values in times.values() for t in values]
    base_every = [t for values in baseline.values() for t in values]
    print(f"errors: {len(errors) + len(base_errors)}")
    for error in base_errors + errors:
        print(f"  {error}")
    if not every or not base_every:
        raise SystemExit("no page was shown: see the errors above")
    print(
        f"{args.sessions} sessions × {args.rounds} rounds: {len(every)} page views in {wall:.0f} s;"
        f" the server used {cpu:.0f} CPU s of {os.cpu_count() * wall:.0f}"
        f" ({cpu / len(every):.2f} s per page view, target ≤ 0.15);"
        f" the machine was {busy_share:.0%} busy (the browsers take the rest)"
    )
    print(
        f"{'page':18s} {'n':>4s} {'p50 s':>7s} {'p95 s':>7s} {'max s':>7s} {'alone s':>8s} ×alone"
    )
    for title, values in [*times.items(), ("all", every)]:
        alone = statistics.median(base_every if title == "all" else baseline[title])
        print(
            f"{title:18s} {len(values):4d} {statistics.median(values):7.2f}"
            f" {_quantile(values, 0.95):7.2f} {max(values):7.2f} {alone:8.2f}"
            f" {statistics.median(values) / alone:6.1f}"
        )
    print(
        f"effmon ingest during the sessions: exit {load.get('code')}, "
        f"{load.get('seconds', float('nan')):.1f} s, waited for the app: {load.get('waited')}"
    )
    print(f"  {load.get('output', '')}")


if __name__ == "__main__":
    main()
