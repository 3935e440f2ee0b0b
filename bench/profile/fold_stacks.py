#!/usr/bin/env python3
"""Summarises `perf script` call stacks of the daemon (how the call engine's CPU was found, docs/performance.md).

    perf record -F 999 -g -p $(pgrep -f publish/linux-x64/edgepbx) -o /tmp/p.data -- sleep 20   # during bench/calls
    perf script -F comm,tid,ip,sym -i /tmp/p.data > /tmp/p.txt
    bench/profile/fold_stacks.py self 40 < /tmp/p.txt     # leaf functions
    bench/profile/fold_stacks.py incl 90 < /tmp/p.txt     # every function on the stack
    bench/profile/fold_stacks.py thread 10 < /tmp/p.txt   # by thread name
"""
import sys, collections, re
mode = sys.argv[1] if len(sys.argv) > 1 else 'self'
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
stacks=[]; cur=[]; comm=None
for line in sys.stdin:
    line=line.rstrip('\n')
    if not line.strip():
        if cur: stacks.append((comm,cur))
        cur=[]; comm=None; continue
    if not line.startswith((' ','\t')):
        comm=line.split()[0]; continue
    parts=line.strip().split(None,1)
    sym=parts[1] if len(parts)>1 else parts[0]
    sym=re.sub(r'\+0x[0-9a-f]+$','',sym)
    cur.append(sym)
if cur: stacks.append((comm,cur))
tot=len(stacks); c=collections.Counter()
for comm,s in stacks:
    if mode=='self': c[s[0]]+=1
    elif mode=='thread': c[comm]+=1
    else:
        for f in set(s): c[f]+=1
print('total',tot)
for k,v in c.most_common(n): print(f'{100*v/tot:5.1f}% {k[:150]}')
