/*
 * Unit tests for io/journal: the round trip, the lock, the torn tail, the
 * refusal of damage with its line number, tamper evidence down to every
 * single byte, and the durability promise under injected I/O failures.
 *
 * write() and fdatasync() are wrapped at link time (-Wl,--wrap=..., see the
 * Makefile): the wrappers pass through unless a test arms a failure for the
 * next call.  Failures are injected rather than provoked with chmod, which
 * root (the CI user) ignores.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "unit/cmocka_prelude.h"
#include "io/event_json.h"
#include "io/journal.h"

/* --- failure injection ---------------------------------------------------- */

ssize_t	__real_write(int, const void *, size_t);
ssize_t	__wrap_write(int, const void *, size_t);
int	__real_fdatasync(int);
int	__wrap_fdatasync(int);

static struct {
	int	write_errno;	/* the next write() fails with it */
	int	write_short;	/* the next write() writes half */
	int	fdatasync_errno;	/* the next fdatasync() fails with it */
	int	writes;		/* write() calls seen */
	int	fdatasyncs;
} inject;

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	inject.writes++;
	if (inject.write_errno != 0) {
		errno = inject.write_errno;
		inject.write_errno = 0;
		return -1;
	}
	if (inject.write_short && n > 1) {
		inject.write_short = 0;
		return __real_write(fd, buf, n / 2);
	}
	return __real_write(fd, buf, n);
}

int
__wrap_fdatasync(int fd)
{
	inject.fdatasyncs++;
	if (inject.fdatasync_errno != 0) {
		errno = inject.fdatasync_errno;
		inject.fdatasync_errno = 0;
		return -1;
	}
	return __real_fdatasync(fd);
}

/* --- fixtures ------------------------------------------------------------- */

static char	 tmpdir[64];
static char	 session[128];	/* tmpdir/s.jsonl */

static int
setup(void **state)
{
	(void)state;
	memset(&inject, 0, sizeof inject);
	strcpy(tmpdir, "/tmp/pilote-test-journal-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(session, sizeof session, "%s/s.jsonl", tmpdir);
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

static json_t *
header(void)
{
	return json_pack("{s:s, s:i, s:s, s:{s:s, s:s}, s:I, s:[s,s]}",
	    "type", "session", "format", 1, "time", "2025-11-28T09:00:00+01:00",
	    "scenario", "id", "lancement-hydra", "titre", "Lancement « Hydra »",
	    "seed", (json_int_t)4242, "teams", "rouge", "bleue");
}

static json_t *
event(int i)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:i, s:s}, s:s}",
	    "time", "2025-11-28T09:10:00+01:00", "team", i % 2 ? "rouge" : "bleue",
	    "actor", "chef", "type", "prix", "data", "montant", i * 100,
	    "note", "été à l'œuvre", "why", "marge trop faible");
}

