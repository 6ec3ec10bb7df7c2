/*
 * record: named values (see record.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "util/xalloc.h"

void
record_init(struct record *r)
{
	r->fields = NULL;
	r->count = 0;
}

void
record_release(struct record *r)
{
	int	 i;

	for (i = 0; i < r->count; i++) {
		free(r->fields[i].key);
		free(r->fields[i].text);
	}
	free(r->fields);
	record_init(r);
}

void
record_copy(struct record *dst, const struct record *src)
{
	int	 i;

	record_init(dst);
	for (i = 0; i < src->count; i++) {
		if (src->fields[i].text != NULL)
			record_set_text(dst, src->fields[i].key,
			    src->fields[i].text);
		else
			record_set_int(dst, src->fields[i].key,
			    src->fields[i].number);
	}
}

static struct field *
record_slot(struct record *r, const char *key)
{
	int	 i;

	for (i = 0; i < r->count; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return &r->fields[i];
	r->fields = xgrow(r->fields, (size_t)r->count, sizeof *r->fields);
	r->fields[r->count].key = xstrdup(key);
	r->fields[r->count].text = NULL;
	r->fields[r->count].number = 0;
	return &r->fields[r->count++];
}

void
record_set_text(struct record *r, const char *key, const char *value)
{
	struct field	*f = record_slot(r, key);

	free(f->text);
	f->text = xstrdup(value);
	f->number = 0;
}

void
record_set_int(struct record *r, const char *key, int64_t value)
{
	struct field	*f = record_slot(r, key);

	free(f->text);
	f->text = NULL;
	f->number = value;
}

const struct field *
record_find(const struct record *r, const char *key)
{
	int	 i;

	for (i = 0; i < r->count; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return &r->fields[i];
	return NULL;
}

const char *
record_text(const struct record *r, const char *key)
{
	const struct field	*f = record_find(r, key);

	return f != NULL ? f->text : NULL;
}

bool
record_int(const struct record *r, const char *key, int64_t *out)
{
	const struct field	*f = record_find(r, key);
	const char		*p;
	int64_t			 v = 0;
	bool			 neg = false;

	if (f == NULL)
		return false;
	if (f->text == NULL) {
		*out = f->number;
		return true;
	}
	p = f->text;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p == '\0')
		return false;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = neg ? -v : v;
	return true;
}
