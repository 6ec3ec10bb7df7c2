/*
 * export: the REX file, the E3 grid and the events table built from a
 * replayed session (see export.h).  Everything is assembled in a growing
 * buffer; times come from the journal only (shown in local time with its
 * zone, the events CSV in ISO UTC for machines), so an export is the
 * same bytes whenever it is made in the same time zone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/event.h"
#include "io/atomic.h"
#include "io/event_json.h"
#include "io/export.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct export_buf {
	char	*data;
	size_t	 len;
	size_t	 size;
	char	**keep;		/* escaped texts, freed with the buffer */
	size_t	 nkeep;
};

static void
export_add(struct export_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->size) {
		b->size = (b->len + n + 1) * 2;
		b->data = xreallocarray(b->data, b->size, 1);
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void
export_puts(struct export_buf *b, const char *s)
{
	export_add(b, s, strlen(s));
}

static void export_printf(struct export_buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
export_printf(struct export_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1) {
		va_end(ap);
		abort();
	}
	va_end(ap);
	export_puts(b, s);
	free(s);
}

static char *
export_finish(struct export_buf *b)
{
	size_t	 i;

	for (i = 0; i < b->nkeep; i++)
		free(b->keep[i]);
	free(b->keep);
	if (b->data == NULL)
		return xstrdup("");
	return b->data;
}

/* --- Markdown --- */

static bool
md_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * Where the line starting at s would open a block (a heading, a list item,
 * a setext underline): the character to escape so that it reads as text,
 * or NULL.  Quotes, HTML, fences and tables start with characters md_text()
 * escapes everywhere.
 */
static const char *
md_block_marker(const char *s)
{
	const char	*p = s;

	if (*s == '#' || *s == '-' || *s == '+' || *s == '=')
		return s;
	while (*p >= '0' && *p <= '9')
		p++;
	return p != s && (*p == '.' || *p == ')') ? p : NULL;
}

/*
 * Markdown: a text of the session written so that it reads as itself.  A
 * REX is shown by viewers that honour raw HTML, links, emphasis and
 * headings: every character that would start one is backslash-escaped
 * (CommonMark lets any ASCII punctuation be), & < > included so that no
 * tag and no entity (&#x202E;) gets through, "_" only at a word's edge
 * ("lot_video" stays readable); controls are shown (text_sanitize).
 * indent < 0: one line (lines joined by spaces: a cell, a heading, an
 * item); else each line break continues the list item, indented by indent
 * spaces.  The result lives until export_finish().
 */
static const char *
md_text(struct export_buf *b, const char *s, int indent)
{
	struct export_buf	 o = { NULL, 0, 0, NULL, 0 };
	char			*clean = text_sanitize(s, strlen(s),
				    indent >= 0);
	const char		*p, *marker = NULL;
	bool			 line_start = true;
	int			 i;

	for (p = clean; *p != '\0'; p++) {
		if (*p == '\n') {
			export_puts(&o, "\n");
			for (i = 0; i < indent; i++)
				export_puts(&o, " ");
			line_start = true;
			continue;
		}
		if (line_start && *p != ' ' && *p != '\t') {
			marker = md_block_marker(p);
			line_start = false;
		}
		if (p == marker || strchr("\\`*[]<>&|~", *p) != NULL ||
		    (*p == '_' && (p == clean ||
		    !md_word_char((unsigned char)p[-1]) ||
		    !md_word_char((unsigned char)p[1]))))
			export_puts(&o, "\\");
		export_add(&o, p, 1);
	}
	free(clean);
	b->keep = xreallocarray(b->keep, b->nkeep + 1, sizeof *b->keep);
	b->keep[b->nkeep] = export_finish(&o);
	return b->keep[b->nkeep++];
}

/* One line of text in Markdown (see md_text). */
static const char *
md(struct export_buf *b, const char *s)
{
	return md_text(b, s != NULL ? s : "", -1);
}

/* Text that may hold lines, inside a list item indented by indent. */
static const char *
md_lines(struct export_buf *b, const char *s, int indent)
{
	return md_text(b, s != NULL ? s : "", indent);
}

/* --- shared helpers --- */

static const json_t *
export_line(const struct session *ss, int64_t seq)
{
	if (seq <= 0 || (size_t)seq >= journal_count(ss->journal))
		return NULL;
	return journal_get(ss->journal, (size_t)seq);
}

static const char *
export_str(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static int64_t
export_time(const struct session *ss, int64_t seq)
{
	return json_integer_value(json_object_get(export_line(ss, seq),
	    "time"));
}

static const char *
export_week_label(const struct scenario *s, int w, char *buf, size_t n)
{
	if (w <= 0)
		snprintf(buf, n, "%s", _("cadrage"));
	else
		snprintf(buf, n, _("semaine %d (S-%d)"), w, s->weeks - w);
	return buf;
}

/*
 * The game week each event happened in (before it was applied): a second
 * fold of the journal, which session_open() already verified.  weeks[seq].
 */
static int *
export_weeks(const struct session *ss)
{
	struct scenario	*sc = NULL;
	struct game	*g = NULL;
	struct event	 e;
	size_t		 i, n = journal_count(ss->journal);
	char		*cause = NULL;
	int		*weeks = xcalloc(n, sizeof *weeks);

	if (session_game_from_header(journal_get(ss->journal, 0), ss->path,
	    &sc, &g, &cause) == -1) {
		free(cause);
		return weeks;
	}
	for (i = 1; i < n; i++) {
		weeks[i] = g->week;
		if (event_from_json(journal_get(ss->journal, i), &e, &cause) ==
		    -1) {
			free(cause);
			break;
		}
		e.seq = (int64_t)i;
		game_apply(g, &e);
		event_release(&e);
	}
	game_free(g);
	scenario_free(sc);
	return weeks;
}

/* "k=v ; k=v" of an event's data, keys sorted. */
static char *
export_data(const json_t *data)
{
	struct export_buf	 b = { NULL, 0, 0, NULL, 0 };
	const char		**keys;
	const char		*k;
	json_t			*v;
	size_t			 n = 0, i, j;

	if (!json_is_object(data))
		return xstrdup("");
	keys = xcalloc(json_object_size(data) + 1, sizeof *keys);
	json_object_foreach((json_t *)(uintptr_t)data, k, v)
		keys[n++] = k;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
			k = keys[j];
			keys[j] = keys[j - 1];
			keys[j - 1] = k;
		}
	for (i = 0; i < n; i++) {
		v = json_object_get(data, keys[i]);
		if (i > 0)
			export_puts(&b, " ; ");
		if (json_is_string(v))
			export_printf(&b, "%s=%s", keys[i], json_string_value(v));
		else if (json_is_integer(v))
			export_printf(&b, "%s=%" JSON_INTEGER_FORMAT, keys[i],
			    json_integer_value(v));
		else if (json_is_true(v) || json_is_false(v))
			export_printf(&b, "%s=%s", keys[i],
			    json_is_true(v) ? "oui" : "non");
		else
			export_printf(&b, "%s=", keys[i]);
	}
	free(keys);
	return export_finish(&b);
}

/* Whether a comma-separated list of names holds name. */
static bool
export_has_author(const char *authors, const char *name)
{
	const char	*p = authors, *end;
	size_t		 n;

	if (authors == NULL)
		return false;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0 && n == strlen(name) && memcmp(p, name, n) == 0)
			return true;
		p += n;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return false;
}

