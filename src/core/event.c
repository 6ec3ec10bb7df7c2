/*
 * event: lifetime of the event envelope (see event.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "util/xalloc.h"

void
event_init(struct event *e)
{
	memset(e, 0, sizeof *e);
	e->declared = false;
	record_init(&e->data);
}

void
event_release(struct event *e)
{
	free(e->team);
	free(e->actor);
	free(e->by);
	free(e->type);
	free(e->why);
	free(e->cmd);
	record_release(&e->data);
	free(e->draws);
	event_init(e);
}

void
event_set(char **field, const char *value)
{
	free(*field);
	*field = value != NULL ? xstrdup(value) : NULL;
}
