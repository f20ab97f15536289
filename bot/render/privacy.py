"""The privacy page, ``GET /privacy``: what Kodeks stores and never stores, as a small HTML page.

The Teams app package points its ``privacyUrl`` and ``termsOfUseUrl`` here. The wording is in
``texts.privacy_sections``; the organisation and the codex owner come from the knowledge folder.
"""

from __future__ import annotations

from html import escape

from bot.core.organisation import Organisation
from bot.render import texts

PRIVACY_PATH = "/privacy"


def page(organisation: Organisation) -> str:
    """The whole page as HTML (every text escaped), in Danish."""
    sections = texts.privacy_sections(organisation.name, organisation.codex_owner)
    body = "\n".join(
        f"<h2>{escape(heading)}</h2>\n" + "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
        for heading, paragraphs in sections
    )
    title = escape(texts.PRIVACY_TITLE)
    return (
        '<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n"
    )
