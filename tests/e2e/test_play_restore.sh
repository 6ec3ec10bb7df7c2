#!/bin/sh
# Where the user is survives the end of the program: in `pilote play` at
# 100x30, team Alpha selects row 6 of Cadrage › Lots and the third way of
# doing it (the second offer), the second column of the Kanban (after the
# fourth card of the first), and option b of an incident it is answering;
# the program is killed (kill -9) while the options have the keyboard, then
# restarted: the incident comes back with option b selected, Lots on row 6
# and its column, the Kanban on its column and the card of the first.  The
# options let go, the program is quit with q and reopened: Lots and the
# Kanban again as they were.  A damaged or hostile .ui file (garbage,
# values far out of bounds, a FIFO, a link) opens the session all the same.
# Then `pilote replay`: the team's state at an event reads its money as the
# screens do, « 220 000 € » (text_money: no-break spaces U+00A0).  The
# clock is frozen (PILOTE_FAKE_TIME): the incident's countdown stays put.
TEST_NAME=play_restore
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cp -r scenarios "$WORK/" && mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
nb=$(printf '\302\240')	# text_money groups and ends with U+00A0
esc=$(printf '\033')

fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}

# attr SGR TEXT WHAT: polls until TEXT is drawn with the attributes SGR
# (capture-pane -e), else fails saying WHAT.
attr() {
	n=0
	until $T capture-pane -e -p -t app | grep -q "${esc}\[$1m *$2"; do
		n=$((n + 1))
		[ $n -le 50 ] || fail "$3"
		sleep 0.1
	done
}

# selected TEXT: TEXT is drawn in reverse video (ROLE_SELECTED).
selected() {
	attr 7 "$1" "« $1 » n'est pas la sélection"
}

# ui_has LINE: polls the .ui file until it holds LINE (it is written
# atomically, a fraction of a second after the key at most).
ui_has() {
	n=0
	until grep -qx -- "$1" "$S.ui" 2>/dev/null; do
		n=$((n + 1))
		[ $n -le 50 ] || { cat "$S.ui"; fail "« $1 » absent de $S.ui"; }
		sleep 0.1
	done
}

# The pid of pilote in the window (a descendant of the pane's shell).
pilote_pid() {
	ps -e -o pid=,ppid=,comm= | awk -v root="$($T display -p -t app \
	    '#{pane_pid}')" '
	    { parent[$1] = $2; name[$1] = $3 }
	    END {
		for (p in name) {
			if (name[p] != "pilote")
				continue
			for (q = p; q in parent && q != 1; q = parent[q])
				if (q == root) { print p; exit }
		}
	    }'
}

# Lots on row 6, the second offer's column (Julien Morel).
check_lots() {
	keys 3
	wait_for "o Outils  l Lots"
	wait_for "6 Plan de marquage, consentement et tableau de bord — 5 j·p"
	selected "Julien Morel"
}

# The Kanban on « En cours » (empty), the first column on its fourth card.
check_kanban() {
	keys 4
	wait_for "t Tableau de bord  g Gantt  b Kanban"
	wait_for "Colonne vide."
	attr "1;4" "En cours (0)" "la colonne « En cours » n'est pas la colonne choisie"
	keys Left
	wait_for "Spot vidéo 30 s et déclinaisons 6 s et 15 s · sans responsable"
	keys Right
	wait_for "Colonne vide."
}

