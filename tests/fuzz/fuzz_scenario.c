/*
 * libFuzzer harness for the scenario loader: any bytes must give either a
 * model or diagnostics, never a crash, a leak or undefined behaviour.  The
 * input is named as if it sat in tests/fuzz/, so @include lines resolve
 * from there (and mostly fail, which is exercised too).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/scenario.h"
#include "io/scenario_load.h"
#include "util/diag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	 d;
	struct scenario	*s = NULL;
	size_t		 i;
	volatile size_t	 sink = 0;

	diag_init(&d);
	scenario_load_text("tests/fuzz/input.cfg", (const char *)data, size,
	    &s, &d);
	for (i = 0; i < d.count; i++)
		sink += (size_t)d.items[i].line;
	scenario_free(s);
	diag_release(&d);
	(void)sink;
	return 0;
}
