/*
 * text: small string utilities shared by every layer: UTF-8 validation and
 * counting, the text rule (what a text may hold) and its stand-ins for
 * outputs, identifier syntax, "did you mean" suggestions, money written the
 * French way and percentages read the strict way.  All functions are pure;
 * unless said otherwise they take NUL-terminated UTF-8.
 */
#ifndef PILOTE_TEXT_H
#define PILOTE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the character at the start of s[0..len): its length in bytes and
 * *cp, or 0 if it is not valid UTF-8 (overlong form, surrogate, past
 * U+10FFFF, truncated).
 */
size_t		 text_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes code point cp (a valid one) as UTF-8 into out[0..4); its length. */
size_t		 text_utf8_encode(uint32_t cp, char *out);
/* Length of the longest valid UTF-8 prefix of s[0..len); == len if valid. */
size_t		 text_utf8_valid_prefix(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t		 text_utf8_count(const char *s);
/*
 * The text rule, one for every text that comes in (a command's arguments
 * and justification, a team's or a candidate's name, a scenario's strings),
 * so that what is stored is what every screen and export shows:
 *
 *   - valid UTF-8 (text_utf8_decode): a Latin-1 byte is refused, never
 *     guessed at;
 *   - no NUL, no C0 control, no DEL, no C1 control (U+0080–U+009F): a
 *     terminal obeys them (ESC starts an escape sequence, BEL rings), a
 *     spreadsheet or a browser may too; a multi-line text may hold '\n'
 *     and '\t', and those only;
 *   - no U+2028 / U+2029 (line breaks some viewers make and others do not);
 *   - no bidirectional formatting (U+061C, U+200E, U+200F, U+202A–U+202E,
 *     U+2066–U+2069): it makes a text display in another order than it is
 *     stored, a justification read one way and journaled another;
 *   - no invisible character (U+200B–U+200D, U+2060, U+FEFF, the tags
 *     U+E0000–U+E007F): two names that look alike would differ.
 */
bool		 text_char_allowed(uint32_t cp, bool multiline);
/* Whether s[0..len) follows the rule; if not, *bad (if not NULL) is the
 * byte offset of the first character refused. */
bool		 text_is_clean(const char *s, size_t len, bool multiline,
		    size_t *bad);
/*
 * Why s[0..len) is refused at byte offset bad, in French, one line:
 * "octet n°2 (après « r ») : l'octet 0xE9 n'est pas de l'UTF-8 valide (…)".
 * Allocated.
 */
char		*text_explain(const char *s, size_t len, bool multiline,
		    size_t bad);
/* NULL if s (NUL-terminated, or NULL) is clean, else text_explain(). */
char		*text_check(const char *s, bool multiline);
/*
 * A copy of s[0..len) that the rule accepts, for outputs of texts that did
 * not come through it (journals written before it, evaluators' marks): a C0
 * control becomes its visible picture ("␛", "␇"), DEL "␡", a byte that is
 * not UTF-8 and any other refused character U+FFFD "�"; in a one-line text
 * '\n' and '\t' become spaces.  Allocated.
 */
char		*text_sanitize(const char *s, size_t len, bool multiline);

/* French elision before a name: "d'" before a vowel (accented or not),
 * else "de " (« Choix d'Inès », « Choix de Léa »). */
const char	*text_of(const char *word);

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
/* The whole euros text_money() shows: cents rounded half away from zero
 * (for figures written as numbers, in JSON). */
int64_t		 text_euros(int64_t cents);
/*
 * A moment (ms since the epoch) in one of the forms the program writes, the
 * one date formatter of every screen and export.  Screens and commands
 * speak the local time of the room; exports are documents read anywhere,
 * in UTC, and say so (io/export.h).  "—" when the moment cannot be written.
 */
enum text_time_form {
	TEXT_TIME_CLOCK,	/* "08:05", local */
	TEXT_TIME_SECONDS,	/* "08:05:00", local */
	TEXT_TIME_DATE,		/* "29/11/2026 à 08:05:00", local */
	TEXT_TIME_STAMP,	/* "20261129-0805", local: in file names */
	TEXT_TIME_CLOCK_UTC,	/* "08:05", UTC */
	TEXT_TIME_CLOCK_ZONE,	/* "08:05 (CET)", local with its zone */
	TEXT_TIME_ZONE,		/* "CET": the local zone's name then */
	TEXT_TIME_DATE_ZONE,	/* "29/11/2026 08:05:00 (CET)", local */
	TEXT_TIME_DATE_UTC,	/* "29/11/2026 08:05:00 UTC" */
	TEXT_TIME_ISO,		/* "2026-11-29T08:05:00Z" */
	TEXT_TIME_FORM_COUNT
};
#define TEXT_TIME_MAX	64
char		*text_time(char *buf, int64_t ms, enum text_time_form);
/* A countdown or an overrun of ms (its absolute value, whole seconds
 * rounded up) as "mm:ss", minutes past 59 if need be; buf of
 * TEXT_TIME_MAX. */
char		*text_countdown(char *buf, int64_t ms);
/*
 * A whole percentage from 0 to max written with digits only, optionally
 * followed by "%" (or " %", the French way): "33", "33%", "33 %".  False
 * for anything else ("1/3", "-5", "1e3", "", "33.5", past max).
 */
bool		 text_parse_percent(const char *s, int max, int *out);
/* A whole number from 0 to max written with digits only (no sign, no
 * space, no exponent); false for anything else. */
bool		 text_parse_uint(const char *s, uint64_t max, uint64_t *out);

#endif
