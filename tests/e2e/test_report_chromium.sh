#!/bin/sh
# The jury's HTML report (pilote export report) of a recorded session opens
# in headless Chromium without console errors and renders a non-blank page;
# it is self-contained, escapes the candidates' texts, is byte-identical
# when exported twice, and an altered journal is refused.  Chromium comes
# from Debian's `chromium` package (make test-deps installs it); where it
# cannot be installed the browser part is skipped with a clear message.
TEST_NAME=report_chromium
set -u
BIN=${BIN:-./pilote}
DIR=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM
S=$DIR/hydra.jsonl
R=$DIR/rapport.html
fail() { echo "ÉCHEC ($TEST_NAME) : $*"; exit 1; }
now=1800000000000
export PILOTE_FAKE_TIME=$now
tick() { now=$((now + $1 * 60000)); export PILOTE_FAKE_TIME=$now; }
alpha() { who=$1; shift; "$BIN" do "$S" --team Alpha --as "$who" ${WHY:+--why "$WHY"} -- "$@" \
	>/dev/null 2>"$DIR/err" || { cat "$DIR/err"; fail "Alpha : $* refusé"; }; }
trainer() { "$BIN" do "$S" --trainer -- "$@" >/dev/null 2>"$DIR/err" ||
	{ cat "$DIR/err"; fail "formateur : $* refusé"; }; }

# The command is wired by src/cli/export.c; say so plainly if it is not yet.
if ! "$BIN" export report --help 2>/dev/null | grep -q "export report SESSION"; then
	echo "SKIP ($TEST_NAME) : « pilote export report » n'est pas encore branché dans src/cli/export.c"
	exit 0
fi

# --- a short recorded game ---
"$BIN" new scenarios/lancement-hydra.cfg -o "$S" --seed 7 \
    --team 'Alpha=Léa Martin:pilote,Hugo Petit:budget' \
    --team 'Beta=Zoé Roux:pilote' >/dev/null || fail "new"
