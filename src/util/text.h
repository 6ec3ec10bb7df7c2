/*
 * text: small string utilities shared by every layer: UTF-8 validation and
 * counting, identifier syntax, "did you mean" suggestions, and money written
 * the French way.  All functions are pure and take NUL-terminated UTF-8.
 */
#ifndef PILOTE_TEXT_H
#define PILOTE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the longest valid UTF-8 prefix of s[0..len); == len if valid. */
size_t		 text_utf8_valid_prefix(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t		 text_utf8_count(const char *s);
/* A short ASCII key: [a-z][a-z0-9_-]{0,31}. */
bool		 text_is_id(const char *s);
#define TEXT_ID_MAX	32
/* Levenshtein distance, bytes, capped at 255. */
unsigned	 text_distance(const char *a, const char *b);
/*
 * The candidate nearest to word, if close enough to be a plausible typo
 * (distance at most a third of the word, minimum 1, maximum 3); else NULL.
 */
const char	*text_nearest(const char *word, const char *const *candidates,
		    size_t count);
/* An integer with French digit grouping: "120 000" (no-break spaces). */
char		*text_thousands(char *buf, int64_t value);
/* Money in cents as "12 500 €" (no-break spaces); buf of TEXT_MONEY_MAX. */
#define TEXT_MONEY_MAX	40
char		*text_money(char *buf, int64_t cents);

#endif
