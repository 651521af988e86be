"""Server-rendered SVG charts (no JavaScript, no CDN)."""
from __future__ import annotations

from html import escape

from remissvar.records import COUNCILS, POSITION_LABELS, Position

# colours with >= 3:1 contrast against white (WCAG 1.4.11), plus a pattern-free legend
COLOURS = {"tillstyrker": "#1b7f3b", "avstyrker": "#b3261e", "delvis": "#8a5a00", "neutral": "#4a5a6a",
           "oklart": "#6b6b6b"}


def positions_chart(data: dict) -> str:
    """Stacked bars: per council, per year, the number of answers by position."""
    councils = [c for c in COUNCILS if c in data]
    years = sorted({y for c in data.values() for y in c["years"]})
    if not councils or not years:
        return '<p>Inga svar i indexet ännu.</p>'
    bar_w, gap, group_gap, h, top, left = 14, 3, 24, 180, 20, 40
    max_total = max((y["total"] for c in data.values() for y in c["years"].values()), default=1)
    width = left + len(councils) * (len(years) * (bar_w + gap) + group_gap) + 20
    height = top + h + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" '
             f'viewBox="0 0 {width} {height + 30}" width="100%" style="max-width:{width}px">',
             '<title id="chart-title">Ställningstaganden per nämnd och år</title>',
             '<desc id="chart-desc">Staplat stapeldiagram; samma siffror finns i tabellen under diagrammet.</desc>',
             f'<line x1="{left}" y1="{top + h}" x2="{width - 10}" y2="{top + h}" stroke="#333"/>']
    x = left
    for c in councils:
        start = x
        for y in years:
            yd = data[c]["years"].get(y)
            base = top + h
            if yd:
                for pos in [p.value for p in Position]:
                    n = yd["positions"].get(pos, 0)
                    if not n:
                        continue
                    bh = h * n / max_total
                    base -= bh
                    parts.append(f'<rect x="{x}" y="{base:.1f}" width="{bar_w}" height="{bh:.1f}" fill="{COLOURS[pos]}">'
                                 f'<title>{escape(COUNCILS[c].short)} {y}: {n} {escape(POSITION_LABELS[Position(pos)].lower())}</title></rect>')
            parts.append(f'<text x="{x + bar_w / 2}" y="{top + h + 12}" font-size="9" text-anchor="middle">{y[2:]}</text>')
            x += bar_w + gap
        parts.append(f'<text x="{(start + x) / 2}" y="{top + h + 30}" font-size="11" text-anchor="middle">'
                     f'{escape(COUNCILS[c].short)}</text>')
        x += group_gap
    lx = left
    for pos, colour in COLOURS.items():
        parts.append(f'<rect x="{lx}" y="{height}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{lx + 14}" y="{height + 9}" font-size="11">{escape(POSITION_LABELS[Position(pos)])}</text>')
        lx += 150
    parts.append("</svg>")
    return "".join(parts)
