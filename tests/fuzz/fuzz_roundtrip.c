/*
 * libFuzzer harness for the text door and the journal's JSON: an event
 * the text rule accepts always comes back from its journal line, field for
 * field, and passes the rule again; an event it refuses is refused with a
 * message that is itself safe to print.
 *
 * The input is split at NUL bytes into command-line arguments, as `pilote
 * do` receives them: type, team, actor, by, why, cmd (an empty one is
 * absent), then key=value words for the data.  Accepted events go through
 * event_to_json(), are written and read back with the flags the journal
 * uses (json_dumps with JSON_COMPACT | JSON_SORT_KEYS, json_loads with
 * JSON_REJECT_DUPLICATES) and decoded with event_from_json(); the journal's
 * seal is left out, so that the harness does not depend on its format.
 * On the way, every argument checks the rule's own invariants: text_check()
 * agrees with text_is_clean(), and text_sanitize() always gives a clean
 * text.  A broken promise aborts.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/game.h"
#include "io/event_json.h"
#include "util/text.h"

#define MAX_ARGS	64

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
broken(const char *what)
{
	fprintf(stderr, "fuzz_roundtrip : promesse rompue : %s\n", what);
	abort();
}

/* The rule's invariants, on one text (s[len] is a NUL), as one line and as
 * prose. */
static void
check_rule(const char *s, size_t len)
{
	char	*clean, *why;
	size_t	 bad;
	int	 ml;

	for (ml = 0; ml <= 1; ml++) {
		clean = text_sanitize(s, len, ml);
		if (!text_is_clean(clean, strlen(clean), ml, NULL))
			broken("text_sanitize() donne un texte refusé");
		free(clean);
		if (text_is_clean(s, len, ml, &bad)) {
			if (memchr(s, '\0', len) == NULL &&
			    text_check(s, ml) != NULL)
				broken("text_check() refuse un texte propre");
			continue;
		}
		if (bad >= len)
			broken("octet fautif hors du texte");
		/* What is before the fault is clean. */
		if (!text_is_clean(s, bad, ml, NULL))
			broken("le préfixe d'une faute est refusé");
		why = text_explain(s, len, ml, bad);
		if (!text_is_clean(why, strlen(why), false, NULL))
			broken("le message d'une faute n'est pas propre");
		free(why);
	}
}

static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
check_round_trip(const struct event *e)
{
	struct event	 back;
	json_t		*o, *loaded;
	json_error_t	 err;
	char		*line, *cause = NULL;
	int		 i;
	const struct field *f, *g;

	o = event_to_json(e);		/* aborts if a field would be lost */
	line = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (line == NULL)
		broken("json_dumps() refuse un événement accepté");
	loaded = json_loads(line, JSON_REJECT_DUPLICATES, &err);
	free(line);
	if (loaded == NULL)
		broken("la ligne d'un événement accepté ne se relit pas");
	if (event_from_json(loaded, &back, &cause) == -1)
		broken("la ligne d'un événement accepté ne se décode pas");
	json_decref(loaded);
	if (back.time != e->time || !same(back.team, e->team) ||
	    !same(back.actor, e->actor) || !same(back.by, e->by) ||
	    !same(back.type, e->type) || !same(back.why, e->why) ||
	    !same(back.cmd, e->cmd) || back.data.count != e->data.count)
		broken("l'événement relu diffère");
	for (i = 0; i < e->data.count; i++) {
		f = &e->data.fields[i];
		g = record_find(&back.data, f->key);
		if (g == NULL || !same(f->text, g->text) ||
		    (f->text == NULL && f->number != g->number))
			broken("une donnée relue diffère");
	}
	/* What the journal gives back passes the door again. */
	if (game_check_texts(&back, &cause) == -1)
		broken("l'événement relu ne passe plus la règle");
	event_release(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*args[MAX_ARGS], *p = (const char *)data, *end, *eq;
	char		*copy, *key, *cause = NULL;
	struct event	 e;
	size_t		 n = 0, i;

	/* argv-like: NUL-terminated pieces (the last one made so). */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	check_rule(copy, size);
	for (p = copy, end = copy + size; n < MAX_ARGS; p += strlen(p) + 1) {
		args[n++] = p;
		if (p + strlen(p) >= end)
			break;
	}
	for (i = 0; i < n; i++)
		check_rule(args[i], strlen(args[i]));
	event_init(&e);
	e.time = INT64_C(1800000000000);
	event_set(&e.type, n > 0 ? args[0] : "");
	event_set(&e.team, n > 1 && args[1][0] != '\0' ? args[1] : NULL);
	event_set(&e.actor, n > 2 ? args[2] : "");
	event_set(&e.by, n > 3 && args[3][0] != '\0' ? args[3] : NULL);
	event_set(&e.why, n > 4 && args[4][0] != '\0' ? args[4] : NULL);
	event_set(&e.cmd, n > 5 && args[5][0] != '\0' ? args[5] : NULL);
	for (i = 6; i < n; i++) {
		eq = strchr(args[i], '=');
		key = eq != NULL ? strndup(args[i], (size_t)(eq - args[i])) :
		    strdup(args[i]);
		if (key == NULL)
			break;
		record_set_text(&e.data, key, eq != NULL ? eq + 1 : "");
		free(key);
	}
	if (game_check_texts(&e, &cause) == 0) {
		if (cause != NULL)
			broken("un événement accepté a une cause");
		check_round_trip(&e);
	} else {
		if (cause == NULL || !text_is_clean(cause, strlen(cause), false,
		    NULL))
			broken("un refus sans message propre");
		free(cause);
	}
	event_release(&e);
	free(copy);
	return 0;
}