/* --- CSV --- */

/*
 * One CSV cell, always quoted, quotes doubled; lines stay inside the
 * quotes.  The jury opens the file in LibreOffice or Excel, which read a
 * cell beginning with =, +, -, @, a tab or a carriage return as a formula
 * (CSV injection: =HYPERLINK(...), =cmd|...): such a cell is prefixed with
 * "'" as OWASP advises, which both show as text.  Controls are shown
 * (text_sanitize), so a carriage return never reaches the file.
 */
static void
csv_field(struct export_buf *b, const char *s, bool first)
{
	char		*clean = text_sanitize(s, strlen(s), true);
	const char	*q, *p = clean;

	if (!first)
		export_puts(b, ";");
	export_puts(b, "\"");
	if (*p != '\0' && strchr("=+-@\t\r", *p) != NULL)
		export_puts(b, "'");
	while ((q = strchr(p, '"')) != NULL) {
		export_add(b, p, (size_t)(q - p));
		export_puts(b, "\"\"");
		p = q + 1;
	}
	export_puts(b, p);
	export_puts(b, "\"");
	free(clean);
}

static void
csv_end(struct export_buf *b)
{
	export_puts(b, "\r\n");
}

char *
export_events(const struct session *ss)
{
	struct export_buf	 b = { NULL, 0, 0, NULL, 0 };
	const json_t		*o;
	char			 num[32], date[TEXT_TIME_MAX], week[16], *data;
	size_t			 i, n = journal_count(ss->journal);
	int			*weeks = export_weeks(ss);

	export_puts(&b, "\xEF\xBB\xBF");
	csv_field(&b, _("n°"), true);
	csv_field(&b, _("date (UTC)"), false);
	csv_field(&b, _("semaine"), false);
	csv_field(&b, _("équipe"), false);
	csv_field(&b, _("acteur"), false);
	csv_field(&b, _("saisi par"), false);
	csv_field(&b, _("type"), false);
	csv_field(&b, _("données"), false);
	csv_field(&b, _("justification"), false);
	csv_end(&b);
	for (i = 1; i < n; i++) {
		o = journal_get(ss->journal, i);
		snprintf(num, sizeof num, "%zu", i);
		text_time(date, export_time(ss, (int64_t)i), TEXT_TIME_ISO);
		snprintf(week, sizeof week, "%d", weeks[i]);
		data = export_data(json_object_get(o, "data"));
		csv_field(&b, num, true);
		csv_field(&b, date, false);
		csv_field(&b, week, false);
		csv_field(&b, export_str(o, "team"), false);
		csv_field(&b, export_str(o, "actor"), false);
		csv_field(&b, export_str(o, "by"), false);
		csv_field(&b, export_str(o, "type"), false);
		csv_field(&b, data, false);
		csv_field(&b, export_str(o, "why"), false);
		csv_end(&b);
		free(data);
	}
	free(weeks);
	return export_finish(&b);
}

/* --- the grid --- */

/*
 * Whether a line's author was only declared (typed on the team's shared
 * console, not proved by a personal code): individual attribution says so.
 */
static bool
export_declared(const json_t *o)
{
	return json_is_true(json_object_get(o, "declared"));
}

/* "08:05 (CET)": the REX is read by its candidate, in local time with
 * its zone said (the replay shows local time too). */
static const char *
export_clock(const struct session *ss, int64_t seq, char buf[TEXT_TIME_MAX])
{
	return text_time(buf, export_time(ss, seq), TEXT_TIME_CLOCK_ZONE);
}

/*
 * Whether the event seq is candidate's: he made it, or it handed in a
 * status point he co-wrote (the team's state knows the authors, the
 * submitter among them).
 */
static bool
export_credits(const struct session *ss, const struct team *t, int64_t seq,
    const char *candidate)
{
	int	 i;

	if (strcmp(export_str(export_line(ss, seq), "actor"), candidate) == 0)
		return true;
	for (i = 0; i < t->nrequests; i++)
		if (t->requests[i].submitted_seq == seq &&
		    export_has_author(t->requests[i].authors, candidate))
			return true;
	return false;
}

/*
 * "n°12 (09:05), n°14 (09:07)": evidence, only the candidate's if set,
 * each marked when the candidate's name was only declared.
 */
