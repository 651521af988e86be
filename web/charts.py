"""Server-rendered SVG charts (no JavaScript, no CDN, no inline styles)."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from remissvar.records import COUNCILS, position_label

# colours with >= 3:1 contrast against white (WCAG 1.4.11), plus a legend
COLOURS = {"tillstyrker": "#1b7f3b", "avstyrker": "#b3261e", "delvis": "#8a5a00", "neutral": "#4a5a6a",
           "avstår": "#5b3f8c", "oklart": "#6b6b6b"}


def year_axis(data: dict[str, Any]) -> list[str]:
    """Every year from the first to the last with answers: a year without answers is a gap,
    not a skipped column."""
    years = sorted({int(y) for c in data.values() for y in c["years"]})
    if not years:
        return []
    return [str(y) for y in range(years[0], years[-1] + 1)]


def _label(pos: str) -> str:
    return position_label(pos) or pos


def positions_chart(data: dict[str, Any], link: Callable[[str, str, str], str] | None = None) -> str:
    """One row per council on a shared, continuous year axis; each year a bar stacked by position.
    ``link(council, year, position)``: each bar part links to the search for those answers."""
    councils = [c for c in COUNCILS if c in data]
    years = year_axis(data)
    if not councils or not years:
        return '<p>Inga svar i indexet ännu.</p>'
    step, bar_w, row_h, top, left = 18, 13, 70, 10, 170
    max_total = max((y["total"] for c in data.values() for y in c["years"].values()), default=1) or 1
    width = max(left + len(years) * step + 20, left + 2 * 170 + 140)  # room for the legend's third column
    height = top + len(councils) * (row_h + 14) + 24
    legend_y = height + 6
    positions = [p for p in COLOURS]
    full_h = legend_y + 20 * ((len(positions) + 2) // 3) + 10
    # width/height in px: on a phone the chart keeps this size (1 unit = 1 px, text >= 12 px) and
    # scrolls sideways in its region rather than shrinking its text
    role = 'role="group"' if link else 'role="img"'  # with links the bars are controls, not one image
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" {role} aria-labelledby="chart-title chart-desc" '
             f'viewBox="0 0 {width} {full_h}" width="{width}" height="{full_h}" class="chart-svg">',
             '<title id="chart-title">Ställningstaganden per nämnd och år</title>',
             f'<desc id="chart-desc">Staplar per år från {years[0]} till {years[-1]} för varje nämnd, uppdelade på '
             'ställning; år utan svar lämnas tomma. Samma siffror finns i tabellen under diagrammet.</desc>']
    for row, c in enumerate(councils):
        base = top + row * (row_h + 14) + row_h
        parts.append(f'<text x="{left - 8}" y="{base - row_h / 2 + 4:.0f}" font-size="12" text-anchor="end">'
                     f'{escape(COUNCILS[c].short)}</text>')
        parts.append(f'<line x1="{left}" y1="{base}" x2="{left + len(years) * step}" y2="{base}" stroke="#333"/>')
        for i, y in enumerate(years):
            yd = data[c]["years"].get(y)
            if not yd:
                continue
            x, top_y = left + i * step + (step - bar_w) / 2, float(base)
            for pos in positions:
                n = yd["positions"].get(pos, 0)
                if not n:
                    continue
                bh = row_h * n / max_total
                top_y -= bh
                what = f"{COUNCILS[c].short} {y}: {n} {_label(pos).lower()}"
                rect = (f'<rect x="{x:.1f}" y="{top_y:.1f}" width="{bar_w}" height="{bh:.1f}" '
                        f'fill="{COLOURS[pos]}"><title>{escape(what)}</title></rect>')
                if link:
                    rect = (f'<a href="{escape(link(c, y, pos))}" aria-label="{escape(what)} – visa svaren">'
                            f'{rect}</a>')
                parts.append(rect)
    axis_y = top + len(councils) * (row_h + 14)
    for i, y in enumerate(years):
        if i == 0 or i == len(years) - 1 or int(y) % 5 == 0:
            parts.append(f'<text x="{left + i * step + step / 2:.0f}" y="{axis_y + 6}" font-size="12" '
                         f'text-anchor="middle">{y}</text>')
    for j, pos in enumerate(positions):
        lx, ly = left + (j % 3) * 170, legend_y + 20 * (j // 3)
        parts.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{COLOURS[pos]}"/>'
                     f'<text x="{lx + 14}" y="{ly + 9}" font-size="12">{escape(_label(pos))}</text>')
    parts.append("</svg>")
    return "".join(parts)
