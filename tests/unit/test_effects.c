/*
 * Unit tests for core/effects: the preview of every effect kind is the
 * explanation the engine writes when it applies it (for internal and
 * outsourced packages), live incidents and scenario files refuse the same
 * values, and the state invariants hold when effects repeat.  Numbers come
 * from tests/fixtures/rules.cfg (envelope 20 000 €, see test_rules.c).
 */
#include "unit/cmocka_prelude.h"
#include "unit/play.h"

#include "core/effects.h"
#include "util/text.h"

#define ADHOC	"titre=Grève", "texte=Les transports sont en grève"
#define WHY	"choix argumenté"

/* Site in house (Ana, Bob), video at the studio, as in test_incidents. */
static void
effects_plan(struct play *p)
{
	TEAM(p, "Alpha", "attribuer", "lot=site", "interne=ana,bob");
	TEAM(p, "Alpha", "amenager", "membre=bob", "besoin=1");
	TEAM_WHY(p, "Alpha", "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	TRAINER(p, "ouvrir_pilotage");
}

/* head followed by tail (allocated). */
static char *
effects_cat(const char *head, const char *tail)
{
	size_t	 n = strlen(head) + strlen(tail) + 1;
	char	*out = malloc(n);

	assert_non_null(out);
	snprintf(out, n, "%s%s", head, tail);
	return out;
}

/*
 * Injects an ad hoc incident whose first option is spec, previews that
 * option as the Incidents screen does, answers it, and checks that the
 * engine explained it in the very words of the preview, and that
 * previewing changed nothing.  Returns the preview (allocated).
 */
static char *
preview_then_apply(struct play *p, const char *spec)
{
	struct team		*t = play_team(p, "Alpha");
	const struct occurrence	*o;
	const struct incident	*inc;
	char			*option = effects_cat("option1=A : ", spec);
	char			*preview, *again, *again2, *before, *after, *want;
	char			 n[32];

	TRAINER(p, "injecter", ADHOC, option, "option2=B : cout=1",
	    "defaut=C : cout=2");
	o = &t->occurrences[t->noccurrences - 1];
	inc = game_occurrence_incident(p->g, o);
	before = game_dump(p->g);
	preview = effects_describe(p->g, t, o, &inc->options[0].effects);
	after = game_dump(p->g);
	assert_string_equal(before, after);
	again = effects_describe(p->g, t, o, &inc->options[0].effects);
	assert_string_equal(preview, again);
	snprintf(n, sizeof n, "incident=%d", t->noccurrences);
	ALPHA_WHY(p, WHY, "repondre", n, "option=1");
	again2 = effects_cat("« Grève » : Alice a choisi « A » → ", preview);
	want = effects_cat(again2, ".");
	free(again2);
	play_assert_explained(t, want);
	free(want);
	free(again);
	free(before);
	free(after);
	free(option);
	return preview;
}

/* --- the preview is the truth --- */

static void
every_effect_previews_what_the_engine_then_explains(void **state)
{
	/* Per kind: aimed at the internal package, then at the outsourced
	 * one (or at a person / the supplier where that is the target). */
	static const char *const specs[EFFECT_KIND_COUNT][4] = {
		[EFFECT_COST] = { "cout=700, cible=lot_interne",
		    "cout=700, cible=lot_externe", "cout=-200, lot=site",
		    "cout=-300, ligne=media" },
		[EFFECT_ENVELOPE] = { "enveloppe=-1000, cible=lot_interne",
		    "enveloppe=1500, cible=lot_externe",
		    "enveloppe=-19000", NULL },
		[EFFECT_DELAY] = { "retard=1, cible=lot_interne",
		    "retard=2, cible=lot_externe", "retard=-3, lot=site",
		    "retard=-8, lot=video" },
		[EFFECT_WORKLOAD] = { "charge=10, cible=lot_interne",
		    "charge=10, cible=lot_externe",
		    "charge=-200, cible=lot_interne",
		    "charge=-10, cible=lot_externe" },
		[EFFECT_QUALITY] = { "qualite=-5, cible=lot_interne",
		    "qualite=5, cible=lot_externe", "qualite=-3", NULL },
		[EFFECT_MORALE] = { "moral=-5, cible=lot_interne",
		    "moral=50, cible=membre", "moral=-50, membre=ana",
		    "moral=50" },
		[EFFECT_DAYS_LOST] = { "jours_perdus=2, cible=membre",
		    "jours_perdus=1, membre=bob", NULL, NULL },
		[EFFECT_RELIABILITY] = { "fiabilite=-10, cible=lot_externe",
		    "fiabilite=5, prestataire=studio",
		    "fiabilite=-5, cible=prestataire", NULL },
		[EFFECT_KPI] = { "kpi=10, cible=lot_interne",
		    "kpi=-10, objectif=visites, cible=lot_externe",
		    "kpi=100, objectif=leads", "kpi=100, objectif=leads" },
	};
	struct play	 p;
	int		 k, j;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	effects_plan(&p);
	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		/* A new row needs its cases here. */
		if (specs[k][0] == NULL || specs[k][1] == NULL)
			fail_msg("no case for effect « %s »",
			    effect_rows[k].key);
		for (j = 0; j < 4 && specs[k][j] != NULL; j++)
			free(preview_then_apply(&p, specs[k][j]));
	}
	play_end(&p);
}

