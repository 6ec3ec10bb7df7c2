#!/bin/sh
# Runs "pilote check" on every scenario of the corpus, with each binary
# given (plain, then sanitized):
#  - scenarios/*.cfg must be valid (exit 0, no warning);
#  - each tests/scenarios/broken/*.cfg must exit 65 (or the code named by a
#    "# code: N" line) and print every "# attendu: TEXT" line on stderr,
#    where %f stands for the file's own path, and no "# absent: TEXT"
#    line (a message that must not come back); a sanitizer report fails.
set -u
cd "$(dirname "$0")/.." || exit 1
# libconfig 1.5 leaks after syntax errors: not ours (see tests/lsan.supp).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
status=0
pass=0
fail=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT INT TERM

report() {	# file message
	echo "ÉCHEC $1 : $2"
	sed 's/^/    | /' "$err"
	fail=$((fail + 1))
	status=1
}

# The complete example of scenarios/README.md must stay valid and in step
# with tests/fixtures/mini.cfg, which the unit tests load.
example=$(mktemp --suffix=.cfg)
awk 'prev == "```" && /^format = 1;/ { on = 1 } on && /^```$/ { exit } on { print } { prev = $0 }' \
    scenarios/README.md >"$example"
if ! tail -n +2 tests/fixtures/mini.cfg | cmp -s - "$example"; then
	echo "ÉCHEC : l'exemple de scenarios/README.md et tests/fixtures/mini.cfg diffèrent"
	diff "$example" tests/fixtures/mini.cfg | head -20
	fail=$((fail + 1))
	status=1
else
	pass=$((pass + 1))
fi
rm -f "$example"

for bin in "$@"; do
	for f in scenarios/*.cfg; do
		"$bin" check "$f" >"$out" 2>"$err"
		rc=$?
		if [ $rc -ne 0 ] || [ -s "$err" ]; then
			report "$f" "scénario livré invalide ou avec avertissements ($bin, code $rc)"
		else
			pass=$((pass + 1))
		fi
	done
	for f in tests/scenarios/broken/*.cfg; do
		want=$(sed -n 's/^# code: *//p' "$f" | head -n 1)
		want=${want:-65}
		"$bin" check "$f" >"$out" 2>"$err"
		rc=$?
		ok=1
		if [ $rc -ne "$want" ]; then
			report "$f" "code $rc, attendu $want ($bin)"
			continue
		fi
		if grep -q 'Sanitizer\|runtime error' "$err"; then
			report "$f" "rapport de sanitizer ($bin)"
			continue
		fi
		n=0
		while IFS= read -r line; do
			n=$((n + 1))
			text=$(printf '%s' "$line" | sed "s|%f|$f|g")
			if ! grep -qF -- "$text" "$err"; then
				report "$f" "texte attendu absent : $text"
				ok=0
				break
			fi
		done <<EOT
$(sed -n 's/^# attendu: //p' "$f")
EOT
		[ $ok -eq 1 ] || continue
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			text=$(printf '%s' "$line" | sed "s|%f|$f|g")
			if grep -qF -- "$text" "$err"; then
				report "$f" "texte interdit présent : $text"
				ok=0
				break
			fi
		done <<EOT
$(sed -n 's/^# absent: //p' "$f")
EOT
		[ $ok -eq 1 ] || continue
		if [ "$n" -eq 0 ] || [ -z "$(sed -n 's/^# attendu: //p' "$f")" ]; then
			report "$f" "aucune ligne « # attendu: » dans le fichier"
			continue
		fi
		[ $ok -eq 1 ] && pass=$((pass + 1))
	done
done
echo "corpus de scénarios : $pass passed, $fail failed"
exit $status
