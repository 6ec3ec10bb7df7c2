#!/bin/sh
# The framing screen of `pilote play`, driven like a team would at 80x24:
# the demo session, team Alpha at the keyboard, then the whole framing of
# the default scenario through the screen: tools, every package given to
# people of the team or to a supplier offer (with a justification typed
# with accents), every supplier used framed, every package placed on the
# retro-planning (moved, shortened and lengthened with the keys, typed
# once), the reserve, the missions of every role, every accommodation,
# until the alerts panel shows no alert.  Then, outside tmux, `pilote show`
# and the journal say the same.
TEST_NAME=play_framing
. tests/e2e/lib.sh
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DIR=$(mktemp -d)
trap '$T kill-server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$DIR"' \
    EXIT INT TERM
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
# Money is written with no-break spaces: « 11 000 € ».
NB=$(printf '\302\240')
cp -R scenarios "$DIR/scenarios"
mkdir "$DIR/saves"
EXTRA_ENV=PILOTE_FAKE_TIME=1800000000000
cd "$DIR" || exit 1

# Each accepted command is the next event of the journal.
ev=0
accepted() {
	ev=$((ev + 1))
	wait_for "Enregistré (événement n°$ev)"
}

start 80 24 "$BIN" play
wait_for "Démo : 2 équipes"
keys Enter
wait_for "Fichier de la session"
keys Enter
wait_for "mode formateur"
keys e
wait_for "Quelle équipe prend le clavier"
keys Enter
wait_for "Équipe Alpha au clavier"
keys 3
wait_for "o Outils  l Lots  p Prestataires  r Rétroplanning  m Équipe  b Budget"
wait_for "aucun outil de gestion de projet choisi"

# --- tools: Asana (project management) and Slack (messaging) ---
keys Down Enter
accepted
wait_for "[x] Asana Starter"
keys Down Down Space
accepted
wait_for "[x] Slack Pro"

# --- packages: people of the team, or an offer with its why ---
keys l
wait_for "équipe interne"
# pick ROW...: ticks people in the multi-select by their row (1 = the
# first person), then goes back up to "Valider".
pick() {
	wait_for "→ Valider (0 cochée(s))"
	at=1 n=0
	for row in "$@"; do
		while [ $at -lt "$row" ]; do keys Down; at=$((at + 1)); done
		keys Enter
		n=$((n + 1))
		wait_for "→ Valider ($n cochée(s))"
	done
	while [ $at -gt 0 ]; do keys Up; at=$((at - 1)); done
	keys Enter
	accepted
}
# offer SUPPLIER WHY: chooses the offer of the selected column, justified.
offer() {
	keys Enter
	wait_for "pourquoi retenir $1"
	keys -l "$2"
	keys Enter
	accepted
}
# 1 Stratégie: Hélène (1), Hugo (2) and Lucie (5) share the five days.
keys Enter
pick 1 2 5
wait_for "Hélène, Hugo, Lucie"
# 2 Plateforme créative: Atelier Rhône.
keys Down Right
offer "Atelier Rhône" "Très bonne qualité créative, déjà éprouvée à Lyon ; façon de travailler adaptée"
# 3 Contenus: Atelier Rhône again (accessible, alt texts included).
keys Down Right
offer "Atelier Rhône" "Textes alternatifs fournis, cohérence avec la plateforme ; prix maîtrisé"
# 4 Spot: Kinograph (accessible, Ecoprod), the first offer.
keys Down
offer "Kinograph Studio" "Sous-titres et SRT inclus, tournage écoresponsable à Lyon"
# 5 E-shop: Les Gones du Web (RGAA).
keys Down Right
offer "Les Gones du Web" "Auditeurs RGAA certifiés : l'accessibilité de l'e-shop est garantie"
# 6 Plan de marquage: Hugo (2) and Samir (4).
keys Down Enter
pick 2 4
# 7 Validation juridique: Anne-Sophie (7).
keys Down Enter
pick 7
# 8 Dossier de presse: Presse & Cie.
keys Down Right
offer "Presse & Cie" "Réseau presse sport et high-tech, dossier accessible"
# 9 Relations presse: Élise Caradec, the second offer.
keys Down Right Right
offer "Élise Caradec" "Moins chère, très bon réseau régional ; délai de 4 semaines accepté"
# 10 Influence: Vibe Influence (ARPP certificate).
keys Down
offer "Vibe Influence" "Certificat de l'influence responsable : la loi de 2023 est respectée"
# 11 Social ads: Hugo (2) and Lucie (5).
keys Down Enter
pick 2 5
# 12 CRM: Mathieu (6).
keys Down Enter
pick 6
# 13 Recette et audit: Inclusio Conseil.
keys Down Right Right
offer "Inclusio Conseil" "Audit indépendant par des experts utilisateurs de lecteurs d'écran"
# 14 Soirée: Traboules Événements (accessible venue, hearing loop).
keys Down Right Right
offer "Traboules Événements" "Lieu de plain-pied, boucle magnétique : Mathieu et Lucie y sont à l'aise"
wait_for "Traboules Événements"
wait_gone "— à attribuer"

