/*
 * event_json: struct event <-> JSON object (see event_json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "io/event_json.h"
#include "util/i18n.h"
#include "util/xalloc.h"

json_t *
event_to_json(const struct event *e)
{
	json_t	*o = json_object(), *data = json_object();
	int	 i;

	json_object_set_new(o, "time", json_integer(e->time));
	if (e->team != NULL)
		json_object_set_new(o, "team", json_string(e->team));
	json_object_set_new(o, "actor", json_string(e->actor ? e->actor : ""));
	if (e->by != NULL)
		json_object_set_new(o, "by", json_string(e->by));
	/* Only when true: the lines written before it keep their bytes. */
	if (e->declared)
		json_object_set_new(o, "declared", json_true());
	json_object_set_new(o, "type", json_string(e->type ? e->type : ""));
	for (i = 0; i < e->data.count; i++) {
		const struct field *f = &e->data.fields[i];

		json_object_set_new(data, f->key, f->text != NULL ?
		    json_string(f->text) : json_integer(f->number));
	}
	json_object_set_new(o, "data", data);
	if (e->why != NULL && e->why[0] != '\0')
		json_object_set_new(o, "why", json_string(e->why));
	if (e->cmd != NULL)
		json_object_set_new(o, "cmd", json_string(e->cmd));
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
