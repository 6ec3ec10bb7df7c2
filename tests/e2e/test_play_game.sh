#!/bin/sh
# One whole game of the default scenario in one tmux window, from
# `pilote play` to the results, with NO_COLOR=1 all along:
#   - the demo setup, then team Alpha frames every package through the
#     Cadrage screen (tools, owners and offers, suppliers, retro-planning,
#     reserve, missions, accommodations) until no alert is left;
#   - the trainer opens piloting; week 1: an incident injected for Alpha,
#     answered from the Incidents screen with a justification in French;
#   - week 2: the trainer requests a status point and injects two more
#     incidents; Alpha's Gantt survives a resize to 60x20 (the program asks
#     for 80x24) and back; Alpha answers the second incident; the program
#     is killed (kill -9) mid-week and restarted on the session: the same
#     screen comes back (team, tab, week, the incident selected and
#     answered, below the open one), and the Pilotage tab is still on its
#     Gantt; Alpha types its status point with é è à ç ô œ € and hands it
#     in;
#   - the trainer closes the weeks up to the launch; the Bilan screen shows
#     the results and the E3 indicators with their evidence;
#   - no colour on any of the screens checked on the way (capture-pane -e:
#     bold, underline, reverse only), while the same session without
#     NO_COLOR does show colours;
#   - outside tmux, `pilote show` and `pilote verify` agree, and the texts
#     typed with accents are in the journal itself.
# The clock is frozen (PILOTE_FAKE_TIME): countdowns do not move.
TEST_NAME=play_game
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' \
    EXIT INT TERM
cp -R scenarios "$WORK/scenarios"
mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000 NO_COLOR=1"
. tests/e2e/game_steps.sh

# snap FILE: the screen without its message (rows 21 to 23 of 24: a long
# message takes up to three rows until the next key), the countdowns
# masked.
snap() {
	_r=${PLAY_ROWS:-24}
	screen | sed "$((_r - 3)),$((_r - 1))d" | sed -E 's/[0-9]{2}:[0-9]{2}/--:--/g' >"$1"
}

# same BEFORE AFTER WHAT: the two snapshots are equal.
same() {
	cmp -s "$1" "$2" || {
		diff "$1" "$2" | sed 's/^/    /'
		fail "$3"
	}
}

# --- setup and framing -------------------------------------------------
new_demo_session
[ "$S" = "$WORK/saves/lancement-hydra-20270115-0800.jsonl" ] ||
    fail "fichier de session inattendu : $S"
no_colour "brief"
frame_alpha
no_colour "cadrage"

# --- week 1: an incident answered --------------------------------------
trainer
open_piloting
no_colour "vue des équipes"
inject 1
team_alpha
tab 5 "Incidents de l'équipe Alpha"
answer "Le tournage du spot est compromis" b \
    "Pas de surcoût : la qualité « outdoor » est gardée, la météo sera meilleure à l'été."
wait_for "répondu (Léa Martin)"
no_colour "incidents"
trainer
close_week 1

# --- week 2: a status point requested, two more incidents --------------
keys p
wait_for "Demander quel point de situation ?"
keys Down Enter
wait_for "Délai pour le rendre, en minutes"
keys Enter
wait_for "Pour quelle équipe ?"
keys Down Enter
accepted
# Two incidents: the first one stays open, listed above the answered one
# (the selection is then not the top of the list).
inject 5
inject 8
team_alpha

# Alpha's Gantt, through a resize below 80x24 and back.
tab 4 "t Tableau de bord  g Gantt  b Kanban"
keys g
wait_for "░ prévu  █ prévu et réalisé"
wait_for "(S-6 : cette semaine)"
snap "$WORK/gantt-before.txt"
resize 60 20
wait_for "Agrandissez le terminal"
wait_for "il faut 80×24 au moins"
wait_for "(actuellement 60×20)."
resize "${PLAY_COLS:-80}" "${PLAY_ROWS:-24}"
wait_gone "Agrandissez le terminal"
wait_for "░ prévu  █ prévu et réalisé"
snap "$WORK/gantt-after.txt"
same "$WORK/gantt-before.txt" "$WORK/gantt-after.txt" \
    "le Gantt n'est pas revenu à l'identique après 60×20 puis 80×24"
no_colour "Gantt"

# The incident answered, then the program killed mid-week.
tab 5 "Incidents de l'équipe Alpha"
answer "Le devis de la soirée de lancement augmente de 3 200 €" a \
    "Quarante invités de plus : c'est réservé, l'accueil accessible ne bouge pas."
wait_for "— justification : Quarante invités"
snap "$WORK/incidents-before.txt"
pid=$(pilote_pid)
[ -n "$pid" ] || fail "processus pilote introuvable"
kill -9 "$pid"
wait_for "[fin: 137]"

# Restarted on the session: the same screen, nothing typed.
respawn "cd $WORK && $BIN play $S"
wait_for "reprise"
wait_for "— justification : Quarante invités"
snap "$WORK/incidents-after.txt"
same "$WORK/incidents-before.txt" "$WORK/incidents-after.txt" \
    "l'écran des incidents n'est pas revenu à l'identique après kill -9"
