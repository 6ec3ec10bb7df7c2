/*
 * Property test of the engine: random valid scenarios, played with every
 * policy, keep the state invariants after every event.
 *
 * A generator writes a random scenario as libconfig text (weeks, budget
 * lines, objectives, skills, staff with needs, tools, packages with
 * dependencies and deadlines, suppliers and offers, incidents with random
 * triggers and random in-bounds effects on every kind of target, status
 * points) and loads it with the real loader: only scenarios the real
 * checker accepts without an error are played, so « valid » means what
 * `pilote check` says.  Each is played by one team per policy
 * (core/policy.h), the trainer requesting the planned status points and
 * injecting, at random, incidents of the scenario and incidents written on
 * the spot with random in-bounds effects; time passes so that some
 * deadlines expire.  After every event, game_check_invariants() (the one
 * check, core/invariants.c) must hold.  A twin of each game is played
 * through game_submit() (simulate's one pass): it must accept and refuse
 * the same events and end in the same state.
 *
 * Seeded: PILOTE_PROPERTY_SEED=N replays one run, PILOTE_PROPERTY_GAMES=N
 * plays more; a failure prints the seed of the game and its scenario.
 * Seeds that once found a bug are kept in fixed_seeds[] and played first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "core/effects.h"
#include "core/game.h"
#include "core/policy.h"
#include "io/scenario_load.h"
#include "util/diag.h"

#define GAMES		500	/* scenarios played per run */
#define TRIES		20	/* generations per accepted scenario, at most */

/*
 * Seeds that found a bug, kept as fixed cases:
 *   327, 143, 631: a week negotiated off a supplier's lead stayed a
 *   negative delay once the package was taken in house, which then never
 *   progressed (and a discount followed a package to another supplier);
 *   see a_negotiation_does_not_follow_the_package_elsewhere (test_rules.c).
 */
static const uint64_t fixed_seeds[] = { 327, 143, 631 };

/* --- a small deterministic generator (xorshift64*) --- */

struct rnd {
	uint64_t	 s;
};

static uint64_t
rnd_next(struct rnd *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * UINT64_C(2685821657736338717);
}

static void
rnd_seed(struct rnd *r, uint64_t seed)
{
	r->s = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
	(void)rnd_next(r);
}

/* In [lo, hi]. */
static int
rnd_int(struct rnd *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)(rnd_next(r) % (uint64_t)(hi - lo + 1));
}

static bool
rnd_chance(struct rnd *r, int percent)
{
	return rnd_int(r, 1, 100) <= percent;
}

/* --- the scenario, kept alongside its text to aim incidents --- */

#define MAX_LINES	5
#define MAX_OBJ		3
#define MAX_SKILLS	4
#define MAX_STAFF	4
#define MAX_PKG		7
#define MAX_SUP		4
#define MAX_INC		8

struct gen {
	struct rnd	 r;
	FILE		*f;
	int		 weeks, envelope, nlines, nobj, nskills, nstaff, npkg;
	int		 nsup, ninc, ntools;
	bool		 has_skill[MAX_STAFF][MAX_SKILLS];
	int		 avail[MAX_STAFF], daily[MAX_STAFF];
	int		 skill[MAX_PKG][2], nskill[MAX_PKG], workload[MAX_PKG];
	int		 mode[MAX_PKG];		/* 0 interne, 1 externe, 2 libre */
	int		 after[MAX_PKG];	/* a predecessor or -1 */
	int		 offers[MAX_SUP][MAX_PKG];	/* lead, 0: no offer */
	int		 price[MAX_SUP][MAX_PKG];
	int		 min_weeks[MAX_PKG];
	int		 kpi[MAX_PKG][MAX_OBJ];	/* weight, 0: none */
};

static const char *const modes[] = { "interne", "externe", "libre" };

static const char *
pick(struct rnd *r, const char *const *list, int n)
{
	return list[rnd_int(r, 0, n - 1)];
}

/* Staff able to do package p alone (every skill), their availability. */
static int
gen_capacity(const struct gen *g, int p)
{
	int	 i, k, sum = 0;
	bool	 ok;

	for (i = 0; i < g->nstaff; i++) {
		for (k = 0, ok = true; k < g->nskill[p]; k++)
			ok = ok && g->has_skill[i][g->skill[p][k]];
		if (ok)
			sum += g->avail[i];
	}
	return sum;
}

