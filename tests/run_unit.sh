#!/bin/sh
# Runs each cmocka runner given; prints one line per runner and a total.
set -u
cd "$(dirname "$0")/.." || exit 1
status=0 pass=0 fail=0
for t in "$@"; do
	log=$(mktemp)
	if "$t" >"$log" 2>&1; then
		n=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
		echo "$t : ${n:-?} test(s) ok"
		pass=$((pass + ${n:-0}))
	else
		cat "$log"
		n=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
		fail=$((fail + ${n:-1}))
		status=1
	fi
	rm -f "$log"
done
echo "tests unitaires : $pass passed, $fail failed"
exit $status
