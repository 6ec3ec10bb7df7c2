#!/bin/sh
# `pilote new SCÉNARIO --class classe.csv`: the shipped template (UTF-8 with
# a BOM, ';'), a Windows-1252 file with ',' and quotes, each creating the
# session with its teams, candidates, roles, temps majoré and assistant; a
# file with bad rows: every one reported as classe.csv:LINE, exit 65, and
# nothing created; an unreadable file 66; --class with --team 64.
TEST_NAME=class_list
set -u
BIN=${BIN:-./pilote}
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT INT TERM
HYDRA=scenarios/lancement-hydra.cfg

"$BIN" new --help | grep -qF -- "--class classe.csv" || fail "new --help ne dit pas --class"

# The template: two teams, every column.
"$BIN" new "$HYDRA" -o "$DIR/a.jsonl" --seed 1 --class scenarios/classe-exemple.csv \
    >"$DIR/out" 2>"$DIR/err" || fail "modèle refusé : $(cat "$DIR/err")"
grep -qF "scenarios/classe-exemple.csv : 2 équipe(s), 8 candidat(s) (UTF-8 avec BOM, séparateur « ; »)" \
    "$DIR/out" || fail "modèle : résumé « $(cat "$DIR/out") »"
[ ! -s "$DIR/err" ] || fail "modèle : avertissements « $(cat "$DIR/err") »"
head -n 1 "$DIR/a.jsonl" | grep -qF '{"assistant":"Paul Girard","extra_time":50,"name":"Chloé Lemaire","role":"budget"}' ||
	fail "modèle : Chloé Lemaire (budget, 50 %, Paul Girard) absente de l'en-tête du journal"
"$BIN" show "$DIR/a.jsonl" --team Bêta | grep -q "Chloé Lemaire" || fail "modèle : Chloé Lemaire absente de Bêta"

# Windows-1252 (é = 0xE9), commas, a quoted name holding a comma, CRLF,
# « Prénom » and « Nom » in two columns, a column to ignore.
printf 'Groupe,Pr\351nom,Nom,Fonction,Tiers-temps,Courriel\r\n' >"$DIR/w.csv"
printf 'Alpha,L\351a,Martin,pilote,oui,lea@example.org\r\n' >>"$DIR/w.csv"
printf 'Alpha,"Jean, dit Jo",No\353l,budget,,\r\n' >>"$DIR/w.csv"
printf 'B\352ta,Zo\351,Roux,Responsable budget,,\r\n' >>"$DIR/w.csv"
"$BIN" new "$HYDRA" -o "$DIR/w.jsonl" --seed 1 --class "$DIR/w.csv" >"$DIR/out" 2>"$DIR/err" ||
	fail "Windows-1252 refusé : $(cat "$DIR/err")"
grep -qF "2 équipe(s), 3 candidat(s) (Windows-1252, séparateur « , »)" "$DIR/out" ||
	fail "Windows-1252 : résumé « $(cat "$DIR/out") »"
grep -qF "w.csv:1: warning: colonne « Courriel » ignorée" "$DIR/err" || fail "colonne ignorée sans un mot"
out=$(head -n 1 "$DIR/w.jsonl")
for want in '"extra_time":33,"name":"Léa Martin","role":"pilote"' '"name":"Jean, dit Jo Noël","role":"budget"' \
    '"name":"Zoé Roux","role":"budget"' '"name":"Bêta"'; do
	printf '%s' "$out" | grep -qF "$want" || fail "Windows-1252 : « $want » absent de l'en-tête du journal"
done

# Bad rows: all reported with their lines (line 3 is two physical lines),
# 65, and nothing at all created beside the session asked for.
cat >"$DIR/bad.csv" <<'EOF'
équipe;candidat;rôle;temps majoré
Alpha;"Léa
Martin";pilote;
Alpha;Hugo Petit;directeur;
;Inès Faure;;
Alpha;Karim Benali;;250
Alpha;Karim Benali;;
Bêta;Zoé Roux;;un tiers
EOF
mkdir "$DIR/saves"
"$BIN" new "$HYDRA" -o "$DIR/saves/bad.jsonl" --class "$DIR/bad.csv" >"$DIR/out" 2>"$DIR/err"
rc=$?
[ $rc -eq 65 ] || fail "lignes fausses : code $rc au lieu de 65"
for want in \
    "bad.csv:2: error: équipe « Alpha » : candidat n°1 : nom" \
    "bad.csv:4: error: équipe « Alpha » : rôle « directeur » inconnu du scénario (rôles : pilote, budget, prestataires, planning, qualite)" \
    "bad.csv:5: error: pas d'équipe (colonne « équipe » vide)" \
    "bad.csv:6: error: Karim Benali : temps majoré de 250 % hors limites (0 à 200 %)" \
    "bad.csv:8: error: temps majoré « un tiers » : un pourcentage entier" \
    "bad.csv : 5 erreur(s), aucune session créée"; do
	grep -qF "$want" "$DIR/err" || fail "manque « $want » dans : $(cat "$DIR/err")"
done
# Line 7 is good once line 6 was refused: Karim Benali is not a double.
grep -q "bad.csv:7:" "$DIR/err" && fail "ligne 7 signalée à tort"
[ -z "$(ls -A "$DIR/saves")" ] || fail "lignes fausses : créé $(ls -A "$DIR/saves")"
[ ! -s "$DIR/out" ] || fail "lignes fausses : sortie « $(cat "$DIR/out") »"

# Unreadable 66, --class with --team 64, an empty file 65: nothing created.
"$BIN" new "$HYDRA" -o "$DIR/saves/x.jsonl" --class "$DIR/absent.csv" 2>"$DIR/err"
[ $? -eq 66 ] || fail "fichier absent : 66 attendu"
grep -qF "absent.csv: error: lecture impossible : fichier introuvable" "$DIR/err" || fail "absent : $(cat "$DIR/err")"
"$BIN" new "$HYDRA" -o "$DIR/saves/x.jsonl" --class "$DIR/w.csv" --team 'A=B' 2>/dev/null
[ $? -eq 64 ] || fail "--class et --team : 64 attendu"
: >"$DIR/empty.csv"
"$BIN" new "$HYDRA" -o "$DIR/saves/x.jsonl" --class "$DIR/empty.csv" 2>"$DIR/err"
[ $? -eq 65 ] || fail "fichier vide : 65 attendu"
grep -qF "empty.csv: error: fichier vide" "$DIR/err" || fail "vide : $(cat "$DIR/err")"
[ -z "$(ls -A "$DIR/saves")" ] || fail "créé $(ls -A "$DIR/saves")"
# --extra-time after --class: applied to the list's candidate.
"$BIN" new "$HYDRA" -o "$DIR/e.jsonl" --class scenarios/classe-exemple.csv --extra-time 'Zoé Roux=20' \
    >/dev/null || fail "--extra-time après --class"
"$BIN" new "$HYDRA" -o "$DIR/e2.jsonl" --class scenarios/classe-exemple.csv --extra-time 'Personne=20' \
    >/dev/null 2>"$DIR/err"
[ $? -eq 64 ] || fail "--extra-time d'un inconnu : 64 attendu"
grep -qF "« Personne » n'est dans aucune équipe" "$DIR/err" || fail "inconnu : $(cat "$DIR/err")"
echo "ok $TEST_NAME"
