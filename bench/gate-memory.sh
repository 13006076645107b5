#!/usr/bin/env bash
# Resident size of a gate-agent process after an hour-equivalent of simulated traffic (bench/README.md).
# A busy hour at a library exit: 3,600 people (one a second), 5 % carrying an armed document, counts every
# 15 minutes — played 10 times faster: a walker every 100 ms for 6 minutes, counts every 90 s.
# The process is the one `./navette gate` starts on a device — its own class path and gate-launcher/jvm.options —
# run with --simulate (Pi4J's mock GPIO, the FEIG reader simulator on a socat pty, walkers).
# Usage: bench/gate-memory.sh [seconds=360] [broker=tcp://127.0.0.1:1883]
#   (./mvnw -B -q -DskipTests package -pl gate-launcher -am first; extra JVM options in NAVETTE_JAVA_OPTS win;
#    GATE_NMT=1 adds Native Memory Tracking's summary, taken just before the end)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-360}
broker=${2:-tcp://127.0.0.1:1883}
export NAVETTE_JAVA=${NAVETTE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [ -n "${GATE_NMT:-}" ]; then
  export NAVETTE_JAVA_OPTS="${NAVETTE_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
fi
data=$(mktemp -d)
out="$data/gate.out"
"$root/navette" gate --simulate --broker "$broker" --data "$data/data" --walk-every PT0.1S --alarm-share 0.05 \
  --set count.interval-s=90 >"$out" 2>&1 &
pid=$! # ./navette execs java: this is the gate's JVM
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
sleep "$seconds"
field() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$pid/status"; }
rss=$(field VmRSS) hwm=$(field VmHWM) anon=$(field RssAnon) file=$(field RssFile)
threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
if [ -n "${GATE_NMT:-}" ]; then
  "$(dirname "$NAVETTE_JAVA")/jcmd" "$pid" VM.native_memory summary \
    | grep -E '^(Total|-)' | sed -E 's/reserved=[0-9]+KB, //; s/\(committed=([0-9]+)KB.*/\1 KB committed/' \
    | awk '$NF == "committed" && $(NF-2) + 0 >= 100' || true
fi
kill -TERM $pid
wait $pid || true
alarms=$(grep -c "ALARM" "$out" || true)
echo "gate-agent after ${seconds}s: VmRSS $rss MiB (RssAnon $anon, RssFile $file; peak VmHWM $hwm MiB), $threads threads, alarms fired $alarms"
grep -E "^Walkers" "$out" || true
echo "JVM options: $(grep -v '^#' "$root/gate-launcher/jvm.options" | tr '\n' ' ')${NAVETTE_JAVA_OPTS:-}"
