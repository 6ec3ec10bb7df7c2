/*
 * record: an ordered list of named values (text or integer), the payload of
 * commands and events.  In the journal it is the "data" JSON object; on the
 * command line, "key=value" words.  Keys are unique; setting an existing key
 * replaces its value.  The record owns its strings.
 */
#ifndef PILOTE_RECORD_H
#define PILOTE_RECORD_H

#include <stdbool.h>
#include <stdint.h>

struct field {
	char		*key;
	char		*text;		/* NULL for an integer */
	int64_t		 number;
};

struct record {
	struct field	*fields;
	int		 count;
};

void		 record_init(struct record *);
void		 record_release(struct record *);
void		 record_copy(struct record *dst, const struct record *src);
void		 record_set_text(struct record *, const char *key, const char *);
void		 record_set_int(struct record *, const char *key, int64_t);
const struct field *record_find(const struct record *, const char *key);
/* The text of a field (integers are not text): NULL if absent. */
const char	*record_text(const struct record *, const char *key);
/*
 * An integer field, or a text field holding a decimal integer: true and
 * *out set; false if absent or not an integer.
 */
bool		 record_int(const struct record *, const char *key, int64_t *out);

#endif
