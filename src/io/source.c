/*
 * source: scenario text reader, @include expander and lexical pre-scan (see
 * source.h).  The scanner knows just enough of libconfig's lexical rules
 * (strings, comments, brackets, numbers, names) to catch the mistakes that
 * libconfig 1.5 would misreport; the grammar itself is left to libconfig.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/source.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct frame {
	char	 open;		/* '{', '(' or '[' */
	int	 file;
	int	 line;
	int	 settings;	/* '=' or ':' seen directly inside */
	bool	 reported;
};

struct scan {
	struct source	*src;
	struct diag	*diag;
	size_t		 cap;			/* of src->text */
	int		 mapcap;
	struct frame	 stack[SOURCE_MAX_NESTING + 1];
	int		 depth;			/* frames in use; 0 = top level */
	int		 top_settings;
	bool		 top_reported;
	bool		 too_deep;
	bool		 too_big;
	size_t		 nonfatal;		/* errors libconfig survives */
	size_t		 tokens;		/* outside comments and blanks */
	char		*active[SOURCE_MAX_DEPTH + 1];	/* include chain, realpaths */
	int		 nactive;
	/* Significant token just before: for trailing commas, decimal commas. */
	char		 last;			/* '=', ',', or 0 */
	int		 comma_file, comma_line;
};

const char *
source_errno_text(int err)
{
	switch (err) {
	case ENOENT:
		return _("fichier introuvable");
	case EACCES:
		return _("permission refusée");
	case EISDIR:
		return _("c'est un répertoire, pas un fichier");
	case ELOOP:
		return _("trop de liens symboliques");
	case ENODEV:
		return _("ce n'est pas un fichier ordinaire (tube, "
		    "périphérique ?)");
	default:
		return strerror(err);
	}
}

static void
source_error(struct scan *sc, int file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
source_error(struct scan *sc, int file, int line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_addv(sc->diag, DIAG_ERROR, sc->src->files[file], line, fmt, ap);
	va_end(ap);
}

static int
source_add_file(struct source *src, const char *name)
{
	src->files = xreallocarray(src->files, (size_t)src->nfiles + 1,
	    sizeof *src->files);
	src->files[src->nfiles] = xstrdup(name);
	return src->nfiles++;
}

static void
source_emit(struct scan *sc, const char *p, size_t n, int file, int line)
{
	struct source	*src = sc->src;

	if (src->len + n + 2 > sc->cap) {
		while (src->len + n + 2 > sc->cap)
			sc->cap = sc->cap ? sc->cap * 2 : 4096;
		src->text = xreallocarray(src->text, sc->cap, 1);
	}
	memcpy(src->text + src->len, p, n);
	src->len += n;
	src->text[src->len++] = '\n';
	src->text[src->len] = '\0';
	if (src->nlines == sc->mapcap) {
		sc->mapcap = sc->mapcap ? sc->mapcap * 2 : 256;
		src->map = xreallocarray(src->map, (size_t)sc->mapcap,
		    sizeof *src->map);
	}
	src->map[src->nlines].file = file;
	src->map[src->nlines].line = line;
	src->nlines++;
}

/* Reads a whole file, refusing more than max bytes; -1 and errno on error. */
static int
source_read_file(const char *path, size_t max, char **out, size_t *outlen,
    bool *too_big)
{
	struct stat	 st;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, saved;

	*too_big = false;
	/* O_NONBLOCK: opening a FIFO must not hang; it is refused below. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = ENODEV;
		goto fail;
	}
	buf = xmalloc(max + 2);
	for (;;) {
		n = read(fd, buf + len, max + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			*too_big = true;
			break;
		}
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

static int
source_line_of(const char *text, size_t off)
{
	int	 line = 1;
	size_t	 i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* Whole-file checks that make lexing pointless when they fail. */
static bool
source_check_bytes(struct scan *sc, int file, const char *text, size_t len)
{
	size_t	 i, valid;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		source_error(sc, file, 1, _("le fichier commence par une "
		    "marque invisible (BOM) : enregistrez-le en « UTF-8 » et non "
		    "en « UTF-8 avec BOM »"));
		return false;
	}
	if ((valid = text_utf8_valid_prefix(text, len)) != len) {
		source_error(sc, file, source_line_of(text, valid),
		    _("octets invalides en UTF-8 : enregistrez le fichier en "
		    "UTF-8"));
		return false;
	}
	for (i = 0; i < len; i++) {
		if (text[i] == '\0') {
			source_error(sc, file, source_line_of(text, i),
			    _("caractère nul dans le fichier : ce n'est pas "
			    "un fichier texte"));
			return false;
		}
	}
	return true;
}

static bool
source_is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*';
}

