/*
 * report: the jury's self-contained HTML report of a session (see
 * report.h).  Everything is written with stdio to the caller's stream; every
 * text that comes from the scenario or the journal goes through
 * report_esc().  SVG coordinates are integers, so the output does not depend
 * on the locale's decimal separator.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/game.h"
#include "core/ledger.h"
#include "io/brief.h"
#include "io/export.h"
#include "io/journal.h"
#include "io/marks.h"
#include "io/report.h"
#include "io/session.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Gantt geometry, pixels. */
#define REPORT_GANTT_LABEL	190
#define REPORT_GANTT_LABEL_CHARS 28	/* characters of a name shown there */
#define REPORT_GANTT_COL	52
#define REPORT_GANTT_ROW	24
#define REPORT_GANTT_HEAD	28
/* Budget chart geometry, pixels. */
#define REPORT_CHART_W		860
#define REPORT_CHART_H		300
#define REPORT_CHART_LEFT	100
#define REPORT_CHART_RIGHT	30
#define REPORT_CHART_TOP	20
#define REPORT_CHART_BOTTOM	50

/* The budget totals of every team at one moment of the game. */
struct report_point {
	char	 label[32];
	int64_t	 forecast[GAME_MAX_TEAMS];
	int64_t	 committed[GAME_MAX_TEAMS];
	int64_t	 actual[GAME_MAX_TEAMS];
};

static const char *const report_status_names[] = {
	N_("à faire"), N_("en cours"), N_("bloqué"), N_("livré")
};

static const char report_css[] =
	"body{font-family:\"DejaVu Sans\",Arial,Helvetica,sans-serif;"
	"color:#1d2330;background:#fff;margin:0 auto;max-width:1120px;"
	"padding:16px 24px;font-size:14px;line-height:1.4}\n"
	"h1{font-size:26px;border-bottom:3px solid #2f5597;padding-bottom:6px}\n"
	"h2{font-size:21px;color:#2f5597;margin-top:28px}\n"
	"h3{font-size:17px;margin-top:22px;break-after:avoid;"
	"page-break-after:avoid}\n"
	"h2,h3{break-after:avoid;page-break-after:avoid}\n"
	"table{border-collapse:collapse;width:100%;margin:8px 0;"
	"break-inside:auto}\n"
	"tr,svg,.point,figure{break-inside:avoid;page-break-inside:avoid}\n"
	"th,td{border:1px solid #b8c0cc;padding:4px 6px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#e8eef7}\n"
	"td.n{text-align:right;white-space:nowrap}\n"
	".meta{color:#555}\n"
	".ok{color:#1b7a36;font-weight:bold}\n"
	".late{color:#b3261e;font-weight:bold}\n"
	".brief li.sub{margin-left:24px;list-style:circle}\n"
	".point{border:1px solid #b8c0cc;border-radius:4px;padding:6px 10px;"
	"margin:10px 0}\n"
	".txt{white-space:pre-wrap;margin:2px 0 8px 12px}\n"
	"figure{margin:8px 0}\n"
	"figcaption{color:#555;font-size:12px}\n"
	"svg{max-width:100%;height:auto}\n"
	"section.team,section.annex,section.candidate{break-before:page;"
	"page-break-before:always}\n"
	"table.grid{table-layout:fixed}\n"
	"th,td{overflow-wrap:break-word}\n"
	"table.events td{font-size:11px}\n"
	".lv3{color:#1b7a36;font-weight:bold}.lv2{color:#8a5a00;font-weight:bold}"
	".lv1{color:#b3261e;font-weight:bold}.lv0{color:#555}\n"
	".sign{margin-top:28px}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"table{width:100%;box-sizing:border-box}svg{max-width:100%}"
	"h1{font-size:20pt}a{color:inherit;text-decoration:none}}\n";

/*
 * Every text of the session goes into the page through here: HTML special
 * characters as entities, and controls, bidirectional and invisible
 * characters shown instead of obeyed (text_sanitize: a journal may predate
 * the text rule).  Lines stay ('\n' is kept; .txt shows them).
 */
static void
report_esc(FILE *f, const char *text)
{
	char		*clean;
	const char	*s;
	size_t		 n;

	if (text == NULL)
		return;
	clean = text_sanitize(text, strlen(text), true);
	for (s = clean; *s != '\0'; s++) {
		/* The run of bytes that need no entity, at once. */
		n = strcspn(s, "&<>\"'");
		if (n > 0) {
			fwrite(s, 1, n, f);
			s += n - 1;
			continue;
		}
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		}
	}
	free(clean);
}

/* At most n characters of text, « … » when shortened (where the whole
 * text is shown elsewhere on the page). */
static void
report_short(FILE *f, const char *text, size_t n)
{
	const char	*p = text;
	size_t		 k = 0;
	char		*cut;

	while (*p != '\0' && k < n) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
		k++;
	}
	if (*p == '\0') {
		report_esc(f, text);
		return;
	}
	cut = xstrndup(text, (size_t)(p - text));
	report_esc(f, cut);
	fputs("…", f);
	free(cut);
}

/* A week of play as the teams say it: "S-3", or "cadrage" for week 0. */
static void
report_week(const struct scenario *s, int w, char *buf, size_t n)
{
	if (w <= 0)
		snprintf(buf, n, "%s", _("cadrage"));
	else
		snprintf(buf, n, "S-%d", s->weeks - w);
}

static int64_t
report_event_time(const struct journal *j, int64_t seq)
{
	const json_t	*o;

	if (seq <= 0 || (o = journal_get(j, (size_t)seq)) == NULL)
		return 0;
	return json_integer_value(json_object_get(o, "time"));
}

/* Milliseconds since the epoch as "29/11/2026 08:05:00 (CET)": local
 * time with its zone, as the replay and the REX show it. */
static void
report_time(FILE *f, int64_t ms)
{
	char	 buf[TEXT_TIME_MAX];

	/* No time recorded: none shown. */
	fputs(ms <= 0 ? "—" : text_time(buf, ms, TEXT_TIME_DATE_ZONE), f);
}

/* "n°12 (29/11/2026 08:05:00 UTC)": an evidence event, a link to its row
 * in the annex of events. */
static void
report_seq(FILE *f, const struct journal *j, int64_t seq)
{
	fprintf(f, "<a href=\"#e-%lld\">n°%lld</a> (", (long long)seq,
	    (long long)seq);
	report_time(f, report_event_time(j, seq));
	fputs(")", f);
}

/* A bare evidence number, linked. */
static void
report_ref(FILE *f, int64_t seq)
{
	fprintf(f, "<a href=\"#e-%lld\">n°%lld</a>", (long long)seq,
	    (long long)seq);
}

