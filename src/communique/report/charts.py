"""The report's charts, drawn locally with matplotlib (no network, no browser): commitments by
pillar and status, the relationship's timeline, and target progress. Each as SVG or PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display; set before pyplot is imported
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import dates as mdates  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from communique.report.content import STATUS_NAMES, STATUS_ORDER  # noqa: E402

# The same colours as the web pages' status bars (static/app.css).
STATUS_COLOURS = {"achieved": "#1a7f37", "partial": "#6cc04a", "in_progress": "#2f81f7", "announced": "#a371f7",
                  "stalled": "#d29922", "reversed": "#cf222e", "no_evidence": "#afb8c1", "not_assessable": "#e6e9ec"}
EVENT_COLOURS = {"visit": "#2f81f7", "talks": "#a371f7", "call": "#8c959f", "dialogue": "#d29922",
                 "signing": "#1a7f37", "statement": "#cf222e"}
WIDTH_INCHES = 7.2
PNG_DPI = 160


# Latin and Vietnamese from DejaVu (matplotlib's own); Chinese from the system's Noto CJK when installed.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei")


def _fonts() -> list[str]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in FONT_FAMILIES if name in installed] or ["DejaVu Sans"]


plt.rcParams["font.family"] = _fonts()
plt.rcParams["svg.fonttype"] = "path"  # glyphs drawn, so the SVG reads the same without the fonts


def _finish(figure: Any, fmt: str) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format=fmt, dpi=PNG_DPI, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else {})
    plt.close(figure)
    return out.getvalue()


Gettext = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in str(value)[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)


def pillar_status(report: dict[str, Any], fmt: str = "svg", _: Gettext = _same) -> bytes:
    rows = [r for r in report["scorecard"] if r["commitments"]][::-1]
    figure, axes = plt.subplots(figsize=(WIDTH_INCHES, 0.42 * max(len(rows), 2) + 1.0))
    left = [0] * len(rows)
    for status in STATUS_ORDER:
        counts = [r["states"].get(status, 0) for r in rows]
        if any(counts):
            axes.barh([r["name"] for r in rows], counts, left=left, color=STATUS_COLOURS[status],
                      label=report["status_names"].get(status, STATUS_NAMES[status]), edgecolor="white", linewidth=0.6)
            left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_xlabel(_("commitments"))
    axes.set_title(_("Commitments by pillar and status"), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    if rows:
        axes.legend(loc="lower right", fontsize=8, frameon=False)
    return _finish(figure, fmt)


def timeline(report: dict[str, Any], fmt: str = "svg", _: Gettext = _same) -> bytes:
    figure, axes = plt.subplots(figsize=(WIDTH_INCHES, 2.4))
    kinds = sorted({e["type"] for e in report["events"]})
    # Levels may go back decades while the events are of a few months: show the span of the events
    # and the latest level before them; older levels are in the table above the chart.
    days = [d for d in (_day(e["date"]) for e in report["events"]) if d]
    level_days = [d for d in (_day(lv["date"]) for lv in report["levels"]) if d]
    if days:
        recent = [d for d in level_days if timedelta(0) <= min(days) - d <= timedelta(days=2 * 365)]
        start = min(recent) if recent else min(days)
        span = max((max(days + level_days) - start).days, 90)
        axes.set_xlim(start - timedelta(days=span * 0.08), max(days + level_days) + timedelta(days=span * 0.08))
        report = report | {"levels": [lv for lv in report["levels"] if (_day(lv["date"]) or start) >= start]}
    for event in report["events"]:
        day = _day(event["date"])
        if day is not None:
            colour = EVENT_COLOURS.get(event.get("type_id", event["type"]), "#57606a")
            axes.plot([day], [kinds.index(event["type"])], "o", color=colour, markersize=7)
    for level in report["levels"]:
        day = _day(level["date"])
        if day is not None:
            axes.axvline(day, color="#cf222e" if level["disputed"] else "#1f2328", linewidth=1, linestyle="--")
            axes.annotate(level["level"], (day, len(kinds) - 0.4 if kinds else 0.5), rotation=90, fontsize=7,
                          ha="right", va="top")
    axes.set_yticks(range(len(kinds)), kinds)
    axes.set_ylim(-0.6, max(len(kinds), 1) - 0.4)
    locator = mdates.AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.set_title(_("Timeline: levels (dashed) and events"), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return _finish(figure, fmt)


def target_progress(report: dict[str, Any], fmt: str = "svg", _: Gettext = _same) -> bytes:
    targets = report["targets"][:20][::-1]
    figure, axes = plt.subplots(figsize=(WIDTH_INCHES, 0.38 * max(len(targets), 2) + 1.0))
    labels = [_("%(target)s (due %(year)s)") % {"target": t["target"][:38], "year": t["deadline"]}
              if t.get("deadline") else t["target"][:48] for t in targets]
    ratios = [min(t["ratio"], 1.5) * 100 if t.get("ratio") is not None else 0 for t in targets]
    colours = [STATUS_COLOURS.get(t.get("status") or "", "#afb8c1") for t in targets]
    axes.barh(range(len(targets)), ratios, color=colours)
    for i, t in enumerate(targets):
        note = f"{t['ratio']:.0%}" if t.get("ratio") is not None else _("no later figure")
        if t.get("days_left") is not None and t["days_left"] < 0 and t.get("ratio") is None:
            note += ", " + _("deadline passed")
        axes.text(ratios[i] + 1, i, note, va="center", fontsize=7)
    axes.set_yticks(range(len(targets)), labels, fontsize=7)
    axes.axvline(100, color="#1f2328", linewidth=0.8)
    axes.set_xlim(0, 160)
    axes.set_xlabel(_("share of the target reached (latest figure in the same unit)"))
    axes.set_title(_("Target progress"), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return _finish(figure, fmt)


def all_charts(report: dict[str, Any], fmt: str, _: Gettext = _same) -> dict[str, bytes]:
    """The report's charts in `fmt`, their words through `_` (the report's language)."""
    charts = {"pillar_status": pillar_status(report, fmt, _), "timeline": timeline(report, fmt, _)}
    if report["targets"]:
        charts["targets"] = target_progress(report, fmt, _)
    return charts
