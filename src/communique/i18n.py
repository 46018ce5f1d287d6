"""The languages of the pages and reports: English, and Vietnamese from one gettext catalogue
(locale/vi/.../messages.po, read and compiled in memory with Babel) for the web pages and the
reports; dates and numbers formatted by Babel for the language."""

from __future__ import annotations

import io
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).parent / "locale"
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "communique_lang"


@cache
def translations(language: str) -> NullTranslations:
    po = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT_LANGUAGE or not po.exists():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


def chosen(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page language: ?lang=, then the cookie, then the browser's Accept-Language."""
    for value in (query, cookie):
        if value in LANGUAGES:
            return value  # type: ignore[return-value]
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def formatters(language: str) -> dict[str, Any]:
    locale = Locale.parse(language)

    def day(value: Any) -> str:
        """A date as precise as known: "2025" stays a year, "2025-10" a month."""
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime):
            return format_datetime(value, "medium", locale=locale)
        if isinstance(value, date):
            return format_date(value, "medium", locale=locale)
        text = str(value)
        try:
            if len(text) == 10:
                return format_date(date.fromisoformat(text), "medium", locale=locale)
            if len(text) == 7:
                from babel.dates import format_skeleton

                return format_skeleton("yMMM", date.fromisoformat(text + "-01"), locale=locale)
        except ValueError:
            pass
        return text

    def number(value: Any, digits: int = 0) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        return format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale=locale)

    def percent(value: Any) -> str:
        return "—" if value is None else format_percent(value / 100, locale=locale)

    def level_label(level: str | None, written: str | None = None) -> str:
        """A partnership level in the page's language, from the KB (as written when it is not there)."""
        from communique import api
        from communique.track.timeline import level_term

        term = level_term(api.knowledge_base(), level) if level else None
        if term is None:
            return written or (level or "").removeprefix("other:")
        return term.name if language == DEFAULT_LANGUAGE else (term.names.get(language) or (term.name,))[0]

    def countries(pair: str | None, sep: str = " – ") -> str:
        """A pair ("AU-KH") or one code as the page's language names the countries ("Úc – Campuchia")."""
        from communique import api

        kb = api.knowledge_base()
        names = []
        for code in (pair or "").split("-"):
            entity = kb.country(code)
            forms = entity.names.get(language) if entity else None
            names.append(entity.name if entity and (language == DEFAULT_LANGUAGE or not forms) else
                         min(forms, key=len) if forms else code)
        return sep.join(names)

    return {"day": day, "number": number, "percent": percent, "level_label": level_label, "countries": countries}
