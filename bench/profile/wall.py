#!/usr/bin/env python3
"""Where the load threads of subjects a (raw HttpClient) and b (the httpcon bean) spend their wall-clock
time, from an async-profiler wall-clock profile of the load command in collapsed form
(`-agentpath:libasyncProfiler.so=start,event=wall,interval=2ms,threads,file=wall.collapsed,collapsed`):
waiting for the server's answer (the socket's poll), connecting, closing, socket reads and writes, parked
on a lock, or running anything else. Usage: wall.py FILE"""
import sys, collections

def where(stack):
    if "Net.poll" in stack or "NioSocketImpl.park" in stack: return "waiting for the server (poll)"
    if "Socket" in stack and "connect" in stack.lower(): return "connecting (TCP connect)"
    if "StrictConnPool.lease" in stack or ("BasicHttpClientConnectionManager" in stack and "lease" in stack): return "pool lease"
    if "Socket" in stack and "close" in stack.lower(): return "closing the socket"
    if "read0" in stack or "write0" in stack: return "socket read/write"
    if "park" in stack.lower(): return "parked (locks)"
    return "running (other)"

share = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(" ")
    subject = "a" if "RawClient" in stack else ("b" if "LoadCommand.lambda$load$0" in stack else None)
    if subject:
        share[subject][where(stack)] += int(n)
for s in sorted(share):
    total = sum(share[s].values())
    print(f"{s}: {total} samples: " + ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in share[s].most_common()))
