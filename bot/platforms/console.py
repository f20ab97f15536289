"""The local chat: the real core and renderer in a terminal, no account, database or network needed.

On a terminal it is a prompt loop; with piped input it answers each line and stops at the end, so it
doubles as a harness (``echo "må jeg …" | python -m bot chat``). It parses and replies through the
same ``Replies`` the service uses, so the words mean the same as on Slack and Teams.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TextIO

from bot.core.answer import Answer
from bot.core.replies import Replies

PROMPT = "du> "
QUIT_WORDS = frozenset({"quit", "exit", "farvel", "afslut"})
SEPARATOR = "─" * 60


def run(
    replies: Replies,
    today: date,
    stdin: TextIO,
    stdout: TextIO,
    render: Callable[[Answer], str],
    interactive: bool,
) -> int:
    """Answer lines until end of input (or a quit word on a terminal). Returns the exit code."""

    def answer(line: str) -> str:
        return render(replies.handle(line, today))

    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (arrow keys and history in input())
        print(render(replies.help()), file=stdout)
        print(f"\n{SEPARATOR}\nSkriv dit spørgsmål. Afslut med Ctrl-D eller »farvel«.", file=stdout)
        while True:
            try:
                line = input(PROMPT)
            except (EOFError, KeyboardInterrupt):
                print(file=stdout)
                return 0
            if line.strip().lower() in QUIT_WORDS:
                return 0
            print(f"\n{answer(line)}\n{SEPARATOR}", file=stdout)
    for line in stdin:
        question = line.rstrip("\n")
        if not question.strip():
            continue
        print(f"> {question}\n\n{answer(question)}\n{SEPARATOR}", file=stdout, flush=True)
    return 0