wait_for "pilote · S2/8 pilotage · Équipe Alpha — Léa Martin"
wait_for "5 Incidents"
wait_for "— Le devis de la soirée de lancement augmente de 3 200 €"
wait_for "Choix de Léa Martin (événement n°"
no_colour "après la reprise"
# Where Alpha was on the other screens came back too: the Gantt.
tab 4 "░ prévu  █ prévu et réalisé"

# The status point typed with accents, handed in.
tab 6 "Points de situation de l'équipe Alpha"
wait_for "1 à rendre sur 1"
wait_for "Point de situation n° 1 : cadrage et commandes"
keys Enter
wait_for "Tab partie suivante"
keys -l "Devis de la soirée : 3 200 € de plus, payés sur la réserve."
keys Enter
keys -l "Élève, garçon, cœur, côte, à l'été : é è à ç ô œ €."
keys Tab
keys -l "Tournage décalé d'une semaine plutôt qu'un comédien remplaçant."
keys Tab
keys -l "Budget engagé conforme, livrables à l'heure, recette à préparer."
wait_for "Élève, garçon, cœur, côte, à l'été : é è à ç ô œ €."
wait_for "recette à préparer."
no_colour "point de situation"
no_cut "point de situation en cours d'écriture"
keys Escape
wait_for "r rendre le point"
keys r
# Co-authors chosen on the screen: Hugo Petit wrote it too.
wait_for "Co-auteurs du point"
wait_for "Hugo Petit"
keys Down Enter
wait_for "Co-auteurs du point"
keys Enter
wait_for "Rendre le point n°1 au nom de Léa Martin,Hugo Petit ?"
keys o
ev=$((ev + 1))
wait_for "Point n°1 rendu à l'heure"
wait_for "0 à rendre sur 1"

# --- the remaining weeks, up to the launch ------------------------------
trainer
week=2
while [ $week -le 8 ]; do
	close_week $week
	week=$((week + 1))
done
no_colour "lancement"

# --- the results ---------------------------------------------------------
team_alpha
tab 7 "Résultats au lancement — équipe Alpha"
wait_for "Livrables —"
wait_for "lots h/r/m"
# Page down to the E3 indicators, then to the end.
_pg=0
until seen "Critères E3 —" 1; do
	_pg=$((_pg + 1))
	[ $_pg -le 8 ] || fail "les critères E3 n'apparaissent pas"
	keys NPage
done
keys End
wait_for "(fin)"
wait_for "Règle : chaque partie d'un point compte"
wait_for "Points de situation complets, synthétiques et à"
wait_for "1 point(s) demandé(s) : 1 à l'heure"
wait_for "preuves : événements n°"
no_colour "bilan"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"

# The check above proves something: without NO_COLOR, colours show.
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
respawn "cd $WORK && $BIN play $S"
wait_for "reprise"
wait_for "Résultats au lancement — équipe Alpha"
has_colour ||
    fail "sans NO_COLOR, aucune couleur : la vérification ne prouve rien"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"

# --- outside tmux: the journal holds it all -----------------------------
# The header, one line per event, and the host's seal after the last week.
[ "$(wc -l <"$S")" -eq $((ev + 2)) ] ||
    fail "$(wc -l <"$S") lignes dans le journal pour $ev événements et le sceau"
tail -n 1 "$S" | grep -q '"type":"sceller"' ||
    fail "la dernière ligne n'est pas le sceau de la session"
"$BIN" show "$S" --team Alpha >"$WORK/show.txt" 2>&1 || fail "pilote show"
for text in "Phase : lancé, semaine 8 sur 8, $((ev + 1)) événement(s)" \
    "14 lot(s) sur 14 planifiés" "8 relation(s) cadrée(s) sur 8" \
    "cadrage sans alerte à l'ouverture du pilotage" \
    "1 point(s) demandé(s) : 1 à l'heure" \
    "Léa Martin a choisi « Décaler le tournage d'une semaine »" \
    "Léa Martin a choisi « Payer le supplément sur la réserve »" \
    "payée sur la réserve (il y reste" \
    "Point de situation n° 1 : cadrage et commandes (15 min) : rendu à l'heure"; do
	grep -qF -- "$text" "$WORK/show.txt" || {
		sed 's/^/    | /' "$WORK/show.txt"
		fail "« $text » absent de pilote show"
	}
done
for text in '"type":"ouvrir_pilotage"' '"type":"repondre"' \
    "la météo sera meilleure à l'été." \
    "c'est réservé, l'accueil accessible ne bouge pas." \
    '"type":"point"' '"auteurs":"Léa Martin,Hugo Petit"' \
    "Devis de la soirée : 3 200 € de plus, payés sur la réserve." \
    "Élève, garçon, cœur, côte, à l'été : é è à ç ô œ €." \
    "Tournage décalé d'une semaine plutôt qu'un comédien remplaçant." \
    "Budget engagé conforme, livrables à l'heure, recette à préparer."; do
	grep -qF -- "$text" "$S" || fail "« $text » absent du journal $S"
done
[ "$(grep -c '"type":"cloturer_semaine"' "$S")" = 8 ] || fail "8 clôtures"
"$BIN" verify "$S" >/dev/null 2>&1 || fail "pilote verify refuse le journal"
echo "ok $TEST_NAME"
