#!/bin/sh
# Text is UTF-8 at the door: `pilote do` refuses, with 65 and a message
# naming the argument and the byte, a Latin-1 byte in a data field or in
# --why, an escape sequence, a bell, a right-to-left override, a line break
# in a one-line field - with or without a host serving the session - and
# writes nothing: the journal keeps its line count, and show, export and
# verify still work.  A justification on several lines is accepted and
# comes back whole.  `pilote new` takes --extra-time as a whole percentage
# only (64 otherwise), and the other numeric options digits only.
TEST_NAME=text_door
set -u
BIN=${BIN:-./pilote}
DIR=$(mktemp -d)
HOST=
trap '[ -z "$HOST" ] || kill "$HOST" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$DIR"' \
    EXIT INT TERM
S=$DIR/s.jsonl
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; [ -f "$DIR/err" ] && sed 's/^/    | /' "$DIR/err"; exit 1; }
export PILOTE_FAKE_TIME=1800000000000
export LC_ALL=C.UTF-8

latin1=$(printf 'r\351unions')		# "réunions" in Latin-1
esc=$(printf 'ok \033[2J\033]0;pwn\007')
bell=$(printf 'fin\007')
rlo=$(printf 'avis \342\200\256elbavaf')	# U+202E RIGHT-TO-LEFT OVERRIDE

# --- pilote new: --extra-time is a whole percentage, 0 to 200 ---
team='Alpha=Léa Martin:pilote,Hugo Petit:budget'
for bad in '1/3' 'abc' '-5' '' '1e3' '201' '33.5' ' 7'; do
	"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed 7 --team "$team" \
	    --extra-time "Hugo Petit=$bad" >/dev/null 2>"$DIR/err"
	rc=$?
	[ $rc -eq 64 ] || fail "--extra-time '$bad' : code $rc, 64 attendu"
	grep -qF "pilote new : --extra-time 'Prénom Nom=POURCENT' : « $bad » n'est pas un pourcentage entier (0 à 200)" \
	    "$DIR/err" || fail "--extra-time '$bad' : message"
	[ ! -e "$S" ] || fail "--extra-time '$bad' : session créée quand même"
done
for bad in '-1' '' '1e3' '+7' '99999999999999999999'; do
	"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed "$bad" \
	    --team "$team" >/dev/null 2>"$DIR/err"
	[ $? -eq 64 ] || fail "--seed '$bad' : 64 attendu"
done
"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed 7 --team "$latin1=Léa" \
    >/dev/null 2>"$DIR/err"
[ $? -eq 64 ] && grep -qF "équipe n°1 : nom : octet n°2 (après « r ») : l'octet 0xE9" "$DIR/err" \
    || fail "nom d'équipe en Latin-1"
[ ! -e "$S" ] || fail "nom d'équipe en Latin-1 : session créée quand même"
"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed 7 --team "$team" \
    --extra-time 'Hugo Petit=33 %' >/dev/null 2>"$DIR/err" || fail "new"
"$BIN" show "$S" --at abc >/dev/null 2>&1; [ $? -eq 64 ] || fail "show --at abc : 64"
"$BIN" simulate scenarios/lancement-hydra.cfg --runs 1 --seed -1 >/dev/null 2>&1
[ $? -eq 64 ] || fail "simulate --seed -1 : 64"

lines() { wc -l <"$S"; }

# refused WHAT NEEDLE ARGS...: pilote do exits 65, says NEEDLE, writes nothing.
refused() {
	what=$1 needle=$2
	shift 2
	before=$(lines)
	"$BIN" do "$S" "$@" >/dev/null 2>"$DIR/err"
	rc=$?
	[ $rc -eq 65 ] || fail "$what : code $rc, 65 attendu"
	grep -qF -- "$needle" "$DIR/err" || fail "$what : « $needle » absent du message"
	grep -q "$(printf '\033')" "$DIR/err" && fail "$what : Échap brut dans le message"
	[ "$(lines)" -eq "$before" ] || fail "$what : le journal a changé"
}

