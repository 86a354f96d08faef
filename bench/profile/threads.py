#!/usr/bin/env python3
"""CPU per request of an asynchronous subject, by thread group and by owner: for each async-profiler
collapsed file made with the async command (one subject per JVM, `...file=async1000-SUBJECT.collapsed`),
reads the subject's requests per second from the .tsv next to it (the async command's output) and prints
the samples (1 ms each) per 1,000 requests of the run, for the I/O threads (HttpClient's reactor), the
completion threads (httpcon's pool, or the raw subject's hop pool), and the rest (JIT, GC, main), and the
I/O plus completion samples by owner (first frame from the leaf that is httpcon's, HttpClient's, the JDK's
or the kernel's). Every subject ran warm-up plus window at its own rate, so samples are scaled by the
requests of the whole run: requests/s x (warm-up + window)."""
import sys, re, os, collections

def group(thread):
    if thread.startswith(("httpcon-io", "httpclient-dispatch", "I/O dispatcher")): return "io"
    if thread.startswith(("httpcon-completion", "rawhop")): return "completion"
    if "Compiler" in thread: return "jit"
    if "GC" in thread or "G1" in thread: return "gc"
    return "other"

def owner(frames):
    for f in reversed(frames):
        if f.endswith("_[k]"): return "kernel"
        if f.startswith("dev/httpcon/bench"): return "bench harness"
        if f.startswith("dev/httpcon/"): return "httpcon"
        if f.startswith("org/apache/hc/"): return "HttpClient 5"
        if f.startswith(("java/", "jdk/", "sun/")): return "JDK"
    return "JVM/native"

print("samples (1 ms of CPU) per 1,000 requests; requests/s from the subject's own row")
for path in sys.argv[1:]:
    tsv = os.path.splitext(path)[0] + ".tsv"
    rate, seconds = None, None
    for line in open(tsv):
        if line.startswith("# async:"):
            m = re.search(r"rounds of ([\d.]+) s after ([\d.]+) s", line)
            seconds = float(m.group(1)) + float(m.group(2))
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and f[0].isdigit():
            rate = float(f[3])
    requests = rate * seconds / 1000
    groups = collections.Counter(); owners = collections.Counter()
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        frames = stack.split(";"); n = int(n)
        g = group(re.sub(r"^\[|( tid=\d+)?\]$", "", frames[0]))
        groups[g] += n
        if g in ("io", "completion"):
            owners[owner(frames[1:])] += n
    name = os.path.basename(path)
    print(f"{name}: {rate:.0f} requests/s; " + ", ".join(f"{g} {groups[g]/requests:.2f}" for g in ("io", "completion", "jit", "gc", "other")))
    print("   I/O + completion threads by owner: " + ", ".join(f"{o} {n/requests:.2f}" for o, n in owners.most_common()))
