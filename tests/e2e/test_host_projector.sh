#!/bin/sh
# The projector, at 80x24: `pilote host --project` opens the trainer's
# screen on the projection view — the week, the status point's and the
# next incident's countdowns in big block digits, which teams have handed
# in, the last message — and no join code, no budget; P goes back to the
# overview, where the codes stay hidden until v.
TEST_NAME=host_projector
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cp -r scenarios "$WORK/"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
export PILOTE_FAKE_TIME=1800000000000
S=$WORK/s.jsonl
fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}
trainer() { "$BIN" do "$S" --trainer -- "$@" >/dev/null || fail "formateur : $*"; }
"$BIN" new "$WORK/scenarios/lancement-hydra.cfg" -o "$S" --seed 7 \
    --team 'Alpha=Léa Martin:pilote' --team 'Beta=Zoé Roux:pilote' >/dev/null || fail "new"
trainer ouvrir_pilotage
trainer cloturer_semaine
trainer demander_point point=point_s2
trainer message "texte=Pause à 10 h 30 : café en salle B."
start 80 24 "cd $WORK && $BIN host $S --project"
wait_for "Semaine 2 sur 8"
wait_for "Point de situation à rendre"
# The status point's 15 minutes in big digits: « 15:00 ».
wait_for "  █   █████       █████ █████"
wait_for "Prochain incident à traiter"
wait_for "Alpha : points 0/1"
wait_for "Message : Pause à 10 h 30 : café en salle B."
screen | grep -qE '[A-Z0-9]{4}-[A-Z0-9]{4}' && fail "un code d'accès est projeté"
screen | grep -q '€' && fail "un montant est projeté"
keys P
wait_for "consoles       code"
wait_re "^ Alpha +••••-••••"
keys P
wait_for "Prochain incident à traiter"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
echo "ok $TEST_NAME"