static struct journal *
make_session(int events)
{
	struct journal	*j;
	json_t		*h = header(), *e;
	char		*cause = NULL;
	int		 i;

	if (journal_create(session, h, &j, &cause) == -1)
		fail_msg("journal_create: %s", cause);
	json_decref(h);
	for (i = 1; i <= events; i++) {
		e = event(i);
		if (journal_append(j, e, &cause) == -1)
			fail_msg("journal_append: %s", cause);
		json_decref(e);
	}
	return j;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
spit(const char *path, const char *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Offset of the start of 1-based line n of data. */
static size_t
line_start(const char *data, size_t len, size_t n)
{
	size_t	 off = 0;

	while (--n > 0) {
		const char *nl = memchr(data + off, '\n', len - off);

		assert_non_null(nl);
		off = (size_t)(nl - data) + 1;
	}
	return off;
}

static void
expect_intact(const char *path, size_t lines)
{
	struct journal_report	 r;

	if (journal_verify_file(path, &r) != 0 || r.bad_line != 0)
		fail_msg("%s: not intact: line %zu: %s", path, r.bad_line,
		    r.message);
	assert_int_equal(r.lines, lines);
	assert_null(r.message);
	assert_int_equal(r.torn_tail, 0);
	journal_report_release(&r);
}

static int
file_equals(const char *path, const char *data, size_t len)
{
	size_t	 n;
	char	*now = slurp(path, &n);
	int	 same = now != NULL && n == len && memcmp(now, data, len) == 0;

	free(now);
	return same;
}

/* --- round trip ------------------------------------------------------------ */

static void
round_trip_keeps_every_event(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	const json_t		*o;
	char			*cause = NULL, *warning = NULL, *head, *fp;
	char			*data, *line, *save;
	size_t			 len, i, n;

	(void)state;
	j = make_session(5);
	assert_int_equal(journal_count(j), 6);
	head = strdup(journal_head(j));
	fp = strdup(journal_fingerprint(j));
	journal_close(j);

	assert_int_equal(journal_open(session, JOURNAL_READ, &j, &warning,
	    &cause), 0);
	assert_null(warning);
	assert_int_equal(journal_count(j), 6);
	o = journal_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	    "session");
	assert_int_equal(json_integer_value(json_object_get(o, "seq")), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "seed")), 4242);
	assert_int_equal(strlen(json_string_value(json_object_get(o,
	    "pubkey"))), 64);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "scenario"), "titre")), "Lancement « Hydra »");
	assert_null(json_object_get(o, "hash"));
	for (i = 1; i < 6; i++) {
		o = journal_get(j, i);
		assert_int_equal(json_integer_value(json_object_get(o, "seq")),
		    i);
		assert_int_equal(json_integer_value(json_object_get(
		    json_object_get(o, "data"), "montant")), i * 100);
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(o, "data"), "note")), "été à l'œuvre");
		assert_null(json_object_get(o, "sig"));
	}
	assert_null(journal_get(j, 6));
	assert_string_equal(journal_head(j), head);
	assert_string_equal(journal_fingerprint(j), fp);
	/* "ab12 cd34 ef56 7890" */
	assert_int_equal(strlen(fp), 19);
	for (i = 0; i < 19; i++)
		assert_true(i % 5 == 4 ? fp[i] == ' ' :
		    strchr("0123456789abcdef", fp[i]) != NULL);
	journal_close(j);

	assert_int_equal(journal_verify_file(session, &r), 0);
	assert_int_equal(r.lines, 6);
	assert_int_equal(r.bad_line, 0);
	assert_null(r.message);
	assert_string_equal(r.head, head);
	assert_string_equal(r.fingerprint, fp);
	journal_report_release(&r);

	/* Each line is plain JSON for jq, UTF-8 kept, hash and sig included. */
	data = slurp(session, &len);
	n = 0;
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), n++) {
		json_t	*v = json_loads(line, JSON_REJECT_DUPLICATES, NULL);

		assert_non_null(v);
		assert_int_equal(strlen(json_string_value(json_object_get(v,
		    "hash"))), 64);
		assert_int_equal(strlen(json_string_value(json_object_get(v,
		    "sig"))), 128);
		json_decref(v);
		assert_null(strstr(line, "\\u00e9"));
	}
	assert_int_equal(n, 6);
	free(data);
	free(head);
	free(fp);
}

static void
events_are_numbered_by_the_journal(void **state)
{
	struct journal	*j;
	json_t		*e;
	char		*cause = NULL;

	(void)state;
	j = make_session(2);
	e = json_pack("{s:s, s:i}", "type", "note", "seq", 99);
	assert_int_equal(journal_append(j, e, &cause), 0);
	assert_int_equal(journal_count(j), 4);
	assert_int_equal(json_integer_value(json_object_get(journal_get(j, 3),
	    "seq")), 3);
	/* The caller's object is left alone, and later changes do not leak in. */
	assert_int_equal(json_integer_value(json_object_get(e, "seq")), 99);
	json_object_set_new(e, "type", json_string("autre"));
	assert_string_equal(json_string_value(json_object_get(journal_get(j, 3),
	    "type")), "note");
	json_decref(e);
	journal_close(j);
	expect_intact(session, 4);
}

static void
reserved_and_malformed_events_are_refused(void **state)
{
	struct journal	*j;
	json_t		*e;
	char		*cause = NULL;

	(void)state;
	j = make_session(1);
	e = json_pack("{s:s, s:s}", "type", "x", "hash", "00");
	assert_int_equal(journal_append(j, e, &cause), -1);
	assert_non_null(strstr(cause, "réservés"));
	free(cause);
	json_decref(e);
	e = json_pack("[i]", 1);
	assert_int_equal(journal_append(j, e, &cause), -1);
	assert_non_null(strstr(cause, "objet JSON"));
	free(cause);
	json_decref(e);
	assert_int_equal(journal_count(j), 2);
	journal_close(j);
	expect_intact(session, 2);
}

