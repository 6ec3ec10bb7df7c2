/*
 * scenario_load: turns a scenario file (libconfig syntax, see
 * scenarios/README.md) into a validated, immutable struct scenario.
 * Every problem found is added to the diag list as "file:line"; loading
 * goes on after an error so that one run reports them all.
 */
#ifndef PILOTE_SCENARIO_LOAD_H
#define PILOTE_SCENARIO_LOAD_H

#include <stddef.h>

#include "core/scenario.h"
#include "util/diag.h"

enum scenario_load_status {
	SCENARIO_LOAD_OK,		/* *out is set; warnings may exist */
	SCENARIO_LOAD_UNREADABLE,	/* EX_NOINPUT */
	SCENARIO_LOAD_INVALID		/* EX_DATAERR: errors were reported */
};

enum scenario_load_status scenario_load(const char *path,
			    struct scenario **out, struct diag *);
/* The same from memory, path naming it in messages and for @include. */
enum scenario_load_status scenario_load_text(const char *path,
			    const char *text, size_t len, struct scenario **out,
			    struct diag *);

#endif
