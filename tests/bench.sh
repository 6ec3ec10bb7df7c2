#!/bin/sh
# Benchmarks: prints figures, asserts nothing.
#  - scenario loading time (pilote check);
#  - journal replay throughput on a generated 100 000-event session
#    (pilote show: read, verify every hash and signature, fold through the
#    engine), side by side with `jq -c .` on the same file;
#  - pilote simulate games per second.
set -u
BIN=${1:-./pilote}
GEN=${2:-build/plain/tests/bench_journal}
EVENTS=${BENCH_EVENTS:-100000}
cd "$(dirname "$0")/.." || exit 1
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

for f in scenarios/*.cfg; do
	start=$(now)
	i=0
	while [ $i -lt 20 ]; do
		"$BIN" check -q "$f" >/dev/null 2>&1
		i=$((i + 1))
	done
	end=$(now)
	echo "chargement de $f : $(( (end - start) / 20000 )) µs"
done

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
start=$(now)
"$GEN" "$dir/bench.jsonl" "$EVENTS" || { echo "générateur en échec"; exit 1; }
end=$(now)
t=$(ms "$start" "$end")
echo "écriture de $EVENTS événements (validation, write + fdatasync, application) : $t ms, $(( EVENTS * 1000 / (t > 0 ? t : 1) )) événements/s"
size=$(wc -c <"$dir/bench.jsonl")
start=$(now)
"$BIN" show "$dir/bench.jsonl" >/dev/null || echo "pilote show en échec"
end=$(now)
t=$(ms "$start" "$end")
echo "rejeu pilote show ($size octets) : $t ms, $(( EVENTS * 1000 / (t > 0 ? t : 1) )) événements/s"
start=$(now)
"$BIN" verify "$dir/bench.jsonl" >/dev/null || echo "pilote verify en échec"
end=$(now)
t=$(ms "$start" "$end")
echo "vérification pilote verify : $t ms, $(( EVENTS * 1000 / (t > 0 ? t : 1) )) événements/s"
if command -v jq >/dev/null 2>&1; then
	start=$(now)
	jq -c . "$dir/bench.jsonl" >/dev/null
	end=$(now)
	t=$(ms "$start" "$end")
	echo "jq -c . sur le même fichier : $t ms, $(( EVENTS * 1000 / (t > 0 ? t : 1) )) événements/s"
else
	echo "jq absent : comparaison omise"
fi
"$BIN" simulate scenarios/lancement-hydra.cfg --runs 300 | tail -n 1
