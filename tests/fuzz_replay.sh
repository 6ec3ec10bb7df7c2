#!/bin/sh
# Replays every fuzz corpus (tests/fuzz/corpus/NAME/) through its libFuzzer
# harness build/fuzz/fuzz_NAME, once per input (-runs=0): a crash, leak or
# sanitizer report in any past input fails the test suite.
set -u
cd "$(dirname "$0")/.." || exit 1
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
status=0 pass=0 fail=0
for fuzzer in "$@"; do
	name=${fuzzer##*/fuzz_}
	corpus=tests/fuzz/corpus/$name
	log=$(mktemp)
	# The scenario corpus also holds every broken and shipped scenario.
	extra=""
	[ "$name" = scenario ] && extra="tests/scenarios/broken scenarios"
	if "$fuzzer" -runs=0 $corpus $extra >"$log" 2>&1; then
		n=$(find $corpus $extra -type f 2>/dev/null | wc -l)
		echo "fuzz $name : corpus rejoué ($n entrées)"
		pass=$((pass + 1))
	else
		echo "ÉCHEC fuzz $name :"
		tail -n 40 "$log"
		fail=$((fail + 1))
		status=1
	fi
	rm -f "$log"
done
echo "rejeu des corpus de fuzzing : $pass passed, $fail failed"
exit $status