static void
gen_effects(struct gen *g, bool defaults)
{
	struct rnd	*r = &g->r;
	FILE		*f = g->f;
	int		 aim, n, k, v, kinds[4], i;
	const struct effect_row *row;
	bool		 hurt, written = false;

	/* The target first: what the aimed kinds may then use. */
	aim = rnd_int(r, 0, 8);
	fprintf(f, "effets = { ");
	switch (aim) {
	case 1:
		fprintf(f, "cible = \"lot\"; ");
		break;
	case 2:
		fprintf(f, "cible = \"lot_externe\"; ");
		break;
	case 3:
		fprintf(f, "cible = \"lot_interne\"; ");
		break;
	case 4:
		fprintf(f, "cible = \"membre\"; ");
		break;
	case 5:
		fprintf(f, "cible = \"prestataire\"; ");
		break;
	case 6:
		fprintf(f, "lot = \"k%d\"; ", rnd_int(r, 0, g->npkg - 1));
		break;
	case 7:
		fprintf(f, "membre = \"p%d\"; ", rnd_int(r, 0, g->nstaff - 1));
		break;
	case 8:
		if (g->nsup > 0) {
			fprintf(f, "prestataire = \"s%d\"; ",
			    rnd_int(r, 0, g->nsup - 1));
			break;
		}
		aim = 0;
		break;
	default:
		break;
	}
	n = rnd_int(r, 1, 3);
	for (i = 0; i < n; i++) {
		kinds[i] = rnd_int(r, 0, EFFECT_KIND_COUNT - 1);
		row = &effect_rows[kinds[i]];
		if ((row->aim == AIM_PACKAGE && aim != 1 && aim != 2 &&
		    aim != 3 && aim != 6) || (row->aim == AIM_STAFF &&
		    aim != 4 && aim != 7) || (row->aim == AIM_SUPPLIER &&
		    aim != 5 && aim != 8 && aim != 2))
			kinds[i] = EFFECT_COST;
		for (k = 0; k < i; k++)
			if (kinds[k] == kinds[i])
				kinds[i] = -1;
		if (kinds[i] < 0)
			continue;
		row = &effect_rows[kinds[i]];
		/*
		 * Mostly moderate values, sometimes the bounds themselves:
		 * defaults lean to hurting, options to either way.
		 */
		hurt = defaults ? rnd_chance(r, 90) : rnd_chance(r, 60);
		if (rnd_chance(r, 15))
			v = row->max;
		else if (row->money)
			v = rnd_int(r, 1, 20) * 250;
		else
			v = rnd_int(r, 1, row->max / 2 > 0 ? row->max / 2 : 1);
		if ((row->weight > 0) != hurt)
			v = -v;
		if (v < row->min)
			v = row->min;
		/* A saving bigger than the envelope is refused by the
		 * checker: keep it within reach, sometimes at the edge. */
		if (kinds[i] == EFFECT_COST && v < 0 && -v > g->envelope)
			v = -g->envelope;
		if (kinds[i] == EFFECT_ENVELOPE && v < 0 && -v >= g->envelope)
			v = -(g->envelope - 1);
		if (v == 0)
			continue;
		fprintf(f, "%s = %d; ", row->key, v);
		written = true;
		if (kinds[i] == EFFECT_COST && rnd_chance(r, 30))
			fprintf(f, "ligne = \"l%d\"; ",
			    rnd_int(r, 0, g->nlines - 1));
		if (kinds[i] == EFFECT_KPI && rnd_chance(r, 40))
			fprintf(f, "objectif = \"o%d\"; ",
			    rnd_int(r, 0, g->nobj - 1));
	}
	/* Never empty: an option without effect is refused. */
	if (!written)
		fprintf(f, "kpi = %d; ", defaults ? -rnd_int(r, 1, 20) :
		    rnd_int(r, 1, 10));
	fprintf(f, "};");
}

