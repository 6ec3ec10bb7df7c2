#!/bin/sh
# Benchmarks: prints figures, asserts nothing.  Loading time of each shipped
# scenario (mean of 50 runs of "pilote check -q"), and of a generated
# scenario close to the size limit.
set -u
BIN=${1:-./pilote}
cd "$(dirname "$0")/.." || exit 1
now() { date +%s%N; }
for f in scenarios/*.cfg; do
	start=$(now)
	i=0
	while [ $i -lt 50 ]; do
		"$BIN" check -q "$f" >/dev/null 2>&1
		i=$((i + 1))
	done
	end=$(now)
	echo "check $f : $(( (end - start) / 50000 )) µs par chargement"
done
big=$(mktemp --suffix=.cfg)
{
	sed -n '1,/^incidents = (/p' tests/fixtures/mini.cfg | sed '$d'
	echo "incidents = ("
	i=0
	while [ $i -lt 199 ]; do
		printf '{ id = "i%d"; titre = "Incident %d"; categorie = "client"; texte = "Texte."; declencheur = { probabilite = 5; }; delai_reponse = 10; options = ( { id = "a"; libelle = "A"; effets = { kpi = -1; }; }, { id = "b"; libelle = "B"; effets = { moral = -1; }; } ); defaut = { texte = "D"; effets = { kpi = -5; moral = -5; }; }; },\n' $i $i
		i=$((i + 1))
	done
	echo '{ id = "dernier"; titre = "Dernier"; categorie = "client"; texte = "T"; declencheur = { manuel = true; }; delai_reponse = 10; options = ( { id = "a"; libelle = "A"; effets = { kpi = -1; }; }, { id = "b"; libelle = "B"; effets = { moral = -1; }; } ); defaut = { texte = "D"; effets = { kpi = -5; }; }; }'
	echo ");"
	sed -n '/^points_situation/,$p' tests/fixtures/mini.cfg
} >"$big"
start=$(now)
"$BIN" check -q "$big" >/dev/null 2>&1
rc=$?
end=$(now)
echo "check d'un scénario de 200 incidents ($(wc -c <"$big") octets, code $rc) : $(( (end - start) / 1000 )) µs"
rm -f "$big"
