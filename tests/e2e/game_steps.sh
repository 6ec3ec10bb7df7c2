# Steps of a game of the default scenario played through `pilote play`,
# shared by the end-to-end tests that drive a whole game (sourced after
# tests/e2e/lib.sh).  The framing steps are those of test_play_framing.sh,
# the piloting ones those of test_play_piloting.sh, made into functions.
#
# The caller sets WORK (a directory with scenarios/ and saves/), BIN (an
# absolute path) and TEST_NAME.  Every wait polls the screen (wait_for,
# seen): nothing sleeps for a fixed time.

# Money is written with no-break spaces: « 11 000 € ».
NB=$(printf '\302\240')
ESC=$(printf '\033')

fail() {
	echo "ÉCHEC ($TEST_NAME) : $*"
	screen | sed 's/^/    | /'
	exit 1
}

# Each accepted command is the next event of the journal: ev counts them
# (the journal's first line is its header, then one line per event).
ev=0
accepted() {
	ev=$((ev + 1))
	wait_for "Enregistré (événement n°$ev)"
}

# tab N TEXT: the screen of tab N (1 Équipes … 8 Journal), TEXT on it.
tab() {
	keys "$1"
	wait_for "$2"
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

# has_colour: whether the screen, attributes included, shows a colour:
# foreground or background (SGR 30-38, 40-48, 90-97, 100-107).  Bold, dim,
# underline and reverse video are not colours, nor the default colours
# (39, 49) that tmux writes after each reset.
has_colour() {
	$T capture-pane -p -e -t app >"$WORK/sgr.txt"
	grep -o "$ESC\[[0-9;]*m" "$WORK/sgr.txt" | sed "s/^$ESC\[//; s/m\$//" |
	    tr ';' '\n' | grep -Eq '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

# no_colour WHERE: the screen has attributes (else the check proves
# nothing) and no colour.
no_colour() {
	if has_colour; then
		grep -o "$ESC\[[0-9;]*m" "$WORK/sgr.txt" | sort | uniq -c |
		    sed "s/$ESC/ESC/" | sed 's/^/    /'
		fail "couleur affichée malgré NO_COLOR ($1)"
	fi
	grep -q "$ESC\[[0-9;]*[1-9][0-9;]*m" "$WORK/sgr.txt" ||
	    fail "aucun attribut capturé ($1) : la vérification ne prouve rien"
}

# --- setup -----------------------------------------------------------

# new_demo_session: `pilote play` on the default scenario, the demo teams,
# the proposed file; the trainer then gives the keyboard to Alpha.  Sets S
# to the session's journal.
new_demo_session() {
	start "${PLAY_COLS:-80}" "${PLAY_ROWS:-24}" "cd $WORK && $BIN play"
	wait_for "Démo : 2 équipes"
	keys Enter
	wait_for "Fichier de la session"
	keys Enter
	wait_for "mode formateur"
	S=$(ls "$WORK"/saves/*.jsonl)
	keys e
	wait_for "Quelle équipe prend le clavier"
	keys Enter
	wait_for "Équipe Alpha au clavier"
}

# --- framing (Alpha at the keyboard) ----------------------------------

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

# frame_supplier CRITERIA: weekly meetings, Slack, the offers' formats,
# CRITERIA typed, 2 hours a week.
frame_supplier() {
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

# frame_alpha: the whole framing of the default scenario by Alpha, through
# the Cadrage screen, until the planning tool shows no alert.
frame_alpha() {
	tab 3 "o Outils  l Lots  p Prestataires  r Rétroplanning  m Équipe  b Budget"
	wait_for "aucun outil de gestion de projet choisi"

	# Tools: Asana (project management) and Slack (messaging).
	keys Down Enter
	accepted
	wait_for "[x] Asana Starter"
	keys Down Down Space
	accepted
	wait_for "[x] Slack Pro"

	# Packages: people of the team, or an offer with its why.
	keys l
	wait_for "équipe interne"
	keys Enter
	pick 1 2 5
	wait_for "Hélène, Hugo, Lucie"
	keys Down Right
	offer "Atelier Rhône" "Très bonne qualité créative, déjà éprouvée à Lyon ; façon de travailler adaptée"
	keys Down Right
	offer "Atelier Rhône" "Textes alternatifs fournis, cohérence avec la plateforme ; prix maîtrisé"
	keys Down
	offer "Kinograph Studio" "Sous-titres et SRT inclus, tournage écoresponsable à Lyon"
	keys Down Right
	offer "Les Gones du Web" "Auditeurs RGAA certifiés : l'accessibilité de l'e-shop est garantie"
	keys Down Enter
	pick 2 4
	keys Down Enter
	pick 7
	keys Down Right
	offer "Presse & Cie" "Réseau presse sport et high-tech, dossier accessible"
	keys Down Right Right
	offer "Élise Caradec" "Moins chère, très bon réseau régional ; délai de 4 semaines accepté"
	keys Down
	offer "Vibe Influence" "Certificat de l'influence responsable : la loi de 2023 est respectée"
	keys Down Enter
	pick 2 5
	keys Down Enter
	pick 6
	keys Down Right Right
	offer "Inclusio Conseil" "Audit indépendant par des experts utilisateurs de lecteurs d'écran"
	keys Down Right Right
	offer "Traboules Événements" "Lieu de plain-pied, boucle magnétique : Mathieu et Lucie y sont à l'aise"
	wait_for "Traboules Événements"
	wait_gone "— à attribuer"

	# Suppliers: the framework of each relationship used.
	keys p
	wait_for "Cadre de la relation avec Atelier Rhône"
	frame_supplier "Validation écrite à chaque livraison, contrastes et textes alternatifs vérifiés"
	wait_for "Validation écrite à chaque livraison"
	keys Down Down
	frame_supplier "Sous-titres relus, versions 16:9 et 9:16 livrées à J-3"
	keys Down Down Down
	frame_supplier "Recette sur mobile et ordinateur, audit RGAA sans non-conformité bloquante"
	keys Down Down Down
	frame_supplier "Chaque contenu porte la mention « Publicité » avant publication"
	keys Down Down
	frame_supplier "Dossier relu par la juriste avant envoi"
	keys Down
	frame_supplier "Revue de presse hebdomadaire, 15 retombées au moins"
	keys Down
	frame_supplier "Repérage du lieu avec Mathieu, sous-titrage des prises de parole testé"
	keys Down
	frame_supplier "Déclaration d'accessibilité et contre-audit livrés"
	wait_gone "à cadrer"

	# Retro-planning: each package placed after its predecessors (the
	# press kit typed rather than placed: S-4 only).
	keys r
	wait_for "S-7"
	wait_for "S-0"
	wait_for "n°  lot"
	keys Home
	lot=1
	while [ $lot -le 14 ]; do
		if [ $lot -eq 8 ]; then
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

	# Budget: the contingency reserve.
	keys b
	wait_for "Réserve pour aléas : 0${NB}€"
	keys Enter
	wait_for "Réserve pour aléas, en euros"
	keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	keys -l "11000"
	keys Enter
	accepted
	wait_for "Réserve pour aléas : 11${NB}000${NB}€, soit 5 %"

	# Team: missions of every role, every accommodation.
	keys m
	wait_for "Rôles et missions"
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
}

# --- piloting ----------------------------------------------------------

# trainer: the trainer takes the keyboard, on the overview.
trainer() {
	keys F
	wait_for "Mode formateur."
	tab 1 "Actions du formateur"
}

# team_alpha: back from the trainer to team Alpha (the keyboard's team).
team_alpha() {
	keys F
	wait_for "Équipe Alpha au clavier."
}

# open_piloting: the trainer ends the framing.
open_piloting() {
	wait_for "o ouvrir le pilotage"
	keys o
	wait_for "Ouvrir le pilotage ?"
	keys o
	accepted
	wait_for "s clôturer la semaine"
	wait_for "S1/8 pilotage"
}

# no_cut WHAT: on the screen now, no line ends in « … » and none runs
# into the right margin (a last column that is not blank or a frame's
# border): a question, an option or a consequence is wrapped, never cut.
no_cut() {
	_w=${PLAY_COLS:-80}
	_bad=$(screen | while IFS= read -r _l; do
		_t=$(printf '%s' "$_l" | sed 's/ *$//')
		case $_t in
		*…) printf '    (…) %s\n' "$_t"; continue ;;
		esac
		_n=$(printf '%s' "$_t" | LC_ALL=C.UTF-8 wc -m)
		if [ "$_n" -ge "$_w" ]; then
			case $_t in
			*│|*┐|*┘|*┤|*─|*╮|*╯) ;;
			*) printf '    (marge) %s\n' "$_t" ;;
			esac
		fi
	done)
	[ -z "$_bad" ] || { printf '%s\n' "$_bad"; fail "texte coupé : $1"; }
}

# inject ROWS: the trainer injects the catalogue's incident ROWS rows
# below « Écrire un incident sur le moment… », for Alpha.
inject() {
	keys i
	wait_for "Injecter quel incident ?"
	n=0
	while [ $n -lt "$1" ]; do keys Down; n=$((n + 1)); done
	keys Enter
	wait_for "Pour quelle équipe ?"
	keys Down Enter
	wait_for "L'injecter ?"
	no_cut "aperçu de l'incident injecté"
	keys o
	accepted
}

# close_week W: the trainer closes the current week W (W < 8: week W+1
# starts; W = 8: the launch), and closes the summary of what happened to
# each team if one shows.
close_week() {
	keys s
	# A planned status point not yet requested: closing warns first.
	if seen "pas été demandé" 1; then
		keys o
	fi
	# The last week says that it ends the game.
	if [ "$1" -lt 8 ]; then
		wait_for "Clôturer la semaine ?"
	else
		wait_for "Clôturer la dernière semaine ? Le projet est lancé"
	fi
	keys o
	ev=$((ev + 1))
	if [ "$1" -lt 8 ]; then
		wait_for "S$(($1 + 1))/8 pilotage"
	else
		wait_for "projet lancé"
	fi
	if seen "Ce qui s'est passé pour chaque équipe" 1; then
		keys Escape
		wait_gone "Ce qui s'est passé pour chaque équipe"
	fi
	if [ "$1" -lt 8 ]; then
		wait_for "Semaine close. Semaine $(($1 + 1)) :"
	else
		wait_for "Dernière semaine close : le projet est lancé"
	fi
}

# select_incident TITLE: in the Incidents screen, moves the selection down
# from the top of the list until the detail shows incident TITLE.
select_incident() {
	keys Home
	_si=0
	until seen "— $1" 1; do
		_si=$((_si + 1))
		[ $_si -le 12 ] || fail "incident « $1 » introuvable"
		keys Down
	done
}

# answer TITLE OPTION WHY: team Alpha answers incident TITLE with option
# letter OPTION, justified by WHY, from the Incidents screen.
answer() {
	select_incident "$1"
	wait_for "Options (Entrée pour choisir et répondre)"
	keys Enter
	wait_for "Options : ↑ ↓ choisir"
	keys "$2"
	wait_for "▸ $2)"
	keys Enter
	wait_for "pourquoi ce choix ?"
	keys -l "$3"
	keys Enter
	wait_for "Répondre $2) à l'incident"
	keys o
	accepted
	wait_for "Choix de Léa Martin"
	wait_for "Conséquence :"
	no_cut "incident « $1 » répondu"
}
