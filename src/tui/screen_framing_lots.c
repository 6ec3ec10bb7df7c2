/*
 * screen_framing_lots: the packages sub-view of the framing screen.  Above,
 * every package with its owner; below, the side-by-side comparison of the
 * ways to get the selected package done: its requirements (deadline,
 * expected quality, accessibility, the specification), the internal team,
 * then every supplier offer (price, lead time, quality, reliability, CSR,
 * accessibility, format).  The best value of each row is highlighted, a
 * value that misses a requirement is marked.  Enter on a column assigns the
 * package: to people of the team (a multi-select of the staff with their
 * skills and load) or to the offer, with the justification the engine
 * requires.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/scenario_check.h"
#include "tui/screen_framing.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

/* The ways to do one package: the team (supplier -1), then each offer. */
struct lots_way {
	int	 supplier;
	int	 offer;
};

static const char *const lots_modes[PACKAGE_MODE_COUNT] = {
	N_("interne"), N_("prestataire"), N_("au choix")
};
static const char *const lots_status[] = {
	N_("à faire"), N_("en cours"), N_("bloqué"), N_("livré")
};

/* Fills ways (room for 1 + every offer); returns how many. */
static int
lots_ways(const struct scenario *s, int p, struct lots_way *ways)
{
	int	 i, j, n = 0;

	if (s->packages[p].mode != MODE_EXTERNAL) {
		ways[n].supplier = -1;
		ways[n++].offer = -1;
	}
	for (i = 0; i < s->nsuppliers; i++)
		for (j = 0; j < s->suppliers[i].noffers; j++)
			if (s->suppliers[i].offers[j].package == p) {
				ways[n].supplier = i;
				ways[n++].offer = j;
			}
	return n;
}

static int
lots_max_ways(const struct scenario *s)
{
	int	 i, n = 1;

	for (i = 0; i < s->nsuppliers; i++)
		n += s->suppliers[i].noffers;
	return n;
}

/* The column of the package's current owner, or 0. */
static int
lots_owner_way(const struct app *a, int p, const struct lots_way *ways,
    int n)
{
	const struct package_state *ps = &app_team(a)->packages[p];
	int	 i;

	for (i = 0; i < n; i++) {
		if (ps->owner == OWNER_INTERNAL && ways[i].supplier < 0)
			return i;
		if (ps->owner == OWNER_SUPPLIER && ways[i].supplier ==
		    ps->supplier)
			return i;
	}
	return 0;
}

/* Who owns the package, in words (allocated). */
static char *
lots_owner(const struct app *a, int p)
{
	const struct scenario	*s = a->scenario;
	const struct package_state *ps = &app_team(a)->packages[p];

	if (ps->owner == OWNER_SUPPLIER)
		return xstrdup(s->suppliers[ps->supplier].name);
	if (ps->owner == OWNER_INTERNAL)
		return fr_people(a, p, true);
	return xstrdup(_("— à attribuer"));
}