static char *
export_evidence(const struct session *ss, const struct team *t, int c,
    const char *candidate)
{
	const struct team_result *r = &t->result;
	struct export_buf	 b = { NULL, 0, 0, NULL, 0 };
	char			 hm[TEXT_TIME_MAX];
	int			 i, n = 0;
	int64_t			 seq;

	for (i = 0; i < r->e3_nevidence[c]; i++) {
		seq = r->e3_evidence[c][i];
		if (candidate != NULL && !export_credits(ss, t, seq, candidate))
			continue;
		export_printf(&b, candidate != NULL &&
		    strcmp(export_str(export_line(ss, seq), "actor"),
		    candidate) != 0 ? _("%sn°%lld (%s, co-auteur)") :
		    candidate != NULL && export_declared(export_line(ss, seq)) ?
		    _("%sn°%lld (%s, nom déclaré sur la console partagée)") :
		    "%sn°%lld (%s)", n++ > 0 ? ", " : "", (long long)seq,
		    text_time(hm, export_time(ss, seq), TEXT_TIME_CLOCK));
	}
	if (n == 0)
		export_puts(&b, _("aucune"));
	return export_finish(&b);
}

static const char *
export_level(const struct mark *m)
{
	if (m == NULL || m->level == MARK_NONE)
		return _("non noté");
	return _(mark_level_labels[m->level]);
}

/* The rows the jury fills in alone: no indicator computes them. */
static const struct {
	const char	*code;
	const char	*label;
} export_jury_rows[EXPORT_JURY_ROWS] = {
	{ "E3 · oral", N_("Soutenance orale collective devant le comité "
	    "exécutif : organisation proposée, ajustements, conclusions") },
	{ "E3 · REX", N_("REX individuel : prise de recul et analyse critique "
	    "(conflits, pression des délais)") },
};

void
export_grid_cell(const struct session *ss, const struct marks *ms,
    const struct team *t, const char *candidate, int row,
    struct export_cell *cell)
{
	const struct team_result	*r = &t->result;
	const struct mark		*m;
	enum e3_level			 lv;

	memset(cell, 0, sizeof *cell);
	if (row >= E3_CRITERION_COUNT) {
		row -= E3_CRITERION_COUNT;
		cell->code = export_jury_rows[row].code;
		cell->label = _(export_jury_rows[row].label);
		cell->figure = xstrdup("");
		cell->level = "";
		cell->finding = "";
		cell->rule = _("évalué par le jury seul");
		cell->evidence = xstrdup("");
		cell->mark = "";
		cell->mark_comment = "";
		return;
	}
	lv = game_e3_level(r, row);
	cell->code = scenario_e3_codes[row];
	cell->label = _(scenario_e3_labels[row]);
	cell->figure = lv == E3_LEVEL_NA ? xstrdup("—") :
	    xasprintf("%d/100", r->e3[row]);
	cell->level = _(game_e3_level_labels[lv]);
	cell->finding = r->e3_comment[row] ? later_text(r->e3_comment[row]) :
	    "";
	cell->rule = _(scenario_e3_rules[row]);
	cell->evidence = export_evidence(ss, t, row, candidate);
	/* The candidate's own mark, else the team's. */
	if ((m = marks_find(ms, t->name, candidate, row)) == NULL ||
	    m->level == MARK_NONE)
		m = marks_find(ms, t->name, NULL, row);
	cell->mark = export_level(m);
	cell->mark_comment = m != NULL && m->comment != NULL ? m->comment : "";
}

void
export_cell_release(struct export_cell *cell)
{
	free(cell->figure);
	free(cell->evidence);
}

/* A Markdown table cell: one line, "|" escaped (md_text). */
static void
md_cell(struct export_buf *b, const char *s)
{
	export_puts(b, md(b, s));
}

/* Counts of levels of a team, for the class summary. */
void
export_team_levels(const struct team *t, int counts[E3_LEVEL_COUNT])
{
	int	 c;

	memset(counts, 0, sizeof(int) * E3_LEVEL_COUNT);
	for (c = 0; c < E3_CRITERION_COUNT; c++)
		counts[game_e3_level(&t->result, c)]++;
}

static void
grid_csv(struct export_buf *b, const struct session *ss,
    const struct marks *ms)
{
	const struct game	*g = ss->game;
	const struct team	*t;
	struct export_cell	 cell;
	int			 row, ti, k;

	/* Long format: one row per candidate and criterion, for a
	 * spreadsheet's filters or an LMS gradebook import. */
	export_puts(b, "\xEF\xBB\xBF");
	csv_field(b, _("équipe"), true);
	csv_field(b, _("candidat"), false);
	csv_field(b, _("code"), false);
	csv_field(b, _("critère"), false);
	csv_field(b, _("indicateur"), false);
	csv_field(b, _("niveau"), false);
	csv_field(b, _("constat"), false);
	csv_field(b, _("règle"), false);
	csv_field(b, _("preuves du candidat"), false);
	csv_field(b, _("note du jury"), false);
	csv_field(b, _("commentaire du jury"), false);
	csv_end(b);
	for (ti = 0; ti < g->nteams; ti++) {
		t = &g->teams[ti];
		for (k = 0; k < t->ncandidates; k++)
			for (row = 0; row < EXPORT_GRID_ROWS; row++) {
				export_grid_cell(ss, ms, t,
				    t->candidates[k].name, row, &cell);
				csv_field(b, t->name, true);
				csv_field(b, t->candidates[k].name, false);
				csv_field(b, cell.code, false);
				csv_field(b, cell.label, false);
				csv_field(b, cell.figure, false);
				csv_field(b, cell.level, false);
				csv_field(b, cell.finding, false);
				csv_field(b, cell.rule, false);
				csv_field(b, cell.evidence, false);
				csv_field(b, cell.mark, false);
				csv_field(b, cell.mark_comment, false);
				csv_end(b);
				export_cell_release(&cell);
			}
	}
}

