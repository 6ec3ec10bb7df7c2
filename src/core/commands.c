/*
 * commands: every decision a team or the trainer can take, checked and
 * applied by one handler each.
 *
 * A handler reads its arguments from the event, checks them against the
 * state and, only when asked to apply, changes the state.  game_validate()
 * and game_apply() both call the same handler, so what was accepted is
 * exactly what is applied, and replaying the journal goes through the same
 * code as playing live.  Every text of a new decision first passes the text
 * rule (util/text.h), with the prose fields named in the table.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/game_internal.h"
#include "core/ledger.h"
#include "core/rng.h"
#include "util/i18n.h"
#include "util/text.h"

struct ctx {
	struct game		*g;	/* writable only when apply is true */
	const struct scenario	*s;
	const struct event	*e;
	struct team		*t;	/* the acting team, or NULL */
	int			 team;
	bool			 apply;
	/*
	 * A new decision (game_validate), not a journal line being replayed:
	 * a rule added after journals were first written is asked of new
	 * decisions only (need_why, need_someone), so that every journal
	 * still replays, as the text rule does (game_validate_journaled).
	 */
	bool			 decision;
	char			**cause;
};

typedef int (*handler)(struct ctx *);

#define FAIL(...) do {							\
	*c->cause = xasprintf(__VA_ARGS__);				\
	return -1;							\
} while (0)

static const char *
arg(const struct ctx *c, const char *key)
{
	return record_text(&c->e->data, key);
}

static int
need_text(struct ctx *c, const char *key, const char **out)
{
	*out = arg(c, key);
	if (*out == NULL || (*out)[0] == '\0') {
		*c->cause = xasprintf(_("il manque %s=…"), key);
		return -1;
	}
	return 0;
}

static int
need_int(struct ctx *c, const char *key, int64_t min, int64_t max,
    int64_t *out)
{
	char	 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];

	if (!record_int(&c->e->data, key, out)) {
		*c->cause = xasprintf(record_find(&c->e->data, key) == NULL ?
		    _("il manque %s=…") : _("%s doit être un nombre entier"),
		    key);
		return -1;
	}
	if (*out < min || *out > max) {
		*c->cause = xasprintf(_("%s=%lld hors limites (de %s à %s)"),
		    key, (long long)*out, text_thousands(a, min),
		    text_thousands(b, max));
		return -1;
	}
	return 0;
}

/* Looks an identifier up and explains a miss; what (a msgid) names the
 * kind of thing, translated only then. */
static int
need_ref(struct ctx *c, const char *key, int (*find)(const struct scenario *,
    const char *), const char *what, int *out)
{
	const char	*v;

	if (need_text(c, key, &v) == -1)
		return -1;
	if ((*out = find(c->s, v)) < 0)
		FAIL(_("%s « %s » inconnu(e) dans ce scénario"), _(what), v);
	return 0;
}

