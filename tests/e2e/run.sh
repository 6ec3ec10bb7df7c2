#!/bin/sh
# Runs every end-to-end test (tests/e2e/test_*.sh) against the binary given.
set -u
cd "$(dirname "$0")/../.." || exit 1
export BIN=${1:-./pilote}
# The trainer's signing key of these tests: theirs, never the account's.
KEYDIR=$(mktemp -d)
trap 'rm -rf "$KEYDIR"' EXIT INT TERM
export PILOTE_TRAINER_KEY=${PILOTE_TRAINER_KEY:-$KEYDIR/formateur.key}
# A test that cannot run here (no root for test_ssh.sh, say) prints why and
# exits 77, as automake's tests do: counted apart, neither passed nor failed.
status=0 pass=0 fail=0 skip=0
for t in tests/e2e/test_*.sh; do
	sh "$t"
	case $? in
	0) pass=$((pass + 1)) ;;
	77) skip=$((skip + 1)) ;;
	*) fail=$((fail + 1)); status=1 ;;
	esac
done
echo "tests de bout en bout : $pass passed, $fail failed, $skip skipped"
exit $status
