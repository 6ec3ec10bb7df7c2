/*
 * show: "pilote show SESSION [--team NOM] [--at SEQ] [--json]" prints the
 * state a session's journal folds to: phase and week, then for each team
 * its budget as core/ledger computes it (per line forecast, committed,
 * actual, unplanned; reserve left and margin), packages (owner, plan
 * against actual), people, suppliers, open incidents with their options,
 * status points, what the planning tool flags, the E3 indicators so far,
 * the explanation of every consequence; and the state hash, the same live
 * and on replay.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/game.h"
#include "core/ledger.h"
#include "io/session.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"

static const char *const phase_names[] = {
	N_("cadrage"), N_("pilotage"), N_("lancé")
};
static const char *const status_names[] = {
	N_("à faire"), N_("en cours"), N_("bloqué"), N_("livré")
};

static void
show_week(const struct scenario *s, int w, char *buf, size_t n)
{
	if (w <= 0)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "S-%d", s->weeks - w);
}

static void
show_team_text(FILE *out, struct game *g, struct team *t, int64_t now)
{
	const struct scenario	*s = g->scenario;
	struct plan_issues	 pi;
	struct ledger		 l;
	char			 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char			 c[TEXT_MONEY_MAX], w1[16], w2[16], w3[16];
	char			 p1[160], p2[64], p3[64], p4[64], p5[64];
	int			 i, j;

	fprintf(out, _("\n== Équipe %s ==\n"), t->name);
	for (i = 0; i < t->ncandidates; i++)
		fprintf(out, "  %s%s%s%s\n", t->candidates[i].name,
		    t->candidates[i].role >= 0 ? " — " : "",
		    t->candidates[i].role >= 0 ?
		    s->roles[t->candidates[i].role].label : "",
		    t->candidates[i].extra_time > 0 ? _(" (temps majoré)") : "");
	game_ledger(g, t, &l);
	fprintf(out, _("\nBudget (enveloppe %s, réserve %s dont %s "
	    "utilisés)\n"), text_money(a, l.envelope),
	    text_money(b, l.reserve), text_money(c, l.reserve_drawn));
	fprintf(out, "  %s %s %s %s %s\n",
	    wrap_pad(p1, sizeof p1, _("ligne"), 34, 0),
	    wrap_pad(p2, sizeof p2, _("prévu"), 12, 1),
	    wrap_pad(p3, sizeof p3, _("engagé"), 12, 1),
	    wrap_pad(p4, sizeof p4, _("dépensé"), 12, 1),
	    wrap_pad(p5, sizeof p5, _("dont imprévus"), 14, 1));
	for (i = 0; i <= l.nlines; i++) {
		const struct ledger_line *x = i < l.nlines ? &l.lines[i] :
		    &l.total;

		fprintf(out, "  %s %s %s %s %s\n",
		    wrap_pad(p1, sizeof p1, i < l.nlines ? s->lines[i].label :
		    _("Total"), 34, 0),
		    wrap_pad(p2, sizeof p2, text_money(a, x->forecast), 12, 1),
		    wrap_pad(p3, sizeof p3, text_money(b, x->committed), 12, 1),
		    wrap_pad(p4, sizeof p4, text_money(c, x->actual), 12, 1),
		    wrap_pad(p5, sizeof p5, text_money(a, x->unplanned), 14, 1));
	}
	fprintf(out, _("  Réserve restante %s · marge %s"), text_money(a,
	    l.reserve_left), text_money(b, l.margin));
	if (l.total.savings > 0)
		fprintf(out, _(" · économies %s"), text_money(a,
		    l.total.savings));
	if (l.overrun > 0)
		fprintf(out, _(" · DÉPASSEMENT PRÉVU %s"), text_money(a,
		    l.overrun));
	fprintf(out, "\n");
	fprintf(out, _("\nLots (plan → réel)\n"));
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		char owner[200] = "";

		if (p->owner == OWNER_SUPPLIER)
			snprintf(owner, sizeof owner, "%s",
			    s->suppliers[p->supplier].name);
		else if (p->owner == OWNER_INTERNAL)
			for (j = 0; j < s->nstaff; j++)
				if (p->staff[j])
					snprintf(owner + strlen(owner),
					    sizeof owner - strlen(owner), "%s%s",
					    owner[0] ? ", " : "", s->staff[j].id);
		show_week(s, p->plan_start, w1, sizeof w1);
		show_week(s, p->plan_end, w2, sizeof w2);
		show_week(s, p->finished, w3, sizeof w3);
		fprintf(out, _("  %s %s %s→%s livré %s q=%3d %s [%s]\n"),
		    wrap_pad(p1, sizeof p1, s->packages[i].id, 14, 0),
		    wrap_pad(p2, sizeof p2, _(status_names[p->status]), 8, 0),
		    wrap_pad(p3, sizeof p3, w1, 4, 1),
		    wrap_pad(p4, sizeof p4, w2, 4, 0),
		    wrap_pad(p5, sizeof p5, w3, 4, 0), p->quality, game_package_late(g, t, i) ?
		    _("EN RETARD") : "         ", owner[0] ? owner :
		    _("sans responsable"));
	}
	fprintf(out, _("\nÉquipe interne\n"));
	for (i = 0; i < s->nstaff; i++) {
		fprintf(out, _("  %-14s moral %3d %%  fatigue %3d %%"),
		    s->staff[i].id, t->staff[i].morale, t->staff[i].fatigue);
		for (j = 0; j < s->staff[i].nneeds; j++)
			fprintf(out, _("  besoin %d : %s"), j + 1,
			    t->staff[i].accommodated[j] ? _("aménagé") :
			    _("NON COUVERT"));
		fprintf(out, "\n");
	}
	for (i = 0; i < s->nsuppliers; i++)
		if (game_supplier_used(s, t, i))
			fprintf(out, _("  prestataire %-14s %s\n"),
			    s->suppliers[i].id, t->suppliers[i].framed ?
			    _("relation cadrée") : _("relation NON cadrée"));
	fprintf(out, _("\nIncidents\n"));
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		if (o->status == OCC_OPEN) {
			int64_t left = (o->deadline - now) / 1000;

			fprintf(out, _("  n°%d [%s] %s — reste %lld min "
			    "%02lld s\n"),
			    i + 1, _(scenario_incident_category_labels[
			    inc->category]), inc->title,
			    (long long)(left > 0 ? left / 60 : 0),
			    (long long)(left > 0 ? left % 60 : 0));
			fprintf(out, "      %s\n", inc->text);
			for (j = 0; j < inc->noptions; j++)
				fprintf(out, "      option=%s : %s\n",
				    inc->options[j].id, inc->options[j].label);
		} else
			fprintf(out, _("  n°%d %s — %s\n"), i + 1, inc->title,
			    o->status == OCC_ANSWERED ?
			    inc->options[o->option].label :
			    _("sans réponse : défaut appliqué"));
	}
	fprintf(out, _("\nPoints de situation\n"));
	for (i = 0; i < t->nrequests; i++) {
		const struct status_request *r = &t->requests[i];

		fprintf(out, _("  n°%d %s (%d min) : %s"), i + 1, r->title,
		    r->deadline_minutes, !r->submitted ? _("à rendre") :
		    r->late ? _("rendu en retard") : _("rendu à l'heure"));
		if (r->submitted)
			fprintf(out, _(" par %s ; risques %s, arbitrages %s, "
			    "suivi %s ; %d/100"), r->submitter ? r->submitter :
			    r->authors, _(game_point_part_labels[r->parts[0]]),
			    _(game_point_part_labels[r->parts[1]]),
			    _(game_point_part_labels[r->parts[2]]),
			    game_point_score(r));
		fputc('\n', out);
	}
	game_plan_issues(g, t, &pi);
	fprintf(out, _("\nAlertes du planning (%d)\n"), pi.count);
	for (i = 0; i < pi.count; i++)
		fprintf(out, "  ! %s\n", pi.items[i]);
	game_plan_issues_release(&pi);
	game_compute_results(g, (int)(t - g->teams));
	fprintf(out, _("\nIndicateurs E3%s\n"), g->phase == PHASE_LAUNCHED ?
	    "" : _(" (provisoires)"));
	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		if (t->result.e3_assessed[i])
			fprintf(out, "  %3d/100  ", t->result.e3[i]);
		else
			fprintf(out, "      —  ");
		fprintf(out, _("%s (%s) : %s — %s ; règle : %s ; preuves :"),
		    _(scenario_e3_labels[i]), scenario_e3_codes[i],
		    _(game_e3_level_labels[game_e3_level(&t->result, i)]),
		    t->result.e3_comment[i] ?
		    later_text(t->result.e3_comment[i]) : "",
		    _(scenario_e3_rules[i]));
		for (j = 0; j < t->result.e3_nevidence[i]; j++)
			fprintf(out, " #%lld",
			    (long long)t->result.e3_evidence[i][j]);
		fprintf(out, "\n");
	}
	if (g->phase == PHASE_LAUNCHED) {
		fprintf(out, _("\nRésultats : %d livré(s) à l'heure, %d en "
		    "retard, %d manquant(s) ; dépensé %s sur %s ; qualité %d %% ; "
		    "accessibilité %d %% ; score %d/100, E3 %d/100\n"),
		    t->result.on_time, t->result.late, t->result.missing,
		    text_money(a, t->result.spent),
		    text_money(b, t->result.envelope), t->result.quality,
		    t->result.accessibility, t->result.score,
		    t->result.e3_score);
		for (i = 0; i < s->nobjectives; i++)
			fprintf(out, _("  %s : %s / %s %s\n"),
			    s->objectives[i].label,
			    text_thousands(a, t->result.kpi[i]),
			    text_thousands(b, s->objectives[i].target),
			    s->objectives[i].unit);
	}
	fprintf(out, _("\nPourquoi (explications)\n"));
	for (i = 0; i < t->nexplanations; i++) {
		fprintf(out, "  S%d %s", t->explanations[i].week,
		    later_text(t->explanations[i].say));
		for (j = 0; j < t->explanations[i].nseqs; j++)
			fprintf(out, " #%lld",
			    (long long)t->explanations[i].seqs[j]);
		fprintf(out, "\n");
	}
}

/* One line of the ledger (or its total, id NULL), in euros. */
static json_t *
show_ledger_line(const char *id, const struct ledger_line *x)
{
	json_t	*o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
		    "forecast", (json_int_t)text_euros(x->forecast),
		    "planned", (json_int_t)text_euros(x->planned),
		    "committed", (json_int_t)text_euros(x->committed),
		    "actual", (json_int_t)text_euros(x->actual),
		    "unplanned", (json_int_t)text_euros(x->unplanned),
		    "drawn", (json_int_t)text_euros(x->drawn),
		    "savings", (json_int_t)text_euros(x->savings),
		    "spent", (json_int_t)text_euros(x->spent));

	if (id != NULL)
		json_object_set_new(o, "line", json_string(id));
	return o;
}

