#!/bin/sh
# The attack suite: every hole found from outside (issue 10, « What was
# found ») replayed the way a candidate would try it — a raw socket client
# with a team's code, a text editor on the journal, odd bytes in arguments,
# planted links, a tiny disk — each checked to be refused, journaled
# nowhere, and answered with the documented exit code.
#
#   sh tests/attack/run.sh ./pilote build/plain/tests/rawclient
#
# Each check prints "ok N - what" or "ÉCHEC N - what : why"; the last line
# is "attaques : P passed, F failed".  The tiny-disk checks need root (a
# private tmpfs); without it they are reported as skipped, not passed.
set -u
BIN=${1:-./pilote}
RAW=${2:-build/plain/tests/rawclient}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
RAW=$(cd "$(dirname "$RAW")" && pwd)/$(basename "$RAW")
ROOT=$(pwd)
DIR=$(mktemp -d)
HOSTPID=
TINY=
cleanup() {
	[ -z "$HOSTPID" ] || kill "$HOSTPID" 2>/dev/null
	[ -z "$TINY" ] || umount "$TINY" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT INT TERM
export PILOTE_TRAINER_KEY="$DIR/formateur.key"
export LC_ALL=C.UTF-8
pass=0 failed=0 skipped=0 n=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
ko() { n=$((n + 1)); failed=$((failed + 1)); echo "ÉCHEC $n - $1 : $2"; }
skip() { n=$((n + 1)); skipped=$((skipped + 1)); echo "ok $n - $1 # SKIP $2"; }
# expect CODE WHAT COMMAND...: the command exits with CODE.
expect() {
	_code=$1 _what=$2
	shift 2
	"$@" >"$DIR/out" 2>"$DIR/err"
	_rc=$?
	if [ "$_rc" -eq "$_code" ]; then ok "$_what"; else
		ko "$_what" "code $_rc au lieu de $_code : $(head -c 300 "$DIR/err")"; fi
}
lines() { wc -l <"$1" | tr -d ' '; }

SC=$ROOT/scenarios/lancement-hydra.cfg
TEAMS="--team Alpha=Léa Martin:pilote,Hugo Petit:budget --team Beta=Zoé Roux:pilote,Max Blanc"
# new S: a fresh session with two teams (Hugo's assistant: Paul Noir).
new() {
	"$BIN" new "$SC" -o "$1" --seed 5 --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget' \
	    --team 'Beta=Zoé Roux:pilote,Max Blanc' --extra-time 'Zoé Roux=33' \
	    --assistant 'Zoé Roux=Paul Noir' >/dev/null || { echo "new $1 refusé"; exit 1; }
}
alpha() { "$BIN" do "$S" --team Alpha --as 'Léa Martin' -- "$@" >/dev/null 2>&1; }
trainer() { "$BIN" do "$S" --trainer -- "$@" >/dev/null 2>&1; }

# A played journal: framing, a week, an incident and its answer.
S=$DIR/s.jsonl
new "$S"
alpha outil outil=trello
alpha reserve montant=8000
"$BIN" do "$S" --team Beta --as 'Max Blanc' -- outil outil=slack >/dev/null 2>&1
trainer ouvrir_pilotage
trainer cloturer_semaine
trainer message texte='Bonne semaine' equipe=toutes
cp "$S" "$DIR/played.jsonl"
L=$(lines "$S")

# --- 2. One byte that is not UTF-8 ----------------------------------------
latin1=$(printf 'r\351unions')
expect 65 "2. pilote do refuse un argument en Latin-1" \
    "$BIN" do "$S" --team Alpha --as 'Léa Martin' -- mission role=pilote \
    candidat='Léa Martin' "texte=$latin1"
expect 65 "2. pilote do refuse --why en Latin-1" \
    "$BIN" do "$S" --team Alpha --as 'Léa Martin' --why "$latin1" -- outil outil=slack
esc=$(printf 'a\033]2;pwned\007b')
expect 65 "2. pilote do refuse une séquence d'échappement du terminal" \
    "$BIN" do "$S" --team Alpha --as 'Léa Martin' --why "$esc" -- outil outil=slack
bidi=$(printf 'ok\342\200\256evil')
expect 65 "2. pilote do refuse un caractère de contrôle bidirectionnel" \
    "$BIN" do "$S" --team Alpha --as 'Léa Martin' --why "$bidi" -- outil outil=slack
[ "$(lines "$S")" -eq "$L" ] && ok "2. rien n'est journalisé" ||
    ko "2. rien n'est journalisé" "$(lines "$S") lignes au lieu de $L"
for cmd in "show $S" "export events $S -o -" "verify $S"; do
	# shellcheck disable=SC2086
	expect 0 "2. la session s'ouvre encore : pilote $cmd" "$BIN" $cmd
done

# --- 3. The last line is evidence --------------------------------------------
T=$DIR/t.jsonl
# tamper: T becomes a copy of the played journal, with its secret (a writer
# of the copy needs it).
tamper() { cp "$DIR/played.jsonl" "$T"; cp "$DIR/keys/s.jsonl.key" "$DIR/keys/t.jsonl.key"; rm -f "$T.torn"; }
tamper; sed -i '$ s/"Bonne semaine"/"Bonne semainE"/' "$T"
expect 65 "3. dernière ligne modifiée : altération" "$BIN" verify "$T"
grep -q ":$L: journal altéré" "$DIR/err" && ok "3. … nommée à sa ligne ($L)" ||
    ko "3. … nommée à sa ligne ($L)" "$(cat "$DIR/err")"
O=$DIR/other.jsonl
new "$O"
"$BIN" do "$O" --team Alpha --as 'Léa Martin' -- outil outil=slack >/dev/null 2>&1
tamper; tail -n 1 "$O" >>"$T"
expect 65 "3. ligne d'une autre session ajoutée : altération" "$BIN" verify "$T"
tamper; tail -n 1 "$T" >"$DIR/last"; cat "$DIR/last" >>"$T"
expect 65 "3. dernière ligne recopiée : altération" "$BIN" verify "$T"
tamper; head -c -1 "$DIR/played.jsonl" >"$T"
expect 0 "3. sans la fin de ligne finale : la ligne signée compte" "$BIN" verify "$T"
"$BIN" do "$T" --team Alpha --as 'Hugo Petit' -- outil outil=meet >/dev/null 2>&1
if [ "$(lines "$T")" -eq $((L + 1)) ] && [ ! -e "$T.torn" ] &&
    "$BIN" verify "$T" >/dev/null 2>&1; then
	ok "3. … l'écrivain suivant la garde et rétablit sa fin de ligne"
else
	ko "3. … l'écrivain suivant la garde" "$(lines "$T") lignes, torn: $(ls "$T.torn" 2>&1)"
fi
tamper; head -c -1 "$DIR/played.jsonl" >"$T"; printf '\0\0\0\0' >>"$T"
expect 0 "3. fin de ligne changée en octets nuls (coupure) : session ouverte" \
    "$BIN" show "$T"
tamper; printf '{"actor":"Léa Mar' >>"$T"
expect 0 "3. fin inachevée (coupure) : ignorée" "$BIN" verify "$T"

# --- 4. Re-signing and cutting -----------------------------------------------
fp=$("$BIN" verify "$DIR/played.jsonl" | sed -n 's/.*signé par la clé \([0-9a-f ]*\),.*/\1/p')
R=$DIR/resigned.jsonl
(PILOTE_TRAINER_KEY=$DIR/intrus.key "$BIN" new "$SC" -o "$R" --seed 5 \
    --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget' \
    --team 'Beta=Zoé Roux:pilote,Max Blanc' >/dev/null)
expect 0 "4. journal re-signé avec une autre clé : cohérent en lui-même" "$BIN" verify "$R"
expect 65 "4. … démasqué par --signer" "$BIN" verify "$R" --signer "$fp"
expect 0 "4. le bon signataire passe --signer" "$BIN" verify "$DIR/played.jsonl" --signer "$fp"
head=$(sed -n "${L}p" "$DIR/played.jsonl" | sed 's/.*"hash":"\([0-9a-f]\{12\}\).*/\1/')
tamper; head -n $((L - 2)) "$DIR/played.jsonl" >"$T"
expect 0 "4. fin coupée : le fichier seul reste cohérent" "$BIN" verify "$T"
expect 65 "4. … démasquée par --head (tête notée avant la coupure)" "$BIN" verify "$T" --head "$head"
expect 0 "4. la tête d'une ligne présente passe --head" "$BIN" verify "$DIR/played.jsonl" --head "$head"
# One altered digit of a middle line's signature: refused everywhere alike.
mid=$((L / 2))
tamper; sed -i "${mid}s/\"sig\":\"\(.\)/\"sig\":\"X\1/; ${mid}s/\"sig\":\"X0/\"sig\":\"1/; ${mid}s/\"sig\":\"X[^\"]/\"sig\":\"0/" "$T"
cmp -s "$T" "$DIR/played.jsonl" && ko "4. signature altérée" "sed n'a rien changé"
for cmd in "verify $T" "show $T" "export events $T -o -" "export report $T -o $DIR/r.html"; do
	# shellcheck disable=SC2086
	expect 65 "4. un chiffre de signature altéré au milieu : refusé par pilote ${cmd%% *}" "$BIN" $cmd
done
expect 65 "4. … et par l'hôte" "$BIN" host "$T" --headless

# --- 1, 5, 6. A session host and raw consoles ------------------------------
H=$DIR/h.jsonl
new "$H"
"$BIN" host "$H" --headless >"$DIR/host.out" 2>"$DIR/host.err" &
HOSTPID=$!
i=0
while [ ! -S "$H.sock" ] || ! grep -q "^Codes personnels" "$DIR/host.out"; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "l'hôte ne démarre pas"; cat "$DIR/host.err"; exit 1; }
	sleep 0.1
done
code() { awk -v t="$1" '$1 == t && NF == 2 { print $2 }' "$DIR/host.out"; }
pcode() { awk -v n="$1" 'index($0, n) { print $NF }' "$DIR/host.out" | tail -n 1; }
ALPHA=$(code Alpha)
LEA=$(pcode 'Léa Martin')
hello() { printf '{"type":"hello","version":1,"team":"%s","code":"%s","as":"%s","since":0}\n#sleep 300\n' "$1" "$2" "$3"; }
cmd() { printf '{"type":"command","id":"x:%s","event":%s}\n' "$1" "$2"; }
HL=$(lines "$H")
# 1. Alpha's console, as the trainer.
{
	hello Alpha "$ALPHA" 'Léa Martin'
	cmd 1 '{"type":"ouvrir_pilotage","actor":"formateur","data":{}}'
	cmd 2 '{"type":"message","actor":"formateur","data":{"texte":"faux","equipe":"Beta"}}'
	cmd 3 '{"type":"note","actor":"formateur","data":{"equipe":"Beta","candidat":"Zoé Roux","texte":"faux"}}'
	cmd 4 '{"type":"injecter","actor":"formateur","data":{"equipe":"Beta","titre":"Faux","texte":"x","option1":"A : cout=90000","option2":"B : cout=90000","defaut":"C : cout=90000"}}'
	cmd 5 '{"type":"pause","actor":"formateur","data":{}}'
	cmd 6 '{"type":"cloturer_semaine","actor":"formateur","data":{}}'
	cmd 7 '{"type":"sceller","actor":"formateur","data":{"graine":1,"sel":"00"}}'
} | "$RAW" "$H.sock" 800 >"$DIR/raw1"
r=$(grep -c '"type":"refused"' "$DIR/raw1")
[ "$r" -eq 7 ] && ok "1. sept commandes du formateur depuis la console d'Alpha : refusées" ||
    ko "1. commandes du formateur refusées" "$r refus sur 7 : $(grep -v '"event"' "$DIR/raw1" | cut -c1-200)"
# Léa's personal code: she acts as herself only; nobody types for her.
{
	hello Alpha "$LEA" 'Léa Martin'
	cmd 11 '{"type":"outil","actor":"Hugo Petit","data":{"outil":"slack"}}'
	cmd 12 '{"type":"outil","actor":"Max Blanc","data":{"outil":"slack"}}'
	cmd 13 '{"type":"outil","actor":"Léa Martin","by":"Max Blanc","data":{"outil":"slack"}}'
	cmd 14 '{"type":"outil","actor":"Léa Martin","team":"Beta","data":{"outil":"slack"}}'
} | "$RAW" "$H.sock" 800 >"$DIR/raw2"
r=$(grep -c '"type":"refused"\|"type":"error"' "$DIR/raw2")
[ "$r" -ge 4 ] && ok "1. code personnel de Léa : ni au nom d'Hugo, ni d'une autre équipe, ni « saisi par » un autre" ||
    ko "1. usurpations refusées" "$r refus sur 4 : $(grep -v '"event"' "$DIR/raw2" | cut -c1-300)"
[ "$(lines "$H")" -eq "$HL" ] && ok "1. aucune tentative n'est journalisée" ||
    ko "1. aucune tentative n'est journalisée" "$(lines "$H") lignes au lieu de $HL"
grep -q "a tenté une commande du formateur" "$DIR/host.err" &&
    grep -q "a tenté d'agir au nom de" "$DIR/host.err" &&
    ok "1. les tentatives sont signalées au formateur" ||
    ko "1. tentatives signalées" "$(cat "$DIR/host.err")"
# A shared console (team code) may name a teammate; the journal says so.
{
	hello Alpha "$ALPHA" 'Léa Martin'
	cmd 21 '{"type":"outil","actor":"Hugo Petit","data":{"outil":"trello"}}'
} | "$RAW" "$H.sock" 800 >"$DIR/raw3"
tail -n 1 "$H" | grep -q '"actor":"Hugo Petit".*"declared":true' &&
    ok "1. console partagée : l'auteur est noté « déclaré »" ||
    ko "1. console partagée" "$(tail -n 1 "$H" | cut -c1-200)"
# 5. What Alpha's console receives: its share only.
PILOTE_CODE=$(pcode 'Zoé Roux') "$BIN" do "$H" --team Beta --as 'Zoé Roux' -- outil outil=slack >/dev/null 2>&1
hello Alpha "$ALPHA" 'Léa Martin' | "$RAW" "$H.sock" 800 >"$DIR/raw4"
leak=
for secret in 'Zoé Roux' 'Max Blanc' 'Paul Noir' '"seed"' '"extra_time"' '"slack"'; do
	grep -qF "$secret" "$DIR/raw4" && leak="$leak $secret"
done
[ -z "$leak" ] && grep -q '"type":"masked"' "$DIR/raw4" &&
    ok "5. la console d'Alpha ne reçoit ni noms, ni aménagements, ni décisions de Bêta, ni la graine" ||
    ko "5. part de la console" "fuite :$leak"
"$BIN" mark "$H" --team Alpha --criterion outil --level acquis --comment 'ok' >/dev/null 2>&1
[ "$(stat -c %a "$H.marks" 2>/dev/null)" = 600 ] && ok "5. les notes du jury sont en 0600" ||
    ko "5. notes du jury en 0600" "$(stat -c %a "$H.marks" 2>&1)"
# 6. Two hundred silent connections, then a console and a pilote do.
"$RAW" "$H.sock" --idle 200 20 >"$DIR/idle" </dev/null &
IDLE=$!
i=0
while ! grep -q '^idle' "$DIR/idle" && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
t0=$(date +%s%N)
hello Alpha "$LEA" 'Léa Martin' | "$RAW" "$H.sock" 300 >"$DIR/raw5"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
grep -q '"type":"ready"' "$DIR/raw5" && [ "$ms" -lt 2000 ] &&
    ok "6. 200 connexions muettes : une console entre en $ms ms" ||
    ko "6. console malgré 200 connexions muettes" "$ms ms : $(head -c 200 "$DIR/raw5")"
PILOTE_CODE=$LEA "$BIN" do "$H" --team Alpha --as 'Léa Martin' -- outil outil=meet >/dev/null 2>"$DIR/err" &&
    ok "6. … et pilote do passe par l'hôte" || ko "6. pilote do malgré 200 connexions" "$(cat "$DIR/err")"
kill "$IDLE" 2>/dev/null
wait "$IDLE" 2>/dev/null
# Wrong codes: slowed down, and reported.
t0=$(date +%s%N)
for k in 1 2 3 4; do hello Alpha ZZZZZZZZ 'Léa Martin' | "$RAW" "$H.sock" 100 >/dev/null; done
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -ge 1000 ] && ok "6. codes erronés ralentis (4 essais : $ms ms)" ||
    ko "6. codes erronés ralentis" "4 essais en $ms ms"
