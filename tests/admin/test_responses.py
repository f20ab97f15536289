"""What every /admin response carries, and how bad input is answered: a clean 4xx, never a 5xx."""

from __future__ import annotations

import aiohttp
import pytest
from multidict import CIMultiDictProxy

from bot.admin.backend import QuestionState
from tests.admin.conftest import Console
from tests.admin.signin import BEARER, HTML, page_csrf, sign_in


def assert_console_headers(headers: CIMultiDictProxy[str]) -> None:
    """The security headers every console response must have."""
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert "noindex" in headers["X-Robots-Tag"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/login", 200),
        ("/admin/login.css", 200),
        ("/admin/", 401),
        ("/admin/nope", 401),
        ("/admin/static/overview.js", 401),
    ],
)
async def test_responses_without_sign_in_carry_the_security_headers(
    console: Console, client: aiohttp.ClientSession, path: str, status: int
) -> None:
    """The login form, its stylesheet and every refusal forbid framing and inline scripts."""
    async with client.get(console.url + path, allow_redirects=False) as response:
        assert response.status == status
        assert_console_headers(response.headers)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/", 200),
        ("/admin/questions", 200),
        ("/admin/questions/1?eksempel=neutralitet.2", 200),
        ("/admin/try?q=hvem+kan+jeg+gå+til", 200),
        ("/admin/knowledge", 200),
        ("/admin/report.json", 200),
        ("/admin/static/vendor/chart.umd.js", 200),
        ("/admin/questions/999", 404),
        ("/admin/nope", 404),
    ],
)
async def test_signed_in_responses_carry_the_security_headers(
    console: Console, client: aiohttp.ClientSession, path: str, status: int
) -> None:
    """Pages, data, assets and errors alike carry the headers; pages also the robots meta tag."""
    await sign_in(client, console.url)
    async with client.get(console.url + path, headers=HTML, allow_redirects=False) as response:
        assert response.status == status
        assert_console_headers(response.headers)
        if response.content_type == "text/html":
            html = await response.text()
            assert '<meta name="robots" content="noindex, nofollow">' in html
            assert "<script>" not in html  # only <script src> and JSON data blocks
            assert response.headers["Cache-Control"] == "no-store"


async def test_redirect_to_the_login_form_carries_the_security_headers(
    console: Console, client: aiohttp.ClientSession
) -> None:
    """Even the redirect of a browser without a session carries the headers."""
    async with client.get(f"{console.url}/admin/", headers=HTML, allow_redirects=False) as response:
        assert response.status == 303
        assert_console_headers(response.headers)


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-13-01",
        "from=2026-02-30",
        "to=yesterday",
        "from=20261101",
        "from=2026-11-30&to=2026-11-01",
        "from=2000-01-01&to=2026-11-30",
        "from=%00",
    ],
)
async def test_bad_report_dates_are_400(console: Console, client: aiohttp.ClientSession, query: str) -> None:
    """Impossible, reversed or far too long periods are a 400 with a Danish error, never a 500."""
    async with client.get(f"{console.url}/admin/report.json?{query}", headers=BEARER) as response:
        assert response.status == 400
        error = (await response.json())["error"].lower()
        assert "dato" in error or "periode" in error
    assert console.backend.report_periods == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/questions/999", 404),
        ("/admin/questions/99999999999999999999999", 404),
        ("/admin/questions/abc", 404),
        ("/admin/questions?tilstand=glemt", 400),
        ("/admin/questions/1?eksempel=neutralitet.99", 400),
        ("/admin/questions/1?eksempel=sandhed.2x", 400),
        ("/admin/try?q=" + "a" * 1001, 400),
        ("/admin/?from=2026-11-31", 400),
    ],
)
async def test_bad_input_is_a_clean_4xx(
    console: Console, client: aiohttp.ClientSession, path: str, status: int
) -> None:
    """Unknown ids and filters, and over-long questions, are answered 4xx with a JSON error."""
    async with client.get(console.url + path, headers=BEARER) as response:
        assert response.status == status
        assert (await response.json())["error"]


async def test_bad_input_in_a_browser_is_an_error_page(
    console: Console, client: aiohttp.ClientSession
) -> None:
    """A browser gets the same refusal as a Danish page, with the console's headers."""
    await sign_in(client, console.url)
    async with client.get(f"{console.url}/admin/questions/999", headers=HTML) as response:
        assert response.status == 404
        assert "Spørgsmålet findes ikke." in await response.text()
        assert_console_headers(response.headers)


@pytest.mark.parametrize(("answer", "status"), [("", 400), ("   ", 400), ("x" * 10_001, 400)])
async def test_empty_or_huge_answers_are_refused(
    console: Console, client: aiohttp.ClientSession, answer: str, status: int
) -> None:
    """An empty or over-long answer is a 400 and leaves the question open."""
    await sign_in(client, console.url)
    page = f"{console.url}/admin/questions/1"
    form = {"csrf": await page_csrf(client, page), "answer": answer}
    async with client.post(f"{page}/answer", data=form, allow_redirects=False) as response:
        assert response.status == status
    assert console.backend.queue[1].state is QuestionState.OPEN


async def test_answering_an_unknown_question_is_404(console: Console, client: aiohttp.ClientSession) -> None:
    """A POST for a question that does not exist is a 404."""
    url = f"{console.url}/admin/questions/42/answer"
    async with client.post(url, data={"answer": "ja"}, headers=BEARER) as response:
        assert response.status == 404


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "application/x-www-form-urlencoded; charset=klingon",
    ],
)
@pytest.mark.parametrize("path", ["/admin/questions/1/answer", "/admin/login"])
async def test_unreadable_form_bodies_are_400(
    console: Console, client: aiohttp.ClientSession, content_type: str, path: str
) -> None:
    """A broken multipart body or an unknown charset is the sender's mistake: 400, never 500."""
    headers = {**BEARER, "Content-Type": content_type} if "answer" in path else {"Content-Type": content_type}
    body = b"--y\r\ngarbage\xff\xfe"
    async with client.post(console.url + path, data=body, headers=headers) as response:
        assert response.status == 400
    assert console.backend.queue[1].state is QuestionState.OPEN


async def test_wrong_method_is_405(console: Console, client: aiohttp.ClientSession) -> None:
    """GET on a form target is a 405, not a 500."""
    async with client.get(f"{console.url}/admin/questions/1/answer", headers=BEARER) as response:
        assert response.status == 405


NASTY = [
    "",
    "%00",
    "%ff%fe",
    "<script>alert(1)</script>",
    "'\"><img src=x onerror=alert(1)>",
    "a" * 5000,
    "😀" * 50,
]


@pytest.mark.parametrize("value", NASTY)
@pytest.mark.parametrize(
    "route",
    ["/admin/?from={}", "/admin/report.json?to={}", "/admin/questions?tilstand={}", "/admin/try?q={}",
     "/admin/questions/1?eksempel={}", "/admin/knowledge?x={}"],
)  # fmt: skip
async def test_nothing_in_the_address_bar_causes_a_5xx_or_echoes_markup(
    console: Console, client: aiohttp.ClientSession, route: str, value: str
) -> None:
    """Odd, hostile or huge query values get a page or a 4xx, and never come back as live markup."""
    await sign_in(client, console.url)
    async with client.get(console.url + route.format(value), headers=HTML) as response:
        assert response.status < 500
        html = await response.text()
    assert "<script>alert" not in html and "<img src=x" not in html
