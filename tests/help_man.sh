#!/bin/sh
# Help and man page in step with the code (issue 14): every command that
# `pilote --help` lists has its synopsis in man/pilote.1 and a --help of
# its own that starts with its usage and exits 0; every option a
# subcommand's --help names is in the man page; and the exit codes that
# `pilote --help` lists are the ones the man page's CODES DE SORTIE gives.
set -u
BIN=${1:-./pilote}
cd "$(dirname "$0")/.." || exit 1
MAN=man/pilote.1
fails=0 n=0
check() {	# CONDITION-RESULT MESSAGE
	n=$((n + 1))
	if [ "$1" -ne 0 ]; then
		echo "ÉCHEC (aide et manuel) : $2"
		fails=$((fails + 1))
	fi
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
cmds=$("$BIN" --help | sed -n '/^Commandes :/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$cmds" ]; check $? "pilote --help ne liste aucune commande"
for c in $cmds; do
	grep -q "^\.B pilote $c\$" "$MAN"; check $? "$c : pas de synopsis « pilote $c » dans $MAN"
	grep -q "^\.B $c\$" "$MAN"; check $? "$c : pas de description dans la section COMMANDES de $MAN"
	"$BIN" "$c" --help >"$out" 2>&1; rc=$?
	[ $rc -eq 0 ]; check $? "pilote $c --help sort avec $rc"
	head -n 1 "$out" | grep -q "^Usage : pilote $c"; check $? "pilote $c --help ne commence pas par son usage"
	for o in $(grep -o -- '--[a-z][a-z-]*' "$out" | sort -u); do
		m=$(printf '%s' "$o" | sed 's/-/\\-/g')
		grep -qF -- "$m" "$MAN"; check $? "pilote $c --help nomme $o, absent de $MAN"
	done
done
# The exit codes: those of the top help, those of the man page's section.
help_codes=$("$BIN" --help | sed -n '/^Codes de sortie/,/^$/p' | sed 's/pilote(1)//g' | grep -o '\b[0-9][0-9]*\b' | sort -n -u | tr '\n' ' ')
man_codes=$(sed -n '/^\.SH CODES DE SORTIE/,/^\.SH/p' "$MAN" | sed -n 's/^\.B \([0-9][0-9]*\)$/\1/p' | sort -n -u | tr '\n' ' ')
[ "$help_codes" = "$man_codes" ]; check $? "codes de sortie : --help « $help_codes», manuel « $man_codes»"
echo "aide et manuel : $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
