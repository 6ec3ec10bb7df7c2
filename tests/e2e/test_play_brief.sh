#!/bin/sh
# pilote play on the default scenario: the demo session starts with one key,
# the trainer's overview shows, the brief tab scrolls, the help overlay
# opens and closes, a resize below 80x24 says how big the terminal must be
# and a resize back restores the screen, colours can be turned off, q asks
# before quitting; reopening the session comes back to the same screen.
TEST_NAME=play_brief
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cp -r scenarios "$WORK/" && mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000 NO_COLOR=1"

start 80 24 "cd $WORK && $BIN play"
wait_for "Nouvelle session"
keys Enter
wait_for "Fichier de la session"
keys Enter
wait_for "1 Équipes"
wait_for "Alpha"
wait_for "o ouvrir le pilotage"
# In framing, injecting is refused before anything is typed.
keys i
wait_for "Refusé : les incidents s'injectent pendant le pilotage"
seen_title=$(screen | grep -c "Injecter quel incident" || true)
[ "$seen_title" -eq 0 ] || { echo "ÉCHEC ($TEST_NAME) : le formulaire d'incident s'ouvre en cadrage"; exit 1; }
keys 2
wait_for "Le brief du client"
keys G
wait_for "Points de situation prévus"
keys g
wait_for "Le brief du client"
keys '?'
wait_for "Touches de l'écran « Brief »"
keys j
wait_gone "Touches de l'écran « Brief »"
resize 60 20
wait_for "(actuellement 60×20)"
resize 80 24
wait_for "Le brief du client"
keys q
wait_for "Quitter pilote ?"
keys n
wait_gone "Quitter pilote ?"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
session=$(ls "$WORK"/saves/*.jsonl)
[ -f "$session" ] || { echo "ÉCHEC ($TEST_NAME) : pas de session créée"; exit 1; }
# Colours were off: no SGR colour sequence in the capture with escapes.
respawn "cd $WORK && $BIN play $session"
wait_for "Le brief du client"
if $T capture-pane -p -e -t app | grep -q "$(printf '\033')\[3[0-7]m"; then
	echo "ÉCHEC ($TEST_NAME) : des couleurs malgré NO_COLOR"
	exit 1
fi
# A second demo in the same minute is offered a new file, not the first.
respawn "cd $WORK && $BIN play"
wait_for "Nouvelle session"
keys Enter
wait_for "Fichier de la session"
wait_for "$(basename "$session" .jsonl)-2.jsonl"
keys Enter
wait_for "o ouvrir le pilotage"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
[ "$(ls "$WORK"/saves/*.jsonl | wc -l)" -eq 2 ] ||
	{ echo "ÉCHEC ($TEST_NAME) : la seconde démo n'a pas créé sa propre session"; exit 1; }
echo "ok $TEST_NAME"