static json_t *
show_team_json(struct game *g, struct team *t)
{
	const struct scenario	*s = g->scenario;
	json_t			*o = json_object(), *arr, *x;
	struct ledger		 l;
	int			 i, j;

	json_object_set_new(o, "name", json_string(t->name));
	game_ledger(g, t, &l);
	/* Euros, rounded as the texts show them (text_euros()). */
	json_object_set_new(o, "envelope", json_integer(text_euros(l.envelope)));
	json_object_set_new(o, "reserve", json_integer(text_euros(l.reserve)));
	json_object_set_new(o, "reserve_used",
	    json_integer(text_euros(l.reserve_drawn)));
	json_object_set_new(o, "reserve_left",
	    json_integer(text_euros(l.reserve_left)));
	json_object_set_new(o, "margin", json_integer(text_euros(l.margin)));
	json_object_set_new(o, "overrun", json_integer(text_euros(l.overrun)));
	json_object_set_new(o, "budget_total", show_ledger_line(NULL,
	    &l.total));
	arr = json_array();
	for (i = 0; i < l.nlines; i++)
		json_array_append_new(arr, show_ledger_line(s->lines[i].id,
		    &l.lines[i]));
	json_object_set_new(o, "budget", arr);
	arr = json_array();
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		x = json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:b}", "id",
		    s->packages[i].id, "status", status_names[p->status],
		    "plan_start", p->plan_start, "plan_end", p->plan_end,
		    "started", p->started, "finished", p->finished,
		    "quality", p->quality, "late", game_package_late(g, t, i));
		if (p->owner == OWNER_SUPPLIER)
			json_object_set_new(x, "supplier",
			    json_string(s->suppliers[p->supplier].id));
		else if (p->owner == OWNER_INTERNAL) {
			json_t *who = json_array();

			for (j = 0; j < s->nstaff; j++)
				if (p->staff[j])
					json_array_append_new(who,
					    json_string(s->staff[j].id));
			json_object_set_new(x, "staff", who);
		}
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "packages", arr);
	arr = json_array();
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *oc = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, oc);

		x = json_pack("{s:i,s:s,s:s,s:i,s:I}", "number", i + 1,
		    "incident", inc->id, "title", inc->title, "week", oc->week,
		    "opened_seq", (json_int_t)oc->opened_seq);
		json_object_set_new(x, "status", json_string(
		    oc->status == OCC_OPEN ? "open" : oc->status ==
		    OCC_ANSWERED ? "answered" : "defaulted"));
		if (oc->status == OCC_ANSWERED)
			json_object_set_new(x, "option",
			    json_string(inc->options[oc->option].id));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "incidents", arr);
	arr = json_array();
	for (i = 0; i < t->nrequests; i++)
		json_array_append_new(arr, json_pack("{s:i,s:s,s:b,s:b,s:i}",
		    "number", i + 1, "title", t->requests[i].title,
		    "submitted", t->requests[i].submitted, "late",
		    t->requests[i].late, "score",
		    game_point_score(&t->requests[i])));
	json_object_set_new(o, "status_points", arr);
	game_compute_results(g, (int)(t - g->teams));
	x = json_object();
	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		json_t *ev = json_array();

		for (j = 0; j < t->result.e3_nevidence[i]; j++)
			json_array_append_new(ev,
			    json_integer(t->result.e3_evidence[i][j]));
		json_object_set_new(x, scenario_e3_keys[i], json_pack(
		    "{s:i,s:b,s:s,s:s,s:s,s:s,s:o}", "indicator", t->result.e3[i],
		    "assessed", t->result.e3_assessed[i], "level",
		    _(game_e3_level_labels[game_e3_level(&t->result, i)]),
		    "codes", scenario_e3_codes[i], "rule",
		    _(scenario_e3_rules[i]), "comment", t->result.e3_comment[i] ?
		    later_text(t->result.e3_comment[i]) : "", "evidence", ev));
	}
	json_object_set_new(o, "e3", x);
	if (g->phase == PHASE_LAUNCHED)
		json_object_set_new(o, "results", json_pack("{s:i,s:i,s:i,s:I,"
		    "s:i,s:i,s:i,s:i}", "on_time", t->result.on_time, "late",
		    t->result.late, "missing", t->result.missing, "spent",
		    (json_int_t)(t->result.spent / 100), "quality",
		    t->result.quality, "accessibility", t->result.accessibility,
		    "score", t->result.score, "e3_score", t->result.e3_score));
	arr = json_array();
	for (i = 0; i < t->nexplanations; i++)
		json_array_append_new(arr, json_pack("{s:i,s:s}", "week",
		    t->explanations[i].week, "text",
		    later_text(t->explanations[i].say)));
	json_object_set_new(o, "explanations", arr);
	return o;
}

