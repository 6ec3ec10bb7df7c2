/*
 * clone: a deep copy of a game's state, for the replay's snapshots (the
 * state at every week, reached again without folding from the start).
 * The copy shares only what the original borrows (the scenario); it owns
 * everything else, and folding either one leaves the other as it was.
 * Every array is copied to the length the state says it has, as
 * game_new() and the commands size them: one more than the count, so that
 * an empty one is still an allocation, as game_free() expects.
 */
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/game_internal.h"
#include "util/later.h"
#include "util/xalloc.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* n elements of size sz (one more, zeroed, when n is 0 or p NULL). */
static void *
dup_array(const void *p, size_t n, size_t sz)
{
	void	*q = xcalloc(n + 1, sz);

	if (p != NULL && n > 0)
		memcpy(q, p, n * sz);
	return q;
}

/*
 * An array the engine appends to (xgrow: its room implied by its count),
 * NULL while empty: copied with the room xgrow would have given it, so
 * that the copy's next append finds it.
 */
static void *
dup_grown(const void *p, size_t n, size_t sz)
{
	size_t	 cap = 4;
	void	*q;

	if (p == NULL)
		return NULL;
	while (cap < n + 1)
		cap *= 2;
	q = xcalloc(cap, sz);
	if (n > 0)
		memcpy(q, p, n * sz);
	return q;
}

static struct incident *
clone_incident(const struct incident *src)
{
	struct incident	*inc;
	int		 i;

	if (src == NULL)
		return NULL;
	inc = xmalloc(sizeof *inc);
	*inc = *src;
	inc->id = dup_or_null(src->id);
	inc->title = dup_or_null(src->title);
	inc->text = dup_or_null(src->text);
	inc->default_text = dup_or_null(src->default_text);
	inc->catalogue = dup_or_null(src->catalogue);
	inc->options = dup_array(src->options, (size_t)src->noptions,
	    sizeof *inc->options);
	for (i = 0; i < src->noptions; i++) {
		inc->options[i].id = dup_or_null(src->options[i].id);
		inc->options[i].label = dup_or_null(src->options[i].label);
		inc->options[i].detail = dup_or_null(src->options[i].detail);
	}
	return inc;
}

static struct message *
clone_messages(const struct message *src, int n)
{
	struct message	*m = dup_grown(src, (size_t)n, sizeof *m);
	int		 i;

	for (i = 0; i < n; i++) {
		m[i].from = dup_or_null(src[i].from);
		m[i].text = dup_or_null(src[i].text);
		m[i].about = dup_or_null(src[i].about);
	}
	return m;
}