static void
export_preview(struct session *ss)
{
	int	 t;

	if (ss->game->phase != PHASE_LAUNCHED)
		for (t = 0; t < ss->game->nteams; t++)
			game_compute_results(ss->game, t);
}

char *
export_grid(struct session *ss, const struct marks *ms,
    enum export_format fmt)
{
	struct export_buf	 b = { NULL, 0, 0, NULL, 0 };
	const struct game	*g = ss->game;
	const struct scenario	*s = ss->scenario;
	const struct team	*t;
	struct export_cell	 cell;
	char			 zone[TEXT_TIME_MAX];
	int			 row, ti, k, counts[E3_LEVEL_COUNT];

	export_preview(ss);
	if (fmt == EXPORT_CSV) {
		grid_csv(&b, ss, ms);
		return export_finish(&b);
	}
	export_printf(&b, _("# Grille d'évaluation E3 — %s\n\n"),
	    md(&b, s->title));
	export_printf(&b, _("Client : %s. %s\n\n"), md(&b, s->client),
	    g->phase == PHASE_LAUNCHED ? _("Résultats définitifs.") :
	    _("Partie en cours : indicateurs provisoires."));
	/* The anchors a jury checks with `pilote verify --signer/--head`. */
	export_printf(&b, _("Journal : %zu lignes, signé par la clé du "
	    "formateur %s, tête %.*s%s.\n\n"), journal_count(ss->journal),
	    journal_fingerprint(ss->journal), JOURNAL_SHORT_HEAD,
	    journal_head(ss->journal), g->sealed ? _(", session scellée") :
	    _(", session non scellée"));
	export_puts(&b, _("## Synthèse de la classe\n\n"));
	export_puts(&b, _("| Équipe | Score E3 | acquis | partiellement "
	    "acquis | non acquis | non évaluable |\n|---|---:|---:|---:|---:|"
	    "---:|\n"));
	for (ti = 0; ti < g->nteams; ti++) {
		t = &g->teams[ti];
		export_team_levels(t, counts);
		export_puts(&b, "| ");
		md_cell(&b, t->name);
		export_printf(&b, " | %d/100 | %d | %d | %d | %d |\n",
		    t->result.e3_score, counts[E3_LEVEL_ACQUIRED],
		    counts[E3_LEVEL_PARTLY], counts[E3_LEVEL_NOT],
		    counts[E3_LEVEL_NA]);
	}
	export_printf(&b, _("\nChaque page qui suit est celle d'un candidat : "
	    "pour chaque critère, l'indicateur calculé pour son équipe (sur "
	    "100, avec son niveau et ce qui l'a donné), les preuves qui sont "
	    "les siennes (n° d'événement et heure locale, fuseau %s), la note "
	    "et le commentaire du jury. Les règles des indicateurs : "
	    "man/indicateurs.md.\n"), text_time(zone, export_time(ss, 1),
	    TEXT_TIME_ZONE));
	for (ti = 0; ti < g->nteams; ti++) {
		t = &g->teams[ti];
		for (k = 0; k < t->ncandidates; k++) {
			const struct candidate *cd = &t->candidates[k];

			export_puts(&b, _("\n## Candidat : "));
			md_cell(&b, cd->name);
			export_puts(&b, _(" — équipe "));
			md_cell(&b, t->name);
			export_printf(&b, _("\n\nRôle : %s"), cd->role >= 0 ?
			    md(&b, s->roles[cd->role].label) : _("sans rôle"));
			if (cd->extra_time > 0)
				export_printf(&b, _(" ; temps majoré de %d %% "
				    "sur les points de situation"),
				    cd->extra_time);
			export_printf(&b, _(" ; score E3 de l'équipe : "
			    "%d/100.\n\n"), t->result.e3_score);
			export_puts(&b, _("| Code | Critère | Indicateur de "
			    "l'équipe | Constat | Preuves du candidat | Note du "
			    "jury | Commentaire du jury |\n|---|---|---|---|---|"
			    "---|---|\n"));
			for (row = 0; row < EXPORT_GRID_ROWS; row++) {
				export_grid_cell(ss, ms, t, cd->name, row,
				    &cell);
				export_puts(&b, "| ");
				md_cell(&b, cell.code);
				export_puts(&b, " | ");
				md_cell(&b, cell.label);
				export_puts(&b, " | ");
				if (cell.figure[0] != '\0')
					export_printf(&b, "**%s** %s",
					    md(&b, cell.figure), md(&b, cell.level));
				export_puts(&b, " | ");
				md_cell(&b, cell.finding[0] != '\0' ?
				    cell.finding : cell.rule);
				export_puts(&b, " | ");
				md_cell(&b, cell.evidence);
				export_puts(&b, " | ");
				md_cell(&b, cell.mark);
				export_puts(&b, " | ");
				md_cell(&b, cell.mark_comment);
				export_puts(&b, " |\n");
				export_cell_release(&cell);
			}
			export_puts(&b, _("\nSignature du jury : "
			    "……………………………………   Date : ……………………\n"));
		}
	}
	export_puts(&b, _("\nIndicateurs calculés par le simulateur : "
	    "le jury reste seul juge de la note.\n"));
	return export_finish(&b);
}

/* --- the REX file --- */