grep -q "code(s) erroné(s)" "$DIR/host.err" && ok "6. … et signalés au formateur" ||
    ko "6. codes erronés signalés" "$(tail -n 3 "$DIR/host.err")"
# 11. A console answers an incident without a justification: the engine
# refuses it as the Incidents screen and pilote do do (issue 11).
"$BIN" do "$H" --trainer -- ouvrir_pilotage >/dev/null 2>&1
"$BIN" do "$H" --trainer -- injecter incident=c_coupe_budget equipe=Alpha >/dev/null 2>&1
inc=$("$BIN" show "$H" --team Alpha --json 2>/dev/null | tr -d ' \n' | grep -o '"number":[0-9]*' | tail -n 1 | tr -dc 0-9)
HL=$(lines "$H")
{
	hello Alpha "$LEA" 'Léa Martin'
	cmd 31 '{"type":"repondre","actor":"Léa Martin","data":{"incident":"'"$inc"'","option":"reserve"}}'
	cmd 32 '{"type":"repondre","actor":"Léa Martin","why":"  ","data":{"incident":"'"$inc"'","option":"reserve"}}'
} | "$RAW" "$H.sock" 800 >"$DIR/raw6"
r=$(grep -c '"type":"refused".*une réponse à un incident se justifie' "$DIR/raw6")
[ -n "$inc" ] && [ "$r" -eq 2 ] && [ "$(lines "$H")" -eq "$HL" ] &&
    ok "11. console : réponse à un incident sans justification refusée, rien au journal" ||
    ko "11. réponse sans justification" "incident « $inc », $r refus sur 2, $(lines "$H") lignes au lieu de $HL : $(grep -v '"event"' "$DIR/raw6" | cut -c1-300)"