static void
gen_scenario(struct gen *g, unsigned id)
{
	struct rnd	*r = &g->r;
	FILE		*f = g->f;
	static const char *const types[] = { "lancement", "acquisition",
	    "refonte", "evenement", "autre" };
	static const char *const tool_cats[] = { "gestion_projet",
	    "messagerie", "analytique", "design", "partage", "visio",
	    "autre" };
	static const char *const needs[] = { "sous_titrage", "temps_partiel",
	    "salle_accessible", "documents_accessibles", "horaires_amenages",
	    "materiel_adapte", "teletravail", "autre" };
	static const char *const cats[] = { "prestataire", "equipe",
	    "client", "budget", "technique", "accessibilite", "crise",
	    "reglementaire" };
	int		 i, j, k, w, left, end, best, cost, fixed, sum, nopt;

	memset((char *)g + sizeof g->r + sizeof g->f, 0,
	    sizeof *g - sizeof g->r - sizeof g->f);
	g->weeks = rnd_int(r, 3, 8);
	g->nlines = rnd_int(r, 1, MAX_LINES);
	g->nobj = rnd_int(r, 1, MAX_OBJ);
	g->nskills = rnd_int(r, 1, MAX_SKILLS);
	g->nstaff = rnd_int(r, 1, MAX_STAFF);
	g->npkg = rnd_int(r, 1, MAX_PKG);
	g->nsup = rnd_int(r, 0, MAX_SUP);
	g->ninc = rnd_int(r, 0, MAX_INC);
	g->ntools = rnd_int(r, 0, 3);

	/* People first: packages take skills somebody has. */
	for (i = 0; i < g->nstaff; i++) {
		g->avail[i] = rnd_int(r, 1, 5);
		g->daily[i] = rnd_int(r, 2, 7) * 100;
		for (k = 0; k < g->nskills; k++)
			g->has_skill[i][k] = rnd_chance(r, 50);
		g->has_skill[i][rnd_int(r, 0, g->nskills - 1)] = true;
	}
	for (i = 0; i < g->npkg; i++) {
		int who = rnd_int(r, 0, g->nstaff - 1);

		g->nskill[i] = 0;
		for (k = 0; k < g->nskills && g->nskill[i] < 2; k++)
			if (g->has_skill[who][k] && rnd_chance(r, 60))
				g->skill[i][g->nskill[i]++] = k;
		if (g->nskill[i] == 0)
			for (k = 0; k < g->nskills && g->nskill[i] == 0; k++)
				if (g->has_skill[who][k])
					g->skill[i][g->nskill[i]++] = k;
		g->mode[i] = g->nsup == 0 ? 0 : rnd_int(r, 0, 2);
		g->after[i] = i > 0 && rnd_chance(r, 35) ?
		    rnd_int(r, 0, i - 1) : -1;
		/* Small enough for the people who can do it. */
		g->workload[i] = rnd_int(r, 1, 1 + gen_capacity(g, i) *
		    g->weeks / (2 * g->npkg));
	}
	/* Offers: every outsourced-only package gets one at least. */
	for (j = 0; j < g->nsup; j++)
		for (i = 0; i < g->npkg; i++)
			if (g->mode[i] != 0 && rnd_chance(r, 50)) {
				g->offers[j][i] = rnd_int(r, 1, 3);
				g->price[j][i] = rnd_int(r, 1, 40) * 250;
			}
	/* A supplier makes one offer at least, on a package it may do. */
	for (j = 0; j < g->nsup; j++) {
		for (i = 0, k = 0; i < g->npkg; i++)
			k += g->offers[j][i] > 0;
		if (k > 0)
			continue;
		i = rnd_int(r, 0, g->npkg - 1);
		if (g->mode[i] == 0)
			g->mode[i] = 2;
		g->offers[j][i] = rnd_int(r, 1, 3);
		g->price[j][i] = rnd_int(r, 1, 40) * 250;
	}
	for (i = 0; i < g->npkg; i++) {
		for (j = 0, best = 0; j < g->nsup; j++)
			if (g->offers[j][i] > 0 && (best == 0 ||
			    g->offers[j][i] < best))
				best = g->offers[j][i];
		if (g->mode[i] == 1 && best == 0) {
			j = rnd_int(r, 0, g->nsup - 1);
			g->offers[j][i] = best = rnd_int(r, 1, 3);
			g->price[j][i] = rnd_int(r, 1, 40) * 250;
		}
		w = g->mode[i] == 1 ? best : (g->workload[i] +
		    gen_capacity(g, i) - 1) / gen_capacity(g, i);
		if (g->mode[i] == 2 && best > 0 && best < w)
			w = best;
		g->min_weeks[i] = w + (g->after[i] >= 0 ?
		    g->min_weeks[g->after[i]] : 0);
		if (g->min_weeks[i] > g->weeks) {
			/* Too long behind its predecessor: alone. */
			g->after[i] = -1;
			g->min_weeks[i] = w;
		}
	}
	/* The envelope: the cheapest plan, with room, sometimes tight. */
	for (i = cost = 0; i < g->npkg; i++) {
		for (j = 0, best = 0; j < g->nsup; j++)
			if (g->offers[j][i] > 0 && (best == 0 ||
			    g->price[j][i] < best))
				best = g->price[j][i];
		if (g->mode[i] != 1 && (best == 0 ||
		    g->workload[i] * 700 < best))
			best = g->workload[i] * 700;
		cost += best;
	}
	g->envelope = (cost + 3000) * rnd_int(r, 12, 30) / 10;

	fprintf(f, "format = 1;\nid = \"prop%u\";\ntitre = \"Scénario aléatoire "
	    "n° %u\";\ntype = \"%s\";\nclient = \"Client\";\nmarque = "
	    "\"Marque\";\nbrief = \"Scénario engendré par le test de "
	    "propriétés.\";\nsemaines = %d;\n", id, id, pick(r, types, 5),
	    g->weeks);
	k = rnd_int(r, 0, 15);
	fprintf(f, "budget = {\n  enveloppe = %d;\n  reserve_min = %d;\n"
	    "  reserve_max = %d;\n  lignes = (", g->envelope, k,
	    k + rnd_int(r, 0, 20));
	for (i = 0; i < g->nlines; i++)
		fprintf(f, "%s{ id = \"l%d\"; libelle = \"Ligne %d\"; }",
		    i ? ", " : " ", i, i);
	fprintf(f, " );\n  ligne_interne = \"l%d\";\n  ligne_outils = "
	    "\"l%d\";\n};\n", rnd_int(r, 0, g->nlines - 1),
	    rnd_int(r, 0, g->nlines - 1));
	fprintf(f, "objectifs = (");
	for (i = 0, left = 100; i < g->nobj; i++) {
		w = i == g->nobj - 1 ? left : rnd_int(r, 1, left -
		    (g->nobj - 1 - i));
		left -= w;
		fprintf(f, "%s{ id = \"o%d\"; libelle = \"Objectif %d\"; unite "
		    "= \"unités\"; cible = %d; depart = %d; poids = %d; }",
		    i ? ",\n  " : " ", i, i, rnd_int(r, 10, 100000),
		    0, w);
	}
	fprintf(f, " );\ncompetences = (");
	for (i = 0; i < g->nskills; i++)
		fprintf(f, "%s{ id = \"c%d\"; libelle = \"Compétence %d\"; }",
		    i ? ", " : " ", i, i);
	fprintf(f, " );\npersonnel = (");
	for (i = 0; i < g->nstaff; i++) {
		fprintf(f, "%s{ id = \"p%d\"; nom = \"Personne %d\"; poste = "
		    "\"Poste\"; competences = [", i ? ",\n  " : " ", i, i);
		for (k = 0, j = 0; k < g->nskills; k++)
			if (g->has_skill[i][k])
				fprintf(f, "%s\"c%d\"", j++ ? ", " : " ", k);
		fprintf(f, " ]; cout_jour = %d; disponibilite = %d; moral = "
		    "%d;", g->daily[i], g->avail[i], rnd_int(r, 0, 100));
		if (rnd_chance(r, 35))
			fprintf(f, " besoins = ( { besoin = \"Besoin\"; "
			    "amenagement = \"%s\"; detail = \"Détail\"; cout = "
			    "%d; perte_si_absent = %d; } );", pick(r, needs, 8),
			    rnd_int(r, 0, 4) * 100, rnd_int(r, 1, 100));
		fprintf(f, " }");
	}
	fprintf(f, " );\nroles = ( { id = \"chef\"; libelle = \"Chef\"; "
	    "missions = \"Piloter.\"; }%s );\n", rnd_chance(r, 50) ?
	    ", { id = \"budget\"; libelle = \"Budget\"; missions = \"Suivre.\"; "
	    "obligatoire = false; }" : "");
	fprintf(f, "outils = (");
	for (i = 0; i < g->ntools; i++)
		fprintf(f, "%s{ id = \"t%d\"; nom = \"Outil %d\"; categorie = "
		    "\"%s\"; cout = %d; cout_semaine = %d; jours_installation = "
		    "%d; effets = { productivite = %d; coordination = %d; "
		    "qualite = %d; moral = %d; }; }", i ? ",\n  " : " ", i, i,
		    pick(r, tool_cats, 7), rnd_int(r, 0, 5) * 100,
		    rnd_int(r, 0, 30), rnd_int(r, 0, 3), rnd_int(r, -50, 50),
		    rnd_int(r, -50, 50), rnd_int(r, -20, 20),
		    rnd_int(r, -20, 20));
	/* Each objective from one or two packages, weights summing to 100. */
	for (j = 0; j < g->nobj; j++) {
		i = rnd_int(r, 0, g->npkg - 1);
		w = g->npkg > 1 && rnd_chance(r, 40) ? rnd_int(r, 1, 99) : 100;
		g->kpi[i][j] = w;
		if (w < 100)
			g->kpi[(i + rnd_int(r, 1, g->npkg - 1)) %
			    g->npkg][j] = 100 - w;
	}
	fprintf(f, " );\nlots = (");
	for (i = 0; i < g->npkg; i++) {
		end = g->weeks - g->min_weeks[i];
		fixed = rnd_chance(r, 20) ? rnd_int(r, 1, 8) * 250 : 0;
		fprintf(f, "%s{ id = \"k%d\"; nom = \"Lot %d\"; ligne = \"l%d\"; "
		    "charge = %d; competences = [", i ? ",\n  " : " ", i, i,
		    rnd_int(r, 0, g->nlines - 1), g->workload[i]);
		for (k = 0; k < g->nskill[i]; k++)
			fprintf(f, "%s\"c%d\"", k ? ", " : " ", g->skill[i][k]);
		fprintf(f, " ]; mode = \"%s\"; echeance = %d; cout_fixe = %d; "
		    "accessibilite = %s;", modes[g->mode[i]],
		    rnd_int(r, 0, end > 0 ? end : 0), fixed,
		    rnd_chance(r, 40) ? "true" : "false");
		if (g->after[i] >= 0)
			fprintf(f, " apres = [ \"k%d\" ];", g->after[i]);
		for (j = 0, k = 0; j < g->nobj; j++)
			if (g->kpi[i][j] > 0)
				fprintf(f, "%s{ objectif = \"o%d\"; poids = %d; }",
				    k++ ? ", " : " kpi = ( ", j, g->kpi[i][j]);
		fprintf(f, "%s }", k > 0 ? " );" : "");
	}
	fprintf(f, " );\n");
	fprintf(f, "prestataires = (");
	for (j = 0, sum = 0; j < g->nsup; j++) {
		fprintf(f, "%s{ id = \"s%d\"; nom = \"Prestataire %d\"; metier "
		    "= \"Métier\"; fiabilite = %d; offres = (", sum++ ?
		    ",\n  " : " ", j, j, rnd_int(r, 1, 100));
		for (i = 0, k = 0; i < g->npkg; i++)
			if (g->offers[j][i] > 0)
				fprintf(f, "%s{ lot = \"k%d\"; prix = %d; delai = "
				    "%d; qualite = %d; format = \"Format\"; "
				    "accessible = %s; }", k++ ? ", " : " ", i,
				    g->price[j][i], g->offers[j][i],
				    rnd_int(r, 1, 100), rnd_chance(r, 50) ?
				    "true" : "false");
		fprintf(f, " ); }");
	}
	fprintf(f, " );\nincidents = (");
	for (i = 0; i < g->ninc; i++) {
		fprintf(f, "%s{ id = \"i%d\"; titre = \"Incident %d\"; categorie "
		    "= \"%s\"; texte = \"Il se passe quelque chose.\";\n    "
		    "declencheur = { ", i ? ",\n  " : " ", i, i,
		    pick(r, cats, 8));
		switch (rnd_int(r, 0, 3)) {
		case 0:
			fprintf(f, "manuel = true;");
			break;
		case 1:
			fprintf(f, "semaine = %d;", rnd_int(r, 1, g->weeks));
			break;
		default:
			w = rnd_int(r, 1, g->weeks);
			fprintf(f, "probabilite = %d; semaines = [ %d, %d ]; "
			    "repete = %s;", rnd_int(r, 1, 100), w,
			    rnd_int(r, w, g->weeks), rnd_chance(r, 50) ?
			    "true" : "false");
			break;
		}
		fprintf(f, " };\n    delai_reponse = %d;\n    options = (",
		    rnd_int(r, 1, 40));
		nopt = rnd_int(r, 2, 3);
		for (k = 0; k < nopt; k++) {
			fprintf(f, "%s{ id = \"o%d\"; libelle = \"Option %d\"; ",
			    k ? ",\n      " : " ", k, k);
			gen_effects(g, false);
			/* A follow-up, never back to itself nor earlier. */
			if (i + 1 < g->ninc && rnd_chance(r, 15))
				fprintf(f, " suite = \"i%d\";", rnd_int(r, i + 1,
				    g->ninc - 1));
			fprintf(f, " }");
		}
		fprintf(f, " );\n    defaut = { texte = \"Personne ne répond.\"; ");
		gen_effects(g, true);
		fprintf(f, " }; }");
	}
	fprintf(f, " );\npoints_situation = (");
	for (i = 0, k = rnd_int(r, 0, 2); i < k; i++)
		fprintf(f, "%s{ id = \"ps%d\"; semaine = %d; delai = %d; titre = "
		    "\"Point %d\"; }", i ? ", " : " ", i, rnd_int(r, 1,
		    g->weeks), rnd_int(r, 5, 30), i);
	fprintf(f, " );\n");
}

