#!/bin/sh
# pilote codes prints exactly the codes the host accepts: the same as
# pilote host --headless shows, renewed ones included (keys/SESSION.codes),
# while the host runs (no writer's lock taken); without keys/ it refuses
# with 77 and a French message.
TEST_NAME=codes
set -u
BIN=${BIN:-./pilote}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DIR=$(mktemp -d)
HPID=
trap '[ -n "$HPID" ] && kill "$HPID" 2>/dev/null; rm -rf "$DIR"' EXIT INT TERM
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
cp tests/fixtures/trainer-test.key "$DIR/formateur.key"
chmod 600 "$DIR/formateur.key"
export PILOTE_TRAINER_KEY="$DIR/formateur.key"
S=$DIR/a.jsonl
"$BIN" new scenarios/lancement-hydra.cfg -o "$S" \
    --team "Alpha=Léa Martin:pilote,Hugo Petit:budget" --team 'Beta=Zoé Roux:pilote' >/dev/null ||
	fail "new"
# Renewed codes, as the host's r and c keys leave them.
printf '{"teams":{"Alpha":1},"candidates":{"Alpha":{"Léa Martin":2}}}\n' >"$DIR/keys/a.jsonl.codes"
chmod 600 "$DIR/keys/a.jsonl.codes"
"$BIN" host "$S" --headless >"$DIR/host.out" 2>&1 &
HPID=$!
i=0
until grep -q 'Zoé Roux' "$DIR/host.out" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "l'hôte ne démarre pas"; sleep 0.1
done
"$BIN" codes "$S" -o "$DIR/codes.html" 2>"$DIR/err" || { cat "$DIR/err"; fail "pilote codes pendant que l'hôte tourne"; }
printed=$(grep -o 'class="code">[^<]*' "$DIR/codes.html" | sed 's/.*>//; s/-//' | tr '\n' ' ')
hosted=$(grep -E '^  (Alpha|Beta) ' "$DIR/host.out" | awk '{print $NF}' | tr '\n' ' ')
# Host order: teams, then candidates; slips: each team then its candidates.
set -- $hosted
want="$1 $3 $4 $2 $5 "
[ "$printed" = "$want" ] || fail "codes des fiches « $printed » ≠ codes de l'hôte « $want »"
kill "$HPID"; HPID=
mv "$DIR/keys" "$DIR/keys.away"
"$BIN" codes "$S" -o "$DIR/none.html" >/dev/null 2>"$DIR/err"
[ $? -eq 77 ] || fail "sans keys/ : code de sortie 77 attendu"
grep -q 'seul le formateur' "$DIR/err" || fail "sans keys/ : message du formateur absent"
[ -e "$DIR/none.html" ] && fail "fiches écrites sans la clé"
echo "ok $TEST_NAME"