static void
oversized_event_is_refused(void **state)
{
	struct journal	*j;
	json_t		*e;
	char		*big, *cause = NULL;
	size_t		 n = JOURNAL_MAX_LINE + 1;

	(void)state;
	j = make_session(1);
	big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	e = json_pack("{s:s, s:s%}", "type", "x", "blob", big, n);
	assert_int_equal(journal_append(j, e, &cause), -1);
	assert_non_null(strstr(cause, "trop volumineux"));
	free(cause);
	json_decref(e);
	free(big);
	journal_close(j);
	expect_intact(session, 2);
}

static void
create_refuses_an_existing_session(void **state)
{
	struct journal	*j;
	json_t		*h = header();
	char		*cause = NULL, *before;
	size_t		 len;

	(void)state;
	j = make_session(1);
	journal_close(j);
	before = slurp(session, &len);
	assert_int_equal(journal_create(session, h, &j, &cause), -1);
	assert_null(j);
	assert_non_null(strstr(cause, "existe déjà"));
	assert_true(file_equals(session, before, len));
	free(cause);
	free(before);
	json_decref(h);
	/* The key of the existing session is still there and still works. */
	expect_intact(session, 2);
}

static void
key_file_is_private_and_outside_the_session(void **state)
{
	struct journal	*j;
	struct stat	 st;
	char		 path[256], *key, *data;
	size_t		 len, klen, i;

	(void)state;
	j = make_session(1);
	journal_close(j);
	snprintf(path, sizeof path, "%s/keys", tmpdir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/keys/s.jsonl.key", tmpdir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	key = slurp(path, &klen);
	assert_int_equal(klen, 129);
	assert_int_equal(key[128], '\n');
	for (i = 0; i < 128; i++)
		assert_non_null(strchr("0123456789abcdef", key[i]));
	/* The secret half of the key never reaches the session. */
	data = slurp(session, &len);
	key[64] = '\0';
	assert_null(strstr(data, key));
	free(data);
	free(key);
}

static void
create_fails_cleanly_when_the_key_exists(void **state)
{
	struct journal	*j;
	json_t		*h = header();
	char		 path[256], *cause = NULL;

	(void)state;
	snprintf(path, sizeof path, "%s/keys", tmpdir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/keys/s.jsonl.key", tmpdir);
	spit(path, "x\n", 2);
	assert_int_equal(journal_create(session, h, &j, &cause), -1);
	assert_non_null(strstr(cause, "existe déjà"));
	assert_int_equal(access(session, F_OK), -1);	/* not left behind */
	free(cause);
	json_decref(h);
}

/* --- one writer ------------------------------------------------------------- */

static void
second_writer_is_refused_naming_the_holder(void **state)
{
	struct journal	*j, *j2 = NULL, *r = NULL;
	struct passwd	*pw = getpwuid(geteuid());
	char		*cause = NULL, *warning = NULL, pid[32], owner[160];

	(void)state;
	j = make_session(1);
	snprintf(owner, sizeof owner, "%s.owner", session);
	assert_int_equal(access(owner, F_OK), 0);
	/* Another open file description: flock() conflicts in-process too. */
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j2, &warning,
	    &cause), -1);
	assert_null(j2);
	snprintf(pid, sizeof pid, "processus %ld ", (long)getpid());
	if (strstr(cause, pid) == NULL)
		fail_msg("cause does not name pid %ld: %s", (long)getpid(),
		    cause);
	assert_non_null(strstr(cause, "déjà ouverte en écriture"));
	if (pw != NULL)
		assert_non_null(strstr(cause, pw->pw_name));
	free(cause);
	/* The refused opener did not remove the holder's owner file. */
	assert_int_equal(access(owner, F_OK), 0);
	/* Readers are never locked out. */
	assert_int_equal(journal_open(session, JOURNAL_READ, &r, &warning,
	    &cause), 0);
	assert_int_equal(journal_count(r), 2);
	journal_close(r);
	journal_close(j);
	assert_int_equal(access(owner, F_OK), -1);
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j2, &warning,
	    &cause), 0);
	journal_close(j2);
}

