#!/usr/bin/env python3
"""Start-to-READY time, idle RSS and binary size of a published edgepbx binary.

Usage: bench/startup/measure_startup.py PATH/TO/edgepbx [RUNS]
Start-to-READY is measured from fork to the READY=1 datagram on a NOTIFY_SOCKET this script binds,
exactly what systemd waits for with Type=notify. Idle RSS is VmRSS 3 s after READY with no traffic.
"""
import os, socket, statistics, subprocess, sys, tempfile, time

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

times, rss = [], []
for i in range(runs):
    d = tempfile.mkdtemp(prefix="edgepbx-bench-")
    sock_path = os.path.join(d, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); sock.bind(sock_path); sock.settimeout(30)
    env = dict(os.environ, NOTIFY_SOCKET=sock_path)
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "run", "--data", d, "--sip", f"127.0.0.1:{free_port()}", "--web", f"127.0.0.1:{free_port()}"],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        msg = sock.recv(4096).decode()
        if "READY=1" in msg.split("\n"):
            break
    times.append((time.perf_counter() - t0) * 1000)
    if i == 0:
        time.sleep(3)
        with open(f"/proc/{p.pid}/status") as f:
            rss = [int(l.split()[1]) for l in f if l.startswith("VmRSS:")]
    p.terminate(); p.wait(5); sock.close()

print(f"binary size: {os.path.getsize(binary)/1e6:.1f} MB ({os.path.getsize(binary)} bytes)")
print(f"start-to-READY over {runs} runs: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")
print(f"idle RSS 3 s after READY: {rss[0]/1024:.1f} MiB")
