/*
 * text: pure string helpers (see text.h).
 */
#include <stdio.h>
#include <string.h>

#include "util/text.h"

size_t
text_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	uint32_t		 cp;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			n = 1;
			cp = p[i] & 0x1f;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			n = 2;
			cp = p[i] & 0x0f;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			n = 3;
			cp = p[i] & 0x07;
		} else
			return i;
		if (i + n >= len)
			return i;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return i;
		i += n + 1;
	}
	return len;
}

size_t
text_utf8_count(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

bool
text_is_id(const char *s)
{
	size_t	 i;

	if (s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 1; s[i] != '\0'; i++) {
		if (i >= TEXT_ID_MAX)
			return false;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	}
	return true;
}

/* Optimal string alignment: a swap of two letters counts as one typo. */
unsigned
text_distance(const char *a, const char *b)
{
	unsigned	 d[64][64], best;
	size_t		 la = strlen(a), lb = strlen(b), i, j;

	if (la > 63 || lb > 63)
		return 255;
	for (i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > 255 ? 255 : d[la][lb];
}

const char *
text_nearest(const char *word, const char *const *candidates, size_t count)
{
	const char	*best = NULL;
	unsigned	 best_d = 255, d, limit;
	size_t		 i;

	limit = (unsigned)strlen(word) / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	/* "redaction" for "redac": a known key the word starts with. */
	for (i = 0; i < count; i++) {
		size_t	 k = strlen(candidates[i]);

		if (k >= 3 && k < strlen(word) &&
		    strncmp(word, candidates[i], k) == 0)
			return candidates[i];
	}
	for (i = 0; i < count; i++) {
		d = text_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

static char *
text_group(char *out, uint64_t value)
{
	char	 digits[32];
	size_t	 n, i;

	n = (size_t)snprintf(digits, sizeof digits, "%llu",
	    (unsigned long long)value);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			memcpy(out, "\xc2\xa0", 2);	/* U+00A0 */
			out += 2;
		}
		*out++ = digits[i];
	}
	*out = '\0';
	return out;
}

char *
text_thousands(char *buf, int64_t value)
{
	char	*out = buf;

	if (value < 0)
		*out++ = '-';
	text_group(out, value < 0 ? (uint64_t)0 - (uint64_t)value :
	    (uint64_t)value);
	return buf;
}

char *
text_money(char *buf, int64_t cents)
{
	char		*out = buf;
	uint64_t	 euros, abs_cents;

	/* Round half away from zero to whole euros: the display unit. */
	abs_cents = cents < 0 ? (uint64_t)0 - (uint64_t)cents :
	    (uint64_t)cents;
	euros = (abs_cents + 50) / 100;
	if (cents < 0 && euros != 0)
		*out++ = '-';
	out = text_group(out, euros);
	memcpy(out, "\xc2\xa0\xe2\x82\xac", 6);	/* " €" with its NUL */
	return buf;
}
