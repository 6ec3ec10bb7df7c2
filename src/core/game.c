/*
 * game: lifetime of the game state, setup checks, time and the canonical
 * dump (see game.h).  The rules themselves live in commands.c (decisions),
 * week.c (the simulation of a week), incidents.c and results.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/game_internal.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* A candidate's name, role or assistant against the text rule. */
static int
setup_text(const struct game_setup_team *t, int j, const char *text,
    const char *what, char **cause)
{
	char	*why = text_check(text, false);

	if (why == NULL)
		return 0;
	*cause = xasprintf(_("équipe « %s » : candidat n°%d : %s : %s"),
	    t->name, j + 1, what, why);
	free(why);
	return -1;
}

/*
 * Team i's name: the text rule, its length, not the trainer's, not the name
 * of a team before it.  Its candidates are checked one by one by
 * game_setup_check_candidate.
 */
int
game_setup_check_team(const struct game_setup *setup, int i, char **cause)
{
	const struct game_setup_team *t = &setup->teams[i];
	char	*why;
	int	 j;

	if ((why = text_check(t->name, false)) != NULL) {
		*cause = xasprintf(_("équipe n°%d : nom : %s"), i + 1, why);
		free(why);
		return -1;
	}
	if (t->name == NULL || t->name[0] == '\0' ||
	    text_utf8_count(t->name) > 40) {
		*cause = xasprintf(_("équipe n°%d : nom vide ou de plus de 40 "
		    "caractères"), i + 1);
		return -1;
	}
	if (strcmp(t->name, GAME_TRAINER) == 0) {
		*cause = xasprintf(_("« %s » est réservé au formateur"),
		    GAME_TRAINER);
		return -1;
	}
	for (j = 0; j < i; j++) {
		if (strcmp(setup->teams[j].name, t->name) == 0) {
			*cause = xasprintf(_("deux équipes s'appellent « %s »"),
			    t->name);
			return -1;
		}
	}
	return 0;
}

/* Candidate j of team t, against the scenario and the candidates before
 * it in the team. */
int
game_setup_check_candidate(const struct scenario *s,
    const struct game_setup_team *t, int j, char **cause)
{
	const struct game_setup_candidate *c = &t->candidates[j];
	int	 k;

	if (setup_text(t, j, c->name, _("nom"), cause) == -1 ||
	    setup_text(t, j, c->role, _("rôle"), cause) == -1 ||
	    setup_text(t, j, c->assistant, _("assistant"), cause) == -1)
		return -1;
	if (c->name == NULL || c->name[0] == '\0' ||
	    text_utf8_count(c->name) > 60 ||
	    strcmp(c->name, GAME_TRAINER) == 0) {
		*cause = xasprintf(_("équipe « %s » : nom de candidat n°%d "
		    "invalide"), t->name, j + 1);
		return -1;
	}
	for (k = 0; k < j; k++) {
		if (strcmp(t->candidates[k].name, c->name) == 0) {
			*cause = xasprintf(_("équipe « %s » : deux candidats "
			    "s'appellent « %s »"), t->name, c->name);
			return -1;
		}
	}
	if (c->role != NULL && c->role[0] != '\0' &&
	    game_role_index(s, c->role) < 0) {
		char *roles = game_role_list(s);

		*cause = xasprintf(_("équipe « %s » : rôle « %s » inconnu du "
		    "scénario (rôles : %s)"), t->name, c->role, roles);
		free(roles);
		return -1;
	}
	if (c->extra_time < 0 || c->extra_time > GAME_EXTRA_TIME_MAX) {
		*cause = xasprintf(_("%s : temps majoré de %d %% hors limites "
		    "(0 à %d %%)"), c->name, c->extra_time,
		    GAME_EXTRA_TIME_MAX);
		return -1;
	}
	return 0;
}

int
game_setup_check(const struct scenario *s, const struct game_setup *setup,
    char **cause)
{
	int	 i, j;

	if (setup->nteams < 1 || setup->nteams > GAME_MAX_TEAMS) {
		*cause = xasprintf(_("il faut de 1 à %d équipes (%d données)"),
		    GAME_MAX_TEAMS, setup->nteams);
		return -1;
	}
	for (i = 0; i < setup->nteams; i++) {
		const struct game_setup_team *t = &setup->teams[i];

		if (game_setup_check_team(setup, i, cause) == -1)
			return -1;
		if (t->ncandidates < 1 || t->ncandidates > GAME_MAX_CANDIDATES) {
			*cause = xasprintf(_("équipe « %s » : il faut de 1 à %d "
			    "candidats"), t->name, GAME_MAX_CANDIDATES);
			return -1;
		}
		for (j = 0; j < t->ncandidates; j++)
			if (game_setup_check_candidate(s, t, j, cause) == -1)
				return -1;
	}
	return 0;
}

