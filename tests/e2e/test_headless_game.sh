#!/bin/sh
# A whole game of the default scenario played with `pilote do` alone, as the
# README shows: team Alpha frames carefully, team Beta barely frames.  The
# session reaches the results, Alpha's E3 indicators beat Beta's, the
# journal verifies, a refused command writes nothing, and replaying the
# journal gives the state hash of the live run.
TEST_NAME=headless_game
set -u
BIN=${BIN:-./pilote}
DIR=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM
S=$DIR/hydra.jsonl
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
# The clock is pinned so that deadlines are reproducible.
now=1800000000000
export PILOTE_FAKE_TIME=$now
tick() { now=$((now + $1 * 60000)); export PILOTE_FAKE_TIME=$now; }

A() { "$BIN" do "$S" --team Alpha --as "$1" ${WHY:+--why "$WHY"} -- "$2" "$@" >/dev/null 2>"$DIR/err" ||
	{ cat "$DIR/err"; fail "Alpha : $2 refusé"; }; }
alpha() { who=$1; shift; "$BIN" do "$S" --team Alpha --as "$who" ${WHY:+--why "$WHY"} -- "$@" \
	>/dev/null 2>"$DIR/err" || { cat "$DIR/err"; fail "Alpha : $* refusé"; }; }
beta() { who=$1; shift; "$BIN" do "$S" --team Beta --as "$who" ${WHY:+--why "$WHY"} -- "$@" \
	>/dev/null 2>"$DIR/err" || { cat "$DIR/err"; fail "Beta : $* refusé"; }; }
trainer() { "$BIN" do "$S" --trainer -- "$@" >"$DIR/last" 2>"$DIR/err" ||
	{ cat "$DIR/err"; fail "formateur : $* refusé"; }; }

"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed 7 \
    --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget,Inès Faure:prestataires' \
    --team 'Beta=Zoé Roux:pilote,Max Blanc' \
    --extra-time 'Inès Faure=33' >/dev/null || fail "new"

# --- framing: Alpha ---
WHY=
alpha 'Léa Martin' outil outil=trello
alpha 'Léa Martin' outil outil=slack
alpha 'Léa Martin' outil outil=meet
alpha 'Hugo Petit' amenager membre=lucie besoin=1
alpha 'Hugo Petit' amenager membre=mathieu besoin=1
alpha 'Hugo Petit' amenager membre=mathieu besoin=2
alpha 'Léa Martin' mission role=pilote candidat='Léa Martin' texte='Cap, arbitrages, points de situation'
alpha 'Léa Martin' mission role=budget candidat='Hugo Petit' texte='Budget par ligne et réserve'
alpha 'Léa Martin' mission role=prestataires candidat='Inès Faure' texte='Offres, cadrage, suivi des livraisons'
alpha 'Léa Martin' mission role=qualite candidat='Inès Faure' texte='Aménagements, recette, RGAA'
alpha 'Hugo Petit' reserve montant=12000
alpha 'Léa Martin' attribuer lot=brief_strat interne=hugo,helene
alpha 'Léa Martin' attribuer lot=conformite interne=anne
alpha 'Léa Martin' attribuer lot=crm interne=mathieu
WHY='Meilleur rapport délai-prix, atelier lyonnais fiable'
for pair in plateforme:collectif_mona contenus:collectif_mona spot:kinograph \
    eshop:julien_morel tracking:julien_morel kit_presse:elise_caradec \
    rp:presse_cie influence:creatorhub social_ads:socialift \
    recette:inclusio evenement:atelier_rhone; do
	alpha 'Inès Faure' attribuer lot="${pair%%:*}" prestataire="${pair#*:}"
done
WHY=
for sup in collectif_mona kinograph julien_morel elise_caradec presse_cie \
    creatorhub socialift inclusio atelier_rhone; do
	alpha 'Inès Faure' cadrer prestataire=$sup reunions=hebdomadaire \
	    outil=slack format='Fichiers sources et export web' \
	    recette='Conforme au brief, RGAA et sous-titres vérifiés' heures=2