/* Sets *cause (when cause is not NULL) and returns -1. */
static int
refuse(char **cause, const char *fmt, ...)
{
	va_list	 ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

bool
game_justified(const char *why)
{
	if (why == NULL)
		return false;
	for (; *why != '\0'; why++)
		if (*why != ' ' && *why != '\t' && *why != '\n' && *why != '\r')
			return true;
	return false;
}

/* The justification (--why) a decision needs; refusal (a msgid, translated
 * only when it is given) says which. */
static int
need_why(struct ctx *c, const char *refusal)
{
	if (c->decision && !game_justified(c->e->why))
		FAIL("%s", _(refusal));
	return 0;
}

static bool
yes(const char *v)
{
	return v != NULL && (strcmp(v, "oui") == 0 || strcmp(v, "1") == 0 ||
	    strcmp(v, "vrai") == 0 || strcmp(v, "true") == 0);
}

static void
note_decision(struct ctx *c)
{
	struct team	*t = c->t;

	t->decisions = xgrow(t->decisions, (size_t)t->ndecisions,
	    sizeof *t->decisions);
	t->decisions[t->ndecisions++] = c->e->seq;
}

static int
in_framing_or_piloting(struct ctx *c)
{
	if (c->g->phase == PHASE_LAUNCHED)
		FAIL(_("le projet est lancé : la partie est terminée"));
	return 0;
}

/* --- team commands --- */

static int
cmd_tool(struct ctx *c)
{
	int	 tool;
	bool	 remove = yes(arg(c, "retirer"));

	if (in_framing_or_piloting(c) == -1 ||
	    need_ref(c, "outil", game_tool_index, N_("outil"), &tool) == -1)
		return -1;
	if (!remove && c->t->tools[tool])
		FAIL(_("l'outil %s est déjà choisi"), c->s->tools[tool].name);
	if (remove && !c->t->tools[tool])
		FAIL(_("l'outil %s n'est pas utilisé"), c->s->tools[tool].name);
	if (!c->apply)
		return 0;
	c->t->tools[tool] = !remove;
	c->t->tools_seq[tool] = remove ? 0 : c->e->seq;
	if (!remove) {
		c->t->lines[c->s->tools_line].actual += c->s->tools[tool].cost;
		c->t->setup_days += c->s->tools[tool].setup_days;
	}
	return 0;
}

static bool
staff_cover_skills(const struct scenario *s, const bool *staff, int p)
{
	const struct package	*pk = &s->packages[p];
	int			 i, j, k;
	bool			 found;

	for (i = 0; i < pk->nskills; i++) {
		found = false;
		for (j = 0; j < s->nstaff && !found; j++) {
			if (!staff[j])
				continue;
			for (k = 0; k < s->staff[j].nskills; k++)
				if (s->staff[j].skills[k] == pk->skills[i])
					found = true;
		}
		if (!found)
			return false;
	}
	return true;
}

/*
 * What was negotiated holds with that supplier and offer only: a package
 * handed to someone else loses its discount and the week off the lead (a
 * negative delay, which in house would block the work for ever).  Delays
 * from incidents stay.
 */
static void
forget_negotiation(struct ctx *c, int pkg, int old_supplier, int old_offer)
{
	struct package_state	*p = &c->t->packages[pkg];
	int64_t			 seqs[1] = { c->e->seq };

	if (p->owner == OWNER_SUPPLIER && p->supplier == old_supplier &&
	    p->offer == old_offer)
		return;
	if (p->discount == 0 && p->delay >= 0)
		return;
	if (old_supplier >= 0)
		game_explain(c->t, c->g->week, seqs, 1, N_("« %s » change de "
		    "responsable : ce qui avait été négocié avec %s (remise ou "
		    "délai) ne vaut plus"), c->s->packages[pkg].name,
		    c->s->suppliers[old_supplier].name);
	p->discount = 0;
	if (p->delay < 0)
		p->delay = 0;
}

static int
cmd_assign(struct ctx *c)
{
	const struct scenario	*s = c->s;
	struct package_state	*p;
	const char		*people = arg(c, "interne");
	const char		*supplier = arg(c, "prestataire");
	bool			*staff;
	char			*copy, *item, *save = NULL;
	int			 pkg, sup = -1, offer = -1, i, who;
	int			 old_supplier, old_offer;

	if (in_framing_or_piloting(c) == -1 ||
	    need_ref(c, "lot", game_package_index, N_("lot"), &pkg) == -1)
		return -1;
	p = &c->t->packages[pkg];
	old_supplier = p->owner == OWNER_SUPPLIER ? p->supplier : -1;
	old_offer = p->offer;
	if ((people == NULL) == (supplier == NULL))
		FAIL(_("attribuez le lot soit en interne (interne=PERSONNE,"
		    "PERSONNE), soit à un prestataire (prestataire=ID)"));
	if (p->status == PKG_DONE)
		FAIL(_("« %s » est déjà livré"), s->packages[pkg].name);
	if (p->owner == OWNER_SUPPLIER && p->ordered > 0)
		FAIL(_("« %s » est commandé à %s depuis la semaine %d : la "
		    "commande ne se reprend pas"), s->packages[pkg].name,
		    s->suppliers[p->supplier].name, p->ordered);
	if (supplier != NULL) {
		if (s->packages[pkg].mode == MODE_INTERNAL)
			FAIL(_("« %s » se fait en interne seulement"),
			    s->packages[pkg].name);
		if ((sup = game_supplier_index(s, supplier)) < 0)
			FAIL(_("prestataire « %s » inconnu"), supplier);
		for (i = 0; i < s->suppliers[sup].noffers; i++)
			if (s->suppliers[sup].offers[i].package == pkg)
				offer = i;
		if (offer < 0)
			FAIL(_("%s ne fait pas d'offre pour « %s »"),
			    s->suppliers[sup].name, s->packages[pkg].name);
		if (need_why(c, N_("le choix d'un prestataire se justifie : "
		    "ajoutez une justification (pourquoi cette offre)")) == -1)
			return -1;
		if (!c->apply)
			return 0;
		p->owner = OWNER_SUPPLIER;
		p->supplier = sup;
		p->offer = offer;
		memset(p->staff, 0, (size_t)s->nstaff * sizeof(bool));
		p->accessible_work = false;
	} else {
		if (s->packages[pkg].mode == MODE_EXTERNAL)
			FAIL(_("« %s » se fait chez un prestataire seulement"),
			    s->packages[pkg].name);
		staff = xcalloc((size_t)s->nstaff + 1, sizeof *staff);
		copy = xstrdup(people);
		for (item = strtok_r(copy, ",", &save); item != NULL;
		    item = strtok_r(NULL, ",", &save)) {
			while (*item == ' ')
				item++;
			if ((who = game_staff_index(s, item)) < 0) {
				*c->cause = xasprintf(_("personne « %s » "
				    "inconnue dans l'équipe interne"), item);
				free(copy);
				free(staff);
				return -1;
			}
			staff[who] = true;
		}
		free(copy);
		for (i = 0; i < s->nstaff && !staff[i]; i++)
			;
		if (i == s->nstaff && c->decision) {
			free(staff);
			FAIL(_("attribuez « %s » à une personne au moins de "
			    "l'équipe interne (interne=PERSONNE,PERSONNE)"),
			    s->packages[pkg].name);
		}
		if (!staff_cover_skills(s, staff, pkg)) {
			free(staff);
			FAIL(_("ces personnes n'ont pas toutes les compétences "
			    "de « %s »"), s->packages[pkg].name);
		}
		if (!c->apply) {
			free(staff);
			return 0;
		}
		p->owner = OWNER_INTERNAL;
		p->discount = 0;
		memcpy(p->staff, staff, (size_t)s->nstaff * sizeof(bool));
		free(staff);
		p->supplier = p->offer = SCENARIO_NONE;
		p->accessible_work = yes(arg(c, "accessibilite"));
	}
	p->assigned_seq = c->e->seq;
	forget_negotiation(c, pkg, old_supplier, old_offer);
	return 0;
}

static int
cmd_frame(struct ctx *c)
{
	static const char *const meetings[MEETING_FREQUENCY_COUNT] = {
	    "aucune", "mensuelle", "bimensuelle", "hebdomadaire" };
	struct supplier_state	*ss;
	const char		*m = arg(c, "reunions"), *format, *accept;
	int			 sup, freq, tool = SCENARIO_NONE;
	int64_t			 hours;

	if (in_framing_or_piloting(c) == -1 ||
	    need_ref(c, "prestataire", game_supplier_index, N_("prestataire"),
	    &sup) == -1 || need_text(c, "format", &format) == -1 ||
	    need_text(c, "recette", &accept) == -1 ||
	    need_int(c, "heures", 1, GAME_FRAME_HOURS_MAX, &hours) == -1)
		return -1;
	if (m == NULL || (freq = scenario_keyword(meetings,
	    MEETING_FREQUENCY_COUNT, m)) < 0)
		FAIL(_("reunions= hebdomadaire, bimensuelle, mensuelle ou "
		    "aucune"));
	if (arg(c, "outil") != NULL) {
		if ((tool = game_tool_index(c->s, arg(c, "outil"))) < 0)
			FAIL(_("outil « %s » inconnu"), arg(c, "outil"));
		if (!c->t->tools[tool])
			FAIL(_("choisissez d'abord l'outil %s pour l'équipe"),
			    c->s->tools[tool].name);
	}
	if (!c->apply)
		return 0;
	ss = &c->t->suppliers[sup];
	ss->meetings = (enum meeting_frequency)freq;
	ss->tool = tool;
	event_set(&ss->format, format);
	event_set(&ss->acceptance, accept);
	ss->hours = (int)hours;
	ss->framed = freq != MEETINGS_NONE;
	ss->framed_seq = c->e->seq;
	return 0;
}

/* A week given as "S-3", "5" or the integer 5; 0 if absent or invalid. */
static int
week_arg(struct ctx *c, const char *key)
{
	const char	*text = arg(c, key);
	int64_t		 n;

	if (text != NULL)
		return game_parse_week(c->s, text);
	if (!record_int(&c->e->data, key, &n) || n < 1 || n > c->s->weeks)
		return 0;
	return (int)n;
}

static int
cmd_plan(struct ctx *c)
{
	struct package_state	*p;
	int			 pkg, start, end;

	if (in_framing_or_piloting(c) == -1 ||
	    need_ref(c, "lot", game_package_index, N_("lot"), &pkg) == -1)
		return -1;
	start = week_arg(c, "debut");
	end = week_arg(c, "fin");
	if (start == 0 || end == 0)
		FAIL(_("semaines de 1 à %d, ou S-%d à S-0 (semaines avant le "
		    "lancement)"), c->s->weeks, c->s->weeks - 1);
	if (start > end)
		FAIL(_("le début (S-%d) est après la fin (S-%d)"),
		    c->s->weeks - start, c->s->weeks - end);
	p = &c->t->packages[pkg];
	if (p->status == PKG_DONE)
		FAIL(_("« %s » est déjà livré"), c->s->packages[pkg].name);
	if (c->g->phase == PHASE_PILOTING && p->started == 0 &&
	    start < c->g->week)
		FAIL(_("on ne planifie pas dans le passé : nous sommes en "
		    "semaine %d (S-%d)"), c->g->week, c->s->weeks - c->g->week);
	if (!c->apply)
		return 0;
	p->plan_start = start;
	p->plan_end = end;
	p->planned_seq = c->e->seq;
	return 0;
}

static int
cmd_reserve(struct ctx *c)
{
	int64_t	 euros, max;

	max = c->t->envelope * c->s->reserve_max / 100 / 100;
	if (in_framing_or_piloting(c) == -1 ||
	    need_int(c, "montant", 0, max, &euros) == -1)
		return -1;
	if (euros * 100 < c->t->reserve_used)
		FAIL(_("la réserve a déjà servi pour plus que cela"));
	if (c->apply)
		c->t->reserve = euros * 100;
	return 0;
}

/*
 * Drawing on the reserve spends it: the money goes from the reserve left to
 * a line (ligne=, else the scenario's line for unplanned costs), as an
 * unplanned cost paid from the reserve, so the margin does not move
 * (core/ledger.h).
 */
static int
cmd_use_reserve(struct ctx *c)
{
	struct budget_line_state *l;
	int64_t			 euros, seqs[1];
	int			 line;
	char			 left[TEXT_MONEY_MAX];

	if (c->g->phase != PHASE_PILOTING)
		FAIL(_("la réserve s'utilise pendant le pilotage"));
	if (need_int(c, "montant", 1, 100000000, &euros) == -1)
		return -1;
	if (euros * 100 > c->t->reserve - c->t->reserve_used)
		FAIL(_("il ne reste que %s dans la réserve"), text_money(left,
		    c->t->reserve - c->t->reserve_used));
	line = ledger_default_line(c->s);
	if (arg(c, "ligne") != NULL && need_ref(c, "ligne", game_line_index,
	    N_("ligne budgétaire"), &line) == -1)
		return -1;
	if (need_why(c, N_("l'usage de la réserve est un arbitrage : "
	    "justifiez-le")) == -1)
		return -1;
	if (!c->apply)
		return 0;
	l = &c->t->lines[line];
	l->actual += euros * 100;
	l->unplanned += euros * 100;
	l->drawn += euros * 100;
	c->t->reserve_used += euros * 100;
	seqs[0] = c->e->seq;
	game_explain(c->t, c->g->week, seqs, 1, N_("%s utilise %s de la réserve "
	    "sur « %s » : %s"), c->e->actor, text_money(left, euros * 100),
	    c->s->lines[line].label, c->e->why);
	return 0;
}

static int
cmd_accommodate(struct ctx *c)
{
	int64_t	 need;
	int	 who;

	if (in_framing_or_piloting(c) == -1 ||
	    need_ref(c, "membre", game_staff_index, N_("personne"), &who) == -1)
		return -1;
	if (c->s->staff[who].nneeds == 0)
		FAIL(_("%s n'a pas de besoin d'aménagement déclaré"),
		    c->s->staff[who].name);
	if (need_int(c, "besoin", 1, c->s->staff[who].nneeds, &need) == -1)
		return -1;
	if (c->t->staff[who].accommodated[need - 1])
		FAIL(_("cet aménagement est déjà en place"));
	if (!c->apply)
		return 0;
	c->t->staff[who].accommodated[need - 1] = true;
	c->t->staff[who].accommodated_seq[need - 1] = c->e->seq;
	c->t->lines[c->s->tools_line].actual +=
	    c->s->staff[who].needs[need - 1].cost;
	return 0;
}

static int
cmd_mission(struct ctx *c)
{
	const char	*who, *text;
	int		 role, cand;

	if (in_framing_or_piloting(c) == -1 ||
	    need_ref(c, "role", game_role_index, N_("rôle"), &role) == -1 ||
	    need_text(c, "candidat", &who) == -1 ||
	    need_text(c, "texte", &text) == -1)
		return -1;
	if ((cand = game_candidate_index(c->t, who)) < 0)
		FAIL(_("« %s » n'est pas dans l'équipe %s"), who, c->t->name);
	if (!c->apply)
		return 0;
	event_set(&c->t->missions[role], text);
	event_set(&c->t->mission_why[role], c->e->why);
	c->t->mission_holder[role] = cand;
	c->t->mission_seq[role] = c->e->seq;
	return 0;
}

int
game_answerable(const struct game *g, const struct team *t, int occ,
    int64_t time, char **cause)
{
	const struct occurrence	*o;

	if (g->phase != PHASE_PILOTING)
		return refuse(cause, _("les incidents se traitent pendant le "
		    "pilotage"));
	if (occ < 0 || occ >= t->noccurrences)
		return refuse(cause, t->noccurrences == 0 ? _("l'équipe n'a "
		    "reçu aucun incident") : _("incident n°%d inconnu : "
		    "l'équipe en a reçu %d"), occ + 1, t->noccurrences);
	o = &t->occurrences[occ];
	if (o->status == OCC_ANSWERED)
		return refuse(cause, _("l'incident %d a déjà été traité par %s "
		    "(événement %lld)"), occ + 1, o->answered_by ?
		    o->answered_by : "?", (long long)o->closed_seq);
	if (o->status == OCC_DEFAULTED ||
	    o->deadline <= game_effective_time(g, time))
		return refuse(cause, _("trop tard pour l'incident %d : le délai "
		    "de réponse est passé, la conséquence par défaut "
		    "s'applique"), occ + 1);
	return 0;
}

static int
cmd_answer(struct ctx *c)
{
	const struct incident	*inc;
	const char		*choice;
	int			 i, option = -1;
	int64_t			 n;

	if (c->g->phase != PHASE_PILOTING)
		FAIL(_("les incidents se traitent pendant le pilotage"));
	if (c->t->noccurrences == 0)
		FAIL(_("l'équipe n'a reçu aucun incident"));
	if (need_int(c, "incident", 1, c->t->noccurrences, &n) == -1 ||
	    game_answerable(c->g, c->t, (int)n - 1, c->e->time,
	    c->cause) == -1 || need_text(c, "option", &choice) == -1)
		return -1;
	inc = game_occurrence_incident(c->g, &c->t->occurrences[n - 1]);
	for (i = 0; i < inc->noptions; i++)
		if (strcmp(inc->options[i].id, choice) == 0)
			option = i;
	if (option < 0)
		FAIL(_("option « %s » inconnue pour « %s »"), choice,
		    inc->title);
	if (need_why(c, N_("une réponse à un incident se justifie : ajoutez "
	    "une justification (--why, pourquoi cette option) ; elle compte "
	    "comme preuve pour l'évaluation")) == -1)
		return -1;
	if (c->apply)
		game_resolve(c->g, c->team, (int)n - 1, option, c->e->seq,
		    c->e->actor, c->e->why);
	return 0;
}

int
game_negotiable(const struct game *g, const struct team *t, int pkg,
    char **cause)
{
	const struct scenario		*s = g->scenario;
	const struct package_state	*p = &t->packages[pkg];

	if (g->phase == PHASE_LAUNCHED)
		return refuse(cause, _("le projet est lancé : la partie est "
		    "terminée"));
	if (p->owner != OWNER_SUPPLIER)
		return refuse(cause, _("« %s » n'est pas confié à un "
		    "prestataire"), s->packages[pkg].name);
	if (p->status == PKG_DONE)
		return refuse(cause, _("« %s » est déjà livré"),
		    s->packages[pkg].name);
	if (p->negotiated)
		return refuse(cause, _("« %s » a déjà été négocié : on ne "
		    "renégocie pas"), s->packages[pkg].name);
	return 0;
}

/*
 * Negotiating with a supplier: one fair draw per package and week; even
 * odds, better when the relationship is framed, worse with a supplier whose
 * CSR score is low (it has less room).  Success takes 10 % off the price or
 * a week off the lead time; failure strains the relationship.
 */
static int
cmd_negotiate(struct ctx *c)
{
	const struct scenario	*s = c->s;
	struct package_state	*p;
	const char		*what;
	int			 pkg, chance, draw;
	bool			 price;
	int64_t			 seqs[2];
	char			 money[TEXT_MONEY_MAX];

	if (need_ref(c, "lot", game_package_index, N_("lot"), &pkg) == -1 ||
	    game_negotiable(c->g, c->t, pkg, c->cause) == -1 ||
	    need_text(c, "objet", &what) == -1)
		return -1;
	if (strcmp(what, "prix") != 0 && strcmp(what, "delai") != 0)
		FAIL(_("objet=prix ou objet=delai"));
	price = strcmp(what, "prix") == 0;
	p = &c->t->packages[pkg];
	if (!price && p->ordered > 0 && p->due <= c->g->week + 1)
		FAIL(_("« %s » est attendu cette semaine ou la suivante : trop "
		    "tard pour gagner une semaine"), s->packages[pkg].name);
	if (!c->apply)
		return 0;
	p->negotiated = true;
	chance = 50 + (c->t->suppliers[p->supplier].framed ? 15 : 0) -
	    (s->suppliers[p->supplier].csr_score < 40 ? 10 : 0);
	draw = game_draw(c->g, c->t, c->g->week, RNG_NEGOTIATION, pkg, 100);
	seqs[0] = c->e->seq;
	seqs[1] = c->t->suppliers[p->supplier].framed_seq;
	if (draw >= chance) {
		c->t->suppliers[p->supplier].reliability_delta -= 5;
		game_explain(c->t, c->g->week, seqs, 2, N_("négociation avec %s "
		    "sur « %s » refusée (chances %d %%, tirage %d) : la "
		    "relation se tend, fiabilité -5"),
		    s->suppliers[p->supplier].name, s->packages[pkg].name,
		    chance, draw);
		return 0;
	}
	if (price) {
		p->discount = s->suppliers[p->supplier].offers[p->offer].price /
		    10;
		/* Ordered already: the order's amount goes down with it. */
		if (p->ordered > 0)
			c->t->lines[s->packages[pkg].line].committed -=
			    p->discount;
		game_explain(c->t, c->g->week, seqs, 2, N_("négociation réussie "
		    "avec %s : %s de remise sur « %s » (chances %d %%, tirage "
		    "%d)"), s->suppliers[p->supplier].name, text_money(money,
		    p->discount), s->packages[pkg].name, chance, draw);
	} else {
		if (p->ordered > 0 && p->due > c->g->week + 1)
			p->due--;
		else if (p->ordered == 0)
			p->delay--;
		game_explain(c->t, c->g->week, seqs, 2, N_("négociation réussie "
		    "avec %s : « %s » livré une semaine plus tôt (chances %d %%, "
		    "tirage %d)"), s->suppliers[p->supplier].name,
		    s->packages[pkg].name, chance, draw);
	}
	return 0;
}

static int
count_words(const char *s)
{
	int	 n = 0;
	bool	 in = false;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			in = false;
		} else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

int
game_injectable(const struct game *g, char **cause)
{
	if (g->phase != PHASE_PILOTING)
		return refuse(cause, _("les incidents s'injectent pendant le "
		    "pilotage"));
	return 0;
}

int64_t
game_point_limit(const struct team *t, int req, const char *submitter)
{
	const struct status_request	*r = &t->requests[req];
	int				 who = submitter != NULL ?
					    game_candidate_index(t, submitter) : -1;
	int				 extra = who >= 0 ?
					    t->candidates[who].extra_time : 0;

	return r->requested_time + (int64_t)r->deadline_minutes * 60000 *
	    (100 + extra) / 100;
}

int
game_planned_point_due(const struct game *g)
{
	const struct scenario	*s = g->scenario;
	int			 k, i, j, asked;

	if (g->phase != PHASE_PILOTING)
		return -1;
	for (k = 0; k < s->nstatus_points; k++) {
		if (s->status_points[k].week <= 0 ||
		    s->status_points[k].week > g->week)
			continue;
		for (i = asked = 0; i < g->nteams; i++)
			for (j = 0; j < g->teams[i].nrequests; j++)
				if (g->teams[i].requests[j].point == k) {
					asked++;
					break;
				}
		if (asked < g->nteams)
			return k;
	}
	return -1;
}

int
game_point_open(const struct game *g, const struct team *t, int req,
    char **cause)
{
	if (g->phase == PHASE_LAUNCHED)
		return refuse(cause, _("le projet est lancé : les points de "
		    "situation sont clos"));
	if (req < 0 || req >= t->nrequests)
		return refuse(cause, _("aucun point de situation n°%d n'a été "
		    "demandé à l'équipe"), req + 1);
	if (t->requests[req].submitted)
		return refuse(cause, _("ce point de situation a déjà été rendu "
		    "(événement %lld)"),
		    (long long)t->requests[req].submitted_seq);
	return 0;
}

static int
cmd_status_point(struct ctx *c)
{
	struct status_request	*r;
	const char		*risks, *arb, *track, *authors, *p;
	char			*copy, *item, *save = NULL;
	int64_t			 n = 0, now, limit;
	int			 extra, who;
	bool			 listed;

	if (c->g->phase != PHASE_LAUNCHED) {
		if (c->t->nrequests == 0)
			FAIL(_("aucun point de situation n'a été demandé à "
			    "l'équipe"));
		if (need_int(c, "point", 1, c->t->nrequests, &n) == -1)
			return -1;
	}
	if (game_point_open(c->g, c->t, (int)n - 1, c->cause) == -1)
		return -1;
	r = &c->t->requests[n - 1];
	risks = arg(c, "risques");
	arb = arg(c, "arbitrages");
	track = arg(c, "suivi");
	if (risks == NULL || arb == NULL || track == NULL)
		FAIL(_("un point de situation a trois parties : risques=…, "
		    "arbitrages=…, suivi=…"));
	authors = arg(c, "auteurs") != NULL ? arg(c, "auteurs") : c->e->actor;
	/* Every listed author is a candidate; the submitter is one of them
	 * (added if not listed). */
	listed = false;
	copy = xstrdup(authors);
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		for (p = item; *p == ' '; p++)
			;
		if (game_candidate_index(c->t, p) < 0) {
			*c->cause = xasprintf(_("« %s » n'est pas dans l'équipe"),
			    p);
			free(copy);
			return -1;
		}
		if (strcmp(p, c->e->actor) == 0)
			listed = true;
	}
	free(copy);
	if (!c->apply)
		return 0;
	/* Extra time (an accommodation) is the submitter's own: a co-author's
	 * does not transfer to whoever hands the point in. */
	who = game_candidate_index(c->t, c->e->actor);
	extra = who >= 0 ? c->t->candidates[who].extra_time : 0;
	now = game_effective_time(c->g, c->e->time);
	limit = game_point_limit(c->t, (int)n - 1, c->e->actor);
	r->submitted = true;
	r->risks = xstrdup(risks);
	r->arbitrations = xstrdup(arb);
	r->tracking = xstrdup(track);
	r->authors = listed ? xstrdup(authors) :
	    xasprintf("%s,%s", c->e->actor, authors);
	r->submitter = xstrdup(c->e->actor);
	r->extra_time = extra;
	r->limit_time = limit;
	r->submitted_seq = c->e->seq;
	r->submitted_time = now;
	r->late = now > limit;
	r->max_words = r->point >= 0 ?
	    c->s->status_points[r->point].max_words : 0;
	r->words = count_words(risks) + count_words(arb) + count_words(track);
	game_point_judge(c->g, c->t, r);
	return 0;
}

