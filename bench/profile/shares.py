#!/usr/bin/env python3
"""Shares of an async-profiler collapsed-stack file (collapsed output: one stack per line, then its count), per
subject of the load harness, by owner: the first frame from the leaf up that belongs to HttpClient 5, Weld,
metrics, the core, the engine or the API. Usage: shares.py FILE [name=marker ...] (default markers: the load
command's subjects a, b, e)."""
import sys, re, collections
# per subject: total samples (or bytes), owner categories, and whether the leaf frame is kernel, native or Java
SUBJ = {"a": "RawClient", "b": "LoadCommand.lambda$load$0", "e": "LoadCommand.lambda$load$2",
        "b-direct": None, }
extra = dict(a.split("=", 1) for a in sys.argv[2:])
if extra: SUBJ = extra
OWN = [  # first match walking from the leaf up
 ("metrics", ("io/smallrye/metrics", "io/micrometer", "dev/httpcon/metrics", "dev/httpcon/core/MetricsRecorder",
              "dev/httpcon/core/Measurements", "dev/httpcon/core/Recording", "org/HdrHistogram")),
 ("httpclient5", ("org/apache/hc/",)),
 ("resteasy (typed client)", ("org/jboss/resteasy", "jakarta/ws/rs", "org/eclipse/microprofile/rest/client")),
 ("weld+cdi glue", ("org/jboss/weld", "WeldClientProxy", "WeldSubclass", "dev/httpcon/cdi/", "jdk/internal/reflect", "java/lang/reflect/Method", "jakarta/interceptor")),
 ("core (failover,health,budget,redirect)", ("dev/httpcon/core/",)),
 ("engine", ("dev/httpcon/engine/",)),
 ("api (HttpResult, headers...)", ("dev/httpcon/",)),
 ("bench harness", ("dev/httpcon/bench", "org/HdrHistogram")),
]
tot = collections.Counter(); own = collections.defaultdict(collections.Counter); leaf = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(" ")
    n = int(n); frames = stack.split(";")
    s = None
    for name, m in SUBJ.items():
        if m and m in stack: s = name; break
    if s is None:
        th = "gc" if any("G1" in f or "GC" in f for f in frames) else ("jit" if any("Compile" in f for f in frames) else "other")
        s = "[not a subject: " + th + "]"
    tot[s] += n
    o = "jdk/other"
    for f in reversed(frames):
        hit = None
        for name, pre in OWN:
            if any(p in f for p in pre): hit = name; break
        if hit: o = hit; break
    own[s][o] += n
    lf = frames[-1]
    k = "kernel" if lf.endswith("_[k]") else ("java" if ("/" in lf or "." in lf) and not lf.endswith(".so") else "native/vm")
    leaf[s][k] += n
for s in sorted(tot, key=lambda x: -tot[x]):
    print(f"{s}: {tot[s]} samples")
    if s.startswith("[not"): continue
    for o, n in own[s].most_common(): print(f"   {o:42s} {n:7d} {100*n/tot[s]:5.1f}%")
    print("   leaf: " + ", ".join(f"{k} {100*n/tot[s]:.1f}%" for k, n in leaf[s].most_common()))
