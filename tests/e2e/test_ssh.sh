#!/bin/sh
# Teams on laptops, for real: a private sshd on 127.0.0.1 and two class
# accounts set up as the README's « Une classe sur plusieurs terminaux »
# says, step by step, then consoles opened by `ssh -t` → `pilote join`:
#   - 1. Préparer le poste hôte: pilote installed where every account runs
#     it (the binary as `make install` puts it, under a private prefix: a
#     test writes nothing in /usr/local), a group for the class, one
#     account per team in it (`useradd -m -G`, a password by chpasswd as
#     `passwd` would), each with a key of its own in ~/.ssh (the laptop's);
#     the class directory 0750 and saves/ 2750, to the trainer and the
#     group, the scenarios copied;
#   - 2. Pendant le cours: the trainer (this root account) creates the
#     session with the README's command and hosts it in tmux; the codes are
#     read on the overview (v); Alpha's and Beta's consoles open through
#     `ssh -t`, the code typed at the prompt, and show their accents right
#     (the remote account has no locale: pilote falls back to C.UTF-8);
#   - a decision on Alpha's console (a tool) is on the trainer's Journal
#     screen and in the journal;
#   - 3. Coupures: the ssh client of Alpha is killed (kill -9, a laptop that
#     dies): the overview says Alpha has no console; the trainer opens
#     piloting meanwhile; Alpha reconnects and finds its team up to date
#     (week 1 of piloting, its tool ticked);
#   - Alpha's account cannot open Beta's console with Alpha's code, and
#     cannot read the journal, keys/ or the jury's marks, nor remove the
#     socket.
# Everything made here is removed by the trap, a failure included: the
# sshd, the tmux server, the accounts (userdel -r), the group, the files.
# No system service is touched: the sshd has its own config, host key,
# pid file and log.  It is skipped (exit 77, see run.sh) only when it
# cannot run: not root and no sudo, no sshd to be had, no useradd.
TEST_NAME=ssh
set -u
skip() {
	echo "SKIP ($TEST_NAME) : $*"
	exit 77
}

# Accounts and an sshd need root: sudo if it needs no password.
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null ||
	    skip "il faut être root (ou sudo sans mot de passe) pour créer des comptes et un sshd"
	_bin=${BIN:-./pilote}
	_bin=$(cd "$(dirname "$_bin")" && pwd)/$(basename "$_bin")
	exec sudo -n env BIN="$_bin" PATH="$PATH:/usr/sbin:/sbin" \
	    ${PILOTE_TRAINER_KEY:+PILOTE_TRAINER_KEY=$PILOTE_TRAINER_KEY} \
	    ${KEEP:+KEEP=$KEEP} sh "$0"
fi
PATH=$PATH:/usr/sbin:/sbin
SSHD=/usr/sbin/sshd
if [ ! -x "$SSHD" ] || ! command -v ssh >/dev/null 2>&1; then
	# make test installs them (Makefile, TEST_TOOLS); run alone, try here.
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get \
	    install -y -qq --no-install-recommends openssh-server \
	    openssh-client; } >/dev/null 2>&1
	[ -x "$SSHD" ] && command -v ssh >/dev/null 2>&1 ||
	    skip "openssh-server et openssh-client ne peuvent pas être installés"
fi
for c in useradd userdel groupadd groupdel chpasswd ssh-keygen; do
	command -v $c >/dev/null 2>&1 || skip "$c indisponible"
done

. tests/e2e/lib.sh
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
WORK=$(mktemp -d)
GROUP=pilote-t-$$
A=pilote-t-alpha-$$
B=pilote-t-beta-$$
# Only what this test made is undone: an account or group of the same
# name that was there before is left alone (the test then fails).
SSHD_PID='' MADE_RUN_SSHD='' MADE_USERS='' MADE_GROUP=''