static void
reader_needs_no_key_but_writer_needs_the_right_one(void **state)
{
	struct journal	*j;
	char		 key[256], moved[256], *cause = NULL, *warning = NULL;
	char		 other[128];

	(void)state;
	j = make_session(2);
	journal_close(j);
	snprintf(key, sizeof key, "%s/keys/s.jsonl.key", tmpdir);
	snprintf(moved, sizeof moved, "%s/s.key.bak", tmpdir);
	assert_int_equal(rename(key, moved), 0);
	assert_int_equal(journal_open(session, JOURNAL_READ, &j, &warning,
	    &cause), 0);
	assert_int_equal(journal_count(j), 3);
	journal_close(j);
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), -1);
	assert_non_null(strstr(cause, "clé de session introuvable"));
	free(cause);
	/* Another session's key does not open this one. */
	strcpy(other, session);
	snprintf(session, sizeof session, "%s/t.jsonl", tmpdir);
	j = make_session(0);
	journal_close(j);
	snprintf(moved, sizeof moved, "%s/keys/t.jsonl.key", tmpdir);
	assert_int_equal(rename(moved, key), 0);
	strcpy(session, other);
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), -1);
	assert_non_null(strstr(cause, "n'est pas celle de cette session"));
	free(cause);
}

static void
read_only_journal_refuses_appends(void **state)
{
	struct journal	*j;
	json_t		*e = event(9);
	char		*cause = NULL, *warning = NULL;

	(void)state;
	j = make_session(1);
	journal_close(j);
	assert_int_equal(journal_open(session, JOURNAL_READ, &j, &warning,
	    &cause), 0);
	assert_int_equal(journal_append(j, e, &cause), -1);
	assert_non_null(strstr(cause, "lecture seule"));
	free(cause);
	journal_close(j);
	json_decref(e);
}

/* --- torn tails ----------------------------------------------------------- */

static void
torn_last_line_is_set_aside_and_appends_continue(void **state)
{
	struct journal	*j;
	json_t		*e;
	char		 torn[160], *cause = NULL, *warning = NULL;
	char		*before, *half;
	size_t		 len, hlen, start;

	(void)state;
	j = make_session(3);
	journal_close(j);
	before = slurp(session, &len);
	/* Half of a copy of the last line: what a power cut leaves. */
	start = line_start(before, len, 4);
	hlen = (len - start) / 2;
	half = malloc(len + hlen);
	assert_non_null(half);
	memcpy(half, before, len);
	memcpy(half + len, before + start, hlen);
	spit(session, half, len + hlen);

	/* A reader ignores it and leaves the file alone. */
	assert_int_equal(journal_open(session, JOURNAL_READ, &j, &warning,
	    &cause), 0);
	assert_non_null(warning);
	assert_non_null(strstr(warning, ":5: "));
	assert_non_null(strstr(warning, "ignorée"));
	free(warning);
	assert_int_equal(journal_count(j), 4);
	journal_close(j);
	assert_true(file_equals(session, half, len + hlen));

	/* A writer sets it aside, byte for byte, and cuts it. */
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), 0);
	assert_non_null(warning);
	assert_non_null(strstr(warning, ":5: "));
	assert_non_null(strstr(warning, "mise de côté"));
	free(warning);
	assert_true(file_equals(session, before, len));
	snprintf(torn, sizeof torn, "%s.torn", session);
	assert_true(file_equals(torn, half + len, hlen));

	e = event(4);
	assert_int_equal(journal_append(j, e, &cause), 0);
	json_decref(e);
	assert_int_equal(journal_count(j), 5);
	journal_close(j);
	expect_intact(session, 5);
	free(half);
	free(before);
}

static void
refused_writer_leaves_a_torn_tail_in_place(void **state)
{
	struct journal	*j;
	char		 key[256], moved[256], torn[160], *cause = NULL;
	char		*warning = NULL, *data;
	size_t		 len;

	(void)state;
	j = make_session(2);
	journal_close(j);
	data = slurp(session, &len);
	spit(session, data, len - 10);
	snprintf(key, sizeof key, "%s/keys/s.jsonl.key", tmpdir);
	snprintf(moved, sizeof moved, "%s/s.key.bak", tmpdir);
	assert_int_equal(rename(key, moved), 0);
	/* Without the key nothing is repaired: every check comes first. */
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), -1);
	assert_null(warning);
	free(cause);
	assert_true(file_equals(session, data, len - 10));
	snprintf(torn, sizeof torn, "%s.torn", session);
	assert_int_equal(access(torn, F_OK), -1);
	free(data);
}