static void
outsourced_extra_workload_previews_the_supplier_weeks(void **state)
{
	struct play	 p;
	char		*preview;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	effects_plan(&p);
	preview = preview_then_apply(&p, "charge=10, cible=lot_externe");
	/* The two weeks the old screen hid. */
	assert_string_equal(preview, "périmètre de « Vidéo » modifié (+10 "
	    "jours-personne, 2 semaine(s) chez le prestataire)");
	free(preview);
	play_end(&p);
}

/* --- invariants --- */

static void
a_repeated_kpi_bonus_stops_at_its_bound(void **state)
{
	struct play	 p;
	struct team	*t;
	char		*preview;
	int		 i;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	for (i = 0; i < 4; i++)
		free(preview_then_apply(&p, "kpi=100, objectif=visites"));
	assert_int_equal(t->kpi_effect[VISITES],
	    effect_rows[EFFECT_KPI].max);
	preview = preview_then_apply(&p, "kpi=100");
	assert_non_null(strstr(preview, "plafonné à +100 % au total"));
	free(preview);
	assert_int_equal(t->kpi_effect[VISITES], 100);
	assert_int_equal(t->kpi_effect[LEADS], 100);
	play_end(&p);
}

static void
savings_never_take_a_line_forecast_below_zero(void **state)
{
	struct play	 p;
	struct team	*t;
	struct ledger	 l;
	char		*preview;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	/* Media: its fixed 5 000 € still planned, plus 300 € unplanned. */
	free(preview_then_apply(&p, "cout=300, ligne=media"));
	assert_int_equal(FORECAST(&p, t, L_MEDIA), EUROS(5300));
	/* A saving lowers the forecast, paid money stays paid. */
	free(preview_then_apply(&p, "cout=-1000, ligne=media"));
	assert_int_equal(FORECAST(&p, t, L_MEDIA), EUROS(4300));
	assert_int_equal(t->lines[L_MEDIA].actual, EUROS(300));
	l = play_ledger(&p, t);
	assert_int_equal(l.lines[L_MEDIA].savings, EUROS(1000));
	/* More than the line will cost: brought back to its forecast. */
	preview = preview_then_apply(&p, "cout=-10000, ligne=media");
	assert_string_equal(preview, "économie de 10" NBSP "000" NBSP "€ sur "
	    "« Médias » ramenée à 4" NBSP "300" NBSP "€ (la prévision de la "
	    "ligne)");
	free(preview);
	assert_int_equal(FORECAST(&p, t, L_MEDIA), 0);
	assert_int_equal(t->lines[L_MEDIA].actual, EUROS(300));
	l = play_ledger(&p, t);
	assert_int_equal(l.lines[L_MEDIA].spent, 0);
	play_end(&p);
}

/* --- sur_reserve: paid from the reserve first --- */