/* --- trainer commands --- */

static int
target_teams(struct ctx *c, int *first, int *last)
{
	const char	*name = arg(c, "equipe");
	int		 i;

	if (name == NULL || strcmp(name, "toutes") == 0) {
		*first = 0;
		*last = c->g->nteams - 1;
		return 0;
	}
	if ((i = game_team_index(c->g, name)) < 0)
		FAIL(_("équipe « %s » inconnue"), name);
	*first = *last = i;
	return 0;
}

static int
cmd_open_piloting(struct ctx *c)
{
	struct plan_issues	 pi;
	int			 i, j;
	size_t			 len, n;
	char			*joined;

	if (c->g->phase != PHASE_FRAMING)
		FAIL(_("le pilotage est déjà ouvert"));
	if (!c->apply)
		return 0;
	/* What a planning tool shows at this moment is evidence (E3). */
	for (i = 0; i < c->g->nteams; i++) {
		struct team *t = &c->g->teams[i];

		game_plan_issues(c->g, t, &pi);
		t->framing_issues = pi.count;
		t->framing_seq = c->e->seq;
		/* Measured, then copied once: a linear join. */
		for (j = 0, len = 1; j < pi.count; j++)
			len += strlen(pi.items[j]) + 3;
		joined = xmalloc(len);
		for (j = 0, len = 0; j < pi.count; j++) {
			n = strlen(pi.items[j]);
			if (j > 0) {
				memcpy(joined + len, " ; ", 3);
				len += 3;
			}
			memcpy(joined + len, pi.items[j], n);
			len += n;
		}
		joined[len] = '\0';
		free(t->framing_summary);
		t->framing_summary = joined;
		game_plan_issues_release(&pi);
	}
	c->g->phase = PHASE_PILOTING;
	c->g->week = 1;
	for (i = 0; i < c->g->nteams; i++)
		game_fire_week(c->g, i, 1, c->e->seq, c->e->time);
	return 0;
}

