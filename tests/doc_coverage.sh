#!/bin/sh
# Every setting name and keyword the loader (and core/effects) knows must be documented in
# scenarios/README.md (written there as `name`): a trainer writes scenarios
# from that page alone.
set -u
cd "$(dirname "$0")/.." || exit 1
words=$(
	{
		# Setting names: the *_keys[] tables of the loader.
		awk '/_keys\[\] = \{/ { on = 1 } on { print } on && /};/ { on = 0 }' \
		    src/io/scenario_load.c
		# Effect settings: the rows of core/effects and their qualifiers.
		sed -n -e 's/^\t\[EFFECT_[A-Z_]*\] = { \("[a-z_]*"\).*/\1/p' \
		    -e '/^const char \*const effect_ref_keys/,/};/p' \
		    src/core/effects.c
		# Trigger conditions: the rows of scenario_conditions[].
		sed -n '/^const struct condition_row scenario_conditions\[/,/};/p' \
		    src/core/scenario.c
		# Keywords: the tables of src/core/scenario.c written in files.
		sed -n '/^const char \*const scenario_\(project_types\|accommodations\|tool_categories\|package_modes\|incident_categories\|effect_targets\|e3_keys\|result_keys\)\[/,/};/p' \
		    src/core/scenario.c
	} | grep -o '"[a-z_0-9]*"' | tr -d '"' | sort -u
)
missing=0 n=0
for w in $words; do
	n=$((n + 1))
	if ! grep -qF "\`$w\`" scenarios/README.md; then
		echo "ÉCHEC : « $w » n'est pas documenté dans scenarios/README.md"
		missing=$((missing + 1))
	fi
done
echo "documentation du format : $((n - missing)) passed, $missing failed"
[ $missing -eq 0 ]
