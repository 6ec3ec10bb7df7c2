#!/bin/sh
# pilote play on the default scenario: the brief shows with its accents, the
# reader scrolls, the help overlay opens and closes, resizes relayout the
# text (and below 80x24 the screen says how big it must be), q quits with 0.
TEST_NAME=play_brief
. tests/e2e/lib.sh

start 80 24 "$BIN" play
wait_for "Lancement dans"
wait_for "Le brief du client"
wait_for "? aide   q quitter"
keys G
wait_for "Points de situation prévus"
wait_for "100 %"
keys g
wait_for "Le brief du client"
keys '?'
wait_for "afficher / masquer cette aide"
keys j
wait_gone "afficher / masquer cette aide"
resize 60 20
wait_for "Agrandissez le terminal"
wait_for "il faut 80×24 au moins"
wait_for "(actuellement 60×20)"
resize 120 40
wait_for "Le brief du client"
keys q
wait_for "[fin: 0]"
echo "ok $TEST_NAME"
