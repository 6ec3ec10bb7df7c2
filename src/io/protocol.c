/*
 * protocol: strict parsing of console messages (see protocol.h).  Anything
 * not exactly as specified is refused with a reason: unknown message types
 * or members, wrong JSON types, oversized texts, invalid UTF-8 (jansson
 * refuses it), too many data fields.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/protocol.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int
proto_text(const json_t *o, const char *key, bool required, size_t max,
    char **out, char **cause)
{
	const json_t	*v = json_object_get(o, key);

	if (v == NULL) {
		if (required) {
			*cause = xasprintf(_("champ « %s » manquant"), key);
			return -1;
		}
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > max ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		*cause = xasprintf(_("champ « %s » : texte de %zu octets au "
		    "plus attendu"), key, max);
		return -1;
	}
	*out = xstrdup(json_string_value(v));
	return 0;
}

/* Members outside allowed[] are refused: a typo is not silently dropped. */
static int
proto_members(const json_t *o, const char *const *allowed, char **cause)
{
	const char	*key;
	json_t		*v;
	int		 i;

	json_object_foreach((json_t *)(uintptr_t)o, key, v) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL) {
			*cause = xasprintf(_("champ « %s » inconnu"), key);
			return -1;
		}
	}
	return 0;
}

static int
proto_hello(const json_t *o, struct proto_msg *m, char **cause)
{
	static const char *const allowed[] = {
		"type", "version", "team", "trainer", "code", "as", "since",
		"runs", NULL
	};
	const json_t	*v;

	if (proto_members(o, allowed, cause) == -1)
		return -1;
	v = json_object_get(o, "version");
	if (!json_is_integer(v)) {
		*cause = xstrdup(_("version du protocole manquante"));
		return -1;
	}
	m->version = (int)json_integer_value(v);
	v = json_object_get(o, "trainer");
	if (v != NULL && !json_is_boolean(v)) {
		*cause = xstrdup(_("champ « trainer » : booléen attendu"));
		return -1;
	}
	m->trainer = v != NULL && json_is_true(v);
	v = json_object_get(o, "runs");
	if (v != NULL && !json_is_boolean(v)) {
		*cause = xstrdup(_("champ « runs » : booléen attendu"));
		return -1;
	}
	m->runs = v != NULL && json_is_true(v);
	v = json_object_get(o, "since");
	if (v != NULL && (!json_is_integer(v) || json_integer_value(v) < 0)) {
		*cause = xstrdup(_("champ « since » : entier positif attendu"));
		return -1;
	}
	m->since = v != NULL ? json_integer_value(v) : 0;
	if (proto_text(o, "code", true, 64, &m->code, cause) == -1 ||
	    proto_text(o, "team", !m->trainer, 200, &m->team, cause) == -1 ||
	    proto_text(o, "as", !m->trainer, 200, &m->as, cause) == -1)
		return -1;
	return 0;
}

static int
proto_command(const json_t *o, struct proto_msg *m, char **cause)
{
	static const char *const allowed[] = { "type", "id", "event", NULL };
	static const char *const event_allowed[] = {
		"type", "actor", "by", "why", "data", NULL
	};
	const json_t	*ev, *data, *v;
	const char	*key;
	int		 n = 0;

	if (proto_members(o, allowed, cause) == -1 ||
	    proto_text(o, "id", true, 80, &m->id, cause) == -1)
		return -1;
	ev = json_object_get(o, "event");
	if (!json_is_object(ev)) {
		*cause = xstrdup(_("champ « event » : objet attendu"));
		return -1;
	}
	if (proto_members(ev, event_allowed, cause) == -1 ||
	    proto_text(ev, "type", true, 64, &m->event.type, cause) == -1 ||
	    proto_text(ev, "actor", false, 200, &m->event.actor, cause) == -1 ||
	    proto_text(ev, "by", false, 200, &m->event.by, cause) == -1 ||
	    proto_text(ev, "why", false, PROTO_MAX_TEXT, &m->event.why,
	    cause) == -1)
		return -1;
	data = json_object_get(ev, "data");
	if (data == NULL)
		return 0;
	if (!json_is_object(data)) {
		*cause = xstrdup(_("champ « data » : objet attendu"));
		return -1;
	}
	json_object_foreach((json_t *)(uintptr_t)data, key, v) {
		if (++n > PROTO_MAX_FIELDS || strlen(key) > 64) {
			*cause = xstrdup(_("trop de données, ou nom trop long"));
			return -1;
		}
		if (json_is_string(v) && json_string_length(v) <=
		    PROTO_MAX_TEXT && strlen(json_string_value(v)) ==
		    json_string_length(v))
			record_set_text(&m->event.data, key,
			    json_string_value(v));
		else if (json_is_integer(v))
			record_set_int(&m->event.data, key,
			    json_integer_value(v));
		else {
			*cause = xasprintf(_("donnée « %s » : texte ou entier "
			    "attendu"), key);
			return -1;
		}
	}
	return 0;
}

int
proto_parse(const char *line, size_t len, struct proto_msg *m, char **cause)
{
	json_t		*o;
	json_error_t	 err;
	const char	*type;
	int		 rc = -1;

	memset(m, 0, sizeof *m);
	event_init(&m->event);
	*cause = NULL;
	if (len > PROTO_MAX_LINE) {
		*cause = xstrdup(_("message trop long"));
		return -1;
	}
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (o == NULL || !json_is_object(o)) {
		*cause = xstrdup(_("message illisible : un objet JSON par "
		    "ligne"));
		goto out;
	}
	type = json_string_value(json_object_get(o, "type"));
	if (type == NULL) {
		*cause = xstrdup(_("message sans type"));
		goto out;
	}
	if (strcmp(type, "hello") == 0) {
		m->kind = PROTO_HELLO;
		rc = proto_hello(o, m, cause);
	} else if (strcmp(type, "command") == 0) {
		m->kind = PROTO_COMMAND;
		rc = proto_command(o, m, cause);
	} else if (strcmp(type, "bye") == 0) {
		m->kind = PROTO_BYE;
		rc = 0;
	} else
		*cause = xasprintf(_("type de message « %.40s » inconnu"), type);
out:
	json_decref(o);
	if (rc == -1)
		proto_release(m);
	return rc;
}

void
proto_release(struct proto_msg *m)
{
	free(m->team);
	free(m->code);
	free(m->as);
	free(m->id);
	event_release(&m->event);
	memset(m, 0, sizeof *m);
	event_init(&m->event);
}