static bool
source_is_name_char(char c)
{
	return source_is_name_start(c) || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-';
}

static void
source_count_setting(struct scan *sc, int file, int line)
{
	int	*count;
	bool	*reported;

	if (sc->depth == 0) {
		count = &sc->top_settings;
		reported = &sc->top_reported;
	} else {
		count = &sc->stack[sc->depth - 1].settings;
		reported = &sc->stack[sc->depth - 1].reported;
	}
	if (++*count > SOURCE_MAX_SETTINGS && !*reported) {
		*reported = true;
		source_error(sc, file, line, _("plus de %d réglages dans le "
		    "même groupe : découpez le scénario"), SOURCE_MAX_SETTINGS);
	}
}

/*
 * Elements of a list or an array are settings to libconfig too (the same
 * quadratic cost): n commas, n + 1 elements.  Reported once, at the line
 * that opens the list.
 */
static void
source_count_element(struct scan *sc)
{
	struct frame	*f;

	if (sc->depth == 0 || sc->too_deep)
		return;
	f = &sc->stack[sc->depth - 1];
	if (f->open == '{')
		return;
	if (++f->settings + 1 > SOURCE_MAX_SETTINGS && !f->reported) {
		f->reported = true;
		source_error(sc, f->file, f->line, _("plus de %d éléments dans "
		    "la même liste : découpez le scénario"),
		    SOURCE_MAX_SETTINGS);
	}
}

static void
source_open(struct scan *sc, char c, int file, int line)
{
	if (sc->depth == SOURCE_MAX_NESTING) {
		if (!sc->too_deep)
			source_error(sc, file, line, _("plus de %d niveaux "
			    "d'imbrication"), SOURCE_MAX_NESTING);
		sc->too_deep = true;
		return;
	}
	sc->stack[sc->depth].open = c;
	sc->stack[sc->depth].file = file;
	sc->stack[sc->depth].line = line;
	sc->stack[sc->depth].settings = 0;
	sc->stack[sc->depth].reported = false;
	sc->depth++;
}

static void
source_close(struct scan *sc, char c, int file, int line)
{
	struct frame	*f;
	char		 want;

	if (sc->too_deep)
		return;
	if (sc->depth == 0) {
		source_error(sc, file, line, _("« %c » ne ferme rien"), c);
		return;
	}
	f = &sc->stack[sc->depth - 1];
	want = f->open == '{' ? '}' : f->open == '(' ? ')' : ']';
	if (c != want) {
		if (f->file == file)
			source_error(sc, file, line, _("« %c » attendu pour "
			    "fermer « %c » ouvert ligne %d, « %c » trouvé"),
			    want, f->open, f->line, c);
		else
			source_error(sc, file, line, _("« %c » attendu pour "
			    "fermer « %c » ouvert dans %s ligne %d, « %c » "
			    "trouvé"), want, f->open,
			    sc->src->files[f->file], f->line, c);
	}
	sc->depth--;
}

static const char *
source_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static enum source_status source_scan(struct scan *, const char *path,
    const char *text, size_t len, int file);