static void
report_brief(FILE *f, const struct scenario *s, const char *heading)
{
	struct brief	 b;
	int		 i, in_list = 0;

	memset(&b, 0, sizeof b);
	brief_build(s, &b);
	fprintf(f, "<section class=\"brief%s\" id=\"brief\">\n<h2>%s</h2>\n",
	    heading != NULL ? "" : " annex", heading != NULL ? heading :
	    _("Annexe : le brief remis aux équipes"));
	for (i = 0; i < b.count; i++) {
		const struct brief_line *l = &b.lines[i];
		int item = l->style == BRIEF_ITEM || l->style == BRIEF_SUBITEM;

		if (in_list && !item) {
			fputs("</ul>\n", f);
			in_list = 0;
		}
		switch (l->style) {
		case BRIEF_TITLE:
			fputs("<h3>", f);
			report_esc(f, l->text);
			fputs("</h3>\n", f);
			break;
		case BRIEF_HEADING:
			fputs("<h4>", f);
			report_esc(f, l->text);
			fputs("</h4>\n", f);
			break;
		case BRIEF_TEXT:
			fputs("<p>", f);
			report_esc(f, l->text);
			fputs("</p>\n", f);
			break;
		case BRIEF_ITEM:
		case BRIEF_SUBITEM:
			if (!in_list) {
				fputs("<ul>\n", f);
				in_list = 1;
			}
			fputs(l->style == BRIEF_SUBITEM ? "<li class=\"sub\">" :
			    "<li>", f);
			report_esc(f, l->text);
			fputs("</li>\n", f);
			break;
		case BRIEF_BLANK:
			break;
		}
	}
	if (in_list)
		fputs("</ul>\n", f);
	fputs("</section>\n", f);
	brief_release(&b);
}

/*
 * The moments the budget curves show, piloting opened and each week
 * closed, taken as the report's one fold of the session passes them
 * (session_observer).
 */
struct report_series {
	struct report_point	*pts;
	int			 np;
	int			 closed;
	int			 weeks;
};

static void
report_series_seen(void *ctx, const struct game *g, size_t seq,
    const struct event *e)
{
	struct report_series	*rs = ctx;
	struct report_point	*p;
	struct ledger		 led;
	int			 t;

	(void)seq;
	if (e == NULL)
		rs->weeks = g->scenario->weeks;
	if (e == NULL || (strcmp(e->type, "ouvrir_pilotage") != 0 &&
	    strcmp(e->type, "cloturer_semaine") != 0))
		return;
	rs->pts = xreallocarray(rs->pts, (size_t)rs->np + 1, sizeof *rs->pts);
	p = &rs->pts[rs->np++];
	memset(p, 0, sizeof *p);
	if (strcmp(e->type, "ouvrir_pilotage") == 0)
		snprintf(p->label, sizeof p->label, "%s", _("cadrage"));
	else
		snprintf(p->label, sizeof p->label, "S-%d",
		    rs->weeks - ++rs->closed);
	for (t = 0; t < g->nteams && t < GAME_MAX_TEAMS; t++) {
		game_ledger(g, &g->teams[t], &led);
		p->forecast[t] = led.total.forecast;
		p->committed[t] = led.total.committed;
		p->actual[t] = led.total.actual;
	}
}

static void
report_gantt(FILE *f, const struct game *g, const struct team *t)
{
	const struct scenario	*s = g->scenario;
	int			 W = s->weeks > 0 ? s->weeks : 1;
	int			 width = REPORT_GANTT_LABEL + W * REPORT_GANTT_COL + 10;
	int			 height = REPORT_GANTT_HEAD +
				    s->npackages * REPORT_GANTT_ROW + 30;
	int			 i, w, y, now, due;
	char			 wk[32];

	now = g->phase == PHASE_LAUNCHED ? W : g->week;
	if (now > W)
		now = W;
	fprintf(f, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n"
	    "<title>", width, height, width, height);
	fputs(_("Rétroplanning de l'équipe "), f);
	report_esc(f, t->name);
	fputs("</title>\n", f);
	for (w = 1; w <= W; w++) {
		int x = REPORT_GANTT_LABEL + (w - 1) * REPORT_GANTT_COL;

		report_week(s, w, wk, sizeof wk);
		fprintf(f, "<rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" "
		    "fill=\"%s\" stroke=\"#d0d6de\"/>\n", x, REPORT_GANTT_COL,
		    REPORT_GANTT_HEAD + s->npackages * REPORT_GANTT_ROW,
		    w % 2 ? "#f7f9fc" : "#ffffff");
		fprintf(f, "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" "
		    "font-weight=\"bold\">%s</text>\n",
		    x + REPORT_GANTT_COL / 2, wk);
	}
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		bool late = game_package_late(g, t, i);

		y = REPORT_GANTT_HEAD + i * REPORT_GANTT_ROW;
		/* The name, shortened to the label column (the table below
		 * gives it whole), and the deadline as a red mark. */
		fprintf(f, "<text x=\"4\" y=\"%d\">", y + 16);
		report_short(f, s->packages[i].name, REPORT_GANTT_LABEL_CHARS);
		fputs("<title>", f);
		report_esc(f, s->packages[i].name);
		fputs("</title></text>\n", f);
		due = s->weeks - s->packages[i].due;
		if (due >= 1 && due <= W)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"3\" "
			    "height=\"%d\" fill=\"#b3261e\"><title>%s S-%d"
			    "</title></rect>\n", REPORT_GANTT_LABEL + due *
			    REPORT_GANTT_COL - 3, y + 1, REPORT_GANTT_ROW - 2,
			    _("échéance"), s->packages[i].due);
		if (p->plan_start > 0 && p->plan_end >= p->plan_start)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"8\" rx=\"2\" fill=\"#8fb0e0\"/>\n",
			    REPORT_GANTT_LABEL + (p->plan_start - 1) *
			    REPORT_GANTT_COL + 2, y + 3, (p->plan_end -
			    p->plan_start + 1) * REPORT_GANTT_COL - 4);
		if (p->started > 0) {
			int end = p->finished > 0 ? p->finished : now;

			if (end < p->started)
				end = p->started;
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"8\" rx=\"2\" fill=\"%s\"/>\n",
			    REPORT_GANTT_LABEL + (p->started - 1) *
			    REPORT_GANTT_COL + 2, y + 13, (end - p->started + 1) *
			    REPORT_GANTT_COL - 4, p->finished == 0 ? "#e6a23c" :
			    late ? "#c0392b" : "#2e9b57");
		}
	}
	y = REPORT_GANTT_HEAD + s->npackages * REPORT_GANTT_ROW + 12;
	fprintf(f, "<rect x=\"4\" y=\"%d\" width=\"18\" height=\"8\" "
	    "fill=\"#8fb0e0\"/><text x=\"26\" y=\"%d\">%s</text>\n", y, y + 8,
	    _("prévu"));
	fprintf(f, "<rect x=\"110\" y=\"%d\" width=\"18\" height=\"8\" "
	    "fill=\"#2e9b57\"/><text x=\"132\" y=\"%d\">%s</text>\n", y, y + 8,
	    _("réalisé à l'heure"));
	fprintf(f, "<rect x=\"260\" y=\"%d\" width=\"18\" height=\"8\" "
	    "fill=\"#c0392b\"/><text x=\"282\" y=\"%d\">%s</text>\n", y, y + 8,
	    _("réalisé en retard"));
	fprintf(f, "<rect x=\"410\" y=\"%d\" width=\"18\" height=\"8\" "
	    "fill=\"#e6a23c\"/><text x=\"432\" y=\"%d\">%s</text>\n", y, y + 8,
	    _("en cours"));
	fprintf(f, "<rect x=\"520\" y=\"%d\" width=\"3\" height=\"10\" "
	    "fill=\"#b3261e\"/><text x=\"528\" y=\"%d\">%s</text>\n", y - 1,
	    y + 8, _("échéance"));
	fprintf(f, "</svg>\n<figcaption>%s</figcaption>\n</figure>\n",
	    _("Barre du haut : le plan ; barre du bas : le réel (début → "
	    "livraison)."));
	/* The same facts as a table, for reading and for print. */
	fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th></tr>\n", _("lot"), _("échéance"),
	    _("plan"), _("réel"), _("état"), _("qualité"));
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		char a[32], b[32];

		fputs("<tr><td>", f);
		report_esc(f, s->packages[i].name);
		if (s->packages[i].critical)
			fprintf(f, " <span class=\"meta\">(%s)</span>",
			    _("critique"));
		fprintf(f, "</td><td>S-%d", s->packages[i].due);
		report_week(s, p->plan_start, a, sizeof a);
		report_week(s, p->plan_end, b, sizeof b);
		fprintf(f, "</td><td>%s → %s</td>", p->plan_start > 0 ? a : "—",
		    p->plan_end > 0 ? b : "—");
		report_week(s, p->started, a, sizeof a);
		report_week(s, p->finished, b, sizeof b);
		fprintf(f, "<td>%s → %s</td><td>%s%s",
		    p->started > 0 ? a : "—", p->finished > 0 ? b : "—",
		    _(report_status_names[p->status]),
		    game_package_late(g, t, i) ? " — <span class=\"late\">" : "");
		if (game_package_late(g, t, i))
			fprintf(f, "%s</span>", _("en retard"));
		fputs("</td><td class=\"n\">", f);
		if (p->status == PKG_DONE)
			fprintf(f, "%d %%", p->quality);
		else
			fputs("—", f);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

