#!/bin/sh
# make bench: the table of issue 13, measured in one run.  Each figure is
# pilote against a yardstick measured in the same run on the same file
# (`jq -c .`, `b2sum`, a write+fdatasync loop), as CPU-time minimum and
# median of several runs (tests/bench_run.c), and the ratio against its
# goal.  Asserts nothing: `make test` has no timing assertion.
set -u
BIN=${1:-./pilote}
GEN=${2:-build/plain/bench_journal}
RUN=${3:-build/plain/bench_run}
RUNS=${BENCH_RUNS:-5}
cd "$(dirname "$0")/.." || exit 1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
export PILOTE_TRAINER_KEY=${PILOTE_TRAINER_KEY:-$dir/formateur.key}

# measure NAME CMD...: "min median rss_kib" into $dir/NAME.
measure() {
	name=$1
	shift
	"$RUN" "$RUNS" "$@" >"$dir/$name" 2>"$dir/$name.err" ||
		{ echo "0 0 0" >"$dir/$name"; echo "  ($name : $(tail -n 1 "$dir/$name.err"))"; }
}
med() { awk '{ print $2 }' "$dir/$1"; }
mn() { awk '{ print $1 }' "$dir/$1"; }
rss() { awk '{ printf "%.0f", $3 / 1024 }' "$dir/$1"; }
# row MEASURE PILOTE REPÈRE RAPPORT OBJECTIF OK
# Markdown: printf pads bytes, not characters, so columns are not padded.
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
ok() { awk -v v="$1" -v op="$2" -v g="$3" 'BEGIN { r = (op == "ge") ? v >= g : v <= g; print r ? "oui" : "non" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

for n in 10000 100000 300000; do
	[ -n "${BENCH_QUICK:-}" ] && [ $n -gt 100000 ] && continue
	"$GEN" "$dir/j$n.jsonl" $n >/dev/null 2>&1 || { echo "générateur en échec ($n)"; exit 1; }
done
# A class day: eight teams played by the policies, about 5 000 events.
"$GEN" "$dir/class.jsonl" 5000 class >/dev/null 2>&1 || { echo "générateur en échec (journée)"; exit 1; }

echo "make bench : $RUNS mesures par ligne, temps CPU (min / médiane), machine : $(nproc) cœur(s)"
echo
row "mesure" "pilote (min / méd.)" "repère (min / méd.)" "rapport" "objectif" "ok"
row "---" "---" "---" "---" "---" "---"
for n in 10000 100000 300000; do
	f=$dir/j$n.jsonl
	[ -f "$f" ] || continue
	mb=$(($(wc -c <"$f") / 1000000))
	measure show$n "$BIN" show --json "$f"
	measure jq$n jq -c . "$f"
	measure b2$n b2sum "$f"
	measure verify$n "$BIN" verify "$f"
	r=$(ratio "$(med jq$n)" "$(med show$n)")
	row "show --json, $n événements ($mb Mo)" "$(mn show$n) / $(med show$n) s" "jq $(mn jq$n) / $(med jq$n) s" "${r}× jq" "≥ 4× plus rapide" "$(ok "$r" ge 4)"
	r=$(ratio "$(med verify$n)" "$(med b2$n)")
	row "verify, $n événements" "$(mn verify$n) / $(med verify$n) s" "b2sum $(mn b2$n) / $(med b2$n) s" "${r}× b2sum" "≤ 3× b2sum" "$(ok "$r" le 3)"
	row "RSS max de show, $n événements" "$(rss show$n) Mio" "fichier $mb Mo" "—" "≤ 32 Mio" "$(ok "$(rss show$n)" le 32)"
	row "RSS max de verify, $n événements" "$(rss verify$n) Mio" "fichier $mb Mo" "—" "≤ 32 Mio" "$(ok "$(rss verify$n)" le 32)"
done
measure report "$BIN" export report "$dir/class.jsonl" -o "$dir/r.html"
measure showc "$BIN" show "$dir/class.jsonl"
r=$(ratio "$(med report)" "$(med showc)")
row "export report, journée de classe ($(($(wc -l <"$dir/class.jsonl") - 1)) événements)" "$(mn report) / $(med report) s" "show $(mn showc) / $(med showc) s" "${r}× show" "≤ 2× show" "$(ok "$r" le 2)"
for s in scenarios/*.cfg; do
	out1=$("$BIN" simulate "$s" --runs 1000 --jobs 1 | sed -n 's/^\([0-9]*\) parties par seconde.*/\1/p')
	outn=$("$BIN" simulate "$s" --runs 2000 | sed -n 's/^\([0-9]*\) parties par seconde.*processus)$/\1/p;s/^\([0-9]*\) parties par seconde.*/\1/p' | head -n 1)
	row "simulate, $(basename "$s" .cfg)" "$out1 parties/s (1 cœur)" "$outn parties/s ($(nproc) cœurs)" "$(ratio "$outn" "$out1")× 1 cœur" "≥ 10 000 / cœur" "$(ok "$out1" ge 10000)"
done
fs=$("$RUN" fsync 500 "$dir" 2>/dev/null || echo 0)
row "boucle write+fdatasync (repère de l'hôte)" "—" "$fs op/s" "—" "—" "—"
echo
echo "Ci-dessous : l'hôte (tests/bench_host.sh), le rejeu (tests/bench_replay.sh), les octets par touche (tests/bench_tui.sh)."
