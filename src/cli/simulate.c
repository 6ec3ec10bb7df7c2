/*
 * simulate: "pilote simulate SCENARIO --runs N [--policy NOM] [--seed N]"
 * plays N whole games in memory (no journal) with the built-in policies,
 * one team per policy, each game with its own seed, the trainer requesting
 * the scenario's planned status points on time, and prints the spread of
 * outcomes per policy: so a trainer sees whether a scenario is neither
 * trivial (the passive player wins) nor impossible (the cautious one fails).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/game.h"
#include "core/policy.h"
#include "io/scenario_load.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define SIM_MAX_JOBS	64

struct sim_stats {
	int	 n;
	int	 score_min, score_max;
	long	 score_sum, e3_sum, on_time_sum, missing_sum, kpi_sum;
	long	 over_sum;		/* % over the envelope */
	long	 e3_crit_sum[E3_CRITERION_COUNT];
	int	 e3_crit_n[E3_CRITERION_COUNT];	/* runs it was assessed */
	int	 all_delivered;		/* runs with nothing missing */
};

static int
sim_apply(struct game *g, struct event *e, int64_t *clock)
{
	char	*cause = NULL;

	*clock += 60000;
	e->time = *clock;
	e->seq = g->last_seq + 1;
	if (game_submit(g, e, &cause) == -1) {
		free(cause);
		return -1;
	}
	return 0;
}

static void
sim_trainer(struct game *g, const char *type, const char *point,
    int64_t *clock)
{
	struct event	 e;

	event_init(&e);
	event_set(&e.type, type);
	event_set(&e.actor, GAME_TRAINER);
	if (point != NULL)
		record_set_text(&e.data, "point", point);
	sim_apply(g, &e, clock);
	event_release(&e);
}

static void
sim_moves(struct game *g, struct policy_moves *m, int64_t *clock)
{
	int	 i;

	for (i = 0; i < m->count; i++)
		sim_apply(g, &m->events[i], clock);
	policy_moves_release(m);
}

static void
sim_game(const struct scenario *s, uint64_t seed, const int *policies,
    int npolicies, struct sim_stats *stats)
{
	struct game_setup	 setup;
	struct game		*g;
	struct policy_moves	 m;
	int64_t			 clock = 1800000000000LL;
	int			 i, k, w;

	memset(&setup, 0, sizeof setup);
	setup.seed = seed;
	setup.nteams = npolicies;
	for (i = 0; i < npolicies; i++) {
		setup.teams[i].name = policy_names[policies[i]];
		setup.teams[i].ncandidates = 1;
		setup.teams[i].candidates[0].name = "Joueur";
	}
	g = game_new(s, &setup);
	for (i = 0; i < npolicies; i++) {
		policy_frame(g, i, (enum policy_kind)policies[i], &m);
		sim_moves(g, &m, &clock);
	}
	sim_trainer(g, "ouvrir_pilotage", NULL, &clock);
	for (w = 1; w <= s->weeks && g->phase == PHASE_PILOTING; w++) {
		for (k = 0; k < s->nstatus_points; k++)
			if (s->status_points[k].week == w)
				sim_trainer(g, "demander_point",
				    s->status_points[k].id, &clock);
		for (i = 0; i < npolicies; i++) {
			policy_week(g, i, (enum policy_kind)policies[i], &m);
			sim_moves(g, &m, &clock);
		}
		sim_trainer(g, "cloturer_semaine", NULL, &clock);
	}
	if (getenv("PILOTE_SIMULATE_DUMP") != NULL) {
		char *dump = game_dump(g);

		fputs(dump, stderr);
		free(dump);
		for (i = 0; i < npolicies; i++)
			fprintf(stderr, "%s: %s\n", g->teams[i].name,
			    g->teams[i].framing_summary ?
			    g->teams[i].framing_summary : "");
	}
	for (i = 0; i < npolicies; i++) {
		struct team_result	*r = &g->teams[i].result;
		struct sim_stats	*st = &stats[i];

		for (k = 0; k < E3_CRITERION_COUNT; k++)
			if (r->e3_assessed[k]) {
				st->e3_crit_sum[k] += r->e3[k];
				st->e3_crit_n[k]++;
			}
		if (st->n == 0 || r->score < st->score_min)
			st->score_min = r->score;
		if (st->n == 0 || r->score > st->score_max)
			st->score_max = r->score;
		st->n++;
		st->score_sum += r->score;
		st->e3_sum += r->e3_score;
		st->on_time_sum += r->on_time;
		st->missing_sum += r->missing;
		/* The way travelled from each objective's start to its
		 * target, weighted: what the results screen shows. */
		st->kpi_sum += r->scores[RESULT_KPI];
		st->over_sum += r->envelope > 0 ? (long)((r->spent - r->envelope)
		    * 100 / r->envelope) : 0;
		if (r->missing == 0)
			st->all_delivered++;
	}
	game_free(g);
}

