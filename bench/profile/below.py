#!/usr/bin/env python3
"""below.py FILE MARKER FRAME DEPTH: what runs right below FRAME (DEPTH frames) in the stacks containing MARKER."""
import sys, collections

f, marker, frame, depth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = collections.Counter(); tot = 0; sub = 0
for line in open(f):
    stack, _, n = line.rstrip().rpartition(" ")
    if marker not in stack: continue
    n = int(n); tot += n
    fr = stack.split(";")
    idx = [i for i, x in enumerate(fr) if frame in x]
    if not idx: continue
    i = idx[-1]; sub += n
    c[" -> ".join(fr[i+1:i+1+depth]) or "(self)"] += n
print(f"{frame}: {sub} of {tot} samples ({100*sub/tot:.1f}%)")
for k, n in c.most_common(15): print(f"  {100*n/tot:5.1f}%  {k[:230]}")
