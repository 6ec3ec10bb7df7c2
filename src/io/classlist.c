/*
 * classlist: a class list file read into a session setup (see classlist.h).
 *
 * Three steps, each over the whole file: decode (to UTF-8, keeping the
 * byte offsets' lines for the errors), split into records (RFC 4180, with
 * the physical line each record begins on), then read the header and check
 * each row by the engine's rules.  The CSV reader is written here rather
 * than taken from libcsv (Debian's libcsv-dev): libcsv does not say on
 * which line a record begins, which every message here needs, has no
 * pkg-config file and has not changed upstream since 2013; the grammar
 * needed is the forty lines of csv_record().
 */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/classlist.h"
#include "io/source.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* --- decoding ------------------------------------------------------------ */

/* The physical line (1-based) of byte offset off: LF, CRLF and CR end a
 * line, as csv_record() counts them. */
static int
line_at(const char *t, size_t off)
{
	size_t	 i;
	int	 line = 1;

	for (i = 0; i < off; i++)
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= off ||
		    t[i + 1] != '\n')))
			line++;
	return line;
}

/*
 * The file as UTF-8 (allocated, NUL-terminated, *len set), or NULL with an
 * error in d.  A BOM says UTF-8; without one, valid UTF-8 is UTF-8 (a
 * Windows-1252 name such as « Léa » is not valid UTF-8: é is a lone 0xE9),
 * and anything else is Windows-1252, unless valid UTF-8 accents came
 * before the bad byte: then the file mixes two encodings.
 */
static char *
decode(const char *name, const char *bytes, size_t *len,
    const char **encoding, struct diag *d)
{
	iconv_t	 cd;
	char	*out, *in_p, *out_p;
	const char *nul;
	size_t	 n = *len, valid, i, in_left, out_left;
	bool	 bom = false, accents = false;

	if (n >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0) {
		bytes += 3;
		n -= 3;
		bom = true;
	}
	if (!bom && n >= 2 && (memcmp(bytes, "\xff\xfe", 2) == 0 ||
	    memcmp(bytes, "\xfe\xff", 2) == 0)) {
		/* Excel's « Texte Unicode »: two bytes a character. */
		diag_add(d, DIAG_ERROR, name, 1, _("fichier en UTF-16 : "
		    "réenregistrez la liste en « CSV UTF-8 » ou en « CSV "
		    "(séparateur : point-virgule) »"));
		return NULL;
	}
	if ((nul = memchr(bytes, '\0', n)) != NULL) {
		diag_add(d, DIAG_ERROR, name, line_at(bytes, (size_t)(nul -
		    bytes)), _("octet nul : ce n'est pas un fichier texte "
		    "(enregistrez la liste en CSV)"));
		return NULL;
	}
	valid = text_utf8_valid_prefix(bytes, n);
	if (valid == n) {
		*encoding = bom ? "UTF-8 avec BOM" : "UTF-8";
		*len = n;
		return xstrndup(bytes, n);
	}
	for (i = 0; i < valid; i++)
		if ((unsigned char)bytes[i] >= 0x80)
			accents = true;
	if (bom || accents) {
		diag_add(d, DIAG_ERROR, name, line_at(bytes, valid),
		    _("l'octet 0x%02X n'est pas de l'UTF-8, alors que le fichier "
		    "%s : deux codages mêlés ; réenregistrez la liste en "
		    "« CSV UTF-8 »"), (unsigned char)bytes[valid], bom ?
		    _("commence par la marque UTF-8 (BOM)") :
		    _("a déjà des accents en UTF-8"));
		return NULL;
	}
	if ((cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1) {
		diag_add(d, DIAG_ERROR, name, 0, _("le fichier n'est pas en "
		    "UTF-8 et la conversion depuis Windows-1252 est indisponible "
		    "(iconv : %s) ; réenregistrez la liste en « CSV UTF-8 »"),
		    strerror(errno));
		return NULL;
	}
	/* A Windows-1252 byte is at most 3 bytes of UTF-8 (€ is E2 82 AC). */
	out = xmalloc(n * 3 + 1);
	in_p = (char *)(uintptr_t)bytes;
	in_left = n;
	out_p = out;
	out_left = n * 3;
	if (iconv(cd, &in_p, &in_left, &out_p, &out_left) == (size_t)-1) {
		i = (size_t)(in_p - bytes);
		diag_add(d, DIAG_ERROR, name, line_at(bytes, i), _("l'octet "
		    "0x%02X n'est ni de l'UTF-8 ni du Windows-1252 ; "
		    "réenregistrez la liste en « CSV UTF-8 »"),
		    (unsigned char)bytes[i]);
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*out_p = '\0';
	*len = (size_t)(out_p - out);
	*encoding = "Windows-1252";
	return out;
}

/* --- records (RFC 4180) ------------------------------------------------- */

struct csv_row {
	char	**fields;
	size_t	  n, cap;
	int	  line;		/* where the record begins */
	char	 *bad;		/* why the record cannot be read, or NULL */
};

struct csv {
	const char	*t;
	size_t		 len, p;
	int		 line;
	char		 sep;
};

static void
record_clear(struct csv_row *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	free(r->bad);
	memset(r, 0, sizeof *r);
}

static void
record_push(struct csv_row *r, char *field)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->fields = xreallocarray(r->fields, r->cap,
		    sizeof *r->fields);
	}
	r->fields[r->n++] = field;
}

