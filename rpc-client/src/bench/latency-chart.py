#!/usr/bin/env python3
"""Draws latency against throughput as an SVG chart, one line per load generator.

usage: latency-chart.py POINTS.tsv OUT.svg TITLE

Each line of POINTS.tsv is: generator, calls in flight, calls/s, p50 ms, p99 ms (tab-separated).
Each generator gets one colour: a solid line through its p50s and a dashed one through its p99s,
each point labelled with its calls in flight. Latency is on a log scale, as it spans decades.
"""
import math
import sys
from collections import defaultdict
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 760, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 180, 50, 60
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
NAMES = {"bench-grpc": "rpc-client bench (ours)", "h2load": "h2load"}


def read_points(path):
    series = defaultdict(list)
    with open(path) as lines:
        for line in lines:
            if line.strip():
                generator, level, rate, p50, p99 = line.rstrip("\n").split("\t")
                series[generator].append((int(level), float(rate), float(p50), float(p99)))
    for points in series.values():
        points.sort()
    return series


def nice_step(span):
    raw = span / 6
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def draw(series, title):
    x_max = max(rate for points in series.values() for _, rate, _, _ in points) * 1.08
    latencies = [v for points in series.values() for _, _, p50, p99 in points for v in (p50, p99)]
    y_low = 10 ** math.floor(math.log10(min(latencies)))
    y_high = 10 ** math.ceil(math.log10(max(latencies)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(rate):
        return LEFT + rate / x_max * plot_w

    def y(ms):
        return TOP + plot_h - (math.log10(ms) - math.log10(y_low)) / (
            math.log10(y_high) - math.log10(y_low)) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="15">{escape(title)}</text>',
    ]
    step = nice_step(x_max)
    tick = 0.0
    while tick <= x_max:
        out.append(f'<line x1="{x(tick):.1f}" y1="{TOP}" x2="{x(tick):.1f}" '
                   f'y2="{TOP + plot_h}" stroke="#eee"/>')
        out.append(f'<text x="{x(tick):.1f}" y="{TOP + plot_h + 18}" '
                   f'text-anchor="middle">{tick:,.0f}</text>')
        tick += step
    decade = y_low
    while decade <= y_high * 1.0001:
        out.append(f'<line x1="{LEFT}" y1="{y(decade):.1f}" x2="{LEFT + plot_w}" '
                   f'y2="{y(decade):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y(decade) + 4:.1f}" text-anchor="end">{decade:g}</text>')
        decade *= 10
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
               f'stroke="#444"/>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 18}" text-anchor="middle">'
               f'throughput (calls/s)</text>')
    out.append(f'<text transform="translate(18 {TOP + plot_h / 2}) rotate(-90)" '
               f'text-anchor="middle">latency (ms, log scale)</text>')

    for index, (generator, points) in enumerate(sorted(series.items())):
        colour = COLOURS[index % len(COLOURS)]
        for column, dash in ((2, ""), (3, ' stroke-dasharray="6 4"')):
            path = " ".join(f"{x(p[1]):.1f},{y(p[column]):.1f}" for p in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dash}/>')
            for point in points:
                out.append(f'<circle cx="{x(point[1]):.1f}" cy="{y(point[column]):.1f}" r="3.5" '
                           f'fill="{colour}"/>')
        for level, rate, p50, _ in points:
            out.append(f'<text x="{x(rate) + 6:.1f}" y="{y(p50) + 14:.1f}" fill="{colour}" '
                       f'font-size="10">{level}</text>')
        legend_y = TOP + 10 + index * 44
        name = escape(NAMES.get(generator, generator))
        out.append(f'<text x="{LEFT + plot_w + 14}" y="{legend_y + 4}" fill="{colour}">{name}</text>')
        for offset, (label, dash) in enumerate((("p50", ""), ("p99", ' stroke-dasharray="6 4"'))):
            line_y = legend_y + 16 + offset * 14
            out.append(f'<line x1="{LEFT + plot_w + 14}" y1="{line_y}" x2="{LEFT + plot_w + 44}" '
                       f'y2="{line_y}" stroke="{colour}" stroke-width="2"{dash}/>')
            out.append(f'<text x="{LEFT + plot_w + 50}" y="{line_y + 4}">{label}</text>')
    out.append(f'<text x="{LEFT + plot_w + 14}" y="{TOP + plot_h - 4}" font-size="10" '
               f'fill="#555">labels: calls in flight</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    series = read_points(sys.argv[1])
    if not series:
        sys.exit("latency-chart: no points in " + sys.argv[1])
    with open(sys.argv[2], "w") as svg:
        svg.write(draw(series, sys.argv[3]))


if __name__ == "__main__":
    main()
