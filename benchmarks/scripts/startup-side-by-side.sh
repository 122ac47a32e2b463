#!/usr/bin/env bash
# Start-up side by side and resident memory of the running stack, on a built tree.
# Usage: benchmarks/scripts/startup-side-by-side.sh [ROUNDS]   (run from the repository root, nothing else running)
# Each round, each from all stopped to all healthy:
#   "now":    ./village up as it is (JDK AOT caches for the services, Kafka and Mongo; Spring's build-time AOT;
#             the launcher's JVM options)
#   "before": the way of 2026-12-02: plain jars, no Spring AOT, the former options (-Xmx384m -XX:+UseSerialGC for the
#             services, -Xmx256m for Kafka and Mongo)
# prints the wall time, the load average, and 20 s later each process's VmRSS and the CPU seconds it used so far
# (start-up plus 20 s idle).
set -uo pipefail
cd "$(dirname "$0")/../.."
export VILLAGE_DATA_DIR="${VILLAGE_DATA_DIR:-$PWD/benchmarks/target/startup-data}" VILLAGE_TIMEOUT="${VILLAGE_TIMEOUT:-300}"
TCK=$(getconf CLK_TCK)
processes() {
  local t_rss=0 t_cpu=0 f p r c
  for f in "$VILLAGE_DATA_DIR"/pids/*.pid; do
    p=$(cat "$f"); r=$(awk '/VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    c=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    printf '    %-22s %5d MiB  %6.1f s CPU\n' "$(basename "$f" .pid)" $((r / 1024)) "$(echo "$c / $TCK" | bc -l)"
    t_rss=$((t_rss + r)); t_cpu=$((t_cpu + c))
  done
  printf '  total: %d MiB resident, %.1f s CPU, %d processes\n' $((t_rss / 1024)) "$(echo "$t_cpu / $TCK" | bc -l)" \
    "$(ls "$VILLAGE_DATA_DIR"/pids/*.pid | wc -l)"
}
up() { # label
  local s e rc
  s=$(date +%s.%N); ./village up > "$VILLAGE_DATA_DIR/up-${1// /_}.log" 2>&1; rc=$?; e=$(date +%s.%N)
  printf '%s: rc=%d, %.1f s to all healthy (load %s)\n' "$1" "$rc" "$(echo "$e - $s" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
}
./village down > /dev/null 2>&1
mkdir -p "$VILLAGE_DATA_DIR"
./village up > "$VILLAGE_DATA_DIR/first-up.log" 2>&1 || { echo "first up failed: $VILLAGE_DATA_DIR/first-up.log"; exit 1; }
./village down > /dev/null 2>&1   # the first up trained the start-up caches
for round in $(seq "${1:-2}"); do
  up "round $round, now"; sleep 20; processes
  ./village down > /dev/null 2>&1; sleep 5
  VILLAGE_AOT=0 VILLAGE_SPRING_AOT=0 VILLAGE_SERVICE_JVM_OPTS="-Xmx384m -XX:+UseSerialGC" VILLAGE_INFRA_JVM_OPTS="-Xmx256m" \
    up "round $round, before"; sleep 20; processes
  ./village down > /dev/null 2>&1; sleep 5
done