/* --- loading: only what the real checker accepts --- */

static char *
gen_text(struct gen *g, unsigned id, size_t *len)
{
	char	*text = NULL;

	g->f = open_memstream(&text, len);
	assert_non_null(g->f);
	gen_scenario(g, id);
	fclose(g->f);
	return text;
}

struct stats {
	int	 generated, accepted, games, events, injected, errors[8];
};

/* A random valid scenario (by the real loader and checker), or NULL. */
static struct scenario *
gen_valid(struct gen *g, unsigned id, struct stats *st, char **text_out)
{
	struct scenario	*s = NULL;
	struct diag	 d;
	char		*text;
	size_t		 len;
	int		 t, rc;

	for (t = 0; t < TRIES; t++) {
		text = gen_text(g, id, &len);
		diag_init(&d);
		st->generated++;
		rc = scenario_load_text("propriete.cfg", text, len, &s, &d);
		if (rc == SCENARIO_LOAD_OK && d.errors == 0) {
			diag_release(&d);
			st->accepted++;
			*text_out = text;
			return s;
		}
		if (getenv("PILOTE_PROPERTY_VERBOSE") != NULL) {
			size_t i;

			for (i = 0; i < d.count; i++)
				if (d.items[i].severity == DIAG_ERROR)
					print_message("refusé : %d: %s\n",
					    d.items[i].line, d.items[i].message);
		}
		diag_release(&d);
		scenario_free(s);
		s = NULL;
		free(text);
	}
	return NULL;
}

