/*
 * Unit tests for io/scenario_load and core/scenario_check: the model built
 * from a scenario, the checks of form and of meaning, and the minimums the
 * shipped scenarios promise (issue 2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "core/scenario.h"
#include "core/scenario_check.h"
#include "io/scenario_load.h"

#define MINI	"tests/fixtures/mini.cfg"

static char *
read_all(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* text (freed) with its first from replaced by to. */
static char *
text_with(char *text, const char *from, const char *to)
{
	char	*at, *out;
	size_t	 n;

	at = strstr(text, from);
	if (at == NULL)
		fail_msg("fixture does not contain \"%s\"", from);
	n = strlen(text) - strlen(from) + strlen(to);
	out = malloc(n + 1);
	assert_non_null(out);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	free(text);
	return out;
}

/* The mini scenario with one substring replaced (must occur once). */
static char *
mini_with(const char *from, const char *to)
{
	return text_with(read_all(MINI), from, to);
}

/* Loads a variant; asserts a diagnostic of that severity contains needle. */
static void
expect_diag(const char *from, const char *to, enum diag_severity sev,
    const char *needle)
{
	struct diag	 d;
	struct scenario	*s;
	char		*text = mini_with(from, to);
	size_t		 i;
	bool		 found = false;

	diag_init(&d);
	scenario_load_text(MINI, text, strlen(text), &s, &d);
	for (i = 0; i < d.count; i++)
		if (d.items[i].severity == sev &&
		    strstr(d.items[i].message, needle) != NULL)
			found = true;
	if (!found) {
		for (i = 0; i < d.count; i++)
			print_message("%d: %s\n", d.items[i].line,
			    d.items[i].message);
		fail_msg("expected a diagnostic containing \"%s\"", needle);
	}
	if (sev == DIAG_ERROR)
		assert_null(s);
	scenario_free(s);
	diag_release(&d);
	free(text);
}

static void
mini_example_loads_into_the_model(void **state)
{
	struct diag	 d;
	struct scenario	*s;

	(void)state;
	diag_init(&d);
	assert_int_equal(scenario_load(MINI, &s, &d), SCENARIO_LOAD_OK);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->id, "mini");
	assert_int_equal(s->type, PROJECT_LAUNCH);
	assert_int_equal(s->weeks, 4);
	assert_int_equal(s->turn_minutes, 30);
	assert_int_equal(s->envelope, 2000000);		/* cents */
	assert_int_equal(s->reserve_min, 5);
	assert_int_equal(s->nlines, 2);
	assert_int_equal(s->nstaff, 1);
	assert_int_equal(s->staff[0].daily_cost, 42000);
	assert_int_equal(s->staff[0].nneeds, 1);
	assert_int_equal(s->staff[0].needs[0].kind, ACCOM_CAPTIONS);
	assert_int_equal(s->staff[0].needs[0].loss_if_unmet, 25);
	assert_int_equal(s->npackages, 2);
	assert_int_equal(s->packages[1].nafter, 1);
	assert_int_equal(s->packages[1].after[0], 0);
	assert_int_equal(s->packages[1].mode, MODE_INTERNAL);
	assert_int_equal(s->packages[1].fixed_cost, 150000);
	assert_int_equal(s->packages[0].due, 2);
	assert_int_equal(s->nsuppliers, 2);
	assert_int_equal(s->suppliers[0].offers[0].price, 240000);
	assert_true(s->suppliers[0].offers[0].accessible);
	assert_int_equal(s->nincidents, 1);
	assert_int_equal(s->incidents[0].trigger.kind, TRIGGER_RANDOM);
	assert_int_equal(s->incidents[0].trigger.first_week, 2);
	assert_int_equal(s->incidents[0].trigger.last_week, 4);
	assert_int_equal(s->incidents[0].options[0].effects.package, 1);
	assert_int_equal(s->incidents[0].options[0].effects.delay, 1);
	assert_int_equal(s->incidents[0].default_effects.kpi, -30);
	assert_int_equal(s->nstatus_points, 1);
	assert_int_equal(s->status_points[0].max_words, 300);
	assert_int_equal(s->scoring.e3[E3_STATUS_POINTS], 20);
	assert_int_equal(scenario_min_weeks(s, 1), 2);	/* 8 days at 4/week */
	assert_int_equal(scenario_min_cost(s, 0), 150000);
	scenario_free(s);
	diag_release(&d);
}

