"""The local chat: the real service and renderer in a terminal, no account or network needed.

On a terminal it is a prompt loop; with piped input it answers each line and stops at the end, so it
doubles as a harness (``echo "må jeg …" | python -m bot chat``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TextIO

from bot.core.answer import Answer
from bot.service import Kodeks

PROMPT = "du> "
QUIT_WORDS = frozenset({"quit", "exit", "farvel", "afslut"})
SEPARATOR = "─" * 60


def run(
    service: Kodeks, stdin: TextIO, stdout: TextIO, render: Callable[[Answer], str], interactive: bool
) -> int:
    """Answer lines until end of input (or a quit word on a terminal). Returns the exit code."""
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (arrow keys and history in input())
        print(render(service.help()), file=stdout)
        print(f"\n{SEPARATOR}\nSkriv dit spørgsmål. Afslut med Ctrl-D eller »farvel«.", file=stdout)
        while True:
            try:
                line = input(PROMPT)
            except (EOFError, KeyboardInterrupt):
                print(file=stdout)
                return 0
            if line.strip().lower() in QUIT_WORDS:
                return 0
            print(f"\n{render(service.handle(line))}\n{SEPARATOR}", file=stdout)
    for line in stdin:
        question = line.rstrip("\n")
        if not question.strip():
            continue
        print(f"> {question}\n\n{render(service.handle(question))}\n{SEPARATOR}", file=stdout, flush=True)
    return 0
