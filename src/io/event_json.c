/*
 * event_json: struct event <-> JSON (see event_json.h).  Events are
 * written with jansson (sorted keys, compact: the bytes the journal signs)
 * and read with cJSON, by one decoder for the journal's lines and the
 * consoles' objects alike: a journal is read line after line on every
 * opening, and cJSON builds a line's tree four times faster than jansson
 * (no hash table per object; measured in make bench).  What jansson checks
 * on reading and cJSON does not is checked here: UTF-8, duplicate keys,
 * integers (cJSON holds numbers as doubles: an integer is one exactly).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/game.h"
#include "io/event_json.h"
#include "util/i18n.h"
#include "util/text.h"
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

/* --- reading ------------------------------------------------------------ */

/* Integers a double holds exactly, below 2^53: beyond, cJSON rounds them. */
#define EVENT_INT_MAX	(INT64_C(1) << 53)

/* Whether v is a JSON integer, and which (*out). */
static bool
event_int(const cJSON *v, int64_t *out)
{
	double	 d;

	if (!cJSON_IsNumber(v))
		return false;
	d = v->valuedouble;
	/* Strictly: 2^53 + 1 reads as 2^53, which is then not proof. */
	if (!(d > -(double)EVENT_INT_MAX && d < (double)EVENT_INT_MAX) ||
	    d != (double)(int64_t)d)
		return false;
	*out = (int64_t)d;
	return true;
}

/* The member key among c and the members after it, or NULL. */
static const cJSON *
event_member(const cJSON *c, const char *key)
{
	for (; c != NULL; c = c->next)
		if (strcmp(c->string, key) == 0)
			return c;
	return NULL;
}

