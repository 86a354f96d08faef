#!/usr/bin/env python3
"""Summary of JFR's jdk.ThreadPark events (`jfr print --stack-depth 64 --events jdk.ThreadPark FILE` on
stdin): how many parks and how long in all, by the load command's subject whose thread parked (a: raw
HttpClient, b: httpcon) and by the first frame from the top of the stack that is not the JDK's own
(java.*, jdk.*, sun.*): where the waiting thread was when it parked."""
import sys, re, collections

count = collections.Counter(); total = collections.Counter()
event = None
def flush(e):
    if not e or e.get("ms") is None: return
    where = next((f for f in e["frames"] if not re.match(r"(java|jdk|sun)\.", f)), "")
    where = re.sub(r"\(.*", "", where).strip() or "(JDK frames only)"
    stack = " ".join(e["frames"])
    who = "a (raw)" if "RawClient" in stack else ("b (httpcon)" if "dev.httpcon." in stack.replace("dev.httpcon.bench.", "") else "other")
    count[(who, where)] += 1; total[(who, where)] += e["ms"]
for line in sys.stdin:
    s = line.strip()
    if s.startswith("jdk.ThreadPark"):
        flush(event); event = {"ms": None, "frames": []}
    elif event is not None and s.startswith("duration ="):
        m = re.match(r"duration = ([\d.,]+) (ns|us|ms|s)", s)
        if m:
            v = float(m.group(1).replace(",", "")); u = m.group(2)
            event["ms"] = v * {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1000}[u]
    elif event is not None and re.match(r"[\w$.]+\(.*\)( line: \d+)?", s):
        event["frames"].append(s)
flush(event)
parks = sum(count.values())
print(f"jdk.ThreadPark events: {parks}, {sum(total.values())/1000:.1f} s parked in all")
for (who, where), n in count.most_common(15):
    print(f"  {n:7d} parks {total[(who, where)]/1000:8.1f} s  {who:12s} {where}")