static int
cmd_close_week(struct ctx *c)
{
	if (c->g->phase != PHASE_PILOTING)
		FAIL(c->g->phase == PHASE_FRAMING ? _("ouvrez d'abord le "
		    "pilotage (ouvrir_pilotage)") : _("le projet est déjà "
		    "lancé"));
	if (c->apply)
		game_close_week(c->g, c->e->seq, c->e->time);
	return 0;
}

static int
cmd_inject(struct ctx *c)
{
	struct incident	*adhoc = NULL;
	int		 first, last, i, inc = -1;

	if (game_injectable(c->g, c->cause) == -1)
		return -1;
	if (target_teams(c, &first, &last) == -1)
		return -1;
	if (arg(c, "incident") != NULL) {
		if ((inc = game_incident_index(c->s, arg(c, "incident"))) < 0)
			FAIL(_("incident « %s » absent du catalogue du "
			    "scénario"), arg(c, "incident"));
	} else {
		if ((adhoc = game_adhoc_parse(c->s, &c->e->data, c->cause)) ==
		    NULL)
			return -1;
		if (!c->apply) {
			game_adhoc_free(adhoc);
			return 0;
		}
	}
	if (!c->apply)
		return 0;
	for (i = first; i <= last; i++)
		game_fire(c->g, i, inc, i == first ? adhoc :
		    adhoc != NULL ? game_adhoc_parse(c->s, &c->e->data,
		    c->cause) : NULL, c->g->week, c->e->seq, c->e->time,
		    later_new(N_("injecté par le formateur")));
	return 0;
}