static int
event_draws_from(const cJSON *a, struct event *e, char **cause)
{
	const cJSON	*d, *v;
	const char	*hex;
	size_t		 i = 0, k;
	int64_t		 n[4];
	int		 count = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;

	if (count <= 0 || count > EVENT_MAX_DRAWS) {
		*cause = xasprintf(_("champ « draws » : liste de 1 à %d "
		    "tirages attendue"), EVENT_MAX_DRAWS);
		return -1;
	}
	e->draws = xreallocarray(NULL, (size_t)count, sizeof *e->draws);
	for (d = a->child; d != NULL; d = d->next, i++) {
		if (!cJSON_IsArray(d) || cJSON_GetArraySize(d) != 5)
			goto bad;
		for (k = 0, v = d->child; k < 3; k++, v = v->next)
			if (!event_int(v, &n[k]) || n[k] < 0 || n[k] > INT32_MAX)
				goto bad;
		hex = cJSON_IsString(v) ? v->valuestring : NULL;
		v = v->next;
		if (n[1] < 1 || n[1] > RNG_PURPOSE_MAX || hex == NULL ||
		    strlen(hex) != 16 || strspn(hex, "0123456789abcdef") != 16 ||
		    !event_int(v, &n[3]) || n[3] < 0 ||
		    n[3] >= (int64_t)1 << GAME_MAX_TEAMS)
			goto bad;
		e->draws[i].teams = (uint32_t)n[3];
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

/* The members of an event, found in one pass over its object. */
enum event_key {
	EK_SEQ, EK_TIME, EK_TEAM, EK_ACTOR, EK_BY, EK_TYPE, EK_WHY, EK_CMD,
	EK_DRAWS, EK_DECLARED, EK_DATA, EK_COUNT
};

static const char *const event_keys[EK_COUNT] = {
	"seq", "time", "team", "actor", "by", "type", "why", "cmd", "draws",
	"declared", "data"
};

static int
event_text(const cJSON *v, const char *key, bool required, char **out,
    char **cause)
{
	if (v == NULL || cJSON_IsNull(v)) {
		if (required) {
			*cause = xasprintf(_("champ « %s » manquant"), key);
			return -1;
		}
		return 0;
	}
	if (!cJSON_IsString(v)) {
		*cause = xasprintf(_("champ « %s » : texte attendu"), key);
		return -1;
	}
	*out = xstrdup(v->valuestring);
	return 0;
}

/* Fills e from the object o: the one decoder (see the top). */
static int
event_from_tree(const cJSON *o, struct event *e, char **cause)
{
	const cJSON	*m[EK_COUNT] = { NULL }, *c, *v, *data;
	int64_t		 n;
	int		 k;

	if (!cJSON_IsObject(o)) {
		*cause = xstrdup(_("un événement est un objet JSON"));
		return -1;
	}
	for (c = o->child; c != NULL; c = c->next) {
		for (k = 0; k < EK_COUNT; k++)
			if (c->string[0] == event_keys[k][0] &&
			    strcmp(c->string, event_keys[k]) == 0)
				break;
		/* Duplicate keys would let two readers see two events. */
		if (k < EK_COUNT ? m[k] != NULL : event_member(c->next,
		    c->string) != NULL) {
			*cause = xstrdup(_("clé en double dans l'événement"));
			return -1;
		}
		if (k < EK_COUNT)
			m[k] = c;
	}
	e->seq = event_int(m[EK_SEQ], &n) ? n : 0;
	if (!event_int(m[EK_TIME], &e->time)) {
		*cause = xstrdup(_("champ « time » manquant ou non entier"));
		return -1;
	}
	if (event_text(m[EK_TEAM], "team", false, &e->team, cause) == -1 ||
	    event_text(m[EK_ACTOR], "actor", true, &e->actor, cause) == -1 ||
	    event_text(m[EK_BY], "by", false, &e->by, cause) == -1 ||
	    event_text(m[EK_TYPE], "type", true, &e->type, cause) == -1 ||
	    event_text(m[EK_WHY], "why", false, &e->why, cause) == -1 ||
	    event_text(m[EK_CMD], "cmd", false, &e->cmd, cause) == -1)
		return -1;
	if (m[EK_DRAWS] != NULL && event_draws_from(m[EK_DRAWS], e,
	    cause) == -1)
		return -1;
	v = m[EK_DECLARED];
	if (v != NULL && !cJSON_IsBool(v)) {
		*cause = xstrdup(_("champ « declared » : booléen attendu"));
		return -1;
	}
	e->declared = v != NULL && cJSON_IsTrue(v);
	data = m[EK_DATA];
	if (data != NULL && !cJSON_IsObject(data)) {
		*cause = xstrdup(_("champ « data » : objet attendu"));
		return -1;
	}
	for (v = data != NULL ? data->child : NULL; v != NULL; v = v->next) {
		if (event_member(v->next, v->string) != NULL) {
			*cause = xstrdup(_("clé en double dans « data »"));
			return -1;
		}
		if (cJSON_IsString(v))
			record_set_text(&e->data, v->string, v->valuestring);
		else if (event_int(v, &n))
			record_set_int(&e->data, v->string, n);
		else {
			*cause = xasprintf(_("donnée « %s » : texte ou entier "
			    "attendu"), v->string);
			return -1;
		}
	}
	return 0;
}

/* Whether b[0..len) holds 16 digits in a row: maybe an integer >= 2^53. */
static bool
event_has_long_number(const char *b, size_t len)
{
	size_t	 i, run = 0;

	for (i = 0; i < len; i++)
		if (b[i] >= '0' && b[i] <= '9') {
			if (++run >= 16)
				return true;
		} else
			run = 0;
	return false;
}

/*
 * The text again, from jansson (exact 64-bit integers), with each integer
 * of "data" a double cannot hold written as its decimal text: the engine
 * reads a text holding an integer as that integer (record_int), so the
 * seal's 64-bit seed survives cJSON.  NULL if jansson refuses it (*cause).
 */
static char *
event_exact_text(const char *b, size_t len, char **cause)
{
	json_t		*o, *data, *v;
	json_error_t	 err;
	const char	*key;
	char		 num[24], *out;

	if ((o = json_loadb(b, len, JSON_REJECT_DUPLICATES, &err)) == NULL) {
		*cause = xasprintf(_("JSON illisible (octet %d de la ligne)"),
		    err.position);
		return NULL;
	}
	data = json_object_get(o, "data");
	json_object_foreach(data, key, v)
		if (json_is_integer(v) && (json_integer_value(v) >=
		    EVENT_INT_MAX || json_integer_value(v) <= -EVENT_INT_MAX)) {
			snprintf(num, sizeof num, "%lld",
			    (long long)json_integer_value(v));
			json_object_set_new(data, key, json_string(num));
		}
	out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (out == NULL)
		*cause = xstrdup(_("mémoire insuffisante"));
	return out;
}

/* The tree of the text b[0..len): UTF-8, one JSON value; NULL, *cause. */
static cJSON *
event_parse(const char *b, size_t len, char **cause)
{
	cJSON		*o;
	const char	*end = NULL;
	char		*exact = NULL;
	size_t		 ok;

	/* cJSON takes any byte in a string: text is UTF-8 or refused. */
	if ((ok = text_utf8_valid_prefix(b, len)) != len) {
		*cause = xasprintf(_("texte non UTF-8 (octet %zu)"), ok + 1);
		return NULL;
	}
	/* The rare line with a long number: through jansson first. */
	if (event_has_long_number(b, len)) {
		if ((exact = event_exact_text(b, len, cause)) == NULL)
			return NULL;
		b = exact;
		len = strlen(exact);
	}
	o = cJSON_ParseWithLengthOpts(b, len, &end, 0);
	/* Nothing but blanks after the value. */
	while (o != NULL && end < b + len && (*end == ' ' || *end == '\n' ||
	    *end == '\r' || *end == '\t'))
		end++;
	if (o == NULL || end != b + len) {
		cJSON_Delete(o);
		*cause = xasprintf(_("JSON illisible (octet %zu de la ligne)"),
		    end != NULL && end >= b && end <= b + len ?
		    (size_t)(end - b) + 1 : (size_t)1);
		free(exact);
		return NULL;
	}
	free(exact);
	return o;
}

int
event_from_bytes(const char *b, size_t len, struct event *e, char **cause)
{
	cJSON	*o;
	int	 rc;

	event_init(e);
	if ((o = event_parse(b, len, cause)) == NULL)
		return -1;
	rc = event_from_tree(o, e, cause);
	cJSON_Delete(o);
	if (rc == -1)
		event_release(e);
	return rc;
}

int
event_from_line(const char *b, size_t len, size_t seq, struct event *e,
    char **cause)
{
	cJSON	*o;
	int64_t	 n = 0;
	int	 rc;

	event_init(e);
	if ((o = event_parse(b, len, cause)) == NULL)
		return -1;
	/* The journal's own rules for a line (io/journal.c says them too). */
	if (cJSON_IsObject(o) && (event_member(o->child, "hash") != NULL ||
	    event_member(o->child, "sig") != NULL)) {
		*cause = xstrdup(_("champ « hash » ou « sig » en double dans la "
		    "ligne"));
		rc = -1;
	} else if (cJSON_IsObject(o) && !event_int(event_member(o->child,
	    "seq"), &n)) {
		*cause = xstrdup(_("numéro de séquence (seq) absent"));
		rc = -1;
	} else if (cJSON_IsObject(o) && (n < 0 || (uint64_t)n != seq)) {
		*cause = xasprintf(_("numéro de séquence %lld au lieu de %zu : "
		    "ligne supprimée, dupliquée ou déplacée"), (long long)n,
		    seq);
		rc = -1;
	} else
		rc = event_from_tree(o, e, cause);
	cJSON_Delete(o);
	if (rc == -1)
		event_release(e);
	return rc;
}

int
event_from_json(const json_t *o, struct event *e, char **cause)
{
	char	*b;
	int	 rc;

	event_init(e);
	if (!json_is_object(o)) {
		*cause = xstrdup(_("un événement est un objet JSON"));
		return -1;
	}
	/* The same decoder as for the journal's lines: one rule. */
	if ((b = json_dumps(o, JSON_COMPACT)) == NULL) {
		*cause = xstrdup(_("mémoire insuffisante"));
		return -1;
	}
	rc = event_from_bytes(b, strlen(b), e, cause);
	free(b);
	return rc;
}