static void
clone_team(const struct scenario *s, struct team *t, const struct team *src)
{
	int	 i;

	*t = *src;
	t->name = dup_or_null(src->name);
	t->candidates = dup_array(src->candidates, (size_t)src->ncandidates,
	    sizeof *t->candidates);
	for (i = 0; i < src->ncandidates; i++) {
		t->candidates[i].name = dup_or_null(src->candidates[i].name);
		t->candidates[i].assistant = dup_or_null(
		    src->candidates[i].assistant);
	}
	t->tools = dup_array(src->tools, (size_t)s->ntools, sizeof *t->tools);
	t->tools_seq = dup_array(src->tools_seq, (size_t)s->ntools,
	    sizeof *t->tools_seq);
	t->packages = dup_array(src->packages, (size_t)s->npackages,
	    sizeof *t->packages);
	for (i = 0; i < s->npackages; i++)
		t->packages[i].staff = dup_array(src->packages[i].staff,
		    (size_t)s->nstaff, sizeof(bool));
	t->suppliers = dup_array(src->suppliers, (size_t)s->nsuppliers,
	    sizeof *t->suppliers);
	for (i = 0; i < s->nsuppliers; i++) {
		t->suppliers[i].format = dup_or_null(src->suppliers[i].format);
		t->suppliers[i].acceptance = dup_or_null(
		    src->suppliers[i].acceptance);
	}
	t->staff = dup_array(src->staff, (size_t)s->nstaff, sizeof *t->staff);
	for (i = 0; i < s->nstaff; i++) {
		t->staff[i].accommodated = dup_array(src->staff[i].accommodated,
		    (size_t)s->staff[i].nneeds, sizeof(bool));
		t->staff[i].accommodated_seq = dup_array(
		    src->staff[i].accommodated_seq, (size_t)s->staff[i].nneeds,
		    sizeof(int64_t));
	}
	t->lines = dup_array(src->lines, (size_t)s->nlines, sizeof *t->lines);
	t->framing_summary = dup_or_null(src->framing_summary);
	t->missions = dup_array(NULL, (size_t)s->nroles, sizeof *t->missions);
	t->mission_why = dup_array(NULL, (size_t)s->nroles,
	    sizeof *t->mission_why);
	for (i = 0; i < s->nroles; i++) {
		t->missions[i] = dup_or_null(src->missions[i]);
		t->mission_why[i] = dup_or_null(src->mission_why[i]);
	}
	t->mission_holder = dup_array(src->mission_holder, (size_t)s->nroles,
	    sizeof *t->mission_holder);
	t->mission_seq = dup_array(src->mission_seq, (size_t)s->nroles,
	    sizeof *t->mission_seq);
	t->corrections = dup_grown(src->corrections,
	    (size_t)src->ncorrections, sizeof *t->corrections);
	t->occurrences = dup_grown(src->occurrences,
	    (size_t)src->noccurrences, sizeof *t->occurrences);
	for (i = 0; i < src->noccurrences; i++) {
		t->occurrences[i].adhoc = clone_incident(
		    src->occurrences[i].adhoc);
		t->occurrences[i].answered_by = dup_or_null(
		    src->occurrences[i].answered_by);
		t->occurrences[i].why = dup_or_null(src->occurrences[i].why);
		t->occurrences[i].cause = later_clone(
		    src->occurrences[i].cause);
	}
	t->fired = dup_array(src->fired, (size_t)s->nincidents,
	    sizeof *t->fired);
	t->follow_ups = dup_grown(src->follow_ups, (size_t)src->nfollow_ups,
	    sizeof *t->follow_ups);
	t->requests = dup_grown(src->requests, (size_t)src->nrequests,
	    sizeof *t->requests);
	for (i = 0; i < src->nrequests; i++) {
		struct status_request		*r = &t->requests[i];
		const struct status_request	*o = &src->requests[i];

		r->title = dup_or_null(o->title);
		r->prompt = dup_or_null(o->prompt);
		r->risks = dup_or_null(o->risks);
		r->arbitrations = dup_or_null(o->arbitrations);
		r->tracking = dup_or_null(o->tracking);
		r->authors = dup_or_null(o->authors);
		r->submitter = dup_or_null(o->submitter);
	}
	t->explanations = dup_grown(src->explanations,
	    (size_t)src->nexplanations, sizeof *t->explanations);
	for (i = 0; i < src->nexplanations; i++)
		t->explanations[i].say = later_clone(
		    src->explanations[i].say);
	t->messages = clone_messages(src->messages, src->nmessages);
	t->notes = clone_messages(src->notes, src->nnotes);
	t->decisions = dup_grown(src->decisions, (size_t)src->ndecisions,
	    sizeof *t->decisions);
	t->result.kpi = dup_array(src->result.kpi, (size_t)s->nobjectives,
	    sizeof *t->result.kpi);
	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		t->result.e3_evidence[i] = dup_grown(src->result.e3_evidence[i],
		    (size_t)src->result.e3_nevidence[i],
		    sizeof *t->result.e3_evidence[i]);
		t->result.e3_comment[i] = later_clone(
		    src->result.e3_comment[i]);
	}
}

struct game *
game_clone(const struct game *src)
{
	struct game	*g = xmalloc(sizeof *g);
	int		 i;

	*g = *src;
	g->draws = game_draws_clone(src);
	g->teams = dup_array(NULL, (size_t)src->nteams, sizeof *g->teams);
	for (i = 0; i < src->nteams; i++)
		clone_team(src->scenario, &g->teams[i], &src->teams[i]);
	g->broadcasts = clone_messages(src->broadcasts, src->nbroadcasts);
	return g;
}
