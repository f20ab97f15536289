"""Sign in to the console the way a browser does: read the form's CSRF token, post the token."""

from __future__ import annotations

import re

import aiohttp

from tests.admin.conftest import TOKEN

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
HTML = {"Accept": "text/html,application/xhtml+xml"}
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def csrf_of(html: str) -> str:
    """The hidden CSRF field of a page's form."""
    found = _CSRF.search(html)
    assert found, "the page has a form with a CSRF field"
    return found.group(1)


async def login_form_token(client: aiohttp.ClientSession, url: str) -> str:
    """Open the login form (which starts the anonymous session) and return its CSRF token."""
    async with client.get(f"{url}/admin/login", headers=HTML) as response:
        assert response.status == 200
        return csrf_of(await response.text())


async def sign_in(client: aiohttp.ClientSession, url: str, token: str = TOKEN) -> aiohttp.ClientResponse:
    """Post the login form; the response is not followed, so tests see the 303 or the 401."""
    csrf = await login_form_token(client, url)
    form = {"csrf": csrf, "token": token, "next": "/admin/questions"}
    async with client.post(f"{url}/admin/login", data=form, headers=HTML, allow_redirects=False) as response:
        await response.read()
        return response


async def page_csrf(client: aiohttp.ClientSession, url: str) -> str:
    """The CSRF token of a signed-in page's forms."""
    async with client.get(url, headers=HTML) as response:
        assert response.status == 200
        return csrf_of(await response.text())
