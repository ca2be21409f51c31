"""Load test of the HTTP API on loopback: 50 concurrent clients POST /api/check for 30 s.

    python benchmarks/bench_load.py                 # starts its own server on 127.0.0.1
    python benchmarks/bench_load.py --duration 10 --clients 20
    python benchmarks/bench_load.py --url http://127.0.0.1:8000   # a running server

Starts the app (uvicorn, one worker, access log off) in a child process on a free
127.0.0.1 port unless --url is given, then runs two bounded phases with the same number
of keep-alive client connections (asyncio streams, HTTP/1.1, stdlib only):

1. baseline: GET /api/health (a trivial endpoint: the cost of the HTTP stack alone);
2. check: POST /api/check, cycling through four real scenarios (after the first request
   each is answered from the server's response cache);
3. check-distinct: POST /api/check with a different day in every request (a day the
   server has not answered for that scenario: it computes the answer, or fills in the
   answer it keeps for another day of the same epoch, web/answers.py).

Prints requests/s, p50/p90/p99/max latency and the error count of each phase (target:
zero errors, p99 under 50 ms). Only loopback addresses are accepted; every loop stops by
itself at its deadline. ``--json FILE`` also writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

SCENARIOS = [
    {"attacker": ["PRK"], "target": "KOR", "date": "2010-11-23", "where": "yeonpyeong-island"},
    {"attacker": ["RUS"], "target": "EST", "date": "2025-01-01"},
    {
        "attacker": ["CHN"],
        "target": "PHL",
        "date": "2024-06-17",
        "where": "south-china-sea",
        "asset": "coast_guard",
        "severity": "gray_zone",
    },
    {"attacker": ["CHN"], "target": "JPN", "date": "2026-01-01", "where": "senkaku-islands"},
]

SERVER = """
import uvicorn
from foederis.web import create_app, tune_gc
app = create_app()
tune_gc()  # as `foederis serve` does
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning", access_log=False)
"""


@dataclass
class Phase:
    name: str
    method: str
    path: str
    clients: int
    distinct: bool = False
    seconds: float = 0.0
    requests: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    error_samples: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float:
            if not lat:
                return float("nan")
            return lat[min(len(lat) - 1, round(p / 100 * (len(lat) - 1)))]

        return {
            "phase": self.name,
            "request": f"{self.method} {self.path}",
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": round(self.requests / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(pct(50), 2),
            "p90_ms": round(pct(90), 2),
            "p99_ms": round(pct(99), 2),
            "max_ms": round(lat[-1], 2) if lat else None,
            "mean_ms": round(statistics.fmean(lat), 2) if lat else None,
            "error_samples": self.error_samples[:3],
        }


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(parts)
    else:
        body = await reader.read()
    return status, body


def _request(method: str, host: str, path: str, body: bytes | None) -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {host}",
        "Connection: keep-alive",
        "Accept: application/json",
    ]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")


def distinct_body(i: int) -> bytes:
    """The i-th of many different scenarios: the four above on different days (from 1992,
    when every state they name existed)."""
    scenario = dict(SCENARIOS[i % len(SCENARIOS)])
    day = date(1992, 1, 1) + timedelta(days=(i // len(SCENARIOS)) % 12400)
    scenario["date"] = day.isoformat()
    return json.dumps(scenario).encode()


async def _client(phase: Phase, host: str, port: int, deadline: float, offset: int) -> None:
    bodies = [json.dumps(s).encode() for s in SCENARIOS] if phase.method == "POST" else [None]
    requests = [_request(phase.method, f"{host}:{port}", phase.path, b) for b in bodies]
    reader = writer = None
    i = offset
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None
            if phase.distinct:
                request = _request(
                    "POST", f"{host}:{port}", phase.path, distinct_body(i * 7919 + offset)
                )
            else:
                request = requests[i % len(requests)]
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status, data = await asyncio.wait_for(_read_response(reader), timeout=10)
            elapsed = (time.perf_counter() - start) * 1000
            phase.requests += 1
            if status != 200:
                phase.errors += 1
                phase.error_samples.append(f"HTTP {status}: {data[:120]!r}")
            else:
                phase.latencies_ms.append(elapsed)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            phase.requests += 1
            phase.errors += 1
            phase.error_samples.append(f"{type(exc).__name__}: {exc}")
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.01)
        i += 1
    if writer is not None:
        writer.close()


async def run_phase(phase: Phase, host: str, port: int, seconds: float) -> Phase:
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(_client(phase, host, port, deadline, n) for n in range(phase.clients)))
    phase.seconds = time.perf_counter() - start
    return phase


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_ready(host: str, port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1) as s:
                s.sendall(_request("GET", f"{host}:{port}", "/api/health", None))
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server on {host}:{port} did not become ready in {timeout:.0f} s")


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def print_table(rows: list[dict[str, object]]) -> None:
    cols = [
        "phase",
        "request",
        "clients",
        "requests",
        "errors",
        "requests_per_s",
        "p50_ms",
        "p90_ms",
        "p99_ms",
        "max_ms",
    ]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of POST /api/check")
    ap.add_argument(
        "--baseline", type=float, default=10.0, help="seconds of GET /api/health first (0 to skip)"
    )
    ap.add_argument(
        "--mix",
        choices=["repeat", "distinct", "both"],
        default="both",
        help="repeat: cycle four scenarios (served from the response cache "
        "after the first time); distinct: a different day each request "
        "(every one computed); both (default): one phase of each",
    )
    ap.add_argument(
        "--url",
        help="a server already running on loopback, e.g. "
        "http://127.0.0.1:8000 (default: start one)",
    )
    ap.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = ap.parse_args()
    if (
        not 1 <= args.clients <= 500
        or not 0 < args.duration <= 600
        or not 0 <= args.baseline <= 600
    ):
        ap.error("clients must be 1..500 and durations at most 600 s")

    proc = None
    if args.url:
        parts = urlsplit(args.url)
        host, port = parts.hostname or "", parts.port or 80
        if not loopback(host):
            ap.error("only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed")
    else:
        host, port = "127.0.0.1", free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([sys.executable, "-c", SERVER.format(port=port)], env=env)
    try:
        wait_ready(host, port)
        phases: list[Phase] = []
        if args.baseline > 0:
            phases.append(
                asyncio.run(
                    run_phase(
                        Phase("baseline", "GET", "/api/health", args.clients),
                        host,
                        port,
                        args.baseline,
                    )
                )
            )
        if args.mix in ("repeat", "both"):
            phases.append(
                asyncio.run(
                    run_phase(
                        Phase("check", "POST", "/api/check", args.clients),
                        host,
                        port,
                        args.duration,
                    )
                )
            )
        if args.mix in ("distinct", "both"):
            phases.append(
                asyncio.run(
                    run_phase(
                        Phase("check-distinct", "POST", "/api/check", args.clients, distinct=True),
                        host,
                        port,
                        args.duration,
                    )
                )
            )
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    rows = [p.summary() for p in phases]
    print(
        f"foederis load test: {args.clients} clients on {host}:{port}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPU(s); server: uvicorn, 1 worker, access log off"
    )
    print_table(rows)
    for r in rows:
        if r["errors"]:
            print(f"{r['phase']}: {r['errors']} error(s), e.g. {r['error_samples']}")
    for r in rows[1:] if args.baseline > 0 else rows:
        ok = r["errors"] == 0 and float(str(r["p99_ms"])) < 50
        print(f"{r['phase']}: target (0 errors, p99 < 50 ms) {'met' if ok else 'MISSED'}")
    if args.json:
        args.json.write_text(
            json.dumps({"clients": args.clients, "phases": rows}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
