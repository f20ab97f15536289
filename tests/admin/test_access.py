"""Who may use /admin: over real HTTP, without a session, with the form, with a bearer token."""

from __future__ import annotations

from datetime import date

import aiohttp
import pytest
from aiohttp import web

from bot.admin import mount
from bot.admin.backend import QuestionState
from bot.core.replies import Replies
from tests.admin.conftest import TOKEN, Console
from tests.admin.fake_backend import FakeBackend
from tests.admin.signin import BEARER, HTML, login_form_token, page_csrf, sign_in
from tests.fakes import start_on_free_port

PROTECTED = [
    "/admin",
    "/admin/",
    "/admin/questions",
    "/admin/questions?tilstand=ny",
    "/admin/questions/1",
    "/admin/try?q=må+jeg+give+partipolitisk+rådgivning",
    "/admin/knowledge",
    "/admin/report.json",
    "/admin/report.csv",
    "/admin/report.md",
    "/admin/static/overview.js",
    "/admin/static/vendor/chart.umd.js",
    "/admin/no-such-page",
]
SECRETS = ("valgtale", "pynte på tallene", "neutralitet", "Neutralitet", "230", "tips_sent")
"""Words that appear only in data: none of them may be in a refusal."""


@pytest.mark.parametrize("path", PROTECTED)
async def test_scripts_without_token_get_401_and_no_data(
    console: Console, client: aiohttp.ClientSession, path: str
) -> None:
    """Every /admin route but the login form answers 401 with a short JSON error and nothing else."""
    async with client.get(console.url + path, allow_redirects=False) as response:
        body = await response.text()
        assert response.status == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.content_type == "application/json"
    assert not any(secret in body for secret in SECRETS)
    assert console.backend.report_periods == []  # the backend was never asked


@pytest.mark.parametrize("path", ["/admin/", "/admin/questions/1", "/admin/knowledge", "/admin/nope"])
async def test_browsers_without_session_are_sent_to_the_login_form(
    console: Console, client: aiohttp.ClientSession, path: str
) -> None:
    """A browser asking for a page is redirected to the login form, which remembers where it was going."""
    async with client.get(console.url + path, headers=HTML, allow_redirects=False) as response:
        body = await response.text()
        assert response.status == 303
        assert response.headers["Location"].startswith("/admin/login?next=")
    assert body == ""


async def test_post_without_session_changes_nothing(console: Console, client: aiohttp.ClientSession) -> None:
    """Answering a question without signing in is refused and the queue is untouched."""
    url = f"{console.url}/admin/questions/1/answer"
    async with client.post(url, data={"answer": "ja"}, allow_redirects=False) as response:
        assert response.status == 401
    assert console.backend.queue[1].state is QuestionState.OPEN


async def test_wrong_token_on_the_form_is_refused(console: Console, client: aiohttp.ClientSession) -> None:
    """A wrong token shows the form again with 401 and an error, and opens nothing."""
    response = await sign_in(client, console.url, token="x" * 40)
    assert response.status == 401
    async with client.get(f"{console.url}/admin/questions", allow_redirects=False) as page:
        assert page.status == 401


async def test_right_token_signs_in_with_a_strict_session_cookie(
    console: Console, client: aiohttp.ClientSession
) -> None:
    """The right token starts a session (HttpOnly, SameSite=Strict) and leads on to the page asked for."""
    response = await sign_in(client, console.url)
    assert response.status == 303
    assert response.headers["Location"] == "/admin/questions"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # secure_cookies=False: the test server speaks plain HTTP
    async with client.get(f"{console.url}/admin/questions", headers=HTML) as page:
        assert page.status == 200
        assert "valgtale" in await page.text()


async def test_secure_cookies_mark_the_session_cookie_secure(
    client: aiohttp.ClientSession, service: Replies
) -> None:
    """With ``secure_cookies`` the browser sends the session only over HTTPS."""
    app = web.Application()
    mount(app, FakeBackend(service), TOKEN, secure_cookies=True)
    runner, port = await start_on_free_port(app)
    try:
        async with client.get(f"http://127.0.0.1:{port}/admin/login") as response:
            assert "Secure" in response.headers["Set-Cookie"]
    finally:
        await runner.cleanup()


async def test_sign_in_never_leads_to_another_site(console: Console, client: aiohttp.ClientSession) -> None:
    """A ``next`` pointing elsewhere is replaced by the console's own start page (no open redirect)."""
    csrf = await login_form_token(client, console.url)
    for target in ("https://evil.example/", "//evil.example/admin/", "/admin\\..\\x"):
        form = {"csrf": csrf, "token": TOKEN, "next": target}
        async with client.post(f"{console.url}/admin/login", data=form, allow_redirects=False) as response:
            assert response.headers["Location"] == "/admin/"
        csrf = await page_csrf(client, f"{console.url}/admin/")


async def test_bearer_token_reads_the_report_as_json(console: Console, client: aiohttp.ClientSession) -> None:
    """A script with the token gets the report JSON of interfaces.md for the period asked."""
    url = f"{console.url}/admin/report.json?from=2026-11-01&to=2026-11-30"
    async with client.get(url, headers=BEARER) as response:
        assert response.status == 200
        report = await response.json()
    assert (report["from"], report["to"]) == ("2026-11-01", "2026-11-30")
    assert set(report["questions"]) == {"answered", "not_answered"}
    assert report["by_topic"]["neutralitet"] == 88
    assert report["by_platform"] == {"slack": 300, "teams": 149}
    assert report["feedback"] == {"up": 51, "down": 9}
    assert report["asked"] == {"total": 3, "open": 1, "answered": 1, "closed": 1}
    assert (report["tips_sent"], report["dilemmas_sent"]) == (230, 18)
    assert console.backend.report_periods == [(date(2026, 11, 1), date(2026, 11, 30))]


