#!/usr/bin/env bash
# Instructions per call (client and local server together) for the generated
# client and for hand-written reqwest, counted by callgrind: the difference
# of two runs with more and fewer calls, so start-up and warm-up cancel out.
# Sequential GET and POST (200 and 400 calls), then GETs 16 and 256 in flight
# on two worker threads (1,024 and 4,096 calls), where the inverse of the
# ratio is the throughput ratio on a CPU-bound machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench instructions --no-run >/dev/null 2>&1
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_call() { # label side method small large [in_flight]
  local a b
  a=$(count "$2" "$3" "$4" ${6:+"$6"})
  b=$(count "$2" "$3" "$5" ${6:+"$6"})
  echo "$1 $2 $(( (b - a) / ($5 - $4) ))"
}
{
  for side in generated handwritten; do
    per_call get "$side" get 200 400
    per_call post "$side" post 200 400
    per_call get-16-in-flight "$side" get 1024 4096 16
    per_call get-256-in-flight "$side" get 1024 4096 256
  done
} | awk '{ v[$1" "$2] = $3; print $1, $2, $3, "instructions/call" }
  END { split("get post get-16-in-flight get-256-in-flight", ms, " ");
        for (i = 1; i <= 4; i++) { m = ms[i];
          printf "%s ratio generated/handwritten %.3f\n", m, v[m" generated"] / v[m" handwritten"] } }'

# The client alone: the server runs in a process of its own, which callgrind
# does not follow, and allocations are counted by the bench's own allocator
# (the same difference of two runs).
"$bin" serve > target/bench-server.url &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s target/bench-server.url ] && break; sleep 0.1; done
export BENCH_SERVER=$(head -n 1 target/bench-server.url)
allocs() { "$bin" "$@" | sed -n 's/^allocations //p'; }
alloc_per_call() { # label side method small large [in_flight]
  local a b
  a=$(allocs "$2" "$3" "$4" ${6:+"$6"})
  b=$(allocs "$2" "$3" "$5" ${6:+"$6"})
  awk -v a="$a" -v b="$b" -v n="$(($5 - $4))" -v l="$1" -v s="$2" 'BEGIN { printf "%s %s %.1f\n", l, s, (b - a) / n }'
}
echo "client only:"
{
  for side in generated handwritten; do
    per_call get "$side" get 200 400
    per_call post "$side" post 200 400
    per_call get-16-in-flight "$side" get 1024 4096 16
    per_call get-256-in-flight "$side" get 1024 4096 256
  done
} | awk '{ v[$1" "$2] = $3; print $1, $2, $3, "instructions/call" }
  END { split("get post get-16-in-flight get-256-in-flight", ms, " ");
        for (i = 1; i <= 4; i++) { m = ms[i];
          printf "%s ratio generated/handwritten %.3f\n", m, v[m" generated"] / v[m" handwritten"] } }'
{
  for side in generated handwritten; do
    alloc_per_call get "$side" get 200 400
    alloc_per_call post "$side" post 200 400
    alloc_per_call get-16-in-flight "$side" get 1024 4096 16
    alloc_per_call get-256-in-flight "$side" get 1024 4096 256
  done
} | awk '{ v[$1" "$2] = $3; print $1, $2, $3, "allocations/call" }
  END { split("get post get-16-in-flight get-256-in-flight", ms, " ");
        for (i = 1; i <= 4; i++) { m = ms[i];
          printf "%s allocation ratio generated/handwritten %.3f\n", m, v[m" generated"] / v[m" handwritten"] } }'