alpha 'Léa Martin' outil outil=trello
alpha 'Léa Martin' attribuer lot=brief_strat interne=hugo,helene
alpha 'Léa Martin' attribuer lot=crm interne=mathieu
WHY="Offre <la> plus \"fiable\" & rapide"
alpha 'Léa Martin' attribuer lot=plateforme prestataire=collectif_mona
alpha 'Léa Martin' attribuer lot=spot prestataire=kinograph
WHY=
for plan in brief_strat:S-7:S-7 plateforme:S-6:S-5 spot:S-4:S-2 crm:S-4:S-2; do
	p=${plan%%:*}; rest=${plan#*:}
	alpha 'Léa Martin' planifier lot=$p debut=${rest%%:*} fin=${rest#*:}
done
trainer ouvrir_pilotage
week=1
while [ $week -le 8 ]; do
	tick 5
	if [ $week -eq 2 ]; then
		trainer demander_point titre='Point <b>"hebdo"</b> & cie' delai=20
		tick 5
		alpha 'Léa Martin' point point=1 auteurs='Léa Martin,Hugo Petit' \
		    risques='<script>alert("x")</script> & l'"'"'équipe' \
		    arbitrages='Réserve gardée' suivi='Budget < prévu > engagé'
	fi
	tick 20
	trainer cloturer_semaine
	week=$((week + 1))
done

# --- the export ---
"$BIN" export report "$S" -o "$R" 2>"$DIR/err" || { cat "$DIR/err"; fail "export report"; }
[ -s "$R" ] || fail "rapport vide"
ls "$DIR" | grep -q 'rapport\.html\.' && fail "fichier temporaire laissé à côté du rapport"
"$BIN" export report "$S" >"$DIR/again.html" || fail "export report sur la sortie"
cmp -s "$R" "$DIR/again.html" || fail "deux exports du même journal diffèrent"
head -c 15 "$R" | grep -q '<!DOCTYPE html>' || fail "pas de doctype HTML5"
grep -q '<html lang="fr">' "$R" || fail "lang=fr absent"
grep -q '<meta charset="utf-8">' "$R" || fail "charset absent"
grep -c '<svg' "$R" | grep -q '^[4-9]' || fail "Gantt et courbes SVG absents"
grep -Eiq '(src|href)="(https?:)?//|<script|<link|@import|url\(' "$R" &&
	fail "ressource externe ou script dans le rapport"
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l&#39;équipe' "$R" ||
	fail "texte du point de situation non échappé"
grep -q 'Point &lt;b&gt;&quot;hebdo&quot;&lt;/b&gt; &amp; cie' "$R" || fail "titre non échappé"
grep -q 'S-0' "$R" || fail "semaines S-n absentes"

# An altered journal is refused.
cp "$S" "$DIR/altered.jsonl"
sed -i '5s/Léa Martin/Lea Martin/' "$DIR/altered.jsonl"
"$BIN" export report "$DIR/altered.jsonl" -o "$DIR/altered.html" >/dev/null 2>&1
[ $? -eq 65 ] || fail "un journal altéré doit être refusé (65)"
[ -e "$DIR/altered.html" ] && fail "rapport écrit pour un journal altéré"

# --- Chromium ---
if ! command -v chromium >/dev/null 2>&1; then
	sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    $sudo apt-get install -y -qq --no-install-recommends chromium; } \
	    >"$DIR/apt.log" 2>&1
	if ! command -v chromium >/dev/null 2>&1; then
		echo "SKIP ($TEST_NAME) : chromium indisponible ($(tail -n 1 "$DIR/apt.log"))"
		exit 0
	fi
fi
shot() { # shot URL PNG LOG [extra options]
	url=$1 png=$2 log=$3; shift 3
	HOME=$DIR timeout 60 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$(mktemp -d "$DIR/profile.XXXXXX")" \
	    --enable-logging=stderr --v=0 --window-size=1280,2000 \
	    "$@" --screenshot="$png" "$url" >/dev/null 2>"$log"
}
shot "file://$R" "$DIR/report.png" "$DIR/chromium.log" ||
	{ tail -n 20 "$DIR/chromium.log"; fail "chromium n'a pas rendu le rapport"; }
shot about:blank "$DIR/blank.png" "$DIR/blank.log" || fail "chromium sur about:blank"
if grep -E 'CONSOLE|Uncaught' "$DIR/chromium.log"; then
	fail "erreurs dans la console de Chromium"
fi
[ -s "$DIR/report.png" ] || fail "pas de capture"
head -c 8 "$DIR/report.png" | od -An -c | grep -q 'P   N   G' || fail "la capture n'est pas un PNG"
size=$(wc -c <"$DIR/report.png")
blank=$(wc -c <"$DIR/blank.png")
[ "$size" -gt $((blank * 4)) ] && [ "$size" -gt 20000 ] ||
	fail "capture vide ($size octets, page blanche : $blank)"
HOME=$DIR timeout 60 chromium --headless --no-sandbox --disable-gpu \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$(mktemp -d "$DIR/profile.XXXXXX")" \
    --dump-dom "file://$R" >"$DIR/dom.html" 2>/dev/null || fail "chromium --dump-dom"
grep -q 'Rétroplanning' "$DIR/dom.html" || fail "DOM sans rétroplanning"
grep -q '<polyline' "$DIR/dom.html" || fail "DOM sans courbes"
grep -q '<script' "$DIR/dom.html" && fail "un texte de candidat est devenu du script"

# --- printed: A4 pages, the class summary on page 1, nothing clipped ---
pdf() { # pdf HTML PDF
	HOME=$DIR timeout 90 chromium --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --no-pdf-header-footer \
	    --user-data-dir="$(mktemp -d "$DIR/profile.XXXXXX")" \
	    --print-to-pdf="$2" "file://$1" >/dev/null 2>"$DIR/pdf.log"
}
pdf "$R" "$DIR/rapport.pdf" || { tail -n 5 "$DIR/pdf.log"; fail "chromium --print-to-pdf"; }
if command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	pages=$(pdfinfo "$DIR/rapport.pdf" | sed -n 's/^Pages: *//p')
	# Summary, two teams (a page break each), the brief and the events
	# as annexes: at least 5 pages; the whole brief first made 44.
	[ "${pages:-0}" -ge 5 ] && [ "$pages" -le 30 ] ||
		fail "rapport imprimé en ${pages:-?} page(s), attendu 5 à 30"
	pdftotext -layout -f 1 -l 1 "$DIR/rapport.pdf" "$DIR/page1.txt"
	grep -q 'Synthèse de la classe' "$DIR/page1.txt" || fail "la page 1 n'est pas la synthèse de la classe"
	grep -q 'Alpha' "$DIR/page1.txt" && grep -q 'Beta' "$DIR/page1.txt" ||
		fail "la synthèse de la page 1 ne nomme pas toutes les équipes"
	grep -q 'Le brief\|brief remis' "$DIR/page1.txt" && fail "le brief est en page 1"
	pdftotext -layout "$DIR/rapport.pdf" "$DIR/all.txt"
	grep -q 'Annexe : le brief remis aux équipes' "$DIR/all.txt" || fail "le brief n'est pas en annexe"
	# The page width: A4 at 72 dpi is 595 points; a table cut at the right
	# edge would leave text past it.
	pdfinfo "$DIR/rapport.pdf" | grep -Eq 'Page size: *59[45]([.][0-9]+)? x 84[12]' || fail "format de page autre que A4"
	# The printable grid: one page per candidate at least.
	"$BIN" export grid "$S" --format html -o "$DIR/grille.html" || fail "export grid --format html"
	pdf "$DIR/grille.html" "$DIR/grille.pdf" || fail "chromium --print-to-pdf (grille)"
	gp=$(pdfinfo "$DIR/grille.pdf" | sed -n 's/^Pages: *//p')
	pdftotext -layout "$DIR/grille.pdf" "$DIR/grille.txt"
	# One page per candidate, each with its signature line: the class
	# summary on page 1, Léa, Hugo and Zoé on pages 2 to 4, the rules.
	[ "${gp:-0}" -eq 5 ] || fail "grille imprimée en ${gp:-?} page(s), attendu 5 (synthèse, une par candidat, règles)"
	page=2
	for who in 'Léa Martin' 'Hugo Petit' 'Zoé Roux'; do
		pdftotext -layout -f $page -l $page "$DIR/grille.pdf" "$DIR/p.txt"
		grep -q "Candidat : $who" "$DIR/p.txt" || fail "page $page de la grille : pas celle de $who"
		grep -q 'Signature du jury' "$DIR/p.txt" || fail "page $page de la grille : sans ligne de signature"
		grep -q 'E3 · REX' "$DIR/p.txt" || fail "page $page de la grille : sans la ligne du REX"
		page=$((page + 1))
	done
	grep -q 'CR14' "$DIR/grille.txt" && grep -q 'Signature du jury' "$DIR/grille.txt" ||
		fail "grille sans codes CR ou sans ligne de signature"
	# The brief as a handout: a section per A4 page, the title first.
	"$BIN" brief scenarios/lancement-hydra.cfg --format html -o "$DIR/brief.html" ||
		fail "brief --format html"
	grep -Eiq '(src|href)="(https?:)?//|<script|<link|@import|url\(' "$DIR/brief.html" &&
		fail "ressource externe ou script dans le brief"
	pdf "$DIR/brief.html" "$DIR/brief.pdf" || fail "chromium --print-to-pdf (brief)"
	bp=$(pdfinfo "$DIR/brief.pdf" | sed -n 's/^Pages: *//p')
	[ "${bp:-0}" -ge 5 ] || fail "brief imprimé en ${bp:-?} page(s) : une partie par page attendue"
	pdftotext -layout -f 1 -l 1 "$DIR/brief.pdf" "$DIR/b1.txt"
	grep -q "Hydra : lancement de la gourde connectée" "$DIR/b1.txt" || fail "page 1 du brief sans le titre"
	pdftotext -layout -f 2 -l 2 "$DIR/brief.pdf" "$DIR/b2.txt"
	grep -q "Contraintes" "$DIR/b2.txt" || fail "la page 2 du brief ne commence pas une partie"
	# The access slips (pilote codes): every code the host accepts, on
	# A4, several slips per page, the first page not blank.
	"$BIN" codes "$S" --ssh alpha@poste -o "$DIR/codes.html" || fail "pilote codes"
	grep -Eiq '(src|href)="(https?:)?//|<script|<link|@import|url\(' "$DIR/codes.html" &&
		fail "ressource externe ou script dans les fiches"
	pdf "$DIR/codes.html" "$DIR/codes.pdf" || fail "chromium --print-to-pdf (fiches)"
	cp_=$(pdfinfo "$DIR/codes.pdf" | sed -n 's/^Pages: *//p')
	# 2 team slips and 3 personal ones: one or two A4 pages, and no slip
	# split (on each page, as many codes as commands).
	[ "${cp_:-0}" -ge 1 ] && [ "$cp_" -le 2 ] || fail "fiches imprimées en ${cp_:-?} page(s), attendu 1 ou 2"
	page=1
	while [ $page -le "$cp_" ]; do
		pdftotext -layout -f $page -l $page "$DIR/codes.pdf" "$DIR/c.txt"
		[ "$(grep -c "Code d'accès" "$DIR/c.txt")" -eq "$(grep -c 'pilote join' "$DIR/c.txt")" ] &&
		[ "$(grep -c "Code d'accès" "$DIR/c.txt")" -eq "$(grep -c 'découper' "$DIR/c.txt")" ] ||
			fail "fiches : une fiche coupée entre deux pages (page $page)"
		page=$((page + 1))
	done
	pdfinfo "$DIR/codes.pdf" | grep -Eq 'Page size: *59[45]([.][0-9]+)? x 84[12]' || fail "fiches : format autre que A4"
	pdftotext -layout "$DIR/codes.pdf" "$DIR/codes.txt"
	for who in 'Léa Martin' 'Hugo Petit' 'Zoé Roux'; do
		grep -q -- "--as '$who'" "$DIR/codes.txt" || fail "fiches : pas de commande pour $who"
	done
	[ "$(grep -c 'ssh alpha@poste' "$DIR/codes.txt")" -eq 5 ] || fail "fiches : 5 lignes ssh attendues"
	if command -v pdftoppm >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
		pdftoppm -f 1 -l 1 -r 30 -gray "$DIR/codes.pdf" "$DIR/codes1"
		python3 - "$DIR"/codes1*.pgm <<'PY' || fail "fiches : première page blanche"
import sys
data = open(sys.argv[1], 'rb').read()
# P5 header: magic, width height, maxval, then the pixels.
parts = data.split(maxsplit=4)
pixels = parts[4]
dark = sum(1 for b in pixels if b < 128)
sys.exit(0 if dark > len(pixels) // 200 else 1)
PY
	fi
	echo "rapport imprimé : $pages page(s) ; grille : $gp page(s) ; brief : $bp page(s) ; fiches : $cp_ page(s)"
else
	echo "SKIP ($TEST_NAME, PDF) : pdfinfo et pdftotext (poppler-utils) absents"
fi
[ -n "${KEEP:-}" ] && echo "gardé : $DIR"
echo "ok $TEST_NAME (capture $size octets, page blanche $blank)"
