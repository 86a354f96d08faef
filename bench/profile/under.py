#!/usr/bin/env python3
"""under.py FILE MARKER FRAME...: the share of the samples (or bytes) of the stacks containing MARKER that also
contain each FRAME: how much of a subject runs under a given method."""
import sys

f, marker = sys.argv[1], sys.argv[2]
tot = 0; hits = {k: 0 for k in sys.argv[3:]}
for line in open(f):
    stack, _, n = line.rstrip().rpartition(" ")
    if marker not in stack: continue
    n = int(n); tot += n
    for k in hits:
        if k in stack: hits[k] += n
print(f"{marker}: {tot}")
for k, n in hits.items(): print(f"  {100*n/tot:5.1f}%  {k}")