static int
cmd_request_point(struct ctx *c)
{
	struct status_request	*r;
	const struct status_point *sp = NULL;
	const char		*title = arg(c, "titre");
	int			 first, last, i, point = -1;
	int64_t			 minutes;

	if (c->g->phase != PHASE_PILOTING)
		FAIL(_("les points de situation se demandent pendant le "
		    "pilotage"));
	if (target_teams(c, &first, &last) == -1)
		return -1;
	if (arg(c, "point") != NULL) {
		if ((point = game_status_point_index(c->s, arg(c, "point"))) < 0)
			FAIL(_("point de situation « %s » inconnu du scénario"),
			    arg(c, "point"));
		sp = &c->s->status_points[point];
	} else if (title == NULL)
		FAIL(_("donnez point=ID (prévu par le scénario) ou titre=…"));
	minutes = sp != NULL ? sp->deadline : 20;
	if (record_find(&c->e->data, "delai") != NULL &&
	    need_int(c, "delai", 1, 240, &minutes) == -1)
		return -1;
	if (!c->apply)
		return 0;
	for (i = first; i <= last; i++) {
		struct team *t = &c->g->teams[i];

		t->requests = xgrow(t->requests, (size_t)t->nrequests,
		    sizeof *t->requests);
		r = &t->requests[t->nrequests++];
		memset(r, 0, sizeof *r);
		r->point = point;
		r->title = xstrdup(sp != NULL ? sp->title : title);
		r->prompt = xstrdup(arg(c, "consigne") != NULL ?
		    arg(c, "consigne") : sp != NULL ? sp->prompt : "");
		r->deadline_minutes = (int)minutes;
		r->requested_seq = c->e->seq;
		r->requested_time = game_effective_time(c->g, c->e->time);
	}
	return 0;
}