static void
lots_list(struct app *a, struct app_list *c, int y, int rows)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	int			 i, w = COLS - 2, nw, ow, cw, x;
	bool			 piloting = a->game->phase != PHASE_FRAMING;
	char			 due[16], *owner, m[TEXT_MONEY_MAX], pad[64];

	ow = w >= 110 ? 30 : 23;
	cw = w >= 110 ? 13 : 0;
	nw = w - 4 - 12 - 6 - ow - cw - (piloting ? 10 : 0);
	x = 4 + nw;
	fr_put(a, y, 1, 3, ROLE_HEADING, _("n°"));
	fr_put(a, y, 4, nw, ROLE_HEADING, _("lot"));
	fr_put(a, y, x, 12, ROLE_HEADING, _("réalisation"));
	fr_put(a, y, x + 12, 6, ROLE_HEADING, _("éch."));
	fr_put(a, y, x + 18, ow, ROLE_HEADING, _("responsable"));
	if (cw > 0)
		fr_put(a, y, x + 18 + ow, cw, ROLE_HEADING, fr_fit(pad,
		    sizeof pad, _("coût prévu"), cw - 1, true));
	if (piloting)
		fr_put(a, y, x + 18 + ow + cw, 10, ROLE_HEADING, _("état"));
	y++;
	rows--;
	c->rows = rows;
	app_list_fit(c, s->npackages, rows);
	for (i = c->top; i < s->npackages && i < c->top + rows; i++, y++) {
		const struct package *pk = &s->packages[i];
		const struct package_state *ps = &t->packages[i];
		bool sel = i == c->focus;
		enum app_role r = sel ? ROLE_SELECTED : ROLE_NORMAL;

		if (sel)
			fr_put(a, y, 1, w, ROLE_SELECTED, "");
		fr_putf(a, y, 1, 3, r, "%2d", i + 1);
		fr_put(a, y, 4, nw - 1, r, pk->name);
		fr_put(a, y, x, 12, sel ? r : ROLE_DIM, _(lots_modes[pk->mode]));
		snprintf(due, sizeof due, "S-%d", pk->due);
		fr_put(a, y, x + 12, 6, r, due);
		owner = lots_owner(a, i);
		fr_put(a, y, x + 18, ow - 1, sel ? r : ps->owner == OWNER_NONE ?
		    ROLE_WARN : ROLE_NORMAL, owner);
		free(owner);
		if (cw > 0 && ps->owner != OWNER_NONE)
			fr_put(a, y, x + 18 + ow, cw, r, fr_fit(pad, sizeof pad,
			    text_money(m, fr_package_cost(a, i)), cw - 1,
			    true));
		if (piloting)
			fr_put(a, y, x + 18 + ow + cw, 10, sel ? r : ps->status ==
			    PKG_DONE ? ROLE_GOOD : game_package_late(a->game, t,
			    i) ? ROLE_BAD : ROLE_NORMAL,
			    _(lots_status[ps->status]));
	}
}

/* One comparison cell, wrapped over up to n rows. */
static void
lots_cell(struct app *a, int y, int x, int w, int n, enum app_role role,
    const char *text)
{
	size_t	 len, next;
	char	*piece;
	int	 i;

	for (i = 0; i < n && *text != '\0'; i++) {
		wrap_next(text, w, &len, &next);
		/* The last row shows what does not fit as "…". */
		piece = i == n - 1 ? xstrdup(text) : xstrndup(text, len);
		fr_put(a, y + i, x, w, role, piece);
		free(piece);
		text += next;
	}
}

enum lots_row {
	ROW_PRICE, ROW_LEAD, ROW_QUALITY, ROW_RELIABILITY, ROW_CSR,
	ROW_ACCESSIBLE, ROW_FORMAT, ROW_COUNT
};

static const char *const lots_row_labels[ROW_COUNT] = {
	N_("prix"), N_("délai"), N_("qualité"), N_("fiabilité"), N_("RSE"),
	N_("accessible"), N_("livrable")
};

/* The text and role of a requirement cell. */
static char *
lots_requirement(const struct app *a, int p, int row)
{
	const struct scenario	*s = a->scenario;
	const struct package	*pk = &s->packages[p];
	char			 m[TEXT_MONEY_MAX];

	switch (row) {
	case ROW_PRICE:
		return pk->fixed_cost > 0 ? xasprintf(_("+ %s fixes"),
		    text_money(m, pk->fixed_cost)) : xstrdup("");
	case ROW_LEAD:
		return xasprintf(_("échéance S-%d"), pk->due);
	case ROW_QUALITY:
		return xasprintf(_("cible %d %%"), s->scoring.quality_target);
	case ROW_ACCESSIBLE:
		return xstrdup(pk->accessibility ? _("exigée") :
		    _("non requise"));
	case ROW_FORMAT:
		return xstrdup(pk->description);
	default:
		return xstrdup("");
	}
}

/* The team's column: what the package asks of the people. */
static char *
lots_internal(const struct app *a, int p, int row, enum app_role *role)
{
	const struct scenario	*s = a->scenario;
	const struct package	*pk = &s->packages[p];
	char			*out, *next, first[64], m[TEXT_MONEY_MAX];
	int			 i, n = 0;

	*role = ROLE_NORMAL;
	switch (row) {
	case ROW_PRICE:
		if (app_team(a)->packages[p].owner == OWNER_INTERNAL)
			return xasprintf(_("%d j·p : %s"), pk->workload,
			    text_money(m, fr_package_cost(a, p) -
			    pk->fixed_cost));
		return xasprintf(_("%d j·p"), pk->workload);
	case ROW_LEAD:
		return xstrdup(_("selon la charge"));
	case ROW_ACCESSIBLE:
		return xstrdup(pk->accessibility ? _("en option") : "—");
	case ROW_FORMAT:
		out = xstrdup(_("compétents :"));
		for (i = 0; i < s->nstaff; i++) {
			if (!scenario_staff_can_do(s, i, p))
				continue;
			next = xasprintf("%s%s %s", out, n++ ? "," : "",
			    fr_first_name(s->staff[i].name, first));
			free(out);
			out = next;
		}
		if (n == 0) {
			free(out);
			*role = ROLE_WARN;
			out = xstrdup(_("personne seule : à plusieurs"));
		}
		return out;
	default:
		*role = ROLE_DIM;
		return xstrdup("—");
	}
}

