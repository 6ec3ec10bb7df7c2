#!/bin/sh
# Importing a class list in `pilote play`, at 80x24: a file with bad rows
# shows every error with its line and creates nothing, then the same file
# is asked again; once corrected it is read, the session file prompt says
# what was read, and the session holds the list's teams.
TEST_NAME=play_class_list
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cp -r scenarios "$WORK/" && mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}
cat >"$WORK/classe.csv" <<'EOF'
équipe;candidat;rôle
Alpha;Léa Martin;pilote
Alpha;Hugo Petit;directeur
;Inès Faure;
Bêta;Zoé Roux;budget
EOF
start 80 24 "cd $WORK && $BIN play 2>$WORK/err"
wait_for "Nouvelle session"
keys Down Down
keys Enter
wait_for "Liste de la classe : un fichier CSV"
keys -l "classe.csv"
keys Enter
wait_for "2 erreur(s), aucune session créée"
wait_for "classe.csv:3: error: équipe « Alpha » : rôle « directeur »"
wait_for "classe.csv:4: error: pas d'équipe"
keys Enter
wait_for "2 erreur(s) : corrigez le fichier, puis Entrée"
wait_for "classe.csv"
[ -z "$(ls -A "$WORK/saves")" ] || fail "liste fausse : créé $(ls -A "$WORK/saves")"
# Corrected behind the prompt, read again with Entrée.
cat >"$WORK/classe.csv" <<'EOF'
équipe;candidat;rôle
Alpha;Léa Martin;pilote
Alpha;Hugo Petit;budget
Alpha;Inès Faure;
Bêta;Zoé Roux;budget
EOF
keys Enter
wait_for "Fichier de la session (2 équipe(s), 4 candidat(s) lus dans"
keys C-u
keys -l "saves/s.jsonl"
keys Enter
wait_for "o ouvrir le pilotage"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"
head -n 1 "$WORK/saves/s.jsonl" | grep -qF '"name":"Hugo Petit","role":"budget"' ||
	fail "la session n'a pas les équipes de la liste"
head -n 1 "$WORK/saves/s.jsonl" | grep -qF '"name":"Bêta"' || fail "Bêta absente de la session"
echo "ok $TEST_NAME"