/* --- playing --- */

struct run {
	struct game	*g;
	struct game	*twin;		/* the same, by game_submit() */
	const struct scenario *s;
	int64_t		 clock;
	uint64_t	 seed;
	unsigned	 id;
	const char	*text;
	struct stats	*st;
};

static void
check(struct run *u, const char *after)
{
	char	 why[512];
	FILE	*out;

	if (game_check_invariants(u->g, why, sizeof why))
		return;
	/* The scenario, to read or to load with pilote check. */
	out = fopen("build/property-failure.cfg", "w");
	if (out != NULL) {
		fputs(u->text, out);
		fclose(out);
	}
	fail_msg("invariant broken after %s (seed %llu, week %d, event %lld; "
	    "scenario in build/property-failure.cfg; PILOTE_PROPERTY_SEED=%llu "
	    "PILOTE_PROPERTY_GAMES=1 replays it): %s", after,
	    (unsigned long long)u->seed, u->g->week, (long long)u->g->last_seq,
	    (unsigned long long)u->seed, why);
}

/* Validates, applies and checks one event; minutes pass before it. */
static void
play(struct run *u, struct event *e, int minutes)
{
	char	*cause = NULL;
	int	 twin;

	u->clock += (int64_t)minutes * 60000;
	e->time = u->clock;
	e->seq = u->g->last_seq + 1;
	twin = game_submit(u->twin, e, &cause);
	free(cause);
	cause = NULL;
	if (game_validate(u->g, e, &cause) == -1) {
		free(cause);
		assert_int_equal(twin, -1);
		return;
	}
	assert_int_equal(twin, 0);
	game_apply(u->g, e);
	u->st->events++;
	check(u, e->type);
}