async def test_wrong_bearer_token_is_401(console: Console, client: aiohttp.ClientSession) -> None:
    """A wrong token in the Authorization header is refused like no token at all."""
    headers = {"Authorization": "Bearer " + "y" * 40}
    async with client.get(f"{console.url}/admin/report.json", headers=headers) as response:
        assert response.status == 401
        assert "neutralitet" not in await response.text()


async def test_bearer_token_may_answer_without_csrf(console: Console, client: aiohttp.ClientSession) -> None:
    """Scripts send no cookie, so they need no CSRF token to answer a question."""
    url = f"{console.url}/admin/questions/1/answer"
    async with client.post(url, data={"answer": "Nej."}, headers=BEARER, allow_redirects=False) as response:
        assert response.status == 303
    assert console.backend.queue[1].state is QuestionState.ANSWERED
    assert console.backend.queue[1].handled_by == "konsollen"


@pytest.mark.parametrize("csrf", [None, "", "forged-token"])
async def test_browser_post_without_the_right_csrf_token_is_403(
    console: Console, client: aiohttp.ClientSession, csrf: str | None
) -> None:
    """A signed-in browser's POST without the session's CSRF token is refused and changes nothing."""
    await sign_in(client, console.url)
    form = {"answer": "Nej."} | ({"csrf": csrf} if csrf is not None else {})
    url = f"{console.url}/admin/questions/1/answer"
    async with client.post(url, data=form, allow_redirects=False) as response:
        assert response.status == 403
    assert console.backend.queue[1].state is QuestionState.OPEN


async def test_login_form_needs_its_csrf_token(console: Console, client: aiohttp.ClientSession) -> None:
    """Posting the right token without the form's CSRF token does not sign in."""
    await login_form_token(client, console.url)
    form = {"token": TOKEN}
    async with client.post(f"{console.url}/admin/login", data=form, allow_redirects=False) as response:
        assert response.status == 403
        assert "Set-Cookie" not in response.headers


async def test_answer_form_answers_the_question(console: Console, client: aiohttp.ClientSession) -> None:
    """The answer form saves the answer, redirects back and says so once."""
    await sign_in(client, console.url)
    page = f"{console.url}/admin/questions/1"
    form = {"csrf": await page_csrf(client, page), "answer": "Nej, det er partipolitisk bistand."}
    async with client.post(f"{page}/answer", data=form, headers=HTML, allow_redirects=False) as response:
        assert response.status == 303 and response.headers["Location"] == "/admin/questions/1"
    async with client.get(page, headers=HTML) as response:
        html = await response.text()
    assert "Svaret er gemt" in html and "Nej, det er partipolitisk bistand." in html
    assert console.backend.queue[1].state is QuestionState.ANSWERED


async def test_close_form_closes_the_question(console: Console, client: aiohttp.ClientSession) -> None:
    """The "Luk uden svar" button closes the question."""
    await sign_in(client, console.url)
    page = f"{console.url}/admin/questions/1"
    form = {"csrf": await page_csrf(client, page)}
    async with client.post(f"{page}/close", data=form, headers=HTML, allow_redirects=False) as response:
        assert response.status == 303
    assert console.backend.queue[1].state is QuestionState.CLOSED


async def test_log_out_ends_the_session(console: Console, client: aiohttp.ClientSession) -> None:
    """After "Log ud" the same browser is sent to the login form again."""
    await sign_in(client, console.url)
    form = {"csrf": await page_csrf(client, f"{console.url}/admin/")}
    async with client.post(f"{console.url}/admin/logout", data=form, allow_redirects=False) as response:
        assert response.status == 303
    async with client.get(f"{console.url}/admin/", headers=HTML, allow_redirects=False) as response:
        assert response.status == 303 and response.headers["Location"].startswith("/admin/login")


async def test_repeated_wrong_tokens_lock_the_client_out_for_a_while(
    console: Console, client: aiohttp.ClientSession
) -> None:
    """After three wrong tokens even the right one must wait; once the wait is over it works again."""
    for _ in range(4):
        assert (await sign_in(client, console.url, token="z" * 40)).status == 401
    locked = await sign_in(client, console.url)
    assert locked.status == 429 and int(locked.headers["Retry-After"]) >= 1
    async with client.get(f"{console.url}/admin/report.json", headers=BEARER) as response:
        assert response.status == 429  # the bearer route shares the lockout
    console.clock.now += 60
    assert (await sign_in(client, console.url)).status == 303


async def test_host_application_routes_are_left_alone(
    console: Console, client: aiohttp.ClientSession
) -> None:
    """Mounting the console changes nothing outside /admin: no sign-in, no console headers there."""
    async with client.get(f"{console.url}/healthz") as response:
        assert response.status == 200
        assert "Content-Security-Policy" not in response.headers


def test_a_short_token_is_refused_at_mount(service: Replies) -> None:
    """A token under 32 characters is a configuration mistake, caught before serving."""
    with pytest.raises(ValueError, match="32"):
        mount(web.Application(), FakeBackend(service), "short", secure_cookies=True)