static int
report_chart_y(int64_t v, int64_t max)
{
	int	 ph = REPORT_CHART_H - REPORT_CHART_TOP - REPORT_CHART_BOTTOM;

	return REPORT_CHART_TOP + ph - (int)(v * ph / max);
}

static int
report_chart_x(int i, int n)
{
	int	 pw = REPORT_CHART_W - REPORT_CHART_LEFT - REPORT_CHART_RIGHT;

	/* A margin after the axis, so the first label clears "0 €". */
	if (n <= 1)
		return REPORT_CHART_LEFT + pw / 2;
	return REPORT_CHART_LEFT + 30 + i * (pw - 30) / (n - 1);
}

static void
report_budget(FILE *f, const struct team *t, int ti,
    const struct report_point *pts, int n)
{
	static const char *const colors[3] = { "#2f5597", "#e6a23c",
	    "#c0392b" };
	const char	*names[3];
	int64_t		 max = t->envelope, v;
	int		 i, k, y;
	char		 m[TEXT_MONEY_MAX];

	names[0] = _("prévu");
	names[1] = _("engagé");
	names[2] = _("dépensé");
	if (n == 0) {
		fprintf(f, "<p>%s</p>\n", _("Le pilotage n'a pas commencé : "
		    "pas encore de courbe."));
		return;
	}
	for (i = 0; i < n; i++) {
		if (pts[i].forecast[ti] > max)
			max = pts[i].forecast[ti];
		if (pts[i].committed[ti] > max)
			max = pts[i].committed[ti];
		if (pts[i].actual[ti] > max)
			max = pts[i].actual[ti];
	}
	if (max <= 0)
		max = 1;
	fprintf(f, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n"
	    "<title>", REPORT_CHART_W, REPORT_CHART_H, REPORT_CHART_W,
	    REPORT_CHART_H);
	fputs(_("Courbes budgétaires de l'équipe "), f);
	report_esc(f, t->name);
	fputs("</title>\n", f);
	/* Axes and grid. */
	for (k = 0; k <= 4; k++) {
		v = max * k / 4;
		y = report_chart_y(v, max);
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#dde3ea\"/>\n<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">%s</text>\n", REPORT_CHART_LEFT, y,
		    REPORT_CHART_W - REPORT_CHART_RIGHT, y,
		    REPORT_CHART_LEFT - 6, y + 4, text_money(m, v / 100 * 100));
	}
	for (i = 0; i < n; i++)
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
		    "%s</text>\n", report_chart_x(i, n), REPORT_CHART_H -
		    REPORT_CHART_BOTTOM + 16, pts[i].label);
	y = report_chart_y(t->envelope, max);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n", REPORT_CHART_LEFT, y,
	    REPORT_CHART_W - REPORT_CHART_RIGHT, y);
	for (k = 0; k < 3; k++) {
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2.5\" points=\"", colors[k]);
		for (i = 0; i < n; i++) {
			v = k == 0 ? pts[i].forecast[ti] : k == 1 ?
			    pts[i].committed[ti] : pts[i].actual[ti];
			fprintf(f, "%s%d,%d", i ? " " : "", report_chart_x(i, n),
			    report_chart_y(v, max));
		}
		fputs("\"/>\n", f);
		for (i = 0; i < n; i++) {
			v = k == 0 ? pts[i].forecast[ti] : k == 1 ?
			    pts[i].committed[ti] : pts[i].actual[ti];
			fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" "
			    "fill=\"%s\"><title>%s %s : %s</title></circle>\n",
			    report_chart_x(i, n), report_chart_y(v, max),
			    colors[k], names[k], pts[i].label, text_money(m, v));
		}
	}
	y = REPORT_CHART_H - 14;
	for (k = 0; k < 3; k++)
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"4\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
		    REPORT_CHART_LEFT + k * 140, y - 4, colors[k],
		    REPORT_CHART_LEFT + k * 140 + 24, y, names[k]);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#555\" stroke-dasharray=\"6 4\"/><text x=\"%d\" "
	    "y=\"%d\">%s</text>\n", REPORT_CHART_LEFT + 420, y - 2,
	    REPORT_CHART_LEFT + 438, y - 2, REPORT_CHART_LEFT + 444, y,
	    _("enveloppe"));
	fputs("</svg>\n", f);
	fprintf(f, "<figcaption>%s</figcaption>\n</figure>\n",
	    _("Totaux de toutes les lignes à l'ouverture du pilotage puis à la "
	    "clôture de chaque semaine."));
	fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr>\n", _("moment"), names[0], names[1], names[2]);
	for (i = 0; i < n; i++) {
		fprintf(f, "<tr><td>%s</td>", pts[i].label);
		fprintf(f, "<td class=\"n\">%s</td>", text_money(m,
		    pts[i].forecast[ti]));
		fprintf(f, "<td class=\"n\">%s</td>", text_money(m,
		    pts[i].committed[ti]));
		fprintf(f, "<td class=\"n\">%s</td></tr>\n", text_money(m,
		    pts[i].actual[ti]));
	}
	fputs("</table>\n", f);
}

