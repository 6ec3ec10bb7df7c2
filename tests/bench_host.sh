#!/bin/sh
# make bench, the session host's rows of the issue-13 table, in the format
# of tests/bench.sh: eight teams of four consoles against the host, the
# write+fdatasync loop measured in the same run on the same directory,
# BENCH_RUNS passes (min and median of each), ratios against the goals
# (tests/bench_host.c measures; this formats).  Asserts nothing.
set -u
BIN=${1:-./pilote}
BENCH=${2:-build/plain/bench_host}
RUN=${3:-build/plain/bench_run}
RUNS=${BENCH_HOST_RUNS:-${BENCH_RUNS:-5}}
CMDS=${BENCH_HOST_COMMANDS:-100}
HIST=${BENCH_HOST_HISTORY:-100000}
cd "$(dirname "$0")/.." || exit 1
dir=build/bench-host
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
export PILOTE_TRAINER_KEY=${PILOTE_TRAINER_KEY:-$(pwd)/build/bench-keys/formateur.key}

"$BENCH" "$BIN" "$RUN" "$dir" "$RUNS" "$CMDS" "$HIST" >"$out" ||
	echo "  (bench_host en échec : les lignes ci-dessous ne comptent que les passes finies)"

# stat KIND COLUMN: "min median" of that column of the KIND lines.
stat() {
	awk -v k="$1" -v c="$2" '$1 == k { v[n++] = $c }
	END {
		if (n == 0) { print "0 0"; exit }
		for (i = 0; i < n; i++) for (j = i + 1; j < n; j++)
			if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		print v[0], v[int((n - 1) / 2)]
	}' "$out"
}
mn() { echo "$1" | awk '{ print $1 }'; }
med() { echo "$1" | awk '{ print $2 }'; }
sum() { awk -v k="$1" -v c="$2" '$1 == k { s += $c } END { print s + 0 }' "$out"; }
count() { awk -v k="$1" '$1 == k { n++ } END { print n + 0 }' "$out"; }
row() { printf '| %-44s | %-22s | %-22s | %-10s | %-16s | %-3s |\n' "$@"; }
ok() { awk -v v="$1" -v op="$2" -v g="$3" 'BEGIN { r = (op == "ge") ? v >= g : v <= g; print r ? "oui" : "non" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

fs=$(stat fsync 3)
st=$(stat start 3)
sp=$(stat start 4)
hi=$(stat history 3)
hp=$(stat history 4)
rj=$(stat rejoin 4)
pp=$(stat paced 4)
hc=$(stat start 7)
cc=$(stat start 8)
passes=$(count fsync)
refused=$(($(sum start 6) + $(sum history 6)))

echo
echo "hôte de session : $passes passe(s), 8 équipes × 4 consoles (une par candidat), $CMDS commandes par console et par passe ; temps réel (min / médiane) ; $refused commande(s) refusée(s)"
echo
row "mesure" "pilote (min / méd.)" "repère (min / méd.)" "rapport" "objectif" "ok"
row "---" "---" "---" "---" "---" "---"
r=$(ratio "$(med "$st")" "$(med "$fs")")
row "hôte, 8 équipes × 4 consoles (acquittées)" "$(mn "$st") / $(med "$st") cmd/s" "fdatasync $(mn "$fs") / $(med "$fs") op/s" "${r}× boucle" "≥ 0,8× boucle" "$(ok "$r" ge 0.8)"
# At full load each command waits for the 31 others (Little's law: 32 /
# throughput on average); paced, the round trip a candidate sees.
little=$(awk -v t="$(med "$st")" 'BEGIN { printf "%.1f", (t > 0 ? 32000 / t : 0) }')
row "hôte, 8 × 4 : p99 à pleine charge" "$(mn "$sp") / $(med "$sp") ms" "32 / débit : $little ms" "—" "≤ 10 ms" "$(ok "$(med "$sp")" le 10)"
row "hôte, 8 × 4 : p99 à 1 000 cmd/s" "$(mn "$pp") / $(med "$pp") ms" "—" "—" "≤ 10 ms" "$(ok "$(med "$pp")" le 10)"
r=$(ratio "$(med "$hi")" "$(med "$st")")
row "hôte, 8 × 4 : CPU par commande acquittée" "hôte $(mn "$hc") / $(med "$hc") µs" "32 consoles $(mn "$cc") / $(med "$cc") µs" "—" "—" "—"
row "hôte après $HIST commandes" "$(mn "$hi") / $(med "$hi") cmd/s" "au début $(mn "$st") / $(med "$st")" "${r}× début" "≥ 0,9× (plat)" "$(ok "$r" ge 0.9)"
row "hôte après $HIST commandes : p99" "$(mn "$hp") / $(med "$hp") ms" "au début $(mn "$sp") / $(med "$sp")" "—" "≤ 10 ms" "$(ok "$(med "$hp")" le 10)"
# Every console of every pass must have joined.
joined=$(sum rejoin 3)
want=$(($(count rejoin) * 32))
all=$([ "$joined" -eq "$want" ] && [ "$want" -gt 0 ] && echo oui || echo non)
ontime=$(ok "$(med "$rj")" le 3)
row "32 consoles rejoignant $HIST événements" "$(mn "$rj") / $(med "$rj") s" "$joined / $want jointes" "—" "toutes, ≤ 3 s" "$([ "$all" = oui ] && echo "$ontime" || echo non)"
