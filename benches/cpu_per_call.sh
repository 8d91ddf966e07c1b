#!/usr/bin/env bash
# CPU time per GET (client and local server together, user + system) at 1,
# 16 and 256 calls in flight, generated client against hand-written reqwest.
# On a CPU-bound machine throughput is the inverse of CPU time per call, and
# `perf stat -e task-clock` (a software counter, available on VMs) is far
# steadier than wall-clock time on a shared host. The per-call figure is the
# difference between 4,096 and 16,384 calls, which cancels start-up and
# warm-up; each figure is the median of RUNS (default 5) runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cargo bench --bench instructions --no-run >/dev/null 2>&1
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
cpu_ms() {
  perf stat -x, -e task-clock "$bin" "$1" get "$2" "$3" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for in_flight in 1 16 256; do
  for side in generated handwritten; do
    for _ in $(seq "$runs"); do
      a=$(cpu_ms "$side" 4096 "$in_flight")
      b=$(cpu_ms "$side" 16384 "$in_flight")
      echo "($b - $a) * 1000 / 12288" | bc -l
    done | median | xargs printf "%s %s %.2f\n" "$in_flight" "$side"
  done
done | awk '{ v[$1" "$2] = $3; order[NR] = $1 }
  END { for (i = 1; i <= NR; i += 2) { n = order[i];
          printf "%4s in flight: generated %6.2f us CPU/call, hand-written %6.2f, throughput ratio %.3f\n",
            n, v[n" generated"], v[n" handwritten"], v[n" handwritten"] / v[n" generated"] } }'
