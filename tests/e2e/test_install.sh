#!/bin/sh
# make install / uninstall, from a copy of the tree: installed under a
# temporary PREFIX, pilote runs from another directory, finds its
# scenarios by name (pilote list, pilote brief NAME); with DESTDIR the
# prefix is compiled in (what depends on it is rebuilt) and the files land
# under DESTDIR; make uninstall removes exactly what was installed.
TEST_NAME=install
set -u
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT INT TERM
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
SRC=$(pwd)
mkdir "$DIR/tree"
cp -R "$SRC/Makefile" "$SRC/src" "$SRC/scenarios" "$SRC/man" "$SRC/po" "$DIR/tree/" ||
	fail "copie de l'arbre"
mkdir -p "$DIR/tree/tests/unit" "$DIR/tree/tests/fuzz"
cd "$DIR/tree" || exit 1
make -s install PREFIX="$DIR/usr" >"$DIR/build.log" 2>&1 || { tail -n 20 "$DIR/build.log"; fail "make install PREFIX=…"; }
mkdir "$DIR/elsewhere"
cd "$DIR/elsewhere" || exit 1
"$DIR/usr/bin/pilote" list >"$DIR/list" || fail "pilote list installé"
for s in lancement-hydra acquisition-mutuelle refonte-rgaa; do
	grep -q "^$s .*$DIR/usr/share/pilote/scenarios/$s.cfg" "$DIR/list" ||
		fail "pilote list ne donne pas $s installé : $(cat "$DIR/list")"
done
"$DIR/usr/bin/pilote" brief lancement-hydra | grep -q "Hydra" || fail "pilote brief NOM depuis un autre répertoire"
"$DIR/usr/bin/pilote" simulate refonte-rgaa --runs 2 --jobs 1 >/dev/null || fail "pilote simulate NOM"
[ -f "$DIR/usr/share/man/man1/pilote.1" ] || fail "page de manuel non installée"
cd "$DIR/tree" || exit 1
make -s uninstall PREFIX="$DIR/usr" >/dev/null 2>&1 || fail "make uninstall"
left=$(find "$DIR/usr" -type f | head -n 5)
[ -z "$left" ] || fail "make uninstall laisse : $left"
[ -d "$DIR/usr/share/pilote" ] && fail "make uninstall laisse le répertoire des données"
# DESTDIR: the prefix compiled in is PREFIX's, the files under DESTDIR.
make -s install PREFIX=/opt/pilote-test DESTDIR="$DIR/dest" >"$DIR/build2.log" 2>&1 ||
	{ tail -n 20 "$DIR/build2.log"; fail "make install DESTDIR=…"; }
[ -x "$DIR/dest/opt/pilote-test/bin/pilote" ] || fail "binaire absent de DESTDIR"
[ -f "$DIR/dest/opt/pilote-test/share/pilote/scenarios/lancement-hydra.cfg" ] || fail "scénarios absents de DESTDIR"
grep -q "/opt/pilote-test/share/pilote" "$DIR/dest/opt/pilote-test/bin/pilote" ||
	fail "le préfixe n'est pas celui compilé dans le binaire (rien n'a été reconstruit)"
make -s uninstall PREFIX=/opt/pilote-test DESTDIR="$DIR/dest" >/dev/null 2>&1 || fail "make uninstall DESTDIR=…"
[ -z "$(find "$DIR/dest" -type f | head -n 1)" ] || fail "make uninstall DESTDIR laisse des fichiers"
echo "ok $TEST_NAME"
