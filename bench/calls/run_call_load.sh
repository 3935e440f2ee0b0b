#!/usr/bin/env bash
# Load run of the call engine (issue 7): a sipp "carrier" UAC calls the box's number at RATE calls/s
# for SECONDS s; the plan sends the number straight to extension 101 (no IVR, no welcome audio), where a
# registered sipp UAS answers; each call talks HOLD_MS ms and the carrier hangs up. Then the call
# records are exported with `edgepbx cdr export` and there must be exactly one per call.
#
#   bench/calls/run_call_load.sh                       # the issue's run: 100 calls/s for 60 s
#   MODES="load kamailio memory max" bench/calls/run_call_load.sh   # also the numbers of docs/performance.md
#
# Modes (in MODES, run in this order):
#   load      the load run; prints the daemon's CPU seconds (utime+stime from /proc/PID/stat) per 1,000 calls
#   kamailio  the same sipp load through Debian's kamailio (bench/calls/kamailio.cfg, transaction-stateful
#             with record-route) to a sipp UAS: kamailio's CPU seconds per 1,000 calls, all its processes.
#             KAMAILIO_MEMORY picks its memory manager (-x): qm (default, as Debian ships it), fm or tlsf;
#             Debian's build has DBG_SR_MEMORY, and with qm its one busy worker spends ~44 % of its CPU in qm_malloc
#   instructions  the daemon runs under valgrind's callgrind (instrumented only while sipp calls): user-space
#             instructions per call, split into the SIP thread, the record writer, the timer threads and GC
#             collections, and the allocation clearing (the GC's memset: under valgrind one instruction a byte, so
#             it stands for the bytes allocated). Within 1-2 % from run to run where CPU seconds vary by a third,
#             so it is the figure to compare two builds by; it counts no kernel work (sends, receives, fsync).
#             Runs alone (not with the CPU modes), at RATE 10 and SECONDS_TO_RUN 30 unless given; the first round
#             includes warm-up, so use ROUNDS=3. A GC collection falls into a round or not: compare the
#             "without GC" figure. EDGEPBX_BINARY should have symbols for the split:
#               dotnet publish src/EdgePbx.Daemon -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=false -o DIR
#               objcopy --strip-debug DIR/edgepbx   # valgrind 3.19 cannot read .NET's DWARF; the symbol table is enough
#             Records are written in batches of what ended within 200 ms, so their share depends on RATE.
#   memory    RSS of the daemon with HELD calls up (held HELD_SECONDS s) against its idle RSS
#   max       steps of MAX_RATES calls/s for MAX_SECONDS s each: the highest rate with 0 failed calls
# Environment: EDGEPBX_BINARY (else build/publish.sh linux-x64 artifacts/publish/linux-x64 runs),
# RATE (100), SECONDS_TO_RUN (60), HOLD_MS (1000), HELD (200), HELD_SECONDS (30),
# MAX_RATES ("100 150 200 250 300"), MAX_SECONDS (20), THREADS=1 splits the load run's CPU by thread name,
# ROUNDS (1): the modes are run this many times over (e.g. MODES="load kamailio" ROUNDS=6 alternates six pairs on
# one daemon and prints each pair's ratio, their median and the ratio of the medians: single 30 s runs of the same
# build vary by a third on this box, so a verdict needs several alternating pairs),
# KEEP=1 keeps the work folder, SETTLE (0): after the
# load run, print the daemon's RSS every 10 s for SETTLE s (does memory come back once the calls are gone?).
# Exits non-zero when a load or max step that must pass fails (failed calls or records not one per call).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
modes=${MODES:-load}
rate=${RATE:-100}
seconds=${SECONDS_TO_RUN:-60}
daemon_prefix=()
if [[ " $modes " == *" instructions "* ]]; then
  [ "$(echo "$modes" | wc -w)" = 1 ] || { echo "mode instructions runs alone (valgrind slows the daemon ~30x)" >&2; exit 2; }
  command -v valgrind >/dev/null || { echo "valgrind missing: apt-get install -y valgrind" >&2; exit 2; }
  rate=${RATE:-10}
  seconds=${SECONDS_TO_RUN:-30}
fi
hold_ms=${HOLD_MS:-1000}
held=${HELD:-200}
held_seconds=${HELD_SECONDS:-30}
max_rates=${MAX_RATES:-100 150 200 250 300}
max_seconds=${MAX_SECONDS:-20}
kamailio_memory=${KAMAILIO_MEMORY:-qm}
number=4006123456
caller=02112345678
password=load-phone-101
scenarios=$repo/bench/calls/scenarios

