/*
 * Unit tests for io/classlist: the encodings (UTF-8, UTF-8 with a BOM,
 * Windows-1252), the separators, RFC 4180 quoting, line endings, the
 * header's synonyms, and every bad row reported with its physical line.
 * Scenario: lancement-hydra (roles pilote, budget, prestataires, planning,
 * qualite).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "core/game.h"
#include "io/classlist.h"
#include "io/scenario_load.h"
#include "util/diag.h"

#define HYDRA	"scenarios/lancement-hydra.cfg"

static struct scenario *hydra;

static int
setup_hydra(void **state)
{
	struct diag	 d;

	(void)state;
	diag_init(&d);
	if (scenario_load(HYDRA, &hydra, &d) != SCENARIO_LOAD_OK)
		return -1;
	diag_release(&d);
	return 0;
}

static int
teardown_hydra(void **state)
{
	(void)state;
	scenario_free(hydra);
	return 0;
}

/* Parses text as "classe.csv"; d holds what was said. */
static enum classlist_status
parse(const char *text, size_t len, struct classlist *cl, struct diag *d)
{
	diag_init(d);
	return classlist_parse("classe.csv", text, len, hydra, cl, d);
}

#define PARSE(text, cl, d)	parse(text, sizeof(text) - 1, cl, d)

/* Whether d has an error at line whose message holds part. */
static int
has_error(const struct diag *d, int line, const char *part)
{
	size_t	 i;

	for (i = 0; i < d->count; i++)
		if (d->items[i].severity == DIAG_ERROR &&
		    d->items[i].line == line &&
		    strstr(d->items[i].message, part) != NULL)
			return 1;
	for (i = 0; i < d->count; i++)
		print_message("  %s:%d: %s\n", d->items[i].file,
		    d->items[i].line, d->items[i].message);
	return 0;
}

static void
done(struct classlist *cl, struct diag *d)
{
	classlist_release(cl);
	diag_release(d);
}

static void
utf8_semicolons_two_teams(void **state)
{
	struct classlist cl;
	struct diag	 d;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(PARSE(
	    "équipe;candidat;rôle;temps majoré;assistant\n"
	    "Alpha;Léa Martin;pilote;;\n"
	    "Alpha;Inès Faure;prestataires;33;Paul Durand\n"
	    "Bêta;Zoé Roux;budget;;\n", &cl, &d), CLASSLIST_OK);
	assert_string_equal(cl.encoding, "UTF-8");
	assert_int_equal(cl.separator, ';');
	assert_int_equal(cl.setup.nteams, 2);
	assert_int_equal(cl.ncandidates, 3);
	assert_string_equal(cl.setup.teams[0].name, "Alpha");
	assert_string_equal(cl.setup.teams[1].name, "Bêta");
	assert_int_equal(cl.setup.teams[0].ncandidates, 2);
	assert_string_equal(cl.setup.teams[0].candidates[1].name, "Inès Faure");
	assert_string_equal(cl.setup.teams[0].candidates[1].role,
	    "prestataires");
	assert_int_equal(cl.setup.teams[0].candidates[1].extra_time, 33);
	assert_string_equal(cl.setup.teams[0].candidates[1].assistant,
	    "Paul Durand");
	assert_null(cl.setup.teams[0].candidates[0].assistant);
	assert_int_equal(cl.lines[1][0], 4);
	assert_int_equal(d.errors, 0);
	assert_int_equal(game_setup_check(hydra, &cl.setup, &cause), 0);
	done(&cl, &d);
}

static void
bom_is_dropped(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	assert_int_equal(PARSE("\xef\xbb\xbf" "Équipe;Candidat\r\n"
	    "Alpha;Léa Martin\r\n", &cl, &d), CLASSLIST_OK);
	assert_string_equal(cl.encoding, "UTF-8 avec BOM");
	/* The BOM did not stick to the first column's name. */
	assert_string_equal(cl.setup.teams[0].name, "Alpha");
	assert_string_equal(cl.setup.teams[0].candidates[0].name, "Léa Martin");
	done(&cl, &d);
}

static void
windows_1252_is_converted(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	/* What Excel writes on a French Windows: é is 0xE9, Œ 0x8C, ’ 0x92. */
	assert_int_equal(PARSE("\xc9quipe;Pr\xe9nom;Nom;R\xf4le\r\n"
	    "B\xeata;L\xe9" "a;Martin;pilote\r\n"
	    "B\xeata;\x8c" "dipe;D\x92" "Arc;budget\r\n", &cl, &d),
	    CLASSLIST_OK);
	assert_string_equal(cl.encoding, "Windows-1252");
	assert_string_equal(cl.setup.teams[0].name, "Bêta");
	assert_string_equal(cl.setup.teams[0].candidates[0].name, "Léa Martin");
	assert_string_equal(cl.setup.teams[0].candidates[1].name,
	    "Œdipe D’Arc");
	assert_string_equal(cl.setup.teams[0].candidates[0].role, "pilote");
	done(&cl, &d);
}