static void
complete_line_without_newline_is_torn(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	char			*data, *cause = NULL, *warning = NULL;
	size_t			 len;

	(void)state;
	j = make_session(3);
	journal_close(j);
	data = slurp(session, &len);
	/* The write() was cut just before its last byte: never acknowledged. */
	assert_int_equal(journal_verify_buffer(data, len - 1, &r), 0);
	assert_int_equal(r.torn_tail, 1);
	assert_int_equal(r.bad_line, 4);
	assert_int_equal(r.lines, 3);
	assert_non_null(strstr(r.message, "fin de ligne"));
	journal_report_release(&r);
	spit(session, data, len - 1);
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), 0);
	assert_int_equal(journal_count(j), 3);
	free(warning);
	journal_close(j);
	expect_intact(session, 3);
	free(data);
}

static void
empty_or_headless_journal_is_refused(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	char			*data, *cause = NULL, *warning = NULL;
	size_t			 len;

	(void)state;
	assert_int_equal(journal_verify_buffer("", 0, &r), -1);
	assert_int_equal(r.bad_line, 1);
	assert_non_null(r.message);
	journal_report_release(&r);
	assert_int_equal(journal_verify_file(session, &r), -2);
	assert_non_null(strstr(r.message, "introuvable"));
	journal_report_release(&r);

	j = make_session(0);
	journal_close(j);
	data = slurp(session, &len);
	/* A torn header is no session at all: nothing to continue. */
	assert_int_equal(journal_verify_buffer(data, len / 2, &r), -1);
	assert_int_equal(r.bad_line, 1);
	assert_int_equal(r.torn_tail, 0);
	assert_non_null(strstr(r.message, "création de la session a été "
	    "interrompue"));
	journal_report_release(&r);
	spit(session, "", 0);
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), -1);
	assert_non_null(strstr(cause, ":1: "));
	free(cause);
	free(data);
}

/* --- damage ---------------------------------------------------------------- */

static void
damaged_middle_line_is_refused_with_its_line(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	char			*data, *cause = NULL, *warning = NULL, *at;
	char			 want[160];
	size_t			 len;

	(void)state;
	j = make_session(5);
	journal_close(j);
	data = slurp(session, &len);
	/* Line 3 (seq 2): "montant":200 becomes 900. */
	at = strstr(data + line_start(data, len, 3), "\"montant\":200");
	assert_non_null(at);
	at[11] = '9';
	spit(session, data, len);
	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), -1);
	snprintf(want, sizeof want, "%s:3: ", session);
	if (strncmp(cause, want, strlen(want)) != 0)
		fail_msg("cause: %s", cause);
	assert_non_null(strstr(cause, "empreinte"));
	free(cause);
	assert_true(file_equals(session, data, len));	/* never repaired */
	assert_int_equal(journal_open(session, JOURNAL_READ, &j, &warning,
	    &cause), -1);
	free(cause);
	assert_int_equal(journal_verify_file(session, &r), -1);
	assert_int_equal(r.bad_line, 3);
	assert_int_equal(r.lines, 2);
	assert_int_equal(r.torn_tail, 0);
	journal_report_release(&r);
	free(data);
}

static void
overlong_line_is_refused_unread(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	char			*data, *big;
	size_t			 len, n = JOURNAL_MAX_LINE + 1;

	(void)state;
	j = make_session(1);
	journal_close(j);
	data = slurp(session, &len);
	/* Header, 16 Mio + 1 of junk, the old line 2. */
	big = malloc(len + n + 1);
	assert_non_null(big);
	memcpy(big, data, line_start(data, len, 2));
	memset(big + line_start(data, len, 2), 'x', n);
	big[line_start(data, len, 2) + n] = '\n';
	memcpy(big + line_start(data, len, 2) + n + 1,
	    data + line_start(data, len, 2), len - line_start(data, len, 2));
	assert_int_equal(journal_verify_buffer(big, len + n + 1, &r), -1);
	assert_int_equal(r.bad_line, 2);
	assert_non_null(strstr(r.message, "trop longue"));
	journal_report_release(&r);
	free(big);
	free(data);
}

/* The journal with 1-based lines a and b exchanged, or b removed (a == 0). */
static char *
rearranged(const char *data, size_t len, size_t a, size_t b, size_t *outlen)
{
	size_t	 sa = line_start(data, len, a ? a : 1);
	size_t	 ea = line_start(data, len, (a ? a : 1) + 1);
	size_t	 sb = line_start(data, len, b), eb = line_start(data, len, b + 1);
	char	*out = malloc(len), *p = out;

	assert_non_null(out);
	if (a == 0) {
		memcpy(p, data, sb);
		memcpy(p + sb, data + eb, len - eb);
		*outlen = len - (eb - sb);
		return out;
	}
	assert_true(a < b && ea <= sb);
	memcpy(p, data, sa);
	p += sa;
	memcpy(p, data + sb, eb - sb);
	p += eb - sb;
	memcpy(p, data + ea, sb - ea);
	p += sb - ea;
	memcpy(p, data + sa, ea - sa);
	p += ea - sa;
	memcpy(p, data + eb, len - eb);
	*outlen = len;
	return out;
}

