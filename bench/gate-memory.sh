#!/usr/bin/env bash
# Resident size of a gate-agent process after an hour-equivalent of simulated traffic (bench/README.md).
# A busy hour at a library exit: 3,600 people (one a second), 5 % carrying an armed document, counts every
# 15 minutes — played 10 times faster: a walker every 100 ms for 6 minutes, counts every 90 s.
# Usage: bench/gate-memory.sh [seconds=360] [broker=tcp://127.0.0.1:1883]   (run ./mvnw -pl launcher -am package first)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-360}
broker=${2:-tcp://127.0.0.1:1883}
java=${NAVETTE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# The JVM settings of a Raspberry Pi Zero 2 W (512 MB): small heap, serial GC, C1 only, small stacks and caches.
# MALLOC_ARENA_MAX=2: glibc's per-thread malloc arenas otherwise add resident megabytes for nothing.
opts=${GATE_JAVA_OPTS:-"-Xms8m -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss256k -XX:MaxMetaspaceSize=40m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=8m"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
data=$(mktemp -d)
out="$data/gate.out"
# shellcheck disable=SC2086
"$java" --enable-native-access=ALL-UNNAMED $opts -jar "$root/launcher/target/launcher.jar" gate --simulate \
  --broker "$broker" --data "$data/data" --walk-every PT0.1S --alarm-share 0.05 --set count.interval-s=90 >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
sleep "$seconds"
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
anon=$(awk '/RssAnon/ {print $2}' /proc/$pid/status)
file=$(awk '/RssFile/ {print $2}' /proc/$pid/status)
threads=$(awk '/Threads/ {print $2}' /proc/$pid/status)
kill -TERM $pid
wait $pid || true
alarms=$(grep -c "ALARM" "$out" || true)
echo "gate-agent after ${seconds}s: VmRSS $((rss / 1024)) MiB (RssAnon $((anon / 1024)), RssFile $((file / 1024)); peak VmHWM $((hwm / 1024)) MiB), $threads threads, alarms fired $alarms"
grep -E "^Walkers" "$out" || true
echo "JVM options: $opts"
