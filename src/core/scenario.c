/*
 * scenario: keyword tables and lifetime of the scenario model (see
 * scenario.h).  The model owns every string and array it points to.
 */
#include <stdlib.h>
#include <string.h>

#include "core/scenario.h"
#include "util/i18n.h"
#include "util/xalloc.h"

const char *const scenario_project_types[PROJECT_TYPE_COUNT] = {
	"lancement", "acquisition", "refonte", "evenement", "autre"
};
const char *const scenario_project_type_labels[PROJECT_TYPE_COUNT] = {
	N_("Campagne de lancement"), N_("Campagne d'acquisition"), N_("Refonte"),
	N_("Événement"), N_("Autre projet")
};

const char *const scenario_accommodations[ACCOMMODATION_COUNT] = {
	"sous_titrage", "temps_partiel", "salle_accessible",
	"documents_accessibles", "horaires_amenages", "materiel_adapte",
	"teletravail", "autre"
};
const char *const scenario_accommodation_labels[ACCOMMODATION_COUNT] = {
	N_("Sous-titrage"), N_("Temps partiel"), N_("Salle accessible"),
	N_("Documents accessibles"), N_("Horaires aménagés"), N_("Matériel adapté"),
	N_("Télétravail"), N_("Autre aménagement")
};

const char *const scenario_tool_categories[TOOL_CATEGORY_COUNT] = {
	"gestion_projet", "messagerie", "analytique", "design", "partage",
	"visio", "autre"
};
const char *const scenario_tool_category_labels[TOOL_CATEGORY_COUNT] = {
	N_("Gestion de projet"), N_("Messagerie d'équipe"), N_("Analytique"), N_("Design"),
	N_("Partage de fichiers"), N_("Visioconférence"), N_("Autre")
};

const char *const scenario_package_modes[PACKAGE_MODE_COUNT] = {
	"interne", "externe", "libre"
};

const char *const scenario_incident_categories[INCIDENT_CATEGORY_COUNT] = {
	"prestataire", "equipe", "client", "budget", "technique",
	"accessibilite", "crise", "reglementaire"
};
const char *const scenario_incident_category_labels[INCIDENT_CATEGORY_COUNT] = {
	N_("Prestataire"), N_("Équipe"), N_("Client"), N_("Budget"), N_("Technique"),
	N_("Accessibilité"), N_("Crise et communication"), N_("Réglementaire")
};

const char *const scenario_effect_targets[EFFECT_TARGET_COUNT] = {
	"projet", "lot", "lot_externe", "lot_interne", "membre", "prestataire"
};

const struct condition_row scenario_conditions[CONDITION_KIND_COUNT] = {
	[COND_MISSING_TOOL] = { "outil_absent", CVAL_TOOL_CATEGORY },
	[COND_TOOL] = { "outil", CVAL_TOOL },
	[COND_OUTSOURCED] = { "externe", CVAL_PACKAGE },
	[COND_INTERNAL] = { "interne", CVAL_PACKAGE },
	[COND_ENTRUSTED] = { "confie", CVAL_ENTRUSTED },
	[COND_SUPPLIER] = { "prestataire", CVAL_SUPPLIER },
	[COND_STARTED] = { "lot_demarre", CVAL_PACKAGE },
	[COND_DELIVERED] = { "lot_livre", CVAL_PACKAGE },
	[COND_NOT_DELIVERED] = { "lot_non_livre", CVAL_PACKAGE },
	[COND_ACCESSIBLE] = { "lot_accessible", CVAL_PACKAGE },
	[COND_INACCESSIBLE] = { "lot_inaccessible", CVAL_PACKAGE },
	[COND_OUTSOURCED_UNFRAMED] = { "externe_sans_cadrage", CVAL_PACKAGE },
	[COND_INTERNAL_OPEN] = { "interne_en_cours", CVAL_TRUE },
	[COND_EXTERNAL_OPEN] = { "externe_en_cours", CVAL_TRUE },
	[COND_UNFRAMED] = { "sans_cadrage", CVAL_TRUE },
	[COND_UNMET_NEEDS] = { "besoins_non_couverts", CVAL_TRUE },
	[COND_MEMBER_UNMET] = { "membre_non_amenage", CVAL_STAFF },
	[COND_ACCOMMODATION_MISSING] = { "amenagement_absent",
	    CVAL_ACCOMMODATION },
	[COND_MORALE_BELOW] = { "moral_sous", CVAL_PERCENT },
	[COND_RESERVE_BELOW] = { "reserve_sous", CVAL_PERCENT },
	[COND_OVER_BUDGET] = { "hors_budget", CVAL_TRUE },
	[COND_LATE] = { "retard", CVAL_TRUE },
	[COND_AFTER] = { "apres", CVAL_INCIDENT },
};