/* An offer's value for a row, with how it compares. */
static char *
lots_offer(const struct app *a, int p, const struct lots_way *ways, int n,
    int k, int row, enum app_role *role)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	const struct package_state *ps = &t->packages[p];
	const struct supplier	*sup = &s->suppliers[ways[k].supplier];
	const struct offer	*o = &sup->offers[ways[k].offer];
	char			 m[TEXT_MONEY_MAX];
	int64_t			 v = 0, best = 0;
	int			 i, rel, span, offers = 0;
	bool			 low = row == ROW_PRICE || row == ROW_LEAD, any = false;

	*role = ROLE_NORMAL;
	/* The best value of the row among the offers. */
	for (i = 0; i < n; i++) {
		const struct supplier *si;
		const struct offer *oi;
		int64_t x;

		if (ways[i].supplier < 0)
			continue;
		si = &s->suppliers[ways[i].supplier];
		oi = &si->offers[ways[i].offer];
		x = row == ROW_PRICE ? oi->price : row == ROW_LEAD ? oi->lead :
		    row == ROW_QUALITY ? oi->quality : row == ROW_RELIABILITY ?
		    si->reliability : si->csr_score;
		if (i == k)
			v = x;
		offers++;
		if (!any || (low ? x < best : x > best))
			best = x;
		any = true;
	}
	rel = sup->reliability + t->suppliers[ways[k].supplier].
	    reliability_delta;
	switch (row) {
	case ROW_PRICE:
		if (ps->owner == OWNER_SUPPLIER && ps->supplier ==
		    ways[k].supplier && ps->discount > 0) {
			*role = ROLE_GOOD;
			return xasprintf(_("%s négocié"), text_money(m, o->price -
			    ps->discount));
		}
		break;
	case ROW_LEAD:
		span = ps->plan_start > 0 ? ps->plan_end - ps->plan_start + 1 :
		    0;
		if (o->lead > s->weeks - s->packages[p].due ||
		    (span > 0 && o->lead > span)) {
			*role = ROLE_BAD;
			return xasprintf(span > 0 ? _("%d sem. (plan : %d)") :
			    _("%d sem."), o->lead, span);
		}
		break;
	case ROW_QUALITY:
		if (o->quality < s->scoring.quality_target)
			*role = ROLE_WARN;
		break;
	case ROW_ACCESSIBLE:
		if (s->packages[p].accessibility && !o->accessible)
			*role = ROLE_BAD;
		return xstrdup(o->accessible ? _("oui") : _("non"));
	case ROW_FORMAT:
		return xstrdup(o->format != NULL ? o->format : "—");
	default:
		break;
	}
	if (*role == ROLE_NORMAL && v == best && offers > 1)
		*role = ROLE_GOOD;
	switch (row) {
	case ROW_PRICE:
		return xstrdup(text_money(m, o->price));
	case ROW_LEAD:
		return xasprintf(_("%d sem."), o->lead);
	case ROW_QUALITY:
		return xasprintf("%d %%", o->quality);
	case ROW_RELIABILITY:
		return rel != sup->reliability ? xasprintf("%d %% (%+d)", rel,
		    rel - sup->reliability) : xasprintf("%d %%", rel);
	default:
		return xasprintf("%d %%", sup->csr_score);
	}
}

