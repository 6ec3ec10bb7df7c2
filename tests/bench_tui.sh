#!/bin/sh
# Bytes pilote play writes to the terminal: per navigation keystroke (down
# in a list) and per screen switch (Tab), measured with tmux pipe-pane on a
# session of the default scenario at 80x24.  Prints figures, asserts nothing.
set -u
BIN=$(cd "$(dirname "${1:-./pilote}")" && pwd)/$(basename "${1:-./pilote}")
cd "$(dirname "$0")/.." || exit 1
DIR=$(mktemp -d)
T="tmux -L pilote-bench-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$DIR"' EXIT INT TERM
export PILOTE_FAKE_TIME=1800000000000
"$BIN" new scenarios/lancement-hydra.cfg -o "$DIR/s.jsonl" --seed 1 \
    --team 'Alpha=Léa Martin,Hugo Petit' --team 'Bêta=Zoé Roux' >/dev/null
$T new-session -d -s b -x 80 -y 24 "env LANG=C.UTF-8 TERM=screen-256color PILOTE_FAKE_TIME=$PILOTE_FAKE_TIME $BIN play $DIR/s.jsonl"
$T set-option -t b window-size manual >/dev/null
i=0
until $T capture-pane -p -t b | grep -q "1 Équipes"; do
	sleep 0.1; i=$((i + 1)); [ $i -gt 100 ] && { echo "pilote play ne démarre pas"; exit 1; }
done
$T pipe-pane -t b -o "cat >> $DIR/out"
settle() {	# waits until the output stops growing
	last=-1
	while :; do
		sleep 0.2
		now=$(wc -c <"$DIR/out" 2>/dev/null || echo 0)
		[ "$now" = "$last" ] && break
		last=$now
	done
}
measure() {	# label keys count
	settle
	before=$(wc -c <"$DIR/out" 2>/dev/null || echo 0)
	n=0
	while [ $n -lt "$3" ]; do
		$T send-keys -t b $2
		n=$((n + 1))
	done
	settle
	after=$(wc -c <"$DIR/out")
	keys_per=$(echo "$2" | wc -w)
	echo "$1 : $(( (after - before) / ($3 * keys_per) )) octets par touche ($(( $3 * keys_per )) touches)"
}
: >"$DIR/out"
measure "navigation (↓ ↑ alternés dans la liste des équipes, 80×24)" "Down Up" 10
$T send-keys -t b 2
measure "défilement d'une ligne (j dans le brief, 80×24)" j 10
measure "changement d'écran (Tab, 80×24)" Tab 12
$T resize-window -t b -x 200 -y 60
measure "changement d'écran (Tab, 200×60)" Tab 12