/* Handles "@include "x"" at p (the '@'); returns false on a bad directive. */
static void
source_include(struct scan *sc, const char *line, size_t n, int file,
    int lineno)
{
	const char	*p = line, *end = line + n, *q;
	char		*rel, *dir, *full, *slash, *text, resolved[PATH_MAX];
	size_t		 len;
	bool		 too_big;
	int		 i, child;

	/* A directive is content: a lone bad @include is not "fichier vide". */
	sc->tokens++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < 8 || memcmp(p, "@include", 8) != 0) {
		source_error(sc, file, lineno, _("directive inconnue : seule "
		    "@include \"fichier\" est acceptée"));
		return;
	}
	p += 8;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p != '"' ||
	    (q = memchr(p + 1, '"', (size_t)(end - p - 1))) == NULL ||
	    q == p + 1) {
		source_error(sc, file, lineno, _("@include attend un nom de "
		    "fichier entre guillemets"));
		return;
	}
	rel = xstrndup(p + 1, (size_t)(q - p - 1));
	for (p = q + 1; p < end && (*p == ' ' || *p == '\t' || *p == '\r'); p++)
		;
	if (p < end && *p != '#' && !(p + 1 < end && p[0] == '/' && p[1] == '/')) {
		source_error(sc, file, lineno, _("texte inattendu après "
		    "@include \"%s\""), rel);
		free(rel);
		return;
	}
	if (sc->nactive > SOURCE_MAX_DEPTH) {
		source_error(sc, file, lineno, _("plus de %d inclusions "
		    "imbriquées : inclusion circulaire ?"), SOURCE_MAX_DEPTH);
		free(rel);
		return;
	}
	/* Relative to the including file, not to the working directory. */
	if (rel[0] == '/')
		full = xstrdup(rel);
	else {
		dir = xstrdup(sc->src->files[file]);
		slash = strrchr(dir, '/');
		if (slash == NULL)
			full = xstrdup(rel);
		else {
			slash[1] = '\0';
			full = xasprintf("%s%s", dir, rel);
		}
		free(dir);
	}
	if (realpath(full, resolved) == NULL) {
		source_error(sc, file, lineno, _("impossible d'inclure "
		    "« %s » (%s) : %s"), rel, full, source_errno_text(errno));
		goto out;
	}
	for (i = 0; i < sc->nactive; i++) {
		if (strcmp(sc->active[i], resolved) == 0) {
			char	*chain = xstrdup(""), *next;
			int	 k;

			for (k = i; k < sc->nactive; k++) {
				next = xasprintf("%s%s → ", chain,
				    source_basename(sc->active[k]));
				free(chain);
				chain = next;
			}
			source_error(sc, file, lineno, _("inclusion circulaire "
			    ": %s%s"), chain, source_basename(resolved));
			free(chain);
			goto out;
		}
	}
	if (source_read_file(full, SOURCE_MAX_BYTES, &text, &len,
	    &too_big) == -1) {
		source_error(sc, file, lineno, _("impossible d'inclure "
		    "« %s » (%s) : %s"), rel, full, source_errno_text(errno));
		goto out;
	}
	child = source_add_file(sc->src, full);
	sc->active[sc->nactive++] = xstrdup(resolved);
	if (too_big || sc->src->len + len > SOURCE_MAX_BYTES) {
		if (!sc->too_big)
			source_error(sc, file, lineno, _("scénario trop "
			    "volumineux avec « %s » : plus de %d Kio"), rel,
			    SOURCE_MAX_BYTES / 1024);
		sc->too_big = true;
	} else
		source_scan(sc, full, text, len, child);
	free(sc->active[--sc->nactive]);
	free(text);
out:
	free(full);
	free(rel);
}

/* The line being scanned holds a number libconfig will misread. */
static void
source_flag_line(struct scan *sc)
{
	struct source	*src = sc->src;

	src->flagged = xreallocarray(src->flagged, (size_t)src->nflagged + 1,
	    sizeof *src->flagged);
	src->flagged[src->nflagged++] = src->nlines + 1;
}

bool
source_line_flagged(const struct source *src, int line)
{
	int	 i;

	for (i = 0; i < src->nflagged; i++)
		if (src->flagged[i] == line)
			return true;
	return false;
}