/* The usage line, for --help and every misuse. */
static const char *const show_usage =
    N_("Usage : pilote show SESSION [--team NOM] [--at N] [--json]\n");

int
cli_show(int argc, char **argv)
{
	struct session	*ss = NULL;
	const char	*path = NULL, *team = NULL;
	char		*cause = NULL, *warning = NULL, hash[65];
	char		 team_hash[GAME_MAX_TEAMS][65];
	int64_t		 upto = 0;
	uint64_t	 at;
	int		 i, t, rc = EX_OK;
	bool		 json = false;
	json_t		*o, *teams;
	struct cli_terminal term;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(_(show_usage), stdout);
			fputs(_("Affiche l'état de la session (ou tel qu'il était "
			    "après l'événement N)\net son empreinte (identique en "
			    "direct et au rejeu).\n"), stdout);
			return EX_OK;
		}
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--team") == 0 && i + 1 < argc)
			team = argv[++i];
		else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
			if (!text_parse_uint(argv[++i], INT64_MAX, &at) ||
			    at < 1) {
				fprintf(stderr, _("pilote show : --at attend un "
				    "numéro d'événement (1 ou plus)\n"));
				return EX_USAGE;
			}
			upto = (int64_t)at;
		} else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			fputs(_(show_usage), stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL) {
		fputs(_(show_usage), stderr);
		return EX_USAGE;
	}
	if (session_open(path, false, upto, &ss, &warning, &cause) == -1) {
		fprintf(stderr, "pilote show : %s\n", cause);
		rc = session_failure_exit();
		goto out;
	}
	if (warning != NULL)
		fprintf(stderr, "pilote show : %s\n", warning);
	if (team != NULL && game_team_index(ss->game, team) < 0) {
		fprintf(stderr, _("pilote show : équipe « %s » inconnue\n"),
		    team);
		rc = EX_USAGE;
		goto out;
	}
	/* Before the views compute their result previews. */
	session_state_hash(ss->game, hash);
	for (t = 0; t < ss->game->nteams; t++)
		session_team_hash(ss->game, t, team_hash[t]);
	if (json) {
		o = json_pack("{s:s,s:s,s:i,s:I,s:b,s:s}", "scenario",
		    ss->scenario->id, "phase", phase_names[ss->game->phase],
		    "week", ss->game->week, "seq",
		    (json_int_t)ss->game->last_seq, "paused", ss->game->paused,
		    "state_hash", hash);
		teams = json_array();
		for (t = 0; t < ss->game->nteams; t++)
			if (team == NULL || strcmp(team,
			    ss->game->teams[t].name) == 0)
				json_array_append_new(teams, show_team_json(
				    ss->game, &ss->game->teams[t]));
		json_object_set_new(o, "teams", teams);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("\n");
		json_decref(o);
		goto out;
	}
	cli_terminal_open(&term);
	fprintf(term.out, _("Session %s — « %s »\nPhase : %s, semaine %d sur "
	    "%d%s, %lld événement(s)\n"), path, ss->scenario->title,
	    _(phase_names[ss->game->phase]), ss->game->week,
	    ss->scenario->weeks, ss->game->paused ? _(", chronomètre en pause") :
	    "", (long long)ss->game->last_seq);
	for (t = 0; t < ss->game->nteams; t++)
		if (team == NULL || strcmp(team, ss->game->teams[t].name) == 0)
			show_team_text(term.out, ss->game, &ss->game->teams[t],
			    game_effective_time(ss->game, upto > 0 ?
			    ss->game->last_time : session_now()));
	fprintf(term.out, "\n");
	/* What the team's consoles fold to (pilote do through a host). */
	for (t = 0; t < ss->game->nteams; t++)
		if (team == NULL || strcmp(team, ss->game->teams[t].name) == 0)
			fprintf(term.out, _("Empreinte de l'équipe %s : %s\n"),
			    ss->game->teams[t].name, team_hash[t]);
	fprintf(term.out, _("Empreinte de l'état : %s\n"), hash);
	if (cli_terminal_close(&term) == -1)
		rc = EX_IOERR;
out:
	free(cause);
	free(warning);
	session_close(ss);
	return rc;
}
