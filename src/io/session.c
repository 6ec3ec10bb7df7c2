/*
 * session: journal + engine (see session.h).
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/game.h"
#include "io/event_json.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int64_t
session_now(void)
{
	struct timespec	 ts;
	const char	*fake = getenv("PILOTE_FAKE_TIME");

	/* Tests and demos pin the clock; an exam never sets this. */
	if (fake != NULL && fake[0] != '\0')
		return strtoll(fake, NULL, 10);
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
session_state_hash(const struct game *g, char out[65])
{
	unsigned char	 h[32];
	char		*dump = game_dump(g);

	crypto_generichash(h, sizeof h, (const unsigned char *)dump,
	    strlen(dump), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
	free(dump);
}

static json_t *
session_header(const struct scenario *s, const struct game_setup *setup)
{
	json_t	*h = json_object(), *sc = json_object(), *teams = json_array();
	int	 i, j;

	json_object_set_new(h, "type", json_string("session"));
	json_object_set_new(h, "format", json_integer(SESSION_FORMAT));
	json_object_set_new(h, "time", json_integer(session_now()));
	json_object_set_new(sc, "file", json_string(s->files[0]));
	json_object_set_new(sc, "id", json_string(s->id));
	json_object_set_new(sc, "title", json_string(s->title));
	json_object_set_new(sc, "text", json_string(s->source_text));
	json_object_set_new(h, "scenario", sc);
	/* A JSON integer is signed 64 bits: keep the seed in 63. */
	json_object_set_new(h, "seed", json_integer((json_int_t)(setup->seed &
	    INT64_MAX)));
	for (i = 0; i < setup->nteams; i++) {
		json_t *t = json_object(), *cands = json_array();

		json_object_set_new(t, "name", json_string(setup->teams[i].name));
		for (j = 0; j < setup->teams[i].ncandidates; j++) {
			const struct game_setup_candidate *c =
			    &setup->teams[i].candidates[j];
			json_t *o = json_object();

			json_object_set_new(o, "name", json_string(c->name));
			if (c->role != NULL)
				json_object_set_new(o, "role",
				    json_string(c->role));
			if (c->extra_time > 0)
				json_object_set_new(o, "extra_time",
				    json_integer(c->extra_time));
			if (c->assistant != NULL)
				json_object_set_new(o, "assistant",
				    json_string(c->assistant));
			json_array_append_new(cands, o);
		}
		json_object_set_new(t, "candidates", cands);
		json_array_append_new(teams, t);
	}
	json_object_set_new(h, "teams", teams);
	return h;
}

int
session_create(const char *path, const struct scenario *s,
    const struct game_setup *setup, struct session **out, char **cause)
{
	struct session	*ss;
	json_t		*header;
	struct diag	 d;

	*out = NULL;
	if (game_setup_check(s, setup, cause) == -1)
		return -1;
	header = session_header(s, setup);
	ss = xcalloc(1, sizeof *ss);
	if (journal_create(path, header, &ss->journal, cause) == -1) {
		json_decref(header);
		free(ss);
		return -1;
	}
	json_decref(header);
	ss->path = xstrdup(path);
	ss->writable = true;
	/* Reload from the embedded text: what a replay will see. */
	diag_init(&d);
	if (scenario_load_text(s->files[0], s->source_text,
	    strlen(s->source_text), &ss->scenario, &d) != SCENARIO_LOAD_OK) {
		*cause = xstrdup(_("le scénario embarqué ne se relit pas"));
		diag_release(&d);
		session_close(ss);
		return -1;
	}
	diag_release(&d);
	ss->game = game_new(ss->scenario, setup);
	*out = ss;
	return 0;
}

static const char *
header_text(const json_t *o, const char *key)
{
	const json_t	*v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/*
 * The setup's strings point into the header, which outlives it here, or to
 * these (never shown: a console shows its own team only).
 */
static const char *const placeholders[GAME_MAX_CANDIDATES] = {
	"Candidat 1", "Candidat 2", "Candidat 3", "Candidat 4",
	"Candidat 5", "Candidat 6", "Candidat 7", "Candidat 8"
};

static int
session_setup_from(const json_t *h, struct game_setup *setup, char **cause)
{
	const json_t	*teams, *t, *cands, *c, *v;
	size_t		 i, j;

	memset(setup, 0, sizeof *setup);
	v = json_object_get(h, "seed");
	setup->seed = json_is_integer(v) ? (uint64_t)json_integer_value(v) : 0;
	teams = json_object_get(h, "teams");
	if (!json_is_array(teams) || json_array_size(teams) == 0 ||
	    json_array_size(teams) > GAME_MAX_TEAMS) {
		*cause = xstrdup(_("en-tête de session : équipes manquantes"));
		return -1;
	}
	json_array_foreach(teams, i, t) {
		struct game_setup_team *st = &setup->teams[setup->nteams++];

		st->name = header_text(t, "name");
		cands = json_object_get(t, "candidates");
		v = json_object_get(t, "candidates_count");
		if (st->name != NULL && cands == NULL && json_is_integer(v) &&
		    json_integer_value(v) >= 1 &&
		    json_integer_value(v) <= GAME_MAX_CANDIDATES) {
			/* Another team, on a console: its size only. */
			for (j = 0; j < (size_t)json_integer_value(v); j++)
				st->candidates[st->ncandidates++].name =
				    placeholders[j];
			continue;
		}
		if (st->name == NULL || !json_is_array(cands) ||
		    json_array_size(cands) > GAME_MAX_CANDIDATES) {
			*cause = xstrdup(_("en-tête de session : équipe "
			    "illisible"));
			return -1;
		}
		json_array_foreach(cands, j, c) {
			struct game_setup_candidate *sc =
			    &st->candidates[st->ncandidates++];

			sc->name = header_text(c, "name");
			sc->role = header_text(c, "role");
			sc->assistant = header_text(c, "assistant");
			v = json_object_get(c, "extra_time");
			sc->extra_time = json_is_integer(v) ?
			    (int)json_integer_value(v) : 0;
		}
	}
	return 0;
}

int
session_game_from_header(const json_t *h, const char *path,
    struct scenario **sp, struct game **gp, char **cause)
{
	struct game_setup	 setup;
	struct diag		 d;
	const json_t		*sc, *v;
	const char		*text, *file;

	*sp = NULL;
	*gp = NULL;
	v = json_object_get(h, "format");
	if (!json_is_integer(v) || json_integer_value(v) != SESSION_FORMAT) {
		*cause = xasprintf(_("%s : format de session inconnu (cette "
		    "version lit le format %d)"), path, SESSION_FORMAT);
		return -1;
	}
	sc = json_object_get(h, "scenario");
	text = header_text(sc, "text");
	file = header_text(sc, "file");
	if (text == NULL || file == NULL) {
		*cause = xasprintf(_("%s : l'en-tête n'embarque pas de "
		    "scénario"), path);
		return -1;
	}
	diag_init(&d);
	if (scenario_load_text(file, text, strlen(text), sp, &d) !=
	    SCENARIO_LOAD_OK) {
		*cause = xasprintf(_("%s : le scénario embarqué est invalide "
		    "(%s)"), path, d.count > 0 ? d.items[0].message : "?");
		diag_release(&d);
		return -1;
	}
	diag_release(&d);
	if (session_setup_from(h, &setup, cause) == -1 ||
	    game_setup_check(*sp, &setup, cause) == -1) {
		scenario_free(*sp);
		*sp = NULL;
		return -1;
	}
	*gp = game_new(*sp, &setup);
	(*gp)->seedless = json_object_get(h, "seed") == NULL;
	return 0;
}

/* Applies an event, keeping the draws it made (see struct session). */
static void
session_apply(struct session *ss, const struct event *e)
{
	int	 first = ss->draws.count;

	ss->game->log = &ss->draws;
	game_apply(ss->game, e);
	ss->game->log = NULL;
	if (ss->draws.count == first)
		return;
	if (ss->ndrawn == ss->capdrawn) {
		ss->capdrawn = ss->capdrawn ? ss->capdrawn * 2 : 64;
		ss->drawn = xreallocarray(ss->drawn, ss->capdrawn,
		    sizeof *ss->drawn);
	}
	ss->drawn[ss->ndrawn++] = (struct session_drawn){ e->seq, first,
	    ss->draws.count - first };
}

int
session_line_draws(const struct session *ss, int64_t seq,
    const struct game_draw **out)
{
	size_t	 lo = 0, hi = ss->ndrawn, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ss->drawn[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ss->ndrawn || ss->drawn[lo].seq != seq) {
		*out = NULL;
		return 0;
	}
	*out = ss->draws.v + ss->drawn[lo].first;
	return ss->drawn[lo].count;
}

void
session_team_hash(const struct game *g, int team, char out[65])
{
	unsigned char	 h[32];
	char		*dump = game_dump_team(g, team);

	crypto_generichash(h, sizeof h, (const unsigned char *)dump,
	    strlen(dump), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
	free(dump);
}

int
session_open(const char *path, bool writable, int64_t upto,
    struct session **out, char **warning, char **cause)
{
	struct session		*ss;
	struct event		 e;
	const json_t		*h;
	size_t			 i, n;
	char			*why;

	*out = NULL;
	*warning = NULL;
	ss = xcalloc(1, sizeof *ss);
	ss->path = xstrdup(path);
	ss->writable = writable;
	if (journal_open(path, writable ? JOURNAL_WRITE : JOURNAL_READ,
	    &ss->journal, warning, cause) == -1) {
		session_close(ss);
		return -1;
	}
	h = journal_get(ss->journal, 0);
	if (session_game_from_header(h, path, &ss->scenario, &ss->game,
	    cause) == -1) {
		session_close(ss);
		return -1;
	}
	n = journal_count(ss->journal);
	for (i = 1; i < n && (upto <= 0 || (int64_t)i <= upto); i++) {
		if (event_from_json(journal_get(ss->journal, i), &e, &why) ==
		    -1 || game_validate(ss->game, &e, &why) == -1) {
			*cause = xasprintf(_("%s:%zu: événement refusé au rejeu "
			    ": %s"), path, i + 1, why ? why : "?");
			free(why);
			if (e.type != NULL)
				event_release(&e);
			session_close(ss);
			return -1;
		}
		e.seq = (int64_t)i;
		session_apply(ss, &e);
		event_release(&e);
	}
	*out = ss;
	return 0;
}

void
session_close(struct session *ss)
{
	if (ss == NULL)
		return;
	game_free(ss->game);
	scenario_free(ss->scenario);
	free(ss->draws.v);
	free(ss->drawn);
	if (ss->journal != NULL)
		journal_close(ss->journal);
	free(ss->path);
	free(ss);
}

int
session_submit(struct session *ss, struct event *e, bool *refused,
    char **cause)
{
	json_t	*o;
	int64_t	 now;

	*refused = false;
	if (!ss->writable) {
		*cause = xstrdup(_("session ouverte en lecture seule"));
		return -1;
	}
	/* Time never runs backwards in a journal. */
	now = session_now();
	if (e->time == 0)
		e->time = now;
	if (e->time < ss->game->last_time)
		e->time = ss->game->last_time;
	e->seq = (int64_t)journal_count(ss->journal);
	if (game_validate(ss->game, e, cause) == -1) {
		*refused = true;
		return -1;
	}
	o = event_to_json(e);
	if (journal_append(ss->journal, o, cause) == -1) {
		json_decref(o);
		return -1;
	}
	json_decref(o);
	session_apply(ss, e);
	return 0;
}