command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 2; }
bin=${EDGEPBX_BINARY:-}
if [ -z "$bin" ]; then
  ./build/publish.sh linux-x64 artifacts/publish/linux-x64 >/dev/null
  bin=$repo/artifacts/publish/linux-x64/edgepbx
fi
bin=$(readlink -f "$bin")

work=$(mktemp -d /tmp/edgepbx-load-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket
s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); u=s.getsockname()[1]
t=socket.socket(); t.bind(("127.0.0.1",u)); print(u)' 2>/dev/null || free_port
}
# An even port with the next one free too (sipp binds RTP and RTCP on media_port and media_port+1... and +2, +3).
free_media_port() { echo $(( (RANDOM % 4000) * 4 + 30000 )); }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Minor page faults of a process so far (first touches of fresh memory: the GC's new or decommitted pages).
minor_faults() { awk '{print $10}' "/proc/$1/stat"; }
# CPU ticks of a process and all its descendants (kamailio forks its workers).
tree_ticks() {
  local total=0 pid
  for pid in $(tree_pids "$1"); do total=$(( total + $(cpu_ticks "$pid" 2>/dev/null || echo 0) )); done
  echo "$total"
}
tree_pids() {
  echo "$1"
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree_pids "$child"; done
}
# sipp -bg prints "Background mode - PID=[1234]".
background_pid() { sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$1"; }
# "tid name ticks" for every thread of a process (THREADS=1 prints where the load run's CPU went, by thread name).
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    echo "${t##*/} $(tr ' ' '_' < "$t/comm") $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done 2>/dev/null
}
# Seconds by thread name between two thread_ticks snapshots (threads of one name summed), largest first.
thread_split() {
  awk -v hz="$hz" 'NR == FNR { before[$1] = $3; next }
    { d = $3 - ($1 in before ? before[$1] : 0); use[$2] += d; total += d }
    END { for (n in use) if (use[n] > 0) printf "  %-24s %6.2f s %5.1f %%\n", n, use[n] / hz, 100 * use[n] / total }' "$1" "$2" |
    sort -k2 -nr
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
machine() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"; }

# Counts of the last line of a sipp -trace_stat CSV: successful and failed calls.
sipp_counts() {
  python3 - "$1" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
head, last = rows[0], rows[-1]
print(last[head.index('SuccessfulCall(C)')], last[head.index('FailedCall(C)')])
EOF
}

# Registers phone 101 from the sipp UAS's port (the registrar routes to the REGISTER's source) for an hour, the
# registrar's most: the integration tests' scenario asks for 300 s, which a run of several rounds outlasts, and the
# sipp UAS (bound to that port from then on) cannot refresh it as a phone would.
register_phone() {
  sed 's/^Expires: 300$/Expires: 3600/' "$repo/tests/EdgePbx.Integration.Tests/Scenarios/register.xml" > "$work/register.xml"
  grep -q '^Expires: 3600$' "$work/register.xml" || { echo "register.xml no longer asks for Expires: 300" >&2; exit 1; }
  sipp "127.0.0.1:$sip_port" -sf "$work/register.xml" -i 127.0.0.1 \
    -p "$uas_port" -m 1 -nostdin -timeout 10s -timeout_error -key user 101 -key domain edgepbx -au 101 -ap "$password" \
    > "$work/register.log" 2>&1 || { cat "$work/register.log"; exit 1; }
}

# Starts the daemon on a plan of its own: the number rings extension 101 and nothing else.
start_daemon() {
  data=$work/data
  mkdir -p "$data"
  cat > "$work/plan.json" <<EOF
{
  "version": 1,
  "timeZone": "Asia/Shanghai",
  "numbers": { "$number": { "name": "Load", "default": "ext:101" } },
  "extensions": { "101": { "name": "Load phone" } }
}
EOF
  # No OPTIONS qualify: the sipp UAS answers INVITEs only, and an unanswered OPTIONS marks phone 101
  # unreachable, after which hunting skips it (every call of a later mode would fail with 480).
  echo '{ "sip": { "qualifySeconds": 0 } }' > "$work/settings.json"
  echo "$password" | "$bin" phone set 101 --data "$data" >/dev/null
  sip_port=$(free_port); web_port=$(free_port)
  if [[ " $modes " == *" instructions "* ]]; then
    daemon_prefix=(valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/callgrind.out")
  fi
  "${daemon_prefix[@]}" "$bin" run --config "$work/settings.json" --data "$data" --sip "127.0.0.1:$sip_port" --web "127.0.0.1:$web_port" --plan "$work/plan.json" \
    > "$work/daemon.log" 2>&1 &
  daemon=$!; pids+=("$daemon")
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$web_port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs "http://127.0.0.1:$web_port/readyz" >/dev/null || { cat "$work/daemon.log"; exit 1; }
  uas_port=$(free_port)
  register_phone
  sipp -sf "$scenarios/load_uas.xml" -i 127.0.0.1 -p "$uas_port" -mp "$(free_media_port)" -nostdin -bg \
    -trace_err -error_file "$work/uas_errors.log" > "$work/uas.log" 2>&1 || true  # the -bg parent exits 99
  uas=$(background_pid "$work/uas.log")
  pids+=("$uas")
  echo "daemon pid $daemon on 127.0.0.1:$sip_port, phone 101 (sipp UAS pid $uas) on 127.0.0.1:$uas_port"
}

# Runs the carrier UAC against $1:$2: rate $3 calls/s, $4 calls, hold $5 ms; leaves counts in ok/failed.
run_uac() {
  local stat=$work/uac_$1_$2_$3_$RANDOM.csv
  sipp "$1:$2" -sf "$scenarios/load_uac.xml" -s "$number" -key caller "$caller" -i 127.0.0.1 -p "$(free_port)" \
    -mp "$(free_media_port)" -r "$3" -m "$4" -d "$5" -l $(( $3 * ($5 / 1000 + 10) )) -nostdin \
    -timeout "$(( $4 / $3 + $5 / 1000 + 60 ))s" -trace_stat -stf "$stat" -fd 1 -trace_err -error_file "$stat.errors" \
    > "$work/uac.log" 2>&1 || true
  read -r ok failed < <(sipp_counts "$stat")
}

# One row per call: every record of this run's fresh data folder whose called number is ours (the
# export's days are the box's local days, so the range is wide rather than "today").
count_records() {
  "$bin" cdr export --data "$data" --from 2000-01-01 --to 2100-01-01 --format csv > "$work/records.csv" 2>/dev/null
  { grep ",$number," "$work/records.csv" || true; } > "$work/ours.csv"
  rows=$(wc -l < "$work/ours.csv")
  distinct=$(cut -d, -f1 "$work/ours.csv" | sort -u | wc -l)
  answered=$({ grep -c ",answered," "$work/ours.csv" || true; })
}

# Waits until the exported records reach $1 (the writer runs behind the calls), at most 30 s.
wait_records() {
  for _ in $(seq 60); do
    count_records
    [ "$rows" -ge "$1" ] && return
    sleep 0.5
  done
}

# Inclusive instructions of the first function whose name matches $2 in callgrind dump $1 (0 when none ran).
inclusive() {
  # awk reads to the end: leaving early would stop callgrind_annotate with SIGPIPE, and pipefail would end the script.
  callgrind_annotate --inclusive=yes "$1" 2>/dev/null | awk -v pat="$2" '!found && $0 ~ pat { gsub(",", "", $1); print $1; found = 1 }
    END { if (!found) print 0 }'
}

# Thousands of instructions per call: $1 instructions over $2 calls.
per_call_k() { printf '%.1f' "$(echo "$1 / $2 / 1000" | bc -l)"; }

# Median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

status=0
expected=0
daemon_rounds=()
kamailio_rounds=()
start_daemon
all_modes=""
for _ in $(seq "${ROUNDS:-1}"); do all_modes="$all_modes $modes"; done
for mode in $all_modes; do
  case $mode in
  load)
    calls=$(( rate * seconds ))
    echo "== load: $rate calls/s for $seconds s ($calls calls, ${hold_ms} ms talk) -- $(machine)"
    before=$(cpu_ticks "$daemon"); faults_before=$(minor_faults "$daemon")
    thread_ticks "$daemon" > "$work/threads.before"
    run_uac 127.0.0.1 "$sip_port" "$rate" "$calls" "$hold_ms"
    after=$(cpu_ticks "$daemon"); faults_after=$(minor_faults "$daemon")
    thread_ticks "$daemon" > "$work/threads.after"
    expected=$(( expected + calls ))
    wait_records "$expected"
    cpu=$(echo "($after - $before) / $hz" | bc -l)
    printf 'sipp: %s successful, %s failed; records: %s rows, %s distinct Call-IDs, %s answered (expected %s)\n' \
      "$ok" "$failed" "$rows" "$distinct" "$answered" "$expected"
    per_k=$(printf '%.3f' "$(echo "$cpu * 1000 / $calls" | bc -l)")
    daemon_rounds+=("$per_k")
    printf 'daemon CPU: %.2f s for %s calls = %s s per 1,000 calls; RSS %s kB; %.1f minor page faults a call -- %s\n' \
      "$cpu" "$calls" "$per_k" "$(rss_kb "$daemon")" "$(echo "($faults_after - $faults_before) / $calls" | bc -l)" "$(machine)"
    if [ "${THREADS:-0}" = 1 ]; then echo "daemon CPU by thread:"; thread_split "$work/threads.before" "$work/threads.after"; fi
    for _ in $(seq $(( ${SETTLE:-0} / 10 ))); do
      sleep 10; echo "RSS $(rss_kb "$daemon") kB, $(cpu_ticks "$daemon") CPU ticks -- $(machine)"
    done
    if [ "$failed" != 0 ] || [ "$ok" != "$calls" ] || [ "$rows" != "$expected" ] || [ "$distinct" != "$expected" ] \
       || [ "$answered" != "$expected" ]; then
      echo "LOAD RUN FAILED (errors: $work/uac_*.errors, daemon log: $work/daemon.log)"; status=1; KEEP=1
    else
      echo "LOAD RUN PASSED"
    fi
    ;;
  kamailio)
    command -v kamailio >/dev/null || { echo "kamailio missing: apt-get install -y kamailio" >&2; exit 2; }
    calls=$(( rate * seconds ))
    kam_port=$(free_port); kuas_port=$(free_port)
    sed -e "s/KAM_LISTEN/127.0.0.1:$kam_port/" -e "s/KAM_TARGET/127.0.0.1:$kuas_port/" \
      "$repo/bench/calls/kamailio.cfg" > "$work/kamailio.cfg"
    kamailio -x "$kamailio_memory" -f "$work/kamailio.cfg" -DD -E -n 1 -Y "$work" -m 64 -M 16 > "$work/kamailio.log" 2>&1 &
    kam=$!; pids+=("$kam")
    sipp -sf "$scenarios/load_uas.xml" -i 127.0.0.1 -p "$kuas_port" -mp "$(free_media_port)" -nostdin -bg \
      > "$work/kuas.log" 2>&1 || true
    pids+=("$(background_pid "$work/kuas.log")")
    sleep 2
    kill -0 "$kam" 2>/dev/null || { cat "$work/kamailio.log"; exit 1; }
    echo "== kamailio (stateful tm+rr, children=2): $rate calls/s for $seconds s ($calls calls) -- $(machine)"
    before=$(tree_ticks "$kam")
    run_uac 127.0.0.1 "$kam_port" "$rate" "$calls" "$hold_ms"
    after=$(tree_ticks "$kam")
    cpu=$(echo "($after - $before) / $hz" | bc -l)
    printf 'sipp: %s successful, %s failed\n' "$ok" "$failed"
    per_k=$(printf '%.3f' "$(echo "$cpu * 1000 / $calls" | bc -l)")
    kamailio_rounds+=("$per_k")
    printf 'kamailio CPU (%s processes, memory manager %s): %.2f s for %s calls = %s s per 1,000 calls -- %s\n' \
      "$(tree_pids "$kam" | wc -l)" "$kamailio_memory" "$cpu" "$calls" "$per_k" "$(machine)"
    # Stopped here, so that a later round starts a Kamailio of its own on a quiet box.
    kill "$kam" "$(background_pid "$work/kuas.log")" 2>/dev/null || true
    wait "$kam" 2>/dev/null || true
    ;;
  instructions)
    calls=$(( rate * seconds ))
    echo "== instructions: $rate calls/s for $seconds s ($calls calls) under callgrind -- $(machine)"
    callgrind_control -i on "$daemon" >/dev/null 2>&1
    callgrind_control -z "$daemon" >/dev/null 2>&1
    run_uac 127.0.0.1 "$sip_port" "$rate" "$calls" "$hold_ms"
    sleep 2  # the last calls' BYE transactions and records
    callgrind_control -d "$daemon" >/dev/null 2>&1
    callgrind_control -i off "$daemon" >/dev/null 2>&1
    expected=$(( expected + calls ))
    wait_records "$expected"
    dump=$(ls -t "$work"/callgrind.out.* | sed -n 1p)
    total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    gc=$(inclusive "$dump" 'WKS::gc_heap::garbage_collect\\(')
    clear=$(inclusive "$dump" 'WKS::gc_heap::adjust_limit_clr\\(')
    printf 'sipp: %s successful, %s failed; records: %s rows (expected %s)\n' "$ok" "$failed" "$rows" "$expected"
    printf 'instructions a call (thousands): %s; without GC collections %s (GC %s, allocation clearing %s); SIP thread %s, record writer %s, timer threads %s\n' \
      "$(per_call_k "$total" "$calls")" "$(per_call_k "$(( total - gc ))" "$calls")" "$(per_call_k "$gc" "$calls")" \
      "$(per_call_k "$clear" "$calls")" "$(per_call_k "$(inclusive "$dump" 'SipTransportLayer__UdpReceiveLoop')" "$calls")" \
      "$(per_call_k "$(inclusive "$dump" 'StorageCallRecordSink___c__DisplayClass[0-9]+_0___RunAsync_b__0')" "$calls")" \
      "$(per_call_k "$(inclusive "$dump" 'TimerThread__Run')" "$calls")"
    if [ "$failed" != 0 ] || [ "$ok" != "$calls" ] || [ "$rows" != "$expected" ]; then
      echo "INSTRUCTIONS RUN FAILED (errors: $work/uac_*.errors, daemon log: $work/daemon.log)"; status=1; KEEP=1
    fi
    ;;
  memory)
    idle=$(rss_kb "$daemon")
    echo "== memory: $held calls held ${held_seconds} s, idle RSS $idle kB -- $(machine)"
    run_uac 127.0.0.1 "$sip_port" 50 "$held" "$(( held_seconds * 1000 ))" &
    uac_bg=$!
    sleep $(( held / 50 + 5 ))
    busy=$(rss_kb "$daemon")
    wait "$uac_bg" || true
    expected=$(( expected + held ))
    printf 'RSS with %s calls up: %s kB; idle %s kB; %.1f kB per active call -- %s\n' \
      "$held" "$busy" "$idle" "$(echo "($busy - $idle) / $held" | bc -l)" "$(machine)"
    wait_records "$expected"
    ;;
  max)
    best=0
    for step in $max_rates; do
      calls=$(( step * max_seconds ))
      before=$(cpu_ticks "$daemon")
      run_uac 127.0.0.1 "$sip_port" "$step" "$calls" "$hold_ms"
      after=$(cpu_ticks "$daemon")
      expected=$(( expected + calls ))
      wait_records "$expected"
      printf '== max: %s calls/s for %s s: %s successful, %s failed, records %s/%s, daemon CPU %.1f s -- %s\n' \
        "$step" "$max_seconds" "$ok" "$failed" "$rows" "$expected" "$(echo "($after - $before) / $hz" | bc -l)" "$(machine)"
      if [ "$failed" != 0 ] || [ "$ok" != "$calls" ]; then
        expected=$rows
        break
      fi
      best=$step
    done
    echo "maximum calls per second with 0 failed calls: $best (steps: $max_rates)"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
done
if [ "${#daemon_rounds[@]}" -gt 0 ] && [ "${#daemon_rounds[@]}" = "${#kamailio_rounds[@]}" ]; then
  ratios=()
  for i in "${!daemon_rounds[@]}"; do
    ratios+=("$(printf '%.2f' "$(echo "${daemon_rounds[$i]} / ${kamailio_rounds[$i]}" | bc -l)")")
  done
  echo "== daemon / kamailio ($kamailio_memory), ${#ratios[@]} pairs, s per 1,000 calls:"
  for i in "${!ratios[@]}"; do echo "  ${daemon_rounds[$i]} / ${kamailio_rounds[$i]} = ${ratios[$i]}x"; done
  dm=$(median "${daemon_rounds[@]}"); km=$(median "${kamailio_rounds[@]}")
  printf 'median daemon %s, median kamailio %s: ratio of medians %.2fx, median of ratios %sx\n' \
    "$dm" "$km" "$(echo "$dm / $km" | bc -l)" "$(median "${ratios[@]}")"
fi
exit "$status"
