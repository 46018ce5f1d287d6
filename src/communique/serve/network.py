"""The partnership network drawn for the dashboard: countries as points, pairs as lines whose
colour and width say the level's rank. A country linked to most others (Vietnam in a Vietnamese
register) sits in the middle with its partners around it; otherwise all sit on one circle, the
most connected first. Plain SVG, drawn on the server: no script, no layout library."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

SIZE = 560  # the drawing's width and height, in SVG units
MARGIN = 70  # room for the labels around the circle
HUB_SHARE = 0.4  # a country linked to this share of the others goes in the middle
MAX_NODES = 60  # beyond, the countries with fewest links are left out (and counted)
LEGEND_NAMES = 2  # level names shown per rank in the legend (the most frequent)


def layout(network: dict[str, Any]) -> dict[str, Any]:
    """Positions for the nodes and edges of `timeline.network` (nodes: id, name; edges: parties,
    rank, level_name, since, disputed, pair)."""
    degree = Counter(c for e in network["edges"] for c in e["parties"])
    names = {n["id"]: n["name"] for n in network["nodes"]}
    ranked = sorted(degree, key=lambda c: (-degree[c], c))
    shown, hidden = ranked[:MAX_NODES], ranked[MAX_NODES:]
    centre = SIZE / 2
    radius = centre - MARGIN
    points: dict[str, tuple[float, float]] = {}
    ring = shown
    if len(shown) > 2 and degree[shown[0]] >= HUB_SHARE * (len(shown) - 1):
        points[shown[0]] = (centre, centre)
        ring = shown[1:]
    for i, code in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(ring))
        points[code] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    nodes = []
    for code in shown:
        x, y = points[code]
        # Labels outside the circle, anchored away from the centre.
        dx, dy = x - centre, y - centre
        far = math.hypot(dx, dy) or 1.0
        nodes.append({"id": code, "name": names.get(code, code), "x": round(x, 1), "y": round(y, 1),
                      "degree": degree[code], "hub": (dx, dy) == (0.0, 0.0),
                      "label_x": round(x + 14 * dx / far, 1) if far > 1 else round(x, 1),
                      "label_y": round(y + 14 * dy / far + 4, 1) if far > 1 else round(y - 12, 1),
                      "anchor": "middle" if abs(dx) < radius * 0.2 else ("start" if dx > 0 else "end")})
    edges = []
    for edge in sorted(network["edges"], key=lambda e: e["rank"] or 0):  # the highest drawn last, on top
        a, b = edge["parties"]
        if a in points and b in points:
            edges.append(edge | {"x1": round(points[a][0], 1), "y1": round(points[a][1], 1),
                                 "x2": round(points[b][0], 1), "y2": round(points[b][1], 1),
                                 "rank_class": f"rank-{edge['rank'] if edge['rank'] is not None else 'none'}"})
    by_rank: dict[int, Counter[str]] = {}
    for edge in network["edges"]:
        if edge["rank"] is not None:
            by_rank.setdefault(edge["rank"], Counter())[edge["level"]] += 1
    legend = [{"rank": r, "rank_class": f"rank-{r}", "levels": [n for n, _ in levels.most_common(LEGEND_NAMES)],
               "others": max(0, len(levels) - LEGEND_NAMES)} for r, levels in sorted(by_rank.items(), reverse=True)]
    return {"size": SIZE, "nodes": nodes, "edges": edges, "hidden": len(hidden), "legend": legend}