kill "$HOSTPID" 2>/dev/null
wait "$HOSTPID" 2>/dev/null
HOSTPID=


# --- 8. Files, links, odd inputs -----------------------------------------------
for side in owner.tmp torn; do
	P=$DIR/p-$side.jsonl
	new "$P"
	echo secret >"$DIR/cible-$side"
	ln -s "$DIR/cible-$side" "$P.$side"
	head -c -1 "$P" >"$P.x"; printf '{"x' >>"$P"
	"$BIN" do "$P" --team Alpha --as 'Léa Martin' -- outil outil=slack >/dev/null 2>&1
	[ "$(cat "$DIR/cible-$side")" = secret ] && ok "8. lien planté en .$side non suivi" ||
	    ko "8. lien planté en .$side non suivi" "la cible a changé"
done
P=$DIR/k/p.jsonl
mkdir -p "$DIR/k" "$DIR/ailleurs"
ln -s "$DIR/ailleurs" "$DIR/k/keys"
expect 77 "8. keys/ planté en lien : création refusée" "$BIN" new "$SC" -o "$P" --team 'A=B C:pilote'
[ -z "$(ls "$DIR/ailleurs")" ] && ok "8. … rien écrit à travers le lien" ||
    ko "8. … rien écrit à travers le lien" "$(ls "$DIR/ailleurs")"
