/*
 * event_json: struct event <-> JSON object (see event_json.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "io/event_json.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/*
 * Sets a member the journal line must carry.  jansson refuses a text that
 * is not UTF-8 (json_string() returns NULL) and json_object_set_new() then
 * drops the member without a word: a line without its field would be
 * acknowledged and never replay.  Every event passes the engine's text rule
 * (game_check_texts) before it is serialized, so a failure here is a bug:
 * stop, rather than write a line that lacks the field.
 */
static void
event_put(json_t *o, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(o, key, v) == -1) {
		fprintf(stderr, _("pilote : bogue : le champ « %s » d'un "
		    "événement ne se sérialise pas (texte non UTF-8 ?)\n"), key);
		abort();
	}
}

/*
 * "draws": [[week, purpose, index, "<16 hex>", teams], ...]: the value is
 * a full 64-bit draw, written in hex because a JSON integer is signed;
 * teams, the bits of the teams whose state consulted it.
 */
static json_t *
event_draws_to_json(const struct event *e)
{
	json_t	*a = json_array();
	char	 hex[17];
	int	 i;

	for (i = 0; i < e->ndraws; i++) {
		snprintf(hex, sizeof hex, "%016llx",
		    (unsigned long long)e->draws[i].value);
		json_array_append_new(a, json_pack("[i,i,i,s,I]",
		    e->draws[i].week, e->draws[i].purpose, e->draws[i].index,
		    hex, (json_int_t)e->draws[i].teams));
	}
	return a;
}

static int
event_draws_from_json(const json_t *a, struct event *e, char **cause)
{
	const json_t	*d, *v;
	const char	*hex;
	size_t		 i, k;
	json_int_t	 n[3];

	if (!json_is_array(a) || json_array_size(a) == 0 ||
	    json_array_size(a) > EVENT_MAX_DRAWS) {
		*cause = xasprintf(_("champ « draws » : liste de 1 à %d "
		    "tirages attendue"), EVENT_MAX_DRAWS);
		return -1;
	}
	e->draws = xreallocarray(NULL, json_array_size(a), sizeof *e->draws);
	json_array_foreach(a, i, d) {
		if (!json_is_array(d) || json_array_size(d) != 5)
			goto bad;
		for (k = 0; k < 3; k++) {
			v = json_array_get(d, k);
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > INT32_MAX)
				goto bad;
			n[k] = json_integer_value(v);
		}
		hex = json_string_value(json_array_get(d, 3));
		v = json_array_get(d, 4);
		if (n[1] < 1 || n[1] > RNG_PURPOSE_MAX || hex == NULL ||
		    strlen(hex) != 16 || strspn(hex, "0123456789abcdef") != 16 ||
		    !json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) >= (json_int_t)1 << GAME_MAX_TEAMS)
			goto bad;
		e->draws[i].teams = (uint32_t)json_integer_value(v);
		e->draws[i].week = (int)n[0];
		e->draws[i].purpose = (int)n[1];
		e->draws[i].index = (int)n[2];
		e->draws[i].value = strtoull(hex, NULL, 16);
		e->ndraws++;
	}
	return 0;
bad:
	*cause = xasprintf(_("champ « draws » : tirage %zu mal formé "
	    "([semaine, nature, indice, \"16 chiffres hexadécimaux\", "
	    "équipes])"),
	    i + 1);
	return -1;
}

json_t *
event_to_json(const struct event *e)
{
	json_t	*o = json_object(), *data = json_object();
	int	 i;

	event_put(o, "time", json_integer(e->time));
	if (e->team != NULL)
		event_put(o, "team", json_string(e->team));
	event_put(o, "actor", json_string(e->actor ? e->actor : ""));
	if (e->by != NULL)
		event_put(o, "by", json_string(e->by));
	/* Only when true: the lines written before it keep their bytes. */
	if (e->declared)
		event_put(o, "declared", json_true());
	event_put(o, "type", json_string(e->type ? e->type : ""));
	for (i = 0; i < e->data.count; i++) {
		const struct field *f = &e->data.fields[i];

		event_put(data, f->key, f->text != NULL ?
		    json_string(f->text) : json_integer(f->number));
	}
	event_put(o, "data", data);
	if (e->why != NULL && e->why[0] != '\0')
		event_put(o, "why", json_string(e->why));
	if (e->cmd != NULL)
		event_put(o, "cmd", json_string(e->cmd));
	if (e->ndraws > 0)
		event_put(o, "draws", event_draws_to_json(e));
	return o;
}

static int
event_string(const json_t *o, const char *key, bool required, char **out,
    char **cause)
{
	const json_t	*v = json_object_get(o, key);

	if (v == NULL || json_is_null(v)) {
		if (required) {
			*cause = xasprintf(_("champ « %s » manquant"), key);
			return -1;
		}
		return 0;
	}
	if (!json_is_string(v)) {
		*cause = xasprintf(_("champ « %s » : texte attendu"), key);
		return -1;
	}
	*out = xstrdup(json_string_value(v));
	return 0;
}

int
event_from_json(const json_t *o, struct event *e, char **cause)
{
	const json_t	*v, *data;
	const char	*key;

	event_init(e);
	if (!json_is_object(o)) {
		*cause = xstrdup(_("un événement est un objet JSON"));
		return -1;
	}
	v = json_object_get(o, "seq");
	e->seq = json_is_integer(v) ? json_integer_value(v) : 0;
	v = json_object_get(o, "time");
	if (!json_is_integer(v)) {
		*cause = xstrdup(_("champ « time » manquant ou non entier"));
		return -1;
	}
	e->time = json_integer_value(v);
	if (event_string(o, "team", false, &e->team, cause) == -1 ||
	    event_string(o, "actor", true, &e->actor, cause) == -1 ||
	    event_string(o, "by", false, &e->by, cause) == -1 ||
	    event_string(o, "type", true, &e->type, cause) == -1 ||
	    event_string(o, "why", false, &e->why, cause) == -1 ||
	    event_string(o, "cmd", false, &e->cmd, cause) == -1)
		goto fail;
	v = json_object_get(o, "draws");
	if (v != NULL && event_draws_from_json(v, e, cause) == -1)
		goto fail;
	v = json_object_get(o, "declared");
	if (v != NULL && !json_is_boolean(v)) {
		*cause = xstrdup(_("champ « declared » : booléen attendu"));
		goto fail;
	}
	e->declared = v != NULL && json_is_true(v);
	data = json_object_get(o, "data");
	if (data != NULL && !json_is_object(data)) {
		*cause = xstrdup(_("champ « data » : objet attendu"));
		goto fail;
	}
	json_object_foreach((json_t *)(uintptr_t)data, key, v) {
		if (json_is_string(v))
			record_set_text(&e->data, key, json_string_value(v));
		else if (json_is_integer(v))
			record_set_int(&e->data, key, json_integer_value(v));
		else {
			*cause = xasprintf(_("donnée « %s » : texte ou entier "
			    "attendu"), key);
			goto fail;
		}
	}
	return 0;
fail:
	event_release(e);
	return -1;
}
