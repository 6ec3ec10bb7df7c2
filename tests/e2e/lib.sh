# End-to-end helpers: drive the real binary in a private tmux server at a
# fixed size, type with send-keys, read with capture-pane, and poll for the
# expected text instead of sleeping.  Sourced by each tests/e2e/test_*.sh.
set -u
BIN=${BIN:-./pilote}
SOCK="pilote-e2e-$$-${TEST_NAME:-t}"
T="tmux -L $SOCK -f /dev/null"
trap '$T kill-server 2>/dev/null || true' EXIT INT TERM

# start COLS ROWS COMMAND...: runs COMMAND in a fresh window.
start() {
	cols=$1 rows=$2
	shift 2
	$T new-session -d -s app -x "$cols" -y "$rows" \
	    "env -i PATH=/usr/bin:/bin HOME=${HOME:-/tmp} ${PILOTE_TRAINER_KEY:+PILOTE_TRAINER_KEY=$PILOTE_TRAINER_KEY} LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color ${EXTRA_ENV:-} sh -c '$*'; echo \"[fin: \$?]\"; sleep 600"
	$T set-option -t app window-size manual >/dev/null
}

# respawn COMMAND...: kills what runs in the window and runs COMMAND there.
respawn() {
	$T respawn-pane -k -t app \
	    "env -i PATH=/usr/bin:/bin HOME=${HOME:-/tmp} ${PILOTE_TRAINER_KEY:+PILOTE_TRAINER_KEY=$PILOTE_TRAINER_KEY} LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color ${EXTRA_ENV:-} sh -c '$*'; echo \"[fin: \$?]\"; sleep 600"
}

screen() {
	$T capture-pane -p -t app
}

# wait_for TEXT [SECONDS]: polls the screen every 0.1 s until TEXT shows.
wait_for() {
	_wf_limit=$(( ${2:-10} * 10 ))
	_wf_i=0
	while [ $_wf_i -lt $_wf_limit ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_wf_i=$((_wf_i + 1))
	done
	echo "ÉCHEC ($TEST_NAME) : « $1 » n'apparaît pas à l'écran :"
	screen | sed 's/^/    | /'
	exit 1
}

# seen TEXT SECONDS: whether TEXT shows within SECONDS (no failure).
seen() {
	_sn=0
	while [ $_sn -lt $(( $2 * 10 )) ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_sn=$((_sn + 1))
	done
	return 1
}

# wait_re REGEX: polls until a line of the screen matches REGEX (grep -E).
wait_re() {
	_wr=0
	while [ $_wr -lt 100 ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.1
		_wr=$((_wr + 1))
	done
	echo "ÉCHEC ($TEST_NAME) : rien ne correspond à « $1 » :"
	screen | sed 's/^/    | /'
	exit 1
}

# wait_gone TEXT: polls until TEXT is no longer on screen.
wait_gone() {
	_wg_i=0
	while [ $_wg_i -lt 100 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1
		_wg_i=$((_wg_i + 1))
	done
	echo "ÉCHEC ($TEST_NAME) : « $1 » reste à l'écran :"
	screen | sed 's/^/    | /'
	exit 1
}

keys() {
	$T send-keys -t app "$@"
}

resize() {
	$T resize-window -t app -x "$1" -y "$2"
}