static void
game_team_init(const struct scenario *s, struct team *t,
    const struct game_setup_team *st)
{
	int	 i;

	t->name = xstrdup(st->name);
	t->ncandidates = st->ncandidates;
	t->candidates = xcalloc((size_t)st->ncandidates, sizeof *t->candidates);
	for (i = 0; i < st->ncandidates; i++) {
		t->candidates[i].name = xstrdup(st->candidates[i].name);
		t->candidates[i].role = st->candidates[i].role != NULL ?
		    game_role_index(s, st->candidates[i].role) : SCENARIO_NONE;
		t->candidates[i].extra_time = st->candidates[i].extra_time;
		t->candidates[i].assistant = st->candidates[i].assistant ?
		    xstrdup(st->candidates[i].assistant) : NULL;
	}
	t->tools = xcalloc((size_t)s->ntools + 1, sizeof *t->tools);
	t->tools_seq = xcalloc((size_t)s->ntools + 1, sizeof *t->tools_seq);
	t->packages = xcalloc((size_t)s->npackages + 1, sizeof *t->packages);
	for (i = 0; i < s->npackages; i++) {
		t->packages[i].staff = xcalloc((size_t)s->nstaff + 1,
		    sizeof(bool));
		t->packages[i].supplier = t->packages[i].offer = SCENARIO_NONE;
	}
	t->suppliers = xcalloc((size_t)s->nsuppliers + 1, sizeof *t->suppliers);
	for (i = 0; i < s->nsuppliers; i++)
		t->suppliers[i].tool = SCENARIO_NONE;
	t->staff = xcalloc((size_t)s->nstaff + 1, sizeof *t->staff);
	for (i = 0; i < s->nstaff; i++) {
		t->staff[i].morale = s->staff[i].morale;
		t->staff[i].accommodated = xcalloc((size_t)s->staff[i].nneeds +
		    1, sizeof(bool));
		t->staff[i].accommodated_seq = xcalloc(
		    (size_t)s->staff[i].nneeds + 1, sizeof(int64_t));
	}
	t->lines = xcalloc((size_t)s->nlines + 1, sizeof *t->lines);
	t->envelope = s->envelope;
	t->missions = xcalloc((size_t)s->nroles + 1, sizeof *t->missions);
	t->mission_holder = xcalloc((size_t)s->nroles + 1,
	    sizeof *t->mission_holder);
	t->mission_seq = xcalloc((size_t)s->nroles + 1, sizeof *t->mission_seq);
	t->mission_why = xcalloc((size_t)s->nroles + 1, sizeof *t->mission_why);
	for (i = 0; i < s->nroles; i++)
		t->mission_holder[i] = -1;
	t->fired = xcalloc((size_t)s->nincidents + 1, sizeof *t->fired);
	t->result.kpi = xcalloc((size_t)s->nobjectives + 1,
	    sizeof *t->result.kpi);
}

struct game *
game_new(const struct scenario *s, const struct game_setup *setup)
{
	struct game	*g = xcalloc(1, sizeof *g);
	int		 i;

	g->scenario = s;
	g->seed = setup->seed_hidden ? 0 : setup->seed;
	g->seed_known = !setup->seed_hidden;
	g->phase = PHASE_FRAMING;
	g->nteams = setup->nteams;
	g->teams = xcalloc((size_t)setup->nteams, sizeof *g->teams);
	for (i = 0; i < setup->nteams; i++)
		game_team_init(s, &g->teams[i], &setup->teams[i]);
	return g;
}

static void
game_messages_free(struct message *m, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		free(m[i].from);
		free(m[i].text);
		free(m[i].about);
	}
	free(m);
}

void
game_occurrence_release(struct occurrence *o)
{
	free(o->answered_by);
	free(o->why);
	later_free(o->cause);
	if (o->adhoc != NULL) {
		game_adhoc_free(o->adhoc);
		o->adhoc = NULL;
	}
}

