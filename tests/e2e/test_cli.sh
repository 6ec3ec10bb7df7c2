#!/bin/sh
# The command line outside the terminal screens: help, version, exit codes,
# a brief that reads well when printed, and `pilote mark` (the jury's
# scripted marks: its refusals and their exit codes).
TEST_NAME=cli
set -u
BIN=${BIN:-./pilote}
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }

"$BIN" --help | grep -q "^Usage : pilote COMMANDE" || fail "--help"
"$BIN" --version | grep -q "^pilote [0-9]" || fail "--version"
"$BIN" check --help | grep -q "Usage : pilote check" || fail "check --help"
"$BIN" play --help | grep -q "Usage : pilote play" || fail "play --help"
"$BIN" >/dev/null 2>&1; [ $? -eq 64 ] || fail "sans commande : 64 attendu"
"$BIN" nimportequoi >/dev/null 2>&1; [ $? -eq 64 ] || fail "commande inconnue : 64"
"$BIN" check >/dev/null 2>&1; [ $? -eq 64 ] || fail "check sans fichier : 64"
"$BIN" check /nonexistent.cfg 2>/dev/null; [ $? -eq 66 ] || fail "fichier absent : 66"
"$BIN" play /nonexistent.cfg </dev/null >/dev/null 2>&1; [ $? -ne 0 ] || fail "play hors terminal"
out=$(LC_ALL=C.UTF-8 "$BIN" brief scenarios/lancement-hydra.cfg) || fail "brief"
printf '%s\n' "$out" | grep -q "^## Objectifs" || fail "brief : objectifs"
printf '%s\n' "$out" | grep -q "€" || fail "brief : euros"
# "Entre crochets : l'identifiant" holds for the staff: amenager membre=lucie.
printf '%s\n' "$out" | grep -qF "Lucie Tessier [lucie]" || fail "brief : identifiant du personnel"
# No line wider than 78 columns, accents counted as one column.
width=$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 78 ] || fail "brief : ligne de $width colonnes (78 au plus)"
# Incidents are secret: the brief must not leak the catalogue.
secret=$(sed -n 's/.*titre = "\([^"]*\)".*/\1/p' scenarios/catalogue/incidents-communs.cfg | head -n 1)
[ -n "$secret" ] || fail "catalogue sans titre ?"
printf '%s\n' "$out" | grep -qF "$secret" && fail "brief : révèle l'incident « $secret »"
# In a C locale, text must still come out as UTF-8 French.
LC_ALL=C "$BIN" brief scenarios/lancement-hydra.cfg | grep -q "Équipe interne" \
    || fail "brief en locale C"
# pilote mark, on a copy of the export fixture (its marks were begun with
# the test key): usage 64, bad values 65, another account's key 77.
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT INT TERM
cp tests/fixtures/export/session.jsonl tests/fixtures/export/session.jsonl.marks "$DIR/"
cp tests/fixtures/trainer-test.key "$DIR/jury.key"
chmod 600 "$DIR/jury.key"
S=$DIR/session.jsonl
"$BIN" mark --help | grep -q "Usage : pilote mark SESSION" || fail "mark --help"
"$BIN" mark "$S" --team Alpha --criterion outil >/dev/null 2>&1; [ $? -eq 64 ] || fail "mark sans --level : 64"
"$BIN" mark "$S" --team Alpha --criterion outil --level >/dev/null 2>&1; [ $? -eq 64 ] || fail "mark --level sans valeur : 64"
export PILOTE_TRAINER_KEY="$DIR/jury.key"
"$BIN" mark "$S" --team Alpha --criterion outil --level aquis 2>"$DIR/err"; [ $? -eq 65 ] || fail "mark niveau inconnu : 65"
grep -q "vouliez-vous dire « acquis »" "$DIR/err" || fail "mark : pas de suggestion pour « aquis »"
"$BIN" mark "$S" --team Gamma --criterion outil --level acquis 2>/dev/null; [ $? -eq 65 ] || fail "mark équipe inconnue : 65"
"$BIN" mark "$S" --team Alpha --criterion cadrage --level partiel --evidence 999 2>/dev/null; [ $? -eq 65 ] || fail "mark événement inconnu : 65"
"$BIN" mark "$S" --team Beta --candidate 'Max Blanc' --criterion equipe --level acquis \
    --comment 'Rôles tenus' --evidence 11 >/dev/null || fail "mark valide refusé"
"$BIN" verify "$S" | grep -q "session.jsonl.marks : 4 notes, intactes, signées par la clé ec7f f931 7c2e 13c7" ||
    fail "verify ne compte pas la nouvelle note"
PILOTE_TRAINER_KEY="$DIR/autre.key" "$BIN" mark "$S" --team Alpha --criterion outil --level partiel 2>"$DIR/err"
[ $? -eq 77 ] || fail "mark avec la clé d'un autre compte : 77"
grep -q "ec7f f931 7c2e 13c7" "$DIR/err" || fail "mark : le refus ne nomme pas la clé des notes"
# pilote do: an answer to an incident without a justification is refused
# by the engine like the Incidents screen refuses it (65, nothing written).
R=$DIR/repondre.jsonl
"$BIN" new scenarios/lancement-hydra.cfg -o "$R" --seed 3 --team 'Alpha=Léa Martin:pilote' \
    >/dev/null || fail "new pour repondre"
"$BIN" do "$R" --trainer -- ouvrir_pilotage >/dev/null || fail "ouvrir_pilotage"
"$BIN" do "$R" --trainer -- injecter incident=c_coupe_budget equipe=Alpha >/dev/null || fail "injecter"
n=$("$BIN" show "$R" --team Alpha --json | tr -d ' \n' | grep -o '"number":[0-9]*' | tail -n 1 | tr -dc 0-9)
[ -n "$n" ] || fail "incident injecté introuvable"
lines=$(wc -l <"$R")
for why in '' '   '; do
	"$BIN" do "$R" --team Alpha --as 'Léa Martin' ${why:+--why "$why"} -- repondre incident="$n" \
	    option=reserve >/dev/null 2>"$DIR/err"
	rc=$?
	[ $rc -eq 65 ] || fail "repondre sans justification (« $why ») : code $rc au lieu de 65"
	grep -qF "pilote do : refusé : une réponse à un incident se justifie : ajoutez une justification" \
	    "$DIR/err" || fail "repondre sans justification : message « $(cat "$DIR/err") »"
done
[ "$(wc -l <"$R")" -eq "$lines" ] || fail "repondre refusé mais journalisé"
"$BIN" do "$R" --team Alpha --as 'Léa Martin' --why 'La réserve absorbe la coupe' -- repondre \
    incident="$n" option=reserve >/dev/null || fail "repondre justifié refusé"
# GNU style: --option=VALUE is --option VALUE, for every command; after
# "--", key=value arguments are data and stay whole.
"$BIN" export grid "$R" --format=csv --output="$DIR/g.csv" || fail "export --format=csv --output=FICHIER"
head -c 3 "$DIR/g.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "--output=FICHIER : CSV absent"
"$BIN" do "$R" --team=Alpha --as='Léa Martin' --why='Outil de suivi partagé' -- outil outil=slack \
    >/dev/null || fail "do --team=… --as=… --why=…"
"$BIN" --help | grep -q '69 hôte injoignable' || fail "--help ne donne pas le code 69"
"$BIN" --help | grep -q '77 permission refusée' || fail "--help ne donne pas le code 77"
"$BIN" --help | grep -q 'play .*cadrage, semaines' || fail "--help décrit mal play"
"$BIN" export --help | grep -q 'report' || fail "export --help sans report"
echo "ok $TEST_NAME"
