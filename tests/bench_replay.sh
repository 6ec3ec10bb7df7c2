#!/bin/sh
# make bench, the replay rows of issue 13: CPU time of pilote replay to its
# first frame, and per key in the « État » view (→ on, ← back), on a class
# day (tests/bench_journal class) and on generated journals of 100k and
# 300k events; yardsticks measured in the same run: pilote play resuming
# the class day to its first frame, and a key in the events view.  CPU
# time from /proc (utime + stime of the process), peak RSS from VmHWM;
# min and median of BENCH_RUNS runs.  Asserts nothing.
set -u
BIN=$(cd "$(dirname "${1:-./pilote}")" && pwd)/$(basename "${1:-./pilote}")
GEN=${2:-build/plain/bench_journal}
RUNS=${BENCH_RUNS:-3}
KEYS=${BENCH_KEYS:-40}
cd "$(dirname "$0")/.." || exit 1
DIR=$(mktemp -d)
T="tmux -L pilote-bench-replay-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$DIR"' EXIT INT TERM
export PILOTE_TRAINER_KEY=${PILOTE_TRAINER_KEY:-$DIR/formateur.key}
TCK=$(getconf CLK_TCK)

command -v tmux >/dev/null || { echo "replay : tmux absent, lignes non mesurées"; exit 0; }
"$GEN" "$DIR/class.jsonl" 5000 class >/dev/null 2>&1 || { echo "générateur en échec (journée)"; exit 1; }
"$GEN" "$DIR/j100000.jsonl" 100000 >/dev/null 2>&1 || exit 1
[ -n "${BENCH_QUICK:-}" ] || "$GEN" "$DIR/j300000.jsonl" 300000 >/dev/null 2>&1 || exit 1

cpu() { awk -v t="$TCK" '{ printf "%d", ($14 + $15) * 1000 / t }' /proc/"$1"/stat; }
hwm() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' /proc/"$1"/status; }
# Until the process has used no CPU for 0.3 s.
idle() {
	last=-1
	while :; do
		sleep 0.3
		now=$(cpu "$1")
		[ "$now" = "$last" ] && break
		last=$now
	done
}
# start CMD TEXT: runs CMD at 120x40 until TEXT shows; prints its pid.
start() {
	$T kill-session -t b 2>/dev/null
	$T new-session -d -s b -x 120 -y 40 "exec env LANG=C.UTF-8 TERM=screen-256color $1" || return 1
	i=0
	until $T capture-pane -p -t b 2>/dev/null | grep -q "$2"; do
		sleep 0.01
		i=$((i + 1))
		[ $i -gt 6000 ] && return 1
	done
	$T display -p -t b '#{pane_pid}'
}
# keys PID KEY: µs of CPU per KEY, KEYS times, once the process is idle.
keys() {
	idle "$1"
	c0=$(cpu "$1")
	k_=0
	while [ $k_ -lt "$KEYS" ]; do
		$T send-keys -t b "$2"
		k_=$((k_ + 1))
	done
	idle "$1"
	echo $(( ($(cpu "$1") - c0) * 1000 / KEYS ))
}
# goto N: the replay's « aller à » on event N.
goto() {
	$T send-keys -t b g
	sleep 0.2
	$T send-keys -t b -l "$1"
	$T send-keys -t b Enter
}
# stats FILE: "min median" of the numbers in FILE.
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%s %s", v[1], v[int((NR + 1) / 2)] }'; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
ok() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g) ? "oui" : "non" }'; }

: >"$DIR/play"
r=0
while [ $r -lt "$RUNS" ]; do
	pid=$(start "$BIN play $DIR/class.jsonl" "pilote ·") || { echo "pilote play ne démarre pas"; exit 1; }
	cpu "$pid" >>"$DIR/play"; echo >>"$DIR/play"
	r=$((r + 1))
done
set -- $(stats "$DIR/play")
play_min=$1 play_med=$2
for f in class j100000 j300000; do
	[ -f "$DIR/$f.jsonl" ] || continue
	: >"$DIR/first"; : >"$DIR/on"; : >"$DIR/back"; : >"$DIR/list"; : >"$DIR/rss"
	n=$(($(wc -l <"$DIR/$f.jsonl") - 1))
	r=0
	while [ $r -lt "$RUNS" ]; do
		pid=$(start "$BIN replay $DIR/$f.jsonl" "Événements") || { echo "pilote replay ne démarre pas ($f)"; exit 1; }
		cpu "$pid" >>"$DIR/first"; echo >>"$DIR/first"
		goto $((n * 6 / 10))
		keys "$pid" Down >>"$DIR/list"
		$T send-keys -t b 2
		keys "$pid" Right >>"$DIR/on"
		keys "$pid" Left >>"$DIR/back"
		hwm "$pid" >>"$DIR/rss"; echo >>"$DIR/rss"
		r=$((r + 1))
	done
	label=$([ "$f" = class ] && echo "journée de classe ($n)" || echo "$n événements")
	set -- $(stats "$DIR/first"); fmin=$1 fmed=$2
	goal=$([ "$f" = class ] && echo 150 || echo 1500)
	[ "$f" = j300000 ] && goal=4500
	row "replay, premier écran, $label" "$fmin / $fmed ms" "play (reprise, journée) $play_min / $play_med ms" \
	    "$(awk -v a="$fmed" -v b="$play_med" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')× play" "≤ $goal ms" "$(ok "$fmed" "$goal")"
	set -- $(stats "$DIR/list"); lmin=$1 lmed=$2
	set -- $(stats "$DIR/on"); omed=$2 omin=$1
	set -- $(stats "$DIR/back"); bmed=$2 bmin=$1
	worst=$([ "$bmed" -gt "$omed" ] && echo "$bmed" || echo "$omed")
	row "replay « État », une touche, $label" "→ $omin / $omed µs, ← $bmin / $bmed µs" "vue événements ↓ $lmin / $lmed µs" \
	    "$(awk -v a="$worst" -v b="$lmed" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')× liste" "≤ 5 000 µs" "$(ok "$worst" 5000)"
	set -- $(stats "$DIR/rss")
	row "RSS max de replay, $label" "$2 Mio" "—" "—" "≤ 32 Mio" "$(ok "$2" 32)"
done
