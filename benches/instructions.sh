#!/usr/bin/env bash
# Instructions per call for the generated client and for hand-written
# reqwest, counted by callgrind: the difference of two runs with more and
# fewer calls, so start-up and warm-up cancel out. Sequential GET and POST
# (200 and 400 calls), then GETs 16 and 256 in flight on two worker threads
# (1,024 and 4,096 calls), where the inverse of the ratio is the throughput
# ratio on a CPU-bound machine.
#
# First with the local server in the same process (client and server
# counted together), then for the client alone: the server runs in a
# process of its own, which callgrind does not follow, and the bench's own
# allocator counts the client's heap allocations the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench instructions --no-run >/dev/null 2>&1
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)

instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
allocations() { "$bin" "$@" | sed -n 's/^allocations //p'; }

# per_call COUNTER LABEL SIDE METHOD SMALL LARGE [IN_FLIGHT]
per_call() {
  local a b
  a=$("$1" "$3" "$4" "$5" ${7:+"$7"})
  b=$("$1" "$3" "$4" "$6" ${7:+"$7"})
  awk -v a="$a" -v b="$b" -v n="$(($6 - $5))" -v l="$2" -v s="$3" \
    'BEGIN { printf "%s %s %.1f\n", l, s, (b - a) / n }'
}

# report COUNTER UNIT
report() {
  for side in generated handwritten; do
    per_call "$1" get "$side" get 200 400
    per_call "$1" post "$side" post 200 400
    per_call "$1" get-16-in-flight "$side" get 1024 4096 16
    per_call "$1" get-256-in-flight "$side" get 1024 4096 256
  done | awk -v unit="$2" '{ v[$1" "$2] = $3; print $1, $2, $3, unit "/call" }
    END { split("get post get-16-in-flight get-256-in-flight", ms, " ");
          for (i = 1; i <= 4; i++) { m = ms[i];
            printf "%s %s ratio generated/handwritten %.3f\n", m, unit, v[m" generated"] / v[m" handwritten"] } }'
}

echo "client and server:"
report instructions instructions

"$bin" serve > target/bench-server.url &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s target/bench-server.url ] && break; sleep 0.1; done
export BENCH_SERVER=$(head -n 1 target/bench-server.url)
echo "client only:"
report instructions instructions
report allocations allocations
