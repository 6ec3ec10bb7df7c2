/*
 * diag: in-memory diagnostics list (see diag.h).  Sorting keeps the order of
 * files as first reported and, within a file, orders by line, then by the
 * order the checks ran, so output is stable and reads top to bottom.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/text.h"
#include "util/xalloc.h"

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof *d);
}

void
diag_release(struct diag *d)
{
	size_t	 i;

	for (i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	diag_init(d);
}

void
diag_addv(struct diag *d, enum diag_severity sev, const char *file, int line,
    const char *fmt, va_list ap)
{
	struct diag_item	*it;
	va_list			 ap2;
	char			*msg;
	int			 len;

	if (d->count == d->capacity) {
		d->capacity = d->capacity ? d->capacity * 2 : 16;
		d->items = xreallocarray(d->items, d->capacity, sizeof *d->items);
	}
	it = &d->items[d->count];
	it->severity = sev;
	it->file = xstrdup(file != NULL ? file : "?");
	it->line = line;
	it->order = d->count;
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	if (len < 0)
		len = 0;
	msg = xmalloc((size_t)len + 1);
	vsnprintf(msg, (size_t)len + 1, fmt, ap2);
	va_end(ap2);
	/*
	 * Messages quote what they complain about, and end on a terminal or
	 * in an editor: its controls are shown ("␛"), never obeyed.
	 */
	it->message = text_sanitize(msg, strlen(msg), false);
	free(msg);
	d->count++;
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void
diag_add(struct diag *d, enum diag_severity sev, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_addv(d, sev, file, line, fmt, ap);
	va_end(ap);
}

static int
diag_compare(const void *va, const void *vb)
{
	const struct diag_item	*a = va, *b = vb;

	if (a->file_rank != b->file_rank)
		return a->file_rank < b->file_rank ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->order < b->order ? -1 : (a->order > b->order);
}

void
diag_sort(struct diag *d)
{
	size_t	 i, j;

	if (d->count < 2)
		return;
	/* A file ranks by the first diagnostic that named it. */
	for (i = 0; i < d->count; i++) {
		d->items[i].file_rank = i;
		for (j = 0; j < i; j++) {
			if (strcmp(d->items[j].file, d->items[i].file) == 0) {
				d->items[i].file_rank = d->items[j].file_rank;
				break;
			}
		}
	}
	qsort(d->items, d->count, sizeof *d->items, diag_compare);
}

char *
diag_format(const struct diag_item *it)
{
	const char	*kind = it->severity == DIAG_ERROR ? "error" : "warning";

	if (it->line > 0)
		return xasprintf("%s:%d: %s: %s", it->file, it->line, kind,
		    it->message);
	return xasprintf("%s: %s: %s", it->file, kind, it->message);
}
