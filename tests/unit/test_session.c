/*
 * Unit tests for io/session: the seed stays the host's secret, the events
 * carry the draws they consulted, the session is sealed at the end with
 * the seed revealed, and session_check_draws() catches a draw or a
 * commitment that does not match, i.e. a host that rigged its draws.
 *
 * The game is tests/fixtures/rules.cfg with its "signal" incident drawn
 * every week (50 %, repeating): every week close draws.
 */
#include "unit/cmocka_prelude.h"
#include "unit/play.h"

#include <sys/stat.h>

#include <unistd.h>

#include "io/event_json.h"
#include "io/journal.h"
#include "io/session.h"

static char	 tmpdir[64];
static char	 path[128];

static int
setup(void **state)
{
	char	 key[128];

	(void)state;
	strcpy(tmpdir, "/tmp/pilote-test-session-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/s.jsonl", tmpdir);
	snprintf(key, sizeof key, "%s/formateur.key", tmpdir);
	setenv("PILOTE_TRAINER_KEY", key, 1);
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

static void
submit(struct session *ss, const char *team, const char *actor,
    const char *type, const char *key, const char *value)
{
	struct event	 e;
	char		*cause = NULL;
	bool		 refused;

	event_init(&e);
	event_set(&e.team, team);
	event_set(&e.actor, actor);
	event_set(&e.type, type);
	if (key != NULL)
		record_set_text(&e.data, key, value);
	if (session_submit(ss, &e, &refused, &cause) != 0)
		fail_msg("%s refused: %s", type, cause);
	event_release(&e);
}

/* A whole game of rules.cfg on a session; the session stays open. */
static struct session *
played(struct scenario **sp)
{
	struct play	 p;
	struct session	*ss;
	char		*cause = NULL;
	int		 week;

	play_start(&p, play_rules_with("declencheur = { manuel = true; };\n",
	    "declencheur = { probabilite = 50; repete = true; };\n"), 10, 2);
	if (session_create(path, p.s, &p.setup, &ss, &cause) != 0)
		fail_msg("session_create: %s", cause);
	submit(ss, "Alpha", "Alice", "outil", "outil", "trello");
	submit(ss, NULL, GAME_TRAINER, "ouvrir_pilotage", NULL, NULL);
	for (week = 1; week <= p.s->weeks; week++)
		submit(ss, NULL, GAME_TRAINER, "cloturer_semaine", NULL, NULL);
	*sp = p.s;
	p.s = NULL;
	play_end(&p);
	return ss;
}

static void
the_header_commits_to_the_seed_without_holding_it(void **state)
{
	struct scenario	*s;
	struct session	*ss;
	const json_t	*h;

	(void)state;
	ss = played(&s);
	h = journal_get(ss->journal, 0);
	assert_null(json_object_get(h, "seed"));
	assert_non_null(json_object_get(h, "seed_commitment"));
	assert_int_equal(strlen(json_string_value(json_object_get(h,
	    "seed_commitment"))), 64);
	session_close(ss);
	scenario_free(s);
}

static void
the_last_week_seals_the_session_and_the_draws_check(void **state)
{
	struct scenario	*s;
	struct session	*ss;
	const json_t	*last;
	char		*cause = NULL, *warning = NULL;
	int		 checked = 0;

	(void)state;
	ss = played(&s);
	last = journal_get(ss->journal, journal_count(ss->journal) - 1);
	assert_string_equal(json_string_value(json_object_get(last, "type")),
	    "sceller");
	assert_true(ss->game->sealed);
	session_close(ss);
	/* An evaluator, without the seed nor the key, replays and checks. */
	assert_int_equal(session_open(path, false, 0, &ss, &warning, &cause),
	    0);
	assert_int_equal(session_check_draws(ss, &checked, &cause), 1);
	assert_true(checked >= 4);
	session_close(ss);
	/* pilote verify finds the same, in one read and without folding. */
	{
		struct journal_report	 r;
		struct session_verdict	 v;

		assert_int_equal(session_verify(path, NULL, &r, &v, &cause), 0);
		assert_int_equal(v.draws, 1);
		assert_int_equal(v.checked, checked);
		assert_int_equal(v.sealed_seq, (int64_t)r.lines - 1);
		journal_report_release(&r);
	}
	scenario_free(s);
}

static void
nothing_is_added_after_the_seal(void **state)
{
	struct scenario	*s;
	struct session	*ss;
	struct event	 e;
	char		*cause = NULL;
	bool		 refused;
	size_t		 n;

	(void)state;
	ss = played(&s);
	n = journal_count(ss->journal);
	event_init(&e);
	event_set(&e.actor, GAME_TRAINER);
	event_set(&e.type, "message");
	record_set_text(&e.data, "texte", "encore un mot");
	assert_int_equal(session_submit(ss, &e, &refused, &cause), -1);
	assert_true(refused);
	assert_non_null(strstr(cause, "scellée"));
	free(cause);
	event_release(&e);
	assert_int_equal(journal_count(ss->journal), n);
	session_close(ss);
	scenario_free(s);
}

static void
a_seal_from_outside_the_host_is_refused(void **state)
{
	struct play	 p;
	struct session	*ss;
	struct event	 e;
	char		*cause = NULL;
	bool		 refused;

	(void)state;
	play_start(&p, play_rules(), 10, 1);
	assert_int_equal(session_create(path, p.s, &p.setup, &ss, &cause), 0);
	event_init(&e);
	event_set(&e.actor, GAME_TRAINER);
	event_set(&e.type, "sceller");
	record_set_int(&e.data, "graine", 10);
	record_set_text(&e.data, "sel", "00");
	assert_int_equal(session_submit(ss, &e, &refused, &cause), -1);
	assert_true(refused);
	free(cause);
	event_release(&e);
	assert_int_equal(journal_count(ss->journal), 1);
	session_close(ss);
	play_end(&p);
}

/*
 * The journal written again line by line with the trainer's own key (a
 * dishonest host can sign anything), edit() changing what it wants.
 */
static void
rewrite(const char *from, const char *to, void (*edit)(json_t *, size_t))
{
	struct journal	*in, *out;
	json_t		*o;
	char		*cause = NULL, *warning = NULL;
	size_t		 i;

	assert_int_equal(journal_open(from, JOURNAL_READ, &in, &warning,
	    &cause), 0);
	o = json_deep_copy(journal_get(in, 0));
	json_object_del(o, "seq");
	json_object_del(o, "pubkey");
	if (journal_create(to, o, NULL, &out, &cause) != 0)
		fail_msg("journal_create: %s", cause);
	json_decref(o);
	for (i = 1; i < journal_count(in); i++) {
		o = json_deep_copy(journal_get(in, i));
		json_object_del(o, "seq");
		edit(o, i);
		if (journal_append(out, o, &cause) != 0)
			fail_msg("journal_append: %s", cause);
		json_decref(o);
	}
	journal_close(out);
	journal_close(in);
}

static size_t	 rigged_line;

/* The first week close's first draw made to fall elsewhere. */
static void
rig_a_draw(json_t *o, size_t seq)
{
	json_t	*d = json_object_get(o, "draws");

	if (rigged_line != 0 || d == NULL)
		return;
	rigged_line = seq + 1;
	json_array_set_new(json_array_get(d, 0), 3,
	    json_string("0000000000000000"));
}

static void
a_rigged_draw_is_caught_once_the_seed_is_revealed(void **state)
{
	struct scenario	*s;
	struct session	*ss;
	char		*cause = NULL, *warning = NULL, rigged[160], where[32];
	int		 checked;

	(void)state;
	ss = played(&s);
	session_close(ss);
	snprintf(rigged, sizeof rigged, "%s/rigged.jsonl", tmpdir);
	rigged_line = 0;
	rewrite(path, rigged, rig_a_draw);
	assert_true(rigged_line > 0);
	/* Signed by the trainer: it verifies and replays... */
	assert_int_equal(session_open(rigged, false, 0, &ss, &warning,
	    &cause), 0);
	/* ...but the revealed seed gives another draw, on that line. */
	assert_int_equal(session_check_draws(ss, &checked, &cause), -1);
	snprintf(where, sizeof where, ":%zu: tirage", rigged_line);
	assert_non_null(strstr(cause, where));
	free(cause);
	{
		struct journal_report	 r;
		struct session_verdict	 v;

		assert_int_equal(session_verify(rigged, NULL, &r, &v, &cause),
		    -3);
		assert_non_null(strstr(cause, where));
		free(cause);
		journal_report_release(&r);
	}
	session_close(ss);
	scenario_free(s);
}

/* The seal reveals another seed than the one committed to. */
static void
lie_about_the_seed(json_t *o, size_t seq)
{
	const char	*type = json_string_value(json_object_get(o, "type"));

	(void)seq;
	if (type != NULL && strcmp(type, "sceller") == 0)
		json_object_set_new(json_object_get(o, "data"), "graine",
		    json_integer(11));
}

static void
a_revealed_seed_that_is_not_the_committed_one_is_caught(void **state)
{
	struct scenario	*s;
	struct session	*ss;
	char		*cause = NULL, *warning = NULL, lied[160];
	int		 checked;

	(void)state;
	ss = played(&s);
	session_close(ss);
	snprintf(lied, sizeof lied, "%s/lied.jsonl", tmpdir);
	rewrite(path, lied, lie_about_the_seed);
	assert_int_equal(session_open(lied, false, 0, &ss, &warning, &cause),
	    0);
	assert_int_equal(session_check_draws(ss, &checked, &cause), -1);
	assert_non_null(strstr(cause, "engagement"));
	free(cause);
	{
		struct journal_report	 r;
		struct session_verdict	 v;

		assert_int_equal(session_verify(lied, NULL, &r, &v, &cause),
		    -3);
		assert_non_null(strstr(cause, "engagement"));
		free(cause);
		journal_report_release(&r);
	}
	session_close(ss);
	scenario_free(s);
}

static void
a_seedless_replay_reaches_the_hosts_state(void **state)
{
	struct scenario	*s;
	struct session	*ss, *rd;
	char		*cause = NULL, *warning = NULL, live[65], replayed[65];

	(void)state;
	ss = played(&s);
	session_state_hash(ss->game, live);
	assert_int_equal(session_open(path, false, 0, &rd, &warning, &cause),
	    0);
	assert_false(rd->game->seed_known && !rd->game->sealed);
	session_state_hash(rd->game, replayed);
	assert_string_equal(live, replayed);
	assert_int_equal(game_missing_draws(rd->game), 0);
	session_close(rd);
	session_close(ss);
	scenario_free(s);
}

static void
a_writer_reopening_an_unsealed_finished_game_seals_it(void **state)
{
	struct scenario	*s;
	struct session	*ss;
	struct journal	*in, *out;
	json_t		*o;
	char		*cause = NULL, *warning = NULL, cut[160], key[512];
	char		 src[200], dst[200];
	size_t		 i;

	(void)state;
	ss = played(&s);
	session_close(ss);
	/* The host stopped between the last week and its seal. */
	snprintf(cut, sizeof cut, "%s/cut.jsonl", tmpdir);
	assert_int_equal(journal_open(path, JOURNAL_READ, &in, &warning,
	    &cause), 0);
	o = json_deep_copy(journal_get(in, 0));
	json_object_del(o, "seq");
	json_object_del(o, "pubkey");
	assert_int_equal(journal_create(cut, o, NULL, &out, &cause), 0);
	json_decref(o);
	for (i = 1; i + 1 < journal_count(in); i++) {
		o = json_deep_copy(journal_get(in, i));
		json_object_del(o, "seq");
		assert_int_equal(journal_append(out, o, &cause), 0);
		json_decref(o);
	}
	journal_close(out);
	journal_close(in);
	/* The cut copy needs the original's secret (seed and salt). */
	snprintf(src, sizeof src, "%s/keys/s.jsonl.key", tmpdir);
	snprintf(dst, sizeof dst, "%s/keys/cut.jsonl.key", tmpdir);
	snprintf(key, sizeof key, "cp '%s' '%s'", src, dst);
	assert_int_equal(system(key), 0);
	assert_int_equal(session_open(cut, true, 0, &ss, &warning, &cause), 0);
	assert_true(ss->game->sealed);
	session_close(ss);
	scenario_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(the_header_commits_to_the_seed_without_holding_it),
		T(the_last_week_seals_the_session_and_the_draws_check),
		T(nothing_is_added_after_the_seal),
		T(a_seal_from_outside_the_host_is_refused),
		T(a_rigged_draw_is_caught_once_the_seed_is_revealed),
		T(a_revealed_seed_that_is_not_the_committed_one_is_caught),
		T(a_seedless_replay_reaches_the_hosts_state),
		T(a_writer_reopening_an_unsealed_finished_game_seals_it),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