static void
lots_compare(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	int			 p = c->focus, n, nvis, first, cw, lw = 11, rw;
	int			 k, row, y, x, fmt_rows, w = COLS - 2;
	const struct package	*pk = &s->packages[p];
	const struct package_state *ps = &t->packages[p];
	struct lots_way		*ways;
	enum app_role		 role;
	char			*text, w1[16], w2[16];

	ways = xcalloc((size_t)lots_max_ways(s), sizeof *ways);
	n = lots_ways(s, p, ways);
	if (c->column >= n)
		c->column = n - 1;
	if (c->column < 0)
		c->column = 0;
	y = top;
	if (ps->plan_start > 0)
		fr_putf(a, y++, 1, w, ROLE_TITLE, _("%d %s — %d j·p, prévu "
		    "%s→%s"), p + 1, pk->name, pk->workload, fr_week(a,
		    ps->plan_start, w1), fr_week(a, ps->plan_end, w2));
	else
		fr_putf(a, y++, 1, w, ROLE_TITLE, _("%d %s — %d j·p, non "
		    "planifié"), p + 1, pk->name, pk->workload);
	/* Columns: labels, requirements, then as many ways as fit. */
	rw = w >= 110 ? 26 : 17;
	nvis = (w - lw - rw) / 15;
	if (nvis > n)
		nvis = n;
	if (nvis < 1)
		nvis = 1;
	cw = (w - lw - rw) / nvis;
	if (cw > 30)
		cw = 30;
	first = c->column >= nvis ? c->column - nvis + 1 : 0;
	fmt_rows = rows - 2 - (ROW_COUNT - 1);
	if (fmt_rows > 4)
		fmt_rows = 4;
	if (fmt_rows < 1)
		fmt_rows = 1;
	fr_put(a, y, 1 + lw, rw - 1, ROLE_HEADING, _("exigences"));
	for (k = first; k < first + nvis; k++) {
		x = 1 + lw + rw + (k - first) * cw;
		if (ways[k].supplier < 0)
			text = xasprintf("%s%s", ps->owner == OWNER_INTERNAL ?
			    "✓ " : "", _("équipe interne"));
		else
			text = xasprintf("%s%s", ps->owner == OWNER_SUPPLIER &&
			    ps->supplier == ways[k].supplier ? "✓ " : "",
			    s->suppliers[ways[k].supplier].name);
		fr_put(a, y, x, cw - 1, k == c->column ? ROLE_SELECTED :
		    ROLE_HEADING, text);
		if (k == c->column)
			app_cursor(a, y, x);
		free(text);
	}
	if (first > 0)
		fr_put(a, y, lw - 1, 2, ROLE_DIM, "◂");
	if (first + nvis < n)
		fr_put(a, y, COLS - 2, 1, ROLE_DIM, "▸");
	y++;
	for (row = 0; row < ROW_COUNT && y < top + rows; row++) {
		int h = row == ROW_FORMAT ? fmt_rows : 1;

		if (y + h > top + rows)
			h = top + rows - y;
		fr_put(a, y, 1, lw, ROLE_DIM, _(lots_row_labels[row]));
		text = lots_requirement(a, p, row);
		lots_cell(a, y, 1 + lw, rw - 1, h, row == ROW_ACCESSIBLE &&
		    pk->accessibility ? ROLE_WARN : ROLE_NORMAL, text);
		free(text);
		for (k = first; k < first + nvis; k++) {
			x = 1 + lw + rw + (k - first) * cw;
			text = ways[k].supplier < 0 ? lots_internal(a, p, row,
			    &role) : lots_offer(a, p, ways, n, k, row, &role);
			lots_cell(a, y, x, cw - 1, h, role, text);
			free(text);
		}
		y += h;
	}
	/* What is behind the selected column, when there is room. */
	if (y + 1 < top + rows) {
		y++;
		if (ways[c->column].supplier >= 0) {
			const struct supplier *sup =
			    &s->suppliers[ways[c->column].supplier];
			const struct offer *o = &sup->offers[ways[c->column].
			    offer];

			text = xasprintf(_("%s (%s) : %s%s%s RSE : %s."),
			    sup->name, sup->trade, sup->description,
			    o->note != NULL ? _(" Offre : ") : "",
			    o->note != NULL ? o->note : "",
			    sup->csr_commitments != NULL ?
			    sup->csr_commitments : "—");
		} else {
			text = xstrdup(_("Équipe interne : Entrée choisit les "
			    "personnes (compétences et charge affichées) ; le "
			    "coût suit leur coût par jour."));
		}
		app_paragraph(a, y, 1, w, top + rows - y, ROLE_DIM, text);
		free(text);
	}
	free(ways);
}

