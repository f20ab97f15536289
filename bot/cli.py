"""The command line (``python -m bot …`` and ``kodeks …``): parsing and dispatch only.

Each subcommand's docstring is its help line. Our own errors become one line on stderr and exit code
1 here, in one place; a broken knowledge folder stops every command that needs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bot.config import Settings
from bot.core.replies import Replies
from bot.errors import KnowledgeError, KodeksError

Command = Callable[[argparse.Namespace], int]


def _replies(settings: Settings | None = None, questions: bool = True) -> Replies:
    """The knowledge's replies: what every command without a database needs.

    ``questions=False`` for commands that answer no free question (a virtue, the knowledge, a
    manifest, scheduled posts): their matcher is the lexical stage alone, so they never load the
    embedding model (or compute its cache on a first run).
    """
    from bot.assembly import load_replies

    settings = settings or Settings.from_env()
    return load_replies(settings if questions else dataclasses.replace(settings, matcher="lexical"))


def _today(settings: Settings) -> date:
    return datetime.now(settings.timezone).date()


def cmd_chat(args: argparse.Namespace) -> int:
    """Local chat in the terminal through the same core as Slack and Teams."""
    from bot.platforms import console
    from bot.render import plain

    settings = Settings.from_env()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    return console.run(_replies(settings), _today(settings), sys.stdin, sys.stdout, plain.render, interactive)


def cmd_ask(args: argparse.Namespace) -> int:
    """One answer, as plain text (or the platform-neutral Answer as JSON)."""
    from bot.render import json_answer, plain

    settings = Settings.from_env()
    replies = _replies(settings)
    answer = replies.handle(args.question, _today(settings))
    if args.json:
        print(json.dumps(json_answer.answer_to_dict(answer), ensure_ascii=False, indent=2, default=str))
    else:
        print(plain.render(answer))
    return 0


def cmd_virtue(args: argparse.Namespace) -> int:
    """One virtue in full (by id, name, prefix, with or without æ/ø/å)."""
    from bot.render import plain, texts

    service = _replies(questions=False)
    answer = service.show_virtue(args.name)
    if answer is None:
        names = ", ".join(virtue.name for virtue in service.codex.virtues)
        print(texts.UNKNOWN_VIRTUE.format(name=args.name, names=names), file=sys.stderr)
        return 1
    print(plain.render(answer))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    """Batch matcher: one question per line on stdin, one JSON object per line on stdout."""
    from bot.render.json_answer import match_to_dict

    service = _replies()
    for line in sys.stdin:
        question = line.rstrip("\n")
        print(json.dumps(match_to_dict(question, service.match(question)), ensure_ascii=False), flush=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the matcher on a question file in the shared/eval format and print the metrics."""
    from bot.evaluation import evaluate, load_questions, matchers

    questions = load_questions(args.file)
    knowledge_dir = Settings.from_env().knowledge_dir
    runs = [("", _replies().match)] if args.matcher is None else matchers(knowledge_dir, args.matcher)
    for label, match in runs:
        score = evaluate(questions, match)
        if args.misses:
            for question, wanted, got in score.misses:
                print(f"  MISS want={list(wanted) or 'abstain'} got={got}: {question}")
        print(score.summary(f"{args.file} [{label}]" if label else str(args.file)))
    return 0


def cmd_knowledge(args: argparse.Namespace) -> int:
    """Print the loaded knowledge base (or, with --json, in the shape of interfaces.md)."""
    from bot.render import json_answer

    codex = _replies(questions=False).codex
    if args.json:
        print(json.dumps(json_answer.codex_to_dict(codex), ensure_ascii=False, indent=2))
        return 0
    print(f"{codex.title}\n{codex.version}\n")
    for virtue in codex.virtues:
        print(f"{virtue.name} ({virtue.id}): {virtue.promise}")
        for bullet in virtue.bullets:
            print(f"  {bullet.number}. {bullet.text}")
    print(f"\n{codex.escalation.title}")
    for number, step in enumerate(codex.escalation.steps, start=1):
        print(f"  {number}. {step}")
    for contact in codex.contacts:
        print(f"\n{contact.name}: {contact.email}, {contact.phone}, {contact.url}")
    return 0


def cmd_dilemmas(args: argparse.Namespace) -> int:
    """Print the dilemma cases of the knowledge folder (or, with --json, as a list of objects)."""
    from bot.render import json_answer

    knowledge = _replies(questions=False).knowledge
    if args.json:
        cases = [json_answer.dilemma_to_dict(case) for case in knowledge.dilemmas]
        print(json.dumps(cases, ensure_ascii=False, indent=2))
        return 0
    for case in knowledge.dilemmas:
        print(f"{case.id}: {case.title} [{', '.join(case.virtues)}; {', '.join(case.bullets)}]")
    return 0