# The trap undoes what was done, in an order that lets each step work:
# the consoles (tmux) and the sshd first, then what the accounts still
# run (by pid), then the accounts, the group, the files.  On a failure
# (a wait_for of lib.sh included) the end of sshd's log is shown first.
cleanup() {
	if [ "$1" != 0 ] && [ -s "$WORK/sshd/log" ]; then
		echo "    journal de sshd :"
		tail -n 30 "$WORK/sshd/log" | sed 's/^/    | /'
	fi
	$T kill-server 2>/dev/null
	[ -z "$SSHD_PID" ] || kill "$SSHD_PID" 2>/dev/null
	for u in $MADE_USERS; do
		for p in $(ps -o pid= -u "$u" 2>/dev/null); do
			kill -9 "$p" 2>/dev/null
		done
	done
	for u in $MADE_USERS; do
		_i=0
		until userdel -r "$u" 2>/dev/null; do
			_i=$((_i + 1))
			[ $_i -lt 50 ] || { echo "$TEST_NAME : userdel $u impossible" >&2; break; }
			sleep 0.1
		done
	done
	[ -z "$MADE_GROUP" ] || groupdel "$GROUP"
	[ -z "$MADE_RUN_SSHD" ] || rmdir /run/sshd 2>/dev/null
	if [ -n "${KEEP:-}" ]; then
		echo "$TEST_NAME : fichiers gardés dans $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap 'cleanup $?' EXIT
trap 'exit 1' INT TERM HUP

# The window the helpers of lib.sh look at and type into.
W=formateur
on() { W=$1; }
screen() { $T capture-pane -p -t "app:$W"; }
keys() { $T send-keys -t "app:$W" "$@"; }

fail() {
	echo "ÉCHEC ($TEST_NAME) : $* [fenêtre $W]"
	screen 2>/dev/null | sed 's/^/    | /'
	exit 1
}

# window NAME SCRIPT: a new window of the session running SCRIPT (sh).
window() {
	$T new-window -d -t app -n "$1" \
	    "env -i PATH=/usr/bin:/bin HOME=$WORK LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color sh $2; echo \"[fin: \$?]\"; sleep 600"
}

# rerun SCRIPT: what runs in window W is killed and SCRIPT runs there.
rerun() {
	$T respawn-pane -k -t "app:$W" \
	    "env -i PATH=/usr/bin:/bin HOME=$WORK LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color sh $1; echo \"[fin: \$?]\"; sleep 600"
}

# code TEAM ROW: TEAM's join code, revealed on the overview by v.
code() {
	on formateur
	keys 1
	keys Up Up Up Up Up Up Up Up
	_r=0
	while [ $_r -lt "$2" ]; do keys Down; _r=$((_r + 1)); done
	keys v
	wait_re "^ $1 +[A-Z0-9]{4}-[A-Z0-9]{4} "
	screen | awk -v t="$1" '$1 == t && $2 ~ /^[A-Z0-9]+-[A-Z0-9]+$/ \
	    { print $2; exit }'
}

# pid_in WINDOW NAME: the pid of the process NAME run in WINDOW's pane.
pid_in() {
	ps -e -o pid=,ppid=,comm= | awk -v root="$($T display -p -t "app:$1" \
	    '#{pane_pid}')" -v want="$2" '
	    { parent[$1] = $2; name[$1] = $3 }
	    END {
		for (p in name) {
			if (name[p] != want)
				continue
			for (q = p; q in parent && q != 1; q = parent[q])
				if (q == root) { print p; exit }
		}
	    }'
}

# --- the sshd: its own keys, config, port, pid file and log -------------
chmod 0755 "$WORK"
mkdir -m 0700 "$WORK/sshd" "$WORK/laptop"
ssh-keygen -q -t ed25519 -N '' -C pilote-test-host -f "$WORK/sshd/host" ||
    fail "ssh-keygen (clé d'hôte)"
for u in alpha beta; do
	ssh-keygen -q -t ed25519 -N '' -C "pilote-test-$u" \
	    -f "$WORK/laptop/$u" || fail "ssh-keygen (clé de $u)"
done
# sshd refuses to start without its privilege separation directory,
# which only the system service creates.
if [ ! -d /run/sshd ]; then
	mkdir -m 0755 /run/sshd && MADE_RUN_SSHD=1
fi
# A free port: one is tried, another if sshd cannot listen on it.
port=$(( 20000 + $$ % 20000 ))
tries=0
while :; do
	tries=$((tries + 1))
	[ $tries -le 20 ] || fail "aucun port libre pour sshd"
	cat >"$WORK/sshd/config" <<EOF
# Only what this test needs: keys, no password, no root, the class group.
ListenAddress 127.0.0.1
Port $port
HostKey $WORK/sshd/host
PidFile $WORK/sshd/pid
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
# PAM's session modules (loginuid, systemd) are the system's business.
UsePAM no
PermitRootLogin no
AllowGroups $GROUP
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
PrintLastLog no
LogLevel VERBOSE
EOF
	: >"$WORK/sshd/log"
	"$SSHD" -D -f "$WORK/sshd/config" -E "$WORK/sshd/log" &
	SSHD_PID=$!
	_i=0
	while [ $_i -lt 100 ]; do
		grep -q "Server listening on 127.0.0.1 port $port" \
		    "$WORK/sshd/log" && break 2
		kill -0 "$SSHD_PID" 2>/dev/null || break
		sleep 0.1
		_i=$((_i + 1))
	done
	kill "$SSHD_PID" 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
	SSHD_PID=
	grep -q "Address already in use" "$WORK/sshd/log" ||
	    fail "sshd ne démarre pas"
	port=$((port + 1))
done
# The laptops know the host's key: no question, no blind trust.
printf '[127.0.0.1]:%s %s\n' "$port" "$(cat "$WORK/sshd/host.pub")" \
    >"$WORK/laptop/known_hosts"

# --- 1. Préparer le poste hôte (README), step by step --------------------
# `sudo make install`: the binary where every account can run it.  Under a
# private prefix here (the same install command as the Makefile's).
PREFIX=$WORK/usr/local
install -d "$PREFIX/bin" && install -m 0755 "$BIN" "$PREFIX/bin/pilote" ||
    fail "installation de pilote"
PILOTE=$PREFIX/bin/pilote
# `sudo groupadd classe-e3`, then `sudo useradd -m -G classe-e3 alpha &&
# sudo passwd alpha` for each team.
groupadd "$GROUP" || fail "groupadd $GROUP"
MADE_GROUP=1
for u in $A $B; do
	useradd -m -G "$GROUP" "$u" || fail "useradd $u"
	MADE_USERS="$MADE_USERS $u"
	printf '%s:%s\n' "$u" "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" |
	    chpasswd || fail "chpasswd $u"
done
# The laptop's public key in the account's ~/.ssh (README: « ssh-copy-id »).
install_key() {
	_home=$(getent passwd "$1" | cut -d: -f6)
	install -d -o "$1" -g "$1" -m 0700 "$_home/.ssh" &&
	    install -o "$1" -g "$1" -m 0600 "$2" "$_home/.ssh/authorized_keys"
}
install_key "$A" "$WORK/laptop/alpha.pub" || fail "clé d'Alpha"
install_key "$B" "$WORK/laptop/beta.pub" || fail "clé de Beta"
# The class directory, to the trainer, saves/ readable by the group and
# setgid.  CLASS stands for /srv/pilote.
CLASS=$WORK/srv/pilote
mkdir "$WORK/srv" && chmod 0755 "$WORK/srv"
TRAINER=$(id -un)
install -d -o "$TRAINER" -g "$GROUP" -m 0750 "$CLASS" ||
    fail "install -d $CLASS"
install -d -o "$TRAINER" -g "$GROUP" -m 2750 "$CLASS/saves" ||
    fail "install -d $CLASS/saves"
cp -R scenarios "$CLASS/" || fail "cp -R scenarios"

# --- 2. Pendant le cours: the session, hosted --------------------------
S=$CLASS/saves/classe-a.jsonl
(cd "$CLASS" && "$PILOTE" new scenarios/lancement-hydra.cfg -o saves/classe-a.jsonl \
    --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget' \
    --team 'Beta=Zoé Roux:pilote,Max Blanc') >/dev/null || fail "pilote new"
# A mark of the jury, so that SESSION.marks exists to be refused below.
"$PILOTE" mark "$S" --team Alpha --criterion outil --level partiel \
    --comment 'Noté avant la partie (test)' >/dev/null 2>&1 ||
    fail "pilote mark"
start 100 30 "cd $CLASS && $PILOTE host saves/classe-a.jsonl"
$T rename-window -t app formateur
on formateur
wait_for "consoles       code       connectés, depuis"
CA=$(code Alpha 0)
CB=$(code Beta 1)
[ -n "$CA" ] && [ -n "$CB" ] && [ "$CA" != "$CB" ] ||
    fail "codes illisibles sur la vue des équipes : « $CA » « $CB »"

# laptop TEAM ACCOUNT 'NAME' [REMOTE COMMAND]: a laptop's ssh command, as
# a script (no quoting through tmux): `ssh -t` to the account, then the
# README's `pilote join`, or REMOTE COMMAND.
SSH="ssh -F /dev/null -p $port -o UserKnownHostsFile=$WORK/laptop/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR"
laptop() {
	_t=$(printf '%s' "$1" | tr 'A-Z' 'a-z')
	cat >"$WORK/laptop/$_t.sh" <<EOF
exec $SSH -t -i $WORK/laptop/$_t $2@127.0.0.1 "$PILOTE join $S --team $1 --as '$3'"
EOF
}
laptop Alpha "$A" 'Léa Martin'
laptop Beta "$B" 'Zoé Roux'

# join TEAM 'NAME' CODE: in window TEAM's, the code typed at the prompt.
join() {
	wait_for "il ne s'affiche pas" 20
	keys -l "$3"
	keys Enter
	wait_for "Console de l'équipe $1 — $2." 20
	wait_for "● en ligne"
}
window alpha "$WORK/laptop/alpha.sh"
on alpha
join Alpha 'Léa Martin' "$CA"
window beta "$WORK/laptop/beta.sh"
on beta
join Beta 'Zoé Roux' "$CB"
# Accents through SSH, in a screen's text too (UTF-8 read as Latin-1
# would show « Ã© »).
keys 2
wait_for "Le brief du client"
wait_for "Lancement dans 8 semaines — tours de 30 minutes en classe"
screen | grep -q 'Ã' && fail "accents mal décodés par SSH"
on formateur
keys 1
wait_re "^ Alpha +••••-••••  Léa Martin [0-9]{2}:[0-9]{2}"
wait_re "^ Beta +••••-••••  Zoé Roux [0-9]{2}:[0-9]{2}"

# --- a decision from Alpha's laptop reaches the trainer ----------------
on alpha
keys 3
wait_for "aucun outil de gestion de projet choisi"
keys Down Enter
wait_for "[x] Asana Starter"
grep '"type":"outil"' "$S" | grep -qF 'Léa Martin' ||
    fail "la décision d'Alpha n'est pas au journal"
# The trainer's screens, on Alpha (the team chosen first): its Journal
# counts the decision, its Cadrage shows the tool.
on formateur
keys 8
wait_for "Journal de l'équipe Alpha — 1 décision(s) enregistrée(s)"
keys 3
wait_for "[x] Asana Starter"

# --- 3. Coupures: the laptop dies, reconnects, finds its team up to date
pid=$(pid_in alpha ssh)
[ -n "$pid" ] || fail "client ssh d'Alpha introuvable"
kill -9 "$pid"
on alpha
wait_for "[fin: 137]"
on formateur
keys 1
wait_re "^ Alpha +••••-••••  aucune console"
# Meanwhile, piloting opens: Alpha must see it when back.
keys o
wait_for "Ouvrir le pilotage ?"
keys o
wait_for "Enregistré (événement n°2)"
on beta
wait_for "S1/8 pilotage"
on alpha
rerun "$WORK/laptop/alpha.sh"
join Alpha 'Léa Martin' "$CA"
wait_for "S1/8 pilotage"
keys 3
wait_for "[x] Asana Starter"

# --- what Alpha's account cannot do -------------------------------------
cat >"$WORK/laptop/alpha-as-beta.sh" <<EOF
exec $SSH -t -i $WORK/laptop/alpha $A@127.0.0.1 "$PILOTE join $S --team Beta --as 'Zoé Roux' --code $CA"
EOF
window intrus "$WORK/laptop/alpha-as-beta.sh"
on intrus
wait_for "code d'accès incorrect" 20
wait_for "[fin: 69]"
# remote COMMAND: run on Alpha's account, no terminal; output in $WORK/out.
remote() {
	$SSH -i "$WORK/laptop/alpha" "$A@127.0.0.1" "$1" >"$WORK/out" 2>&1
}
# The journal, the session's key and the marks exist (so a refusal is a
# permission's, not a missing file's); the codes file only once a code
# was renewed.
for f in "$S" "$CLASS/saves/keys/classe-a.jsonl.key" "$S.marks" \
    "$CLASS/saves/keys/classe-a.jsonl.codes"; do
	case $f in
	*.codes) [ -e "$f" ] || continue ;;
	*) [ -f "$f" ] || fail "$f absent" ;;
	esac
	remote "cat '$f'" && fail "le compte d'Alpha lit $f"
	grep -q "Permission denied" "$WORK/out" ||
	    fail "lecture de $f : $(cat "$WORK/out")"
done
remote "ls '$CLASS/saves/keys'" && fail "le compte d'Alpha liste keys/"
grep -q "Permission denied" "$WORK/out" || fail "ls keys/ : $(cat "$WORK/out")"
remote "rm -f '$S.sock'" && [ ! -e "$S.sock" ] &&
    fail "le compte d'Alpha a supprimé le socket"
[ -S "$S.sock" ] || fail "le socket a disparu"
# Yet the account does reach the socket: it runs pilote and traverses.
remote "test -x '$PILOTE' && test -S '$S.sock'" ||
    fail "le compte d'Alpha n'atteint pas le socket : $(cat "$WORK/out")"

"$PILOTE" verify "$S" >/dev/null 2>&1 || fail "pilote verify échoue"
echo "ok - $TEST_NAME"