/* Checks one numeric literal at p; returns its length. */
static size_t
source_number(struct scan *sc, const char *p, const char *end, bool negative,
    int file, int line)
{
	const char	*q = p, *digits;
	size_t		 ndigits;
	bool		 hex = false;

	if (end - q >= 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
		hex = true;
		q += 2;
	}
	digits = q;
	while (q < end && ((*q >= '0' && *q <= '9') || (hex &&
	    ((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F')))))
		q++;
	ndigits = (size_t)(q - digits);
	if (!hex && q < end && (*q == '.' || *q == 'e' || *q == 'E'))
		return (size_t)(q - p);		/* a float: the loader says no */
	if (q < end && (*q == 'L' || *q == 'l')) {
		source_error(sc, file, line, _("suffixe « L » refusé : écrivez "
		    "le nombre seul (il ne dépasse pas 2 147 483 647)"));
		source_flag_line(sc);
		sc->nonfatal++;
		while (q < end && (*q == 'L' || *q == 'l'))
			q++;
		return (size_t)(q - p);
	}
	while (ndigits > 1 && *digits == '0') {
		digits++;
		ndigits--;
	}
	if (hex ? ndigits > 8 || (ndigits == 8 && *digits > '7') :
	    ndigits > 10 || (ndigits == 10 && memcmp(digits,
	    negative ? "2147483648" : "2147483647", 10) > 0)) {
		source_error(sc, file, line, _("nombre trop grand : %s%.*s ; "
		    "les nombres d'un scénario ne dépassent pas "
		    "2 147 483 647"), negative ? "-" : "", (int)(q - p), p);
		sc->nonfatal++;
		source_flag_line(sc);
	}
	/* "3,50" where a value is expected: a French decimal comma. */
	if (sc->last == '=' && q + 1 < end && *q == ',' &&
	    q[1] >= '0' && q[1] <= '9' &&
	    (sc->depth == 0 || sc->stack[sc->depth - 1].open == '{')) {
		const char *r = q + 1;

		while (r < end && *r >= '0' && *r <= '9')
			r++;
		source_error(sc, file, line, _("virgule décimale dans %.*s : "
		    "écrivez un entier (euros entiers, pourcentages entiers)"),
		    (int)(r - p), p);
	}
	return (size_t)(q - p);
}

static enum source_status
source_scan(struct scan *sc, const char *path, const char *text, size_t len,
    int file)
{
	const char	*p = text, *end = text + len, *eol, *q;
	int		 lineno = 0, string_line = 0, comment_line = 0;
	bool		 in_comment = false, in_string = false, reported_ascii;
	bool		 string_reported = false;

	(void)path;
	if (!source_check_bytes(sc, file, text, len))
		return SOURCE_INVALID;
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		lineno++;
		reported_ascii = false;
		q = p;
		if (in_string && !string_reported) {
			/*
			 * libconfig lets a string run on to the next quote,
			 * lines later, and then complains there: say where it
			 * started, and follow it so the rest stays in step.
			 */
			source_error(sc, file, string_line, _("chaîne non "
			    "terminée : il manque le guillemet fermant (une "
			    "chaîne tient sur une ligne ; pour un long texte, "
			    "écrivez \"…\" \"…\")"));
			string_reported = true;
		}
		if (!in_comment && !in_string) {
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			if (q < eol && *q == '@') {
				source_include(sc, p, (size_t)(eol - p), file,
				    lineno);
				p = eol + 1;
				continue;
			}
			q = p;
		}
		while (q < eol) {
			char	 c = *q;

			if (in_comment) {
				if (c == '*' && q + 1 < eol && q[1] == '/') {
					in_comment = false;
					q += 2;
				} else
					q++;
				continue;
			}
			if (in_string) {
				/*
				 * libconfig ends the string at "\x00" and
				 * drops the rest: text_check would only see
				 * what is left, so the cut is refused here.
				 */
				if (c == '\\' && eol - q >= 4 &&
				    (q[1] == 'x' || q[1] == 'X') &&
				    q[2] == '0' && q[3] == '0') {
					source_error(sc, file, lineno, _("« \\x00 » "
					    "dans un texte : le caractère nul "
					    "couperait le texte à cet endroit"));
					sc->nonfatal++;
				}
				if (c == '\\' && q + 1 < eol)
					q += 2;
				else if (c == '"') {
					in_string = false;
					sc->last = 's';
					q++;
				} else
					q++;
				continue;
			}
			sc->tokens++;
			if (c == '"') {
				in_string = true;
				string_reported = false;
				string_line = lineno;
				q++;
				continue;
			}
			if (c == '#' || (c == '/' && q + 1 < eol && q[1] == '/')) {
				sc->tokens--;
				break;
			}
			if (c == '/' && q + 1 < eol && q[1] == '*') {
				sc->tokens--;
				in_comment = true;
				comment_line = lineno;
				q += 2;
				continue;
			}
			if (c == ' ' || c == '\t' || c == '\r') {
				sc->tokens--;
				q++;
				continue;
			}
			if ((c == ')' || c == ']') && sc->last == ',')
				source_error(sc, sc->comma_file, sc->comma_line,
				    _("virgule en trop après le dernier "
				    "élément de la liste"));
			if (c == '{' || c == '(' || c == '[') {
				source_open(sc, c, file, lineno);
				sc->last = c;
				q++;
				continue;
			}
			if (c == '}' || c == ')' || c == ']') {
				source_close(sc, c, file, lineno);
				sc->last = c;
				q++;
				continue;
			}
			if (c == '=' || c == ':') {
				source_count_setting(sc, file, lineno);
				sc->last = '=';
				q++;
				continue;
			}
			if (c == ',') {
				source_count_element(sc);
				sc->last = ',';
				sc->comma_file = file;
				sc->comma_line = lineno;
				q++;
				continue;
			}
			if (source_is_name_start(c)) {
				while (q < eol && source_is_name_char(*q))
					q++;
				sc->last = 'n';
				continue;
			}
			if ((c >= '0' && c <= '9') || ((c == '-' || c == '+')
			    && q + 1 < eol && q[1] >= '0' && q[1] <= '9')) {
				bool neg = c == '-';

				if (c == '-' || c == '+')
					q++;
				q += source_number(sc, q, eol, neg, file,
				    lineno);
				sc->last = '0';
				continue;
			}
			if ((unsigned char)c >= 0x80) {
				if (!reported_ascii)
					source_error(sc, file, lineno,
					    _("lettre accentuée ou caractère "
					    "spécial hors d'un texte entre "
					    "guillemets : les noms de réglages "
					    "s'écrivent sans accents (delai, pas "
					    "délai)"));
				reported_ascii = true;
				while (q < eol && (unsigned char)*q >= 0x80)
					q++;
				continue;
			}
			sc->last = c;
			q++;
		}
		source_emit(sc, p, (size_t)(eol - p), file, lineno);
		p = eol + 1;
	}
	if (in_string && !string_reported)
		source_error(sc, file, string_line, _("chaîne non terminée : il "
		    "manque le guillemet fermant"));
	if (in_comment)
		source_error(sc, file, comment_line, _("commentaire /* jamais "
		    "fermé par */"));
	if (file == 0 && sc->tokens == 0)
		source_error(sc, file, 0, _("fichier vide : un scénario doit au "
		    "moins définir format, id, titre… (voir "
		    "scenarios/README.md)"));
	return SOURCE_OK;
}

enum source_status
source_load_text(struct source *src, const char *path, const char *text,
    size_t len, struct diag *d)
{
	struct scan	 sc;
	size_t		 errors = d->errors;
	char		 resolved[PATH_MAX];
	int		 file, i;

	memset(src, 0, sizeof *src);
	memset(&sc, 0, sizeof sc);
	sc.src = src;
	sc.diag = d;
	file = source_add_file(src, path);
	if (len > SOURCE_MAX_BYTES) {
		source_error(&sc, file, 0, _("fichier trop volumineux : plus "
		    "de %d Kio (un scénario en fait rarement plus de 100)"),
		    SOURCE_MAX_BYTES / 1024);
		return SOURCE_INVALID;
	}
	if (realpath(path, resolved) != NULL)
		sc.active[sc.nactive++] = xstrdup(resolved);
	source_scan(&sc, path, text, len, file);
	for (i = 0; i < sc.nactive; i++)
		free(sc.active[i]);
	if (!sc.too_deep) {
		for (i = sc.depth - 1; i >= 0; i--)
			source_error(&sc, sc.stack[i].file, sc.stack[i].line,
			    _("« %c » ouvert ici n'est jamais fermé"),
			    sc.stack[i].open);
	}
	if (src->text == NULL)
		source_emit(&sc, "", 0, file, 1);
	/* Errors libconfig would survive leave the rest worth checking. */
	return d->errors - errors > sc.nonfatal ? SOURCE_INVALID : SOURCE_OK;
}

enum source_status
source_load(struct source *src, const char *path, struct diag *d)
{
	enum source_status	 status;
	char			*text;
	size_t			 len;
	bool			 too_big;

	if (source_read_file(path, SOURCE_MAX_BYTES, &text, &len,
	    &too_big) == -1) {
		memset(src, 0, sizeof *src);
		diag_add(d, DIAG_ERROR, path, 0, _("lecture impossible : %s"),
		    source_errno_text(errno));
		return SOURCE_UNREADABLE;
	}
	status = source_load_text(src, path, text,
	    too_big ? SOURCE_MAX_BYTES + 1 : len, d);
	free(text);
	return status;
}

void
source_release(struct source *src)
{
	int	 i;

	free(src->text);
	free(src->map);
	free(src->flagged);
	for (i = 0; i < src->nfiles; i++)
		free(src->files[i]);
	free(src->files);
	memset(src, 0, sizeof *src);
}

const char *
source_locate(const struct source *src, int line, int *file_line)
{
	if (src->nlines == 0) {
		*file_line = line;
		return src->nfiles > 0 ? src->files[0] : "?";
	}
	if (line < 1)
		line = 1;
	if (line > src->nlines)
		line = src->nlines;
	*file_line = src->map[line - 1].line;
	return src->files[src->map[line - 1].file];
}

int
source_file_index(const struct source *src, int line)
{
	if (src->nlines == 0)
		return 0;
	if (line < 1)
		line = 1;
	if (line > src->nlines)
		line = src->nlines;
	return src->map[line - 1].file;
}