const char *const scenario_e3_keys[E3_CRITERION_COUNT] = {
	"retroplanning", "outil", "cadrage", "prestataires", "equipe",
	"accessibilite", "pilotage", "points"
};
const char *const scenario_e3_labels[E3_CRITERION_COUNT] = {
	N_("Rétroplanning intégrant livrables prestataires et internes"),
	N_("Outil de coordination choisi et utilisé (type Slack, Trello)"),
	N_("Cadrage cohérent avec délais, budget et moyens"),
	N_("Relations prestataires cadrées"),
	N_("Équipe organisée : rôles, missions, charge, méthode"),
	N_("Besoins d'accessibilité analysés, livrables accessibles"),
	N_("Risques, incidents et budget pilotés, actions correctives"),
	N_("Points de situation complets, synthétiques et à l'heure")
};
const char *const scenario_e3_codes[E3_CRITERION_COUNT] = {
	"CR11–13 · C11", "CR11–13 · C11", "CR11–13 · C11", "CR11–13 · C12",
	"CR11–13 · C13", "CR11–13 · C13", "C14 · A7", "CR14 · C14"
};
const char *const scenario_e3_rules[E3_CRITERION_COUNT] = {
	N_("part des lots placés sur le rétroplanning après leurs "
	"prédécesseurs et avant leur échéance ; moitié moins si le plan ne "
	"mêle pas lots internes et prestataires"),
	N_("un outil de coordination (gestion de projet ou messagerie) choisi "
	"au cadrage compte 40 (20 en cours de pilotage), gardé jusqu'au "
	"lancement et nommé dans les écrits de l'équipe 40, donné comme outil "
	"d'échange à un prestataire 20 ; chaque outil redondant retire 30"),
	N_("100 si le pilotage s'ouvre sans alerte du plan (budget, délais, "
	"charge, réserve), 15 de moins par alerte"),
	N_("par prestataire retenu : rythme de réunions adapté à la durée de "
	"ses lots (25), format de livrable décrit (25), critères de recette "
	"explicites (25), heures cohérentes avec ses lots (15), outil "
	"d'échange (10) ; non évaluable sans prestataire"),
	N_("lots confiés (25), missions rédigées pour chaque rôle obligatoire "
	"(25), rôles répartis entre les candidats (25), charge des équipiers "
	"tenable (15), méthode justifiée (10)"),
	N_("besoins d'aménagement couverts (40), analysés par écrit (20), "
	"livrables concernés livrés accessibles (40) ; non évaluable sans "
	"besoin ni livrable concerné"),
	N_("incidents traités à temps par l'option la moins dommageable, "
	"justifiée (40), budget tenu sans sous-consommation sur des lots non "
	"livrés (30), lots livrés à l'heure (30) ; 15 de moins si le budget a "
	"dérivé sans action corrective ; au plus 35 si un lot critique "
	"manque"),
	N_("chaque partie d'un point compte si elle est développée et ancrée "
	"dans la situation (incidents, lots, prestataires, chiffres) ; un "
	"point en retard vaut moitié, au-delà de la limite de mots 30 % de "
	"moins ; non évaluable si aucun point n'a été demandé")
};

const char *const scenario_result_keys[RESULT_DIMENSION_COUNT] = {
	"livraison", "budget", "qualite", "accessibilite", "kpi"
};