# --- suppliers: the framework of each relationship used ---
keys p
wait_for "Cadre de la relation avec Atelier Rhône"
# frame: weekly meetings, Slack, the offers' formats, criteria, 2 hours.
frame() {
	keys Enter
	wait_for "Cadre (1/5) : fréquence des réunions"
	keys Enter
	wait_for "Cadre (2/5) : outil d'échange"
	keys Enter
	wait_for "Cadre (3/5) : format et échéances"
	keys Enter
	wait_for "Cadre (4/5) : critères de recette"
	keys -l "$1"
	keys Enter
	wait_for "Cadre (5/5) : heures par semaine"
	keys Enter
	accepted
}
frame "Validation écrite à chaque livraison, contrastes et textes alternatifs vérifiés"
wait_for "Validation écrite à chaque livraison"
wait_for "Slack Pro"
keys Down Down
frame "Sous-titres relus, versions 16:9 et 9:16 livrées à J-3"
keys Down Down Down
frame "Recette sur mobile et ordinateur, audit RGAA sans non-conformité bloquante"
keys Down Down Down
frame "Chaque contenu porte la mention « Publicité » avant publication"
keys Down Down
frame "Dossier relu par la juriste avant envoi"
keys Down
frame "Revue de presse hebdomadaire, 15 retombées au moins"
keys Down
frame "Repérage du lieu avec Mathieu, sous-titrage des prises de parole testé"
keys Down
frame "Déclaration d'accessibilité et contre-audit livrés"
wait_gone "à cadrer"

# --- retro-planning: each package placed after its predecessors ---
keys r
wait_for "S-7 S-6 S-5 S-4 S-3 S-2 S-1 S-0"
keys Home
# (wait_for counts with i: the loop counts with lot.)
lot=1
while [ $lot -le 14 ]; do
	if [ $lot -eq 8 ]; then
		# The press kit typed rather than placed: S-4 only.
		keys Enter
		wait_for "(échéance S-4) : Dossier et communiqu"
		keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
		keys -l "S-4 S-4"
		keys Enter
	else
		keys Right
	fi
	accepted
	[ $lot -lt 14 ] && keys Down
	lot=$((lot + 1))
done
wait_for "plan S-3→S-1 (3 sem.) · échéance S-0 · 14 Soirée"
# The evening moved later then back, with the arrows.
keys Right
accepted
wait_for "plan S-2→S-0 (3 sem.) · échéance S-0 · 14 Soirée"
keys Left
accepted
wait_for "plan S-3→S-1 (3 sem.) · échéance S-0 · 14 Soirée"
# Press relations shortened: shorter than Élise Caradec's lead time.
keys Up Up Up Up Up
wait_for "échéance S-0 · 9 Relations presse"
keys -l "<"
accepted
wait_for "plan S-3→S-1 (3 sem.) · échéance S-0 · 9 Relations presse"
wait_for "Élise Caradec annonce 4 semaine"
keys -l ">"
accepted
wait_gone "Élise Caradec annonce 4 semaine"
# Social ads lengthened with Shift+→ to the launch week, then back.
keys Down Down
wait_for "échéance S-0 · 11 Campagne social ads"
keys S-Right
accepted
wait_for "plan S-1→S-0 (2 sem.) · échéance S-0 · 11 Campagne"
keys S-Left
accepted
wait_for "plan S-1→S-1 (1 sem.) · échéance S-0 · 11 Campagne"

