#!/bin/sh
# A class on several terminals, in one private tmux server at 80x24: the
# trainer's screen runs `pilote host` (window "formateur") and two team
# consoles run `pilote join` (windows "alpha" and "beta"), as separate
# processes on the session's socket:
#   - the overview shows each team's join code and nobody connected; a
#     wrong code is refused; the codes read on the overview let Alpha and
#     Bêta in (Bêta's typed in lower case), and the overview then says who
#     is connected and since when;
#   - the trainer opens piloting and injects a catalogue incident for Alpha
#     only: it shows on Alpha's Incidents screen, not on Bêta's (Bêta is
#     caught up: a later message to every team shows on its Journal);
#   - Alpha answers from its console, justified with accents, and the
#     trainer's overview counts one open incident less;
#   - the host is killed (kill -9): both consoles say they are offline;
#     a second incident is answered on Alpha's console meanwhile and stays
#     pending; the host is started again: the consoles come back by
#     themselves, the pending answer is journaled once, and the overview
#     shows the consoles and Alpha's incidents answered;
#   - outside tmux, `pilote verify` passes and the journal holds each
#     answer once, accents intact.
# The clock is frozen (PILOTE_FAKE_TIME): consoles joined "08:00" (UTC).
TEST_NAME=host_consoles
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' \
    EXIT INT TERM
cp -R scenarios "$WORK/scenarios"
mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
S=saves/classe.jsonl
ENV="env -i PATH=/usr/bin:/bin HOME=${HOME:-/tmp} ${PILOTE_TRAINER_KEY:+PILOTE_TRAINER_KEY=$PILOTE_TRAINER_KEY} LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $EXTRA_ENV"

# The window the helpers of lib.sh look at and type into.
W=formateur
on() { W=$1; }
screen() { $T capture-pane -p -t "app:$W"; }
keys() { $T send-keys -t "app:$W" "$@"; }

fail() {
	echo "ÉCHEC ($TEST_NAME) : $* [fenêtre $W]"
	screen | sed 's/^/    | /'
	exit 1
}

# window NAME COMMAND: a new window of the same size running COMMAND.
window() {
	_w=$1
	shift
	$T new-window -d -t app -n "$_w" \
	    "$ENV sh -c '$*'; echo \"[fin: \$?]\"; sleep 600"
}

# rerun COMMAND: what runs in window W is killed and COMMAND runs there.
rerun() {
	$T respawn-pane -k -t "app:$W" \
	    "$ENV sh -c '$*'; echo \"[fin: \$?]\"; sleep 600"
}

# shot NAME: with SHOTS set (a directory), window W's screen goes there.
shot() {
	[ -z "${SHOTS:-}" ] || screen >"$SHOTS/$1.txt"
}

# code TEAM ROW: TEAM's join code, hidden on the overview (it is what the
# projector shows) until v reveals the chosen team's (" Alpha  K7MQ-2XPA").
code() {
	on formateur
	keys Up Up Up Up Up Up Up Up
	_r=0
	while [ $_r -lt "$2" ]; do keys Down; _r=$((_r + 1)); done
	keys v
	wait_re "^ $1 +[A-Z0-9]{4}-[A-Z0-9]{4} "
	$T capture-pane -p -t app:formateur | awk -v t="$1" \
	    '$1 == t && $2 ~ /^[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]-[A-Z0-9]+$/ \
	    { print $2; exit }'
}

# open_incidents TEAM: the « incid. » column of TEAM on the overview (the
# second column after « livrés », n/14).
open_incidents() {
	$T capture-pane -p -t app:formateur | awk -v t="$1" '
	    $1 == t { for (i = 2; i < NF; i++) if ($i ~ /^[0-9]+\/[0-9]+$/) {
		print $(i + 2); exit } }'
}

# wait_incidents TEAM N: polls the overview until TEAM has N open incidents.
wait_incidents() {
	_wi=0
	while [ "$(open_incidents "$1")" != "$2" ]; do
		_wi=$((_wi + 1))
		[ $_wi -le 100 ] || { on formateur; fail "$1 : $2 incident(s) \
ouvert(s) attendu(s), l'écran en montre $(open_incidents "$1")"; }
		sleep 0.1
	done
}