struct scenario *
scenario_new(void)
{
	struct scenario	*s = xcalloc(1, sizeof(struct scenario));

	s->unplanned_line = SCENARIO_NONE;
	return s;
}

void
scenario_incident_release(struct incident *p)
{
	int	 j;

	free(p->id);
	free(p->title);
	free(p->text);
	free(p->default_text);
	free(p->catalogue);
	for (j = 0; j < p->noptions; j++) {
		free(p->options[j].id);
		free(p->options[j].label);
		free(p->options[j].detail);
	}
	free(p->options);
}

void
scenario_free(struct scenario *s)
{
	int	 i, j;

	if (s == NULL)
		return;
	free(s->id);
	free(s->title);
	free(s->client);
	free(s->brand);
	free(s->sector);
	free(s->brief);
	for (i = 0; i < s->nconstraints; i++)
		free(s->constraints[i]);
	free(s->constraints);
	for (i = 0; i < s->nlines; i++) {
		free(s->lines[i].id);
		free(s->lines[i].label);
	}
	free(s->lines);
	for (i = 0; i < s->nobjectives; i++) {
		free(s->objectives[i].id);
		free(s->objectives[i].label);
		free(s->objectives[i].unit);
	}
	free(s->objectives);
	for (i = 0; i < s->nskills; i++) {
		free(s->skills[i].id);
		free(s->skills[i].label);
	}
	free(s->skills);
	for (i = 0; i < s->nstaff; i++) {
		struct staff *p = &s->staff[i];

		free(p->id);
		free(p->name);
		free(p->title);
		free(p->skills);
		for (j = 0; j < p->nneeds; j++) {
			free(p->needs[j].need);
			free(p->needs[j].detail);
		}
		free(p->needs);
	}
	free(s->staff);
	for (i = 0; i < s->nroles; i++) {
		free(s->roles[i].id);
		free(s->roles[i].label);
		free(s->roles[i].missions);
	}
	free(s->roles);
	for (i = 0; i < s->ntools; i++) {
		free(s->tools[i].id);
		free(s->tools[i].name);
		free(s->tools[i].description);
	}
	free(s->tools);
	for (i = 0; i < s->npackages; i++) {
		struct package *p = &s->packages[i];

		free(p->id);
		free(p->name);
		free(p->description);
		free(p->skills);
		free(p->after);
		free(p->after_locs);
		free(p->kpi);
	}
	free(s->packages);
	for (i = 0; i < s->nsuppliers; i++) {
		struct supplier *p = &s->suppliers[i];

		free(p->id);
		free(p->name);
		free(p->trade);
		free(p->description);
		free(p->csr_commitments);
		for (j = 0; j < p->noffers; j++) {
			free(p->offers[j].format);
			free(p->offers[j].note);
		}
		free(p->offers);
	}
	free(s->suppliers);
	for (i = 0; i < s->nincidents; i++)
		scenario_incident_release(&s->incidents[i]);
	free(s->incidents);
	for (i = 0; i < s->nstatus_points; i++) {
		struct status_point *p = &s->status_points[i];

		free(p->id);
		free(p->title);
		free(p->prompt);
		free(p->risks_prompt);
		free(p->arbitrations_prompt);
		free(p->tracking_prompt);
	}
	free(s->status_points);
	free(s->scoring.accessibility_standard);
	free(s->source_text);
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	free(s);
}

int
scenario_keyword(const char *const *table, int count, const char *word)
{
	int	 i;

	for (i = 0; i < count; i++)
		if (strcmp(table[i], word) == 0)
			return i;
	return -1;
}

int
scenario_count_offers(const struct scenario *s, int package)
{
	int	 i, j, n = 0;

	for (i = 0; i < s->nsuppliers; i++)
		for (j = 0; j < s->suppliers[i].noffers; j++)
			if (s->suppliers[i].offers[j].package == package)
				n++;
	return n;
}

const char *
scenario_file(const struct scenario *s, struct srcloc loc)
{
	if (loc.file < 0 || loc.file >= s->nfiles)
		return "?";
	return s->files[loc.file];
}