static void
game_team_free(const struct scenario *s, struct team *t)
{
	int	 i;

	free(t->name);
	for (i = 0; i < t->ncandidates; i++) {
		free(t->candidates[i].name);
		free(t->candidates[i].assistant);
	}
	free(t->candidates);
	free(t->tools);
	free(t->tools_seq);
	for (i = 0; i < s->npackages; i++)
		free(t->packages[i].staff);
	free(t->packages);
	for (i = 0; i < s->nsuppliers; i++) {
		free(t->suppliers[i].format);
		free(t->suppliers[i].acceptance);
	}
	free(t->suppliers);
	for (i = 0; i < s->nstaff; i++) {
		free(t->staff[i].accommodated);
		free(t->staff[i].accommodated_seq);
	}
	free(t->staff);
	free(t->lines);
	for (i = 0; i < s->nroles; i++) {
		free(t->missions[i]);
		free(t->mission_why[i]);
	}
	free(t->missions);
	free(t->mission_why);
	free(t->corrections);
	free(t->mission_holder);
	free(t->mission_seq);
	for (i = 0; i < t->noccurrences; i++)
		game_occurrence_release(&t->occurrences[i]);
	free(t->occurrences);
	free(t->fired);
	free(t->follow_ups);
	for (i = 0; i < t->nrequests; i++) {
		struct status_request *r = &t->requests[i];

		free(r->title);
		free(r->prompt);
		free(r->risks);
		free(r->arbitrations);
		free(r->tracking);
		free(r->authors);
		free(r->submitter);
	}
	free(t->requests);
	for (i = 0; i < t->nexplanations; i++)
		later_free(t->explanations[i].say);
	free(t->explanations);
	game_messages_free(t->messages, t->nmessages);
	game_messages_free(t->notes, t->nnotes);
	free(t->decisions);
	free(t->framing_summary);
	free(t->result.kpi);
	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		free(t->result.e3_evidence[i]);
		later_free(t->result.e3_comment[i]);
	}
}

void
game_free(struct game *g)
{
	int	 i;

	if (g == NULL)
		return;
	game_draws_free(g);
	for (i = 0; i < g->nteams; i++)
		game_team_free(g->scenario, &g->teams[i]);
	free(g->teams);
	game_messages_free(g->broadcasts, g->nbroadcasts);
	free(g);
}

int
game_team_index(const struct game *g, const char *name)
{
	int	 i;

	if (name == NULL)
		return -1;
	for (i = 0; i < g->nteams; i++)
		if (strcmp(g->teams[i].name, name) == 0)
			return i;
	return -1;
}

int
game_candidate_index(const struct team *t, const char *name)
{
	int	 i;

	if (name == NULL)
		return -1;
	for (i = 0; i < t->ncandidates; i++)
		if (strcmp(t->candidates[i].name, name) == 0)
			return i;
	return -1;
}

int64_t
game_effective_time(const struct game *g, int64_t t)
{
	int64_t	 paused = g->paused_total;

	if (g->paused && t > g->paused_since)
		paused += t - g->paused_since;
	return t - paused;
}

/* --- canonical dump --- */

struct dump {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

static void dump_add(struct dump *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
dump_add(struct dump *d, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	size_t	 n;

	va_start(ap, fmt);
	s = game_vformat(fmt, ap);
	va_end(ap);
	n = strlen(s);
	if (d->len + n + 1 > d->cap) {
		while (d->len + n + 1 > d->cap)
			d->cap = d->cap ? d->cap * 2 : 4096;
		d->buf = xreallocarray(d->buf, d->cap, 1);
	}
	memcpy(d->buf + d->len, s, n + 1);
	d->len += n;
	free(s);
}

static const char *
dump_text(const char *s)
{
	return s != NULL ? s : "-";
}

/*
 * private: with the trainer's notes, which no console of the team receives
 * (its console's fold must give the same dump without them).
 */
static void
dump_team(struct dump *d, const struct scenario *s, const struct team *t,
    bool private)
{
	int	 i, j;

	dump_add(d, "team %s reserve=%lld used=%lld envelope=%lld over=%d "
	    "q=%d setup=%d\n", t->name, (long long)t->reserve,
	    (long long)t->reserve_used, (long long)t->envelope,
	    t->over_envelope, t->quality_effect, t->setup_days);
	for (i = 0; i < t->ncandidates; i++)
		dump_add(d, " cand %s role=%d extra=%d by=%s\n",
		    t->candidates[i].name, t->candidates[i].role,
		    t->candidates[i].extra_time,
		    dump_text(t->candidates[i].assistant));
	for (i = 0; i < s->ntools; i++)
		if (t->tools[i])
			dump_add(d, " tool %s\n", s->tools[i].id);
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		dump_add(d, " pkg %s own=%d sup=%d off=%d acc=%d plan=%d-%d "
		    "st=%d start=%d fin=%d done=%d extra=%d ord=%d due=%d "
		    "delay=%d q=%d dq=%d ok=%d neg=%d/%lld staff=",
		    s->packages[i].id,
		    p->owner, p->supplier, p->offer, p->accessible_work,
		    p->plan_start, p->plan_end, p->status, p->started,
		    p->finished, p->done_cdays, p->extra_workload, p->ordered,
		    p->due, p->delay, p->quality, p->quality_delta,
		    p->accessible, p->negotiated, (long long)p->discount);
		for (j = 0; j < s->nstaff; j++)
			dump_add(d, "%d", p->staff[j]);
		dump_add(d, "\n");
	}
	for (i = 0; i < s->nsuppliers; i++) {
		const struct supplier_state *p = &t->suppliers[i];

		if (p->framed || p->reliability_delta != 0)
			dump_add(d, " sup %s framed=%d meet=%d tool=%d h=%d "
			    "rel=%d fmt=%s acc=%s\n", s->suppliers[i].id,
			    p->framed, p->meetings, p->tool, p->hours,
			    p->reliability_delta, dump_text(p->format),
			    dump_text(p->acceptance));
	}
	for (i = 0; i < s->nstaff; i++) {
		dump_add(d, " staff %s morale=%d fatigue=%d lost=%d acc=",
		    s->staff[i].id, t->staff[i].morale, t->staff[i].fatigue,
		    t->staff[i].days_lost);
		for (j = 0; j < s->staff[i].nneeds; j++)
			dump_add(d, "%d", t->staff[i].accommodated[j]);
		dump_add(d, "\n");
	}
	for (i = 0; i < s->nlines; i++)
		dump_add(d, " line %s %lld %lld %lld %lld %lld\n",
		    s->lines[i].id, (long long)t->lines[i].committed,
		    (long long)t->lines[i].actual,
		    (long long)t->lines[i].unplanned,
		    (long long)t->lines[i].drawn,
		    (long long)t->lines[i].saved);
	for (i = 0; i < s->nobjectives && i < 12; i++)
		if (t->kpi_effect[i] != 0)
			dump_add(d, " kpi %s %d\n", s->objectives[i].id,
			    t->kpi_effect[i]);
	for (i = 0; i < s->nroles; i++)
		if (t->missions[i] != NULL)
			dump_add(d, " mission %s %d %s\n", s->roles[i].id,
			    t->mission_holder[i], t->missions[i]);
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];