static void
report_incidents(FILE *f, const struct game *g, const struct team *t,
    const struct journal *j)
{
	int	 i;
	char	 wk[32];

	if (t->noccurrences == 0) {
		fprintf(f, "<p>%s</p>\n", _("Aucun incident."));
		return;
	}
	fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th></tr>\n", _("n°"), _("semaine"),
	    _("incident"), _("réponse"), _("par"), _("quand"));
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		report_week(g->scenario, o->week, wk, sizeof wk);
		fprintf(f, "<tr><td class=\"n\">%d</td><td>%s</td><td><strong>",
		    i + 1, wk);
		report_esc(f, inc->title);
		fprintf(f, "</strong><br><span class=\"meta\">%s</span><br>",
		    _(scenario_incident_category_labels[inc->category]));
		report_esc(f, inc->text);
		fputs("</td><td>", f);
		if (o->status == OCC_ANSWERED && o->option >= 0 &&
		    o->option < inc->noptions) {
			report_esc(f, inc->options[o->option].label);
			if (o->why != NULL && o->why[0] != '\0') {
				fprintf(f, "<br><em>%s</em> ", _("motif :"));
				report_esc(f, o->why);
			}
		} else if (o->status == OCC_DEFAULTED) {
			fprintf(f, "<span class=\"late\">%s</span>",
			    _("sans réponse : défaut appliqué"));
			if (inc->default_text != NULL) {
				fputs("<br>", f);
				report_esc(f, inc->default_text);
			}
		} else
			fputs(_("en attente de réponse"), f);
		fputs("</td><td>", f);
		if (o->status == OCC_ANSWERED && o->answered_by != NULL)
			report_esc(f, o->answered_by);
		else
			fputs("—", f);
		fputs("</td><td>", f);
		fprintf(f, "%s ", _("ouvert"));
		report_seq(f, j, o->opened_seq);
		if (o->closed_seq > 0) {
			fprintf(f, "<br>%s ", o->status == OCC_ANSWERED ?
			    _("répondu") : _("clos"));
			report_seq(f, j, o->closed_seq);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void
report_requests(FILE *f, const struct team *t, const struct journal *j)
{
	int	 i;

	if (t->nrequests == 0) {
		fprintf(f, "<p>%s</p>\n", _("Aucun point de situation demandé."));
		return;
	}
	for (i = 0; i < t->nrequests; i++) {
		const struct status_request *r = &t->requests[i];

		fprintf(f, "<div class=\"point\">\n<h4>%s %d — ",
		    _("Point de situation n°"), i + 1);
		report_esc(f, r->title);
		fprintf(f, "</h4>\n<p>%s ", _("Demandé"));
		report_seq(f, j, r->requested_seq);
		fprintf(f, _(", délai %d min"), r->deadline_minutes);
		fputs(" ; ", f);
		if (!r->submitted) {
			fprintf(f, "<span class=\"late\">%s</span></p>\n</div>\n",
			    _("non rendu"));
			continue;
		}
		fprintf(f, "%s ", _("rendu"));
		report_seq(f, j, r->submitted_seq);
		fprintf(f, _(" après %lld min de jeu"),
		    (long long)((r->submitted_time - r->requested_time) / 60000));
		fprintf(f, " : <span class=\"%s\">%s</span>. %s ",
		    r->late ? "late" : "ok", r->late ? _("en retard") :
		    _("à l'heure"), _("Auteurs :"));
		report_esc(f, r->authors);
		fprintf(f, _(" ; %d mots."), r->words);
		fputs("</p>\n", f);
		if (r->prompt != NULL && r->prompt[0] != '\0') {
			fprintf(f, "<p class=\"meta\">%s ", _("Consigne :"));
			report_esc(f, r->prompt);
			fputs("</p>\n", f);
		}
		/* Each part with how it reads (core/indicators.c). */
		fprintf(f, "<h5>%s (%s)</h5><p class=\"txt\">", _("Risques"),
		    _(game_point_part_labels[r->parts[0]]));
		report_esc(f, r->risks);
		fprintf(f, "</p>\n<h5>%s (%s)</h5><p class=\"txt\">",
		    _("Arbitrages"), _(game_point_part_labels[r->parts[1]]));
		report_esc(f, r->arbitrations);
		fprintf(f, "</p>\n<h5>%s (%s)</h5><p class=\"txt\">", _("Suivi"),
		    _(game_point_part_labels[r->parts[2]]));
		report_esc(f, r->tracking);
		fprintf(f, _("</p>\n<p class=\"meta\">Rendu par %s ; %d/100 pour "
		    "CR14%s.</p>\n</div>\n"), r->submitter ? r->submitter : "?",
		    game_point_score(r), r->max_words > 0 && r->words >
		    r->max_words ? _(", au-delà de la limite de mots") : "");
	}
}

static void
report_mark(FILE *f, const struct mark *m, const struct journal *j)
{
	int	 k;

	if (m == NULL || m->level == MARK_NONE) {
		fputs("—", f);
		return;
	}
	fputs("<strong>", f);
	report_esc(f, _(mark_level_labels[m->level]));
	fputs("</strong>", f);
	if (m->comment != NULL && m->comment[0] != '\0') {
		fputs("<br>", f);
		report_esc(f, m->comment);
	}
	for (k = 0; k < m->nevidence; k++) {
		fputs(k ? ", " : "<br>", f);
		report_ref(f, m->evidence[k]);
	}
	(void)j;
	if (m->author != NULL) {
		fprintf(f, "<br><span class=\"meta\">%s ", _("par"));
		report_esc(f, m->author);
		fputs(", ", f);
		report_time(f, m->time);
		fputs("</span>", f);
	}
}

static void
report_results(FILE *f, struct game *g, int ti, const struct marks *marks,
    const struct journal *j)
{
	const struct scenario	*s = g->scenario;
	struct team		*t = &g->teams[ti];
	char			 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	int			 i, k;

	game_compute_results(g, ti);
	if (g->phase == PHASE_LAUNCHED) {
		fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr>\n", _("livrés à l'heure"), _("en retard"),
		    _("manquants"), _("dépensé / enveloppe"), _("qualité"),
		    _("accessibilité"), _("score"), _("score E3"));
		fprintf(f, "<tr><td class=\"n\">%d</td><td class=\"n\">%d</td>"
		    "<td class=\"n\">%d</td><td class=\"n\">%s / %s</td>"
		    "<td class=\"n\">%d %%</td><td class=\"n\">%d %%</td>"
		    "<td class=\"n\">%d/100</td><td class=\"n\">%d/100</td>"
		    "</tr>\n</table>\n", t->result.on_time, t->result.late,
		    t->result.missing, text_money(a, t->result.spent),
		    text_money(b, t->result.envelope), t->result.quality,
		    t->result.accessibility, t->result.score,
		    t->result.e3_score);
		if (s->nobjectives > 0) {
			fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th>"
			    "<th>%s</th></tr>\n", _("objectif"), _("atteint"),
			    _("cible"));
			for (i = 0; i < s->nobjectives; i++) {
				fputs("<tr><td>", f);
				report_esc(f, s->objectives[i].label);
				fprintf(f, "</td><td class=\"n\">%s ",
				    text_thousands(a, t->result.kpi[i]));
				report_esc(f, s->objectives[i].unit);
				fprintf(f, "</td><td class=\"n\">%s ",
				    text_thousands(b, s->objectives[i].target));
				report_esc(f, s->objectives[i].unit);
				fputs("</td></tr>\n", f);
			}
			fputs("</table>\n", f);
		}
	} else
		fprintf(f, "<p class=\"meta\">%s</p>\n", _("La partie n'est pas "
		    "lancée : indicateurs provisoires, pas de résultats."));
	fprintf(f, "<h3>%s</h3>\n<table>\n<tr><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th>", _("Grille d'évaluation E3"),
	    _("critère"), _("indicateur"), _("preuves"), _("équipe"));
	for (k = 0; k < t->ncandidates; k++) {
		fputs("<th>", f);
		report_esc(f, t->candidates[k].name);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		enum e3_level lv = game_e3_level(&t->result, i);

		fputs("<tr><td>", f);
		report_esc(f, scenario_e3_codes[i]);
		fputs("<br>", f);
		report_esc(f, _(scenario_e3_labels[i]));
		fprintf(f, "</td><td class=\"n\">");
		if (lv != E3_LEVEL_NA)
			fprintf(f, "%d/100<br>", t->result.e3[i]);
		fprintf(f, "<span class=\"lv%d\">%s</span></td><td>", (int)lv,
		    _(game_e3_level_labels[lv]));
		if (t->result.e3_comment[i] != NULL) {
			report_esc(f, later_text(t->result.e3_comment[i]));
			fputs("<br>", f);
		}
		fprintf(f, "<span class=\"meta\">%s ", _("Règle :"));
		report_esc(f, _(scenario_e3_rules[i]));
		fputs(".</span><br>", f);
		for (k = 0; k < t->result.e3_nevidence[i]; k++) {
			fputs(k ? ", " : "", f);
			report_seq(f, j, t->result.e3_evidence[i][k]);
		}
		fputs("</td><td>", f);
		report_mark(f, marks_find(marks, t->name, NULL, i), j);
		fputs("</td>", f);
		for (k = 0; k < t->ncandidates; k++) {
			fputs("<td>", f);
			report_mark(f, marks_find(marks, t->name,
			    t->candidates[k].name, i), j);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* A journal line's justification, or NULL. */
static const char *
report_why(const struct journal *j, int64_t seq)
{
	const json_t	*o = seq > 0 ? journal_get(j, (size_t)seq) : NULL;
	const char	*w = json_string_value(json_object_get(o, "why"));

	return w != NULL && w[0] != '\0' ? w : NULL;
}

/* Framing decisions and their reasons: owners, missions, supplier terms. */
static void
report_framing(FILE *f, const struct game *g, const struct team *t,
    const struct journal *j)
{
	static const char *const rhythm[MEETING_FREQUENCY_COUNT] = {
		N_("aucune réunion"), N_("mensuelles"),
		N_("toutes les deux semaines"), N_("hebdomadaires")
	};
	const struct scenario	*s = g->scenario;
	const char		*why;
	char			 money[TEXT_MONEY_MAX];
	int			 i, k, n;

	fprintf(f, "<h4>%s</h4>\n<table>\n<tr><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr>\n", _("Lots : à qui, et pourquoi"), _("lot"),
	    _("confié à"), _("justification"));
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		fputs("<tr><td>", f);
		report_esc(f, s->packages[i].name);
		fputs("</td><td>", f);
		if (p->owner == OWNER_SUPPLIER)
			report_esc(f, s->suppliers[p->supplier].name);
		else if (p->owner == OWNER_INTERNAL)
			for (k = n = 0; k < s->nstaff; k++) {
				if (!p->staff[k])
					continue;
				fputs(n++ ? ", " : "", f);
				report_esc(f, s->staff[k].name);
			}
		else
			fprintf(f, "<span class=\"late\">%s</span>",
			    _("personne"));
		fputs("</td><td>", f);
		if ((why = report_why(j, p->assigned_seq)) != NULL)
			report_esc(f, why);
		else
			fputs("—", f);
		if (p->assigned_seq > 0) {
			fputs(" ", f);
			report_ref(f, p->assigned_seq);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	fprintf(f, "<h4>%s</h4>\n<table>\n<tr><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th></tr>\n", _("Rôles et missions"), _("rôle"),
	    _("candidat"), _("missions"), _("méthode, justification"));
	for (i = 0; i < s->nroles; i++) {
		fputs("<tr><td>", f);
		report_esc(f, s->roles[i].label);
		fputs("</td><td>", f);
		if (t->mission_holder[i] >= 0)
			report_esc(f, t->candidates[t->mission_holder[i]].name);
		else
			fprintf(f, "<span class=\"late\">%s</span>",
			    _("à confier"));
		fputs("</td><td class=\"txt\">", f);
		report_esc(f, t->missions[i] != NULL ? t->missions[i] : "—");
		fputs("</td><td>", f);
		report_esc(f, t->mission_why[i] != NULL && t->mission_why[i][0] ?
		    t->mission_why[i] : "—");
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	fprintf(f, "<h4>%s</h4>\n<table>\n<tr><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
	    _("Relations prestataires"), _("prestataire"), _("réunions, heures, "
	    "outil"), _("format attendu"), _("recette"), _("cadré"));
	for (i = n = 0; i < s->nsuppliers; i++) {
		const struct supplier_state *ss = &t->suppliers[i];

		if (!game_supplier_used(s, t, i))
			continue;
		n++;
		fputs("<tr><td>", f);
		report_esc(f, s->suppliers[i].name);
		if (!ss->framed) {
			fprintf(f, "</td><td colspan=\"4\"><span class=\"late\">"
			    "%s</span></td></tr>\n", _("relation non cadrée"));
			continue;
		}
		fprintf(f, "</td><td>%s, %d h/sem.", _(rhythm[ss->meetings]),
		    ss->hours);
		if (ss->tool >= 0) {
			fputs(", ", f);
			report_esc(f, s->tools[ss->tool].name);
		}
		fputs("</td><td>", f);
		report_esc(f, ss->format);
		fputs("</td><td>", f);
		report_esc(f, ss->acceptance);
		fputs("</td><td>", f);
		report_ref(f, ss->framed_seq);
		fputs("</td></tr>\n", f);
	}
	if (n == 0)
		fprintf(f, "<tr><td colspan=\"5\">%s</td></tr>\n",
		    _("aucun lot confié à un prestataire"));
	fputs("</table>\n", f);
	fprintf(f, "<p>%s ", _("Outils :"));
	for (i = n = 0; i < s->ntools; i++)
		if (t->tools[i]) {
			fputs(n++ ? ", " : "", f);
			report_esc(f, s->tools[i].name);
		}
	if (n == 0)
		fputs(_("aucun"), f);
	fprintf(f, _(" ; réserve pour aléas : %s."), text_money(money,
	    t->reserve));
	fputs("</p>\n", f);
}

/* Page 1: every team and its E3 levels, what a jury reads first. */
static void
report_summary(FILE *f, struct game *g)
{
	char	 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	int	 i, c;

	fprintf(f, "<section class=\"summary\" id=\"synthese\">\n<h2>%s</h2>\n",
	    _("Synthèse de la classe"));
	fprintf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr>\n", _("équipe"), _("score E3"),
	    _("score du projet"), _("lots à l'heure / en retard / manquants"),
	    _("dépensé / enveloppe"));
	for (i = 0; i < g->nteams; i++) {
		struct team *t = &g->teams[i];

		game_compute_results(g, i);
		fprintf(f, "<tr><td><a href=\"#equipe-%d\">", i + 1);
		report_esc(f, t->name);
		fprintf(f, "</a></td><td class=\"n\">%d/100</td><td class=\"n\">"
		    "%d/100</td><td class=\"n\">%d / %d / %d%s</td>"
		    "<td class=\"n\">%s / %s</td></tr>\n", t->result.e3_score,
		    t->result.score, t->result.on_time, t->result.late,
		    t->result.missing, t->result.critical_missing > 0 ?
		    _(" (lancement compromis)") : "",
		    text_money(a, t->result.spent),
		    text_money(b, t->result.envelope));
	}
	fputs("</table>\n", f);
	fprintf(f, "<table class=\"levels\">\n<tr><th>%s</th>", _("critère"));
	for (i = 0; i < g->nteams; i++) {
		fputs("<th>", f);
		report_esc(f, g->teams[i].name);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (c = 0; c < E3_CRITERION_COUNT; c++) {
		fputs("<tr><td>", f);
		report_esc(f, scenario_e3_codes[c]);
		fputs(" — ", f);
		report_esc(f, _(scenario_e3_labels[c]));
		fputs("</td>", f);
		for (i = 0; i < g->nteams; i++) {
			const struct team_result *r = &g->teams[i].result;
			enum e3_level lv = game_e3_level(r, c);

			fputs("<td class=\"n\">", f);
			if (lv != E3_LEVEL_NA)
				fprintf(f, "%d · ", r->e3[c]);
			fprintf(f, "<span class=\"lv%d\">%s</span></td>", (int)lv,
			    _(game_e3_level_labels[lv]));
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	fprintf(f, "<p class=\"meta\">%s</p>\n</section>\n", _("Niveaux : "
	    "acquis à partir de 70, partiellement acquis de 40 à 69, non "
	    "acquis en dessous ; non évaluable quand la session ne donne rien "
	    "à juger. L'oral et le REX sont notés par le jury seul (grille). "
	    "Les numéros d'événements renvoient à l'annexe."));
}

/* The annex: every event, each with its anchor e-N. */
static void
report_events(FILE *f, const struct journal *j)
{
	size_t	 i, n = journal_count(j);
	char	*data;

	fprintf(f, "<section class=\"annex\" id=\"evenements\">\n<h2>%s</h2>\n"
	    "<table class=\"events\">\n<tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
	    _("Annexe : les événements du journal"), _("n°"), _("date"),
	    _("équipe, acteur"), _("commande"), _("données"),
	    _("justification"));
	for (i = 1; i < n; i++) {
		const json_t *o = journal_get(j, i);
		const char *team = json_string_value(json_object_get(o, "team"));
		const char *actor = json_string_value(json_object_get(o,
		    "actor"));
		const char *why = json_string_value(json_object_get(o, "why"));

		fprintf(f, "<tr id=\"e-%zu\"><td class=\"n\">%zu</td><td>", i, i);
		report_time(f, report_event_time(j, (int64_t)i));
		fputs("</td><td>", f);
		report_esc(f, team != NULL ? team : "");
		fputs(team != NULL && actor != NULL ? " · " : "", f);
		report_esc(f, actor != NULL ? actor : "");
		fputs("</td><td>", f);
		report_esc(f, json_string_value(json_object_get(o, "type")));
		fputs("</td><td>", f);
		data = json_dumps(json_object_get(o, "data"), JSON_COMPACT |
		    JSON_SORT_KEYS);
		report_esc(f, data != NULL && strcmp(data, "{}") != 0 ? data : "");
		free(data);
		fputs("</td><td>", f);
		report_esc(f, why != NULL ? why : "");
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
}

static void
report_team(FILE *f, struct game *g, int ti, const struct journal *j,
    const struct report_point *pts, int npts, const struct marks *marks)
{
	const struct scenario	*s = g->scenario;
	struct team		*t = &g->teams[ti];
	struct ledger		 led;
	char			 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char			 c[TEXT_MONEY_MAX], d[TEXT_MONEY_MAX];
	int			 i;

	fprintf(f, "<section class=\"team\" id=\"equipe-%d\">\n<h2>%s ", ti + 1,
	    _("Équipe"));
	report_esc(f, t->name);
	fputs("</h2>\n<ul>\n", f);
	for (i = 0; i < t->ncandidates; i++) {
		const struct candidate *cd = &t->candidates[i];

		fputs("<li>", f);
		report_esc(f, cd->name);
		if (cd->role >= 0) {
			fputs(" — ", f);
			report_esc(f, s->roles[cd->role].label);
		}
		if (cd->extra_time > 0)
			fprintf(f, _(" (temps majoré de %d %%)"), cd->extra_time);
		if (cd->assistant != NULL) {
			fprintf(f, " — %s ", _("saisie par"));
			report_esc(f, cd->assistant);
		}
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	fprintf(f, "<h3>%s</h3>\n", _("Cadrage : décisions et raisons"));
	report_framing(f, g, t, j);
	fprintf(f, "<h3>%s</h3>\n", _("Rétroplanning : plan et réel"));
	report_gantt(f, g, t);
	fprintf(f, "<h3>%s</h3>\n<p>", _("Budget"));
	game_ledger(g, t, &led);
	fprintf(f, _("Enveloppe %s, réserve %s dont %s utilisés, marge %s."),
	    text_money(a, led.envelope), text_money(b, led.reserve),
	    text_money(c, led.reserve_drawn), text_money(d, led.margin));
	fputs("</p>\n", f);
	report_budget(f, t, ti, pts, npts);
	fprintf(f, "<h3>%s</h3>\n", _("Incidents"));
	report_incidents(f, g, t, j);
	fprintf(f, "<h3>%s</h3>\n", _("Points de situation"));
	report_requests(f, t, j);
	fprintf(f, "<h3>%s</h3>\n", _("Résultats et indicateurs E3"));
	report_results(f, g, ti, marks, j);
	if (t->nexplanations > 0) {
		fprintf(f, "<h3>%s</h3>\n<ul>\n", _("Pourquoi (explications)"));
		for (i = 0; i < t->nexplanations; i++) {
			int k;

			fprintf(f, "<li>S%d ", t->explanations[i].week);
			report_esc(f, later_text(t->explanations[i].say));
			for (k = 0; k < t->explanations[i].nseqs; k++) {
				fputs(" ", f);
				report_ref(f, t->explanations[i].seqs[k]);
			}
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	fputs("</section>\n", f);
}

/* Ends a page: closes the document, releases the session and its marks,
 * and says whether everything was written. */
static int
report_end(FILE *f, struct session *ss, struct marks *marks, char *warning,
    char *mwarning, const char *what, char **cause)
{
	fputs("</body>\n</html>\n", f);
	free(warning);
	free(mwarning);
	marks_release(marks);
	session_close(ss);
	if (ferror(f)) {
		*cause = xasprintf(_("écriture %s impossible"), what);
		return -1;
	}
	return 0;
}

int
report_html(const char *session_path, FILE *f, char **cause)
{
	struct session		*ss = NULL;
	struct report_series	 rs = { NULL, 0, 0, 0 };
	struct session_observer	 obs = { report_series_seen, NULL, &rs };
	struct report_point	*pts = NULL;
	struct marks		 marks;
	const char		*base;
	char			*warning = NULL, *mwarning = NULL;
	int			 npts = 0, t;

	memset(&marks, 0, sizeof marks);
	if (session_open_observed(session_path, false, 0, &obs, &ss, &warning,
	    cause) == -1) {
		free(rs.pts);
		return -1;
	}
	pts = rs.pts;
	npts = rs.np;
	/* Like the journal's, a torn last mark is only left out. */
	if (marks_load(session_path, ss->journal, &marks, &mwarning,
	    cause) != 0) {
		free(pts);
		free(warning);
		free(mwarning);
		marks_release(&marks);
		session_close(ss);
		return -1;
	}
	base = strrchr(session_path, '/');
	base = base != NULL ? base + 1 : session_path;
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", f);
	fprintf(f, "%s ", _("Rapport de session —"));
	report_esc(f, ss->scenario->title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
	    "<h1>", report_css);
	report_esc(f, ss->scenario->title);
	fprintf(f, "</h1>\n<p class=\"meta\">%s ", _("Session"));
	report_esc(f, base);
	fprintf(f, _(" — %d équipe(s), %lld événement(s), phase : %s, "
	    "semaine %d sur %d."), ss->game->nteams,
	    (long long)ss->game->last_seq, ss->game->phase == PHASE_FRAMING ?
	    _("cadrage") : ss->game->phase == PHASE_PILOTING ? _("pilotage") :
	    _("lancé"), ss->game->week, ss->scenario->weeks);
	fputs("<br>", f);
	fprintf(f, _("Journal vérifié et intègre ; clé %s ; dernière empreinte "
	    "%s."), journal_fingerprint(ss->journal), journal_head(ss->journal));
	if (warning != NULL) {
		fputs("<br>", f);
		report_esc(f, warning);
	}
	fprintf(f, "<br>%s ", _("Début :"));
	report_time(f, report_event_time(ss->journal, 1));
	fprintf(f, " ; %s ", _("fin :"));
	report_time(f, ss->game->last_time);
	fputs("</p>\n</header>\n", f);
	report_summary(f, ss->game);
	fputs("<nav><ul>\n", f);
	for (t = 0; t < ss->game->nteams; t++) {
		fprintf(f, "<li><a href=\"#equipe-%d\">%s ", t + 1, _("Équipe"));
		report_esc(f, ss->game->teams[t].name);
		fputs("</a></li>\n", f);
	}
	fprintf(f, "<li><a href=\"#brief\">%s</a></li>\n",
	    _("Annexe : le brief"));
	fprintf(f, "<li><a href=\"#evenements\">%s</a></li>\n",
	    _("Annexe : les événements"));
	fputs("</ul></nav>\n", f);
	for (t = 0; t < ss->game->nteams; t++)
		report_team(f, ss->game, t, ss->journal, pts, npts, &marks);
	report_brief(f, ss->scenario, NULL);
	report_events(f, ss->journal);
	free(pts);
	return report_end(f, ss, &marks, warning, mwarning, _("du rapport"),
	    cause);
}

/*
 * The jury's grid as a printable page per candidate: the class summary,
 * then for each candidate the rows of export_grid_cell() (the E3 criteria
 * with their CR codes, the oral and the REX), a signature line.
 */
int
report_grid(const char *session_path, FILE *f, char **cause)
{
	struct session		*ss = NULL;
	struct marks		 marks;
	struct export_cell	 cell;
	char			*warning = NULL, *mwarning = NULL;
	int			 ti, k, row;

	memset(&marks, 0, sizeof marks);
	if (session_open(session_path, false, 0, &ss, &warning, cause) == -1)
		return -1;
	if (marks_load(session_path, ss->journal, &marks, &mwarning,
	    cause) != 0) {
		free(warning);
		session_close(ss);
		return -1;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", f);
	fprintf(f, "%s ", _("Grille d'évaluation E3 —"));
	report_esc(f, ss->scenario->title);
	/* A candidate's page in landscape: seven columns read at 9 pt. */
	fprintf(f, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n<h1>",
	    report_css, "@page{size:A4 landscape;margin:10mm}\n"
	    "@media print{body{font-size:8pt}table.grid td,table.grid th"
	    "{padding:2px 4px}section.candidate h2{margin:0 0 4px}"
	    "section.candidate p{margin:2px 0}.sign{margin-top:8px}}\n");
	fprintf(f, "%s ", _("Grille d'évaluation E3 —"));
	report_esc(f, ss->scenario->title);
	fprintf(f, "</h1>\n<p class=\"meta\">");
	fprintf(f, _("Journal vérifié et intègre ; clé %s ; dernière empreinte "
	    "%s."), journal_fingerprint(ss->journal), journal_head(ss->journal));
	fprintf(f, " %s</p>\n", ss->game->phase == PHASE_LAUNCHED ?
	    _("Résultats définitifs.") : _("Partie en cours : indicateurs "
	    "provisoires."));
	report_summary(f, ss->game);
	for (ti = 0; ti < ss->game->nteams; ti++) {
		const struct team *t = &ss->game->teams[ti];

		for (k = 0; k < t->ncandidates; k++) {
			const struct candidate *cd = &t->candidates[k];

			fprintf(f, "<section class=\"candidate\">\n<h2>%s ",
			    _("Candidat :"));
			report_esc(f, cd->name);
			fprintf(f, " — %s ", _("équipe"));
			report_esc(f, t->name);
			fprintf(f, "</h2>\n<p>%s ", _("Rôle :"));
			report_esc(f, cd->role >= 0 ?
			    ss->scenario->roles[cd->role].label : _("sans rôle"));
			if (cd->extra_time > 0)
				fprintf(f, _(" ; temps majoré de %d %% sur les "
				    "points de situation"), cd->extra_time);
			fprintf(f, _(" ; score E3 de l'équipe : %d/100."),
			    t->result.e3_score);
			fprintf(f, "</p>\n<table class=\"grid\">\n<colgroup><col style=\"width:"
			    "8%%\"><col style=\"width:15%%\"><col style=\"width:"
			    "9%%\"><col style=\"width:32%%\"><col style=\"width:"
			    "13%%\"><col style=\"width:9%%\"><col style=\"width:"
			    "14%%\"></colgroup>\n<tr><th>%s</th><th>%s</th>"
			    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
			    "<th>%s</th></tr>\n", _("code"), _("critère"),
			    _("indicateur de l'équipe"), _("constat et règle"),
			    _("preuves du candidat"), _("note du jury"),
			    _("commentaire du jury"));
			for (row = 0; row < EXPORT_GRID_ROWS; row++) {
				export_grid_cell(ss, &marks, t, cd->name, row,
				    &cell);
				fputs("<tr><td>", f);
				report_esc(f, cell.code);
				fputs("</td><td>", f);
				report_esc(f, cell.label);
				fputs("</td><td class=\"n\">", f);
				report_esc(f, cell.figure);
				fputs("<br>", f);
				report_esc(f, cell.level);
				fputs("</td><td>", f);
				/* The rules once, at the end: the page stays
				 * one page. */
				report_esc(f, cell.finding[0] != '\0' ?
				    cell.finding : cell.rule);
				fputs("</td><td>", f);
				report_esc(f, cell.evidence);
				fputs("</td><td>", f);
				report_esc(f, cell.mark);
				fputs("</td><td>", f);
				report_esc(f, cell.mark_comment);
				fputs("</td></tr>\n", f);
				export_cell_release(&cell);
			}
			fprintf(f, "</table>\n<p class=\"sign\">%s "
			    "……………………………………………… &nbsp; %s "
			    "……………………</p>\n</section>\n",
			    _("Signature du jury :"), _("Date :"));
		}
	}
	fprintf(f, "<section class=\"candidate\">\n<h2>%s</h2>\n<table>\n"
	    "<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	    _("Règles des indicateurs"), _("code"), _("critère"), _("règle"));
	for (row = 0; row < E3_CRITERION_COUNT; row++) {
		fputs("<tr><td>", f);
		report_esc(f, scenario_e3_codes[row]);
		fputs("</td><td>", f);
		report_esc(f, _(scenario_e3_labels[row]));
		fputs("</td><td>", f);
		report_esc(f, _(scenario_e3_rules[row]));
		fputs("</td></tr>\n", f);
	}
	fprintf(f, "</table>\n<p class=\"meta\">%s</p>\n</section>\n",
	    _("Acquis à partir de 70, partiellement acquis de 40 à 69, non "
	    "acquis en dessous ; non évaluable quand la session ne donne rien "
	    "à juger (son poids va aux autres critères). Détail : "
	    "man/indicateurs.md."));
	return report_end(f, ss, &marks, warning, mwarning, _("de la grille"),
	    cause);
}

/*
 * The brief as a printable handout: the same text as the teams read, one
 * section per printed page (A4, the report's print CSS), self-contained.
 */
int
report_brief_page(const struct scenario *s, FILE *f)
{
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", f);
	fprintf(f, "%s ", _("Brief —"));
	report_esc(f, s->title);
	fprintf(f, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n",
	    report_css, "section.brief h4{break-before:page;"
	    "page-break-before:always;font-size:17px;color:#2f5597}\n"
	    "section.brief h4:first-of-type{break-before:auto;"
	    "page-break-before:auto}\n"
	    "section.brief{break-before:auto;page-break-before:auto}\n");
	report_brief(f, s, _("Le brief du client"));
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