static void
add_message(struct message **list, int *n, int64_t seq, const char *from,
    const char *text, const char *about)
{
	struct message	*m;

	*list = xreallocarray(*list, (size_t)*n + 1, sizeof **list);
	m = &(*list)[(*n)++];
	m->seq = seq;
	m->from = xstrdup(from);
	m->text = xstrdup(text);
	m->about = about != NULL ? xstrdup(about) : NULL;
}

static int
cmd_message(struct ctx *c)
{
	const char	*text;
	int		 first, last, i;

	if (need_text(c, "texte", &text) == -1 ||
	    target_teams(c, &first, &last) == -1)
		return -1;
	if (!c->apply)
		return 0;
	if (arg(c, "equipe") == NULL || strcmp(arg(c, "equipe"), "toutes") == 0)
		add_message(&c->g->broadcasts, &c->g->nbroadcasts, c->e->seq,
		    c->e->actor, text, NULL);
	else
		for (i = first; i <= last; i++)
			add_message(&c->g->teams[i].messages,
			    &c->g->teams[i].nmessages, c->e->seq, c->e->actor,
			    text, NULL);
	return 0;
}

static int
cmd_note(struct ctx *c)
{
	const char	*text, *who = arg(c, "candidat"), *team = arg(c, "equipe");
	int		 i;

	if (need_text(c, "texte", &text) == -1)
		return -1;
	if (team == NULL || (i = game_team_index(c->g, team)) < 0)
		FAIL(_("une note porte sur une équipe : equipe=NOM"));
	if (who != NULL && game_candidate_index(&c->g->teams[i], who) < 0)
		FAIL(_("« %s » n'est pas dans l'équipe %s"), who, team);
	if (c->apply)
		add_message(&c->g->teams[i].notes, &c->g->teams[i].nnotes,
		    c->e->seq, c->e->actor, text, who);
	return 0;
}

static int
cmd_pause(struct ctx *c)
{
	if (c->g->paused)
		FAIL(_("le chronomètre est déjà en pause"));
	if (c->apply) {
		c->g->paused = true;
		c->g->paused_since = c->e->time;
	}
	return 0;
}

static int
cmd_resume(struct ctx *c)
{
	if (!c->g->paused)
		FAIL(_("le chronomètre n'est pas en pause"));
	if (c->apply) {
		c->g->paused_total += c->e->time > c->g->paused_since ?
		    c->e->time - c->g->paused_since : 0;
		c->g->paused = false;
	}
	return 0;
}

/* --- the table --- */

struct command {
	struct game_command_info	 info;
	handler				 run;
	/* The data fields that are prose and may hold several lines
	   (space-separated keys); every other text is one line. */
	const char			*prose;
	/* Made during piloting, it corrects the course (C14's evidence of
	   corrective action, core/indicators.c). */
	bool				 corrects;
};

/*
 * The session's last line: the game is over, and the seed the draws came
 * from is revealed so that anyone can check them against its commitment
 * in the header.  Nothing is added after it.
 */
static int
cmd_seal(struct ctx *c)
{
	const char	*salt;
	int64_t		 seed;

	if (c->g->phase != PHASE_LAUNCHED)
		FAIL(_("la session ne se scelle qu'une fois la partie "
		    "terminée"));
	if (need_int(c, "graine", 0, INT64_MAX, &seed) == -1 ||
	    need_text(c, "sel", &salt) == -1)
		return -1;
	if (strlen(salt) != 64 || strspn(salt, "0123456789abcdef") != 64)
		FAIL(_("sel=… : 64 chiffres hexadécimaux attendus"));
	if (!c->apply)
		return 0;
	c->g->sealed = true;
	c->g->sealed_seq = c->e->seq;
	game_set_seed(c->g, (uint64_t)seed);
	return 0;
}

/*
 * Who may send each command (trainer) and whose consoles receive it once
 * journaled (seen_by): read by the engine, `pilote do` and the host alike.
 */