static void
removed_swapped_or_repeated_lines_are_refused(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	char			*data, *bad, *head;
	size_t			 len, blen, s3, s4;

	(void)state;
	j = make_session(6);
	head = strdup(journal_head(j));
	journal_close(j);
	data = slurp(session, &len);

	bad = rearranged(data, len, 0, 3, &blen);	/* line 3 removed */
	assert_int_equal(journal_verify_buffer(bad, blen, &r), -1);
	assert_int_equal(r.bad_line, 3);
	journal_report_release(&r);
	free(bad);

	bad = rearranged(data, len, 3, 5, &blen);	/* lines 3 and 5 swapped */
	assert_int_equal(journal_verify_buffer(bad, blen, &r), -1);
	assert_int_equal(r.bad_line, 3);
	journal_report_release(&r);
	free(bad);

	/* Line 3 repeated after itself. */
	s3 = line_start(data, len, 3);
	s4 = line_start(data, len, 4);
	bad = malloc(len + s4 - s3);
	assert_non_null(bad);
	memcpy(bad, data, s4);
	memcpy(bad + s4, data + s3, len - s3);
	assert_int_equal(journal_verify_buffer(bad, len + s4 - s3, &r), -1);
	assert_int_equal(r.bad_line, 4);
	journal_report_release(&r);
	free(bad);

	/*
	 * Whole last lines cut off still verify: only the head, written down
	 * elsewhere, shows it.
	 */
	assert_int_equal(journal_verify_buffer(data, line_start(data, len, 7),
	    &r), 0);
	assert_int_equal(r.lines, 6);
	assert_string_not_equal(r.head, head);
	journal_report_release(&r);
	free(head);
	free(data);
}

static void
recomputed_hash_without_the_key_fails_the_signature(void **state)
{
	crypto_generichash_state	 st;
	struct journal_report		 r;
	struct journal			*j;
	unsigned char			 prev[32], h[32];
	char				*data, *line, *seal, *at, hex[65];
	size_t				 len;

	(void)state;
	j = make_session(3);
	journal_close(j);
	data = slurp(session, &len);
	/*
	 * Line 2 gets a new amount and a hash recomputed from line 1's, as
	 * anyone can: only the signature, which needs the key, is left stale.
	 */
	line = data + line_start(data, len, 2);
	at = strstr(line, "\"montant\":100");
	assert_non_null(at);
	at[11] = '9';
	assert_int_equal(sodium_hex2bin(prev, sizeof prev,
	    strstr(data, "\"hash\":\"") + 8, 64, NULL, NULL, NULL), 0);
	seal = strstr(line, ",\"hash\":\"");
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, prev, 32);
	crypto_generichash_update(&st, (unsigned char *)line,
	    (size_t)(seal - line));
	crypto_generichash_update(&st, (const unsigned char *)"}", 1);
	crypto_generichash_final(&st, h, 32);
	sodium_bin2hex(hex, sizeof hex, h, 32);
	memcpy(seal + 9, hex, 64);
	assert_int_equal(journal_verify_buffer(data, len, &r), -1);
	assert_int_equal(r.bad_line, 2);
	assert_non_null(strstr(r.message, "signature invalide"));
	journal_report_release(&r);
	free(data);
}

/* A printable character other than c, varying with the offset. */
static char
other_printable(char c, size_t off)
{
	char	 r = (char)(0x21 + (off * 7) % 94);

	if (r == c)
		r = r == 0x7e ? 0x21 : (char)(r + 1);
	return r;
}

