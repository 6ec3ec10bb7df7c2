#!/bin/sh
# `pilote replay`: a session recorded with the headless commands is replayed
# read-only in tmux: integrity said plainly, stepping forward and back,
# jumping to a week, filtering on a candidate, marking an E3 criterion with
# an accented comment, and the mark still there after quitting and
# reopening.  The marks file is private (0600) and signed by the
# evaluator's key: `pilote verify` checks it, reports an altered one with
# its line (65), and another account's replay shows why it may not mark.
# An altered copy of the journal is reported and refused (65).
TEST_NAME=replay
. "$(dirname "$0")/lib.sh"
DIR=$(mktemp -d)
trap '$T kill-server 2>/dev/null || true; rm -rf "$DIR"' EXIT INT TERM
S=$DIR/hydra.jsonl
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
now=1800000000000
export PILOTE_FAKE_TIME=$now
tick() { now=$((now + $1 * 60000)); export PILOTE_FAKE_TIME=$now; }
team() { t=$1 who=$2; shift 2; "$BIN" do "$S" --team "$t" --as "$who" -- "$@" \
	>/dev/null 2>"$DIR/err" || { cat "$DIR/err"; fail "$t : $* refusé"; }; }
trainer() { "$BIN" do "$S" --trainer -- "$@" >/dev/null 2>"$DIR/err" ||
	{ cat "$DIR/err"; fail "formateur : $* refusé"; }; }

"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed 7 \
    --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget,Inès Faure:prestataires' \
    --team 'Beta=Zoé Roux:pilote,Max Blanc' >/dev/null || fail "new"
team Alpha 'Léa Martin' outil outil=trello
team Alpha 'Hugo Petit' amenager membre=lucie besoin=1
team Alpha 'Hugo Petit' reserve montant=12000
team Alpha 'Léa Martin' attribuer lot=brief_strat interne=hugo,helene
team Alpha 'Léa Martin' planifier lot=brief_strat debut=S-7 fin=S-7
team Beta 'Zoé Roux' attribuer lot=brief_strat interne=hugo
trainer ouvrir_pilotage
for w in 1 2 3; do
	tick 10
	tick 20
	trainer cloturer_semaine
done
last=$(($(wc -l <"$S") - 1))
# The evaluator marks with a key of their own, not the trainer's.
EXTRA_ENV="PILOTE_TRAINER_KEY=$DIR/jury.key"

start 80 24 "$BIN replay $S"
wait_for "intact"
wait_for "év. 1/$last"
keys Right
wait_for "év. 2/$last"
keys n
wait_for "év. 3/$last"
keys Left
wait_for "év. 2/$last"
keys g
wait_for "Aller à"
keys -l S2
keys Enter
wait_for "Semaine 2, événement n°"
screen | grep -q "^ *Filtres .* S2 *$" || fail "le saut ne mène pas en semaine 2"
keys PageDown
wait_for "cloturer_semaine"

# Jump to a clock time: the first event from 08:00 UTC on is event 1.
keys g
wait_for "Aller à"
keys -l "08:00"
keys Enter
wait_for "À 08:00 : événement n° 1."

# The team's own screens as they were at that event, read-only.
keys v
wait_for "Rejeu — équipe"
wait_for "Budget par ligne"
keys q
wait_for "pilote replay"

# Filter on a candidate: only her events are listed.
keys t
wait_for "équipe Alpha"
keys c
wait_for "candidat Léa Martin"
rows=$(screen | grep -E '^ *[0-9]+  [0-9][0-9]:[0-9][0-9] S[0-9]')
[ -n "$rows" ] || fail "aucun événement listé pour Léa Martin"
echo "$rows" | grep -vq "Léa Martin" && fail "filtre candidat : un autre auteur est listé"

# Mark the second criterion for team Alpha, with an accented comment.
keys c c c
wait_for "candidat tous"
keys 4
wait_for "Évaluation E3 de l'équipe Alpha"
keys Down m
wait_for "Niveau"
keys a Enter
wait_for "Commentaire"
keys -l "Outil choisi tôt, réunions suivies : très bien"
keys Enter
# The evidence to link is said, and changed here to event n°1.
wait_for "Preuve liée"
keys C-u
keys -l "1"
keys Enter
wait_for "Note enregistrée"
wait_for "« Outil choisi tôt, réunions suivies : très bien »"
keys q
wait_for "[fin: 0]"
[ -s "$S.marks" ] || fail "aucune note enregistrée dans $S.marks"
[ "$(stat -c %a "$S.marks")" = 600 ] || fail "$S.marks n'est pas en 0600"
grep -q '"evidence":\[1\]' "$S.marks" || fail "la preuve choisie (n°1) n'est pas liée à la note"
[ -s "$DIR/jury.key" ] || fail "la clé de l'évaluateur n'a pas été créée"

# Reopened: the mark is kept.
respawn "$BIN replay $S"
wait_for "intact"
keys t 4
wait_for "Évaluation E3 de l'équipe Alpha"
wait_for "« Outil choisi tôt, réunions suivies : très bien »"
screen | grep -q "Outil de coordination.*acquis" || fail "niveau « acquis » absent après réouverture"
keys q
wait_for "[fin: 0]"
"$BIN" verify "$S" >"$DIR/out" 2>&1 || { cat "$DIR/out"; fail "le rejeu a altéré le journal"; }
grep -q "hydra.jsonl.marks : 1 note, intacte, signée par la clé" "$DIR/out" ||
    { cat "$DIR/out"; fail "verify ne vérifie pas les notes"; }

# Another account (another key) may read the marks but not add one: the
# refusal names both keys, and the replay goes on.
EXTRA_ENV="PILOTE_TRAINER_KEY=$DIR/autre.key"
respawn "$BIN replay $S"
wait_for "intact"
keys t 4
wait_for "« Outil choisi tôt, réunions suivies : très bien »"
keys m
wait_for "Niveau"
keys p Enter
wait_for "Commentaire"
keys -l "autre compte"
keys Enter
wait_for "Preuve liée"
keys Enter
wait_for "Évaluation E3 (une touche pour continuer)"
wait_for "autre.key) est une autre"
screen | grep -q "signé par la clé" || fail "le refus ne nomme pas la clé des notes"
keys Space
wait_gone "une touche pour continuer"
screen | grep -q "^ *Note non enregistrée" || fail "le refus n'est pas rappelé en bas"
keys q
wait_for "[fin: 0]"
EXTRA_ENV="PILOTE_TRAINER_KEY=$DIR/jury.key"

# A mark changed behind the evaluator's back is reported with its line.
cp "$S.marks" "$DIR/marks.orig"
sed '2s/"acquis"/"partiel"/' "$DIR/marks.orig" >"$S.marks"
"$BIN" verify "$S" >/dev/null 2>"$DIR/err"
[ $? -eq 65 ] || fail "verify : notes altérées, 65 attendu"
grep -q "hydra.jsonl.marks:2:" "$DIR/err" || { cat "$DIR/err"; fail "verify ne nomme pas la ligne altérée des notes"; }
cp "$DIR/marks.orig" "$S.marks"

# An altered copy is reported with its line and refused.
sed '4s/12000/13000/' "$S" >"$DIR/altered.jsonl"
respawn "$BIN replay $DIR/altered.jsonl"
wait_for "ALTÉRÉE"
wait_for "altered.jsonl:4:"
wait_for "[fin: 65]"
echo "ok $TEST_NAME"
