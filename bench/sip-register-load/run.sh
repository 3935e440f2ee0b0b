#!/usr/bin/env bash
# sipp REGISTER load with digest against the native daemon (issue 3 goal: >= 2,000/s for 30 s, 0 failures)
# and the daemon's CPU seconds per 1,000 registrations (utime+stime from /proc/PID/stat).
# Usage: bench/sip-register-load/run.sh EDGEPBX_BINARY [RATE] [SECONDS] [USERS]
# USERS sipp clients run side by side, each registering its own extension (-s, -au, -ap) at RATE/USERS
# (sipp 3.6.1 garbles [fieldN] nested in [authentication], so no injection file).
# Loopback only; bounded: sipp stops after RATE*SECONDS registrations (-m) and the script kills nothing
# but the daemon it started.
set -euo pipefail
bin=${1:?path to the edgepbx binary}
rate=${2:-2000}
seconds=${3:-30}
users=${4:-4}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/edgepbx-regload-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sip=$(free_port); web=$(free_port)

# A plan with extensions 2000..2000+USERS-1 and a SIP password for each (edgepbx phone set).
{
  printf '{ "version": 1, "timeZone": "Asia/Shanghai",\n  "numbers": { "4006123456": { "name": "Main", "default": "ext:2000" } },\n  "extensions": {'
  for ((i = 0; i < users; i++)); do printf '%s "%d": { "name": "Load %d" }' "$([ $i -gt 0 ] && echo ,)" $((2000 + i)) $i; done
  printf ' } }\n'
} > "$work/plan.json"
for ((i = 0; i < users; i++)); do
  ext=$((2000 + i)); pass="load-secret-$ext"
  echo "$pass" | "$bin" phone set "$ext" --data "$work/data" >/dev/null
done

"$bin" run --data "$work/data" --plan "$work/plan.json" --sip "127.0.0.1:$sip" --web "127.0.0.1:$web" > "$work/daemon.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$web/readyz" >/dev/null && break; sleep 0.1; done
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tck=$(getconf CLK_TCK)

per=$((rate / users)); total=$((per * seconds))
before=$(cpu)
start=$(date +%s.%N)
pids=()
for ((i = 0; i < users; i++)); do
  ext=$((2000 + i))
  sipp "127.0.0.1:$sip" -sf "$here/register_digest.xml" -s "$ext" -au "$ext" -ap "load-secret-$ext" -i 127.0.0.1 -p "$(free_port)" \
    -r "$per" -rp 1000 -m "$total" -l $((per * 2)) -nostdin -timeout $((seconds + 60))s -timeout_error \
    -trace_stat -stf "$work/stat-$ext.csv" -fd 1 -trace_err -error_file "$work/errors-$ext.log" > "$work/sipp-$ext.out" 2>&1 &
  pids+=($!)
done
code=0
for p in "${pids[@]}"; do wait "$p" || code=$?; done
end=$(date +%s.%N)
after=$(cpu)

# sipp's stat CSV: the last line's SuccessfulCall(C), FailedCall(C), Retransmissions(C), summed over the clients.
sum() {
  local total=0 f c v
  for f in "$work"/stat-*.csv; do
    c=$(head -1 "$f" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1)
    v=$(tail -1 "$f" | cut -d';' -f"$c"); total=$((total + v))
  done
  echo $total
}
ok=$(sum 'SuccessfulCall(C)'); failed=$(sum 'FailedCall(C)'); retrans=$(sum 'Retransmissions(C)')
python3 - "$before" "$after" "$tck" "$start" "$end" "$ok" "$failed" "$retrans" "$code" "$rate" "$seconds" <<'PY'
import sys
b, a, tck, s, e, ok, failed, retrans, code, rate, secs = sys.argv[1:]
cpu = (int(a) - int(b)) / int(tck); wall = float(e) - float(s); ok = int(ok)
print(f"asked: {rate}/s for {secs} s; sipp exit {code}")
print(f"registrations: {ok} ok, {failed} failed, {retrans} retransmissions, {wall:.1f} s wall -> {ok / wall:,.0f}/s")
print(f"daemon CPU: {cpu:.2f} s -> {cpu / ok * 1000 if ok else float('nan'):.3f} CPU-s per 1,000 registrations")
PY
echo "work folder (logs, stat-*.csv): $work"