static void
undefined_windows_1252_byte_is_named_with_its_line(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	assert_int_equal(PARSE("equipe;candidat\nAlpha;L\xe9" "a\n"
	    "Alpha;X\x81Y\n", &cl, &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 3, "0x81 n'est ni de l'UTF-8 ni du "
	    "Windows-1252"));
	done(&cl, &d);
}

static void
mixed_encodings_are_refused(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	assert_int_equal(PARSE("équipe;candidat\nAlpha;L\xe9" "a\n", &cl, &d),
	    CLASSLIST_INVALID);
	assert_true(has_error(&d, 2, "deux codages mêlés"));
	done(&cl, &d);
	assert_int_equal(PARSE("\xff\xfe" "e\0q\0", &cl, &d),
	    CLASSLIST_INVALID);
	assert_true(has_error(&d, 1, "UTF-16"));
	done(&cl, &d);
}

static void
commas_and_quotes(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	/* Commas in the header win; a quoted field holds a comma, a quote
	 * ("") and, in the last row, a line break that counts as a line. */
	assert_int_equal(PARSE("Team,Name,Role,Tiers-temps\n"
	    "\"Alpha, la vraie\",\"Martin, Léa\",pilote,oui\n"
	    "\"Alpha, la vraie\",\"Jean \"\"Jo\"\" Roux\",,\n"
	    "Gamma, Hugo Petit , \"budget\" ,\n", &cl, &d), CLASSLIST_OK);
	assert_int_equal(cl.separator, ',');
	assert_string_equal(cl.setup.teams[0].name, "Alpha, la vraie");
	assert_string_equal(cl.setup.teams[0].candidates[0].name,
	    "Martin, Léa");
	assert_int_equal(cl.setup.teams[0].candidates[0].extra_time, 33);
	assert_string_equal(cl.setup.teams[0].candidates[1].name,
	    "Jean \"Jo\" Roux");
	assert_null(cl.setup.teams[0].candidates[1].role);
	/* Spaces around a field, quoted or not, are dropped. */
	assert_string_equal(cl.setup.teams[1].candidates[0].name, "Hugo Petit");
	assert_string_equal(cl.setup.teams[1].candidates[0].role, "budget");
	done(&cl, &d);
}

static void
quoted_line_breaks_count_in_line_numbers(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	/* Row 2 spans lines 2-3 (its name is refused by the engine: one
	 * line); row 3 begins on line 4 and its role is unknown. */
	assert_int_equal(PARSE("équipe;candidat;rôle\r\n"
	    "Alpha;\"Léa\r\nMartin\";pilote\r\n"
	    "Alpha;Hugo Petit;chef\r\n", &cl, &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 2, "candidat n°1 : nom"));
	assert_true(has_error(&d, 4, "rôle « chef » inconnu du scénario"));
	assert_int_equal(d.errors, 2);
	done(&cl, &d);
}

static void
old_mac_line_endings(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	assert_int_equal(PARSE("équipe;candidat\rAlpha;Léa Martin\r\r"
	    "Alpha;\r", &cl, &d), CLASSLIST_INVALID);
	/* The blank line 3 is skipped, and counted. */
	assert_true(has_error(&d, 4, "pas de candidat"));
	done(&cl, &d);
}