static void
trainer(struct run *u, const char *type, int minutes, ...)
{
	struct event	 e;
	va_list		 ap;
	const char	*k, *v;

	event_init(&e);
	event_set(&e.type, type);
	event_set(&e.actor, GAME_TRAINER);
	va_start(ap, minutes);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		record_set_text(&e.data, k, v);
	}
	va_end(ap);
	play(u, &e, minutes);
	event_release(&e);
}

/* "Libellé : k=v, …" with random in-bounds effects on a random target. */
static char *
live_choice(struct rnd *r, const struct scenario *s, const char *label)
{
	char			*out, *next;
	const struct effect_row	*row;
	int			 aim = rnd_int(r, 0, 3), n, i, k, v;

	out = strdup(label);
	switch (aim) {
	case 1:
		next = NULL;
		if (asprintf(&next, "%s : cible=lot", out) < 0)
			fail();
		break;
	case 2:
		if (asprintf(&next, "%s : membre=%s", out,
		    s->staff[rnd_int(r, 0, s->nstaff - 1)].id) < 0)
			fail();
		break;
	case 3:
		if (s->nsuppliers > 0) {
			if (asprintf(&next, "%s : prestataire=%s", out,
			    s->suppliers[rnd_int(r, 0, s->nsuppliers -
			    1)].id) < 0)
				fail();
			break;
		}
		aim = 0;
		/* fallthrough */
	default:
		if (asprintf(&next, "%s : cible=projet", out) < 0)
			fail();
		break;
	}
	free(out);
	out = next;
	for (i = 0, n = rnd_int(r, 1, 3); i < n; i++) {
		k = rnd_int(r, 0, EFFECT_KIND_COUNT - 1);
		row = &effect_rows[k];
		if ((row->aim == AIM_PACKAGE && aim != 1) ||
		    (row->aim == AIM_STAFF && aim != 2) ||
		    (row->aim == AIM_SUPPLIER && aim != 3))
			k = EFFECT_KPI, row = &effect_rows[k];
		v = rnd_chance(r, 20) ? (rnd_chance(r, 50) ? row->min :
		    row->max) : rnd_int(r, row->min / 4, row->max / 4);
		if (v == 0)
			v = row->max > 0 ? 1 : -1;
		if (asprintf(&next, "%s, %s=%d", out, row->key, v) < 0)
			fail();
		free(out);
		out = next;
	}
	return out;
}

static void
inject(struct run *u, struct rnd *r)
{
	const struct scenario	*s = u->s;
	const char		*team = "toutes";
	char			*o1, *o2, *d, delay[16];

	if (rnd_chance(r, 50))
		team = u->g->teams[rnd_int(r, 0, u->g->nteams - 1)].name;
	u->st->injected++;
	if (s->nincidents > 0 && rnd_chance(r, 50)) {
		trainer(u, "injecter", rnd_int(r, 0, 5), "incident",
		    s->incidents[rnd_int(r, 0, s->nincidents - 1)].id, "equipe",
		    team, NULL);
		return;
	}
	o1 = live_choice(r, s, "Option un");
	o2 = live_choice(r, s, "Option deux");
	d = live_choice(r, s, "Défaut");
	snprintf(delay, sizeof delay, "%d", rnd_int(r, 1, 30));
	trainer(u, "injecter", rnd_int(r, 0, 5), "titre", "Imprévu", "texte",
	    "Un imprévu.", "option1", o1, "option2", o2, "defaut", d, "delai",
	    delay, "equipe", team, NULL);
	free(o1);
	free(o2);
	free(d);
}

