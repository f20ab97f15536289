"""`make bench`: the matcher's cost per question and the start-up time, as medians of several runs.

Not collected by pytest: timings belong in a benchmark that prints figures, not in assertions that
flake on a busy machine. Targets (issue #3): < 1 ms per question, start-up < 1.5 s on 2 cores.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import PROJECT_KNOWLEDGE_DIR  # noqa: E402
from bot.core.knowledge import load_knowledge  # noqa: E402
from bot.core.matcher import Matcher  # noqa: E402

RUNS = 7


def _questions() -> list[str]:
    data = ROOT / "tests" / "data"
    entries = [e for name in ("dev-questions.yaml", "staff_questions.yaml") for e in yaml.safe_load(
        (data / name).read_text(encoding="utf-8"))]  # fmt: skip
    return [entry["q"] for entry in entries]


def main() -> None:
    """Print start-up and per-question figures."""
    questions = _questions()
    startups: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        matcher = Matcher(load_knowledge(PROJECT_KNOWLEDGE_DIR))
        startups.append(time.perf_counter() - started)
        for timings in (cold, warm):  # first pass fills the typo-repair cache, the second reuses it
            started = time.perf_counter()
            for question in questions:
                matcher.match(question)
            timings.append((time.perf_counter() - started) / len(questions))
    processes = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "tavshedspligt"], check=True, capture_output=True)
        processes.append(time.perf_counter() - started)

    print(f"questions per run:              {len(questions)}")
    print(f"start-up, load + index:         {statistics.median(startups) * 1000:8.1f} ms  (median of {RUNS})")
    print(f"per question, cold cache:       {statistics.median(cold) * 1000:8.3f} ms  (median of {RUNS})")
    print(f"per question, warm cache:       {statistics.median(warm) * 1000:8.3f} ms  (median of {RUNS})")
    print(f"`python -m bot ask`, whole run: {statistics.median(processes) * 1000:8.1f} ms  (median of 3)")


if __name__ == "__main__":
    main()
