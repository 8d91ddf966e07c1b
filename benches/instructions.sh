#!/usr/bin/env bash
# Instructions per call (client and local server together) for the generated
# client and for hand-written reqwest, counted by callgrind: the difference
# of two runs with 200 and 400 calls, so start-up and warm-up cancel out.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench instructions --no-run >/dev/null 2>&1
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for method in get post; do
  for side in generated handwritten; do
    a=$(count "$side" "$method" 200)
    b=$(count "$side" "$method" 400)
    per=$(( (b - a) / 200 ))
    echo "$method $side $per"
  done
done | awk '{ v[$1" "$2]=$3; print $1, $2, $3, "instructions/call" }
  END { for (m in x) {} ; split("get post", ms, " ");
        for (i in ms) { m=ms[i]; printf "%s ratio generated/handwritten %.3f\n", m, v[m" generated"]/v[m" handwritten"] } }'