/* Consumes a line ending at c->p if there is one (CRLF, LF or CR). */
static bool
csv_newline(struct csv *c)
{
	if (c->p < c->len && c->t[c->p] == '\r') {
		c->p++;
		if (c->p < c->len && c->t[c->p] == '\n')
			c->p++;
	} else if (c->p < c->len && c->t[c->p] == '\n')
		c->p++;
	else
		return false;
	c->line++;
	return true;
}

/* A field with spaces and tabs around it dropped: allocated. */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/*
 * The next record into r (cleared first): false at the end of the text.  A
 * quote left open or text after a closing quote sets r->bad and still
 * consumes the record, so that the rows after it are read.
 */
static bool
csv_record(struct csv *c, struct csv_row *r)
{
	char	*buf;
	size_t	 n, cap, start;
	int	 quote_line;

	record_clear(r);
	if (c->p >= c->len)
		return false;
	r->line = c->line;
	cap = 64;
	buf = xmalloc(cap);
	for (;;) {
		n = 0;
		start = c->p;
		while (c->p < c->len && (c->t[c->p] == ' ' ||
		    c->t[c->p] == '\t'))
			c->p++;
		if (c->p < c->len && c->t[c->p] == '"') {
			quote_line = c->line;
			for (c->p++;;) {
				if (c->p >= c->len) {
					if (r->bad == NULL)
						r->bad = xasprintf(_("guillemet "
						    "ouvert ligne %d et jamais "
						    "refermé"), quote_line);
					break;
				}
				if (n + 2 >= cap)
					buf = xreallocarray(buf, cap *= 2, 1);
				if (c->t[c->p] == '"' && c->p + 1 < c->len &&
				    c->t[c->p + 1] == '"') {
					buf[n++] = '"';
					c->p += 2;
				} else if (c->t[c->p] == '"') {
					c->p++;
					break;
				} else if (csv_newline(c))
					buf[n++] = '\n';
				else
					buf[n++] = c->t[c->p++];
			}
			while (c->p < c->len && (c->t[c->p] == ' ' ||
			    c->t[c->p] == '\t'))
				c->p++;
			if (c->p < c->len && c->t[c->p] != c->sep &&
			    c->t[c->p] != '\r' && c->t[c->p] != '\n') {
				if (r->bad == NULL)
					r->bad = xasprintf(_("texte après le "
					    "guillemet fermant du champ n°%zu "
					    "(un guillemet dans un champ s'écrit "
					    "\"\")"), r->n + 1);
				while (c->p < c->len && c->t[c->p] != c->sep &&
				    c->t[c->p] != '\r' && c->t[c->p] != '\n')
					c->p++;
			}
			record_push(r, trimmed(buf, n));
		} else {
			c->p = start;
			while (c->p < c->len && c->t[c->p] != c->sep &&
			    c->t[c->p] != '\r' && c->t[c->p] != '\n')
				c->p++;
			record_push(r, trimmed(c->t + start, c->p - start));
		}
		if (c->p < c->len && c->t[c->p] == c->sep) {
			c->p++;
			continue;
		}
		csv_newline(c);
		break;
	}
	free(buf);
	return true;
}