static void
every_flipped_byte_is_detected(void **state)
{
	struct journal_report	 r;
	struct journal		*j;
	char			*data, *copy;
	size_t			*line_of, len, off, line, nlines, checked = 0;
	int			 variant, rc;

	(void)state;
	/*
	 * Each check costs one signature check per line before the damage
	 * (60 µs here): short events keep the 2 × bytes checks to seconds.
	 */
	j = make_session(0);
	for (off = 1; off <= 20; off++) {
		json_t	*e;
		char	*cause = NULL;

		e = off % 5 == 0 ? event((int)off) : json_pack("{s:s, s:s, "
		    "s:{s:i}}", "type", "prix", "team", "rouge", "data", "m",
		    (int)off);
		if (journal_append(j, e, &cause) == -1)
			fail_msg("append: %s", cause);
		json_decref(e);
	}
	journal_close(j);
	data = slurp(session, &len);
	line_of = malloc(len * sizeof *line_of);
	copy = malloc(len);
	assert_non_null(line_of);
	assert_non_null(copy);
	for (off = 0, line = 1; off < len; off++) {
		line_of[off] = line;
		if (data[off] == '\n')
			line++;
	}
	nlines = line - 1;
	assert_int_equal(nlines, 21);

	memcpy(copy, data, len);
	for (off = 0; off < len; off++) {
		for (variant = 0; variant < 2; variant++) {
			copy[off] = variant == 0 ? (char)(data[off] ^ 0x01) :
			    other_printable(data[off], off);
			rc = journal_verify_buffer(copy, len, &r);
			if (rc == 0 && r.torn_tail && line_of[off] == nlines &&
			    r.bad_line == nlines)
				;	/* the last line: torn, not intact */
			else if (rc != -1 || r.bad_line != line_of[off] ||
			    r.torn_tail)
				fail_msg("byte %zu (line %zu) %s 0x%02x -> "
				    "0x%02x: rc %d, bad line %zu, torn %d, %s",
				    off, line_of[off], variant ? "replaced" :
				    "flipped", (unsigned char)data[off],
				    (unsigned char)copy[off], rc, r.bad_line,
				    r.torn_tail, r.message ? r.message : "intact");
			assert_non_null(r.message);
			journal_report_release(&r);
			checked++;
		}
		copy[off] = data[off];
	}
	print_message("%zu altered journals of %zu bytes, all detected\n",
	    checked, len);
	free(copy);
	free(line_of);
	free(data);
}

/* --- the durability promise under failures -------------------------------- */

/* Appends event(n) with one injected failure; the file must not change. */
static char *
append_failing(struct journal *j, int n)
{
	json_t	*e = event(n);
	char	*before, *cause = NULL;
	size_t	 len, count = journal_count(j);

	before = slurp(session, &len);
	assert_int_equal(journal_append(j, e, &cause), -1);
	assert_non_null(cause);
	assert_true(file_equals(session, before, len));
	assert_int_equal(journal_count(j), count);
	json_decref(e);
	free(before);
	return cause;
}

static void
append_ok(struct journal *j, int n)
{
	json_t	*e = event(n);
	char	*cause = NULL;

	if (journal_append(j, e, &cause) == -1)
		fail_msg("append: %s", cause);
	json_decref(e);
}

static void
full_disk_leaves_the_file_unchanged(void **state)
{
	struct journal	*j;
	char		*cause;

	(void)state;
	j = make_session(2);
	inject.write_errno = ENOSPC;
	cause = append_failing(j, 3);
	assert_string_equal(cause, "décision non enregistrée : disque plein");
	free(cause);
	/* Space freed: the same decision goes through. */
	append_ok(j, 3);
	journal_close(j);
	expect_intact(session, 4);
}

static void
short_write_is_cut_back(void **state)
{
	struct journal	*j;
	char		*cause;

	(void)state;
	j = make_session(2);
	inject.write_short = 1;
	cause = append_failing(j, 3);
	assert_non_null(strstr(cause, "écriture incomplète"));
	free(cause);
	append_ok(j, 3);
	journal_close(j);
	expect_intact(session, 4);
}

static void
read_only_file_system_is_reported(void **state)
{
	struct journal	*j;
	char		*cause;

	(void)state;
	j = make_session(2);
	inject.write_errno = EROFS;
	cause = append_failing(j, 3);
	assert_string_equal(cause, "décision non enregistrée : système de "
	    "fichiers en lecture seule");
	free(cause);
	journal_close(j);
	expect_intact(session, 3);
}

