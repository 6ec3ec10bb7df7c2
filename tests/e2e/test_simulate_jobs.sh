#!/bin/sh
# pilote simulate gives the same results whatever the number of worker
# processes: --jobs 1, 2 and 3 print the same tables for the same seed on
# every shipped scenario (the speed line aside), and --markdown too.
TEST_NAME=simulate_jobs
set -u
BIN=${BIN:-./pilote}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT INT TERM
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
for f in scenarios/*.cfg; do
	for j in 1 2 3; do
		"$BIN" simulate "$f" --runs 40 --seed 11 --jobs $j >"$DIR/out$j" ||
			fail "simulate --jobs $j sur $f"
		grep -q "parties par seconde (4 équipe(s) par partie, $j processus)" "$DIR/out$j" ||
			fail "$f : --jobs $j ne dit pas ses $j processus"
		grep -v 'parties par seconde' "$DIR/out$j" >"$DIR/res$j"
		"$BIN" simulate "$f" --runs 40 --seed 11 --jobs $j --markdown >"$DIR/md$j" ||
			fail "simulate --markdown --jobs $j sur $f"
	done
	for j in 2 3; do
		cmp -s "$DIR/res1" "$DIR/res$j" || { diff "$DIR/res1" "$DIR/res$j"; fail "$f : --jobs $j diffère de --jobs 1"; }
		cmp -s "$DIR/md1" "$DIR/md$j" || fail "$f : --markdown --jobs $j diffère de --jobs 1"
	done
done
"$BIN" simulate scenarios/lancement-hydra.cfg --jobs 0 >/dev/null 2>&1
[ $? -eq 64 ] || fail "--jobs 0 doit être refusé (64)"
echo "ok $TEST_NAME"