static void
rex_context(struct export_buf *b, const struct session *ss,
    const struct team *t, int ci)
{
	const struct scenario	*s = ss->scenario;
	const struct candidate	*cd = &t->candidates[ci];
	const char		*brief = s->brief != NULL ? s->brief : "";
	const char		*end = strstr(brief, "\n\n");
	char			*first;
	int			 i, r;

	export_printf(b, _("# Retour d'expérience — %s\n\n"), md(b, cd->name));
	export_puts(b, _("Fichier de faits tiré du journal de la session. "
	    "L'analyse reste à écrire par le candidat.\n\n"));
	export_puts(b, _("## Contexte\n\n"));
	export_printf(b, _("- Scénario : %s\n"), md(b, s->title));
	export_printf(b, _("- Client : %s%s%s\n"), md(b, s->client),
	    s->brand != NULL ? " — " : "", md(b, s->brand));
	export_printf(b, _("- Durée : %d semaines\n"), s->weeks);
	export_puts(b, _("- Brief : "));
	first = xstrndup(brief, end != NULL ? (size_t)(end - brief) :
	    strlen(brief));
	export_puts(b, md_lines(b, first, 2));
	free(first);
	export_puts(b, "\n\n");
	export_printf(b, _("## Équipe %s\n\n"), md(b, t->name));
	for (i = 0; i < t->ncandidates; i++)
		export_printf(b, "- %s — %s%s\n", md(b, t->candidates[i].name),
		    t->candidates[i].role >= 0 ?
		    md(b, s->roles[t->candidates[i].role].label) :
		    _("sans rôle"), i == ci ? _(" (vous)") : "");
	export_puts(b, _("\n### Votre rôle et vos missions\n\n"));
	export_printf(b, _("- Rôle : %s\n"), cd->role >= 0 ?
	    md(b, s->roles[cd->role].label) : _("sans rôle"));
	for (r = 0; r < s->nroles; r++)
		if (t->mission_holder[r] == ci && t->missions[r] != NULL)
			export_printf(b, _("- Mission (%s) : %s\n"),
			    md(b, s->roles[r].label),
			    md_lines(b, t->missions[r], 2));
	export_puts(b, "\n");
}

/* "3 min 20 s" between two event times. */
static const char *
export_span(int64_t ms, char *buf, size_t n)
{
	if (ms < 0)
		ms = 0;
	ms /= 1000;
	if (ms >= 60 && ms % 60 != 0)
		snprintf(buf, n, _("%lld min %lld s"), (long long)(ms / 60),
		    (long long)(ms % 60));
	else if (ms >= 60)
		snprintf(buf, n, _("%lld min"), (long long)(ms / 60));
	else
		snprintf(buf, n, _("%lld s"), (long long)ms);
	return buf;
}

/* A data field of a journal line as text (a number written out), kept
 * until export_finish(); "" when absent. */
static const char *
rex_field(struct export_buf *b, const json_t *d, const char *k)
{
	const json_t	*v = json_object_get(d, k);

	b->keep = xreallocarray(b->keep, b->nkeep + 1, sizeof *b->keep);
	b->keep[b->nkeep] = json_is_string(v) ? xstrdup(json_string_value(v)) :
	    json_is_integer(v) ? xasprintf("%" JSON_INTEGER_FORMAT,
	    json_integer_value(v)) : json_is_true(v) ? xstrdup("oui") :
	    xstrdup("");
	return b->keep[b->nkeep++];
}

/* The name an identifier of a journal line stands for, else itself. */
static const char *
rex_name(const struct scenario *s, const char *kind, const char *id)
{
	int	 i;

	if (id == NULL)
		return "";
	if (strcmp(kind, "lot") == 0) {
		for (i = 0; i < s->npackages; i++)
			if (strcmp(s->packages[i].id, id) == 0)
				return s->packages[i].name;
	} else if (strcmp(kind, "membre") == 0) {
		for (i = 0; i < s->nstaff; i++)
			if (strcmp(s->staff[i].id, id) == 0)
				return s->staff[i].name;
	} else if (strcmp(kind, "prestataire") == 0) {
		for (i = 0; i < s->nsuppliers; i++)
			if (strcmp(s->suppliers[i].id, id) == 0)
				return s->suppliers[i].name;
	} else if (strcmp(kind, "outil") == 0) {
		for (i = 0; i < s->ntools; i++)
			if (strcmp(s->tools[i].id, id) == 0)
				return s->tools[i].name;
	} else if (strcmp(kind, "role") == 0) {
		for (i = 0; i < s->nroles; i++)
			if (strcmp(s->roles[i].id, id) == 0)
				return s->roles[i].label;
	}
	return id;
}

/* "Ana Lopez et Bob Martin" from "ana,bob". */
static char *
rex_people(const struct scenario *s, const char *ids)
{
	struct export_buf	 b = { NULL, 0, 0, NULL, 0 };
	char			*copy = xstrdup(ids != NULL ? ids : ""), *save;
	char			*item;
	int			 n = 0;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ')
			item++;
		export_printf(&b, "%s%s", n++ > 0 ? _(" et ") : "",
		    rex_name(s, "membre", item));
	}
	free(copy);
	return export_finish(&b);
}

/*
 * A decision as a French sentence (the journal line's type and data): the
 * names of what it refers to, not its identifiers.
 */
