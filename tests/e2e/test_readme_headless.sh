#!/bin/sh
# The headless walkthrough of README.md runs as written (in a temporary
# directory), except the incident answer whose number and option depend on
# the draws: the documentation cannot rot silently.
TEST_NAME=readme_headless
set -u
BIN=${BIN:-./pilote}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT INT TERM
export PILOTE_FAKE_TIME=1800000000000
awk '/^# 1. Créer la session/ { on = 1 } on && /^```$/ { exit } on { print }' README.md |
    grep -v 'repondre incident=' |
    sed "s|\./pilote |$BIN |g; s|saves/classe-a.jsonl|$DIR/a.jsonl|g" >"$DIR/walkthrough.sh"
[ -s "$DIR/walkthrough.sh" ] || { echo "ÉCHEC ($TEST_NAME) : exemple introuvable dans README.md"; exit 1; }
if ! sh -e "$DIR/walkthrough.sh" >"$DIR/out.txt" 2>&1; then
	echo "ÉCHEC ($TEST_NAME) : une commande du README échoue :"
	tail -n 5 "$DIR/out.txt"
	exit 1
fi
grep -q ": intact," "$DIR/out.txt" || { echo "ÉCHEC ($TEST_NAME) : verify"; exit 1; }
echo "ok $TEST_NAME"
