#!/usr/bin/env python3
"""Voluntary and involuntary context switches per second of each thread of a process, by thread name.

    bench/profile/context_switches.py $(pgrep -f publish/linux-x64/edgepbx) 20   # during bench/calls
"""
import sys,os,time,re,collections
pid=sys.argv[1]; secs=float(sys.argv[2])
def snap():
    d={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            name=open(f'/proc/{pid}/task/{t}/comm').read().strip()
            st=open(f'/proc/{pid}/task/{t}/status').read()
            v=int(re.search(r'^voluntary_ctxt_switches:\s+(\d+)',st,re.M).group(1)); i=int(re.search(r'^nonvoluntary_ctxt_switches:\s+(\d+)',st,re.M).group(1))
            d[t]=(re.sub(r'\d+','#',name),v,i)
        except Exception: pass
    return d
a=snap(); time.sleep(secs); b=snap()
agg=collections.defaultdict(lambda:[0,0])
for t,(n,v,i) in b.items():
    v0,i0=(a[t][1],a[t][2]) if t in a else (0,0)
    agg[n][0]+=v-v0; agg[n][1]+=i-i0
tv=sum(x[0] for x in agg.values()); ti=sum(x[1] for x in agg.values())
for n,(v,i) in sorted(agg.items(), key=lambda kv:-(kv[1][0]+kv[1][1]))[:10]:
    print(f'{v/secs:7.0f} vol/s {i/secs:7.0f} invol/s  {n}')
print(f'{tv/secs:7.0f} vol/s {ti/secs:7.0f} invol/s  total')