/* ';' or ',', whichever the header line (outside quotes) has more of;
 * the blank lines before it (nothing but separators and spaces, skipped
 * as rows are) do not count. */
static char
csv_separator(const char *t, size_t len)
{
	size_t	 i, semi = 0, comma = 0;
	bool	 quoted = false, seen = false;

	for (i = 0; i < len; i++) {
		if (t[i] == '"')
			quoted = !quoted;
		else if (!quoted && (t[i] == '\n' || t[i] == '\r')) {
			if (seen)
				break;
			semi = comma = 0;
			continue;
		}
		if (t[i] != ' ' && t[i] != '\t' && t[i] != ';' && t[i] != ',')
			seen = true;
		if (quoted || t[i] == '"')
			continue;
		if (t[i] == ';')
			semi++;
		else if (t[i] == ',')
			comma++;
	}
	return comma > semi ? ',' : ';';
}

/* --- the header ---------------------------------------------------------- */

/* Letters of U+00C0–U+00FF without their accent, lower case. */
static const char *const latin1_fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", " ",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", " ",
	"o", "u", "u", "u", "u", "y", "th", "y",
};

/*
 * s folded for comparing what people write: lower case, no accents, every
 * run of anything but letters and digits one space, none at the ends
 * (« Temps majoré (%) » and « temps-majore » are both "temps majore").
 * Allocated.
 */
