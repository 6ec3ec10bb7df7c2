/*
 * session: journal + engine (see session.h).
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "core/game.h"
#include "core/record.h"
#include "io/event_json.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
session_failure_exit(void)
{
	int	 code = journal_last_exit();

	return code != EX_OK ? code : EX_DATAERR;
}

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

/*
 * The commitment to the seed: BLAKE2b-256("pilote-seed-v1" ‖ seed, 8 bytes
 * big-endian ‖ salt).  The header carries it from the start; the seal line
 * reveals seed and salt at the end, so anyone can check that the draws were
 * fixed before the game began, while nobody could compute them during it.
 */
static void
session_commitment(uint64_t seed, const unsigned char salt[32],
    char out[65])
{
	crypto_generichash_state	 st;
	unsigned char			 be[8], h[32];
	int				 i;

	for (i = 0; i < 8; i++)
		be[i] = (unsigned char)(seed >> (56 - 8 * i));
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"pilote-seed-v1",
	    14);
	crypto_generichash_update(&st, be, sizeof be);
	crypto_generichash_update(&st, salt, 32);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static json_t *
session_header(const struct scenario *s, const struct game_setup *setup,
    const char *commitment)
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
	/* The seed stays in keys/: consoles must not predict the draws. */
	json_object_set_new(h, "seed_commitment", json_string(commitment));
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
	json_t		*header, *secrets;
	struct diag	 d;
	unsigned char	 salt[32];
	char		 commitment[65], salthex[65];
	/* A JSON integer is signed 64 bits: keep the seed in 63. */
	uint64_t	 seed = setup->seed & INT64_MAX;

	*out = NULL;
	if (game_setup_check(s, setup, cause) == -1)
		return -1;
	randombytes_buf(salt, sizeof salt);
	sodium_bin2hex(salthex, sizeof salthex, salt, sizeof salt);
	session_commitment(seed, salt, commitment);
	header = session_header(s, setup, commitment);
	secrets = json_pack("{s:I,s:s}", "seed", (json_int_t)seed, "salt",
	    salthex);
	sodium_memzero(salt, sizeof salt);
	sodium_memzero(salthex, sizeof salthex);
	ss = xcalloc(1, sizeof *ss);
	if (journal_create(path, header, secrets, &ss->journal, cause) == -1) {
		json_decref(header);
		json_decref(secrets);
		free(ss);
		return -1;
	}
	json_decref(header);
	json_decref(secrets);
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
	game_set_seed(ss->game, seed);
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
	/* The seed is not in the header: the events carry their draws. */
	setup->seed_hidden = true;
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
	return 0;
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

/* The host's seed, from the session's secret file (writers only). */
static int
session_load_seed(struct session *ss, const struct journal *j, char **cause)
{
	const json_t	*v = json_object_get(journal_secrets(j), "seed");

	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		*cause = xasprintf(_("%s : la clé de session ne contient pas la "
		    "graine des tirages"), ss->path);
		return -1;
	}
	game_set_seed(ss->game, (uint64_t)json_integer_value(v));
	return 0;
}

/* A fold in progress: the lines [1, upto] (0: all) into ss->game. */
struct session_fold {
	struct session	*ss;
	int64_t		 upto;
	char		*cause;		/* a header that does not open */
	const struct session_observer *obs;	/* or NULL */
};

static void
session_fold_reset(struct session *ss)
{
	game_free(ss->game);
	ss->game = NULL;
	scenario_free(ss->scenario);
	ss->scenario = NULL;
}

/* The header: the game it sets up (journal_reader.each). */
static int
session_fold_header(struct session_fold *f, const struct journal *j,
    const json_t *o, char **why)
{
	struct session	*ss = f->ss;

	session_fold_reset(ss);
	if (session_game_from_header(o, ss->path, &ss->scenario, &ss->game,
	    &f->cause) == -1 || (ss->writable && session_load_seed(ss, j,
	    &f->cause) == -1)) {
		*why = xstrdup(f->cause);
		return -1;
	}
	if (f->obs != NULL)
		f->obs->seen(f->obs->ctx, ss->game, 0, NULL);
	return 0;
}

