"""Every string the pages show is in the message catalogue with a Vietnamese translation, and the
placeholders of each translation match its English."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "communique"
SERVE, REPORT = PACKAGE / "serve", PACKAGE / "report"  # the pages and the reports share the catalogue
NAMES = {"Communiqu", "JSON", "CSV", "Atom", "API", "XLSX", "PDF", "HTML"}  # names, the same in every language
TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def _extracted() -> set[str]:
    found = [item for folder in (SERVE, REPORT)
             for item in extract_from_dir(str(folder), method_map=[("**/templates/**.html", "jinja2.ext:babel_extract"),
                                                                   ("**.py", "python")],
                                          options_map={"**/templates/**.html": TEMPLATE_OPTIONS})]
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_every_page_string_has_a_vietnamese_translation_with_the_same_placeholders():
    with (PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = {m.id: m.string for m in read_po(source) if m.id}
    wanted = _extracted()
    assert len(wanted) > 100
    missing = sorted(m for m in wanted if not catalogue.get(m))
    assert not missing, f"untranslated: {missing[:10]}"
    for msgid in wanted:
        assert set(re.findall(r"%\(\w+\)s", msgid)) == set(re.findall(r"%\(\w+\)s", catalogue[msgid])), msgid


def test_templates_hold_no_untranslated_english_sentences():
    """Visible English text in a template outside _() would stay English in Vietnamese pages."""
    offenders = []
    for path in sorted([*(SERVE / "templates").glob("*.html"), *(REPORT / "templates").glob("*.html")]):
        text = re.sub(r"\{[{%#].*?[}%#]\}", " ", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", "\n", text)
        for line in text.splitlines():
            words = [w for w in re.findall(r"[A-Za-z]{3,}", line) if w not in NAMES]
            if len(words) >= 2:
                offenders.append(f"{path.name}: {line.strip()[:60]}")
    assert not offenders, offenders[:10]