static char *
fold(const char *s)
{
	size_t	 len = strlen(s), i = 0, k, n = 0;
	char	*out = xmalloc(len * 2 + 1);
	const char *piece;
	uint32_t cp;

	while (i < len) {
		if ((k = text_utf8_decode(s + i, len - i, &cp)) == 0) {
			cp = 0xfffd;
			k = 1;
		}
		i += k;
		piece = " ";
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[n++] = (char)cp;
			continue;
		}
		if (cp >= 'A' && cp <= 'Z') {
			out[n++] = (char)(cp - 'A' + 'a');
			continue;
		}
		if (cp >= 0xc0 && cp <= 0xff)
			piece = latin1_fold[cp - 0xc0];
		else if (cp == 0x152 || cp == 0x153)
			piece = "oe";
		else if (cp == 0x178)
			piece = "y";
		if (*piece == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		while (*piece != '\0')
			out[n++] = *piece++;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

enum column {
	COL_TEAM,
	COL_NAME,	/* « Prénom Nom » in one column */
	COL_FIRST,
	COL_LAST,
	COL_ROLE,
	COL_EXTRA,
	COL_ASSISTANT,
	COL_COUNT
};

/* What a header may say for each column, folded (see fold()). */
static const struct {
	const char	*name;
	enum column	 column;
} columns[] = {
	{ "equipe", COL_TEAM }, { "team", COL_TEAM }, { "groupe", COL_TEAM },
	{ "nom equipe", COL_TEAM }, { "nom de l equipe", COL_TEAM },
	{ "nom d equipe", COL_TEAM },
	{ "candidat", COL_NAME }, { "candidate", COL_NAME },
	{ "candidat e", COL_NAME }, { "candidats", COL_NAME },
	{ "nom complet", COL_NAME }, { "prenom nom", COL_NAME },
	{ "nom prenom", COL_NAME }, { "etudiant", COL_NAME },
	{ "etudiante", COL_NAME }, { "etudiant e", COL_NAME },
	{ "eleve", COL_NAME }, { "apprenant", COL_NAME },
	{ "apprenant e", COL_NAME }, { "stagiaire", COL_NAME },
	{ "participant", COL_NAME }, { "name", COL_NAME },
	{ "full name", COL_NAME },
	{ "prenom", COL_FIRST }, { "first name", COL_FIRST },
	{ "firstname", COL_FIRST },
	{ "nom", COL_LAST }, { "nom de famille", COL_LAST },
	{ "last name", COL_LAST }, { "lastname", COL_LAST },
	{ "surname", COL_LAST },
	{ "role", COL_ROLE }, { "fonction", COL_ROLE },
	{ "temps majore", COL_EXTRA }, { "tiers temps", COL_EXTRA },
	{ "temps supplementaire", COL_EXTRA }, { "majoration", COL_EXTRA },
	{ "temps additionnel", COL_EXTRA }, { "extra time", COL_EXTRA },
	{ "assistant", COL_ASSISTANT }, { "assistante", COL_ASSISTANT },
	{ "assistant e", COL_ASSISTANT },
	{ "assistant de saisie", COL_ASSISTANT },
	{ "saisi par", COL_ASSISTANT }, { "secretaire", COL_ASSISTANT },
	{ "aide humaine", COL_ASSISTANT },
};

/* How each column is named in messages. */
static const char *const column_names[COL_COUNT] = {
	N_("équipe"), N_("candidat"), N_("prénom"), N_("nom"), N_("rôle"),
	N_("temps majoré"), N_("assistant"),
};

struct header {
	int	 col[COL_COUNT];	/* field index, or -1 */
	size_t	 nfields;
};

static int
header_read(const char *name, const struct csv_row *r, struct header *h,
    struct diag *d)
{
	char	*f;
	size_t	 i, k;
	int	 errors = 0;

	for (k = 0; k < COL_COUNT; k++)
		h->col[k] = -1;
	h->nfields = r->n;
	for (i = 0; i < r->n; i++) {
		f = fold(r->fields[i]);
		for (k = 0; k < sizeof columns / sizeof columns[0]; k++)
			if (strcmp(f, columns[k].name) == 0)
				break;
		if (k == sizeof columns / sizeof columns[0]) {
			if (strncmp(f, "amenagement", 11) == 0)
				diag_add(d, DIAG_WARNING, name, r->line,
				    _("colonne « %s » ignorée : pilote retient "
				    "le temps majoré (colonne « temps majoré ») "
				    "et la personne qui saisit pour le candidat "
				    "(colonne « assistant »)"), r->fields[i]);
			else if (r->fields[i][0] != '\0')
				diag_add(d, DIAG_WARNING, name, r->line,
				    _("colonne « %s » ignorée"), r->fields[i]);
		} else if (h->col[columns[k].column] >= 0) {
			diag_add(d, DIAG_ERROR, name, r->line, _("deux colonnes "
			    "« %s » (n°%d et n°%zu)"),
			    _(column_names[columns[k].column]),
			    h->col[columns[k].column] + 1, i + 1);
			errors++;
		} else
			h->col[columns[k].column] = (int)i;
		free(f);
	}
	/* « Nom » alone is the whole name; with « Prénom », the family name. */
	if (h->col[COL_NAME] < 0 && (h->col[COL_FIRST] < 0 ||
	    h->col[COL_LAST] < 0)) {
		h->col[COL_NAME] = h->col[COL_LAST] >= 0 ? h->col[COL_LAST] :
		    h->col[COL_FIRST];
		h->col[COL_FIRST] = h->col[COL_LAST] = -1;
	}
	if (h->col[COL_TEAM] < 0) {
		diag_add(d, DIAG_ERROR, name, r->line, _("l'en-tête n'a pas de "
		    "colonne « équipe » (la première ligne nomme les colonnes : "
		    "équipe;candidat;rôle;temps majoré;assistant)"));
		errors++;
	}
	if (h->col[COL_NAME] < 0 && h->col[COL_FIRST] < 0) {
		diag_add(d, DIAG_ERROR, name, r->line, _("l'en-tête n'a pas de "
		    "colonne des candidats (« candidat », ou « prénom » et "
		    "« nom »)"));
		errors++;
	}
	return errors ? -1 : 0;
}

/* --- rows ----------------------------------------------------------------- */

static const char *
field(const struct csv_row *r, int col)
{
	return col >= 0 && (size_t)col < r->n ? r->fields[col] : "";
}

static char *
keep(struct classlist *cl, char *s)
{
	cl->owned = xreallocarray(cl->owned, cl->nowned + 1,
	    sizeof *cl->owned);
	cl->owned[cl->nowned++] = s;
	return s;
}

/* The scenario's identifier of a role given by identifier or label,
 * written any case, with or without accents; else text itself, for the
 * engine to refuse with the list of roles. */
static const char *
role_id(const struct scenario *s, const char *text)
{
	char	*want = fold(text), *id, *label;
	const char *found = text;
	int	 i;

	for (i = 0; i < s->nroles && found == text; i++) {
		id = fold(s->roles[i].id);
		label = fold(s->roles[i].label != NULL ? s->roles[i].label :
		    "");
		if (strcmp(want, id) == 0 || strcmp(want, label) == 0)
			found = s->roles[i].id;
		free(id);
		free(label);
	}
	free(want);
	return found;
}

/*
 * The temps majoré cell: empty, « non » or 0 is none, « oui », « x » or
 * « tiers-temps » a third more; else a percentage.  Its bounds are the
 * engine's: the percentage is read whole and game_setup_check_candidate
 * refuses what is past them, with its own words.
 */
static bool
extra_time(const char *text, int *out)
{
	char	*f = fold(text);
	bool	 ok = true;

	if (*f == '\0' || strcmp(f, "non") == 0 || strcmp(f, "no") == 0)
		*out = 0;
	else if (strcmp(f, "oui") == 0 || strcmp(f, "x") == 0 ||
	    strcmp(f, "yes") == 0 || strcmp(f, "tiers temps") == 0 ||
	    strcmp(f, "1 3") == 0)
		*out = CLASSLIST_TIERS_TEMPS;
	else
		ok = text_parse_percent(text, INT_MAX, out);
	free(f);
	return ok;
}

static int
find_team(const struct game_setup *setup, const char *name)
{
	int	 i;

	for (i = 0; i < setup->nteams; i++)
		if (strcmp(setup->teams[i].name, name) == 0)
			return i;
	return -1;
}

/* One row into the setup, or its errors into d (nothing added then). */
static void
row_read(const char *name, const struct csv_row *r, const struct header *h,
    const struct scenario *s, struct classlist *cl, struct diag *d)
{
	struct game_setup *setup = &cl->setup;
	struct game_setup_team *t;
	struct game_setup_candidate *c;
	const char *team = field(r, h->col[COL_TEAM]), *role, *assistant;
	char	*who, *cause = NULL, *f1, *f2;
	size_t	 i;
	int	 ti, j, k, pct = 0, errors = 0;
	bool	 same;

	for (i = h->nfields; i < r->n; i++)
		if (r->fields[i][0] != '\0') {
			diag_add(d, DIAG_ERROR, name, r->line, _("%zu champs "
			    "pour %zu colonnes : un « %c » dans un nom doit "
			    "être entre guillemets"), r->n, h->nfields,
			    cl->separator);
			return;
		}
	if (h->col[COL_NAME] >= 0)
		who = xstrdup(field(r, h->col[COL_NAME]));
	else if (*field(r, h->col[COL_LAST]) == '\0')
		who = xstrdup(field(r, h->col[COL_FIRST]));
	else if (*field(r, h->col[COL_FIRST]) == '\0')
		who = xstrdup(field(r, h->col[COL_LAST]));
	else
		who = xasprintf("%s %s", field(r, h->col[COL_FIRST]),
		    field(r, h->col[COL_LAST]));
	keep(cl, who);
	if (*team == '\0') {
		diag_add(d, DIAG_ERROR, name, r->line, _("pas d'équipe (colonne "
		    "« équipe » vide)"));
		errors++;
	}
	if (*who == '\0' && h->col[COL_NAME] >= 0) {
		diag_add(d, DIAG_ERROR, name, r->line, _("pas de candidat "
		    "(colonne « candidat » vide)"));
		errors++;
	} else if (*who == '\0') {
		diag_add(d, DIAG_ERROR, name, r->line, _("pas de candidat "
		    "(colonnes « prénom » et « nom » vides)"));
		errors++;
	}
	if (!extra_time(field(r, h->col[COL_EXTRA]), &pct)) {
		diag_add(d, DIAG_ERROR, name, r->line, _("temps majoré « %s » : "
		    "un pourcentage entier (33, 33 %%), ou « oui » pour un "
		    "tiers-temps"), field(r, h->col[COL_EXTRA]));
		errors++;
	}
	if (errors > 0)
		return;
	role = *field(r, h->col[COL_ROLE]) ? role_id(s,
	    field(r, h->col[COL_ROLE])) : NULL;
	assistant = *field(r, h->col[COL_ASSISTANT]) ?
	    field(r, h->col[COL_ASSISTANT]) : NULL;

	if ((ti = find_team(setup, team)) < 0) {
		/* « alpha » under « Alpha » is a typo more often than a team. */
		f1 = fold(team);
		for (k = 0; k < setup->nteams; k++) {
			f2 = fold(setup->teams[k].name);
			same = strcmp(f1, f2) == 0;
			free(f2);
			if (same)
				break;
		}
		free(f1);
		if (k < setup->nteams) {
			diag_add(d, DIAG_ERROR, name, r->line, _("équipe « %s » : "
			    "écrite « %s » ligne %d ; une équipe s'écrit partout "
			    "de la même façon"), team, setup->teams[k].name,
			    cl->team_lines[k]);
			return;
		}
		if (setup->nteams == GAME_MAX_TEAMS) {
			diag_add(d, DIAG_ERROR, name, r->line, _("équipe « %s » : "
			    "%d équipes au plus"), team, GAME_MAX_TEAMS);
			return;
		}
		t = &setup->teams[setup->nteams];
		memset(t, 0, sizeof *t);
		t->name = keep(cl, xstrdup(team));
		if (game_setup_check_team(setup, setup->nteams, &cause) == -1) {
			diag_add(d, DIAG_ERROR, name, r->line, "%s", cause);
			free(cause);
			return;
		}
		cl->team_lines[setup->nteams] = r->line;
		ti = setup->nteams++;
	}
	t = &setup->teams[ti];
	if (t->ncandidates == GAME_MAX_CANDIDATES) {
		diag_add(d, DIAG_ERROR, name, r->line, _("équipe « %s » : %s de "
		    "trop, %d candidats au plus"), t->name, who,
		    GAME_MAX_CANDIDATES);
		return;
	}
	j = t->ncandidates;
	c = &t->candidates[j];
	memset(c, 0, sizeof *c);
	c->name = who;
	c->role = role != NULL ? keep(cl, xstrdup(role)) : NULL;
	c->assistant = assistant != NULL ? keep(cl, xstrdup(assistant)) : NULL;
	c->extra_time = pct;
	if (game_setup_check_candidate(s, t, j, &cause) == -1) {
		diag_add(d, DIAG_ERROR, name, r->line, "%s", cause);
		free(cause);
		return;
	}
	/* The engine allows one name in two teams (homonyms); say it. */
	for (k = 0; k < setup->nteams; k++)
		for (i = 0; k != ti && i < (size_t)setup->teams[k].ncandidates;
		    i++)
			if (strcmp(setup->teams[k].candidates[i].name, who) == 0)
				diag_add(d, DIAG_WARNING, name, r->line,
				    _("« %s » est aussi dans l'équipe « %s » "
				    "(ligne %d) : homonyme ou doublon ?"), who,
				    setup->teams[k].name, cl->lines[k][i]);
	cl->lines[ti][j] = r->line;
	t->ncandidates++;
	cl->ncandidates++;
}

/* --- the whole file ------------------------------------------------------- */

enum classlist_status
classlist_parse(const char *name, const char *bytes, size_t len,
    const struct scenario *s, struct classlist *cl, struct diag *d)
{
	struct csv_row	 r;
	struct header	 h;
	struct csv	 c;
	char		*text, *cause = NULL;
	size_t		 errors = d->errors, first = d->count, i;
	bool		 header = false;

	memset(cl, 0, sizeof *cl);
	memset(&r, 0, sizeof r);
	memset(&h, 0, sizeof h);
	if (len > CLASSLIST_MAX_BYTES) {
		diag_add(d, DIAG_ERROR, name, 0, _("%zu octets : une liste de "
		    "classe en fait moins de %d"), len, CLASSLIST_MAX_BYTES);
		return CLASSLIST_INVALID;
	}
	if ((text = decode(name, bytes, &len, &cl->encoding, d)) == NULL)
		return CLASSLIST_INVALID;
	cl->separator = csv_separator(text, len);
	c.t = text;
	c.len = len;
	c.p = 0;
	c.line = 1;
	c.sep = cl->separator;
	while (csv_record(&c, &r)) {
		bool blank = true;

		for (i = 0; i < r.n; i++)
			if (r.fields[i][0] != '\0')
				blank = false;
		if (r.bad != NULL) {
			diag_add(d, DIAG_ERROR, name, r.line, "%s", r.bad);
			if (!header)
				break;
			continue;
		}
		if (blank)
			continue;
		if (!header) {
			header = true;
			if (header_read(name, &r, &h, d) == -1)
				break;
			continue;
		}
		row_read(name, &r, &h, s, cl, d);
	}
	record_clear(&r);
	free(text);
	if (d->errors == errors && !header)
		diag_add(d, DIAG_ERROR, name, 0, _("fichier vide : il faut une "
		    "ligne d'en-tête (équipe;candidat;rôle;temps majoré;"
		    "assistant) puis une ligne par candidat"));
	else if (d->errors == errors && cl->setup.nteams == 0)
		diag_add(d, DIAG_ERROR, name, 0, _("aucun candidat : la liste "
		    "n'a que son en-tête"));
	else if (d->errors == errors &&
	    game_setup_check(s, &cl->setup, &cause) == -1) {
		/* Each row passed; what is left is the whole (not expected). */
		diag_add(d, DIAG_ERROR, name, 0, "%s", cause);
		free(cause);
	}
	/*
	 * The messages quote the file, which may hold anything (an escape
	 * sequence in a team's name): what reaches a terminal follows the
	 * text rule.
	 */
	for (i = first; i < d->count; i++) {
		text = text_sanitize(d->items[i].message,
		    strlen(d->items[i].message), false);
		free(d->items[i].message);
		d->items[i].message = text;
	}
	return d->errors == errors ? CLASSLIST_OK : CLASSLIST_INVALID;
}

enum classlist_status
classlist_read(const char *path, const struct scenario *s,
    struct classlist *cl, struct diag *d)
{
	FILE			*f;
	char			*buf;
	size_t			 n;
	enum classlist_status	 st;

	memset(cl, 0, sizeof *cl);
	if ((f = fopen(path, "rb")) == NULL) {
		diag_add(d, DIAG_ERROR, path, 0, _("lecture impossible : %s"),
		    source_errno_text(errno));
		return CLASSLIST_UNREADABLE;
	}
	/* One byte past the limit tells a file too big from one that fits. */
	buf = xmalloc(CLASSLIST_MAX_BYTES + 1);
	n = fread(buf, 1, CLASSLIST_MAX_BYTES + 1, f);
	if (ferror(f)) {
		diag_add(d, DIAG_ERROR, path, 0, _("lecture impossible : %s"),
		    source_errno_text(errno));
		fclose(f);
		free(buf);
		return CLASSLIST_UNREADABLE;
	}
	fclose(f);
	st = classlist_parse(path, buf, n, s, cl, d);
	free(buf);
	return st;
}

void
classlist_release(struct classlist *cl)
{
	size_t	 i;

	for (i = 0; i < cl->nowned; i++)
		free(cl->owned[i]);
	free(cl->owned);
	memset(cl, 0, sizeof *cl);
}
