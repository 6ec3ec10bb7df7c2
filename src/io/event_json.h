/*
 * event_json: events to and from the journal's JSON objects (jansson).
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
/* Fills e from an object; -1 and a French *cause if it is not an event. */
int	 event_from_json(const json_t *, struct event *e, char **cause);

#endif