/* An event of line seq, read: validated as journaled, applied. */
static int
session_fold_event(struct session_fold *f, size_t seq, struct event *e,
    char **why)
{
	struct session	*ss = f->ss;
	char		*err = NULL;

	if (game_validate_journaled(ss->game, e, &err) == -1) {
		*why = xasprintf(_("événement refusé au rejeu : %s"),
		    err ? err : "?");
		free(err);
		return -1;
	}
	e->seq = (int64_t)seq;
	game_apply(ss->game, e);
	if (f->obs != NULL)
		f->obs->seen(f->obs->ctx, ss->game, seq, e);
	return 0;
}

/* One line given as an object (the header; the refold's lines). */
static int
session_fold_line(void *ctx, const struct journal *j, size_t seq,
    const json_t *o, char **why)
{
	struct session_fold	*f = ctx;
	struct event		 e;
	char			*err = NULL;
	int			 rc;

	if (seq == 0)
		return session_fold_header(f, j, o, why);
	if (f->upto > 0 && (int64_t)seq > f->upto)
		return 0;
	if (event_from_json(o, &e, &err) == -1) {
		*why = xasprintf(_("événement refusé au rejeu : %s"),
		    err ? err : "?");
		free(err);
		return -1;
	}
	rc = session_fold_event(f, seq, &e, why);
	event_release(&e);
	return rc;
}

/* One line as the open reads it: its bytes, decoded once. */
static int
session_fold_raw(void *ctx, const struct journal *j, size_t seq,
    const char *b, size_t blen, char **why)
{
	struct session_fold	*f = ctx;
	struct event		 e;
	char			*err = NULL;
	int			 rc;

	(void)j;
	if (f->upto > 0 && (int64_t)seq > f->upto)
		return 0;
	if (event_from_line(b, blen, seq, &e, &err) == -1) {
		*why = xasprintf(_("événement refusé au rejeu : %s"),
		    err ? err : "?");
		free(err);
		return -1;
	}
	rc = session_fold_event(f, seq, &e, why);
	event_release(&e);
	return rc;
}

/* The draws the folded journal needs and lacks: -1, *cause. */
static int
session_fold_done(struct session *ss, char **cause)
{
	if (game_missing_draws(ss->game) > 0) {
		*cause = xasprintf(_("%s : %d tirage(s) manquent dans le journal "
		    "pour le rejouer"), ss->path, game_missing_draws(ss->game));
		return -1;
	}
	return 0;
}

/* Folds journal lines [1, upto] (0: all) into a fresh game; -1, *cause. */
static int
session_fold(struct session *ss, int64_t upto, char **cause)
{
	struct session_fold	 f = { ss, upto, NULL, NULL };
	json_t			*o;
	char			*why = NULL;
	size_t			 i, n;
	int			 rc = 0;

	n = journal_count(ss->journal);
	for (i = 0; i < n && (upto <= 0 || (int64_t)i <= upto); i++) {
		/* One at a time: a fold never holds the journal. */
		if ((o = journal_load(ss->journal, i)) == NULL) {
			*cause = xasprintf(_("%s:%zu: ligne modifiée depuis "
			    "l'ouverture de la session"), ss->path, i + 1);
			return -1;
		}
		rc = session_fold_line(&f, ss->journal, i, o, &why);
		json_decref(o);
		if (rc == -1) {
			*cause = f.cause != NULL ? f.cause :
			    xasprintf("%s:%zu: %s", ss->path, i + 1, why);
			if (f.cause != NULL)
				f.cause = NULL;
			free(why);
			return -1;
		}
	}
	return session_fold_done(ss, cause);
}

void
session_fold_on(const struct session *ss, struct game *g, int64_t from,
    int64_t to)
{
	struct event	 e;
	json_t		*o;
	char		*why = NULL;
	int64_t		 i;

	for (i = from + 1; i <= to; i++) {
		/* The open accepted every line: only a file changed since
		 * can fail here, and its line is left out. */
		o = journal_load(ss->journal, (size_t)i);
		if (o == NULL || event_from_json(o, &e, &why) == -1) {
			free(why);
			why = NULL;
			json_decref(o);
			continue;
		}
		e.seq = i;
		game_apply(g, &e);
		event_release(&e);
		json_decref(o);
	}
}

