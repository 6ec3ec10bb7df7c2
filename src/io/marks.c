/*
 * marks: durable, signed evaluators' marks (see marks.h).
 *
 * Everything about integrity is io/journal.c's: this file only chooses the
 * header, checks that it names the session, and turns lines into marks.
 * A mark is written by opening the journal for writing, appending one line
 * and closing it again, so that the lock is held only while marking (two
 * evaluators of one account may replay at once) and the set is rebuilt
 * from what the file holds at that moment.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/scenario.h"
#include "io/journal.h"
#include "io/marks.h"
#include "io/signkey.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The first line of an old marks file is read to recognise it, no more. */
#define MARKS_PEEK_MAX	(64 * 1024)

const char *const mark_level_keys[4] = {
	"", "acquis", "partiel", "non_acquis"
};
const char *const mark_level_labels[4] = {
	N_("non noté"), N_("acquis"), N_("partiellement acquis"),
	N_("non acquis")
};

static void
mark_free(struct mark *m)
{
	free(m->team);
	free(m->candidate);
	free(m->comment);
	free(m->evidence);
	free(m->author);
	memset(m, 0, sizeof *m);
}

static void
mark_copy(struct mark *dst, const struct mark *src)
{
	*dst = *src;
	dst->team = xstrdup(src->team);
	dst->candidate = src->candidate ? xstrdup(src->candidate) : NULL;
	dst->comment = xstrdup(src->comment ? src->comment : "");
	dst->author = xstrdup(src->author ? src->author : "");
	dst->evidence = xcalloc((size_t)src->nevidence + 1, sizeof(int64_t));
	if (src->nevidence > 0)
		memcpy(dst->evidence, src->evidence,
		    (size_t)src->nevidence * sizeof(int64_t));
}

static bool
mark_same_key(const struct mark *a, const struct mark *b)
{
	return strcmp(a->team, b->team) == 0 && a->criterion == b->criterion &&
	    ((a->candidate == NULL && b->candidate == NULL) ||
	    (a->candidate != NULL && b->candidate != NULL &&
	    strcmp(a->candidate, b->candidate) == 0));
}

static void
marks_set(struct marks *ms, const struct mark *m)
{
	int	 i;

	for (i = 0; i < ms->count; i++) {
		if (mark_same_key(&ms->items[i], m)) {
			mark_free(&ms->items[i]);
			mark_copy(&ms->items[i], m);
			return;
		}
	}
	ms->items = xreallocarray(ms->items, (size_t)ms->count + 1,
	    sizeof *ms->items);
	mark_copy(&ms->items[ms->count++], m);
}

static void
marks_clear(struct marks *ms)
{
	int	 i;

	for (i = 0; i < ms->count; i++)
		mark_free(&ms->items[i]);
	free(ms->items);
	ms->items = NULL;
	ms->count = 0;
}

/* A mark line (verified by the journal) into a mark; -1 if it is none. */
static int
marks_parse(const json_t *o, struct mark *m)
{
	const char	*crit, *level, *type;
	const json_t	*ev, *v;
	size_t		 i;
	int		 k;

	memset(m, 0, sizeof *m);
	type = json_string_value(json_object_get(o, "type"));
	crit = json_string_value(json_object_get(o, "criterion"));
	level = json_string_value(json_object_get(o, "level"));
	if (type == NULL || strcmp(type, "mark") != 0 ||
	    !json_is_string(json_object_get(o, "team")) || crit == NULL ||
	    level == NULL)
		return -1;
	if ((k = scenario_keyword(scenario_e3_keys, E3_CRITERION_COUNT,
	    crit)) < 0)
		return -1;
	m->criterion = k;
	/* MARK_NONE ("") is no level one can give. */
	if ((k = scenario_keyword(mark_level_keys, 4, level)) <= 0)
		return -1;
	m->level = (enum mark_level)k;
	m->team = xstrdup(json_string_value(json_object_get(o, "team")));
	v = json_object_get(o, "candidate");
	m->candidate = json_is_string(v) ? xstrdup(json_string_value(v)) :
	    NULL;
	v = json_object_get(o, "comment");
	m->comment = xstrdup(json_is_string(v) ? json_string_value(v) : "");
	v = json_object_get(o, "author");
	m->author = xstrdup(json_is_string(v) ? json_string_value(v) : "");
	v = json_object_get(o, "time");
	m->time = json_is_integer(v) ? json_integer_value(v) : 0;
	ev = json_object_get(o, "evidence");
	m->evidence = xcalloc(json_array_size(ev) + 1, sizeof(int64_t));
	for (i = 0; i < json_array_size(ev); i++)
		if (json_is_integer(json_array_get(ev, i)))
			m->evidence[m->nevidence++] =
			    json_integer_value(json_array_get(ev, i));
	return 0;
}