static const struct command commands[] = {
	{ { "outil", false, GAME_SEEN_BY_TEAM, "outil=ID [retirer=oui]",
	    N_("choisir (ou retirer) un outil pour l'équipe") },
	    cmd_tool, NULL, false },
	{ { "attribuer", false, GAME_SEEN_BY_TEAM,
	    "lot=ID interne=PERS,PERS [accessibilite=oui] | lot=ID prestataire=ID",
	    N_("confier un lot à des personnes de l'équipe ou à l'offre d'un "
	    "prestataire (justification exigée pour un prestataire)") },
	    cmd_assign, NULL, true },
	{ { "cadrer", false, GAME_SEEN_BY_TEAM,
	    "prestataire=ID reunions=hebdomadaire|bimensuelle|mensuelle|"
	    "aucune format=TEXTE recette=TEXTE heures=N [outil=ID]",
	    N_("cadrer la relation avec un prestataire") }, cmd_frame, NULL, false },
	{ { "planifier", false, GAME_SEEN_BY_TEAM, "lot=ID debut=S-N fin=S-N",
	    N_("placer un lot sur le rétroplanning (S-n : semaines avant le "
	    "lancement, ou numéro de semaine)") }, cmd_plan, NULL, true },
	{ { "reserve", false, GAME_SEEN_BY_TEAM, "montant=EUROS",
	    N_("fixer la réserve pour aléas") }, cmd_reserve, NULL, false },
	{ { "utiliser_reserve", false, GAME_SEEN_BY_TEAM,
	    "montant=EUROS [ligne=ID]",
	    N_("puiser dans la réserve (arbitrage justifié)") },
	    cmd_use_reserve, NULL, true },
	{ { "amenager", false, GAME_SEEN_BY_TEAM, "membre=ID besoin=N",
	    N_("mettre en place l'aménagement attendu pour le besoin n°N "
	    "d'une personne") }, cmd_accommodate, NULL, false },
	{ { "mission", false, GAME_SEEN_BY_TEAM,
	    "role=ID candidat=NOM texte=MISSIONS",
	    N_("confier un rôle et ses missions à un candidat") },
	    cmd_mission, "texte", false },
	{ { "negocier", false, GAME_SEEN_BY_TEAM, "lot=ID objet=prix|delai",
	    N_("négocier avec le prestataire d'un lot (une fois par lot)") },
	    cmd_negotiate, NULL, true },
	{ { "repondre", false, GAME_SEEN_BY_TEAM, "incident=N option=ID",
	    N_("répondre à l'incident n°N de l'équipe (justification "
	    "exigée)") }, cmd_answer, NULL, false },
	{ { "point", false, GAME_SEEN_BY_TEAM,
	    "point=N risques=TEXTE arbitrages=TEXTE suivi=TEXTE "
	    "[auteurs=NOM,NOM]",
	    N_("rendre le point de situation n°N") },
	    cmd_status_point, "risques arbitrages suivi", false },
	{ { "ouvrir_pilotage", true, GAME_SEEN_BY_ALL, "",
	    N_("clore le cadrage et ouvrir la semaine 1") },
	    cmd_open_piloting, NULL, false },
	{ { "cloturer_semaine", true, GAME_SEEN_BY_ALL, "",
	    N_("clore la semaine : la simulation avance pour toutes les "
	    "équipes") }, cmd_close_week, NULL, false },
	{ { "injecter", true, GAME_SEEN_BY_EQUIPE,
	    "incident=ID [equipe=NOM] | titre=… texte=… "
	    "option1=\"Libellé : effets\" option2=… defaut=\"Texte : effets\" "
	    "[categorie=…] [delai=MIN] [equipe=NOM]",
	    N_("injecter un incident du catalogue ou écrit sur le moment") },
	    cmd_inject, "texte", false },
	{ { "demander_point", true, GAME_SEEN_BY_EQUIPE,
	    "point=ID | titre=… [consigne=…] [delai=MIN] [equipe=NOM]",
	    N_("demander un point de situation avec une échéance") },
	    cmd_request_point, "consigne", false },
	{ { "message", true, GAME_SEEN_BY_EQUIPE, "texte=… [equipe=NOM]",
	    N_("envoyer un message à une équipe ou à toutes") },
	    cmd_message, "texte", false },
	{ { "note", true, GAME_SEEN_BY_NOBODY,
	    "equipe=NOM [candidat=NOM] texte=…",
	    N_("noter une observation sur une équipe ou un candidat") },
	    cmd_note, "texte", false },
	{ { "sceller", true, GAME_SEEN_BY_ALL, "graine=N sel=HEX",
	    N_("clore la session et révéler la graine des tirages (l'hôte "
	    "le fait seul à la fin)") }, cmd_seal, NULL, false },
	{ { "pause", true, GAME_SEEN_BY_ALL, "",
	    N_("arrêter le chronomètre") }, cmd_pause, NULL, false },
	{ { "reprendre", true, GAME_SEEN_BY_ALL, "",
	    N_("relancer le chronomètre") }, cmd_resume, NULL, false },
};

#define NCOMMANDS	((int)(sizeof commands / sizeof commands[0]))

const int game_ncommands = NCOMMANDS;

static const struct command *
command_find(const char *name)
{
	int	 i;

	for (i = 0; i < NCOMMANDS; i++)
		if (name != NULL && strcmp(commands[i].info.name, name) == 0)
			return &commands[i];
	return NULL;
}

const struct game_command_info *
game_command_info(int i)
{
	return i >= 0 && i < NCOMMANDS ? &commands[i].info : NULL;
}

const struct game_command_info *
game_command_lookup(const char *name)
{
	const struct command	*cmd = command_find(name);

	return cmd != NULL ? &cmd->info : NULL;
}

/*
 * Who may act, checked once for the engine, `pilote do` and the session
 * host: a trainer command comes from the trainer; a team command from a
 * candidate of the team, typed by that candidate or by the assistant
 * declared for them at the session's creation (nobody else can sign for a
 * candidate).  0, or -1 and a French *cause.
 */
int
game_validate_author(const struct game *g, const struct event *e,
    char **cause)
{
	const struct command	*cmd = command_find(e->type);
	const struct candidate	*cd;
	int			 team, cand;

	*cause = NULL;
	if (cmd == NULL) {
		*cause = xasprintf(_("commande « %s » inconnue (pilote do "
		    "--help les liste)"), e->type ? e->type : "");
		return -1;
	}
	if (g->sealed) {
		*cause = xasprintf(_("la session est close et scellée "
		    "(événement %lld) : plus rien ne s'y ajoute"),
		    (long long)g->sealed_seq);
		return -1;
	}
	if (cmd->info.trainer) {
		if (e->actor == NULL || strcmp(e->actor, GAME_TRAINER) != 0) {
			*cause = xasprintf(_("« %s » est une commande du "
			    "formateur"), cmd->info.name);
			return -1;
		}
		if (e->by != NULL) {
			*cause = xasprintf(_("« %s » ne saisit pas pour le "
			    "formateur : seul un candidat peut avoir un "
			    "assistant déclaré"), e->by);
			return -1;
		}
		return 0;
	}
	if ((team = game_team_index(g, e->team)) < 0) {
		*cause = xasprintf(_("équipe « %s » inconnue"),
		    e->team ? e->team : "");
		return -1;
	}
	if ((cand = game_candidate_index(&g->teams[team], e->actor)) < 0) {
		*cause = xasprintf(_("« %s » n'est pas candidat de l'équipe %s"),
		    e->actor ? e->actor : "", g->teams[team].name);
		return -1;
	}
	cd = &g->teams[team].candidates[cand];
	if (e->by != NULL && cd->assistant == NULL) {
		*cause = xasprintf(_("« %s » ne peut pas saisir pour %s : aucun "
		    "assistant n'a été déclaré pour ce candidat"), e->by,
		    cd->name);
		return -1;
	}
	if (e->by != NULL && strcmp(e->by, cd->assistant) != 0) {
		*cause = xasprintf(_("« %s » ne peut pas saisir pour %s : son "
		    "assistant déclaré est %s"), e->by, cd->name,
		    cd->assistant);
		return -1;
	}
	return 0;
}

/* Shared by validate and apply: who may act, then the command's rules. */
static int
command_run(struct game *g, const struct event *e, bool apply, bool decision,
    char **cause)
{
	const struct command	*cmd = command_find(e->type);
	struct ctx		 c;

	if (game_validate_author(g, e, cause) == -1)
		return -1;
	memset(&c, 0, sizeof c);
	c.g = g;
	c.s = g->scenario;
	c.e = e;
	c.apply = apply;
	c.decision = decision;
	c.cause = cause;
	c.team = cmd->info.trainer ? -1 : game_team_index(g, e->team);
	c.t = c.team >= 0 ? &g->teams[c.team] : NULL;
	if (cmd->run(&c) == -1)
		return -1;
	if (apply && c.t != NULL) {
		note_decision(&c);
		if (cmd->corrects && g->phase == PHASE_PILOTING) {
			c.t->corrections = xgrow(c.t->corrections,
			    (size_t)c.t->ncorrections,
			    sizeof *c.t->corrections);
			c.t->corrections[c.t->ncorrections++] = e->seq;
		}
	}
	return 0;
}

