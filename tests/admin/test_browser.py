"""The console in a real browser: sign in, charts drawn, the Teams card rendered, a question answered."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from playwright.async_api import ConsoleMessage, Page, async_playwright

from bot.core.replies import Replies
from tests.admin.browser import chromium_path, screenshot_paths
from tests.admin.conftest import TOKEN, Console, start_console

CANVAS_INK = """(id) => {
  const canvas = document.getElementById(id);
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn++;
  return drawn;
}"""
"""How many pixels of a canvas are not transparent: Chart.js draws on a transparent canvas."""


class Browser:
    """A signed-out page on the running console, and what its console said about CSP."""

    def __init__(self, page: Page, console: Console, tmp_path: Path) -> None:
        self.page, self.console, self.tmp_path = page, console, tmp_path
        self.csp_violations: list[str] = []
        page.on("console", self._listen)

    def _listen(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    async def sign_in(self, path: str = "/admin/") -> None:
        """Open ``path``, get the login form, sign in, land on ``path``."""
        await self.page.goto(self.console.url + path)
        await self.page.wait_for_url(re.compile(r"/admin/login\?next="))
        await self.page.fill("#token", TOKEN)
        await self.page.click("form button[type=submit]")
        await self.page.wait_for_url(self.console.url + path)

    async def screenshot(self, name: str) -> None:
        """Keep what the page looks like now, as a test artefact."""
        for path in screenshot_paths(self.tmp_path, name):
            await self.page.screenshot(path=str(path), full_page=True)


@pytest_asyncio.fixture
async def browser(service: Replies, tmp_path: Path) -> AsyncIterator[Browser]:
    """Headless Chromium on the console, Danish locale, a desktop window."""
    executable = chromium_path()
    runner, console = await start_console(service)
    try:
        async with async_playwright() as playwright:
            chromium = await playwright.chromium.launch(
                executable_path=executable, args=["--no-sandbox", "--lang=da-DK"]
            )
            context = await chromium.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
            yield Browser(await context.new_page(), console, tmp_path)
            await chromium.close()
    finally:
        await runner.cleanup()


async def test_owner_signs_in_and_sees_the_charts_drawn(browser: Browser) -> None:
    """After signing in, Overblik shows the numbers and Chart.js has drawn all three charts."""
    await browser.sign_in("/admin/")
    page = browser.page
    await page.wait_for_function("document.getElementById('chart-feedback').width > 0")
    for chart in ("chart-weeks", "chart-topics", "chart-feedback"):
        assert await page.evaluate(CANVAS_INK, chart) > 1000, f"{chart} is blank"
    assert "230" in await page.inner_text(".figures")
    await browser.screenshot("overview")
    assert browser.csp_violations == []


async def test_preview_renders_the_teams_card_with_a_quoted_bullet(
    browser: Browser, service: Replies
) -> None:
    """Prøv et spørgsmål shows the verdict, and Microsoft's renderer draws the card with the quoted bullet."""
    await browser.sign_in("/admin/try")
    page = browser.page
    question = "må jeg give partipolitisk rådgivning?"
    await page.fill("#q", question)
    await page.click("form.ask button")
    await page.wait_for_selector("#teams-card[data-rendered=true]")

    expected = service.ask(question).bullets[0].text
    card_text = await page.inner_text("#teams-card .ac-adaptiveCard")
    assert f"»{expected}«" in " ".join(card_text.split())
    assert await page.locator("#teams-card .ac-pushButton").count() >= 3  # "Vis hele dyden", 👍, 👎
    assert "Neutralitet" in await page.inner_text("#verdict-topic")
    blocks = json.loads(await page.inner_text("#slack-blocks"))
    assert blocks[0]["type"] == "header"
    assert "Regionssekretariatet" in await page.inner_text("#plain-text")

    await page.locator("#teams-card .ac-pushButton", has_text="Vis hele dyden").click()
    assert "show_topic" in await page.inner_text("#teams-action")  # the preview says what it would send
    await browser.screenshot("preview")
    assert browser.csp_violations == []


async def test_owner_answers_a_queued_question(browser: Browser) -> None:
    """A new question is opened from the queue, answered on its form, and is then shown as answered."""
    await browser.sign_in("/admin/questions?tilstand=ny")
    page = browser.page
    await page.click("text=Må jeg hjælpe en politiker med en valgtale?")
    await page.wait_for_url("**/admin/questions/1")
    assert await page.inner_text("#question-state") == "Ny"

    await page.select_option("#eksempel", "neutralitet.2")
    await page.click("form.inline button")
    assert '- "Må jeg hjælpe en politiker med en valgtale?"' in await page.inner_text("#example-yaml")
    await browser.screenshot("question")

    await page.fill("#answer", "Nej: en valgtale er partipolitisk bistand (Neutralitet, punkt 2).")
    await page.click("text=Gem svar")
    await page.wait_for_selector(".notice")
    assert await page.inner_text("#question-state") == "Besvaret"
    assert "partipolitisk bistand" in await page.inner_text("#question-answer")

    await page.goto(browser.console.url + "/admin/questions?tilstand=ny")
    assert "valgtale" not in await page.inner_text("main")
    await page.goto(browser.console.url + "/admin/questions")
    await browser.screenshot("queue")
    assert browser.csp_violations == []


async def test_knowledge_page_shows_the_check(browser: Browser) -> None:
    """Viden shows the loaded codex and that the folder on disk still validates."""
    await browser.sign_in("/admin/knowledge")
    assert "Mappen er i orden" in await browser.page.inner_text("#check-lines")
    await browser.screenshot("knowledge")
    assert browser.csp_violations == []
