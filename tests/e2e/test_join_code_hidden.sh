#!/bin/sh
# pilote join asks for the access code without showing it: typed in a
# classroom, a code is never on the screen (nor left in the terminal).
TEST_NAME=join_code_hidden
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
S=$WORK/s.jsonl
fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}
"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --team 'Alpha=Léa Martin:pilote' \
    >/dev/null || fail "pilote new"
start 80 24 "$BIN join $S --team Alpha --as \"Léa Martin\""
wait_for "il ne s'affiche pas"
keys -l "SECRET42"
keys Enter
# No host serves the session: the console says so, after the prompt.
wait_for "pilote join :"
screen | grep -q "SECRET42" && fail "le code tapé s'affiche"
echo "ok $TEST_NAME"