/* Whether key is one of the command's prose fields. */
static bool
command_prose(const struct command *cmd, const char *key)
{
	const char	*p = cmd != NULL ? cmd->prose : NULL;
	size_t		 n = strlen(key);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
		p = strchr(p, ' ');
		if (p != NULL)
			p++;
	}
	return false;
}

/*
 * One text of the event against the rule.  What names it in the cause (the
 * msgid label, or the data field key) is only translated and formatted
 * when the text is refused: every decision passes here, almost all clean.
 */
static int
check_text(const char *text, bool multiline, const char *label,
    const char *key, char **cause)
{
	char	*why = text_check(text, multiline), *what;

	if (why == NULL)
		return 0;
	what = key != NULL ? xasprintf(_("« %s=… »"), key) : xstrdup(_(label));
	*cause = xasprintf("%s : %s", what, why);
	free(what);
	free(why);
	return -1;
}

int
game_check_texts(const struct event *e, char **cause)
{
	const struct command	*cmd = command_find(e->type);
	const struct field	*f;
	char			*key;
	int			 i;

	*cause = NULL;
	if (check_text(e->type, false, N_("la commande"), NULL, cause) == -1 ||
	    check_text(e->team, false, N_("l'équipe (--team)"), NULL,
	    cause) == -1 ||
	    check_text(e->actor, false, N_("le candidat (--as)"), NULL,
	    cause) == -1 ||
	    check_text(e->by, false, N_("« saisi par » (--by)"), NULL,
	    cause) == -1 ||
	    check_text(e->why, true, N_("la justification (--why)"), NULL,
	    cause) == -1 ||
	    check_text(e->cmd, false, N_("l'identifiant de commande"), NULL,
	    cause) == -1)
		return -1;
	for (i = 0; i < e->data.count; i++) {
		f = &e->data.fields[i];
		/* Keys become JSON member names: identifiers only. */
		if (!text_is_id(f->key)) {
			key = text_sanitize(f->key, strlen(f->key), false);
			*cause = xasprintf(_("argument « %s=… » : un nom "
			    "d'argument s'écrit en minuscules sans accent "
			    "(lettres, chiffres, _ et -, 32 au plus)"), key);
			free(key);
			return -1;
		}
		if (f->text != NULL && check_text(f->text,
		    command_prose(cmd, f->key), NULL, f->key,
		    cause) == -1)
			return -1;
	}
	return 0;
}

int
game_validate(const struct game *g, const struct event *e, char **cause)
{
	if (game_check_texts(e, cause) == -1)
		return -1;
	/* See game_validate_journaled() for the cast. */
	return command_run((struct game *)(uintptr_t)g, e, false, true,
	    cause);
}

int
game_validate_journaled(const struct game *g, const struct event *e,
    char **cause)
{
	/*
	 * The handlers only write when apply is true; the cast lets both
	 * paths share them (through uintptr_t, which -Wcast-qual accepts).
	 */
	return command_run((struct game *)(uintptr_t)g, e, false, false,
	    cause);
}

/*
 * With PILOTE_CHECK_INVARIANTS (the sanitized build), every applied event
 * is followed by the invariants' check, and the first one broken stops the
 * program (what broke is in game_invariant_broken, for a debugger).
 */
#ifdef PILOTE_CHECK_INVARIANTS
char	game_invariant_broken[512];

static void
game_assert_invariants(const struct game *g)
{
	if (!game_check_invariants(g, game_invariant_broken,
	    sizeof game_invariant_broken))
		abort();
}
#else
#define game_assert_invariants(g)	((void)(g))
#endif

void
game_tick(struct game *g, int64_t seq, int64_t time)
{
	g->last_seq = seq;
	if (time > g->last_time)
		g->last_time = time;
	if (g->phase == PHASE_PILOTING)
		game_expire(g, game_effective_time(g, g->last_time), seq);
	game_ledger_watch(g, seq);
	game_assert_invariants(g);
}

/* Whether a deadline passes by effective time now (piloting): the
 * defaults game_apply_plain() applies before the decision. */
static bool
deadline_passes(const struct game *g, int64_t now)
{
	int	 i, j;

	if (g->phase != PHASE_PILOTING)
		return false;
	for (i = 0; i < g->nteams; i++)
		for (j = 0; j < g->teams[i].noccurrences; j++)
			if (g->teams[i].occurrences[j].status == OCC_OPEN &&
			    g->teams[i].occurrences[j].deadline <= now)
				return true;
	return false;
}

int
game_apply_new(struct game *g, const struct event *e, char **cause)
{
	const struct command	*cmd;
	int64_t			 seq = g->last_seq, time = g->last_time;

	*cause = NULL;
	if (deadline_passes(g, game_effective_time(g, e->time > g->last_time ?
	    e->time : g->last_time)))
		return 1;
	g->last_seq = e->seq;
	if (e->time > g->last_time)
		g->last_time = e->time;
	/*
	 * The state is the one game_validate() would see (no default came
	 * first), and handlers check everything before they write: a refusal
	 * leaves it as it was, but for the clock put back here.
	 */
	if (command_run(g, e, true, true, cause) == -1) {
		g->last_seq = seq;
		g->last_time = time;
		return -1;
	}
	/* No default was applied: a team's decision changed its team only
	 * (the trainer's may change every team, the week or the phase). */
	cmd = command_find(e->type);
	game_ledger_watch_team(g, e->seq, cmd == NULL || cmd->info.trainer ?
	    -1 : game_team_index(g, e->team));
	game_assert_invariants(g);
	return 0;
}

void
game_apply_plain(struct game *g, const struct event *e)
{
	char	*cause = NULL;
	int64_t	 now;

	g->last_seq = e->seq;
	if (e->time > g->last_time)
		g->last_time = e->time;
	/* Deadlines that passed before this event take their default. */
	now = game_effective_time(g, g->last_time);
	if (g->phase == PHASE_PILOTING)
		game_expire(g, now, e->seq);
	if (command_run(g, e, true, false, &cause) == -1) {
		/*
		 * Validated against the state before the defaults of incidents
		 * whose deadline passed meanwhile; they can make it moot (a
		 * budget cut below a reserve).  The decision stays in the
		 * journal; say why it changed nothing.
		 */
		int	 t = game_team_index(g, e->team);
		int64_t	 seqs[1] = { e->seq };

		if (t >= 0)
			game_explain(&g->teams[t], g->week, seqs, 1,
			    N_("décision « %s » sans effet : %s (un incident "
			    "venait de prendre sa conséquence par défaut)"),
			    e->type, cause ? cause : "?");
		free(cause);
	}
	game_ledger_watch(g, e->seq);
	game_assert_invariants(g);
}