door() {	# the cases, by a direct write or through a host
	refused "Latin-1 dans texte=" \
	    "pilote do : refusé : « texte=… » : octet n°2 (après « r ») : l'octet 0xE9 n'est pas de l'UTF-8 valide" \
	    --team Alpha --as 'Léa Martin' -- mission role=pilote 'candidat=Léa Martin' "texte=$latin1"
	refused "Latin-1 dans --why" \
	    "pilote do : refusé : la justification (--why) : octet n°2 (après « r ») : l'octet 0xE9" \
	    --team Alpha --as 'Léa Martin' --why "$latin1" -- outil outil=trello
	refused "Échap dans texte=" "« texte=… » : octet n°4 (après « ok ») : caractère de contrôle U+001B (Échap)" \
	    --team Alpha --as 'Léa Martin' -- mission role=pilote 'candidat=Léa Martin' "texte=$esc"
	refused "sonnerie dans --why" "la justification (--why) : octet n°4 (après « fin ») : caractère de contrôle U+0007" \
	    --team Alpha --as 'Léa Martin' --why "$bell" -- outil outil=trello
	refused "direction d'écriture" "caractère de direction d'écriture U+202E interdit" \
	    --team Alpha --as 'Léa Martin' -- mission role=pilote 'candidat=Léa Martin' "texte=$rlo"
	refused "saut de ligne dans un nom" "« candidat=… » : octet n°5 (après « Léa ») : saut de ligne interdit" \
	    --team Alpha --as 'Léa Martin' -- mission role=pilote "candidat=$(printf 'Léa\nMartin')" texte=x
	refused "Latin-1 dans --as" "le candidat (--as) : octet n°2" \
	    --team Alpha --as "$(printf 'L\351a Martin')" -- outil outil=trello
	refused "formateur : Échap dans un message" "« texte=… » : octet n°4" \
	    --trainer -- message "texte=$esc"
}

# --- writing directly ---
door
before=$(lines)
"$BIN" do "$S" --team Alpha --as 'Léa Martin' --why "$(printf 'Deux raisons :\n- le coût\n- le délai')" \
    -- mission role=pilote 'candidat=Léa Martin' "texte=$(printf 'Planifier\net arbitrer')" \
    >/dev/null 2>"$DIR/err" || fail "justification sur plusieurs lignes refusée"
[ "$(lines)" -eq $((before + 1)) ] || fail "décision acceptée non journalisée"

# --- through a host: the same refusals, nothing journaled ---
"$BIN" host "$S" --headless >"$DIR/host" 2>&1 &
HOST=$!
i=0
until grep -q '^  Alpha ' "$DIR/host"; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "l'hôte ne démarre pas : $(cat "$DIR/host")"
	sleep 0.1
done
PILOTE_CODE=$(awk '$1 == "Alpha" { print $2 }' "$DIR/host")
export PILOTE_CODE
door
before=$(lines)
"$BIN" do "$S" --trainer -- message 'texte=Bonjour à tous' >"$DIR/out" 2>"$DIR/err" ||
    fail "message par l'hôte"
grep -q "enregistré par l'hôte" "$DIR/out" || fail "le message n'est pas passé par l'hôte"
[ "$(lines)" -eq $((before + 1)) ] || fail "message par l'hôte non journalisé"
kill "$HOST"
wait "$HOST" 2>/dev/null
HOST=

# --- the session is intact and every view reads it ---
"$BIN" verify "$S" >/dev/null 2>"$DIR/err" || fail "verify"
"$BIN" show "$S" >"$DIR/show" 2>"$DIR/err" || fail "show"
"$BIN" export events "$S" -o "$DIR/events.csv" 2>"$DIR/err" || fail "export events"
grep -q "Deux raisons :" "$DIR/events.csv" && grep -q -- "- le délai" "$DIR/events.csv" ||
    fail "la justification sur plusieurs lignes ne revient pas entière"
"$BIN" export rex "$S" --candidate 'Léa Martin' -o "$DIR/rex.md" 2>"$DIR/err" || fail "export rex"
grep -qF "  \\- le délai" "$DIR/rex.md" || fail "rex : la justification ne continue pas l'élément de liste"
echo "ok $TEST_NAME"
