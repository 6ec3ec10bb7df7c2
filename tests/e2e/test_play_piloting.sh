#!/bin/sh
# pilote play, the piloting side, in a real terminal at 80x24: the trainer
# opens piloting and injects an incident; team Alpha reads its dashboard,
# Gantt and Kanban, answers the incident with a justification; the trainer
# requests a status point; Alpha types its three parts with accents, the
# program is killed (kill -9) in the middle of the typing, restarted, and
# the draft is there; the point is handed in, the weeks are closed up to
# the launch and the results screen shows the E3 evidence.  Then
# `pilote show` finds the answer and the status point, accents intact, in
# the journal.  The clock is frozen (PILOTE_FAKE_TIME): countdowns do not
# move, which keeps the screens stable.
TEST_NAME=play_piloting
. tests/e2e/lib.sh
WORK=$(mktemp -d)
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cp -r scenarios "$WORK/" && mkdir "$WORK/saves"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
EXTRA_ENV="PILOTE_FAKE_TIME=1800000000000"
nb=$(printf '\302\240')	# money is grouped with no-break spaces

fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}

# goto TEXT: Tab through the screens until TEXT shows.
goto() {
	tries=0
	until seen "$1" 1; do
		tries=$((tries + 1))
		[ $tries -le 10 ] || fail "écran « $1 » introuvable"
		keys Tab
	done
}

# The pid of pilote in the window (a descendant of the pane's shell).
pilote_pid() {
	ps -e -o pid=,ppid=,comm= | awk -v root="$($T display -p -t app \
	    '#{pane_pid}')" '
	    { parent[$1] = $2; name[$1] = $3 }
	    END {
		for (p in name) {
			if (name[p] != "pilote")
				continue
			for (q = p; q in parent && q != 1; q = parent[q])
				if (q == root) { print p; exit }
		}
	    }'
}

