"""Reports an analyst can circulate: one country pair's timeline, scorecard, commitments by pillar
and status, targets and evidence, with charts, as HTML, PDF, Markdown or XLSX; every figure cites
the documents it counts."""

from communique.report.content import gather
from communique.report.render import FORMATS, render

__all__ = ["FORMATS", "gather", "render"]