static void
lots_draw(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	int			 compare = 10, list;

	if (s->npackages == 0) {
		fr_put(a, top, 1, COLS - 2, ROLE_DIM, _("Aucun lot dans ce "
		    "scénario."));
		return;
	}
	/* The comparison gets its rows first, the list what is left, and
	 * the comparison again what the list does not need. */
	list = rows - compare;
	if (list > s->npackages + 1)
		list = s->npackages + 1;
	if (list < 3)
		list = 3;
	lots_list(a, c, top, list);
	/* A blank row between them when there is room. */
	if (rows - list > compare)
		list++;
	lots_compare(a, c, top + list, rows - list);
}

/* The internal team for a package: a multi-select of the staff. */
static void
lots_internal_dialog(struct app *a, int p)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	const struct package	*pk = &s->packages[p];
	const struct package_state *ps = &t->packages[p];
	bool			*on, access;
	const char		**labels;
	char			**own, *title, *ids, *next, avail[32], line[512];
	int			 i, j, k, n, nlabels, choice, sel, base, count;

	on = xcalloc((size_t)s->nstaff + 1, sizeof *on);
	for (i = 0; i < s->nstaff; i++)
		on[i] = ps->owner == OWNER_INTERNAL && ps->staff[i];
	access = ps->owner == OWNER_INTERNAL ? ps->accessible_work :
	    pk->accessibility;
	base = 1 + (pk->accessibility ? 1 : 0);
	nlabels = base + s->nstaff;
	labels = xcalloc((size_t)nlabels, sizeof *labels);
	own = xcalloc((size_t)nlabels, sizeof *own);
	title = fr_dialog(xasprintf(_("Qui réalise « %s » ? (%d j·p)"),
	    pk->name, pk->workload));
	sel = base;
	for (;;) {
		for (i = count = 0; i < s->nstaff; i++)
			count += on[i];
		for (i = 0; i < nlabels; i++)
			free(own[i]);
		own[0] = xasprintf(_("→ Valider (%d cochée(s)) · Entrée sur un "
		    "nom : cocher · ✓ compétent"), count);
		if (pk->accessibility)
			own[1] = xasprintf(_("[%s] Intégrer l'accessibilité au "
			    "travail (charge majorée)"), access ? "x" : " ");
		for (i = 0; i < s->nstaff; i++) {
			char name[128], load[64];
			int peak = fr_peak_load(a, i), skills = 0;

			/* How many of the package's skills this person has. */
			for (j = 0; j < pk->nskills; j++)
				for (k = 0; k < s->staff[i].nskills; k++)
					if (s->staff[i].skills[k] ==
					    pk->skills[j])
						skills++;
			/* Other packages, and the busiest planned week. */
			for (j = n = 0; j < s->npackages; j++)
				if (j != p && t->packages[j].owner ==
				    OWNER_INTERNAL && t->packages[j].staff[i])
					n++;
			peak = (peak + 5) / 10;
			if (n == 0)
				snprintf(load, sizeof load, _("aucun autre lot"));
			else if (n == 1)
				snprintf(load, sizeof load, _("1 autre lot, pic "
				    "%d,%d j"), peak / 10, peak % 10);
			else
				snprintf(load, sizeof load, _("%d autres lots, "
				    "pic %d,%d j"), n, peak / 10, peak % 10);
			snprintf(avail, sizeof avail, _("%d j/sem"),
			    s->staff[i].availability);
			next = xasprintf(_("[%s] %s %s %d/%d  %-7s  %s"), on[i] ?
			    "x" : " ", fr_fit(name, sizeof name,
			    s->staff[i].name, 18, false), skills ==
			    pk->nskills ? "✓" : skills > 0 ? "◐" : "✗",
			    skills, pk->nskills, avail, load);
			own[base + i] = xstrdup(fr_fit(line, sizeof line, next,
			    COLS - 14, false));
			free(next);
		}
		for (i = 0; i < nlabels; i++)
			labels[i] = own[i];
		choice = app_choose(a, title, labels, nlabels, sel);
		if (choice < 0)
			break;
		sel = choice;
		if (choice >= base) {
			on[choice - base] = !on[choice - base];
			continue;
		}
		if (choice == 1 && pk->accessibility) {
			access = !access;
			continue;
		}
		/* Validate: the engine checks the skills. */
		ids = xstrdup("");
		for (i = 0; i < s->nstaff; i++) {
			if (!on[i])
				continue;
			next = xasprintf("%s%s%s", ids, ids[0] ? "," : "",
			    s->staff[i].id);
			free(ids);
			ids = next;
		}
		app_command(a, "attribuer", NULL, "lot", pk->id, "interne",
		    ids, pk->accessibility ? "accessibilite" : NULL, access ?
		    "oui" : "non", NULL);
		free(ids);
		break;
	}
	for (i = 0; i < nlabels; i++)
		free(own[i]);
	free(own);
	free(labels);
	free(title);
	free(on);
}