static void
every_bad_row_is_reported(void **state)
{
	struct classlist cl;
	struct diag	 d;
	char		 longname[64];

	(void)state;
	memset(longname, 'A', 41);
	longname[41] = '\0';
	{
		char text[1024];

		snprintf(text, sizeof text,
		    "équipe;candidat;rôle;temps majoré;assistant\n"	/* 1 */
		    "Alpha;Léa Martin;pilote;;\n"			/* 2 */
		    "Alpha;Léa Martin;budget;;\n"			/* 3 */
		    "Alpha;Hugo Petit;directeur;;\n"			/* 4 */
		    "Alpha;Inès Faure;;250;\n"				/* 5 */
		    "Alpha;Karim Benali;;un tiers;\n"			/* 6 */
		    "%s;Zoé Roux;;;\n"					/* 7 */
		    ";Max Blanc;;;\n"					/* 8 */
		    "\n"						/* 9 */
		    "alpha;Chloé Lemaire;;;\n"				/* 10 */
		    "Bêta;Théo Garnier;Qualité;;\n"			/* 11 */
		    "Bêta;Léo;budget;;;;x\n"				/* 12 */
		    "formateur;Nina Roy;;;\n"				/* 13 */
		    "Bêta;\"Sam \"Le\" Roi\";;;\n",			/* 14 */
		    longname);
		assert_int_equal(parse(text, strlen(text), &cl, &d),
		    CLASSLIST_INVALID);
	}
	assert_true(has_error(&d, 3, "deux candidats s'appellent « Léa "
	    "Martin »"));
	assert_true(has_error(&d, 4, "rôle « directeur » inconnu du scénario "
	    "(rôles : pilote, budget, prestataires, planning, qualite)"));
	assert_true(has_error(&d, 5, "temps majoré de 250 % hors limites "
	    "(0 à 200 %)"));
	assert_true(has_error(&d, 6, "temps majoré « un tiers »"));
	assert_true(has_error(&d, 7, "nom vide ou de plus de 40 caractères"));
	assert_true(has_error(&d, 8, "pas d'équipe"));
	assert_true(has_error(&d, 10, "écrite « Alpha » ligne 2"));
	assert_true(has_error(&d, 12, "7 champs pour 5 colonnes"));
	assert_true(has_error(&d, 13, "réservé au formateur"));
	assert_true(has_error(&d, 14, "texte après le guillemet fermant"));
	/* Line 11 is good: the id « qualite » written with a capital and an
	 * accent is that role. */
	assert_int_equal(d.errors, 10);
	assert_int_equal(cl.setup.teams[1].candidates[0].role[0], 'q');
	done(&cl, &d);
}

static void
too_many_candidates_and_teams(void **state)
{
	struct classlist cl;
	struct diag	 d;
	char		 text[4096];
	size_t		 n;
	int		 i;

	(void)state;
	n = (size_t)snprintf(text, sizeof text, "équipe;candidat\n");
	for (i = 0; i < GAME_MAX_CANDIDATES + 1; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
		    "Alpha;Candidat %d\n", i + 1);
	for (i = 1; i < GAME_MAX_TEAMS + 1; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
		    "Équipe %d;Candidat\n", i + 1);
	assert_int_equal(parse(text, n, &cl, &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 2 + GAME_MAX_CANDIDATES, "Candidat 9 de "
	    "trop, 8 candidats au plus"));
	assert_true(has_error(&d, 2 + GAME_MAX_CANDIDATES + GAME_MAX_TEAMS,
	    "8 équipes au plus"));
	assert_int_equal(d.errors, 2);
	done(&cl, &d);
}

static void
header_problems(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	assert_int_equal(PARSE("", &cl, &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 0, "fichier vide"));
	done(&cl, &d);
	assert_int_equal(PARSE("\xef\xbb\xbf\r\n\r\n", &cl, &d),
	    CLASSLIST_INVALID);
	assert_true(has_error(&d, 0, "fichier vide"));
	done(&cl, &d);
	assert_int_equal(PARSE("équipe;candidat\n", &cl, &d),
	    CLASSLIST_INVALID);
	assert_true(has_error(&d, 0, "aucun candidat"));
	done(&cl, &d);
	assert_int_equal(PARSE("Alpha;Léa Martin\nAlpha;Hugo Petit\n", &cl,
	    &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 1, "pas de colonne « équipe »"));
	assert_true(has_error(&d, 1, "pas de colonne des candidats"));
	done(&cl, &d);
	assert_int_equal(PARSE("équipe;groupe;nom\nA;B;C\n", &cl, &d),
	    CLASSLIST_INVALID);
	assert_true(has_error(&d, 1, "deux colonnes « équipe » (n°1 et n°2)"));
	done(&cl, &d);
	assert_int_equal(PARSE("équipe;\"candidat\nnom\";rôle\nA;B;C\n", &cl,
	    &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 1, "pas de colonne des candidats"));
	done(&cl, &d);
	assert_int_equal(PARSE("équipe;candidat\nAlpha;\"Léa Martin\n", &cl,
	    &d), CLASSLIST_INVALID);
	assert_true(has_error(&d, 2, "guillemet ouvert ligne 2 et jamais "
	    "refermé"));
	done(&cl, &d);
}

static void
blank_lines_before_the_header(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	/* The separator is the header's, not the blank first line's; the
	 * team first seen on line 4 is named there though its first
	 * candidate was refused. */
	assert_int_equal(PARSE("\r\n,,\r\néquipe,candidat,rôle\r\n"
	    "Alpha,Léa Martin,chef\r\nAlpha,Hugo Petit,\r\n"
	    "ALPHA,Zoé Roux,\r\n", &cl, &d), CLASSLIST_INVALID);
	assert_int_equal(cl.separator, ',');
	assert_true(has_error(&d, 4, "rôle « chef » inconnu"));
	assert_true(has_error(&d, 6, "équipe « ALPHA » : écrite « Alpha » "
	    "ligne 4"));
	assert_int_equal(d.errors, 2);
	done(&cl, &d);
}