/* A decision of team t (its candidate « Joueur »), k=v pairs, NULL. */
static void
team_act(struct run *u, int t, const char *why, const char *type, ...)
{
	struct event	 e;
	va_list		 ap;
	const char	*k, *v;

	event_init(&e);
	event_set(&e.type, type);
	event_set(&e.team, u->g->teams[t].name);
	event_set(&e.actor, "Joueur");
	event_set(&e.why, why);
	va_start(ap, type);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		record_set_text(&e.data, k, v);
	}
	va_end(ap);
	play(u, &e, 1);
	event_release(&e);
}

/*
 * The team that follows no policy: random decisions of every kind, with
 * random arguments (many refused, which is fine: what passes must keep
 * the invariants too).
 */
static void
random_moves(struct run *u, struct rnd *r, int t, int n)
{
	const struct scenario	*s = u->s;
	const struct team	*tm = &u->g->teams[t];
	char			 a[32], b[32], c[64];
	const char		*pkg;
	int			 i, k;

	for (; n > 0; n--) {
		pkg = s->packages[rnd_int(r, 0, s->npackages - 1)].id;
		switch (rnd_int(r, 0, 10)) {
		case 0:
			i = rnd_int(r, 0, s->nstaff - 1);
			k = rnd_int(r, 0, s->nstaff - 1);
			snprintf(c, sizeof c, "%s%s%s", s->staff[i].id,
			    k != i ? "," : "", k != i ? s->staff[k].id : "");
			team_act(u, t, NULL, "attribuer", "lot", pkg,
			    "interne", c, "accessibilite", rnd_chance(r, 50) ?
			    "oui" : "non", NULL);
			break;
		case 1:
			if (s->nsuppliers == 0)
				break;
			team_act(u, t, "Au hasard", "attribuer", "lot", pkg,
			    "prestataire", s->suppliers[rnd_int(r, 0,
			    s->nsuppliers - 1)].id, NULL);
			break;
		case 2:
			snprintf(a, sizeof a, "%d", rnd_int(r, 0, s->weeks + 1));
			snprintf(b, sizeof b, "%d", rnd_int(r, 0, s->weeks + 1));
			team_act(u, t, NULL, "planifier", "lot", pkg, "debut", a,
			    "fin", b, NULL);
			break;
		case 3:
			snprintf(a, sizeof a, "%lld", (long long)(tm->envelope /
			    100 * rnd_int(r, 0, 50) / 100));
			team_act(u, t, NULL, "reserve", "montant", a, NULL);
			break;
		case 4:
			snprintf(a, sizeof a, "%d", rnd_int(r, 1, 5000));
			team_act(u, t, "Au hasard", "utiliser_reserve",
			    "montant", a, NULL);
			break;
		case 5:
			team_act(u, t, NULL, "negocier", "lot", pkg, "objet",
			    rnd_chance(r, 50) ? "prix" : "delai", NULL);
			break;
		case 6:
			if (s->ntools == 0)
				break;
			team_act(u, t, NULL, "outil", "outil",
			    s->tools[rnd_int(r, 0, s->ntools - 1)].id,
			    "retirer", rnd_chance(r, 30) ? "oui" : "non", NULL);
			break;
		case 7:
			i = rnd_int(r, 0, s->nstaff - 1);
			team_act(u, t, NULL, "amenager", "membre",
			    s->staff[i].id, "besoin", "1", NULL);
			break;
		case 8:
			if (tm->noccurrences == 0)
				break;
			i = rnd_int(r, 0, tm->noccurrences - 1);
			snprintf(a, sizeof a, "%d", i + 1);
			{
				const struct incident *inc =
				    game_occurrence_incident(u->g,
				    &tm->occurrences[i]);

				team_act(u, t, "Au hasard", "repondre",
				    "incident", a, "option", inc->options[
				    rnd_int(r, 0, inc->noptions - 1)].id, NULL);
			}
			break;
		case 9:
			if (s->nsuppliers == 0)
				break;
			snprintf(a, sizeof a, "%d", rnd_int(r, 1,
			    GAME_FRAME_HOURS_MAX));
			team_act(u, t, NULL, "cadrer", "prestataire",
			    s->suppliers[rnd_int(r, 0, s->nsuppliers - 1)].id,
			    "reunions", rnd_chance(r, 50) ? "hebdomadaire" :
			    "mensuelle", "format", "F", "recette", "R", "heures",
			    a, NULL);
			break;
		default:
			if (tm->nrequests == 0)
				break;
			snprintf(a, sizeof a, "%d", rnd_int(r, 1,
			    tm->nrequests));
			team_act(u, t, NULL, "point", "point", a, "risques",
			    "Des risques", "arbitrages", "Des choix", "suivi",
			    "Un suivi", NULL);
			break;
		}
	}
}