# The pid of pilote in window W (a descendant of the pane's shell).
pilote_pid() {
	ps -e -o pid=,ppid=,comm= | awk -v root="$($T display -p -t "app:$W" \
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

# answer WHY: on a console's Incidents screen, answers the selected
# incident with option b, justified by WHY (typed as is, accents included).
answer() {
	wait_for "Options (Entrée pour choisir et répondre)"
	keys Enter
	wait_for "Options : ↑ ↓ choisir"
	keys b
	wait_for "▸ b)"
	keys Enter
	wait_for "pourquoi ce choix ?"
	keys -l "$1"
	keys Enter
	wait_for "Répondre b) à l'incident"
	keys o
}

"$BIN" new "$WORK/scenarios/lancement-hydra.cfg" -o "$WORK/$S" --seed 7 \
    --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget' \
    --team 'Bêta=Zoé Roux:pilote,Max Blanc' \
    --team 'Gamma=Ana Lopez' >/dev/null || fail "pilote new"

# --- the trainer's screen, the codes, the consoles joining -------------
start 80 24 "cd $WORK && $BIN host $S"
$T rename-window -t app formateur
on formateur
wait_for "consoles       code       connectés, depuis"
# No code on the projected overview until one is asked for.
for t in Alpha Bêta Gamma; do
	wait_re "^ $t +••••-••••  aucune console"
done
screen | grep -qE '[A-Z0-9]{4}-[A-Z0-9]{4}' && fail "un code d'accès est visible sans avoir été demandé"
CA=$(code Alpha 0)
wait_for "visible 10 s : ne projetez pas cet écran"
CB=$(code Bêta 1)
# Revealing Bêta's hides Alpha's again.
wait_re "^ Alpha +••••-••••"
shot overview-code-revealed
[ -n "$CA" ] && [ -n "$CB" ] && [ "$CA" != "$CB" ] ||
    fail "codes illisibles sur la vue des équipes : « $CA » « $CB »"

window beta "cd $WORK && $BIN join $S --team Bêta --as \"Zoé Roux\" --code $CA"
on beta
wait_for "code d'accès incorrect"
wait_for "[fin: 69]"
lower=$(printf '%s' "$CB" | tr 'A-Z' 'a-z')
rerun "cd $WORK && $BIN join $S --team Bêta --as \"Zoé Roux\" --code $lower"
wait_for "Console de l'équipe Bêta — Zoé Roux."
wait_for "● en ligne"
window alpha "cd $WORK && $BIN join $S --team Alpha --as \"Léa Martin\" --code $CA"
on alpha
wait_for "Console de l'équipe Alpha — Léa Martin."
wait_for "● en ligne"
on formateur
wait_re "^ Alpha +••••-••••  Léa Martin 08:00"
wait_re "^ Bêta +[A-Z0-9•]{4}-[A-Z0-9•]{4}  Zoé Roux 08:00"
wait_re "^ Gamma +••••-••••  aucune console"
shot overview-codes

# --- piloting opened, an incident for Alpha only -----------------------
keys o
wait_for "Ouvrir le pilotage ?"
keys o
wait_for "Enregistré (événement n°1)"
wait_for "s clôturer la semaine"
for w in alpha beta; do
	on $w
	wait_for "S1/8 pilotage"
done
on formateur
keys i
wait_for "Injecter quel incident ?"
keys Down Enter
wait_for "Pour quelle équipe ?"
keys Down Enter
wait_for "L'injecter ?"
keys o
wait_for "Enregistré (événement n°2)"
wait_incidents Alpha 1
wait_incidents Bêta 0
TITLE="Le tournage du spot est compromis"
keys m
wait_for "Message"
keys -l "Pause à 10 h 30 : café en salle B."
keys Enter
wait_for "À quelle équipe ?"
keys Enter
wait_for "Enregistré (événement n°3)"

on alpha
# The message shows on the team's screen as it arrives.
wait_for "Message du formateur à toutes les équipes : Pause à 10 h 30"
keys 5
wait_for "Incidents de l'équipe Alpha"
wait_for "$TITLE"
on beta
wait_for "Message du formateur à toutes les équipes : Pause à 10 h 30"
keys 8
wait_for "Pause à 10 h 30 : café en salle B."
keys 5
wait_for "Incidents de l'équipe Bêta"
wait_for "Aucun incident pour l'instant"
screen | grep -qF "$TITLE" && fail "l'incident d'Alpha s'affiche chez Bêta"
shot beta-incidents

# --- Alpha answers from its console: the overview counts it ------------
on alpha
answer "Pas de surcoût : on décale le tournage, la qualité « outdoor » est gardée."
wait_for "Choix de Léa Martin (événement n°4)"
shot alpha-answered
wait_incidents Alpha 0

# --- the host killed, the consoles offline, then back by themselves ----
on formateur
keys i
wait_for "Injecter quel incident ?"
keys Down Down Down Down Down Enter
wait_for "Pour quelle équipe ?"
keys Down Enter
wait_for "L'injecter ?"
keys o
wait_for "Enregistré (événement n°5)"
wait_incidents Alpha 1
pid=$(pilote_pid)
[ -n "$pid" ] || fail "processus pilote host introuvable"
kill -9 "$pid"
wait_for "[fin: 137]"
for w in alpha beta; do
	on $w
	wait_for "⚠ HORS LIGNE : reconnexion…"
	wait_for "Hôte injoignable : reconnexion automatique"
done
# Answered while the host is away: pending, resent on reconnection.
on alpha
keys Home
wait_for "Options (Entrée pour choisir et répondre)"
answer "Réponse donnée hors ligne : l'hôte l'enregistrera à son retour."
wait_for "En attente : pas encore confirmé"
wait_for "⚠ HORS LIGNE : reconnexion… (1 en attente)"
shot alpha-offline
on formateur
rerun "cd $WORK && $BIN host $S"
wait_for "consoles       code       connectés, depuis"
for w in alpha beta; do
	on $w
	wait_for "Reconnecté à l'hôte : la console est à jour."
	wait_for "● en ligne"
	wait_gone "HORS LIGNE"
done
on alpha
wait_for "— justification : Réponse donnée hors ligne"
on formateur
wait_re "^ Alpha +••••-••••  Léa Martin 08:00"
wait_re "^ Bêta +••••-••••  Zoé Roux 08:00"
wait_incidents Alpha 0
shot overview-after-restart

# --- the journal ---------------------------------------------------------
"$BIN" verify "$WORK/$S" >/dev/null 2>&1 || fail "pilote verify échoue"
n=$(grep -c '"type":"repondre"' "$WORK/$S")
[ "$n" = 2 ] || fail "$n réponse(s) au journal au lieu de 2"
grep -qF "Réponse donnée hors ligne : l'hôte l'enregistrera à son retour." \
    "$WORK/$S" || fail "la réponse renvoyée n'est pas au journal"
grep -qF "la qualité « outdoor » est gardée" "$WORK/$S" ||
    fail "la justification accentuée n'est pas au journal"
echo "ok - $TEST_NAME"
