/*
 * brief: builds the teams' view of a scenario (see brief.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scenario_check.h"
#include "io/brief.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void brief_add(struct brief *, enum brief_style, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
brief_add(struct brief *b, enum brief_style style, const char *fmt, ...)
{
	va_list	 ap;
	char	*text, *start, *nl;
	int	 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	text = xmalloc((size_t)(len < 0 ? 0 : len) + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
	va_end(ap);
	/* "\n" inside a scenario text starts a new paragraph. */
	for (start = text;; start = nl + 1) {
		nl = strchr(start, '\n');
		if (b->count == b->capacity) {
			b->capacity = b->capacity ? b->capacity * 2 : 64;
			b->lines = xreallocarray(b->lines, (size_t)b->capacity,
			    sizeof *b->lines);
		}
		b->lines[b->count].style = style;
		b->lines[b->count].text = nl ? xstrndup(start,
		    (size_t)(nl - start)) : xstrdup(start);
		b->count++;
		if (nl == NULL)
			break;
	}
	free(text);
}

static void
brief_heading(struct brief *b, const char *title)
{
	brief_add(b, BRIEF_BLANK, "%s", "");
	brief_add(b, BRIEF_HEADING, "%s", title);
}

static char *
brief_skills(const struct scenario *s, const int *skills, int n)
{
	char	*out = xstrdup(""), *next;
	int	 i;

	for (i = 0; i < n; i++) {
		next = xasprintf("%s%s%s", out, i ? ", " : "",
		    s->skills[skills[i]].label);
		free(out);
		out = next;
	}
	return out;
}

static void
brief_people(const struct scenario *s, struct brief *b)
{
	char	 money[TEXT_MONEY_MAX], *skills;
	int	 i, j;

	brief_heading(b, _("Équipe interne"));
	brief_add(b, BRIEF_TEXT, _("Entre crochets : l'identifiant à utiliser "
	    "dans les commandes (pilote do)."));
	for (i = 0; i < s->nstaff; i++) {
		const struct staff *p = &s->staff[i];

		skills = brief_skills(s, p->skills, p->nskills);
		/* The id, as « amenager membre=lea » needs it. */
		brief_add(b, BRIEF_ITEM, _("%s [%s], %s — %s/jour, %d j/semaine "
		    "sur le projet — %s"), p->name, p->id, p->title,
		    text_money(money, p->daily_cost), p->availability, skills);
		free(skills);
		for (j = 0; j < p->nneeds; j++)
			brief_add(b, BRIEF_SUBITEM, _("Besoin : %s. Aménagement "
			    "attendu (%s) : %s"), p->needs[j].need,
			    _(scenario_accommodation_labels[p->needs[j].kind]),
			    p->needs[j].detail);
	}
	brief_heading(b, _("Rôles à répartir entre les candidats"));
	for (i = 0; i < s->nroles; i++)
		brief_add(b, BRIEF_ITEM, "%s [%s]%s : %s", s->roles[i].label,
		    s->roles[i].id, s->roles[i].required ? "" :
		    _(" (facultatif)"), s->roles[i].missions);
}

static void
brief_packages(const struct scenario *s, struct brief *b)
{
	static const char *const modes[PACKAGE_MODE_COUNT] = {
	    N_("en interne"), N_("chez un prestataire"),
	    N_("en interne ou chez un prestataire") };
	char	 money[TEXT_MONEY_MAX], *skills, *after, *next;
	int	 i, j;

	brief_heading(b, _("Lots de travail et livrables"));
	for (i = 0; i < s->npackages; i++) {
		const struct package *p = &s->packages[i];

		skills = brief_skills(s, p->skills, p->nskills);
		after = xstrdup("");
		for (j = 0; j < p->nafter; j++) {
			next = xasprintf("%s%s%s", after, j ? ", " : "",
			    s->packages[p->after[j]].name);
			free(after);
			after = next;
		}
		brief_add(b, BRIEF_ITEM, _("%s [%s]%s — %d jours-personne (%s), "
		    "%s"), p->name, p->id, p->critical ? _(" (critique)") : "",
		    p->workload,
		    skills, _(modes[p->mode]));
		if (p->description[0] != '\0')
			brief_add(b, BRIEF_SUBITEM, "%s", p->description);
		if (p->nafter > 0)
			brief_add(b, BRIEF_SUBITEM, _("Après : %s"), after);
		if (p->due > 0)
			brief_add(b, BRIEF_SUBITEM, _("Échéance : S-%d (fin de "
			    "la semaine %d)"), p->due, s->weeks - p->due);
		if (p->fixed_cost > 0)
			brief_add(b, BRIEF_SUBITEM, _("Dépense fixe : %s (%s)"),
			    text_money(money, p->fixed_cost),
			    s->lines[p->line].label);
		if (p->accessibility)
			brief_add(b, BRIEF_SUBITEM, _("Concerné par "
			    "l'accessibilité"));
		free(skills);
		free(after);
	}
}

