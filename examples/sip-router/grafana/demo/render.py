#!/usr/bin/python3
"""Draws a Grafana dashboard's panels from a Prometheus server, without Grafana.

    /usr/bin/python3 render.py DASHBOARD.json PROMETHEUS_URL START END OUT.png [--step 2] [--rate 10s]

Each panel's own PromQL (its targets' "expr") is sent to Prometheus's /api/v1/query_range for
START..END (Unix seconds), and drawn where the panel's gridPos puts it, with its title, legend
format ({{label}}), unit and stacking. Grafana's $__rate_interval becomes --rate and the template
variable $connection matches every connection (".*"). Time series panels and state timelines are
drawn; any other panel type is drawn as a box that says so. This is matplotlib (Debian's
python3-matplotlib) imitating Grafana's dark theme: the data and the queries are the dashboard's,
the pixels are not Grafana's.
"""
import argparse
import json
import re
import urllib.parse
import urllib.request
from datetime import datetime

import matplotlib
matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

BG, PANEL, TEXT, GRID = "#111217", "#181b1f", "#ccccdc", "#2c3235"
COLORS = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#705da0",
          "#37872d", "#fade2a", "#447ebc", "#c15c17", "#890f02", "#0a437c", "#6d1f62", "#584477"]
UNITS = {"s": ("s", 1.0), "reqps": ("req/s", 1.0), "ops": ("/s", 1.0)}


def query(prometheus, expr, start, end, step):
    q = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(prometheus + "/api/v1/query_range?" + q, timeout=30) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise SystemExit("Prometheus refused %s: %s" % (expr, body))
    return body["data"]["result"]


def legend(fmt, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt or "") or str(labels)


def series(panel, prometheus, start, end, step, rate):
    out = []
    for t in panel.get("targets", []):
        expr = t["expr"].replace("$__rate_interval", rate).replace("$connection", ".*")
        for s in query(prometheus, expr, start, end, step):
            points = [(float(ts), float(v)) for ts, v in s["values"] if v not in ("NaN", "+Inf", "-Inf")]
            if points:
                out.append((legend(t.get("legendFormat"), s["metric"]), points))
    return out


def fmt_value(unit, v):
    if unit == "s":
        return "%.0f ms" % (v * 1000) if v < 1 else "%.2f s" % v
    return "%.3g" % v


def draw_timeseries(ax, panel, data):
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
    stack = panel.get("fieldConfig", {}).get("defaults", {}).get("custom", {}).get("stacking", {}).get("mode") == "normal"
    data = sorted(data, key=lambda d: d[0])
    if stack and data:
        times = sorted({t for _, pts in data for t, _ in pts})
        index = {t: i for i, t in enumerate(times)}
        rows = []
        for _, pts in data:
            row = [0.0] * len(times)
            for t, v in pts:
                row[index[t]] = v
            rows.append(row)
        xs = [datetime.fromtimestamp(t) for t in times]
        ax.stackplot(xs, rows, labels=[name for name, _ in data], colors=COLORS[:len(rows)] * 3, alpha=0.55,
                     linewidth=0.8)
    else:
        for i, (name, pts) in enumerate(data):
            ax.plot([datetime.fromtimestamp(t) for t, _ in pts], [v for _, v in pts], label=name,
                    color=COLORS[i % len(COLORS)], linewidth=1.1)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: fmt_value(unit, v) if unit == "s"
                                                   else "%g %s" % (v, UNITS.get(unit, ("", 1))[0])))
    if data:
        ax.legend(loc="upper left", fontsize=7, ncol=3, frameon=False, labelcolor=TEXT)
    else:
        ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center", color=TEXT)


def draw_state_timeline(ax, panel, data):
    # One row per series; the value of the series at each step picks the color (0 ok, higher worse).
    colors = {0: "#73bf69", 1: "#f2495c", 2: "#8e8e8e"}
    for row, (name, pts) in enumerate(sorted(data)):
        for (t0, v), (t1, _) in zip(pts, pts[1:] + [(pts[-1][0] + 1, 0)]):
            ax.barh(row, (t1 - t0) / 86400, left=mdates.date2num(datetime.fromtimestamp(t0)), height=0.8,
                    color=colors.get(int(v), "#5794f2"), linewidth=0)
    ax.set_yticks(range(len(data)))
    ax.set_yticklabels([name for name, _ in sorted(data)], color=TEXT, fontsize=8)
    ax.xaxis_date()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("dashboard")
    a.add_argument("prometheus")
    a.add_argument("start", type=float)
    a.add_argument("end", type=float)
    a.add_argument("out")
    a.add_argument("--step", default="2")
    a.add_argument("--rate", default="10s")
    args = a.parse_args()
    dash = json.load(open(args.dashboard))
    panels = dash["panels"]
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels)
    unit_w, unit_h, head = 0.85, 0.36, 0.9
    width, height = 24 * unit_w, rows * unit_h + head
    fig = plt.figure(figsize=(width, height), facecolor=BG, dpi=100)
    span = "%s to %s" % (datetime.fromtimestamp(args.start).strftime("%Y-%m-%d %H:%M:%S"),
                         datetime.fromtimestamp(args.end).strftime("%H:%M:%S"))
    fig.text(0.01, 1 - 0.35 / height, dash["title"], color=TEXT, fontsize=15, weight="bold", va="center")
    fig.text(0.99, 1 - 0.35 / height, span + "   (drawn by render.py from Prometheus with the dashboard's own "
             "queries; not a Grafana screenshot)", color="#8e8e8e", fontsize=8, ha="right", va="center")
    for p in panels:
        g = p["gridPos"]
        left, top = g["x"] * unit_w, head + g["y"] * unit_h
        pad = 0.08
        box = fig.add_axes([(left + pad) / width, 1 - (top + g["h"] * unit_h - pad) / height,
                            (g["w"] * unit_w - 2 * pad) / width, (g["h"] * unit_h - 2 * pad) / height])
        box.set_facecolor(PANEL)
        box.set_xticks([])
        box.set_yticks([])
        for s in box.spines.values():
            s.set_color(GRID)
        box.text(0.01, 0.96, p.get("title", ""), transform=box.transAxes, color=TEXT, fontsize=10, va="top",
                 weight="bold")
        ax = fig.add_axes([(left + 0.75) / width, 1 - (top + g["h"] * unit_h - 0.45) / height,
                           (g["w"] * unit_w - 1.0) / width, (g["h"] * unit_h - 1.05) / height])
        ax.set_facecolor(PANEL)
        ax.tick_params(colors=TEXT, labelsize=7)
        ax.grid(color=GRID, linewidth=0.5)
        for s in ax.spines.values():
            s.set_visible(False)
        data = series(p, args.prometheus, args.start, args.end, args.step, args.rate) if p.get("targets") else []
        if p["type"] == "timeseries":
            draw_timeseries(ax, p, data)
        elif p["type"] == "state-timeline":
            draw_state_timeline(ax, p, data)
        else:
            ax.text(0.5, 0.5, "panel type %s is not drawn here" % p["type"], transform=ax.transAxes,
                    ha="center", color=TEXT)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        ax.set_xlim(datetime.fromtimestamp(args.start), datetime.fromtimestamp(args.end))
    fig.savefig(args.out, facecolor=BG)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