# The screen's state file: a planted link at its temporary name is not
# followed (the real program in tmux, quitting as a user does).
if command -v tmux >/dev/null 2>&1; then
	U=$DIR/u.jsonl
	new "$U"
	echo intact >"$DIR/cible-ui"
	ln -s "$DIR/cible-ui" "$U.ui.tmp"
	TM="tmux -L pilote-attack-$$ -f /dev/null"
	$TM new-session -d -s a -x 80 -y 24 "env PILOTE_TRAINER_KEY=$PILOTE_TRAINER_KEY LANG=C.UTF-8 TERM=screen-256color $BIN play $U; sleep 30"
	i=0
	until $TM capture-pane -p -t a 2>/dev/null | grep -q "Équipes"; do
		i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1; done
	$TM send-keys -t a Tab
	$TM send-keys -t a q
	i=0
	until $TM capture-pane -p -t a | grep -q "Quitter pilote"; do
		i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1; done
	$TM send-keys -t a o
	i=0
	until [ -f "$U.ui" ] && ! pgrep -f "play $U" >/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1; done
	$TM kill-server 2>/dev/null
	[ "$(cat "$DIR/cible-ui")" = intact ] && [ -f "$U.ui" ] && [ ! -L "$U.ui" ] &&
	    ok "8. lien planté en .ui.tmp non suivi (l'état de l'écran est enregistré à part)" ||
	    ko "8. lien planté en .ui.tmp" "cible : $(cat "$DIR/cible-ui"), .ui : $(ls -l "$U.ui" 2>&1)"