static void
rex_sentence(struct export_buf *b, const struct session *ss,
    const struct team *t, const json_t *o)
{
	const struct scenario	*s = ss->scenario;
	const json_t		*d = json_object_get(o, "data");
	const char		*type = export_str(o, "type");
	char			 m1[TEXT_MONEY_MAX], *who, *data;
	json_int_t		 n;
	const char		*lot = rex_name(s, "lot", rex_field(b, d, "lot"));
	const struct game_command_info *ci;
	int			 i;

#define D(k)	rex_field(b, d, k)
	if (strcmp(type, "attribuer") == 0 && D("prestataire")[0] != '\0')
		export_printf(b, _("confier « %s » à %s"), md(b, lot),
		    md(b, rex_name(s, "prestataire", D("prestataire"))));
	else if (strcmp(type, "attribuer") == 0) {
		who = rex_people(s, D("interne"));
		export_printf(b, _("confier « %s » à %s%s"), md(b, lot),
		    md(b, who), strcmp(D("accessibilite"), "oui") == 0 ?
		    _(", accessibilité comprise") : "");
		free(who);
	} else if (strcmp(type, "planifier") == 0)
		export_printf(b, _("placer « %s » sur le rétroplanning, de %s "
		    "à %s"), md(b, lot), md(b, D("debut")), md(b, D("fin")));
	else if (strcmp(type, "outil") == 0)
		export_printf(b, strcmp(D("retirer"), "oui") == 0 ?
		    _("retirer l'outil %s") : _("choisir l'outil %s"),
		    md(b, rex_name(s, "outil", D("outil"))));
	else if (strcmp(type, "amenager") == 0) {
		const char *need = "";
		uint64_t k = 0;

		for (i = 0; i < s->nstaff; i++)
			if (strcmp(s->staff[i].id, D("membre")) == 0 &&
			    text_parse_uint(D("besoin"), 100, &k) &&
			    k >= 1 && k <= (uint64_t)s->staff[i].nneeds)
				need = s->staff[i].needs[k - 1].detail;
		export_printf(b, _("mettre en place pour %s l'aménagement : "
		    "%s"), md(b, rex_name(s, "membre", D("membre"))),
		    md(b, need));
	} else if (strcmp(type, "mission") == 0)
		export_printf(b, _("confier le rôle « %s » à %s : %s"),
		    md(b, rex_name(s, "role", D("role"))), md(b, D("candidat")),
		    md_lines(b, D("texte"), 2));
	else if (strcmp(type, "cadrer") == 0)
		export_printf(b, _("cadrer la relation avec %s : %s, "
		    "%s h par semaine, format « %s », recette « %s »%s%s"),
		    md(b, rex_name(s, "prestataire", D("prestataire"))),
		    strcmp(D("reunions"), "hebdomadaire") == 0 ?
		    _("réunions hebdomadaires") : strcmp(D("reunions"),
		    "bimensuelle") == 0 ? _("réunions toutes les deux semaines") :
		    strcmp(D("reunions"), "mensuelle") == 0 ?
		    _("réunions mensuelles") : _("aucune réunion"),
		    md(b, D("heures")), md(b, D("format")),
		    md(b, D("recette")), D("outil")[0] != '\0' ?
		    _(", échanges par ") : "", D("outil")[0] != '\0' ?
		    md(b, rex_name(s, "outil", D("outil"))) : "");
	else if (strcmp(type, "reserve") == 0 ||
	    strcmp(type, "utiliser_reserve") == 0) {
		uint64_t euros = 0;

		(void)text_parse_uint(D("montant"), INT64_MAX, &euros);
		n = (json_int_t)euros;
		export_printf(b, strcmp(type, "reserve") == 0 ?
		    _("fixer la réserve pour aléas à %s") :
		    _("puiser %s dans la réserve"), text_money(m1,
		    (int64_t)n * 100));
	} else if (strcmp(type, "negocier") == 0)
		export_printf(b, strcmp(D("objet"), "delai") == 0 ?
		    _("négocier le délai de « %s »") :
		    _("négocier le prix de « %s »"), md(b, lot));
	else if (strcmp(type, "repondre") == 0) {
		uint64_t k = 0;
		const struct incident *inc = NULL;
		const char *label = D("option");

		if (text_parse_uint(D("incident"), 1000000, &k) && k >= 1 &&
		    (int64_t)k <= t->noccurrences)
			inc = game_occurrence_incident(ss->game,
			    &t->occurrences[k - 1]);
		for (i = 0; inc != NULL && i < inc->noptions; i++)
			if (strcmp(inc->options[i].id, label) == 0)
				label = inc->options[i].label;
		export_printf(b, _("répondre à l'incident n°%s « %s » : %s"),
		    md(b, D("incident")), inc ? md(b, inc->title) : "?",
		    md(b, label));
	} else if (strcmp(type, "point") == 0) {
		uint64_t k = 0;

		export_printf(b, _("rendre le point de situation n°%s"),
		    md(b, D("point")));
		if (text_parse_uint(D("point"), 1000000, &k) && k >= 1 &&
		    (int64_t)k <= t->nrequests)
			export_printf(b, " « %s »", md(b, t->requests[k - 1].title));
	}
	else {
		for (i = 0; (ci = game_command_info(i)) != NULL; i++)
			if (strcmp(ci->name, type) == 0)
				break;
		data = export_data(d);
		export_printf(b, "%s%s%s", ci != NULL ? _(ci->help) :
		    md(b, type), data[0] != '\0' ? " : " : "", md(b, data));
		free(data);
	}
#undef D
}

static void
rex_decisions(struct export_buf *b, const struct session *ss,
    const struct team *t, const char *name, const int *weeks)
{
	const json_t	*o;
	char		 hm[TEXT_TIME_MAX], wl[48];
	size_t		 i, n = journal_count(ss->journal);
	int		 x, k, count = 0, caused;

	export_puts(b, _("## Vos décisions, dans l'ordre\n\n"));
	for (i = 1; i < n; i++) {
		o = journal_get(ss->journal, i);
		if (strcmp(export_str(o, "actor"), name) != 0 ||
		    strcmp(export_str(o, "team"), t->name) != 0)
			continue;
		count++;
		export_printf(b, _("### n°%zu — %s, %s\n\n"), i,
		    export_clock(ss, (int64_t)i, hm),
		    export_week_label(ss->scenario, weeks[i], wl, sizeof wl));
		export_puts(b, _("- Décision : "));
		rex_sentence(b, ss, t, o);
		export_puts(b, "\n");
		if (export_str(o, "by")[0] != '\0')
			export_printf(b, _("- Saisie par : %s\n"),
			    md(b, export_str(o, "by")));
		if (export_declared(o))
			export_printf(b, _("- Auteur : %s (nom déclaré sur la "
			    "console partagée de l'équipe, sans code "
			    "personnel)\n"), md(b, name));
		export_printf(b, _("- Justification : %s\n"),
		    export_str(o, "why")[0] != '\0' ?
		    md_lines(b, export_str(o, "why"), 2) : _("(aucune)"));
		caused = 0;
		for (x = 0; x < t->nexplanations; x++)
			for (k = 0; k < t->explanations[x].nseqs; k++)
				if (t->explanations[x].seqs[k] == (int64_t)i) {
					if (caused++ == 0)
						export_puts(b,
						    _("- Conséquences :\n"));
					export_printf(b, "  - %s : %s\n",
					    export_week_label(ss->scenario,
					    t->explanations[x].week, wl,
					    sizeof wl),
					    md_lines(b,
					    later_text(t->explanations[x].say), 4));
					break;
				}
		if (caused == 0)
			export_puts(b, _("- Conséquences : aucune relevée par "
			    "le simulateur\n"));
		export_puts(b, "\n");
	}
	if (count == 0)
		export_puts(b, _("Aucune décision enregistrée à votre nom.\n\n"));
}