/* The line of a mark, without "seq": the journal numbers it. */
static json_t *
marks_line(const struct mark *m)
{
	json_t	*o, *ev;
	int	 i;

	ev = json_array();
	for (i = 0; i < m->nevidence; i++)
		json_array_append_new(ev, json_integer(m->evidence[i]));
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:o}", "type", "mark",
	    "team", m->team, "criterion", scenario_e3_keys[m->criterion],
	    "level", mark_level_keys[m->level], "comment",
	    m->comment ? m->comment : "", "author", m->author ? m->author : "",
	    "time", (json_int_t)m->time, "evidence", ev);
	if (o != NULL && m->candidate != NULL)
		json_object_set_new(o, "candidate", json_string(m->candidate));
	return o;
}

/*
 * Checks line 0 of an open marks journal against the session; -1, *cause
 * "file:1: why".
 */
static int
marks_check_header(const struct marks *ms, const struct journal *j,
    char **cause)
{
	const json_t	*h = journal_get(j, 0);
	const char	*type = json_string_value(json_object_get(h, "type"));
	const char	*bound = json_string_value(json_object_get(h,
			    "session_header"));
	const char	*name = json_string_value(json_object_get(h,
			    "session"));
	const json_t	*format = json_object_get(h, "format");

	if (type == NULL || strcmp(type, "marks") != 0) {
		*cause = xasprintf(_("%s:1: ce n'est pas un fichier de notes "
		    "pilote (en-tête sans \"type\":\"marks\")"), ms->path);
		return -1;
	}
	if (!json_is_integer(format) ||
	    json_integer_value(format) != MARKS_FORMAT) {
		*cause = xasprintf(_("%s:1: fichier de notes d'un format "
		    "inconnu (%lld) : cette version de pilote lit le format "
		    "%d"), ms->path, json_is_integer(format) ?
		    (long long)json_integer_value(format) : 0LL, MARKS_FORMAT);
		return -1;
	}
	if (bound == NULL || strcmp(bound, ms->session_header) != 0) {
		*cause = xasprintf(_("%s:1: ces notes appartiennent à une autre "
		    "session (« %s », en-tête %.*s), pas à %s (en-tête %.*s) : "
		    "refusées"), ms->path, name != NULL ? name : "?",
		    JOURNAL_SHORT_HEAD, bound != NULL ? bound : "?",
		    ms->session_name, JOURNAL_SHORT_HEAD, ms->session_header);
		return -1;
	}
	return 0;
}

/* Rebuilds the set and the counts from an open, verified marks journal. */
static int
marks_fill(struct marks *ms, const struct journal *j, char **cause)
{
	struct mark	 m;
	size_t		 seq;

	if (marks_check_header(ms, j, cause) == -1)
		return -1;
	marks_clear(ms);
	for (seq = 1; seq < journal_count(j); seq++) {
		/* Signed by the marker yet not a mark: refused, never skipped. */
		if (marks_parse(journal_get(j, seq), &m) == -1) {
			*cause = xasprintf(_("%s:%zu: note illisible : équipe, "
			    "critère ou niveau absent ou inconnu"), ms->path,
			    seq + 1);
			marks_clear(ms);
			return -1;
		}
		marks_set(ms, &m);
		mark_free(&m);
	}
	ms->recorded = journal_count(j) - 1;
	snprintf(ms->signer, sizeof ms->signer, "%s", journal_fingerprint(j));
	return 0;
}

