/*
 * libFuzzer harness for the class list reader (io/classlist): any bytes
 * must give either a setup the engine accepts or diagnostics with a line
 * inside the file, never a crash, a leak or undefined behaviour.  The
 * scenario is the default one, loaded once (fuzzers run from the top of
 * the tree).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/game.h"
#include "io/classlist.h"
#include "io/scenario_load.h"
#include "util/diag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Read-only once loaded: the same model for every input. */
	static struct scenario *hydra;
	struct classlist cl;
	struct diag	 d;
	char		*cause = NULL;
	size_t		 i, lines = 1;

	if (hydra == NULL) {
		diag_init(&d);
		if (scenario_load("scenarios/lancement-hydra.cfg", &hydra,
		    &d) != SCENARIO_LOAD_OK)
			abort();
		diag_release(&d);
	}
	for (i = 0; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r')
			lines++;
	diag_init(&d);
	if (classlist_parse("classe.csv", (const char *)data, size, hydra, &cl,
	    &d) == CLASSLIST_OK && game_setup_check(hydra, &cl.setup,
	    &cause) != 0)
		abort();
	for (i = 0; i < d.count; i++)
		if (d.items[i].line < 0 || (size_t)d.items[i].line > lines)
			abort();
	free(cause);
	classlist_release(&cl);
	diag_release(&d);
	return 0;
}