static void
rex_incidents(struct export_buf *b, const struct session *ss,
    const struct team *t)
{
	const struct occurrence	*oc;
	const struct incident	*in;
	char			 hm[TEXT_TIME_MAX], wl[48], sp[32];
	int			 i;

	export_puts(b, _("## Incidents rencontrés par l'équipe\n\n"));
	if (t->noccurrences == 0)
		export_puts(b, _("Aucun incident.\n\n"));
	for (i = 0; i < t->noccurrences; i++) {
		oc = &t->occurrences[i];
		in = game_occurrence_incident(ss->game, oc);
		export_printf(b, _("- n°%d « %s » — %s, survenu à %s "
		    "(événement n°%lld), délai de réponse %d min\n"), i + 1,
		    in != NULL ? md(b, in->title) : "?",
		    export_week_label(ss->scenario, oc->week, wl, sizeof wl),
		    export_clock(ss, oc->opened_seq, hm),
		    (long long)oc->opened_seq, in != NULL ? in->deadline : 0);
		if (oc->status == OCC_ANSWERED) {
			export_printf(b, _("  - Réponse : « %s », par %s à %s "
			    "(événement n°%lld), %s après l'incident\n"),
			    in != NULL && oc->option >= 0 &&
			    oc->option < in->noptions ?
			    md(b, in->options[oc->option].label) : "?",
			    oc->answered_by ? md(b, oc->answered_by) : "?",
			    export_clock(ss, oc->closed_seq, hm),
			    (long long)oc->closed_seq, export_span(
			    export_time(ss, oc->closed_seq) -
			    export_time(ss, oc->opened_seq), sp, sizeof sp));
			export_printf(b, _("  - Justification : %s\n"),
			    oc->why != NULL && oc->why[0] != '\0' ?
			    md_lines(b, oc->why, 4) : _("(aucune)"));
		} else if (oc->status == OCC_DEFAULTED)
			export_printf(b, _("  - Sans réponse dans le délai, "
			    "conséquence par défaut : %s\n"), in != NULL &&
			    in->default_text != NULL ?
			    md_lines(b, in->default_text, 4) : "");
		else
			export_puts(b, _("  - Encore ouvert\n"));
	}
	if (t->noccurrences > 0)
		export_puts(b, "\n");
}

/* « remis à 18 min, délai 15 min + 33 % = 19 min 57 s : à l'heure ». */
static void
rex_point_timing(struct export_buf *b, const struct status_request *r)
{
	char	 got[32], lim[32];

	export_span(r->submitted_time - r->requested_time, got, sizeof got);
	export_span(r->limit_time - r->requested_time, lim, sizeof lim);
	if (r->extra_time > 0)
		export_printf(b, _("remis à %s, délai %d min + %d %% (temps "
		    "majoré de %s) = %s : %s"), got, r->deadline_minutes,
		    r->extra_time, md(b, r->submitter ? r->submitter : "?"),
		    lim, r->late ? _("en retard") : _("à l'heure"));
	else
		export_printf(b, _("remis à %s, délai %d min : %s"), got,
		    r->deadline_minutes, r->late ? _("en retard") :
		    _("à l'heure"));
}

static void
rex_points(struct export_buf *b, const struct session *ss,
    const struct team *t, const char *name)
{
	const struct status_request	*r;
	char				 h1[TEXT_TIME_MAX];
	int				 i, k;
	static const char *const parts[3] = {
		N_("Risques"), N_("Arbitrages"), N_("Suivi")
	};

	export_puts(b, _("## Points de situation de l'équipe\n\n"));
	if (t->nrequests == 0)
		export_puts(b, _("Aucun point de situation demandé.\n\n"));
	for (i = 0; i < t->nrequests; i++) {
		const char *txt[3];

		r = &t->requests[i];
		export_printf(b, _("### n°%d — %s\n\n"), i + 1, md(b, r->title));
		export_printf(b, _("- Demandé à %s (événement n°%lld), délai "
		    "%d min\n"), export_clock(ss, r->requested_seq, h1),
		    (long long)r->requested_seq, r->deadline_minutes);
		if (!r->submitted) {
			export_puts(b, _("- Non rendu\n\n"));
			continue;
		}
		export_printf(b, _("- Rendu par %s (événement n°%lld) : "),
		    md(b, r->submitter ? r->submitter : r->authors),
		    (long long)r->submitted_seq);
		rex_point_timing(b, r);
		export_printf(b, _("\n- Auteurs : %s%s\n"), md(b, r->authors),
		    export_has_author(r->authors, name) ? _(" (vous en êtes)") :
		    _(" (vous n'en êtes pas)"));
		export_printf(b, _("- Longueur : %d mot(s)%s\n"), r->words,
		    r->max_words > 0 && r->words > r->max_words ?
		    _(", au-delà de la limite") : "");
		txt[0] = r->risks;
		txt[1] = r->arbitrations;
		txt[2] = r->tracking;
		for (k = 0; k < 3; k++)
			export_printf(b, _("- %s (%s) : %s\n"), _(parts[k]),
			    _(game_point_part_labels[r->parts[k]]),
			    txt[k][0] != '\0' ? md_lines(b, txt[k], 2) :
			    _("(vide)"));
		export_puts(b, "\n");
	}
}