static void
a_cost_on_the_reserve_draws_it_first_and_keeps_the_margin(void **state)
{
	struct play	 p;
	struct team	*t;
	int64_t		 margin;
	char		*preview;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	ALPHA(&p, "reserve", "montant=2000");
	margin = play_ledger(&p, t).margin;
	/* Covered: the money moves from the reserve to the line. */
	preview = preview_then_apply(&p, "cout=1500, sur_reserve=oui");
	assert_string_equal(preview, "dépense de 1" NBSP "500" NBSP "€ sur "
	    "« Imprévus », payée sur la réserve (il y reste 500" NBSP "€)");
	free(preview);
	assert_int_equal(play_ledger(&p, t).margin, margin);
	assert_int_equal(play_ledger(&p, t).reserve_left, EUROS(500));
	assert_int_equal(t->lines[L_IMPREVUS].drawn, EUROS(1500));
	/* Partly covered: the rest lowers the margin. */
	preview = preview_then_apply(&p, "cout=1000, ligne=prod, "
	    "sur_reserve=oui");
	assert_string_equal(preview, "dépense de 1" NBSP "000" NBSP "€ sur "
	    "« Production », dont 500" NBSP "€ payés sur la réserve, qui est "
	    "épuisée, et 500" NBSP "€ hors réserve");
	free(preview);
	assert_int_equal(play_ledger(&p, t).margin, margin - EUROS(500));
	assert_int_equal(play_ledger(&p, t).reserve_left, 0);
	/* Nothing left: all of it on the margin. */
	preview = preview_then_apply(&p, "cout=300, sur_reserve=oui");
	assert_string_equal(preview, "dépense de 300" NBSP "€ sur « Imprévus »"
	    ", hors réserve : la réserve est épuisée");
	free(preview);
	assert_int_equal(play_ledger(&p, t).margin, margin - EUROS(800));
	/* Without the qualifier, a cost lowers the margin by its amount. */
	free(preview_then_apply(&p, "cout=250"));
	assert_int_equal(play_ledger(&p, t).margin, margin - EUROS(1050));
	assert_int_equal(t->reserve_used, EUROS(2000));
	play_end(&p);
}

static void
a_cut_on_the_reserve_shrinks_it_before_the_margin(void **state)
{
	struct play	 p;
	struct team	*t;
	int64_t		 margin;
	char		*preview;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	ALPHA(&p, "reserve", "montant=2000");
	margin = play_ledger(&p, t).margin;
	preview = preview_then_apply(&p, "enveloppe=-1500, sur_reserve=oui");
	assert_string_equal(preview, "enveloppe réduite de 1" NBSP "500" NBSP
	    "€, coupe absorbée par la réserve (il y reste 500" NBSP "€)");
	free(preview);
	assert_int_equal(t->reserve, EUROS(500));
	assert_int_equal(play_ledger(&p, t).margin, margin);
	/* In one answer, a cost and a cut share what is left, in the
	 * preview as when applied. */
	preview = preview_then_apply(&p, "cout=400, enveloppe=-400, "
	    "sur_reserve=oui");
	assert_string_equal(preview, "dépense de 400" NBSP "€ sur « Imprévus »"
	    ", payée sur la réserve (il y reste 100" NBSP "€), enveloppe "
	    "réduite de 400" NBSP "€, la réserve en absorbe 100" NBSP "€ et "
	    "s'épuise, 300" NBSP "€ pèsent sur la marge");
	free(preview);
	assert_int_equal(play_ledger(&p, t).margin, margin - EUROS(300));
	assert_int_equal(play_ledger(&p, t).reserve_left, 0);
	assert_int_equal(t->reserve, t->reserve_used);
	play_end(&p);
}

static void
live_sur_reserve_says_yes_or_no(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	ALPHA(&p, "reserve", "montant=1000");
	TRAINER_REFUSED(&p, "sur_reserve=oui ou sur_reserve=non, pas « peut-"
	    "être »", "injecter", ADHOC, "option1=A : cout=10, sur_reserve="
	    "peut-être", "option2=B : cout=1", "defaut=C : cout=2");
	free(preview_then_apply(&p, "cout=100, sur_reserve=non"));
	assert_int_equal(t->reserve_used, 0);
	free(preview_then_apply(&p, "cout=100, sur_reserve=true"));
	assert_int_equal(t->reserve_used, EUROS(100));
	play_end(&p);
}

static void
cuts_never_take_the_envelope_below_its_floor(void **state)
{
	struct play	 p;
	struct team	*t;
	int		 i;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	for (i = 0; i < 3; i++)
		free(preview_then_apply(&p, "enveloppe=-19000"));
	assert_int_equal(t->envelope, p.s->envelope *
	    EFFECTS_ENVELOPE_FLOOR / 100);
	assert_true(play_explained(t, "elle ne descend pas sous 10 % de "
	    "l'enveloppe initiale"));
	play_end(&p);
}

static void
negative_charge_on_a_supplier_package_says_it_changes_nothing(void **state)
{
	struct play			 p;
	const struct package_state	*v;
	char				*preview;
	int				 due, delay;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	effects_plan(&p);
	v = &play_team(&p, "Alpha")->packages[VIDEO];
	due = v->due;
	delay = v->delay;
	preview = preview_then_apply(&p, "charge=-10, lot=video");
	assert_string_equal(preview, "périmètre de « Vidéo » réduit de 10 "
	    "jours-personne, sans effet sur le délai ni le prix du "
	    "prestataire");
	free(preview);
	assert_int_equal(v->due, due);
	assert_int_equal(v->delay, delay);
	play_end(&p);
}

