"""`make bench-load`: the real server under a busy Monday morning, measured from outside.

Starts ``python -m bot serve`` (the Procfile line) with Slack configured against the local fake Web
API, sends 2,000 signed ``/kodeks`` requests (virtue names and free questions) at concurrency 32 from
127.0.0.1 within a time bound, and prints throughput, p50/p99 latency, errors and the server's
resident memory. Then the same load goes to a bare Bolt app that only acknowledges
(``tests/bare_bolt.py``), alternately, three times each, and the ratio of the best throughputs
is printed. Targets on 2 cores: 0 errors, p99 < 250 ms, RSS < 220 MB with the sentence-embedding
model loaded (issue 12; 120 MB before it), at least 0.5× the bare app's throughput (issue 11).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import payloads  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402
from tests.server_process import ServerProcess  # noqa: E402

REQUESTS = 2000
CONCURRENCY = 32
ROUNDS = 3  # each server is loaded this often, alternately; the best run of each is compared
TIME_BOUND = 120.0  # seconds; the run is cut off (and says so) rather than hanging
TEXTS = (
    "neutralitet", "lovlighed", "aabenhed", "hjælp", "tip",
    "må jeg give partipolitisk rådgivning?", "min chef vil have mig til at pynte på tallene",
    "jeg har lavet en fejl i en sag til forretningsudvalget", "hvem kan jeg gå til hvis jeg bliver presset",
    "what if a council member asks me to do something illegal?", "hvor er kantinen",
)  # fmt: skip


def memory_kb(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


@dataclass
class Load:
    """What one server did under the load."""

    latencies: list[float]  # seconds, sorted
    errors: list[str]
    elapsed: float
    cut_off: bool
    rss_kb: tuple[int, int, int]  # idle, busy, peak
    exit_code: int

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed


async def load(server: ServerProcess, fake: FakeSlack) -> Load:
    """Start ``server``, fire the signed requests at it from CONCURRENCY clients, stop it."""
    await server.start()
    assert server.process is not None
    pid = server.process.pid
    rss_idle = memory_kb(pid, "VmRSS")
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(REQUESTS):
        queue.put_nowait(number)
    latencies: list[float] = []
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            while not queue.empty():
                number = queue.get_nowait()
                request = payloads.command(TEXTS[number % len(TEXTS)], fake.response_url())
                started = time.perf_counter()
                try:
                    async with session.post(
                        f"{server.url}/slack/events", data=request.body, headers=request.headers
                    ) as response:
                        await response.read()
                        if response.status != 200:
                            errors.append(f"HTTP {response.status}")
                except aiohttp.ClientError as error:
                    errors.append(error.__class__.__name__)
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        workers = [asyncio.create_task(worker()) for _ in range(CONCURRENCY)]
        _, pending = await asyncio.wait(workers, timeout=TIME_BOUND)
        for task in pending:
            task.cancel()
        elapsed = time.perf_counter() - started
    rss = (rss_idle, memory_kb(pid, "VmRSS"), memory_kb(pid, "VmHWM"))
    exit_code = await server.stop()
    return Load(sorted(latencies), errors, elapsed, bool(pending), rss, exit_code)


def report(name: str, result: Load) -> None:
    """Print one server's figures."""
    ms = [value * 1000 for value in result.latencies]
    cut = f"  (cut off after {TIME_BOUND:.0f} s)" if result.cut_off else ""
    print(f"{name}")
    print(f"  requests sent:        {len(ms)} of {REQUESTS} at concurrency {CONCURRENCY}{cut}")
    print(f"  throughput:           {result.throughput:8.1f} requests/s  ({result.elapsed:.1f} s)")
    print(f"  latency p50:          {statistics.median(ms):8.1f} ms")
    print(f"  latency p99:          {ms[int(len(ms) * 0.99) - 1]:8.1f} ms   (target < 250 ms)")
    error_kinds = f"  {sorted(set(result.errors))}" if result.errors else ""
    print(f"  errors:               {len(result.errors):8d}      (target 0){error_kinds}")
    idle, busy, peak = (kb / 1024 for kb in result.rss_kb)
    print(f"  server RSS idle/busy: {idle:8.1f} / {busy:.1f} MB, peak {peak:.1f} MB   (target < 220 MB)")
    print(f"  server exit code:     {result.exit_code:8d}")


async def run() -> None:
    """Load Kodeks, then a bare Bolt app that only acks, the same way; print both and the ratio."""
    fake = FakeSlack()
    await fake.start()
    env = {"SLACK_BOT_TOKEN": payloads.BOT_TOKEN, "SLACK_SIGNING_SECRET": payloads.SIGNING_SECRET,
           "SLACK_API_URL": fake.api_url, "KODEKS_LOG_FORMAT": "json"}  # fmt: skip
    kodeks_runs, bare_runs = [], []
    for _ in range(ROUNDS):  # interleaved, so a busy moment on the machine does not favour one side
        with tempfile.TemporaryDirectory() as tmp:
            database = {"DATABASE_URL": f"sqlite:///{tmp}/kodeks.db"}
            kodeks_runs.append(await load(ServerProcess({**env, **database}), fake))
        bare_runs.append(await load(ServerProcess(env, (str(ROOT / "tests" / "bare_bolt.py"),)), fake))
    await fake.close()
    kodeks = max(kodeks_runs, key=lambda run: run.throughput)
    bare = max(bare_runs, key=lambda run: run.throughput)

    report(f"kodeks (python -m bot serve), best of {ROUNDS}", kodeks)
    report(f"bare Bolt app that only acks (tests/bare_bolt.py), best of {ROUNDS}", bare)
    print(f"kodeks / bare Bolt throughput: {kodeks.throughput / bare.throughput:.2f}x   (target >= 0.5x)")


if __name__ == "__main__":
    asyncio.run(run())