static void
form_errors_name_the_setting(void **state)
{
	(void)state;
	expect_diag("cout_jour = 420;", "cout_jour = -420;", DIAG_ERROR,
	    "hors limites");
	expect_diag("cout_jour = 420;", "cout_jour = \"420\";", DIAG_ERROR,
	    "doit être un entier");
	expect_diag("cout_jour = 420;", "cout_jour = 420.5;", DIAG_ERROR,
	    "sans décimales");
	expect_diag("type = \"lancement\";", "type = \"lancment\";",
	    DIAG_ERROR, "vouliez-vous dire « lancement »");
	expect_diag("id = \"kit\";", "id = \"Kit\";", DIAG_ERROR,
	    "identifiant « Kit » invalide");
	expect_diag("semaines = 4;", "", DIAG_ERROR,
	    "réglage « semaines » manquant");
	expect_diag("competences = [ \"commerce\" ]",
	    "competences = [ \"comerce\" ]", DIAG_ERROR,
	    "vouliez-vous dire « commerce »");
	expect_diag("reserve_min = 5;", "reserve_min = 5; reserve_mini = 2;",
	    DIAG_WARNING, "vouliez-vous dire « reserve_min »");
}

static void
duplicates_and_missing_references_are_errors(void **state)
{
	(void)state;
	expect_diag("id = \"tournee\";", "id = \"kit\";", DIAG_ERROR,
	    "lot « kit » : identifiant déjà utilisé");
	expect_diag("lot = \"kit\"; prix = 1500;", "lot = \"kti\"; prix = 1500;",
	    DIAG_ERROR, "lot « kti » introuvable");
	expect_diag("effets = { lot = \"tournee\"; retard = 1; }; }",
	    "effets = { lot = \"tournee\"; retard = 1; }; suite = \"nulle\"; }",
	    DIAG_ERROR, "incident « nulle » introuvable");
	expect_diag("lot = \"kit\"; prix = 2400;",
	    "lot = \"tournee\"; prix = 2400;", DIAG_ERROR,
	    "qui se fait en interne seulement");
}

static void
meaning_errors_are_found(void **state)
{
	(void)state;
	/* A cycle. */
	expect_diag("ligne = \"prod\"; echeance = 2;",
	    "ligne = \"prod\"; echeance = 2; apres = [ \"tournee\" ];",
	    DIAG_ERROR, "dépendances circulaires");
	/* A plan impossible within the weeks. */
	expect_diag("charge = 8;", "charge = 80;", DIAG_ERROR,
	    "plan impossible");
	/* A budget impossible within the envelope. */
	expect_diag("enveloppe = 20000;", "enveloppe = 4000;", DIAG_ERROR,
	    "budget impossible");
	/* Weights. */
	expect_diag("cible = 40; poids = 100;", "cible = 40; poids = 90;",
	    DIAG_ERROR, "font 90 %");
	expect_diag("objectif = \"bars\"; poids = 100;",
	    "objectif = \"bars\"; poids = 60;", DIAG_ERROR,
	    "pour 60 %, il faut 100 %");
	/* A package nobody can do. */
	expect_diag("competences = [ \"redac\", \"commerce\" ];",
	    "competences = [ \"redac\" ];", DIAG_ERROR,
	    "personne ne peut faire le lot « tournee »");
	/* An option that changes nothing, a default that changes nothing. */
	expect_diag("effets = { kpi = -15; moral = -5; };", "", DIAG_ERROR,
	    "ne change rien");
	expect_diag("effets = { kpi = -30; moral = -10; };", "", DIAG_ERROR,
	    "ne pas répondre");
	/* Effects aimed at nothing. */
	expect_diag("effets = { kpi = -15; moral = -5; };",
	    "effets = { jours_perdus = 2; };", DIAG_ERROR,
	    "« jours_perdus » vise une personne");
	expect_diag("effets = { kpi = -15; moral = -5; };",
	    "effets = { retard = 2; };", DIAG_ERROR, "« retard » vise un lot");
	/* A default milder than an option is suspicious. */
	expect_diag("effets = { kpi = -30; moral = -10; };",
	    "effets = { kpi = -1; };", DIAG_WARNING, "moins pénalisant");
	/* A trigger with two forms. */
	expect_diag("probabilite = 30;", "probabilite = 30; semaine = 2;",
	    DIAG_ERROR, "une et une seule forme");
}