static void
lots_offer_choose(struct app *a, int p, const struct lots_way *w)
{
	const struct scenario	*s = a->scenario;
	const struct supplier	*sup = &s->suppliers[w->supplier];
	char			*label, *why;

	label = fr_dialog(xasprintf(_("Justification exigée — pourquoi "
	    "retenir %s pour « %s » ?"), sup->name, s->packages[p].name));
	why = app_prompt(a, label, NULL);
	free(label);
	if (why == NULL)
		return;
	app_command(a, "attribuer", why, "lot", s->packages[p].id,
	    "prestataire", sup->id, NULL);
	free(why);
}

static void
lots_negotiate(struct app *a, int p)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	const struct package_state *ps = &t->packages[p];
	const char		*labels[2] = { _("le prix"), _("le délai") };
	char			*title;
	int			 choice;

	if (game_negotiable(a->game, t, p, &title) == -1) {
		app_say(a, true, _("Refusé : %s"), title);
		free(title);
		return;
	}
	title = fr_dialog(xasprintf(_("Négocier (une seule fois) avec %s sur "
	    "« %s »"), s->suppliers[ps->supplier].name, s->packages[p].name));
	choice = app_choose(a, title, labels, 2, 0);
	free(title);
	if (choice < 0)
		return;
	/* The outcome is the engine's explanation of the draw. */
	if (app_command(a, "negocier", NULL, "lot", s->packages[p].id,
	    "objet", choice == 0 ? "prix" : "delai", NULL) == 0 &&
	    t->nexplanations > 0)
		app_say(a, false, "%s", later_text(t->explanations[
		    t->nexplanations - 1].say));
}

static int
lots_key(struct app *a, struct app_list *c, int kind, wint_t ch)
{
	const struct scenario	*s = a->scenario;
	struct lots_way		*ways;
	int			 r, n, old = c->focus;

	if (s->npackages == 0)
		return APP_IGNORED;
	ways = xcalloc((size_t)lots_max_ways(s), sizeof *ways);
	r = app_list_key(c, s->npackages, kind, ch);
	n = lots_ways(s, c->focus, ways);
	if (r != APP_IGNORED) {
		/* A new package: start on its owner's column. */
		if (c->focus != old)
			c->column = lots_owner_way(a, c->focus, ways, n);
		goto out;
	}
	if (kind == KEY_CODE_YES && (ch == KEY_LEFT || ch == KEY_RIGHT)) {
		c->column += ch == KEY_LEFT ? -1 : 1;
		if (c->column < 0)
			c->column = 0;
		if (c->column >= n)
			c->column = n - 1;
		r = APP_HANDLED | APP_REDRAW;
		goto out;
	}
	if (kind != OK || (ch != '\n' && ch != 'n'))
		goto out;
	r = APP_HANDLED | APP_REDRAW;
	if (fr_readonly(a))
		goto out;
	if (ch == 'n')
		lots_negotiate(a, c->focus);
	else if (c->column < n && ways[c->column].supplier < 0)
		lots_internal_dialog(a, c->focus);
	else if (c->column < n)
		lots_offer_choose(a, c->focus, &ways[c->column]);
out:
	free(ways);
	return r;
}

static const char *
lots_subject(const struct app *a, const struct app_list *c)
{
	if (c->focus < 0 || c->focus >= a->scenario->npackages)
		return NULL;
	return a->scenario->packages[c->focus].name;
}

const struct fr_view fr_view_packages = {
	'l', N_("Lots"),
	N_("↑↓ lot · ←→ interne ou offre · Entrée : confier · n : négocier"),
	lots_draw, lots_key, lots_subject, false, "packages"
};