/* Adds what one worker counted to the totals: sums and bounds only, so
 * that the order of the workers does not change a digit. */
static void
sim_merge(struct sim_stats *into, const struct sim_stats *from, int n)
{
	int	 i, c;

	for (i = 0; i < n; i++) {
		struct sim_stats *a = &into[i];
		const struct sim_stats *b = &from[i];

		if (b->n == 0)
			continue;
		if (a->n == 0 || b->score_min < a->score_min)
			a->score_min = b->score_min;
		if (a->n == 0 || b->score_max > a->score_max)
			a->score_max = b->score_max;
		a->n += b->n;
		a->score_sum += b->score_sum;
		a->e3_sum += b->e3_sum;
		a->on_time_sum += b->on_time_sum;
		a->missing_sum += b->missing_sum;
		a->kpi_sum += b->kpi_sum;
		a->over_sum += b->over_sum;
		a->all_delivered += b->all_delivered;
		for (c = 0; c < E3_CRITERION_COUNT; c++) {
			a->e3_crit_sum[c] += b->e3_crit_sum[c];
			a->e3_crit_n[c] += b->e3_crit_n[c];
		}
	}
}

/*
 * Runs seed + k for every k ≡ job (mod jobs), in jobs processes (the
 * engine is pure: each game is the same wherever it is played); the
 * totals do not depend on jobs.  0, or -1 if a worker failed.
 */