def cmd_check_knowledge(args: argparse.Namespace) -> int:
    """Validate a knowledge folder: exit 0 with a summary, or 1 with one FILE:LINE: problem per line."""
    from bot.core.knowledge import load_knowledge

    directory = args.directory or Settings.from_env().knowledge_dir
    knowledge = load_knowledge(directory)
    codex, aids, organisation = knowledge.codex, knowledge.aids, knowledge.organisation
    examples = sum(
        len(topic.general) + sum(len(q) for q in topic.by_bullet.values()) for topic in aids.examples.values()
    )
    print(
        f"{directory}: ok - {organisation.name}, {len(codex.virtues)} virtues, {len(codex.bullets)} bullets, "
        f"{len(codex.escalation.steps)} escalation steps, {len(codex.contacts)} contact(s), "
        f"{len(aids.synonyms)} synonym groups, {examples} example questions, "
        f"{len(aids.offtopic)} off-topic examples, {len(knowledge.dilemmas)} dilemmas"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The production server: one aiohttp process on $PORT with the Slack, Teams and health routes."""
    import logging

    from aiohttp import web

    from bot.logs import setup_logging
    from bot.web import create_app

    settings = Settings.from_env()
    setup_logging(settings.log_json if settings.log_json is not None else not sys.stderr.isatty())
    log = logging.getLogger("bot.serve")
    replies = _replies(settings)  # a broken knowledge folder stops the start before anything else
    log.info("starting", extra={"port": settings.port, "slack": _slack_mode(settings)})
    try:
        web.run_app(
            create_app(settings, replies),
            port=settings.port,
            print=None,
            access_log=None,
            shutdown_timeout=30,
        )
    except OSError as error:  # binding failed: the port is taken, or below 1024 without privileges
        raise KodeksError(f"PORT: cannot listen on port {settings.port}: {error.strerror or error}") from None
    log.info("stopped")
    return 0


def _slack_mode(settings: Settings) -> str:
    if settings.slack is None:
        return "off"
    return "socket mode" if settings.slack.socket_mode else "http"


def cmd_manifest(args: argparse.Namespace) -> int:
    """Print the Slack app manifest (JSON), or write the Teams app package (teams --out FILE.zip)."""
    from bot.platforms.slack.manifest import slack_manifest

    if args.platform == "teams":
        return _write_teams_package(args.out, args.url)
    settings = Settings.from_env()
    socket_mode = bool(settings.slack and settings.slack.socket_mode)
    url = None if socket_mode and args.url is None else _public_url("slack", args.url)
    manifest = slack_manifest(url, _replies(settings, questions=False).knowledge, socket_mode=socket_mode)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


def cmd_tips(args: argparse.Namespace) -> int:
    """Send the daily tips due now (or at --now), each at most once; for cron-style operation."""
    import asyncio
    from datetime import UTC

    from bot.assembly import assemble

    settings = Settings.from_env()
    replies = _replies(settings, questions=False)  # scheduled posts answer no question
    now = _moment(args.now, settings) if args.now else datetime.now(UTC)

    async def send() -> str:
        assembly = await assemble(settings, replies)  # the server's own platforms and tip posters
        try:
            report = await assembly.sender.send_due(now, args.dry_run)
        finally:
            await assembly.close()
        lines = [report.summary()]
        lines += [f"  would send: {name}" for name in report.would_send]
        lines += [f"  failed (retried later today): {name}" for name in report.failed]
        lines += [f"  paused (app removed from channel): {name}" for name in report.paused]
        return "\n".join(lines)

    print(asyncio.run(send()))
    return 0


REPORT_DAYS = 30
"""The report's default period: the last 30 days, today included."""


def cmd_report(args: argparse.Namespace) -> int:
    """The codex owners' usage report for a period: anonymous counts, as Markdown, CSV or JSON."""
    import asyncio
    from datetime import timedelta

    from bot.owners import build_report
    from bot.report_format import report_to_csv, report_to_dict, report_to_markdown
    from bot.store import open_store

    settings = Settings.from_env()
    last = _day(args.to, "--to") if args.to else datetime.now(settings.timezone).date()
    first = _day(args.from_, "--from") if args.from_ else last - timedelta(days=REPORT_DAYS - 1)
    if first > last:
        raise KodeksError(f"report: --from {first} is after --to {last}")

    async def report() -> str:
        store = await open_store(settings.database_url)
        try:
            built = await build_report(store, first, last)
        finally:
            await store.close()
        if args.format == "json":
            return json.dumps(report_to_dict(built), ensure_ascii=False, indent=2)
        return report_to_csv(built) if args.format == "csv" else report_to_markdown(built)

    print(asyncio.run(report()))
    return 0


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KodeksError(f"{option}: not a date like 2026-11-01: '{text}'") from None


def _moment(text: str, settings: Settings) -> datetime:
    """An ISO-8601 moment; without an offset it is read in KODEKS_TIMEZONE, as an operator means it."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise KodeksError(f"--now: not an ISO-8601 moment like 2026-11-25T09:00+01:00: '{text}'") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.timezone)


def _public_url(platform: str, url: str | None) -> str:
    """The server's public base URL from ``--url``: required, and https with a host.

    Note:
        There is no default: a manifest pointing at a placeholder installs an app that silently
        never reaches the server. (Slack in Socket Mode needs no URL; the caller skips this then.)
    """
    if url is None:
        raise KodeksError(f"manifest {platform}: --url is required: the server's public https:// address")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in url):
        raise KodeksError(
            f"manifest {platform}: --url must be the server's public https:// address, not '{url}'"
        )
    return url


def _write_teams_package(out: Path | None, url: str | None) -> int:
    from bot.config import knowledge_dir, teams_client_id
    from bot.core.knowledge import load_knowledge
    from bot.platforms.teams.manifest import teams_package

    if out is None:
        raise KodeksError("manifest teams: --out FILE.zip is required (the package is a zip file)")
    client_id = teams_client_id()  # the package holds no secret, so none is needed to build it
    url = _public_url("teams", url)
    package = teams_package(client_id, url, load_knowledge(knowledge_dir()))
    try:
        out.write_bytes(package)
    except OSError as error:
        raise KodeksError(f"manifest teams: cannot write {out}: {error.strerror or error}") from None
    print(f"{out}: Teams app package for bot {client_id}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand's help is its function's docstring."""
    parser = argparse.ArgumentParser(
        prog="kodeks", description="Kodeks: an organisation's codex of conduct in chat."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, run: Command) -> argparse.ArgumentParser:
        help_line = (run.__doc__ or "").strip().splitlines()[0]
        sub = commands.add_parser(name, help=help_line, description=help_line)
        sub.set_defaults(run=run)
        return sub

    add("chat", cmd_chat)
    add("ask", cmd_ask).add_argument("question", help="the question, in quotes")
    commands.choices["ask"].add_argument("--json", action="store_true", help="print the Answer as JSON")
    add("virtue", cmd_virtue).add_argument("name", help="id, name or prefix of the virtue")
    add("match", cmd_match)
    evaluation = add("eval", cmd_eval)
    evaluation.add_argument("file", type=Path, help="question file (shared/eval format)")
    evaluation.add_argument("--misses", action="store_true", help="also list the questions answered wrongly")
    evaluation.add_argument(
        "--matcher",
        choices=["lexical", "hybrid", "both"],
        help="score this matcher (both: lexical and hybrid side by side) instead of the service's own",
    )
    add("knowledge", cmd_knowledge).add_argument("--json", action="store_true", help="print as JSON")
    add("dilemmas", cmd_dilemmas).add_argument("--json", action="store_true", help="print as JSON")
    add("check-knowledge", cmd_check_knowledge).add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="knowledge folder (default: $KODEKS_KNOWLEDGE_DIR or knowledge/)",
    )
    add("serve", cmd_serve)
    manifest = add("manifest", cmd_manifest)
    manifest.add_argument("platform", choices=["slack", "teams"], help="which app manifest")
    manifest.add_argument(
        "--url", help="required: the server's public https:// base URL (not for Slack in Socket Mode)"
    )
    manifest.add_argument("--out", type=Path, help="teams: where to write the app package (FILE.zip)")
    tips = add("tips", cmd_tips)
    tips.add_argument("action", choices=["send-due"], help="send the tips due now")
    tips.add_argument("--now", help="pretend it is this ISO-8601 moment (default: now)")
    tips.add_argument("--dry-run", action="store_true", help="list what would be sent, send nothing")
    report = add("report", cmd_report)
    report.add_argument("--from", dest="from_", help="first day, YYYY-MM-DD (default: 30 days before --to)")
    report.add_argument("--to", help="last day, YYYY-MM-DD (default: today in KODEKS_TIMEZONE)")
    report.add_argument("--format", choices=["md", "csv", "json"], default="md", help="output format")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; our errors become clear lines on stderr and exit code 1, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KnowledgeError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except KodeksError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m bot match | head` closes the pipe early: not an error
        return 0
