#!/usr/bin/env python3
"""Where a boot's CPU goes (async-profiler collapsed stacks of the boot command): samples by thread group
(the booting main thread, JIT compilers, GC, others), and the main thread's samples by owner: the first
frame from the leaf up that is httpcon's configuration reading, its engine or core, its CDI extension,
Weld or SmallRye Config, else the harness, the JVM and class loading; and how much of each owner's
samples are class loading."""
import sys, re, collections

OWNERS = [  # the first frame from the leaf up that matches one
    ("httpcon config (read, validate definitions)", ("dev/httpcon/config/",)),
    ("httpcon engine and core (transports, registry)", ("dev/httpcon/engine/", "dev/httpcon/core/")),
    ("httpcon CDI extension", ("dev/httpcon/cdi/",)),
    ("SmallRye Config", ("io/smallrye/config/",)),
    ("Weld (container, beans, proxies)", ("org/jboss/weld/",)),
]
groups = collections.Counter(); owners = collections.Counter(); loading = collections.Counter()
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(" ")
    frames = stack.split(";"); n = int(n)
    t = frames[0]
    g = "jit" if "Compile" in stack and "Thread.run" not in stack else ("gc" if re.search(r"G1|GC", t) else "other")
    if "dev/httpcon/bench/" in stack: g = "main (booting)"
    groups[g] += n
    if g == "main (booting)":
        o = next((name for f in reversed(frames) for name, pre in OWNERS if f.startswith(pre)),
                 "bench harness, JVM, class loading")
        owners[o] += n
        if any("ClassLoader" in f or "defineClass" in f or "SystemDictionary" in f for f in frames):
            loading[o] += n
total = sum(groups.values())
print(f"{total} samples (1 ms of CPU each)")
for g, n in groups.most_common():
    print(f"  {g:20s} {n:7d} {100*n/total:5.1f}%")
main = groups["main (booting)"] or 1
print("main thread by owner (of which class loading):")
for o, n in owners.most_common():
    print(f"  {o:50s} {n:7d} {100*n/main:5.1f}%  ({loading[o]} loading)")