# --- a demo session, piloting opened by the trainer ---
start 80 24 "cd $WORK && $BIN play"
wait_for "Nouvelle session"
keys Enter
wait_for "Fichier de la session"
keys Enter
wait_for "o ouvrir le pilotage"
S=$(ls "$WORK"/saves/*.jsonl)
keys o
wait_for "Ouvrir le pilotage ?"
keys o
wait_for "s clôturer la semaine"
wait_for "S1/8 pilotage"

# The trainer injects the catalogue's first incident for Alpha.
keys i
wait_for "Injecter quel incident ?"
keys Down Enter
wait_for "Pour quelle équipe ?"
keys Down Enter
wait_for "L'injecter ?"
keys o
wait_for "Enregistré (événement n°"

# --- Alpha at the keyboard: dashboard, Gantt, Kanban ---
keys e
wait_for "Quelle équipe prend le clavier ?"
keys Enter
wait_for "Équipe Alpha au clavier"
goto "Budget par ligne"
wait_for "Enveloppe 220${nb}000${nb}€"
wait_for "Planning (14 lots)"
wait_for "Indicateurs clés si le lancement avait lieu aujourd'hui"
keys g
wait_for "S-7 S-6 S-5"
wait_for "░ prévu"
keys b
wait_for "À faire (14)"
keys t
wait_for "Budget par ligne"

# --- the incident inbox: answer with a justification (none: refused) ---
goto "Incidents de l'équipe Alpha"
tries=0
until seen "— Le tournage du spot est compromis" 1; do
	tries=$((tries + 1))
	[ $tries -le 10 ] || fail "incident injecté introuvable"
	keys Down
done
wait_for "reste 10:00"
wait_for "Décaler le tournage d'une semaine"
# Each option's consequences read whole at 80x24, the last one too.
wait_for "15 s » -7"
keys Enter
wait_for "Options : ↑ ↓ choisir"
keys b
wait_for "▸ b)"
# Blanks are no justification: the engine's refusal, no confirmation.
keys Enter
wait_for "pourquoi ce choix ?"
keys -l "   "
keys Enter
wait_for "Refusé : une réponse à un incident se justifie"
keys Enter
wait_for "pourquoi ce choix ?"
keys -l "Pas de surcoût : on garde la qualité « outdoor », la météo sera meilleure."
keys Enter
wait_for "Répondre b) à l'incident"
keys o
wait_for "Choix de Léa Martin"
wait_for "Conséquence :"
wait_for "répondu (Léa Martin)"

# --- the trainer requests the scenario's first status point ---
keys F
wait_for "Mode formateur."
goto "Actions du formateur"
keys p
wait_for "Demander quel point de situation ?"
keys Down Enter
wait_for "Délai pour le rendre, en minutes"
keys Enter
wait_for "Pour quelle équipe ?"
keys Down Enter
wait_for "Enregistré (événement n°"
keys F
wait_for "Équipe Alpha au clavier."

# --- Alpha types its point; the program dies mid-typing ---
goto "Points de situation de l'équipe Alpha"
wait_for "1 à rendre sur 1"
wait_for "Point de situation n° 1 : cadrage et commandes"
wait_for "reste 15:00"
keys Enter
wait_for "Tab partie suivante"
# Every part's question whole at 80x24, not cut to a line.
wait_for "Quels aléas avez-vous déjà traités ?"
wait_for "et Mathieu ?"
keys -l "Présérie décalée de deux semaines : tournage reporté, coût évité."
keys Enter
keys -l "Élève, garçon, cœur, côte : é è à ç ô œ €."
keys Tab
keys -l "Arbitrage : réserve préservée à 12 000 €, lots internes gardés."
keys Tab
# Tab stops at the last part: one more does not wrap to « Risques ».
keys Tab
keys -l "Suivi : budget engagé conforme"
# The text on screen first: from then on the draft is being typed, and
# the indicator turns to « brouillon enregistré » at the next pause.
wait_for "Suivi : budget engagé conforme"
wait_for "brouillon enregistré"
keys -l ", livrables"
pid=$(pilote_pid)
[ -n "$pid" ] || fail "processus pilote introuvable"
kill -9 "$pid"
wait_for "[fin: 137]"
for text in "Élève, garçon, cœur, côte : é è à ç ô œ €." \
    "Suivi : budget engagé conforme"; do
	grep -qF -- "$text" "$S.drafts/Alpha-1.txt" ||
	    fail "« $text » absent du brouillon $S.drafts/Alpha-1.txt"
done

# --- restarted, the draft is back ---
respawn "cd $WORK && $BIN play $S"
if ! seen "Points de situation de l'équipe Alpha" 5; then
	keys e
	wait_for "Quelle équipe prend le clavier ?"
	keys Enter
	goto "Points de situation de l'équipe Alpha"
fi
wait_for "brouillon retrouvé"
wait_for "Présérie décalée de deux semaines"
wait_for "Élève, garçon, cœur, côte : é è à ç ô œ €."
wait_for "Arbitrage : réserve préservée à 12 000 €"
wait_for "Suivi : budget engagé conforme"
# Enter goes back to the part last written in (Suivi), kept in the .ui file.
keys Enter
wait_for "Tab partie suivante"
screen | grep -q "^ ┃ Suivi : budget engagé conforme" ||
    fail "Entrée ne revient pas dans la partie « Suivi » où l'on écrivait"
keys End
keys -l " — fin du point, livrables à l'heure."
wait_for "fin du point, livrables à l'heure."
keys Escape
wait_for "r rendre le point"
keys r
wait_for "Co-auteurs du point"
keys Enter
wait_for "Rendre le point n°1 au nom de Léa Martin ?"
keys o
wait_for "Point n°1 rendu à l'heure"
wait_for "0 à rendre sur 1"
[ ! -e "$S.drafts/Alpha-1.txt" ] || fail "le brouillon reste après le rendu"

# --- the trainer closes the weeks up to the launch ---
keys F
wait_for "Mode formateur."
goto "Actions du formateur"
week=1
while [ $week -le 8 ]; do
	keys s
	# A planned status point not yet requested: closing warns first.
	if seen "pas été demandé" 1; then
		keys o
	fi
	if [ $week -lt 8 ]; then
		wait_for "Clôturer la semaine ?"
	else
		wait_for "Clôturer la dernière semaine ?"
	fi
	keys o
	# The week's summary for each team opens; Escape closes it.
	wait_for "Ce qui s'est passé pour chaque équipe"
	keys Escape
	wait_gone "Ce qui s'est passé pour chaque équipe"
	if [ $week -lt 8 ]; then
		wait_for "S$((week + 1))/8 pilotage"
	else
		wait_for "projet lancé"
	fi
	week=$((week + 1))
done

# --- the results ---
goto "Résultats au lancement — équipe Alpha"
wait_for "Livrables —"
wait_for "lots h/r/m"
keys End
wait_for "Points de situation complets, synthétiques et à"
wait_for "1 point(s) demandé(s) : 1 à l'heure"
wait_for "preuves : événements n°"
keys Right
wait_for "Résultats au lancement — équipe Bêta"
keys q
wait_for "Quitter pilote ?"
keys o
wait_for "[fin: 0]"

# --- the journal holds the answer and the point, accents intact ---
# pilote show tells who chose what and that the point came on time; the
# texts themselves are in the journal's JSON lines, which verify.
"$BIN" show "$S" --team Alpha >"$WORK/show.txt" 2>&1 || fail "pilote show"
for text in "Léa Martin a choisi « Décaler le tournage d'une semaine »" \
    "Point de situation n° 1 : cadrage et commandes (15 min) : rendu à l'heure"; do
	grep -qF -- "$text" "$WORK/show.txt" || {
		sed 's/^/    | /' "$WORK/show.txt"
		fail "« $text » absent de pilote show"
	}
done
for text in '"type":"repondre"' '"option":"decaler"' \
    "la météo sera meilleure." '"type":"point"' \
    "Présérie décalée de deux semaines" \
    "Élève, garçon, cœur, côte : é è à ç ô œ €." \
    "réserve préservée à 12 000 €" "fin du point, livrables à l'heure." \
    '"auteurs":"Léa Martin"'; do
	grep -qF -- "$text" "$S" || fail "« $text » absent du journal $S"
done
"$BIN" verify "$S" >/dev/null 2>&1 || fail "pilote verify refuse le journal"
echo "ok $TEST_NAME"