static int
sim_all(const struct scenario *s, unsigned long long seed, long runs,
    int jobs, const int *policies, int npolicies, struct sim_stats *stats)
{
	struct sim_stats	 part[POLICY_COUNT];
	pid_t			 pids[SIM_MAX_JOBS];
	int			 fds[SIM_MAX_JOBS], fd[2], j, status, rc = 0;
	long			 k;
	size_t			 got;
	ssize_t			 n;

	if (jobs <= 1) {
		for (k = 0; k < runs; k++)
			sim_game(s, seed + (unsigned long long)k, policies,
			    npolicies, stats);
		return 0;
	}
	fflush(NULL);
	for (j = 0; j < jobs; j++) {
		if (pipe(fd) == -1 || (pids[j] = fork()) == -1) {
			fprintf(stderr, _("pilote simulate : %s\n"),
			    strerror(errno));
			jobs = j;
			rc = -1;
			break;
		}
		if (pids[j] == 0) {
			close(fd[0]);
			memset(part, 0, sizeof part);
			for (k = j; k < runs; k += jobs)
				sim_game(s, seed + (unsigned long long)k,
				    policies, npolicies, part);
			_exit(write(fd[1], part, sizeof part) ==
			    (ssize_t)sizeof part ? 0 : 1);
		}
		close(fd[1]);
		fds[j] = fd[0];
	}
	for (j = 0; j < jobs; j++) {
		for (got = 0; got < sizeof part; got += (size_t)n)
			if ((n = read(fds[j], (char *)part + got,
			    sizeof part - got)) <= 0)
				break;
		close(fds[j]);
		if (waitpid(pids[j], &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0 || got != sizeof part) {
			rc = -1;
			continue;
		}
		sim_merge(stats, part, npolicies);
	}
	return rc;
}

/* The usage line, for --help and every misuse. */
static const char *const simulate_usage =
    N_("Usage : pilote simulate SCÉNARIO [--runs N] [--policy NOM] "
    "[--seed N] [--jobs N] [--markdown]\n");

/* The mean of criterion k for a policy, or -1 when never assessed. */
static double
sim_criterion(const struct sim_stats *st, int k)
{
	return st->e3_crit_n[k] > 0 ? (double)st->e3_crit_sum[k] /
	    st->e3_crit_n[k] : -1.0;
}

/* The E3 per criterion, one column per policy (text or Markdown). */
static void
sim_print_criteria(const struct sim_stats *stats, const int *policies,
    int npolicies, bool markdown)
{
	int	 k, c;
	double	 v;

	if (markdown) {
		printf("| %s |", _("critère E3"));
		for (k = 0; k < npolicies; k++)
			printf(" %s |", policy_names[policies[k]]);
		printf("\n|---|");
		for (k = 0; k < npolicies; k++)
			printf("---:|");
		putchar('\n');
	} else {
		printf(_("\nE3 par critère (moyenne des parties où il est "
		    "évaluable ; « — » : jamais)\n"));
		printf("%-16s", "");
		for (k = 0; k < npolicies; k++)
			printf(" %12s", policy_names[policies[k]]);
		putchar('\n');
	}
	for (c = 0; c < E3_CRITERION_COUNT; c++) {
		printf(markdown ? "| %s |" : "%-16s", scenario_e3_keys[c]);
		for (k = 0; k < npolicies; k++) {
			v = sim_criterion(&stats[k], c);
			if (v < 0)
				printf(markdown ? " — |" : " %12s", "—");
			else
				printf(markdown ? " %.0f |" : " %12.0f", v);
		}
		putchar('\n');
	}
	printf(markdown ? "| **E3** |" : "%-16s", "E3");
	for (k = 0; k < npolicies; k++)
		printf(markdown ? " **%.0f** |" : " %12.0f",
		    (double)stats[k].e3_sum / stats[k].n);
	putchar('\n');
}

int
cli_simulate(int argc, char **argv)
{
	struct scenario		*s = NULL;
	struct sim_stats	 stats[POLICY_COUNT];
	struct diag		 d;
	struct timespec		 t0, t1;
	const char		*path = NULL;
	int			 policies[POLICY_COUNT], npolicies = 0, i, k;
	int			 jobs_asked = 0;
	char			*named;
	long			 runs = 20, cores;
	bool			 markdown = false;
	int			 jobs;
	unsigned long long	 seed = 1;
	uint64_t		 n;
	double			 secs;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(_(simulate_usage), stdout);
			printf(_("Joue N parties complètes avec des joueurs "
			    "automatiques et affiche la\ndispersion des "
			    "résultats, pour vérifier qu'un scénario n'est ni "
			    "trivial ni\nimpossible. Joueurs : passive (ne "
			    "cadre rien, ne répond jamais),\ncautious (cadre "
			    "tout, prudent), aggressive (au moins cher),\n"
			    "form-filler (coche tout, « x » partout, pires "
			    "options). Par défaut : les quatre.\n"
			    "--markdown : le tableau des critères E3 en "
			    "Markdown (scenarios/README.md).\n"
			    "--jobs N : parties jouées par N processus (défaut : "
			    "un par cœur) ;\nles résultats sont les mêmes quel "
			    "que soit N.\n"));
			return EX_OK;
		}
		if (strcmp(argv[i], "--markdown") == 0) {
			markdown = true;
			continue;
		}
		if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
			if (!text_parse_uint(argv[++i], SIM_MAX_JOBS, &n) ||
			    n < 1) {
				fprintf(stderr, _("pilote simulate : --jobs de 1 "
				    "à %d\n"), SIM_MAX_JOBS);
				return EX_USAGE;
			}
			jobs_asked = (int)n;
			continue;
		}
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
			if (!text_parse_uint(argv[++i], 1000000, &n) ||
			    n < 1) {
				fprintf(stderr, _("pilote simulate : --runs de 1 "
				    "à 1 000 000\n"));
				return EX_USAGE;
			}
			runs = (long)n;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			if (!text_parse_uint(argv[++i], INT64_MAX, &n)) {
				fprintf(stderr, _("pilote simulate : --seed "
				    "attend un entier positif\n"));
				return EX_USAGE;
			}
			seed = n;
		} else if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc) {
			i++;
			for (k = 0; k < POLICY_COUNT; k++)
				if (strcmp(argv[i], policy_names[k]) == 0)
					break;
			if (k == POLICY_COUNT) {
				fprintf(stderr, _("pilote simulate : joueur "
				    "« %s » inconnu (passive, cautious, "
				    "aggressive, form-filler)\n"), argv[i]);
				return EX_USAGE;
			}
			policies[npolicies++] = k;
			if (npolicies == POLICY_COUNT)
				break;
		} else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			fputs(_(simulate_usage), stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL) {
		fputs(_(simulate_usage), stderr);
		return EX_USAGE;
	}
	if (npolicies == 0)
		for (k = 0; k < POLICY_COUNT; k++)
			policies[npolicies++] = k;
	diag_init(&d);
	named = cli_scenario_path(path);
	k = scenario_load(named, &s, &d);
	free(named);
	diag_release(&d);
	if (k != SCENARIO_LOAD_OK) {
		fprintf(stderr, _("pilote simulate : %s n'est pas valide "
		    "(pilote check %s)\n"), path, path);
		return k == SCENARIO_LOAD_UNREADABLE ? EX_NOINPUT : EX_DATAERR;
	}
	memset(stats, 0, sizeof stats);
	/* Every core by default; never more workers than games. */
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	jobs = jobs_asked > 0 ? jobs_asked : cores > 0 ? (int)(cores <
	    SIM_MAX_JOBS ? cores : SIM_MAX_JOBS) : 1;
	if (jobs > runs)
		jobs = (int)runs;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (sim_all(s, seed, runs, jobs, policies, npolicies, stats) == -1) {
		fprintf(stderr, _("pilote simulate : un processus de calcul a "
		    "échoué\n"));
		scenario_free(s);
		return EX_SOFTWARE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (markdown) {
		sim_print_criteria(stats, policies, npolicies, true);
		scenario_free(s);
		return EX_OK;
	}
	printf(_("« %s » : %ld partie(s), graines %llu à %llu\n\n"), s->title,
	    runs, seed, seed + (unsigned long long)runs - 1);
	printf(_("joueur       score moy. (min–max)  E3 moy.  lots à "
	    "l'heure  manquants  KPI atteints  budget  tout livré\n"));
	for (k = 0; k < npolicies; k++) {
		struct sim_stats *st = &stats[k];

		printf("%-12s %6.1f (%3d–%3d)  %7.1f  %7.1f/%-3d  %9.1f  "
		    "%10.1f %%  %+5.1f %%  %6.1f %%\n", policy_names[policies[k]],
		    (double)st->score_sum / st->n, st->score_min, st->score_max,
		    (double)st->e3_sum / st->n, (double)st->on_time_sum / st->n,
		    s->npackages, (double)st->missing_sum / st->n,
		    (double)st->kpi_sum / st->n, (double)st->over_sum / st->n,
		    100.0 * st->all_delivered / st->n);
	}
	sim_print_criteria(stats, policies, npolicies, false);
	printf(_("\n%.0f parties par seconde (%d équipe(s) par partie, %d "
	    "processus)\n"), secs > 0 ? (double)runs / secs : 0.0, npolicies,
	    jobs);
	scenario_free(s);
	return EX_OK;
}
