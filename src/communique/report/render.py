"""A gathered report written as HTML (standalone, charts inline as SVG), PDF (WeasyPrint over the
same HTML, charts as PNG), Markdown or XLSX (one sheet per table, each row citing its sources)."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from communique.errors import CommuniqueError
from communique.report import charts

FORMATS = ("html", "pdf", "md", "xlsx")
BINARY_FORMATS = ("pdf", "xlsx")


@cache
def _environment(language: str) -> Environment:
    from communique import i18n

    env = Environment(loader=PackageLoader("communique.report", "templates"), extensions=["jinja2.ext.i18n"],
                      autoescape=select_autoescape(("html",)), trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def _gettext(language: str) -> Callable[[str], str]:
    from communique import i18n

    return i18n.translations(language).gettext


def localised(report: dict[str, Any], language: str) -> dict[str, Any]:
    """The report with its names (pillars, statuses, levels, countries) in `language`; the texts
    quoted from documents stay as written."""
    from communique import i18n

    if language not in i18n.LANGUAGES:
        raise CommuniqueError(f"--language {language!r}: choose one of {', '.join(i18n.LANGUAGES)}")
    _ = _gettext(language)
    formats = i18n.formatters(language)
    names = {key: {k: _(v) for k, v in report[key].items()}
             for key in ("pillar_names", "status_names", "change_names", "stance_names", "state_names", "event_names")}
    return report | names | {
        "language": language, "countries": formats["countries"](report["pair"]),
        "levels": [lv | {"level": formats["level_label"](lv.get("level_id"), lv["level"])} for lv in report["levels"]],
        "scorecard": [s | {"name": names["pillar_names"].get(s["pillar"], s["name"])} for s in report["scorecard"]],
        "events": [e | {"type": names["event_names"].get(e["type"], e["type"]), "type_id": e["type"]}
                   for e in report["events"]]}


def css() -> str:
    return resources.files("communique.report").joinpath("templates/report.css").read_text(encoding="utf-8")


def _data_uri(data: bytes, fmt: str) -> str:
    kind = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def html(report: dict[str, Any], chart_format: str = "svg", language: str = "en") -> str:
    report = localised(report, language)
    drawn = {name: _data_uri(data, chart_format)
             for name, data in charts.all_charts(report, chart_format, _gettext(language)).items()}
    return _environment(language).get_template("report.html").render(r=report, charts=drawn, css=css(), lang=language)


def pdf(report: dict[str, Any], language: str = "en") -> bytes:
    from weasyprint import HTML

    return HTML(string=html(report, chart_format="png", language=language), base_url=None).write_pdf()


def _cite(refs: list[int]) -> str:
    return " ".join(f"[{n}]" for n in refs)


def markdown(report: dict[str, Any], language: str = "en") -> str:
    report = localised(report, language)
    _ = _gettext(language)

    def cell(value: Any) -> str:
        # Markdown viewers render raw HTML: a document's "<" is written as an entity.
        text = str("" if value is None else value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace("|", "\\|").replace("\n", " ")

    def table(header: list[str], rows: list[list[Any]]) -> list[str]:
        return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
                *("| " + " | ".join(cell(v) for v in row) + " |" for row in rows), ""]

    def refs(numbers: list[int]) -> str:
        return " ".join(f"[[{n}]](#src-{n})" for n in numbers)

    o = report["overall"]
    names, statuses = report["pillar_names"], report["status_names"]
    summary = _("**%(n)s** commitments") % {"n": o["commitments"]}
    if o.get("percent") is not None:
        summary += "; " + _("**%(e)s** of %(a)s assessable ones with evidence; G7/G20 compliance %(p)s "
                            "(score %(s)s)") % {"e": o["with_evidence"], "a": o["assessable"],
                                                "p": f"{o['percent']:.0f}%", "s": o["score"]}
    lines = [f"# {report['countries']} ({report['pair']})", "",
             _("Partnership report generated %(day)s by Communiqué from %(n)s source documents (rubric %(v)s).")
             % {"day": report["generated"], "n": len(report["sources"]), "v": report["rubric"]}, "",
             "- " + summary, "", "## " + _("Level history"), ""]
    lines += table([_("Level"), _("Since"), _("How"), _("Sources")],
                   [[lv["level"] + (f" ({_('sources disagree')})" if lv["disputed"] else ""),
                     lv["date"] or _("date unknown"), report["change_names"].get(lv["change"], lv["change"]),
                     refs(lv["refs"])] for lv in report["levels"]])
    lines += ["## " + _("Scorecard"), ""]
    lines += table([_("Pillar"), _("Commitments"), _("Assessable"), _("With evidence"), _("By status"),
                    _("Compliance"), _("Sources")],
                   [[s["name"], s["commitments"], s["assessable"], s["with_evidence"],
                     ", ".join(f"{statuses.get(k, k)} {v}" for k, v in s["states"].items()),
                     "—" if s["percent"] is None else f"{s['percent']:.0f}%", refs(s["refs"])]
                    for s in report["scorecard"]])
    lines += ["## " + _("Targets"), ""]
    lines += table([_("Target"), _("Deadline"), _("Days left"), _("Latest figure"), _("Status"), _("Sources")],
                   [[t["target"], t["deadline"], t["days_left"], t["latest_text"] or _("no later figure"),
                     statuses.get(t["status"], t["status"]), refs(t["refs"] + t["latest_refs"])]
                    for t in report["targets"]])
    lines += ["## " + _("Commitments by pillar"), ""]
    for pillar, rows in report["pillars"].items():
        lines += [f"### {names.get(pillar, pillar)} ({len(rows)})", ""]
        lines += table(["§", _("Commitment"), _("Status"), _("Due"), _("Evidence"), _("Source")],
                       [[c["clause"], c["text"], statuses.get(c["status"], c["status"]), c["deadline"],
                         c["evidence"], refs(c["refs"])] for c in rows])
    lines += ["## " + _("Evidence from later documents"), ""]
    lines += table(["§", _("Stance"), _("State"), _("Score"), _("Sentence"), _("Why proposed"), _("Source")],
                   [[e["clause"], report["stance_names"].get(e["stance"], e["stance"]),
                     report["state_names"].get(e["state"], e["state"]), f"{e['score']:.2f}", e["text"], e["reason"],
                     refs(e["refs"])] for e in report["evidence"]]) if report["evidence"] else [_("None proposed."), ""]
    lines += ["## " + _("Events"), ""]
    lines += table([_("Date"), _("Type"), _("Place"), _("Participants"), _("Sources")],
                   [[e["date"], e["type"], e["place"], ", ".join(e["participants"]), refs(e["refs"])]
                    for e in report["events"]])
    lines += ["## " + _("Sources"), ""]
    for s in report["sources"]:
        title = f"[{s['title']}]({s['url']})" if s["url"] else s["title"]
        lines.append(f"{s['n']}. <a id=\"src-{s['n']}\"></a>{cell(title)} · {s['published'] or _('undated')} · "
                     f"{s['language']} · `{s['id']}`")
    return "\n".join(lines) + "\n"


def xlsx(report: dict[str, Any], language: str = "en") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)

    def sheet(title: str, header: list[str], rows: list[list[Any]], widths: dict[int, int] | None = None) -> None:
        ws = book.create_sheet(title)
        ws.append(header)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append(["" if v is None else v for v in row])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i in range(1, len(header) + 1):
            ws.column_dimensions[get_column_letter(i)].width = (widths or {}).get(i, 16)
        for row in ws.iter_rows(min_row=2):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")

    report = localised(report, language)
    _ = _gettext(language)
    statuses, stances, states = report["status_names"], report["stance_names"], report["state_names"]
    o = report["overall"]
    sheet(_("Summary"), [_("Pair"), _("Countries"), _("Generated"), _("Commitments"), _("Assessable"),
                         _("With evidence"), _("Compliance (percent)"), _("Score"), _("Sources")],
          [[report["pair"], report["countries"], report["generated"], o["commitments"], o["assessable"],
            o["with_evidence"], o.get("percent"), o.get("score"), _cite(o["refs"])]], {9: 40})
    sheet(_("Levels"), [_("Level"), _("Since"), _("How"), _("Sources disagree"), _("Sources")],
          [[lv["level"], lv["date"], report["change_names"].get(lv["change"], lv["change"]), lv["disputed"],
            _cite(lv["refs"])] for lv in report["levels"]])
    sheet(_("Scorecard"), [_("Pillar"), _("Commitments"), _("Assessable"), _("With evidence"), *statuses.values(),
                           _("Compliance (percent)"), _("Score"), _("Sources")],
          [[s["name"], s["commitments"], s["assessable"], s["with_evidence"],
            *(s["states"].get(k, 0) for k in report["status_names"]), s["percent"], s["score"], _cite(s["refs"])]
           for s in report["scorecard"]], {1: 30})
    sheet(_("Commitments"), [_("Id"), _("Pillar"), _("Clause"), _("Language"), _("Commitment"), _("Status"),
                             _("Schedule"), _("Deadline"), _("Evidence links"), _("Sources")],
          [[c["id"], report["pillar_names"].get(p, p), c["clause"], c["language"], c["text"],
            statuses.get(c["status"], c["status"]),
            c["schedule"], c["deadline"], c["evidence"], _cite(c["refs"])]
           for p, rows in report["pillars"].items() for c in rows], {1: 22, 5: 80})
    sheet(_("Targets"), [_("Target"), _("Pillar"), _("Clause"), _("Deadline"), _("Days left"), _("Latest figure"),
                         _("Of target"), _("Status"), _("Sources"), _("Latest figure's source")],
          [[t["target"], report["pillar_names"].get(t["pillar"] or "none"), t["clause"], t["deadline"],
            t["days_left"], t["latest_text"], t["ratio"], statuses.get(t["status"], t["status"]), _cite(t["refs"]),
            _cite(t["latest_refs"])] for t in report["targets"]], {1: 40})
    sheet(_("Evidence"), [_("Id"), _("Commitment"), _("Clause"), _("Stance"), _("State"), _("Score"), _("Sentence"),
                          _("Why proposed"), _("Sources")],
          [[e["id"], e["register_id"], e["clause"], stances.get(e["stance"], e["stance"]),
            states.get(e["state"], e["state"]), e["score"], e["text"], e["reason"], _cite(e["refs"])]
           for e in report["evidence"]], {7: 60, 8: 40})
    sheet(_("Events"), [_("Date"), _("End"), _("Type"), _("Place"), _("Participants"), _("Sources")],
          [[e["date"], e["end_date"], e["type"], e["place"], ", ".join(e["participants"]), _cite(e["refs"])]
           for e in report["events"]], {5: 40})
    sheet(_("Sources"), [_("No."), _("Document"), _("Title"), _("Published"), _("Language"), _("Outlet"),
                         _("Link or path")],
          [[s["n"], s["id"], s["title"], s["published"], s["language"], s["outlet"], s["url"] or s["origin"]]
           for s in report["sources"]], {3: 60, 7: 50})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: dict[str, Any], fmt: str, language: str = "en") -> bytes:
    """The report in `fmt` (html, pdf, md, xlsx) and `language` (en, vi) as bytes."""
    if fmt == "html":
        return html(report, language=language).encode("utf-8")
    if fmt == "md":
        return markdown(report, language).encode("utf-8")
    if fmt == "pdf":
        return pdf(report, language)
    if fmt == "xlsx":
        return xlsx(report, language)
    raise CommuniqueError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
