"""The server alone under concurrent sessions: clients that speak Streamlit's websocket protocol
(no browsers) walk the pages, so the page times are the server's and not the drawing's.

    .venv/bin/python bench/server_load.py [--db STORE] [--sessions 10] [--rounds 3]

bench/load.py drives real browsers, which on this 2-core machine take most of the CPU
themselves; here each session is a websocket client logged in by a session cookie (a login
session opened in the store beforehand, as a login does). Starts `streamlit run serve.py`
over a copy of STORE (by default a fresh 24-month demo store), walks the pages once with one
client (the warm-up and the baseline), then with SESSIONS clients at once, ROUNDS times,
while `effmon ingest` loads a small file from another process. A page's time runs from the
request to the server's "script finished". Prints p50/p95/max per page and overall, alone
and concurrent, and the server's CPU seconds per page view. Targets (issue: an app people
can live in all day): warm page p95 < 1.5 s alone and < 5 s with 10 sessions; server CPU
≤ 0.15 s per warm page view.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets
from load import PAGES, _command_line_load, _cpu_seconds, _quantile, _serve  # bench/load.py
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from effmon import labels
from effmon.security import sessions
from effmon.store.connect import open_store
from effmon.ui.login_cookie import COOKIE

PAGE_TIMEOUT_S = 120
VIEW_BY_TITLE = {title: view for view, title in labels.PAGES.items()}


class Client:
    """One browser tab's websocket session, without the browser."""

    def __init__(self, url: str, session_id: str) -> None:
        self.url, self.session_id = url, session_id
        self.hashes: dict[str, str] = {}  # url path → page script hash

    async def __aenter__(self) -> Client:
        self.socket = await websockets.connect(
            self.url.replace("http", "ws") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": f"{COOKIE}={self.session_id}", "Origin": self.url},
            max_size=None,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    async def show(self, view: str) -> float:
        """Seconds from asking for the page ``view`` to the server's end of its run."""
        message = BackMsg()
        message.rerun_script.page_name = view
        message.rerun_script.page_script_hash = self.hashes.get(view, "")
        began = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        async with asyncio.timeout(PAGE_TIMEOUT_S):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self.socket.recv())
                kind = reply.WhichOneof("type")
                if kind == "navigation":
                    for page in reply.navigation.app_pages:
                        self.hashes[page.url_pathname] = page.page_script_hash
                elif kind == "script_finished":
                    return time.perf_counter() - began


async def _walk(url: str, session_id: str, rounds: int, times: dict, errors: list) -> None:
    try:
        async with Client(url, session_id) as client:
            times.setdefault("总览", []).append(await client.show(""))
            for _ in range(rounds):
                for title in PAGES:
                    times.setdefault(title, []).append(await client.show(VIEW_BY_TITLE[title]))
    except Exception as exc:  # a timeout or a closed socket: counted, the others go on
        errors.append(f"{type(exc).__name__}: {exc}")


async def _run(url: str, ids: list[str], rounds: int, store: Path | None) -> tuple:
    times: dict[str, list[float]] = {}
    errors: list[str] = []
    load: dict = {}
    runs = [_walk(url, session_id, rounds, times, errors) for session_id in ids]
    if store:
        runs.append(_command_line_load(store, 5.0, load))
    await asyncio.gather(*runs)
    return times, errors, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = Path(tempfile.mkdtemp()) / "load.duckdb"
    if args.db:
        shutil.copy(args.db, store)
    else:
        subprocess.run(
            [sys.executable, "-m", "effmon.cli", "demo", "--db", str(store), "--months", "24"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    with open_store(store) as con:
        con.execute(
            "INSERT OR REPLACE INTO users (username, role, password_hash, created_at) "
            "VALUES ('bench', '管理员', 'no password: logged in by the bench', now())"
        )
        ids = [sessions.start(con, "bench", "管理员") for _ in range(args.sessions + 1)]
    server, url = _serve(store)
    try:
        alone, alone_errors, _ = asyncio.run(_run(url, ids[:1], 2, None))
        cpu = _cpu_seconds(server.pid)
        began = time.perf_counter()
        times, errors, load = asyncio.run(_run(url, ids[1:], args.rounds, store))
        wall = time.perf_counter() - began
        cpu = _cpu_seconds(server.pid) - cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"errors: {len(alone_errors) + len(errors)}")
    for error in alone_errors + errors:
        print(f"  {error}")
    every = [t for values in times.values() for t in values]
    warm_alone = {title: values[1:] for title, values in alone.items()}  # the second round
    print(
        f"{args.sessions} sessions × {args.rounds} rounds: {len(every)} page views in {wall:.0f} s;"
        f" the server used {cpu:.0f} CPU s ({cpu / len(every):.2f} s per page view)"
    )
    print(f"{'page':18s} {'alone s':>8s} {'n':>4s} {'p50 s':>7s} {'p95 s':>7s} {'max s':>7s}")
    rows = [*times.items(), ("all", every)]
    for title, values in rows:
        own = [t for v in warm_alone.values() for t in v] if title == "all" else warm_alone[title]
        print(
            f"{title:18s} {max(own or [float('nan')]):8.2f} {len(values):4d}"
            f" {statistics.median(values):7.2f} {_quantile(values, 0.95):7.2f} {max(values):7.2f}"
        )
    print(
        f"effmon ingest during the sessions: exit {load.get('code')}, "
        f"{load.get('seconds', float('nan')):.1f} s, waited for the app: {load.get('waited')}"
    )


if __name__ == "__main__":
    main()