		dump_add(d, " occ %d inc=%d w=%d open=%lld dl=%lld t=%d,%d,%d,"
		    "%d,%d st=%d opt=%d closed=%lld\n", i + 1, o->incident,
		    o->week, (long long)o->opened_seq, (long long)o->deadline,
		    o->target_package, o->target_external, o->target_internal,
		    o->target_staff, o->target_supplier, o->status, o->option,
		    (long long)o->closed_seq);
	}
	for (i = 0; i < t->nrequests; i++) {
		const struct status_request *r = &t->requests[i];

		dump_add(d, " point %d %s sub=%d late=%d words=%d by=%s\n",
		    i + 1, r->title, r->submitted, r->late, r->words,
		    dump_text(r->authors));
	}
	for (i = 0; i < t->nexplanations; i++) {
		/* Untranslated: a dump is the same whoever reads it. */
		char *why = later_raw(t->explanations[i].say);

		dump_add(d, " why w%d %s\n", t->explanations[i].week, why);
		free(why);
	}
	if (private)
		dump_add(d, " messages=%d notes=%d decisions=%d\n",
		    t->nmessages, t->nnotes, t->ndecisions);
	else
		dump_add(d, " messages=%d decisions=%d\n", t->nmessages,
		    t->ndecisions);
	if (t->result.score > 0 || t->result.e3_score > 0) {
		dump_add(d, " result score=%d e3=%d", t->result.score,
		    t->result.e3_score);
		for (i = 0; i < E3_CRITERION_COUNT; i++)
			dump_add(d, " %d", t->result.e3[i]);
		dump_add(d, "\n");
	}
}

char *
game_dump_team(const struct game *g, int team)
{
	struct dump	 d = { NULL, 0, 0 };

	dump_add(&d, "pilote-team 1 scenario=%s phase=%d week=%d seq=%lld\n",
	    g->scenario->id, g->phase, g->week, (long long)g->last_seq);
	dump_team(&d, g->scenario, &g->teams[team], false);
	return d.buf;
}

char *
game_dump(const struct game *g)
{
	struct dump	 d = { NULL, 0, 0 };
	int		 i;

	/* No seed: consoles and evaluators fold without it. */
	dump_add(&d, "pilote-state 2 scenario=%s phase=%d week=%d "
	    "seq=%lld paused=%d paused_total=%lld\n", g->scenario->id,
	    g->phase, g->week,
	    (long long)g->last_seq, g->paused, (long long)g->paused_total);
	for (i = 0; i < g->nteams; i++)
		dump_team(&d, g->scenario, &g->teams[i], true);
	dump_add(&d, "broadcasts=%d\n", g->nbroadcasts);
	return d.buf;
}
