/*
 * event_json: events to and from the journal's JSON: written with jansson,
 * read with cJSON (event_json.c says why).
 * The object has "seq", "time", "team" (absent for the trainer's
 * session-wide acts), "actor", "by" (absent unless someone typed for the
 * actor), "type", "data" (strings and integers), "why" (absent if none),
 * "cmd" (a console's command id) and "draws" (the random draws the event's
 * application consulted, recorded by the host: [week, purpose, index,
 * "<16 hex>", teams] each, teams the bits of the teams whose state
 * consulted it; absent if none).
 */
#ifndef PILOTE_EVENT_JSON_H
#define PILOTE_EVENT_JSON_H

#include <jansson.h>

#include "core/event.h"

#define EVENT_MAX_DRAWS	4096

/*
 * A new object (without "seq": the journal numbers lines).  Every field is
 * there or the process stops: e must have passed game_check_texts() (its
 * texts UTF-8, its keys identifiers), a field is never silently dropped.
 */
json_t	*event_to_json(const struct event *);
/*
 * Fills e from the JSON text b[0..len) (one object: a journal line's B,
 * or a console's command); -1 and a French *cause if it is not an event:
 * not UTF-8, not JSON, a key twice, a field of the wrong type, an
 * integer past 2^53.
 */
int	 event_from_bytes(const char *b, size_t len, struct event *e,
	    char **cause);
/*
 * The same for line seq of a journal: also its "seq" (that number), and
 * no "hash" nor "sig" of its own (the journal's rules, io/journal.h).
 */
int	 event_from_line(const char *b, size_t len, size_t seq, struct event *e,
	    char **cause);
/* The same from an object (jansson), by the same decoder. */
int	 event_from_json(const json_t *, struct event *e, char **cause);

#endif
