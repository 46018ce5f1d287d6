"""Bring the Vietnamese catalogue of the web pages up to date: extract the strings of the templates
and modules (Babel), keep every translation already made, add the ones given in a YAML file of
`English: Vietnamese`, and list what is still untranslated.

    .venv/bin/python scripts/translate.py [NEW.yaml]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "communique"
SOURCES = (PACKAGE / "serve", PACKAGE / "report")  # the web pages and the reports share one catalogue
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "messages.po"
OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def main() -> None:
    with PO.open("rb") as source:
        old = read_po(source, locale="vi")
    given = yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else {}
    new = Catalog(locale="vi", project=old.project, version=old.version, copyright_holder="Communiqué",
                  language_team="Communiqué", fuzzy=False, creation_date=old.creation_date)
    found = [(f"{folder.name}/{filename}", line, message)
             for folder in SOURCES
             for filename, line, message, _c, _x in extract_from_dir(
                 str(folder), method_map=[("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")],
                 options_map={"**/templates/**.html": OPTIONS})]
    for filename, line, message in found:
        msgid = message if isinstance(message, str) else message[0]
        known = old.get(msgid)
        string = given.get(msgid) or (known.string if known else "")
        if msgid in new:
            new[msgid].locations.append((filename, line))
        else:
            new.add(msgid, string, locations=[(filename, line)])
    with PO.open("wb") as out:
        write_po(out, new, width=120)
    missing = [m.id for m in new if m.id and not m.string]
    print(f"{len(new)} strings, {len(missing)} untranslated" + (": " + "; ".join(missing) if missing else ""))


if __name__ == "__main__":
    main()