else
	skip "8. lien planté en .ui.tmp" "tmux absent"
fi
mkfifo "$DIR/fifo"
expect 66 "8. pilote verify sur un tube : refus immédiat" timeout 5 "$BIN" verify "$DIR/fifo"
expect 66 "8. pilote check sur un tube : refus immédiat" timeout 5 "$BIN" check "$DIR/fifo"
expect 66 "8. pilote verify /dev/zero : refus sans lire" timeout 5 "$BIN" verify /dev/zero
expect 64 "8. --extra-time 'x=1/3' refusé" "$BIN" new "$SC" -o "$DIR/x1.jsonl" \
    --team 'Alpha=Léa Martin:pilote' --extra-time 'Léa Martin=1/3'
expect 64 "8. --extra-time '=abc' refusé" "$BIN" new "$SC" -o "$DIR/x2.jsonl" \
    --team 'Alpha=Léa Martin:pilote' --extra-time 'Léa Martin=abc'
chmod 644 "$PILOTE_TRAINER_KEY"
expect 77 "8. clé du formateur lisible par d'autres : refusée" \
    "$BIN" do "$S" --team Alpha --as 'Léa Martin' -- outil outil=meet
chmod 600 "$PILOTE_TRAINER_KEY"
# Four writers at once without a host: each waits its turn for the lock.
W=$DIR/w.jsonl
new "$W"
for who in 'Léa Martin' 'Hugo Petit'; do
	"$BIN" do "$W" --team Alpha --as "$who" -- outil outil=trello >/dev/null 2>"$DIR/w-$who" &