done
for plan in brief_strat:S-7:S-7 plateforme:S-6:S-5 tracking:S-6:S-6 \
    contenus:S-4:S-3 spot:S-4:S-2 eshop:S-4:S-3 conformite:S-4:S-3 \
    kit_presse:S-4:S-4 rp:S-3:S-1 influence:S-2:S-1 crm:S-4:S-2 \
    social_ads:S-1:S-0 recette:S-1:S-1 evenement:S-2:S-1; do
	p=${plan%%:*}; rest=${plan#*:}
	alpha 'Léa Martin' planifier lot=$p debut=${rest%%:*} fin=${rest#*:}
done

# --- framing: Beta does the least ---
WHY='Le moins cher'
beta 'Zoé Roux' attribuer lot=spot prestataire=clipfactory
WHY=
beta 'Zoé Roux' attribuer lot=brief_strat interne=hugo

# A refused command says why, exits 65 and writes nothing.
lines=$(wc -l <"$S")
"$BIN" do "$S" --team Beta --as 'Zoé Roux' -- attribuer lot=spot interne=margaux \
    >/dev/null 2>"$DIR/err"
[ $? -eq 65 ] || fail "une commande refusée doit sortir avec 65"
grep -q "chez un prestataire seulement" "$DIR/err" || fail "motif du refus absent"
[ "$(wc -l <"$S")" -eq "$lines" ] || fail "une commande refusée a écrit dans le journal"

# --- piloting ---
trainer ouvrir_pilotage
week=1
while [ $week -le 8 ]; do
	tick 5
	if [ $week -eq 3 ] || [ $week -eq 6 ]; then
		trainer demander_point titre="Point de la semaine $week" delai=20
		tick 10
		n=$("$BIN" show "$S" --team Alpha --json | grep -c '"submitted"')
		alpha 'Inès Faure' point point=$n auteurs='Inès Faure,Léa Martin' \
		    risques='Retard possible du spot, surveillé chaque semaine' \
		    arbitrages='Réserve gardée pour les médias' \
		    suivi='Budget conforme, livrables à l heure'
	fi
	# Alpha answers every open incident with its first option.
	"$BIN" show "$S" --team Alpha --json >"$DIR/state.json" || fail "show"
	for n in $(tr -d ' \n' <"$DIR/state.json" | grep -o '"number":[0-9]*,"incident":"[^"]*","title":"[^"]*","week":[0-9]*,"opened_seq":[0-9]*,"status":"open"' |
	    sed 's/"number":\([0-9]*\).*/\1/'); do
		opt=$("$BIN" show "$S" --team Alpha | sed -n "/^  n°$n /,/^  n°/p" | sed -n 's/^      option=\([^ ]*\) :.*/\1/p' | head -n 1)
		WHY='Arbitrage de la cheffe de projet'
		alpha 'Léa Martin' repondre incident=$n option="$opt"
		WHY=
	done
	tick 20
	trainer cloturer_semaine
	week=$((week + 1))
done

"$BIN" show "$S" >"$DIR/final.txt" || fail "show final"
grep -q "Phase : lancé" "$DIR/final.txt" || fail "la partie n'est pas allée jusqu'au lancement"
grep -q "^Résultats : " "$DIR/final.txt" || fail "pas de résultats"
alpha_e3=$("$BIN" show "$S" --team Alpha --json | sed -n 's/.*"e3_score": \([0-9]*\).*/\1/p')
beta_e3=$("$BIN" show "$S" --team Beta --json | sed -n 's/.*"e3_score": \([0-9]*\).*/\1/p')
[ -n "$alpha_e3" ] && [ -n "$beta_e3" ] || fail "scores E3 absents"
[ "$alpha_e3" -gt "$beta_e3" ] || fail "E3 : Alpha ($alpha_e3) devrait battre Beta ($beta_e3)"
"$BIN" verify "$S" >/dev/null || fail "verify sur un journal intact"
# Replay gives the same state: the hash of the live process that recorded
# the last event equals a fresh replay, and --at the last event too.
h0=$(sed -n 's/.*empreinte de l.état \([0-9a-f]*\)$/\1/p' "$DIR/last")
h1=$(sed -n 's/^Empreinte de l.état : //p' "$DIR/final.txt")
[ -n "$h0" ] && [ "$h0" = "$h1" ] || fail "empreinte du direct ($h0) différente du rejeu ($h1)"
last=$(($(wc -l <"$S") - 1))
h2=$("$BIN" show "$S" --at $last | sed -n 's/^Empreinte de l.état : //p')
[ -n "$h1" ] && [ "$h1" = "$h2" ] || fail "empreinte différente au rejeu ($h1 / $h2)"
echo "ok $TEST_NAME (E3 : Alpha $alpha_e3, Beta $beta_e3)"
