/*
 * event_json: events to and from the journal's JSON objects (jansson).
 * The object has "seq", "time", "team" (absent for the trainer's
 * session-wide acts), "actor", "by" (absent unless someone typed for the
 * actor), "type", "data" (strings and integers) and "why" (absent if none).
 */
#ifndef PILOTE_EVENT_JSON_H
#define PILOTE_EVENT_JSON_H

#include <jansson.h>

#include "core/event.h"

/*
 * A new object (without "seq": the journal numbers lines).  Every field is
 * there or the process stops: e must have passed game_check_texts() (its
 * texts UTF-8, its keys identifiers), a field is never silently dropped.
 */
json_t	*event_to_json(const struct event *);
/* Fills e from an object; -1 and a French *cause if it is not an event. */
int	 event_from_json(const json_t *, struct event *e, char **cause);

#endif