static void
messages_quote_the_file_safely(void **state)
{
	struct classlist cl;
	struct diag	 d;
	size_t		 i;

	(void)state;
	/* An escape sequence in a column's name and in a refused team's
	 * name: the messages show it, the terminal does not obey it. */
	assert_int_equal(PARSE("équipe;candidat;\x1b[2J\nAlpha;Léa\n"
	    "\x1b]0;x\x07;Hugo\n", &cl, &d), CLASSLIST_INVALID);
	assert_int_equal(d.count, 2);
	for (i = 0; i < d.count; i++)
		assert_null(strchr(d.items[i].message, '\x1b'));
	assert_non_null(strstr(d.items[0].message, "« ␛[2J » ignorée"));
	assert_true(has_error(&d, 3, "équipe n°2 : nom : "));
	done(&cl, &d);
}

static void
other_columns_are_ignored_with_a_warning(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	/* « Nom » alone is the whole name; « Prénom Nom » too. */
	assert_int_equal(PARSE("N° ;Nom;Équipe;Courriel;Aménagements\n"
	    "1;Léa Martin;Alpha;lea@example.org;tiers-temps\n", &cl, &d),
	    CLASSLIST_OK);
	assert_string_equal(cl.setup.teams[0].candidates[0].name, "Léa Martin");
	assert_int_equal(d.warnings, 3);
	assert_int_equal(d.errors, 0);
	done(&cl, &d);
	assert_int_equal(PARSE("Groupe;Prénom Nom;Fonction;Temps majoré (%);"
	    "Assistant·e\nAlpha;Léa Martin;Responsable budget;50 %;Paul\n",
	    &cl, &d), CLASSLIST_OK);
	/* A role by its label, whatever its case. */
	assert_string_equal(cl.setup.teams[0].candidates[0].role, "budget");
	assert_int_equal(cl.setup.teams[0].candidates[0].extra_time, 50);
	assert_string_equal(cl.setup.teams[0].candidates[0].assistant, "Paul");
	done(&cl, &d);
}

static void
homonyms_in_two_teams_are_said(void **state)
{
	struct classlist cl;
	struct diag	 d;

	(void)state;
	assert_int_equal(PARSE("équipe;candidat\nAlpha;Léa Martin\n"
	    "Bêta;Léa Martin\n", &cl, &d), CLASSLIST_OK);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.items[0].message, "aussi dans l'équipe « Alpha "
	    "» (ligne 2)"));
	assert_int_equal(d.items[0].line, 3);
	done(&cl, &d);
}

static void
the_shipped_example_reads(void **state)
{
	struct classlist cl;
	struct diag	 d;
	char		*cause = NULL;

	(void)state;
	diag_init(&d);
	assert_int_equal(classlist_read("scenarios/classe-exemple.csv", hydra,
	    &cl, &d), CLASSLIST_OK);
	assert_int_equal(d.count, 0);
	assert_int_equal(cl.setup.nteams, 2);
	assert_int_equal(game_setup_check(hydra, &cl.setup, &cause), 0);
	done(&cl, &d);
	diag_init(&d);
	assert_int_equal(classlist_read("tests/nonexistent.csv", hydra, &cl,
	    &d), CLASSLIST_UNREADABLE);
	done(&cl, &d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_semicolons_two_teams),
		cmocka_unit_test(bom_is_dropped),
		cmocka_unit_test(windows_1252_is_converted),
		cmocka_unit_test(undefined_windows_1252_byte_is_named_with_its_line),
		cmocka_unit_test(mixed_encodings_are_refused),
		cmocka_unit_test(commas_and_quotes),
		cmocka_unit_test(quoted_line_breaks_count_in_line_numbers),
		cmocka_unit_test(old_mac_line_endings),
		cmocka_unit_test(every_bad_row_is_reported),
		cmocka_unit_test(too_many_candidates_and_teams),
		cmocka_unit_test(header_problems),
		cmocka_unit_test(blank_lines_before_the_header),
		cmocka_unit_test(messages_quote_the_file_safely),
		cmocka_unit_test(other_columns_are_ignored_with_a_warning),
		cmocka_unit_test(homonyms_in_two_teams_are_said),
		cmocka_unit_test(the_shipped_example_reads),
	};

	return cmocka_run_group_tests(tests, setup_hydra, teardown_hydra);
}
