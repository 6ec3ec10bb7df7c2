#!/bin/sh
# Benchmark of the session host (tests/bench_host.c): commands acknowledged
# per second with six concurrent consoles, and the latency from a command
# to every other console's update.  Prints figures, asserts nothing.
set -u
BIN=${1:-./pilote}
BENCH=${2:-build/plain/bench_host}
cd "$(dirname "$0")/.." || exit 1
dir=build/bench-host
"$BENCH" "$BIN" "$dir" "${BENCH_HOST_COMMANDS:-500}" \
    "${BENCH_HOST_SAMPLES:-300}" || echo "bench_host en échec"
