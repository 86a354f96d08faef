#!/usr/bin/env python3
"""What the HTTP lookup adds to sip-router's CPU, by owner: two async-profiler collapsed files of the
router (`race.py --router-java-opts="-agentpath:...=start,event=cpu,interval=1ms,threads,file=router-%p.collapsed,collapsed"`),
one without the lookup and one with it, and the number of SIP requests each answered (warm-up plus
runs). Prints CPU samples (1 ms each) per 1,000 SIP requests by owner: the first frame from the leaf up
that is the kernel's, httpcon's, HttpClient 5's, the SIP stack's (JAIN SIP) or the JDK's, else the JVM's
(JIT compilers and GC counted apart), and the difference the lookup makes.

Usage: router.py BASE.collapsed BASE_REQUESTS LOOKUP.collapsed LOOKUP_REQUESTS"""
import sys, collections

def owner(frames):
    thread = frames[0]
    if "Compiler" in thread: return "JIT compilers"
    if "GC" in thread or "G1" in thread: return "GC"
    for f in reversed(frames[1:]):
        if f.endswith("_[k]"): return "kernel"
        if f.startswith("dev/httpcon/examples"): return "the router's own code"
        if f.startswith("dev/httpcon/"): return "httpcon"
        if f.startswith("org/apache/hc/"): return "HttpClient 5"
        if f.startswith(("gov/nist", "javax/sip", "android/gov")): return "JAIN SIP"
        if f.startswith(("java/", "jdk/", "sun/")): return "JDK"
    return "JVM (native)"

def load(path, requests):
    c = collections.Counter()
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        c[owner(stack.split(";"))] += int(n)
    return {k: 1000 * v / requests for k, v in c.items()}

base = load(sys.argv[1], float(sys.argv[2]))
lookup = load(sys.argv[3], float(sys.argv[4]))
print(f"{'owner':24s} {'no lookup':>10s} {'lookup':>10s} {'added':>10s}   (ms of CPU per 1,000 SIP requests)")
for k in sorted(set(base) | set(lookup), key=lambda k: -(lookup.get(k, 0) - base.get(k, 0))):
    print(f"{k:24s} {base.get(k, 0):10.1f} {lookup.get(k, 0):10.1f} {lookup.get(k, 0) - base.get(k, 0):10.1f}")
print(f"{'all':24s} {sum(base.values()):10.1f} {sum(lookup.values()):10.1f} {sum(lookup.values()) - sum(base.values()):10.1f}")
