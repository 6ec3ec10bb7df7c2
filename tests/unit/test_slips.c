/*
 * test_slips: the access slips (io/slips.h) and the join codes' rule
 * (io/joincode.h).  The slips are read structurally: one slip per team
 * and per candidate, each code where its holder's command is, names
 * escaped for HTML and quoted for the shell; the contexts are checked
 * against the strings the host derived its codes from before the rule
 * moved (a code the host would refuse must never be printed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"

#include "core/game.h"
#include "io/joincode.h"
#include "io/slips.h"

static char *
count_and_find(const char *hay, const char *needle, int *n)
{
	const char	*p;

	*n = 0;
	for (p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		(*n)++;
	return strstr(hay, needle);
}

static void
contexts_are_the_hosts(void **state)
{
	char	*c;

	(void)state;
	c = joincode_context("Alpha", NULL, 0);
	assert_string_equal(c, "pilote-join-v1:team:Alpha");
	free(c);
	c = joincode_context("Alpha", NULL, 2);
	assert_string_equal(c, "pilote-join-v1:renewed:2:team:Alpha");
	free(c);
	c = joincode_context("Alpha", "Léa Martin", 0);
	assert_string_equal(c, "pilote-join-v1:candidate:5:Alpha:Léa Martin");
	free(c);
	c = joincode_context("Alpha", "Léa Martin", 1);
	assert_string_equal(c,
	    "pilote-join-v1:renewed:1:candidate:5:Alpha:Léa Martin");
	free(c);
	c = joincode_gens_path("saves/a.jsonl");
	assert_string_equal(c, "saves/keys/a.jsonl.codes");
	free(c);
}

static void
slips_one_per_team_and_candidate(void **state)
{
	/* Writable copies: struct candidate's names are char *. */
	char			 lea[] = "Léa Martin", hugo[] = "Hugo O'Petit";
	char			 zoe[] = "Zoé <Roux>", alpha[] = "Alpha";
	char			 beta[] = "Beta & co";
	struct candidate	 ca[2] = { { .name = lea }, { .name = hugo } };
	struct candidate	 cb[1] = { { .name = zoe } };
	struct team		 teams[2];
	struct game		 g;
	struct joincodes	 jc;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 n;

	(void)state;
	memset(&g, 0, sizeof g);
	memset(teams, 0, sizeof teams);
	memset(&jc, 0, sizeof jc);
	teams[0].name = alpha;
	teams[0].candidates = ca;
	teams[0].ncandidates = 2;
	teams[1].name = beta;
	teams[1].candidates = cb;
	teams[1].ncandidates = 1;
	g.teams = teams;
	g.nteams = 2;
	strcpy(jc.team[0], "AAAABBBB");
	strcpy(jc.team[1], "CCCCDDDD");
	strcpy(jc.personal[0][0], "EEEEFFFF");
	strcpy(jc.personal[0][1], "GGGGHHHH");
	strcpy(jc.personal[1][0], "JJJJKKKK");
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(slips_html(f, &g, &jc, "/srv/p/a.jsonl",
	    "alpha@poste"), 0);
	assert_int_equal(fclose(f), 0);

	/* 2 team slips + 3 candidate slips, each with its cut line. */
	count_and_find(buf, "<section class=\"slip\">", &n);
	assert_int_equal(n, 5);
	count_and_find(buf, "✂", &n);
	assert_int_equal(n, 5);
	count_and_find(buf, "ssh alpha@poste\n", &n);
	assert_int_equal(n, 5);
	/* No slip split across pages, A4. */
	assert_non_null(strstr(buf, "page-break-inside:avoid"));
	assert_non_null(strstr(buf, "@page{size:A4"));
	/* Codes read aloud as 4-4, each before its holder's command. */
	assert_true(strstr(buf, "AAAA-BBBB") < strstr(buf, "pilote join "
	    "'/srv/p/a.jsonl' --team 'Alpha' --as 'Prénom Nom'"));
	assert_true(strstr(buf, "EEEE-FFFF") < strstr(buf, "--as 'Léa "
	    "Martin'"));
	assert_non_null(strstr(buf, "--as 'Hugo O'\\''Petit'"));
	assert_true(strstr(buf, "GGGG-HHHH") < strstr(buf, "O'\\''Petit"));
	/* HTML escaped, never markup. */
	assert_null(strstr(buf, "<Roux>"));
	assert_non_null(strstr(buf, "Zoé &lt;Roux&gt;"));
	assert_non_null(strstr(buf, "--team 'Beta &amp; co'"));
	assert_non_null(strstr(buf, "JJJJ-KKKK"));
	/* A team slip lists its candidates, never their personal codes. */
	assert_non_null(strstr(buf, "Candidats : Léa Martin, Hugo O&#39;Petit"));
	assert_true(strstr(buf, "CCCC-DDDD") > strstr(buf, "GGGG-HHHH"));
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contexts_are_the_hosts),
		cmocka_unit_test(slips_one_per_team_and_candidate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
