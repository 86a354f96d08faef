#!/usr/bin/env python3
"""Where the measurements' cost goes in one subject of the telemetry command: reads an async-profiler collapsed-stack
file (cpu samples, or alloc with 'total' for bytes) of `telemetry --subjects S`, keeps the measured thread's stacks
(ClosedLoop) and prints the share of them under the measurement code (httpcon's core measurement, its back ends and
the OpenTelemetry/Micrometer libraries), split by the deepest httpcon frame and what it called, then by leaf frame.
Usage: telemetry.py FILE [N]  (N lines per table, default 15)"""
import sys, collections

MEASURING = ("dev/httpcon/otel", "dev/httpcon/micrometer", "dev/httpcon/metrics", "io/opentelemetry", "io/micrometer",
             "dev/httpcon/core/Measurement", "dev/httpcon/core/ByRequestKind", "dev/httpcon/core/CallTrace")
top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
thread = measuring = 0
calls, leaves = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(" ")
    n, frames = int(n), stack.split(";")
    if not any("ClosedLoop" in f for f in frames):
        continue
    thread += n
    at = [i for i, f in enumerate(frames) if f.startswith(MEASURING)]
    if not at:
        continue
    measuring += n
    ours = [i for i in at if frames[i].startswith("dev/httpcon")]
    i = ours[-1] if ours else at[0]
    calls[frames[i] + " -> " + (frames[i + 1] if i + 1 < len(frames) else "(self)")] += n
    leaves[frames[-1]] += n
print(f"measured thread {thread}, under the measurements {measuring} = {100 * measuring / max(thread, 1):.1f}%")
print("-- deepest httpcon frame -> what it called")
for k, v in calls.most_common(top):
    print(f"{100 * v / thread:5.1f}% {k}")
print("-- leaf frames (cpu) or allocated types (alloc)")
for k, v in leaves.most_common(top):
    print(f"{100 * v / thread:5.1f}% {k}")
