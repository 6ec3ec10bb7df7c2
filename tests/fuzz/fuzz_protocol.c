/*
 * libFuzzer harness for the console-message parser: any bytes a console
 * sends give either a message or a reason to refuse it, never a crash, a
 * leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "io/protocol.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_msg	 m;
	char			*cause = NULL;

	if (proto_parse((const char *)data, size, &m, &cause) == 0)
		proto_release(&m);
	free(cause);
	return 0;
}