static void
brief_suppliers(const struct scenario *s, struct brief *b)
{
	char	 money[TEXT_MONEY_MAX];
	int	 i, j;

	brief_heading(b, _("Prestataires et offres"));
	for (i = 0; i < s->nsuppliers; i++) {
		const struct supplier *p = &s->suppliers[i];

		brief_add(b, BRIEF_ITEM, _("%s [%s] (%s) — fiabilité annoncée "
		    "%d %%, RSE %d %%%s%s"), p->name, p->id, p->trade,
		    p->reliability,
		    p->csr_score, p->csr_commitments[0] ? " : " : "",
		    p->csr_commitments);
		for (j = 0; j < p->noffers; j++) {
			const struct offer *o = &p->offers[j];

			brief_add(b, BRIEF_SUBITEM, _("%s : %s, %d semaine(s), "
			    "qualité %d %%, format : %s%s%s%s"),
			    s->packages[o->package].name,
			    text_money(money, o->price), o->lead, o->quality,
			    o->format, o->accessible ? _(", accessible") : "",
			    o->note[0] ? " — " : "", o->note);
		}
	}
}

static void
brief_tools(const struct scenario *s, struct brief *b)
{
	char	 one[TEXT_MONEY_MAX], week[TEXT_MONEY_MAX];
	int	 i;

	brief_heading(b, _("Outils proposés"));
	for (i = 0; i < s->ntools; i++) {
		const struct tool *t = &s->tools[i];

		brief_add(b, BRIEF_ITEM, _("%s [%s] (%s) — %s à l'achat, %s par "
		    "semaine%s%s%s"), t->name, t->id,
		    _(scenario_tool_category_labels[t->category]),
		    text_money(one, t->cost), text_money(week, t->weekly_cost),
		    t->accessible ? "" : _(", peu accessible"),
		    t->description[0] ? " — " : "", t->description);
	}
}

void
brief_build(const struct scenario *s, struct brief *b)
{
	char	 money[TEXT_MONEY_MAX], num[TEXT_MONEY_MAX];
	int	 i;

	memset(b, 0, sizeof *b);
	brief_add(b, BRIEF_TITLE, "%s", s->title);
	brief_add(b, BRIEF_TEXT, _("%s pour %s (marque %s%s%s)"),
	    _(scenario_project_type_labels[s->type]), s->client, s->brand,
	    s->sector[0] ? ", " : "", s->sector);
	brief_add(b, BRIEF_TEXT, _("Lancement dans %d semaines — tours de "
	    "%d minutes en classe"), s->weeks, s->turn_minutes);
	brief_heading(b, _("Le brief du client"));
	brief_add(b, BRIEF_TEXT, "%s", s->brief);
	if (s->nconstraints > 0) {
		brief_heading(b, _("Contraintes"));
		for (i = 0; i < s->nconstraints; i++)
			brief_add(b, BRIEF_ITEM, "%s", s->constraints[i]);
	}
	brief_heading(b, _("Objectifs"));
	for (i = 0; i < s->nobjectives; i++) {
		const struct objective *o = &s->objectives[i];

		brief_add(b, BRIEF_ITEM, _("%s : %s %s (poids %d %%)"),
		    o->label, text_thousands(num, o->target), o->unit,
		    o->weight);
	}
	brief_heading(b, _("Budget"));
	brief_add(b, BRIEF_TEXT, _("Enveloppe : %s. Réserve pour aléas "
	    "conseillée : de %d à %d %%."), text_money(money, s->envelope),
	    s->reserve_min, s->reserve_max);
	for (i = 0; i < s->nlines; i++)
		brief_add(b, BRIEF_ITEM, "%s", s->lines[i].label);
	brief_people(s, b);
	brief_packages(s, b);
	brief_suppliers(s, b);
	brief_tools(s, b);
	if (s->nstatus_points > 0) {
		brief_heading(b, _("Points de situation prévus"));
		for (i = 0; i < s->nstatus_points; i++)
			brief_add(b, BRIEF_ITEM, _("Semaine %d : %s (%d minutes "
			    "pour le rendre)"), s->status_points[i].week,
			    s->status_points[i].title,
			    s->status_points[i].deadline);
	}
}

void
brief_release(struct brief *b)
{
	int	 i;

	for (i = 0; i < b->count; i++)
		free(b->lines[i].text);
	free(b->lines);
	memset(b, 0, sizeof *b);
}
