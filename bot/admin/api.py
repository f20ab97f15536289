"""The report for scripts and spreadsheets: the same conversions as ``python -m bot report``."""

from __future__ import annotations

from aiohttp import web

from bot.admin import params
from bot.admin.backend import Report
from bot.admin.keys import BACKEND
from bot.report_format import report_to_csv, report_to_dict, report_to_markdown

REPORT_DAYS = 30
"""Default period of the report: the last 30 days, as the ``report`` command."""


async def _report(request: web.Request) -> Report:
    backend = request.app[BACKEND]
    first, last = params.period(request.query, backend.today(), REPORT_DAYS)
    return await backend.report(first, last)


async def report_json(request: web.Request) -> web.Response:
    """``GET /admin/report.json?from=&to=``: the JSON of interfaces.md."""
    return web.json_response(report_to_dict(await _report(request)))


async def report_csv(request: web.Request) -> web.Response:
    """The report as ``section,key,value`` CSV, offered as a download."""
    report = await _report(request)
    name = f"kodeks-{report.first.isoformat()}-{report.last.isoformat()}.csv"
    return web.Response(
        text=report_to_csv(report),
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def report_markdown(request: web.Request) -> web.Response:
    """The report as Markdown, for an e-mail or a wiki page."""
    return web.Response(text=report_to_markdown(await _report(request)), content_type="text/markdown")