/*
 * What a marks file that the journal refused looks like, from its first
 * line: 1 if it is an unsigned marks file of the first format (plain JSON
 * Lines of marks), 2 if its header was never completed (no newline and no
 * signature at all: its creation was interrupted, it holds no mark; lines
 * glued together are the journal's to refuse), else 0.
 */
static int
marks_peek(const char *path)
{
	json_error_t	 err;
	json_t		*o;
	char		 buf[MARKS_PEEK_MAX];
	const char	*nl;
	ssize_t		 n;
	int		 fd, kind = 0;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0)
		return 0;
	if ((nl = memchr(buf, '\n', (size_t)n)) == NULL)
		return n < (ssize_t)sizeof buf && memmem(buf, (size_t)n,
		    "\"sig\":\"", 7) == NULL ? 2 : 0;
	o = json_loadb(buf, (size_t)(nl - buf), 0, &err);
	/* Old lines were marks with no seal; a header is no mark. */
	if (json_is_object(o) && json_object_get(o, "hash") == NULL &&
	    json_object_get(o, "criterion") != NULL)
		kind = 1;
	json_decref(o);
	return kind;
}

int
marks_load(const char *session_path, const struct journal *session,
    struct marks *ms, char **warning, char **cause)
{
	return marks_load_bound(session_path, journal_header_hash(session), ms,
	    warning, cause);
}

int
marks_load_bound(const char *session_path, const char *session_header,
    struct marks *ms, char **warning, char **cause)
{
	struct journal	*j;
	struct stat	 st;
	const char	*base = strrchr(session_path, '/');
	char		*why = NULL;
	int		 code, kind;

	memset(ms, 0, sizeof *ms);
	*warning = NULL;
	ms->path = xasprintf("%s.marks", session_path);
	ms->session_name = xstrdup(base != NULL ? base + 1 : session_path);
	ms->session_header = xstrdup(session_header);
	/* Any other failure is the journal's to tell, with its class. */
	if (stat(ms->path, &st) == -1 && errno == ENOENT)
		return EX_OK;
	if (journal_open(ms->path, JOURNAL_READ, &j, warning, &why) == -1) {
		code = journal_last_exit();
		kind = code == EX_DATAERR ? marks_peek(ms->path) : 0;
		if (kind == 2) {
			free(why);
			ms->unfinished = 1;
			*warning = xasprintf(_("%s : fichier de notes inachevé "
			    "(sa création a été interrompue) : il ne contient "
			    "aucune note"), ms->path);
			return EX_OK;
		}
		if (kind == 1) {
			free(why);
			*cause = xasprintf(_("%s:1: fichier de notes de l'ancien "
			    "format, ni chaîné ni signé : rien ne prouve que ses "
			    "notes n'ont pas été modifiées ; renommez-le (par "
			    "exemple en %s.ancien) et saisissez de nouveau les "
			    "notes (pilote replay, touche m, ou pilote mark)"),
			    ms->path, ms->path);
			code = EX_DATAERR;
		} else
			*cause = why;
		marks_release(ms);
		return code;
	}
	code = marks_fill(ms, j, cause) == -1 ? EX_DATAERR : EX_OK;
	journal_close(j);
	if (code != EX_OK)
		marks_release(ms);
	return code;
}

/* The first mark: a new file, its header bound to the session. */
static int
marks_create(struct marks *ms, struct journal **j, char **cause)
{
	json_t	*header;
	int	 rc;

	header = json_pack("{s:s,s:i,s:s,s:s}", "type", "marks", "format",
	    MARKS_FORMAT, "session", ms->session_name, "session_header",
	    ms->session_header);
	rc = journal_create_unkeyed(ms->path, header, j, cause);
	json_decref(header);
	return rc;
}

