#!/usr/bin/env python3
"""What runs under one function in `perf script` stacks: callees DEPTH levels down, share of all samples.

    bench/profile/callees.py CallEngine__Classify 2 < /tmp/p.txt   (see fold_stacks.py for the perf commands)
"""
import sys,collections,re
target=sys.argv[1]; depth=int(sys.argv[2]) if len(sys.argv)>2 else 1
stacks=[];cur=[]
for line in sys.stdin:
    line=line.rstrip('\n')
    if not line.strip():
        if cur: stacks.append(cur)
        cur=[];continue
    if not line.startswith((' ','\t')): continue
    p=line.strip().split(None,1); s=p[1] if len(p)>1 else p[0]
    cur.append(re.sub(r'\+0x[0-9a-f]+$','',s))
tot=len(stacks); c=collections.Counter(); n=0
for s in stacks:
    idx=[i for i,f in enumerate(s) if target in f]
    if not idx: continue
    i=max(idx); n+=1
    c[' > '.join(reversed(s[max(0,i-depth):i])) or '(self)']+=1
print(f'{target}: {100*n/tot:.1f}%')
for k,v in c.most_common(25): print(f'  {100*v/tot:5.1f}% {k[:300]}')
