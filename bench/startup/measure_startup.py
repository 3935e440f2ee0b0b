#!/usr/bin/env python3
"""Start-to-READY time, CPU time to READY, idle RSS and binary size of a published edgepbx binary.

Usage: bench/startup/measure_startup.py PATH/TO/edgepbx [RUNS] [--restart] [--idle SECONDS]
Start-to-READY is measured from fork to the READY=1 datagram on a NOTIFY_SOCKET this script binds,
exactly what systemd waits for with Type=notify. Wall time is an upper bound on a shared machine, so
the CPU time the daemon spent until READY (utime+stime from /proc/PID/stat, read when READY arrives;
10 ms ticks) is reported too. Idle RSS is read from /proc/PID/smaps_rollup --idle seconds (default 5)
after READY with no traffic, in every run (the median is reported), split into anonymous memory and
file-backed pages; the run closest to the median is broken down by mapping (the edgepbx file, the
.hydrated data NativeAOT unpacks at start, the GC heap and other anonymous memory, shared libraries).
Without --restart every run is a first boot (an empty data folder: the database is created and
migrated). With --restart one data folder is prepared by a first start, then every measured run is
a restart of a configured box, which is what systemd does after a crash or an update.
"""
import os, re, socket, statistics, subprocess, sys, tempfile, time

argv = sys.argv[1:]
idle = 5.0
if "--idle" in argv:
    i = argv.index("--idle"); idle = float(argv[i + 1]); del argv[i:i + 2]
args = [a for a in argv if not a.startswith("--")]
restart = "--restart" in argv
binary = args[0]
runs = int(args[1]) if len(args) > 1 else 10
tick = os.sysconf("SC_CLK_TCK")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def start(d):
    sock_path = os.path.join(d, "notify.sock")
    if os.path.exists(sock_path):
        os.unlink(sock_path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); sock.bind(sock_path); sock.settimeout(30)
    return sock, sock_path

def launch(d, sock_path):
    return subprocess.Popen([binary, "run", "--data", d, "--sip", f"127.0.0.1:{free_port()}", "--web", f"127.0.0.1:{free_port()}"],
                            env=dict(os.environ, NOTIFY_SOCKET=sock_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def breakdown(pid):
    """KiB resident per kind of mapping, from /proc/PID/smaps."""
    out, cur = {}, None
    exe = os.path.realpath(binary)
    for line in open(f"/proc/{pid}/smaps"):
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            parts = line.split(None, 5)
            name = parts[5].strip() if len(parts) > 5 else ""
            if name == exe:
                cur = "edgepbx file pages"
            elif name == "" and cur in ("edgepbx file pages", ".hydrated (after the binary)"):
                cur = ".hydrated (after the binary)"   # the anonymous mapping right after the image: .bss and .hydrated
            elif name == "":
                cur = "other anonymous (GC heap, stacks, native allocations)"
            elif name == "[heap]":
                cur = "malloc heap"
            elif name.startswith("/"):
                cur = os.path.basename(name).split(".so")[0] + ".so"
            else:
                cur = name
        elif line.startswith("Rss:") and cur:
            out[cur] = out.get(cur, 0) + int(line.split()[1])
    return out

times, cpus, samples = [], [], []
shared = tempfile.mkdtemp(prefix="edgepbx-bench-") if restart else None
if restart:
    sock, sock_path = start(shared)
    p = launch(shared, sock_path)
    while "READY=1" not in sock.recv(4096).decode().split("\n"):
        pass
    p.terminate(); p.wait(20); sock.close()
for i in range(runs):
    d = shared or tempfile.mkdtemp(prefix="edgepbx-bench-")
    sock, sock_path = start(d)
    t0 = time.perf_counter()
    p = launch(d, sock_path)
    try:
        while "READY=1" not in sock.recv(4096).decode().split("\n"):
            pass
        times.append((time.perf_counter() - t0) * 1000)
        stat = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
        cpus.append((int(stat[11]) + int(stat[12])) * 1000 / tick)
        time.sleep(idle)
        rollup = open(f"/proc/{p.pid}/smaps_rollup").read()
        field = lambda k: int(re.search(rf"^{k}:\s+(\d+)", rollup, re.M).group(1))
        threads = len(os.listdir(f"/proc/{p.pid}/task"))
        samples.append((field("Rss"), field("Anonymous"), threads, breakdown(p.pid)))
    finally:
        p.terminate(); p.wait(20); sock.close()

rss = statistics.median(s[0] for s in samples)
typical = min(samples, key=lambda s: abs(s[0] - rss))
print(f"binary size: {os.path.getsize(binary)/1e6:.1f} MB ({os.path.getsize(binary)} bytes)")
print(f"{'restarts' if restart else 'first boots'}, {runs} runs, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"start-to-READY: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")
print(f"CPU time to READY (user+system): median {statistics.median(cpus):.0f} ms, min {min(cpus):.0f} ms, max {max(cpus):.0f} ms")
print(f"idle RSS {idle:g} s after READY: median {rss/1024:.1f} MiB = {rss*1024/1e6:.1f} MB (min {min(s[0] for s in samples)/1024:.1f}, max {max(s[0] for s in samples)/1024:.1f} MiB);"
      f" anonymous median {statistics.median(s[1] for s in samples)/1024:.1f} MiB; {typical[2]} threads")
for kind, kib in sorted(typical[3].items(), key=lambda kv: -kv[1]):
    if kib >= 100:
        print(f"  {kib/1024:5.1f} MiB  {kind}")