# --- budget: the contingency reserve ---
keys b
wait_for "Réserve pour aléas : 0${NB}€"
keys Enter
wait_for "Réserve pour aléas, en euros"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
keys -l "11000"
keys Enter
accepted
wait_for "Réserve pour aléas : 11${NB}000${NB}€, soit 5 %"

# --- team: missions of every role, every accommodation ---
keys m
wait_for "Rôles et missions"
# mission NAME DOWNS [TEXT]: the holder chosen (DOWNS rows below the one
# proposed), the scenario's missions accepted or TEXT typed before them.
mission() {
	keys Enter
	wait_for "Qui tient le rôle"
	n=0
	while [ $n -lt "$2" ]; do keys Down; n=$((n + 1)); done
	keys Enter
	wait_for "Missions de $1"
	if [ -n "${3:-}" ]; then
		keys Home
		keys -l "$3 "
	fi
	keys Enter
	accepted
}
keys Home
mission "Léa Martin" 0
keys Down
mission "Hugo Petit" 0
keys Down
mission "Inès Faure" 0
keys Down
mission "Léa Martin" 0 "Rétroplanning à rebours du lancement, charge et dépendances suivies ;"
keys Down
mission "Inès Faure" 2 "Besoins d'aménagement analysés, recette RGAA et sous-titres ;"
keys Down
wait_for "Sous-titrage · 0${NB}€"
keys Enter
accepted
keys Down Enter
accepted
keys Down Enter
accepted
wait_gone "à mettre en place"
wait_for "✓ Aucune alerte du planning : le cadrage est complet et cohérent."
$T capture-pane -p -t app >"$DIR/last-screen.txt"
keys q
wait_for "Quitter pilote"
keys o
wait_for "[fin: 0]"

# --- outside tmux: the journal recorded it all ---
save=$(ls saves/*.jsonl)
[ "$save" = saves/lancement-hydra-20270115-0800.jsonl ] ||
    fail "fichier de session inattendu : $save"
"$BIN" show "$save" --team Alpha >"$DIR/show.txt" || fail "pilote show"
check() {
	grep -qF -- "$1" "$DIR/show.txt" || {
		sed 's/^/    | /' "$DIR/show.txt"
		fail "« $1 » absent de pilote show"
	}
}
check "Alertes du planning (0)"
check "réserve 11${NB}000${NB}€"
check "14 lot(s) sur 14 planifiés, dont"
check "5 interne(s), 9 chez des prestataires"
check "8 relation(s) cadrée(s) sur 8"
check "3 besoin(s) d'aménagement couvert(s) sur 3"
check "rôle(s) obligatoire(s) sur 4"
check "rp             à faire   S-3→S-0"
check "[Élise Caradec]"
check "[helene, hugo, lucie]"
grep -qF '"why":"Très bonne qualité créative, déjà éprouvée à Lyon ; façon de travailler adaptée"' \
    "$save" || fail "justification avec accents absente du journal"
grep -qF 'Besoins d'"'"'aménagement analysés, recette RGAA et sous-titres ;' \
    "$save" || fail "mission saisie absente du journal"
[ "$(grep -c '"type":"attribuer"' "$save")" = 14 ] || fail "14 attributions"
[ "$(grep -c '"type":"cadrer"' "$save")" = 8 ] || fail "8 cadrages"
"$BIN" verify "$save" >/dev/null 2>&1 || fail "pilote verify"
echo "ok $TEST_NAME"
