#!/bin/sh
# The command line outside the terminal screens: help, version, exit codes,
# and a brief that reads well when printed.
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
echo "ok $TEST_NAME"
