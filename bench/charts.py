#!/usr/bin/env python3
"""Charts of a benchmark run, drawn with matplotlib (Debian package python3-matplotlib).

    python3 bench/charts.py RESULTS_DIR [MORE_FILES ...]

Reads every *.tsv in RESULTS_DIR (results.tsv as bench/run.sh writes it: the `load` and `boot`
lines described in Results.java) and every SIP race result (*.json written by
bench/sip-race/race.py) found in RESULTS_DIR, plus any .tsv or .json named after it, and writes
next to them (in RESULTS_DIR) the charts it has data for:

    throughput-ratios.png   b/a, c/a and b/d by thread count, one panel per scenario
    latency.png             p50 / p99 / p99.9 per subject at the highest thread count measured
    sip-race.png            CPU the HTTP lookup adds per SIP request, router against Kamailio
    boot.png                boot time by number of connection definitions, per form, and the cost
                            per connection above the boot with none

Every figure is computed as the Markdown report computes it: a ratio is the median of the
per-round ratios (the bar shows the lowest and highest round), a throughput or latency the median
of the rounds.
"""

import collections
import glob
import json
import os
import statistics
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "sip-race"))
import report as sip_report  # noqa: E402  (the race's own summary: one definition of "CPU added")

RATIOS = (("b", "a", "b/a: httpcon bean / raw HttpClient"),
          ("c", "a", "c/a: typed Rest Client / raw HttpClient"),
          ("b", "d", "b/d: httpcon bean / libcurl"))
SUBJECT_NAMES = {"server": "server (wrk)", "a": "a raw HttpClient", "b": "b httpcon bean",
                 "c": "c typed client", "d": "d libcurl", "e": "e plain-Java API"}
LOAD_SCENARIOS = ("http-keep", "http-close", "https-keep", "https-close")


def read_tsv(paths):
    """load[(scenario, threads, subject)][round] = (rps, p50, p99, p999); boot[(form, n)] = [ms];
    boot_cpu[(form, n)] = [process CPU ms] (files from before that column have none)."""
    load = collections.defaultdict(dict)
    boot = collections.defaultdict(list)
    boot_cpu = collections.defaultdict(list)
    for path in paths:
        with open(path) as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if c[0] == "load" and len(c) >= 14:
                    load[(c[1], int(c[2]), c[3])][int(c[4])] = tuple(float(x) for x in c[7:11])
                elif c[0] == "boot" and len(c) >= 9:
                    boot[(c[1], int(c[2]))].append(float(c[4]))
                    if len(c) >= 10:
                        boot_cpu[(c[1], int(c[2]))].append(float(c[9]))
    return load, boot, boot_cpu


def ratio(load, scenario, threads, x, y):
    """Median, lowest and highest of the per-round throughput ratios x/y, or None."""
    rx, ry = load.get((scenario, threads, x), {}), load.get((scenario, threads, y), {})
    per_round = [rx[r][0] / ry[r][0] for r in rx if r in ry and ry[r][0] > 0]
    if not per_round:
        return None
    return statistics.median(per_round), min(per_round), max(per_round)


def thread_counts(load, scenario):
    return sorted({t for (s, t, _) in load if s == scenario})


def chart_ratios(load, out):
    scenarios = [s for s in LOAD_SCENARIOS if thread_counts(load, s)]
    scenarios += sorted({s for (s, _, subj) in load if s not in scenarios and subj in ("a", "b")
                         and any(ratio(load, s, t, "b", "a") for t in thread_counts(load, s))})
    if not scenarios:
        return None
    fig, axes = plt.subplots(1, len(scenarios), figsize=(4.2 * len(scenarios), 4), sharey=True, squeeze=False)
    for ax, scenario in zip(axes[0], scenarios):
        threads = thread_counts(load, scenario)
        for x, y, label in RATIOS:
            points = [(t, ratio(load, scenario, t, x, y)) for t in threads]
            points = [(t, r) for t, r in points if r]
            if not points:
                continue
            ts = [t for t, _ in points]
            med = [r[0] for _, r in points]
            err = [[r[0] - r[1] for _, r in points], [r[2] - r[0] for _, r in points]]
            ax.errorbar(ts, med, yerr=err, marker="o", capsize=3, label=label)
        ax.axhline(1.0, color="grey", linewidth=0.8, linestyle="--")
        ax.set_xscale("log", base=2)
        ax.set_xticks(threads)
        ax.set_xticklabels([str(t) for t in threads])
        ax.set_title(scenario)
        ax.set_xlabel("client threads")
        ax.grid(True, alpha=0.3)
    axes[0][0].set_ylabel("throughput ratio")
    fig.suptitle("Throughput ratios, side by side in each round (median of rounds; bars: lowest and highest round)",
                 fontsize="medium")
    axes[0][-1].legend(fontsize="small", loc="lower left")
    return save(fig, out, "throughput-ratios.png")


