#!/bin/sh
# Composing the teams in `pilote play`, at 80x24: a refused team (an empty
# name, 41 characters) is said at once and asked again with what was
# typed; a session file that cannot be created (no such directory) is said
# and asked again; Échap gives up with a word on stderr, exit 0.
TEST_NAME=play_setup
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cp -r scenarios "$WORK/" && mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}
long=$(printf 'A%.0s' $(seq 1 41))
start 80 24 "cd $WORK && $BIN play 2>$WORK/err"
wait_for "Nouvelle session"
keys Down Enter
wait_for "Combien d'équipes ? (1 à 8)"
keys C-u
keys -l "1"
keys Enter
wait_for "Nom de l'équipe 1"
keys -l "$long"
keys Enter
wait_for "Candidats d'AAAA"
keys -l "Léa Martin:pilote"
keys Enter
wait_for "à corriger : équipe n°1 : nom vide ou de plus de"
wait_for "$long"
keys C-u
keys -l "Alpha"
keys Enter
wait_for "Candidats d'Alpha"
wait_for "Léa Martin:pilote"
keys Enter
wait_for "Temps majoré"
keys Enter
wait_for "Fichier de la session"
# A file that cannot be created (its directory is absent): said, and
# asked again with what was typed.
keys C-u
keys -l "absent/s.jsonl"
keys Enter
wait_for "Fichier de la session — impossible"
wait_for "absent/s.jsonl"
keys C-u
keys -l "saves/s.jsonl"
keys Enter
wait_for "o ouvrir le pilotage"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
[ "$(ls "$WORK"/saves/*.jsonl | wc -l)" -eq 1 ] || fail "session non créée"
# Échap in the first dialog: a word on stderr, exit 0.
respawn "cd $WORK && $BIN play 2>$WORK/err"
wait_for "Nouvelle session"
keys Escape
wait_for "[fin: 0]"
grep -q "abandon, aucune session n'a été créée" "$WORK/err" || fail "Échap quitte sans un mot : $(cat "$WORK/err")"
echo "ok $TEST_NAME"