/* How many diagnostics of text (freed) contain needle. */
static int
count_diag(char *text, const char *needle)
{
	struct diag	 d;
	struct scenario	*s;
	size_t		 i;
	int		 n = 0;

	diag_init(&d);
	scenario_load_text(MINI, text, strlen(text), &s, &d);
	for (i = 0; i < d.count; i++)
		if (strstr(d.items[i].message, needle) != NULL)
			n++;
	scenario_free(s);
	diag_release(&d);
	free(text);
	return n;
}

/* Issue 11: what scenarios/README.md says is refused, is. */
static void
checker_matches_its_documentation(void **state)
{
	(void)state;
	/* Two packages each feasible alone, too much for Léa together. */
	expect_diag("{ id = \"tournee\";", "{ id = \"relance\"; nom = "
	    "\"Relance\"; charge = 9; competences = [ \"commerce\" ]; "
	    "mode = \"interne\"; ligne = \"media\"; },\n{ id = \"tournee\";",
	    DIAG_ERROR, "la compétence « commerce » doit fournir 17 "
	    "jours-personne d'ici la semaine 4");
	/* A default that helps, a default milder than every option. */
	expect_diag("effets = { kpi = -30; moral = -10; };",
	    "effets = { moral = 5; };", DIAG_ERROR, "est un avantage");
	assert_int_equal(count_diag(text_with(mini_with("effets = { kpi = -30; "
	    "moral = -10; };", "effets = { kpi = -5; };"), "retard = 1; };",
	    "retard = 1; kpi = -10; };"), "moins pénalisant que chacune"), 1);
	/* A string for a list, a condition written false. */
	expect_diag("semaines = 4;", "semaines = 4; contraintes = \"Aucune\";",
	    DIAG_ERROR, "doit être un tableau");
	expect_diag("semaines = [ 2, 4 ];", "semaines = [ 2, 4 ]; si = { "
	    "retard = false; };", DIAG_ERROR, "« retard = false »");
	/* A follow-up of itself stays its own message, not a "cycle". */
	expect_diag("effets = { kpi = -15; moral = -5; }; }",
	    "effets = { kpi = -15; moral = -5; }; suite = \"rupture\"; }",
	    DIAG_ERROR, "a pour suite l'incident lui-même");
	assert_int_equal(count_diag(mini_with("effets = { kpi = -15; "
	    "moral = -5; }; }", "effets = { kpi = -15; moral = -5; }; "
	    "suite = \"rupture\"; }"), "suites circulaires"), 0);
	/* A cycle is blamed on its own packages only. */
	assert_int_equal(count_diag(mini_with("ligne = \"prod\"; "
	    "echeance = 2;", "ligne = \"prod\"; echeance = 2; apres = "
	    "[ \"tournee\" ];"), "dépendances circulaires"), 1);
	/* A schema error in the incidents does not hide the budget... */
	assert_int_equal(count_diag(text_with(mini_with("cout_fixe = 1500;",
	    "cout_fixe = 25000;"), "categorie = \"client\";",
	    "categorie = \"clients\";"), "budget impossible"), 1);
	/* ...nor does a text refused for its form... */
	assert_int_equal(count_diag(text_with(mini_with("cout_fixe = 1500;",
	    "cout_fixe = 25000;"), "nom = \"Kit de vente\";",
	    "nom = \"Kit\\x07\";"), "budget impossible"), 1);
	/* ...but a wrong number among the packages does. */
	assert_int_equal(count_diag(text_with(mini_with("cout_fixe = 1500;",
	    "cout_fixe = 25000;"), "charge = 4;", "charge = 0;"),
	    "budget impossible"), 0);
}

static void
costs_without_a_line_and_idle_reserve_draws_are_warned(void **state)
{
	(void)state;
	/* No ligne_imprevus: a cost aimed at nothing would go to the last
	 * line; named, it goes there quietly. */
	expect_diag("effets = { kpi = -15; moral = -5; };",
	    "effets = { kpi = -15; moral = -5; cout = 500; };", DIAG_WARNING,
	    "« cout » sans ligne ni lot visé va sur la dernière ligne du "
	    "budget (« Médias »)");
	assert_int_equal(count_diag(text_with(mini_with("effets = { kpi = "
	    "-15; moral = -5; };", "effets = { kpi = -15; moral = -5; cout = "
	    "500; };"), "{ id = \"media\"; libelle = \"Médias\"; } );",
	    "{ id = \"media\"; libelle = \"Médias\"; } );\n"
	    "ligne_imprevus = \"media\";"), "sans ligne ni lot visé"), 0);
	/* A cost aimed at a package has its line. */
	assert_int_equal(count_diag(mini_with("effets = { lot = \"tournee\"; "
	    "retard = 1; };", "effets = { lot = \"tournee\"; retard = 1; "
	    "cout = 200; };"), "sans ligne ni lot visé"), 0);
	/* sur_reserve with nothing to pay. */
	expect_diag("effets = { kpi = -15; moral = -5; };",
	    "effets = { kpi = -15; moral = -5; sur_reserve = true; };",
	    DIAG_WARNING, "« sur_reserve » sans dépense (cout positif) ni "
	    "coupe (enveloppe négative) ne change rien");
}

