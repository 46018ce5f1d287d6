"""A gathered report written as HTML (standalone, charts inline as SVG), PDF (WeasyPrint over the
same HTML, charts as PNG), Markdown or XLSX (one sheet per table, each row citing its sources)."""

from __future__ import annotations

import base64
import io
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from communique.errors import CommuniqueError
from communique.report import charts

FORMATS = ("html", "pdf", "md", "xlsx")
BINARY_FORMATS = ("pdf", "xlsx")


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("communique.report", "templates"),
                       autoescape=select_autoescape(("html",)), trim_blocks=True, lstrip_blocks=True)


def css() -> str:
    return resources.files("communique.report").joinpath("templates/report.css").read_text(encoding="utf-8")


def _data_uri(data: bytes, fmt: str) -> str:
    kind = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def html(report: dict[str, Any], chart_format: str = "svg") -> str:
    drawn = {name: _data_uri(data, chart_format) for name, data in charts.all_charts(report, chart_format).items()}
    return _environment().get_template("report.html").render(r=report, charts=drawn, css=css())


def pdf(report: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(report, chart_format="png"), base_url=None).write_pdf()


def _cite(refs: list[int]) -> str:
    return " ".join(f"[{n}]" for n in refs)


def markdown(report: dict[str, Any]) -> str:
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
    lines = [f"# {report['countries']} ({report['pair']})", "",
             f"Partnership report generated {report['generated']} by Communiqué from {len(report['sources'])} "
             f"source documents (rubric {report['rubric']}).", "",
             f"- **{o['commitments']}** commitments; **{o['with_evidence']}** of {o['assessable']} assessable ones "
             f"with evidence; G7/G20 compliance {o['percent']:.0f}% (score {o['score']})"
             if o.get("percent") is not None else f"- **{o['commitments']}** commitments", "",
             "## Level history", ""]
    lines += table(["Level", "Since", "How", "Sources"],
                   [[lv["level"] + (" (sources disagree)" if lv["disputed"] else ""), lv["date"] or "unknown",
                     lv["change"], refs(lv["refs"])] for lv in report["levels"]])
    lines += ["## Scorecard", ""]
    lines += table(["Pillar", "Commitments", "Assessable", "With evidence", "By status", "Compliance", "Sources"],
                   [[s["name"], s["commitments"], s["assessable"], s["with_evidence"],
                     ", ".join(f"{report['status_names'].get(k, k)} {v}" for k, v in s["states"].items()),
                     "—" if s["percent"] is None else f"{s['percent']:.0f}%", refs(s["refs"])]
                    for s in report["scorecard"]])
    lines += ["## Targets", ""]
    lines += table(["Target", "Deadline", "Days left", "Latest figure", "Status", "Sources"],
                   [[t["target"], t["deadline"], t["days_left"], t["latest_text"] or "no later figure", t["status"],
                     refs(t["refs"] + t["latest_refs"])] for t in report["targets"]])
    lines += ["## Commitments by pillar", ""]
    for pillar, rows in report["pillars"].items():
        lines += [f"### {report['pillar_names'].get(pillar, pillar)} ({len(rows)})", ""]
        lines += table(["§", "Commitment", "Status", "Due", "Evidence", "Source"],
                       [[c["clause"], c["text"], report["status_names"].get(c["status"], c["status"]), c["deadline"],
                         c["evidence"], refs(c["refs"])] for c in rows])
    lines += ["## Evidence from later documents", ""]
    lines += table(["§", "Stance", "State", "Score", "Sentence", "Why proposed", "Source"],
                   [[e["clause"], e["stance"], e["state"], f"{e['score']:.2f}", e["text"], e["reason"],
                     refs(e["refs"])] for e in report["evidence"]]) if report["evidence"] else ["None proposed.", ""]
    lines += ["## Events", ""]
    lines += table(["Date", "Type", "Place", "Participants", "Sources"],
                   [[e["date"], e["type"], e["place"], ", ".join(e["participants"]), refs(e["refs"])]
                    for e in report["events"]])
    lines += ["## Sources", ""]
    for s in report["sources"]:
        title = f"[{s['title']}]({s['url']})" if s["url"] else s["title"]
        lines.append(f"{s['n']}. <a id=\"src-{s['n']}\"></a>{cell(title)} · {s['published'] or 'undated'} · "
                     f"{s['language']} · `{s['id']}`")
    return "\n".join(lines) + "\n"


def xlsx(report: dict[str, Any]) -> bytes:
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

    o = report["overall"]
    sheet("Summary", ["Pair", "Countries", "Generated", "Commitments", "Assessable", "With evidence", "Compliance %",
                      "Score", "Sources"],
          [[report["pair"], report["countries"], report["generated"], o["commitments"], o["assessable"],
            o["with_evidence"], o.get("percent"), o.get("score"), _cite(o["refs"])]], {9: 40})
    sheet("Levels", ["Level", "Since", "How", "Sources disagree", "Sources"],
          [[lv["level"], lv["date"], lv["change"], lv["disputed"], _cite(lv["refs"])] for lv in report["levels"]])
    sheet("Scorecard", ["Pillar", "Commitments", "Assessable", "With evidence", *report["status_names"].values(),
                        "Compliance %", "Score", "Sources"],
          [[s["name"], s["commitments"], s["assessable"], s["with_evidence"],
            *(s["states"].get(k, 0) for k in report["status_names"]), s["percent"], s["score"], _cite(s["refs"])]
           for s in report["scorecard"]], {1: 30})
    sheet("Commitments", ["Id", "Pillar", "Clause", "Language", "Commitment", "Status", "Schedule", "Deadline",
                          "Evidence links", "Sources"],
          [[c["id"], report["pillar_names"].get(p, p), c["clause"], c["language"], c["text"], c["status"],
            c["schedule"], c["deadline"], c["evidence"], _cite(c["refs"])]
           for p, rows in report["pillars"].items() for c in rows], {1: 22, 5: 80})
    sheet("Targets", ["Target", "Pillar", "Clause", "Deadline", "Days left", "Latest figure", "Of target",
                      "Status", "Sources", "Latest figure's source"],
          [[t["target"], t["pillar"], t["clause"], t["deadline"], t["days_left"], t["latest_text"], t["ratio"],
            t["status"], _cite(t["refs"]), _cite(t["latest_refs"])] for t in report["targets"]], {1: 40})
    sheet("Evidence", ["Id", "Commitment", "Clause", "Stance", "State", "Score", "Sentence", "Why proposed",
                       "Sources"],
          [[e["id"], e["register_id"], e["clause"], e["stance"], e["state"], e["score"], e["text"], e["reason"],
            _cite(e["refs"])] for e in report["evidence"]], {7: 60, 8: 40})
    sheet("Events", ["Date", "End", "Type", "Place", "Participants", "Sources"],
          [[e["date"], e["end_date"], e["type"], e["place"], ", ".join(e["participants"]), _cite(e["refs"])]
           for e in report["events"]], {5: 40})
    sheet("Sources", ["No.", "Document", "Title", "Published", "Language", "Outlet", "Link or path"],
          [[s["n"], s["id"], s["title"], s["published"], s["language"], s["outlet"], s["url"] or s["origin"]]
           for s in report["sources"]], {3: 60, 7: 50})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: dict[str, Any], fmt: str) -> bytes:
    """The report in `fmt` (html, pdf, md, xlsx) as bytes."""
    if fmt == "html":
        return html(report).encode("utf-8")
    if fmt == "md":
        return markdown(report).encode("utf-8")
    if fmt == "pdf":
        return pdf(report)
    if fmt == "xlsx":
        return xlsx(report)
    raise CommuniqueError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