static void
internal_workload_never_goes_below_zero(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	effects_plan(&p);
	free(preview_then_apply(&p, "charge=-200, lot=site"));
	assert_int_equal(p.s->packages[SITE].workload +
	    t->packages[SITE].extra_workload, 0);
	play_end(&p);
}

/* --- one set of bounds for files and live incidents --- */

/* rules.cfg with from → to must be refused at that line, saying needle. */
static void
file_refuses(const char *from, const char *to, const char *needle)
{
	struct diag	 d;
	struct scenario	*s = NULL;
	char		*text = play_read(RULES), *at, *out;
	size_t		 i;
	int		 line = 1;
	bool		 found = false;

	at = strstr(text, from);
	assert_non_null(at);
	for (i = 0; text + i < at; i++)
		line += text[i] == '\n';
	out = malloc(strlen(text) + strlen(to) + 1);
	assert_non_null(out);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	diag_init(&d);
	assert_int_not_equal(scenario_load_text(RULES, out, strlen(out), &s,
	    &d), SCENARIO_LOAD_OK);
	assert_null(s);
	for (i = 0; i < d.count; i++)
		if (d.items[i].severity == DIAG_ERROR &&
		    d.items[i].line == line &&
		    strstr(d.items[i].message, needle) != NULL)
			found = true;
	if (!found) {
		for (i = 0; i < d.count; i++)
			print_message("%d: %s\n", d.items[i].line,
			    d.items[i].message);
		fail_msg("no error at line %d containing \"%s\"", line,
		    needle);
	}
	diag_release(&d);
	free(text);
	free(out);
}

/* The injection of option "A : spec" must be refused, saying needle. */
static void
live_refuses(struct play *p, const char *spec, const char *needle)
{
	char	*option = effects_cat("option1=A : ", spec);

	TRAINER_REFUSED(p, needle, "injecter", ADHOC, option,
	    "option2=B : cout=1", "defaut=C : cout=2");
	free(option);
}

static void
live_and_file_effects_share_their_bounds(void **state)
{
	struct play	 p;
	char		 lo[TEXT_MONEY_MAX], hi[TEXT_MONEY_MAX], range[128];

	(void)state;
	/* cout: ±1 000 000 € in both. */
	snprintf(range, sizeof range, "hors limites : de %s à %s",
	    text_thousands(lo, effect_rows[EFFECT_COST].min),
	    text_thousands(hi, effect_rows[EFFECT_COST].max));
	file_refuses("cout = 1000; ligne", "cout = 5000000; ligne", range);
	play_start(&p, play_rules(), 1, 1);
	TRAINER(&p, "ouvrir_pilotage");
	live_refuses(&p, "cout=5000000", range);
	/* A cut of the whole envelope, a saving larger than it. */
	file_refuses("enveloppe = -1000;", "enveloppe = -20000;",
	    "ne laisse rien de l'enveloppe");
	live_refuses(&p, "enveloppe=-20000", "ne laisse rien de l'enveloppe");
	file_refuses("cout = 1000; ligne", "cout = -1000000; ligne",
	    "les dépenses deviendraient négatives");
	live_refuses(&p, "cout=-1000000",
	    "les dépenses deviendraient négatives");
	/* An effect without its target does nothing: refused in both. */
	file_refuses("lot = \"site\"; retard = 1;", "retard = 1;",
	    "« retard » vise un lot");
	live_refuses(&p, "retard=1", "« retard » vise un lot");
	/* Two precise targets. */
	file_refuses("lot = \"site\"; retard = 1;",
	    "lot = \"site\"; membre = \"ana\"; retard = 1;",
	    "plusieurs cibles");
	live_refuses(&p, "retard=1, lot=site, membre=ana", "plusieurs cibles");
	play_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_effect_previews_what_the_engine_then_explains),
		cmocka_unit_test(outsourced_extra_workload_previews_the_supplier_weeks),
		cmocka_unit_test(a_repeated_kpi_bonus_stops_at_its_bound),
		cmocka_unit_test(savings_never_take_a_line_forecast_below_zero),
		cmocka_unit_test(a_cost_on_the_reserve_draws_it_first_and_keeps_the_margin),
		cmocka_unit_test(a_cut_on_the_reserve_shrinks_it_before_the_margin),
		cmocka_unit_test(live_sur_reserve_says_yes_or_no),
		cmocka_unit_test(cuts_never_take_the_envelope_below_its_floor),
		cmocka_unit_test(negative_charge_on_a_supplier_package_says_it_changes_nothing),
		cmocka_unit_test(internal_workload_never_goes_below_zero),
		cmocka_unit_test(live_and_file_effects_share_their_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