def chart_latency(load, out):
    scenarios = [s for s in LOAD_SCENARIOS if thread_counts(load, s)]
    if not scenarios:
        return None
    fig, axes = plt.subplots(1, len(scenarios), figsize=(4.2 * len(scenarios), 4), sharey=True, squeeze=False)
    for ax, scenario in zip(axes[0], scenarios):
        threads = max(thread_counts(load, scenario))
        subjects = [s for s in SUBJECT_NAMES if s != "e" and (scenario, threads, s) in load]
        width = 0.8 / 3
        lowest = float("inf")
        for i, (label, col) in enumerate((("p50", 1), ("p99", 2), ("p99.9", 3))):
            values = [statistics.median(v[col] for v in load[(scenario, threads, s)].values()) / 1000.0
                      for s in subjects]
            lowest = min([lowest] + [v for v in values if v > 0])
            ax.bar([k + (i - 1) * width for k in range(len(subjects))], values, width, label=label)
        if lowest < float("inf"):
            ax.set_ylim(bottom=lowest / 2)  # bars grow from below the smallest value on the log axis
        ax.set_xticks(range(len(subjects)))
        ax.set_xticklabels([SUBJECT_NAMES[s] for s in subjects], rotation=30, ha="right", fontsize="small")
        ax.set_yscale("log")
        ax.set_title(f"{scenario}, {threads} threads")
        ax.grid(True, axis="y", alpha=0.3)
    axes[0][0].set_ylabel("latency, ms (median of rounds, log scale)")
    axes[0][-1].legend(fontsize="small")
    return save(fig, out, "latency.png")


def chart_sip_race(races, out):
    """One group of bars per race file: CPU added per SIP request, kept and not kept connections."""
    rows = [(name, server, keep, cpu) for name, result in races for server, keep, cpu, _ in sip_report.added(result)]
    if not rows:
        return None
    labels = sorted({(n, k) for n, _, k, _ in rows}, key=lambda nk: (nk[0], not nk[1]))
    fig, ax = plt.subplots(figsize=(max(5.0, 1.6 * len(labels) + 2), 4))
    servers = [s for s in sip_report.SERVERS if any(r[1] == s for r in rows)]
    names = {"kamailio": "Kamailio http_client", "router": "httpcon router", "router-async": "httpcon router, async"}
    width = 0.8 / len(servers)
    for i, server in enumerate(servers):
        values = {(n, k): v for n, s, k, v in rows if s == server}
        xs = [k for k, nk in enumerate(labels) if nk in values]
        bars = ax.bar([x + (i - (len(servers) - 1) / 2) * width for x in xs], [values[labels[x]] for x in xs], width,
                      label=names.get(server, server))
        ax.bar_label(bars, fmt="%.0f", fontsize="small")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels([f"{n}\nkeep_connections={1 if k else 0}" for n, k in labels], fontsize="small")
    ax.set_ylabel("server CPU added per SIP request, µs")
    ax.set_title("SIP race: what the HTTP lookup costs the SIP server")
    ax.legend(fontsize="small")
    ax.grid(True, axis="y", alpha=0.3)
    return save(fig, out, "sip-race.png")


def chart_boot(boot, boot_cpu, out):
    """Boot time by N (and its CPU time where recorded), and the cost per connection above N = 0:
    flat where the boot is linear in N."""
    if not boot:
        return None
    fig, (ax, per) = plt.subplots(1, 2, figsize=(11, 4))
    forms = sorted({f for f, _ in boot} | {f for f, _ in boot_cpu})
    colour = {f: f"C{i % 10}" for i, f in enumerate(forms)}
    for series, style, what in ((boot, "-", "wall"), (boot_cpu, ":", "CPU, all threads")):
        for form in sorted({f for f, _ in series}):
            ns = sorted(n for f, n in series if f == form)
            med = [statistics.median(series[(form, n)]) for n in ns]
            err = [[m - min(series[(form, n)]) for m, n in zip(med, ns)],
                   [max(series[(form, n)]) - m for m, n in zip(med, ns)]]
            xs = [max(n, 1) for n in ns]  # N = 0 drawn at 1 on the log axis
            ax.errorbar(xs, med, yerr=err, marker="o", capsize=3, linestyle=style, color=colour[form],
                        label=f"{form}, {what}")
            if 0 in ns:
                base = med[ns.index(0)]
                pts = [(n, (m - base) * 1000.0 / n) for n, m in zip(ns, med) if n >= 100]
                if pts:
                    per.plot([n for n, _ in pts], [v for _, v in pts], marker="o", linestyle=style,
                             color=colour[form], label=f"{form}, {what}")
    ax.set_xscale("log")
    ax.set_xlabel("connection definitions (0 drawn at 1)")
    ax.set_ylabel("boot, ms (median; bars: lowest and highest)")
    ax.set_yscale("log")
    ax.set_title("Boot of Weld SE + httpcon, fresh JVM per boot")
    per.set_xscale("log")
    per.set_xlabel("connection definitions")
    per.set_ylabel("µs per connection: (boot(N) - boot(0)) / N")
    per.set_title("Cost per connection (flat = linear in N)")
    per.set_ylim(bottom=0)
    for a in (ax, per):
        a.grid(True, alpha=0.3)
        a.legend(fontsize="small")
    return save(fig, out, "boot.png")


def save(fig, out, name):
    path = os.path.join(out, name)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv):
    if len(argv) < 2 or not os.path.isdir(argv[1]):
        sys.exit("usage: charts.py RESULTS_DIR [MORE.tsv|MORE.json ...]")
    out = argv[1]
    extra = argv[2:]
    tsvs = sorted(glob.glob(os.path.join(out, "*.tsv"))) + [p for p in extra if p.endswith(".tsv")]
    races = []
    for path in sorted(glob.glob(os.path.join(out, "*.json"))) + [p for p in extra if p.endswith(".json")]:
        with open(path) as f:
            result = json.load(f)
        if isinstance(result, dict) and "configs" in result:
            races.append((os.path.splitext(os.path.basename(path))[0], result))
    load, boot, boot_cpu = read_tsv(tsvs)
    made = [chart_ratios(load, out), chart_latency(load, out), chart_sip_race(races, out),
            chart_boot(boot, boot_cpu, out)]
    for path in made:
        if path:
            print(f"# chart: {path}")
    if not any(made):
        print(f"# charts: nothing to draw in {out}")


if __name__ == "__main__":
    main(sys.argv)