static void
every_problem_is_reported_in_one_run(void **state)
{
	struct diag	 d;
	struct scenario	*s;
	char		*a, *b;

	(void)state;
	a = mini_with("cout_jour = 420;", "cout_jour = 5;");
	diag_init(&d);
	/* Three independent mistakes: all three reported. */
	b = strstr(a, "type = \"lancement\"");
	memcpy(b, "type = \"xxxxxxxxx\"", strlen("type = \"xxxxxxxxx\""));
	b = strstr(a, "qualite = 80;");
	memcpy(b, "qualite = 0; ", strlen("qualite = 0; "));
	scenario_load_text(MINI, a, strlen(a), &s, &d);
	assert_null(s);
	assert_int_equal(d.errors, 3);
	diag_release(&d);
	free(a);
}

static int
count_offers(const struct scenario *s, int p)
{
	return scenario_count_offers(s, p);
}

static void
check_shipped(const char *path, bool *uses_catalogue)
{
	struct diag	 d;
	struct scenario	*s;
	bool		 categories[INCIDENT_CATEGORY_COUNT] = { false };
	int		 i, pm = 0, needs = 0;

	diag_init(&d);
	assert_int_equal(scenario_load(path, &s, &d), SCENARIO_LOAD_OK);
	if (d.count != 0) {
		for (i = 0; i < (int)d.count; i++)
			print_message("%s:%d: %s\n", d.items[i].file,
			    d.items[i].line, d.items[i].message);
		fail_msg("%s has diagnostics", path);
	}
	assert_true(s->npackages >= 10);
	assert_true(s->nstaff >= 5);
	for (i = 0; i < s->nstaff; i++)
		needs += s->staff[i].nneeds;
	assert_true(needs >= 1);
	assert_true(s->nsuppliers >= 4);
	for (i = 0; i < s->npackages; i++)
		if (s->packages[i].mode != MODE_INTERNAL)
			assert_true(count_offers(s, i) >= 2);
	assert_true(s->ntools >= 5);
	for (i = 0; i < s->ntools; i++)
		pm += s->tools[i].category == TOOL_PROJECT_MANAGEMENT;
	assert_true(pm >= 2);
	assert_true(s->nincidents >= 15);
	*uses_catalogue = false;
	for (i = 0; i < s->nincidents; i++) {
		categories[s->incidents[i].category] = true;
		assert_true(s->incidents[i].noptions >= 2);
		assert_non_null(s->incidents[i].default_text);
		if (s->incidents[i].catalogue != NULL)
			*uses_catalogue = true;
	}
	for (i = 0; i < INCIDENT_CATEGORY_COUNT; i++)
		assert_true(categories[i]);
	assert_true(s->nstatus_points >= 2);
	assert_true(s->nroles >= 4);
	scenario_free(s);
	diag_release(&d);
}

static void
shipped_scenarios_meet_the_class_minimums(void **state)
{
	static const char *const shipped[] = {
		"scenarios/lancement-hydra.cfg",
		"scenarios/acquisition-mutuelle.cfg",
		"scenarios/refonte-rgaa.cfg",
	};
	bool	 uses;
	int	 i, sharing = 0;

	(void)state;
	for (i = 0; i < 3; i++) {
		check_shipped(shipped[i], &uses);
		sharing += uses;
	}
	/* One shared incident catalogue, included by at least two. */
	assert_true(sharing >= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mini_example_loads_into_the_model),
		cmocka_unit_test(form_errors_name_the_setting),
		cmocka_unit_test(duplicates_and_missing_references_are_errors),
		cmocka_unit_test(meaning_errors_are_found),
		cmocka_unit_test(checker_matches_its_documentation),
		cmocka_unit_test(costs_without_a_line_and_idle_reserve_draws_are_warned),
		cmocka_unit_test(every_problem_is_reported_in_one_run),
		cmocka_unit_test(shipped_scenarios_meet_the_class_minimums),
	};

	return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
