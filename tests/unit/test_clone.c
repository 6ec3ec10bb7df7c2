/*
 * game_clone() (core/clone.c), on which the replay's snapshots rest: four
 * policies play a whole Hydra session; a copy taken every few events keeps
 * the state of its moment while the original folds on (the dump at the
 * copy equals the dump of the copy at the end), and the copy folded with
 * the events that followed reaches the original's final state, byte for
 * byte.  Run under ASan and valgrind by make test: a copy that shared an
 * allocation with its original would be freed twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "core/game.h"
#include "core/policy.h"
#include "io/event_json.h"
#include "io/scenario_load.h"
#include "util/diag.h"
#include "util/xalloc.h"

#define EVERY	7	/* a copy every EVERY events */

struct fold {
	struct scenario	*s;
	struct game	*g;
	int64_t		 clock;
	json_t		*events;	/* every accepted event */
	struct game	**copies;	/* copies[k]: after event k * EVERY */
	char		**dumps;	/* the original's dump at that moment */
	int		 ncopies;
};

static void
fold_event(struct fold *f, struct event *e)
{
	json_t	*o;
	char	*cause = NULL;

	f->clock += 60000;
	e->time = f->clock;
	e->seq = f->g->last_seq + 1;
	if (game_validate(f->g, e, &cause) != 0) {
		free(cause);
		return;
	}
	game_apply(f->g, e);
	/* The journal numbers a line: its seq is not in the event's JSON. */
	o = event_to_json(e);
	json_object_set_new(o, "seq", json_integer(e->seq));
	json_array_append_new(f->events, o);
	if (json_array_size(f->events) % EVERY == 0) {
		f->copies = xreallocarray(f->copies, (size_t)f->ncopies + 1,
		    sizeof *f->copies);
		f->dumps = xreallocarray(f->dumps, (size_t)f->ncopies + 1,
		    sizeof *f->dumps);
		f->copies[f->ncopies] = game_clone(f->g);
		f->dumps[f->ncopies++] = game_dump(f->g);
	}
}

static void
fold_moves(struct fold *f, struct policy_moves *pm)
{
	int	 i;

	for (i = 0; i < pm->count; i++)
		fold_event(f, &pm->events[i]);
	policy_moves_release(pm);
}

static void
fold_trainer(struct fold *f, const char *type, const char *point)
{
	struct event	 e;

	event_init(&e);
	event_set(&e.type, type);
	event_set(&e.actor, GAME_TRAINER);
	if (point != NULL)
		record_set_text(&e.data, "point", point);
	fold_event(f, &e);
	event_release(&e);
}

static void
a_copy_keeps_its_moment_and_folds_on_to_the_same_state(void **state)
{
	struct diag		 d;
	struct fold		 f;
	struct game_setup	 setup;
	struct policy_moves	 pm;
	struct event		 e;
	char			*final, *dump, *cause = NULL;
	size_t			 k, n;
	int			 i, w, p;

	(void)state;
	memset(&f, 0, sizeof f);
	diag_init(&d);
	assert_int_equal(scenario_load("scenarios/lancement-hydra.cfg", &f.s,
	    &d), SCENARIO_LOAD_OK);
	diag_release(&d);
	memset(&setup, 0, sizeof setup);
	setup.seed = 11;
	setup.nteams = POLICY_COUNT;
	for (i = 0; i < POLICY_COUNT; i++) {
		setup.teams[i].name = policy_names[i];
		setup.teams[i].ncandidates = 1;
		setup.teams[i].candidates[0].name = "Joueur";
	}
	f.g = game_new(f.s, &setup);
	f.clock = INT64_C(1800000000000);
	f.events = json_array();
	for (i = 0; i < POLICY_COUNT; i++) {
		policy_frame(f.g, i, (enum policy_kind)i, &pm);
		fold_moves(&f, &pm);
	}
	fold_trainer(&f, "ouvrir_pilotage", NULL);
	for (w = 1; w <= f.s->weeks && f.g->phase == PHASE_PILOTING; w++) {
		for (p = 0; p < f.s->nstatus_points; p++)
			if (f.s->status_points[p].week == w)
				fold_trainer(&f, "demander_point",
				    f.s->status_points[p].id);
		for (i = 0; i < POLICY_COUNT; i++) {
			policy_week(f.g, i, (enum policy_kind)i, &pm);
			fold_moves(&f, &pm);
		}
		fold_trainer(&f, "cloturer_semaine", NULL);
	}
	assert_true(f.ncopies > 20);
	assert_int_equal(f.g->phase, PHASE_LAUNCHED);
	final = game_dump(f.g);
	n = json_array_size(f.events);
	for (p = 0; p < f.ncopies; p++) {
		/* Untouched by what the original folded since. */
		dump = game_dump(f.copies[p]);
		assert_string_equal(dump, f.dumps[p]);
		free(dump);
		/* And it folds on as the original did. */
		for (k = (size_t)(p + 1) * EVERY; k < n; k++) {
			assert_int_equal(event_from_json(json_array_get(
			    f.events, k), &e, &cause), 0);
			game_apply(f.copies[p], &e);
			event_release(&e);
		}
		dump = game_dump(f.copies[p]);
		assert_string_equal(dump, final);
		free(dump);
		game_free(f.copies[p]);
		free(f.dumps[p]);
	}
	free(final);
	free(f.copies);
	free(f.dumps);
	json_decref(f.events);
	game_free(f.g);
	scenario_free(f.s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    a_copy_keeps_its_moment_and_folds_on_to_the_same_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