done
"$BIN" do "$W" --team Beta --as 'Zoé Roux' -- outil outil=slack >/dev/null 2>"$DIR/w3" &
"$BIN" do "$W" --team Beta --as 'Max Blanc' -- reserve montant=5000 >/dev/null 2>"$DIR/w4" &
wait
w=$(lines "$W")
[ "$w" -ge 4 ] && "$BIN" verify "$W" >/dev/null 2>&1 &&
    ok "8. quatre pilote do simultanés sans hôte : tous servis" ||
    ko "8. quatre pilote do simultanés" "$w lignes : $(cat "$DIR"/w*)"
# A tiny disk: « disque plein », 74, nothing half-written.
if [ "$(id -u)" = 0 ] && mkdir -p "$DIR/tiny" && mount -t tmpfs -o size=200k tmpfs "$DIR/tiny" 2>/dev/null; then
	TINY=$DIR/tiny
	new "$TINY/d.jsonl"
	# Fill the disk, then leave 16 KiB: less than the next line needs.
	head -c 1000000 /dev/zero >"$TINY/fill" 2>/dev/null
	truncate -s -16384 "$TINY/fill"
	big=$(head -c 60000 /dev/zero | tr '\0' 'a')
	expect 74 "8. disque plein : code 74" "$BIN" do "$TINY/d.jsonl" --team Alpha \
	    --as 'Léa Martin' --why "$big" -- outil outil=slack
	grep -q "disque plein" "$DIR/err" && ok "8. … qui dit « disque plein »" ||
	    ko "8. … qui dit « disque plein »" "$(cat "$DIR/err")"
	expect 0 "8. … et la session reste intacte" "$BIN" verify "$TINY/d.jsonl"
	mount -o remount,ro "$TINY"
	expect 74 "8. système de fichiers en lecture seule : code 74" "$BIN" do "$TINY/d.jsonl" \
	    --team Alpha --as 'Léa Martin' -- outil outil=slack
	umount "$TINY" && TINY=
else
	skip "8. disque plein et lecture seule" "il faut être root pour un tmpfs privé"
fi
if command -v runuser >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 755 "$DIR"
	expect 77 "8. journal d'un autre : permission refusée (77)" \
	    runuser -u nobody -- env PILOTE_TRAINER_KEY=/nonexistent "$BIN" show "$S"
	chmod 700 "$DIR"
else
	skip "8. permission refusée" "il faut être root pour changer d'utilisateur"
fi

echo "attaques : $pass passed, $failed failed${skipped:+, $skipped skipped}"
[ "$failed" -eq 0 ]
