/*
 * text: pure string helpers (see text.h), and the text rule every input
 * goes through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

size_t
text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, k;
	uint32_t		 c;

	if (len == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (n > len)
		return 0;
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

size_t
text_utf8_valid_prefix(const char *s, size_t len)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		/* ASCII, the bulk of a journal, eight bytes at a time. */
		while (len - i >= 8) {
			uint64_t	 w;

			memcpy(&w, s + i, sizeof w);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i < len && (unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (i >= len)
			break;
		if ((n = text_utf8_decode(s + i, len - i, &cp)) == 0)
			return i;
		i += n;
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

const char *
text_of(const char *word)
{
	static const char *const vowels[] = {
		"a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y",
		"à", "â", "é", "è", "ê", "ë", "î", "ï", "ô", "û", "À", "Â", "É",
		"È", "Ê", "Î", "Ô", "Û"
	};
	size_t	 i;

	for (i = 0; word != NULL && i < sizeof vowels / sizeof vowels[0]; i++)
		if (strncmp(word, vowels[i], strlen(vowels[i])) == 0)
			return "d'";
	return "de ";
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

/* Round half away from zero to whole euros: the display unit. */
static uint64_t
text_abs_euros(int64_t cents)
{
	uint64_t	 abs_cents = cents < 0 ? (uint64_t)0 - (uint64_t)cents :
			    (uint64_t)cents;

	return (abs_cents + 50) / 100;
}

int64_t
text_euros(int64_t cents)
{
	int64_t	 euros = (int64_t)text_abs_euros(cents);

	return cents < 0 ? -euros : euros;
}

char *
text_money(char *buf, int64_t cents)
{
	char		*out = buf;
	uint64_t	 euros = text_abs_euros(cents);

	if (cents < 0 && euros != 0)
		*out++ = '-';
	out = text_group(out, euros);
	memcpy(out, "\xc2\xa0\xe2\x82\xac", 6);	/* " €" with its NUL */
	return buf;
}

/* --- dates --- */

char *
text_time(char *buf, int64_t ms, enum text_time_form form)
{
	struct tm	 tm;
	time_t		 t;
	size_t		 n = 0;
	bool		 utc = form == TEXT_TIME_CLOCK_UTC ||
			    form == TEXT_TIME_DATE_UTC || form == TEXT_TIME_ISO;

	/* Floor to the second, before 1970 too. */
	t = (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
	if ((utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) == NULL)
		form = TEXT_TIME_FORM_COUNT;
	/* Literal formats, checked by the compiler; ASCII ones are for
	 * machines and never translated. */
	switch (form) {
	case TEXT_TIME_CLOCK:
	case TEXT_TIME_CLOCK_UTC:
		n = strftime(buf, TEXT_TIME_MAX, _("%H:%M"), &tm);
		break;
	case TEXT_TIME_CLOCK_ZONE:
		n = strftime(buf, TEXT_TIME_MAX, _("%H:%M (%Z)"), &tm);
		break;
	case TEXT_TIME_ZONE:
		n = strftime(buf, TEXT_TIME_MAX, "%Z", &tm);
		break;
	case TEXT_TIME_DATE_ZONE:
		n = strftime(buf, TEXT_TIME_MAX, _("%d/%m/%Y %H:%M:%S (%Z)"),
		    &tm);
		break;
	case TEXT_TIME_SECONDS:
		n = strftime(buf, TEXT_TIME_MAX, _("%H:%M:%S"), &tm);
		break;
	case TEXT_TIME_DATE:
		n = strftime(buf, TEXT_TIME_MAX, _("%d/%m/%Y à %H:%M:%S"), &tm);
		break;
	case TEXT_TIME_STAMP:
		n = strftime(buf, TEXT_TIME_MAX, "%Y%m%d-%H%M", &tm);
		break;
	case TEXT_TIME_DATE_UTC:
		n = strftime(buf, TEXT_TIME_MAX, _("%d/%m/%Y %H:%M:%S UTC"),
		    &tm);
		break;
	case TEXT_TIME_ISO:
		n = strftime(buf, TEXT_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
		break;
	default:
		break;
	}
	if (n == 0)
		snprintf(buf, TEXT_TIME_MAX, "—");
	return buf;
}

char *
text_countdown(char *buf, int64_t ms)
{
	uint64_t	 abs_ms = ms < 0 ? (uint64_t)0 - (uint64_t)ms :
			    (uint64_t)ms;
	uint64_t	 s = abs_ms / 1000 + (abs_ms % 1000 != 0);

	snprintf(buf, TEXT_TIME_MAX, "%02llu:%02llu",
	    (unsigned long long)(s / 60), (unsigned long long)(s % 60));
	return buf;
}

/* --- the text rule --- */

enum text_flaw {
	FLAW_NONE,
	FLAW_NOT_UTF8,
	FLAW_NUL,
	FLAW_NEWLINE,		/* '\n' or '\t' in a one-line text */
	FLAW_ESCAPE,
	FLAW_CONTROL,
	FLAW_SEPARATOR,
	FLAW_BIDI,
	FLAW_INVISIBLE
};

static enum text_flaw
text_flaw_of(uint32_t cp, bool multiline)
{
	if (cp == 0)
		return FLAW_NUL;
	if (cp == '\n' || cp == '\t')
		return multiline ? FLAW_NONE : FLAW_NEWLINE;
	if (cp == 0x1b)
		return FLAW_ESCAPE;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
		return FLAW_CONTROL;
	if (cp == 0x2028 || cp == 0x2029)
		return FLAW_SEPARATOR;
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return FLAW_BIDI;
	if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff ||
	    (cp >= 0xe0000 && cp <= 0xe007f))
		return FLAW_INVISIBLE;
	return FLAW_NONE;
}

bool
text_char_allowed(uint32_t cp, bool multiline)
{
	return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) &&
	    text_flaw_of(cp, multiline) == FLAW_NONE;
}

bool
text_is_clean(const char *s, size_t len, bool multiline, size_t *bad)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		/* Printable ASCII is always allowed: most of every text. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		if ((n = text_utf8_decode(s + i, len - i, &cp)) == 0 ||
		    text_flaw_of(cp, multiline) != FLAW_NONE) {
			if (bad != NULL)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* The last few characters before offset: where the fault is. */
static char *
text_context(const char *s, size_t bad)
{
	size_t		 start = bad, count = 0;
	char		*piece, *out;

	while (start > 0 && count < 16) {
		start--;
		if (((unsigned char)s[start] & 0xc0) != 0x80)
			count++;
	}
	piece = xstrndup(s + start, bad - start);
	/* The prefix is clean, but may hold lines: the message is one. */
	out = text_sanitize(piece, strlen(piece), false);
	free(piece);
	/* « ok » reads better than « ok  »; the byte number is exact. */
	for (count = strlen(out); count > 0 && out[count - 1] == ' '; count--)
		out[count - 1] = '\0';
	if (start > 0) {
		piece = xasprintf("…%s", out);
		free(out);
		out = piece;
	}
	return out;
}

/* Why the bytes at s are not UTF-8, with the likely cause. */
static char *
text_not_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	size_t			 k;

	/* A lead byte followed by what it announces: a forbidden form. */
	for (k = 1; k < n && k < len && (p[k] & 0xc0) == 0x80; k++)
		;
	if (p[0] >= 0xc0 && k == n)
		return xasprintf(_("la séquence qui commence par l'octet 0x%02X "
		    "n'est pas de l'UTF-8 valide (forme trop longue, moitié "
		    "de paire UTF-16 ou au-delà de U+10FFFF)"), p[0]);
	if (p[0] >= 0xc0 && k == len)
		return xasprintf(_("le caractère qui commence par l'octet "
		    "0x%02X est coupé en fin de texte"), p[0]);
	/* A lone byte: the signature of Latin-1 or Windows-1252. */
	return xasprintf(_("l'octet 0x%02X n'est pas de l'UTF-8 valide (un "
	    "texte en Latin-1 ou Windows-1252 ? il faut de l'UTF-8)"), p[0]);
}

char *
text_explain(const char *s, size_t len, bool multiline, size_t bad)
{
	char		*what, *where, *ctx, *out;
	uint32_t	 cp = 0;
	enum text_flaw	 flaw;

	if (bad >= len)
		return xstrdup(_("texte accepté"));
	if (text_utf8_decode(s + bad, len - bad, &cp) == 0)
		flaw = FLAW_NOT_UTF8;
	else
		flaw = text_flaw_of(cp, multiline);
	switch (flaw) {
	case FLAW_NOT_UTF8:
		what = text_not_utf8(s + bad, len - bad);
		break;
	case FLAW_NUL:
		what = xstrdup(_("caractère nul (U+0000) interdit"));
		break;
	case FLAW_NEWLINE:
		what = xstrdup(cp == '\n' ? _("saut de ligne interdit : ce "
		    "texte tient sur une ligne") : _("tabulation interdite : "
		    "ce texte tient sur une ligne"));
		break;
	case FLAW_ESCAPE:
		what = xstrdup(_("caractère de contrôle U+001B (Échap) "
		    "interdit : il commanderait le terminal qui affiche le "
		    "texte"));
		break;
	case FLAW_CONTROL:
		what = xasprintf(_("caractère de contrôle U+%04X interdit"),
		    (unsigned)cp);
		break;
	case FLAW_SEPARATOR:
		what = xasprintf(_("séparateur Unicode U+%04X interdit "
		    "(écrivez un saut de ligne ordinaire)"), (unsigned)cp);
		break;
	case FLAW_BIDI:
		what = xasprintf(_("caractère de direction d'écriture U+%04X "
		    "interdit : il ferait lire le texte dans un autre ordre "
		    "que celui enregistré"), (unsigned)cp);
		break;
	case FLAW_INVISIBLE:
	default:
		what = xasprintf(_("caractère invisible U+%04X interdit"),
		    (unsigned)cp);
		break;
	}
	if (bad > 0) {
		ctx = text_context(s, bad);
		where = xasprintf(_("octet n°%zu (après « %s »)"), bad + 1, ctx);
		free(ctx);
	} else
		where = xstrdup(_("octet n°1"));
	out = xasprintf("%s : %s", where, what);
	free(where);
	free(what);
	return out;
}

char *
text_check(const char *s, bool multiline)
{
	size_t	 len, bad;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	if (text_is_clean(s, len, multiline, &bad))
		return NULL;
	return text_explain(s, len, multiline, bad);
}

size_t
text_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

char *
text_sanitize(const char *s, size_t len, bool multiline)
{
	/* A stand-in is at most 3 bytes for 1 refused byte. */
	char		*out = xmalloc(len * 3 + 1);
	size_t		 i = 0, o = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if ((n = text_utf8_decode(s + i, len - i, &cp)) == 0) {
			cp = 0xfffd;	/* one per bad byte: "�" */
			n = 1;
		} else if (text_flaw_of(cp, multiline) == FLAW_NEWLINE)
			cp = ' ';
		else if (cp < 0x20 && text_flaw_of(cp, multiline) != FLAW_NONE)
			cp = 0x2400 + cp;	/* "␛", "␇": shows what it was */
		else if (cp == 0x7f)
			cp = 0x2421;		/* "␡" */
		else if (text_flaw_of(cp, multiline) != FLAW_NONE)
			cp = 0xfffd;
		o += text_utf8_encode(cp, out + o);
		i += n;
	}
	out[o] = '\0';
	return out;
}

/* The digits at s, at most max: past them, or NULL if none or too big. */
static const char *
text_digits(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t	 v = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		uint64_t d = (uint64_t)(*s - '0');

		/* v * 10 + d <= max, without overflowing. */
		if (d > max || v > (max - d) / 10)
			return NULL;
		v = v * 10 + d;
	}
	*out = v;
	return s;
}

bool
text_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t	 v;
	const char	*p = text_digits(s, max, &v);

	if (p == NULL || *p != '\0')
		return false;
	*out = v;
	return true;
}

bool
text_parse_percent(const char *s, int max, int *out)
{
	const char	*p, *sign;
	uint64_t	 v;

	if (max < 0 || (p = text_digits(s, (uint64_t)max, &v)) == NULL)
		return false;
	/* "33", "33%", and the French "33 %" (space or no-break space). */
	sign = p;
	if (*sign == ' ')
		sign++;
	else if (strncmp(sign, "\xc2\xa0", 2) == 0)
		sign += 2;
	else if (strncmp(sign, "\xe2\x80\xaf", 3) == 0)
		sign += 3;
	if (*sign == '%')
		p = sign + 1;
	if (*p != '\0')
		return false;
	*out = (int)v;
	return true;
}
