#!/bin/sh
# Runs every end-to-end test (tests/e2e/test_*.sh) against the binary given.
set -u
cd "$(dirname "$0")/../.." || exit 1
export BIN=${1:-./pilote}
# The trainer's signing key of these tests: theirs, never the account's.
KEYDIR=$(mktemp -d)
trap 'rm -rf "$KEYDIR"' EXIT INT TERM
export PILOTE_TRAINER_KEY=${PILOTE_TRAINER_KEY:-$KEYDIR/formateur.key}
status=0 pass=0 fail=0
for t in tests/e2e/test_*.sh; do
	if sh "$t"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		status=1
	fi
done
echo "tests de bout en bout : $pass passed, $fail failed"
exit $status