# --- a demo session, piloting opened, an incident injected for Alpha ---
start 100 30 "cd $WORK && $BIN play"
wait_for "Nouvelle session"
keys Enter
wait_for "Fichier de la session"
keys Enter
wait_for "o ouvrir le pilotage"
S=$(ls "$WORK"/saves/*.jsonl)
keys o
wait_for "Ouvrir le pilotage ?"
keys o
wait_for "S1/8 pilotage"
keys i
wait_for "Injecter quel incident ?"
keys Down Enter
wait_for "Pour quelle équipe ?"
keys Down Enter
wait_for "L'injecter ?"
keys o
wait_for "Enregistré (événement n°"
keys e
wait_for "Quelle équipe prend le clavier ?"
keys Enter
wait_for "Équipe Alpha au clavier"

# --- Cadrage › Lots: row 6, third column ---
keys 3
wait_for "o Outils  l Lots"
keys l
wait_for "équipe interne"
keys Down Down Down Down Down Right Right
wait_for "6 Plan de marquage, consentement et tableau de bord — 5 j·p"
selected "Julien Morel"
ui_has "framing.packages.row=5"

# --- Kanban: fourth card of « À faire », then « En cours » ---
keys 4
wait_for "t Tableau de bord"
keys b
wait_for "À faire (14)"
keys Down Down Down
wait_for "Spot vidéo 30 s et déclinaisons 6 s et 15 s · sans responsable"
keys Right
wait_for "Colonne vide."
ui_has "pilot.kanban.column=1"

# --- the incident: its options, b selected, then the program dies ---
keys 5
wait_for "Incidents de l'équipe Alpha"
wait_for "— Le tournage du spot est compromis"
keys Enter
wait_for "Options : ↑ ↓ choisir"
keys Down
wait_for "▸ b)"
ui_has "incidents.option=1"
pid=$(pilote_pid)
[ -n "$pid" ] || fail "processus pilote introuvable"
kill -9 "$pid"
wait_for "[fin: 137]"

# --- restarted: the three as they were ---
respawn "cd $WORK && $BIN play $S"
wait_for "Options : ↑ ↓ choisir"
wait_for "▸ b)"
wait_for "Incidents de l'équipe Alpha"
screen | grep -q "▸ a)" && fail "l'option a est sélectionnée après la reprise"
keys Escape
wait_for "Options (Entrée pour choisir et répondre)"
check_lots
check_kanban

# --- quit with q, reopened: the same again ---
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
respawn "cd $WORK && $BIN play $S"
wait_for "Colonne vide."
check_lots
check_kanban
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"

# --- a damaged .ui file never stops the session from opening ---
cp "$S.ui" "$WORK/ui.good"
{
	echo "pilote-ui 2"
	echo "team=99999"
	echo "actor=-3"
	echo "screen=../../etc"
	echo "framing.view=99999"
	echo "framing.packages.row=99999"
	echo "framing.packages.column=4294967296"
	echo "pilot.kanban.column=7"
	echo "incidents.choosing=1"
	echo "incidents.option=99999"
	echo "incidents.occurrence=99999"
	echo "overview.row=99999"
	head -c 3000 /dev/urandom | tr -d '\000'
	printf 'framing.%0200d=1\n' 0
	echo "results.team=99999"
} >"$S.ui"
respawn "cd $WORK && $BIN play $S"
wait_for "$(basename "$S") "
keys 3
wait_for "o Outils  l Lots"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
head -1 "$S.ui" | grep -qx "pilote-ui 2" || fail "le .ui n'a pas été réécrit"
# A FIFO is never waited on, a link never followed (read or written).
for kind in fifo link; do
	rm -f "$S.ui"
	if [ $kind = fifo ]; then mkfifo "$S.ui"; else
		cp "$WORK/ui.good" "$WORK/elsewhere"
		ln -s "$WORK/elsewhere" "$S.ui"
	fi
	respawn "cd $WORK && $BIN play $S"
	wait_for "$(basename "$S") "
	screen | grep -q "Colonne vide." && fail "le .ui a été lu à travers un lien"
	keys q
	wait_for "Quitter pilote ?"
	keys o
	wait_for "[fin: 0]"
done
cmp -s "$WORK/ui.good" "$WORK/elsewhere" || fail "le .ui a été écrit à travers un lien"
rm -f "$S.ui"

# --- the replay's team view: money as every screen writes it ---
respawn "$BIN replay $S"
wait_for "intact"
keys 2
wait_for "Budget par ligne"
wait_for "Enveloppe 220${nb}000${nb}€"
screen | grep -q "220000 €" && fail "le rejeu écrit encore « 220000 € »"
keys q
wait_for "[fin: 0]"
echo "ok $TEST_NAME"