static void
rex_results(struct export_buf *b, const struct session *ss,
    const struct team *t)
{
	const struct scenario		*s = ss->scenario;
	const struct team_result	*r = &t->result;
	char				 m1[TEXT_MONEY_MAX], m2[TEXT_MONEY_MAX];
	char				 a[32], c2[32], d[32];
	int				 c, i, ok = 0, late = 0, missing = 0;

	export_puts(b, ss->game->phase == PHASE_LAUNCHED ?
	    _("## Résultats de l'équipe\n\n") :
	    _("## Résultats de l'équipe (provisoires : partie en cours)\n\n"));
	export_printf(b, _("- Lots : %d livré(s) à l'heure, %d en retard, %d "
	    "non livré(s), sur %d\n"), r->on_time, r->late, r->missing,
	    s->npackages);
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		int due = s->weeks - s->packages[i].due;

		if (p->status == PKG_DONE && p->finished <= due)
			continue;
		if (p->status == PKG_DONE)
			export_printf(b, _("  - « %s » livré en semaine %d, "
			    "échéance semaine %d%s\n"), md(b, s->packages[i].name),
			    p->finished, due, s->packages[i].critical ?
			    _(" — lot critique") : "");
		else
			export_printf(b, _("  - « %s » non livré (échéance "
			    "semaine %d)%s\n"), md(b, s->packages[i].name), due,
			    s->packages[i].critical ? _(" — lot critique") : "");
	}
	if (r->critical_missing > 0)
		export_printf(b, _("- Lancement compromis : %d lot(s) critique(s) "
		    "non livré(s)\n"), r->critical_missing);
	export_printf(b, _("- Budget : %s dépensés ou engagés pour une "
	    "enveloppe de %s\n"), text_money(m1, r->spent),
	    text_money(m2, r->envelope));
	export_printf(b, _("- Qualité moyenne des livrables : %d %%\n"),
	    r->quality);
	export_printf(b, _("- Accessibilité : %d %% des lots concernés "
	    "conformes\n"), r->accessibility);
	for (i = 0; i < s->nobjectives; i++)
		export_printf(b, _("- Objectif « %s » : %s %s, pour une cible "
		    "de %s (départ %s)\n"), md(b, s->objectives[i].label),
		    text_thousands(a, r->kpi[i]), md(b, s->objectives[i].unit),
		    text_thousands(c2, s->objectives[i].target),
		    text_thousands(d, s->objectives[i].start));
	for (i = 0; i < t->nrequests; i++) {
		if (!t->requests[i].submitted)
			missing++;
		else if (t->requests[i].late)
			late++;
		else
			ok++;
	}
	export_printf(b, _("- Points de situation : %d demandé(s), %d rendu(s) "
	    "à l'heure, %d en retard, %d non rendu(s)\n"), t->nrequests, ok,
	    late, missing);
	export_printf(b, _("- Score global : %d/100 ; score E3 : %d/100\n"),
	    r->score, r->e3_score);
	for (c = 0; c < E3_CRITERION_COUNT; c++) {
		enum e3_level lv = game_e3_level(r, c);

		if (lv == E3_LEVEL_NA)
			export_printf(b, "  - %s (%s) : %s\n",
			    _(scenario_e3_labels[c]), scenario_e3_codes[c],
			    _(game_e3_level_labels[lv]));
		else
			export_printf(b, "  - %s (%s) : %d/100, %s\n",
			    _(scenario_e3_labels[c]), scenario_e3_codes[c],
			    r->e3[c], _(game_e3_level_labels[lv]));
	}
	export_puts(b, _("\nLes heures sont celles de la machine qui a produit "
	    "ce fichier, avec leur fuseau.\n\n"));
}

char *
export_rex(struct session *ss, const char *candidate, char **cause)
{
	struct export_buf	 b = { NULL, 0, 0, NULL, 0 };
	const struct team	*t = NULL;
	int			 ti, ci = -1, *weeks;

	for (ti = 0; ti < ss->game->nteams && ci < 0; ti++) {
		t = &ss->game->teams[ti];
		ci = game_candidate_index(t, candidate);
	}
	if (ci < 0) {
		*cause = xasprintf(_("candidat « %s » inconnu dans cette "
		    "session"), candidate);
		return NULL;
	}
	export_preview(ss);
	weeks = export_weeks(ss);
	rex_context(&b, ss, t, ci);
	rex_decisions(&b, ss, t, candidate, weeks);
	rex_incidents(&b, ss, t);
	rex_points(&b, ss, t, candidate);
	rex_results(&b, ss, t);
	export_puts(&b, _("## Votre REX (à rédiger)\n\n"
	    "### Analyse de la situation avec recul\n\n\n"
	    "### Conflits et pression des délais\n\n\n"
	    "### Facteurs clés de succès\n\n\n"
	    "### Points d'amélioration\n\n"));
	free(weeks);
	return export_finish(&b);
}

/* --- writing --- */

int
export_write(const char *path, const char *text, char **cause)
{
	size_t	 len = strlen(text);
	int	 rc;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			*cause = xasprintf(_("écriture impossible : %s"),
			    strerror(errno));
			return EX_IOERR;
		}
		return EX_OK;
	}
	/* Exports are handed around: readable by others, 0644. */
	if ((rc = atomic_write(path, text, len, 0644, 0)) != EX_OK)
		*cause = xasprintf(_("%s : écriture impossible : %s"), path,
		    strerror(errno));
	return rc;
}
