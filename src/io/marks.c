/*
 * marks: durable evaluators' marks (see marks.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/scenario.h"
#include "io/marks.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

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

/* One line into a mark; -1 if it is not one. */
static int
marks_parse(const char *line, size_t n, struct mark *m)
{
	json_t		*o, *ev, *v;
	json_error_t	 err;
	const char	*crit, *level;
	size_t		 i;
	int		 k, rc = -1;

	memset(m, 0, sizeof *m);
	if ((o = json_loadb(line, n, 0, &err)) == NULL)
		return -1;
	crit = json_string_value(json_object_get(o, "criterion"));
	level = json_string_value(json_object_get(o, "level"));
	if (!json_is_string(json_object_get(o, "team")) || crit == NULL ||
	    level == NULL)
		goto out;
	if ((k = scenario_keyword(scenario_e3_keys, E3_CRITERION_COUNT,
	    crit)) < 0)
		goto out;
	m->criterion = k;
	if ((k = scenario_keyword(mark_level_keys, 4, level)) < 0)
		goto out;
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
	rc = 0;
out:
	json_decref(o);
	if (rc == -1)
		mark_free(m);
	return rc;
}

int
marks_load(const char *session_path, struct marks *ms, char **cause)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;
	int	 lineno = 0, bad = 0;
	struct mark m;

	memset(ms, 0, sizeof *ms);
	ms->path = xasprintf("%s.marks", session_path);
	if ((f = fopen(ms->path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf(_("%s : lecture impossible : %s"), ms->path,
		    strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (bad) {
			/* Damage before the last line is not a torn tail. */
			*cause = xasprintf(_("%s:%d: ligne illisible"), ms->path,
			    bad);
			free(line);
			fclose(f);
			return -1;
		}
		if (line[n - 1] != '\n' || marks_parse(line, (size_t)n - 1,
		    &m) == -1) {
			bad = lineno;
			continue;
		}
		marks_set(ms, &m);
		mark_free(&m);
	}
	free(line);
	fclose(f);
	return 0;
}

int
marks_put(struct marks *ms, const struct mark *m, char **cause)
{
	json_t	*o, *ev;
	const char *what;
	char	*s, *buf, *why;
	size_t	 n;
	ssize_t	 w;
	int	 fd, i;

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
		return -1;
	}
	ev = json_array();
	for (i = 0; i < m->nevidence; i++)
		json_array_append_new(ev, json_integer(m->evidence[i]));
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:o}", "team", m->team,
	    "criterion", scenario_e3_keys[m->criterion], "level",
	    mark_level_keys[m->level], "comment", m->comment ? m->comment : "",
	    "author", m->author ? m->author : "", "time", (json_int_t)m->time,
	    "evidence", ev);
	if (m->candidate != NULL)
		json_object_set_new(o, "candidate", json_string(m->candidate));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	n = strlen(s);
	buf = xasprintf("%s\n", s);
	free(s);
	/* One write and a sync: a mark is saved or not, never half. */
	if ((fd = open(ms->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0640)) == -1 || (w = write(fd, buf, n + 1)) != (ssize_t)(n + 1) ||
	    fdatasync(fd) == -1) {
		*cause = xasprintf(_("%s : note non enregistrée : %s"),
		    ms->path, strerror(errno));
		if (fd != -1)
			close(fd);
		free(buf);
		return -1;
	}
	close(fd);
	free(buf);
	marks_set(ms, m);
	return 0;
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

void
marks_release(struct marks *ms)
{
	int	 i;

	for (i = 0; i < ms->count; i++)
		mark_free(&ms->items[i]);
	free(ms->items);
	free(ms->path);
	memset(ms, 0, sizeof *ms);
}
