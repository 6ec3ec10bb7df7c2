#!/bin/sh
# Runs the plain binary under valgrind (memcheck) on every shipped scenario
# and on the broken corpus: any invalid access or definite leak of ours
# fails.  libconfig 1.5's own leak after a syntax error is suppressed.
set -u
cd "$(dirname "$0")/.." || exit 1
BIN=${1:-./pilote}
status=0 pass=0 fail=0
for f in scenarios/*.cfg tests/scenarios/broken/*.cfg; do
	log=$(mktemp)
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect \
	    --suppressions=tests/valgrind.supp "$BIN" check "$f" \
	    >/dev/null 2>"$log"
	if [ $? -eq 99 ]; then
		echo "ÉCHEC valgrind $f :"
		grep '^==' "$log" | head -30
		fail=$((fail + 1))
		status=1
	else
		pass=$((pass + 1))
	fi
	rm -f "$log"
done
echo "valgrind : $pass passed, $fail failed"
exit $status