static void
moves(struct run *u, struct policy_moves *m, struct rnd *r)
{
	int	 i;

	for (i = 0; i < m->count; i++)
		play(u, &m->events[i], rnd_int(r, 0, 4));
	policy_moves_release(m);
}

static void
play_game(const struct scenario *s, const char *text, unsigned id,
    uint64_t seed, struct stats *st)
{
	struct game_setup	 setup;
	struct policy_moves	 m;
	struct run		 u;
	struct rnd		 r;
	char			*dump, *twin;
	int			 i, k, w, n;

	memset(&setup, 0, sizeof setup);
	setup.seed = seed;
	/* One team per policy, and one that plays at random (the last). */
	setup.nteams = POLICY_COUNT + 1;
	for (i = 0; i <= POLICY_COUNT; i++) {
		setup.teams[i].name = i < POLICY_COUNT ? policy_names[i] :
		    "hasard";
		setup.teams[i].ncandidates = 1;
		setup.teams[i].candidates[0].name = "Joueur";
	}
	memset(&u, 0, sizeof u);
	u.g = game_new(s, &setup);
	u.twin = game_new(s, &setup);
	u.s = s;
	u.clock = INT64_C(1800000000000);
	u.seed = seed;
	u.id = id;
	u.text = text;
	u.st = st;
	rnd_seed(&r, seed ^ UINT64_C(0xabcdef));
	check(&u, "game_new");
	for (i = 0; i < POLICY_COUNT; i++) {
		policy_frame(u.g, i, (enum policy_kind)i, &m);
		moves(&u, &m, &r);
	}
	random_moves(&u, &r, POLICY_COUNT, rnd_int(&r, 5, 30));
	trainer(&u, "ouvrir_pilotage", 1, NULL);
	for (w = 1; w <= s->weeks && u.g->phase == PHASE_PILOTING; w++) {
		for (k = 0; k < s->nstatus_points; k++)
			if (s->status_points[k].week == w)
				trainer(&u, "demander_point", 1, "point",
				    s->status_points[k].id, NULL);
		for (n = rnd_int(&r, 0, 2); n > 0; n--)
			inject(&u, &r);
		for (i = 0; i < POLICY_COUNT; i++) {
			policy_week(u.g, i, (enum policy_kind)i, &m);
			moves(&u, &m, &r);
		}
		random_moves(&u, &r, POLICY_COUNT, rnd_int(&r, 0, 8));
		/* Sometimes the week runs long: open deadlines expire. */
		trainer(&u, "cloturer_semaine", rnd_chance(&r, 30) ? 45 : 2,
		    NULL);
	}
	assert_int_equal(u.g->phase, PHASE_LAUNCHED);
	dump = game_dump(u.g);
	twin = game_dump(u.twin);
	assert_string_equal(twin, dump);
	free(dump);
	free(twin);
	st->games++;
	game_free(u.g);
	game_free(u.twin);
}

static void
property_run(uint64_t base, int games, struct stats *st)
{
	struct gen	 g;
	struct scenario	*s;
	char		*text;
	int		 i;
	uint64_t	 seed;

	for (i = 0; i < games; i++) {
		seed = base + (uint64_t)i;
		memset(&g, 0, sizeof g);
		rnd_seed(&g.r, seed);
		if ((s = gen_valid(&g, (unsigned)seed, st, &text)) == NULL)
			continue;
		play_game(s, text, (unsigned)seed, seed, st);
		scenario_free(s);
		free(text);
	}
}

static void
seeds_that_found_bugs_keep_the_invariants(void **state)
{
	struct stats	 st;
	size_t		 i;

	(void)state;
	memset(&st, 0, sizeof st);
	for (i = 0; i < sizeof fixed_seeds / sizeof fixed_seeds[0]; i++)
		property_run(fixed_seeds[i], 1, &st);
}

static void
random_valid_scenarios_keep_the_invariants_with_every_policy(void **state)
{
	struct stats	 st;
	const char	*v = getenv("PILOTE_PROPERTY_SEED");
	const char	*n = getenv("PILOTE_PROPERTY_GAMES");
	uint64_t	 base = v != NULL ? strtoull(v, NULL, 10) : UINT64_C(1);
	int		 games = n != NULL ? atoi(n) : GAMES;

	(void)state;
	memset(&st, 0, sizeof st);
	print_message("graine %llu, %d scénarios\n", (unsigned long long)base,
	    games);
	property_run(base, games, &st);
	print_message("%d engendrés, %d valides, %d parties, %d événements, "
	    "%d injections\n", st.generated, st.accepted, st.games, st.events,
	    st.injected);
	/* The generator must mostly produce valid scenarios, or it tests
	 * nothing. */
	assert_true(st.games >= games * 3 / 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seeds_that_found_bugs_keep_the_invariants),
		cmocka_unit_test(
		    random_valid_scenarios_keep_the_invariants_with_every_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