int
session_open(const char *path, bool writable, int64_t upto,
    struct session **out, char **warning, char **cause)
{
	return session_open_observed(path, writable, upto, NULL, out, warning,
	    cause);
}

int
session_open_observed(const char *path, bool writable, int64_t upto,
    const struct session_observer *obs, struct session **out, char **warning,
    char **cause)
{
	struct session		*ss;
	struct session_fold	 f;
	struct journal_reader	 reader;
	char			*why = NULL;

	*out = NULL;
	*warning = NULL;
	ss = xcalloc(1, sizeof *ss);
	ss->path = xstrdup(path);
	ss->writable = writable;
	/* One read of the file: the journal is checked and folded at once. */
	f.ss = ss;
	f.upto = upto;
	f.cause = NULL;
	f.obs = obs;
	reader.wants = NULL;
	reader.each = session_fold_line;
	reader.each_raw = session_fold_raw;
	reader.ctx = &f;
	reader.refused = 0;
	if (journal_open_reading(path, writable ? JOURNAL_WRITE : JOURNAL_READ,
	    &reader, &ss->journal, warning, cause) == -1) {
		/* The header's own message, when it is what was refused. */
		if (reader.refused && f.cause != NULL) {
			free(*cause);
			*cause = f.cause;
		} else
			free(f.cause);
		if (obs != NULL && obs->abandon != NULL)
			obs->abandon(obs->ctx);
		session_close(ss);
		return -1;
	}
	free(f.cause);
	if (ss->game == NULL || session_fold_done(ss, cause) == -1) {
		if (ss->game == NULL)
			*cause = xasprintf(_("%s : journal sans en-tête"), path);
		free(*warning);
		*warning = NULL;
		if (obs != NULL && obs->abandon != NULL)
			obs->abandon(obs->ctx);
		session_close(ss);
		return -1;
	}
	/* A host stopped between the last week and its seal seals now. */
	if (writable && upto <= 0 && session_seal(ss, &why) == -1) {
		*cause = xasprintf(_("%s : la session terminée ne se scelle "
		    "pas : %s"), path, why);
		free(why);
		if (obs != NULL && obs->abandon != NULL)
			obs->abandon(obs->ctx);
		session_close(ss);
		return -1;
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
	if (ss->journal != NULL)
		journal_close(ss->journal);
	free(ss->path);
	free(ss);
}

/*
 * Validates, applies (recording the draws it consults, so that the line
 * carries them) and journals e.  The state is changed before the line is
 * durable: if the append fails, the state is folded again from the
 * journal, which holds exactly what was acknowledged.
 */
static int
session_submit_event(struct session *ss, struct event *e, bool *refused,
    char **cause)
{
	json_t	*o;
	char	*why = NULL;
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
	free(e->draws);
	e->draws = NULL;
	e->ndraws = 0;
	if (game_validate(ss->game, e, cause) == -1) {
		*refused = true;
		return -1;
	}
	game_apply_recording(ss->game, e);
	o = event_to_json(e);
	if (journal_append(ss->journal, o, cause) == -1) {
		json_decref(o);
		if (session_fold(ss, 0, &why) == -1) {
			/* Cannot happen with a journal we just read; say so. */
			char *both = xasprintf("%s ; %s", *cause, why);

			free(*cause);
			free(why);
			*cause = both;
		}
		return -1;
	}
	json_decref(o);
	return 0;
}

int
session_seal(struct session *ss, char **cause)
{
	const json_t	*secrets = journal_secrets(ss->journal);
	const char	*salt = json_string_value(json_object_get(secrets,
			    "salt"));
	struct event	 e;
	bool		 refused;
	int		 rc;

	if (!ss->writable || ss->game->phase != PHASE_LAUNCHED ||
	    ss->game->sealed)
		return 0;
	if (salt == NULL) {
		*cause = xstrdup(_("la clé de session ne contient pas le sel "
		    "de la graine"));
		return -1;
	}
	event_init(&e);
	event_set(&e.actor, GAME_TRAINER);
	event_set(&e.type, "sceller");
	record_set_int(&e.data, "graine", (int64_t)ss->game->seed);
	record_set_text(&e.data, "sel", salt);
	rc = session_submit_event(ss, &e, &refused, cause);
	event_release(&e);
	return rc;
}

int
session_submit(struct session *ss, struct event *e, bool *refused,
    char **cause)
{
	*refused = false;
	/* Only the host writes the seal, with the seed it alone holds. */
	if (e->type != NULL && strcmp(e->type, "sceller") == 0) {
		*refused = true;
		*cause = xstrdup(_("« sceller » est réservé à l'hôte : il scelle "
		    "la session seul, à la fin de la partie"));
		return -1;
	}
	if (session_submit_event(ss, e, refused, cause) == -1)
		return -1;
	/* The last week closed: seal now (a failure leaves it for reopen). */
	if (ss->game->phase == PHASE_LAUNCHED && !ss->game->sealed) {
		char	*why = NULL;

		if (session_seal(ss, &why) == -1)
			free(why);
	}
	return 0;
}

/*
 * The audit of the draws, line by line in the journal's order: the
 * header's commitment, every draw recorded (with its line), the seal's
 * seed and salt.  The draws are kept as they come, since the seed that
 * checks them is revealed last.
 */
struct draw_audit {
	char		*commitment;	/* the header's, or NULL */
	struct draw	*draws;
	size_t		*lines;		/* 1-based line of each draw */
	size_t		*ordinal;	/* its rank in its line */
	size_t		 n, cap;
	int		 sealed;
	size_t		 sealed_seq;
	uint64_t	 seed;
	char		*salt;		/* the seal's, hex, or NULL */
};

static void
draw_audit_release(struct draw_audit *a)
{
	free(a->commitment);
	free(a->draws);
	free(a->lines);
	free(a->ordinal);
	free(a->salt);
	memset(a, 0, sizeof *a);
}

static void
draw_audit_header(struct draw_audit *a, const json_t *h)
{
	const char	*t;

	t = json_string_value(json_object_get(h, "seed_commitment"));
	free(a->commitment);
	a->commitment = t != NULL ? xstrdup(t) : NULL;
}

/* An event of line seq: its draws, and the seal's seed. */
static void
draw_audit_event(struct draw_audit *a, size_t seq, const struct event *e)
{
	const char	*t;
	int64_t		 seed;
	int		 k;

	for (k = 0; k < e->ndraws; k++) {
		if (a->n == a->cap) {
			a->cap = a->cap ? a->cap * 2 : 256;
			a->draws = xreallocarray(a->draws, a->cap,
			    sizeof *a->draws);
			a->lines = xreallocarray(a->lines, a->cap,
			    sizeof *a->lines);
			a->ordinal = xreallocarray(a->ordinal, a->cap,
			    sizeof *a->ordinal);
		}
		a->draws[a->n] = e->draws[k];
		a->lines[a->n] = seq + 1;
		a->ordinal[a->n++] = (size_t)k + 1;
	}
	if (strcmp(e->type, "sceller") == 0 && record_int(&e->data, "graine",
	    &seed) && seed >= 0) {
		a->sealed = 1;
		a->sealed_seq = seq;
		a->seed = (uint64_t)seed;
		free(a->salt);
		t = record_text(&e->data, "sel");
		a->salt = t != NULL ? xstrdup(t) : NULL;
	}
}

/* 1 sealed and conform, 0 not sealed, -1 and *cause. */
static int
draw_audit_finish(const struct draw_audit *a, const char *path, int *checked,
    char **cause)
{
	unsigned char	 salt[32];
	char		 mine[65], hex[17];
	uint64_t	 want;
	size_t		 i;

	*checked = 0;
	if (!a->sealed)
		return 0;
	if (a->salt == NULL || sodium_hex2bin(salt, sizeof salt, a->salt,
	    strlen(a->salt), NULL, NULL, NULL) != 0 || a->commitment == NULL) {
		*cause = xasprintf(_("%s:%zu: sel ou engagement illisible"),
		    path, a->sealed_seq + 1);
		return -1;
	}
	session_commitment(a->seed, salt, mine);
	if (strcmp(mine, a->commitment) != 0) {
		*cause = xasprintf(_("%s:%zu: la graine révélée ne correspond "
		    "pas à l'engagement de l'en-tête : les tirages n'étaient pas "
		    "fixés d'avance"), path, a->sealed_seq + 1);
		return -1;
	}
	for (i = 0; i < a->n; i++) {
		want = rng_draw(a->seed, a->draws[i].week,
		    (enum rng_purpose)a->draws[i].purpose, a->draws[i].index);
		if (want != a->draws[i].value) {
			snprintf(hex, sizeof hex, "%016llx",
			    (unsigned long long)want);
			*cause = xasprintf(_("%s:%zu: tirage %zu (semaine %d) "
			    "différent de celui de la graine révélée (%s "
			    "attendu)"), path, a->lines[i], a->ordinal[i],
			    a->draws[i].week, hex);
			return -1;
		}
		(*checked)++;
	}
	return 1;
}

int
session_check_draws(const struct session *ss, int *checked, char **cause)
{
	struct draw_audit	 a;
	struct event		 e;
	json_t			*o;
	char			*why = NULL;
	size_t			 i, n = journal_count(ss->journal);
	int			 rc;

	memset(&a, 0, sizeof a);
	for (i = 0; i < n; i++) {
		if ((o = journal_load(ss->journal, i)) == NULL)
			continue;
		if (i == 0)
			draw_audit_header(&a, o);
		/* An unreadable line records no draw; its fold refuses it. */
		else if (event_from_json(o, &e, &why) == 0) {
			draw_audit_event(&a, i, &e);
			event_release(&e);
		} else {
			free(why);
			why = NULL;
		}
		json_decref(o);
	}
	rc = draw_audit_finish(&a, ss->path, checked, cause);
	draw_audit_release(&a);
	return rc;
}

/* The lines a draw audit reads: those with draws, and the seal. */
static int
draw_audit_wants(void *ctx, const char *line, size_t n)
{
	(void)ctx;
	/* Canonical JSON: a key's quotes are never escaped, a string's are. */
	return memmem(line, n, "\"draws\":", 8) != NULL ||
	    memmem(line, n, "\"type\":\"sceller\"", 16) != NULL;
}

static int
draw_audit_each(void *ctx, const struct journal *j, size_t seq,
    const json_t *o, char **why)
{
	(void)j;
	(void)why;
	if (seq == 0)
		draw_audit_header(ctx, o);
	return 0;
}

static int
draw_audit_raw(void *ctx, const struct journal *j, size_t seq, const char *b,
    size_t blen, char **why)
{
	struct event	 e;
	char		*err = NULL;

	(void)j;
	(void)why;
	/* An unreadable line records no draw; its fold refuses it. */
	if (event_from_line(b, blen, seq, &e, &err) == -1) {
		free(err);
		return 0;
	}
	draw_audit_event(ctx, seq, &e);
	event_release(&e);
	return 0;
}

int
session_verify(const char *path, const struct journal_verify_opts *opts,
    struct journal_report *r, struct session_verdict *v, char **cause)
{
	struct draw_audit	 a;
	struct journal_reader	 reader;
	int			 rc;

	memset(&a, 0, sizeof a);
	memset(v, 0, sizeof *v);
	reader.wants = draw_audit_wants;
	reader.each = draw_audit_each;
	reader.each_raw = draw_audit_raw;
	reader.ctx = &a;
	reader.refused = 0;
	rc = journal_verify_reading(path, opts, &reader, r);
	if (rc == 0) {
		v->draws = draw_audit_finish(&a, path, &v->checked, cause);
		v->sealed_seq = (int64_t)a.sealed_seq;
		if (v->draws == -1)
			rc = -3;
	}
	draw_audit_release(&a);
	return rc;
}
