/*
 * Unit tests for io/marks: the jury's marks are a signed journal of their
 * own beside the session.  A mark survives and is found again, the file is
 * private (0600), a byte flipped on any line is reported with that line,
 * marks moved beside another session or of the old unsigned format are
 * refused clearly, a torn tail is ignored and then set aside, and another
 * account's key may read but not append.
 *
 * The "sessions" here are small journals of their own: marks only need a
 * session's journal for its header hash, and a full game would add
 * nothing but time.  Each test works in a fresh directory under build/,
 * with its own evaluator's key ($PILOTE_TRAINER_KEY).
 */
#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "unit/cmocka_prelude.h"
#include "core/scenario.h"
#include "io/journal.h"
#include "io/marks.h"
#include "io/signkey.h"

struct fixture {
	char		 dir[64];
	char		 session[128];
	char		 marks[160];
	char		 key[128];
	struct journal	*journal;	/* the session, open for reading */
};

/* A journal standing for a session; distinct names, distinct headers. */
static struct journal *
make_session(const char *path)
{
	struct journal	*j = NULL;
	json_t		*h;
	char		*cause = NULL;

	h = json_pack("{s:s,s:s}", "type", "session-test", "name", path);
	assert_int_equal(journal_create_unkeyed(path, h, &j, &cause), 0);
	json_decref(h);
	return j;
}

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "build/test_marks.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->session, sizeof f->session, "%s/session.jsonl", f->dir);
	snprintf(f->marks, sizeof f->marks, "%s.marks", f->session);
	snprintf(f->key, sizeof f->key, "%s/jury.key", f->dir);
	setenv("PILOTE_TRAINER_KEY", f->key, 1);
	f->journal = make_session(f->session);
	*state = f;
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	journal_close(f->journal);
	nftw(f->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static int
load(struct fixture *f, struct marks *ms, char **warning, char **cause)
{
	*warning = NULL;
	*cause = NULL;
	return marks_load(f->session, f->journal, ms, warning, cause);
}

/* Marks the team Alpha (or one of its candidates) on a criterion. */
static int
put(struct marks *ms, const char *candidate, int criterion,
    enum mark_level level, const char *comment, char **cause)
{
	struct mark	 m;
	int64_t		 ev[2] = { 3, 7 };

	memset(&m, 0, sizeof m);
	m.team = (char *)(uintptr_t)"Alpha";
	m.candidate = (char *)(uintptr_t)candidate;
	m.criterion = criterion;
	m.level = level;
	m.comment = (char *)(uintptr_t)comment;
	m.evidence = ev;
	m.nevidence = 2;
	m.author = (char *)(uintptr_t)"Jury E3";
	m.time = 1800000000000;
	*cause = NULL;
	return marks_put(ms, &m, cause);
}

/* Three marks in a fresh file: its header and lines 2 to 4. */
static void
three_marks(struct fixture *f)
{
	struct marks	 ms;
	char		*warning, *cause;

	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_int_equal(put(&ms, NULL, E3_TOOL, MARK_ACQUIRED,
	    "Outil choisi tôt", &cause), EX_OK);
	assert_int_equal(put(&ms, "Inès Faure", E3_STATUS_POINTS, MARK_PARTLY,
	    "Risques \"chiffrés\"", &cause), EX_OK);
	assert_int_equal(put(&ms, NULL, E3_FRAMING, MARK_NOT_ACQUIRED,
	    "Cadrage absent", &cause), EX_OK);
	marks_release(&ms);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void
write_file(const char *path, const char *data, size_t len, const char *mode)
{
	FILE	*fp = fopen(path, mode);

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void
a_mark_survives_and_is_found_again(void **state)
{
	struct fixture		*f = *state;
	struct marks		 ms;
	const struct mark	*m;
	char			*warning, *cause;

	/* No file yet: no mark, no signer, and no file made by reading. */
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_int_equal(ms.count, 0);
	assert_string_equal(ms.signer, "");
	assert_int_equal(access(f->marks, F_OK), -1);
	assert_int_equal(put(&ms, "Inès Faure", E3_TOOL, MARK_PARTLY,
	    "Outil « choisi » tôt", &cause), EX_OK);
	marks_release(&ms);

	/* Read back as another process would. */
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_null(warning);
	assert_int_equal(ms.count, 1);
	assert_int_equal(ms.recorded, 1);
	m = marks_find(&ms, "Alpha", "Inès Faure", E3_TOOL);
	assert_non_null(m);
	assert_int_equal(m->level, MARK_PARTLY);
	assert_string_equal(m->comment, "Outil « choisi » tôt");
	assert_string_equal(m->author, "Jury E3");
	assert_int_equal(m->time, 1800000000000);
	assert_int_equal(m->nevidence, 2);
	assert_int_equal(m->evidence[1], 7);
	/* The team's mark is another key than a candidate's. */
	assert_null(marks_find(&ms, "Alpha", NULL, E3_TOOL));

	/* A later mark replaces it; the file keeps both. */
	assert_int_equal(put(&ms, "Inès Faure", E3_TOOL, MARK_ACQUIRED, "Revu",
	    &cause), EX_OK);
	marks_release(&ms);
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_int_equal(ms.count, 1);
	assert_int_equal(ms.recorded, 2);
	assert_int_equal(marks_find(&ms, "Alpha", "Inès Faure",
	    E3_TOOL)->level, MARK_ACQUIRED);
	marks_release(&ms);
}

static void
the_marks_file_is_private_and_signed_by_the_markers_key(void **state)
{
	struct fixture	*f = *state;
	struct signkey	 key;
	struct marks	 ms;
	struct stat	 st;
	char		*warning, *cause = NULL, keys[80];
	int		 code;

	three_marks(f);
	assert_int_equal(stat(f->marks, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Made the first time the account marked. */
	assert_int_equal(signkey_load(&key, 0, NULL, &cause, &code), 0);
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_string_equal(ms.signer, key.fingerprint);
	signkey_release(&key);
	marks_release(&ms);
	/* No session secret for the marks: no keys/ beside them. */
	snprintf(keys, sizeof keys, "%s/keys", f->dir);
	assert_int_equal(access(keys, F_OK), -1);
}

/* Flips the byte at off of line (0-based) in the marks file. */
static void
flip(struct fixture *f, const char *orig, size_t len, int line, size_t off)
{
	char	*copy = malloc(len);
	char	*p;
	int	 i;

	assert_non_null(copy);
	memcpy(copy, orig, len);
	for (p = copy, i = 0; i < line; i++)
		p = strchr(p, '\n') + 1;
	assert_true(p + off < strchr(p, '\n'));
	p[off] ^= 0x01;
	write_file(f->marks, copy, len, "wb");
	free(copy);
}

static void
a_flipped_byte_on_any_line_is_reported_with_its_line(void **state)
{
	struct fixture	*f = *state;
	struct marks	 ms;
	char		*orig, *glued, *warning, *cause, want[64], *p, *nl;
	size_t		 len, n, offs[4];
	int		 line, k;

	three_marks(f);
	orig = read_file(f->marks, &len);
	for (line = 0, p = orig; line < 4; line++, p = nl + 1) {
		nl = strchr(p, '\n');
		n = (size_t)(nl - p);
		/* Its JSON, a value inside, its hash, its signature. */
		offs[0] = 0;
		offs[1] = (size_t)(strstr(p, "\"seq\":") - p) + 6;
		offs[2] = (size_t)(strstr(p, ",\"hash\":\"") - p) + 20;
		offs[3] = n - 10;
		snprintf(want, sizeof want, "session.jsonl.marks:%d:", line + 1);
		for (k = 0; k < 4; k++) {
			flip(f, orig, len, line, offs[k]);
			assert_int_equal(load(f, &ms, &warning, &cause),
			    EX_DATAERR);
			if (strstr(cause, want) == NULL)
				fail_msg("line %d, byte %zu: « %s » does not "
				    "name %s", line + 1, offs[k], cause, want);
			free(cause);
		}
	}
	/* Lines glued into one: refused, not taken for an unfinished file. */
	glued = malloc(len);
	assert_non_null(glued);
	for (p = orig, n = 0; *p != '\0'; p++)
		if (*p != '\n')
			glued[n++] = *p;
	write_file(f->marks, glued, n, "wb");
	free(glued);
	assert_int_equal(load(f, &ms, &warning, &cause), EX_DATAERR);
	assert_non_null(strstr(cause, "session.jsonl.marks:1:"));
	free(cause);
	/* Put back, it reads again. */
	write_file(f->marks, orig, len, "wb");
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_int_equal(ms.count, 3);
	marks_release(&ms);
	free(orig);
}

static void
marks_moved_beside_another_session_are_refused(void **state)
{
	struct fixture	*f = *state;
	struct journal	*other;
	struct marks	 ms;
	char		 path[160], marks[170], *data, *warning, *cause;
	size_t		 len;

	three_marks(f);
	snprintf(path, sizeof path, "%s/autre.jsonl", f->dir);
	snprintf(marks, sizeof marks, "%s.marks", path);
	other = make_session(path);
	data = read_file(f->marks, &len);
	write_file(marks, data, len, "wb");
	free(data);
	cause = NULL;
	assert_int_equal(marks_load(path, other, &ms, &warning, &cause),
	    EX_DATAERR);
	assert_non_null(strstr(cause, "autre.jsonl.marks:1:"));
	assert_non_null(strstr(cause, "une autre session"));
	assert_non_null(strstr(cause, "« session.jsonl »"));
	free(cause);
	journal_close(other);
}

static void
an_old_unsigned_marks_file_is_refused_clearly(void **state)
{
	struct fixture	*f = *state;
	struct marks	 ms;
	char		*warning, *cause;
	static const char old[] =
	    "{\"author\":\"Jury E3\",\"comment\":\"Outil choisi tôt\","
	    "\"criterion\":\"outil\",\"evidence\":[1],\"level\":\"acquis\","
	    "\"team\":\"Alpha\",\"time\":1800000900000}\n";

	write_file(f->marks, old, sizeof old - 1, "wb");
	assert_int_equal(load(f, &ms, &warning, &cause), EX_DATAERR);
	assert_non_null(strstr(cause, "session.jsonl.marks:1:"));
	assert_non_null(strstr(cause, "ancien format, ni chaîné ni signé"));
	free(cause);
}

static void
a_torn_tail_is_ignored_then_set_aside(void **state)
{
	struct fixture	*f = *state;
	struct marks	 ms;
	struct stat	 st;
	char		*warning, *cause, torn[200];
	static const char tail[] = "{\"author\":\"Jury E3\",\"crit";

	three_marks(f);
	write_file(f->marks, tail, sizeof tail - 1, "ab");
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_non_null(warning);
	assert_non_null(strstr(warning, "session.jsonl.marks:5:"));
	assert_non_null(strstr(warning, "inachevée"));
	free(warning);
	assert_int_equal(ms.count, 3);
	/* The next mark puts the tail in ".torn" and follows the chain. */
	assert_int_equal(put(&ms, NULL, E3_TEAM, MARK_ACQUIRED, "", &cause),
	    EX_OK);
	marks_release(&ms);
	snprintf(torn, sizeof torn, "%s.torn", f->marks);
	assert_int_equal(stat(torn, &st), 0);
	assert_int_equal(st.st_size, (off_t)(sizeof tail - 1));
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_null(warning);
	assert_int_equal(ms.count, 4);
	assert_int_equal(ms.recorded, 4);
	marks_release(&ms);
}

static void
another_accounts_key_may_read_but_not_append(void **state)
{
	struct fixture	*f = *state;
	struct signkey	 mine;
	struct marks	 ms;
	struct stat	 before, after;
	char		 other[160], *warning, *cause = NULL;
	int		 code;

	three_marks(f);
	assert_int_equal(stat(f->marks, &before), 0);
	snprintf(other, sizeof other, "%s/autre.key", f->dir);
	setenv("PILOTE_TRAINER_KEY", other, 1);
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_int_equal(ms.count, 3);
	assert_int_equal(put(&ms, NULL, E3_TOOL, MARK_NOT_ACQUIRED, "Non",
	    &cause), EX_NOPERM);
	/* Both keys named: whose file it is, and whose key was refused. */
	assert_int_equal(signkey_load(&mine, 0, NULL, &cause, &code), 0);
	assert_non_null(strstr(cause, ms.signer));
	assert_non_null(strstr(cause, mine.fingerprint));
	assert_non_null(strstr(cause, "autre.key"));
	signkey_release(&mine);
	free(cause);
	/* The set and the file are as they were. */
	assert_int_equal(marks_find(&ms, "Alpha", NULL, E3_TOOL)->level,
	    MARK_ACQUIRED);
	marks_release(&ms);
	assert_int_equal(stat(f->marks, &after), 0);
	assert_int_equal(after.st_size, before.st_size);
	setenv("PILOTE_TRAINER_KEY", f->key, 1);
}

static void
an_interrupted_creation_holds_no_mark_and_says_so(void **state)
{
	struct fixture	*f = *state;
	struct marks	 ms;
	char		*warning, *cause;

	write_file(f->marks, "", 0, "wb");
	assert_int_equal(load(f, &ms, &warning, &cause), EX_OK);
	assert_non_null(strstr(warning, "inachevé"));
	free(warning);
	assert_int_equal(ms.count, 0);
	assert_int_not_equal(put(&ms, NULL, E3_TOOL, MARK_ACQUIRED, "",
	    &cause), EX_OK);
	assert_non_null(strstr(cause, "supprimez-le"));
	free(cause);
	marks_release(&ms);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    a_mark_survives_and_is_found_again, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    the_marks_file_is_private_and_signed_by_the_markers_key,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_flipped_byte_on_any_line_is_reported_with_its_line,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    marks_moved_beside_another_session_are_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    an_old_unsigned_marks_file_is_refused_clearly, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_torn_tail_is_ignored_then_set_aside, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    another_accounts_key_may_read_but_not_append, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    an_interrupted_creation_holds_no_mark_and_says_so, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