static void
failed_fdatasync_refuses_every_later_append(void **state)
{
	struct journal	*j;
	json_t		*e;
	char		*cause, *warning = NULL;
	int		 writes, syncs;

	(void)state;
	j = make_session(2);
	inject.fdatasync_errno = EIO;
	cause = append_failing(j, 3);
	assert_non_null(strstr(cause, "n'a pas confirmé"));
	assert_non_null(strstr(cause, "rouvrez"));
	free(cause);
	/* Never retried: no write, no fdatasync, until reopened. */
	writes = inject.writes;
	syncs = inject.fdatasyncs;
	cause = append_failing(j, 3);
	assert_non_null(strstr(cause, "rouvrez la session"));
	free(cause);
	assert_int_equal(inject.writes, writes);
	assert_int_equal(inject.fdatasyncs, syncs);
	journal_close(j);

	assert_int_equal(journal_open(session, JOURNAL_WRITE, &j, &warning,
	    &cause), 0);
	assert_null(warning);
	assert_int_equal(journal_count(j), 3);
	e = event(3);
	assert_int_equal(journal_append(j, e, &cause), 0);
	json_decref(e);
	journal_close(j);
	expect_intact(session, 4);
}

static void
write_eio_poisons_the_journal(void **state)
{
	struct journal	*j;
	char		*cause;

	(void)state;
	j = make_session(1);
	inject.write_errno = EIO;
	cause = append_failing(j, 2);
	assert_non_null(strstr(cause, "entrée-sortie"));
	free(cause);
	cause = append_failing(j, 2);
	assert_non_null(strstr(cause, "rouvrez la session"));
	free(cause);
	journal_close(j);
	expect_intact(session, 2);
}

static void
file_changed_behind_the_writer_is_not_appended_to(void **state)
{
	struct journal	*j;
	char		*cause;
	FILE		*f;

	(void)state;
	j = make_session(1);
	f = fopen(session, "ab");
	assert_non_null(f);
	fputs("{\"x\":1}\n", f);
	fclose(f);
	cause = append_failing(j, 2);
	assert_non_null(strstr(cause, "modifié par un autre programme"));
	free(cause);
	journal_close(j);
}

/*
 * "declared" (an actor named on a shared console) is written only when
 * true, so the lines of older sessions keep their bytes, and read back.
 */
static void
declared_is_written_only_when_true(void **state)
{
	struct event	 e, back;
	json_t		*o;
	char		*cause = NULL, *text;

	(void)state;
	event_init(&e);
	assert_false(e.declared);
	e.time = 1;
	event_set(&e.team, "Alpha");
	event_set(&e.actor, "Léa Martin");
	event_set(&e.type, "outil");
	o = event_to_json(&e);
	assert_null(json_object_get(o, "declared"));
	text = json_dumps(o, JSON_COMPACT);
	assert_string_equal(text, "{\"time\":1,\"team\":\"Alpha\",\"actor\":"
	    "\"Léa Martin\",\"type\":\"outil\",\"data\":{}}");
	free(text);
	assert_int_equal(event_from_json(o, &back, &cause), 0);
	assert_false(back.declared);
	event_release(&back);
	json_decref(o);
	e.declared = true;
	o = event_to_json(&e);
	assert_true(json_is_true(json_object_get(o, "declared")));
	assert_int_equal(event_from_json(o, &back, &cause), 0);
	assert_true(back.declared);
	event_release(&back);
	json_object_set_new(o, "declared", json_string("oui"));
	assert_int_equal(event_from_json(o, &back, &cause), -1);
	assert_non_null(strstr(cause, "declared"));
	free(cause);
	json_decref(o);
	event_release(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(round_trip_keeps_every_event),
		T(events_are_numbered_by_the_journal),
		T(reserved_and_malformed_events_are_refused),
		T(oversized_event_is_refused),
		T(create_refuses_an_existing_session),
		T(key_file_is_private_and_outside_the_session),
		T(create_fails_cleanly_when_the_key_exists),
		T(second_writer_is_refused_naming_the_holder),
		T(reader_needs_no_key_but_writer_needs_the_right_one),
		T(read_only_journal_refuses_appends),
		T(torn_last_line_is_set_aside_and_appends_continue),
		T(refused_writer_leaves_a_torn_tail_in_place),
		T(complete_line_without_newline_is_torn),
		T(empty_or_headless_journal_is_refused),
		T(damaged_middle_line_is_refused_with_its_line),
		T(removed_swapped_or_repeated_lines_are_refused),
		T(overlong_line_is_refused_unread),
		T(recomputed_hash_without_the_key_fails_the_signature),
		T(every_flipped_byte_is_detected),
		T(full_disk_leaves_the_file_unchanged),
		T(short_write_is_cut_back),
		T(read_only_file_system_is_reported),
		T(failed_fdatasync_refuses_every_later_append),
		T(write_eio_poisons_the_journal),
		T(file_changed_behind_the_writer_is_not_appended_to),
		T(declared_is_written_only_when_true),
#undef T
	};

	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