/*
 * Makes sure this account has a key before opening a marks file begun by
 * someone: then a refusal names both keys instead of saying "no key".
 */
static int
marks_own_key(char **cause)
{
	struct signkey	 key;
	int		 code;

	if (signkey_load(&key, 1, NULL, cause, &code) == -1)
		return code;
	signkey_release(&key);
	return EX_OK;
}

int
marks_put(struct marks *ms, const struct mark *m, char **cause)
{
	struct journal	*j = NULL;
	struct stat	 st;
	json_t		*line;
	char		*why = NULL, *warning = NULL;
	const char	*what;
	int		 code;

	/* An evaluator's words follow the rule of every text that comes in. */
	what = _("commentaire");
	if ((why = text_check(m->comment, true)) == NULL) {
		what = _("évaluateur");
		why = text_check(m->author, false);
	}
	if (why != NULL) {
		*cause = xasprintf(_("note non enregistrée : %s : %s"), what,
		    why);
		free(why);
		return EX_DATAERR;
	}
	if (lstat(ms->path, &st) == -1 && errno == ENOENT) {
		if (marks_create(ms, &j, &why) == 0)
			goto append;
		/* Another marker may have made it meanwhile: open it. */
		if ((code = journal_last_exit()) != EX_CANTCREAT)
			goto refused;
		free(why);
		why = NULL;
	}
	if ((code = marks_own_key(&why)) != EX_OK)
		goto refused;
	if (journal_open_unkeyed(ms->path, JOURNAL_WRITE, &j, &warning,
	    &why) == -1) {
		code = journal_last_exit();
		if (marks_peek(ms->path) == 2) {
			free(why);
			why = xasprintf(_("%s : fichier de notes inachevé (sa "
			    "création a été interrompue, il ne contient aucune "
			    "note) : supprimez-le, puis notez de nouveau"),
			    ms->path);
		}
		goto refused;
	}
	/* A torn tail is now in "<file>.torn": nothing was lost. */
	free(warning);
	/* The file may have changed since it was read: read it again. */
	code = EX_DATAERR;
	if (marks_fill(ms, j, &why) == -1)
		goto refused;
append:
	/* json_pack() refuses a text that is not UTF-8. */
	if ((line = marks_line(m)) == NULL) {
		code = EX_DATAERR;
		*cause = xstrdup(_("Note non enregistrée : texte illisible "
		    "(UTF-8 attendu)"));
		goto out;
	}
	if (journal_append(j, line, &why) == -1) {
		code = journal_last_exit();
		json_decref(line);
		*cause = xasprintf(_("Note non enregistrée : %s : %s"),
		    ms->path, why);
		free(why);
		goto out;
	}
	json_decref(line);
	marks_set(ms, m);
	ms->recorded = journal_count(j) - 1;
	ms->unfinished = 0;
	snprintf(ms->signer, sizeof ms->signer, "%s", journal_fingerprint(j));
	code = EX_OK;
	goto out;
refused:
	*cause = xasprintf(_("Note non enregistrée : %s"), why);
	free(why);
out:
	journal_close(j);
	return code;
}

const struct mark *
marks_find(const struct marks *ms, const char *team, const char *candidate,
    int criterion)
{
	struct mark	 key;
	int		 i;

	memset(&key, 0, sizeof key);
	key.team = (char *)(uintptr_t)team;
	key.candidate = (char *)(uintptr_t)candidate;
	key.criterion = criterion;
	for (i = 0; i < ms->count; i++)
		if (mark_same_key(&ms->items[i], &key))
			return &ms->items[i];
	return NULL;
}

const char *
marks_default_author(void)
{
	const char	*user = getenv("USER");

	return user != NULL && user[0] != '\0' ? user : _("évaluateur");
}

void
marks_release(struct marks *ms)
{
	marks_clear(ms);
	free(ms->path);
	free(ms->session_name);
	free(ms->session_header);
	memset(ms, 0, sizeof *ms);
}
