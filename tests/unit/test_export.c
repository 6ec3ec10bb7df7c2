/*
 * Unit tests for io/export: the REX file, the E3 grid (Markdown and CSV)
 * and the events table of a recorded session (tests/fixtures/export, made
 * by make_fixture.sh) match their expected files, are byte-identical from
 * one run to the next, and an altered journal is refused before any export;
 * texts of a journal older than the text rule are shown, never obeyed, by
 * every export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "unit/cmocka_prelude.h"
#include "cli/cli.h"
#include "core/game.h"
#include "io/event_json.h"
#include "io/export.h"
#include "util/xalloc.h"
#include "io/journal.h"
#include "io/scenario_load.h"
#include "io/report.h"
#include "io/marks.h"
#include "io/session.h"

#define FIX		"tests/fixtures/export/"
#define SESSION		FIX "session.jsonl"
#define CANDIDATE	"Inès Faure"

enum kind { KIND_REX, KIND_GRID_MD, KIND_GRID_CSV, KIND_EVENTS, KIND_REPORT,
	KIND_GRID_HTML };

static char *
read_all(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Opens the session as the command does; -1 and *cause if refused. */
static int
run_export(const char *path, enum kind k, char **text, char **cause)
{
	struct session	*ss;
	struct marks	 ms;
	char		*warning = NULL;

	*text = NULL;
	if (k == KIND_REPORT || k == KIND_GRID_HTML) {
		/* The report opens (and checks) the journal itself. */
		size_t	 len;
		FILE	*f = open_memstream(text, &len);
		int	 rc;

		assert_non_null(f);
		rc = k == KIND_REPORT ? report_html(path, f, cause) :
		    report_grid(path, f, cause);
		fclose(f);
		if (rc == -1) {
			free(*text);
			*text = NULL;
		}
		return rc == -1 ? -1 : 0;
	}
	if (session_open(path, false, 0, &ss, &warning, cause) == -1)
		return -1;
	free(warning);
	switch (k) {
	case KIND_REX:
		*text = export_rex(ss, CANDIDATE, cause);
		break;
	case KIND_GRID_MD:
	case KIND_GRID_CSV:
		assert_int_equal(marks_load(path, ss->journal, &ms, &warning,
		    cause), 0);
		assert_null(warning);
		*text = export_grid(ss, &ms, k == KIND_GRID_CSV ? EXPORT_CSV :
		    EXPORT_MARKDOWN);
		marks_release(&ms);
		break;
	case KIND_EVENTS:
		*text = export_events(ss);
		break;
	case KIND_REPORT:
	case KIND_GRID_HTML:
		break;		/* handled above */
	}
	session_close(ss);
	assert_non_null(*text);
	return 0;
}

static void
check_kind(enum kind k, const char *expected_path)
{
	char	*a, *b, *cause = NULL, *expected = read_all(expected_path);

	assert_int_equal(run_export(SESSION, k, &a, &cause), 0);
	assert_int_equal(run_export(SESSION, k, &b, &cause), 0);
	assert_string_equal(a, b);
	if (strcmp(a, expected) != 0) {
		/* What was made, for review: build/NAME.actual. */
		const char *base = strrchr(expected_path, '/');
		char *out = xasprintf("build/%s.actual", base ? base + 1 :
		    expected_path);
		FILE *f = fopen(out, "w");

		if (f != NULL) {
			fputs(a, f);
			fclose(f);
		}
		fail_msg("%s differs from the export (made: %s)",
		    expected_path, out);
	}
	free(a);
	free(b);
	free(expected);
}

static void
test_rex(void **state)
{
	char	*text, *cause = NULL;
	struct session *ss;
	char	*warning = NULL;

	(void)state;
	check_kind(KIND_REX, FIX "rex-ines-faure.md");
	/* The outline is left for the candidate, empty. */
	assert_int_equal(run_export(SESSION, KIND_REX, &text, &cause), 0);
	assert_non_null(strstr(text, "### Points d'amélioration\n\n"));
	assert_int_equal(strcmp(strstr(text, "### Points d'amélioration"),
	    "### Points d'amélioration\n\n"), 0);
	free(text);
	/* An unknown candidate is refused. */
	assert_int_equal(session_open(SESSION, false, 0, &ss, &warning,
	    &cause), 0);
	assert_null(export_rex(ss, "Personne", &cause));
	assert_non_null(strstr(cause, "Personne"));
	free(cause);
	free(warning);
	session_close(ss);
}

static void
test_grid(void **state)
{
	(void)state;
	check_kind(KIND_GRID_MD, FIX "grid.md");
	check_kind(KIND_GRID_CSV, FIX "grid.csv");
	check_kind(KIND_GRID_HTML, FIX "grid.html");
}

/* The REX, the grid and the report say local time with its zone, as the
 * replay shows it (08:01 UTC is 09:01 in Paris in January). */
static void
exports_show_local_time_with_its_zone(void **state)
{
	char	*text, *cause = NULL;

	(void)state;
	setenv("TZ", "CET-1", 1);	/* POSIX: no tzdata needed */
	tzset();
	assert_int_equal(run_export(SESSION, KIND_REPORT, &text, &cause), 0);
	assert_non_null(strstr(text, "Début : 15/01/2027 09:01:00 (CET)"));
	free(text);
	assert_int_equal(run_export(SESSION, KIND_REX, &text, &cause), 0);
	assert_non_null(strstr(text, "### n°7 — 09:07 (CET), cadrage"));
	free(text);
	assert_int_equal(run_export(SESSION, KIND_GRID_MD, &text, &cause), 0);
	assert_non_null(strstr(text, "heure locale, fuseau CET"));
	free(text);
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Point n°17 was handed in by Inès Faure, co-written by Léa Martin: both
 * have it as their CR14 evidence, Léa as co-author; Hugo Petit has none. */
static void
co_authors_of_a_status_point_have_it_as_evidence(void **state)
{
	char	*csv, *cause = NULL, *line;

	(void)state;
	assert_int_equal(run_export(SESSION, KIND_GRID_CSV, &csv, &cause), 0);
	line = strstr(csv, "\"Alpha\";\"Léa Martin\";\"CR14");
	assert_non_null(line);
	assert_non_null(strstr(line, "n°17 (08:57, co-auteur)"));
	assert_true(strstr(line, "n°17") < strstr(line, "\r\n"));
	line = strstr(csv, "\"Alpha\";\"Inès Faure\";\"CR14");
	assert_non_null(line);
	assert_true(strstr(line, "n°17 (08:57)") != NULL &&
	    strstr(line, "n°17 (08:57)") < strstr(line, "\r\n"));
	line = strstr(csv, "\"Alpha\";\"Hugo Petit\";\"CR14");
	assert_non_null(line);
	assert_true(strstr(line, "n°17") == NULL ||
	    strstr(line, "n°17") > strstr(line, "\r\n"));
	free(csv);
}

static void
test_events(void **state)
{
	char	*text = read_all(FIX "events.csv"), *p;

	(void)state;
	check_kind(KIND_EVENTS, FIX "events.csv");
	/* BOM, quoted fields, CRLF only. */
	assert_memory_equal(text, "\xEF\xBB\xBF\"", 4);
	for (p = text; (p = strchr(p, '\n')) != NULL; p++)
		assert_int_equal(p[-1], '\r');
	free(text);
}

static void
test_csv_quotes(void **state)
{
	char	*text, *cause = NULL;

	(void)state;
	assert_int_equal(run_export(SESSION, KIND_GRID_CSV, &text, &cause), 0);
	/* A comment with quotes keeps them, doubled. */
	assert_non_null(strstr(text, "\"Point co-écrit ; risques "
	    "\"\"chiffrés\"\"\""));
	free(text);
}

static void
test_report(void **state)
{
	(void)state;
	check_kind(KIND_REPORT, FIX "report.html");
}

static void
test_altered(void **state)
{
	const char	*copy = "build/test_export_altered.jsonl";
	char		*data = read_all(SESSION), *p, *text, *cause;
	char		*marks, *mcopy;
	FILE		*f;
	int		 line, k;

	(void)state;
	/* Flip one byte in line 11 (a middle line). */
	for (p = data, line = 1; line < 11; line++)
		p = strchr(p, '\n') + 1;
	p = strstr(p, "\"actor\":\"") + 9;
	*p ^= 0x01;
	f = fopen(copy, "wb");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
	marks = read_all(SESSION ".marks");
	mcopy = malloc(strlen(copy) + 7);
	assert_non_null(mcopy);
	sprintf(mcopy, "%s.marks", copy);
	f = fopen(mcopy, "wb");
	assert_non_null(f);
	fputs(marks, f);
	fclose(f);
	for (k = KIND_REX; k <= KIND_REPORT; k++) {
		cause = NULL;
		assert_int_equal(run_export(copy, (enum kind)k, &text, &cause),
		    -1);
		assert_null(text);
		assert_non_null(strstr(cause, "test_export_altered.jsonl:11:"));
		free(cause);
	}
	remove(copy);
	remove(mcopy);
	free(mcopy);
	free(marks);
	free(data);
}

static void
test_write(void **state)
{
	const char	*path = "build/test_export_write.md";
	char		*cause = NULL, *back;

	(void)state;
	assert_int_equal(export_write(path, "première\n", &cause), 0);
	assert_int_equal(export_write(path, "seconde\n", &cause), 0);
	back = read_all(path);
	assert_string_equal(back, "seconde\n");
	free(back);
	remove(path);
	/* No such directory: the output cannot be created (73). */
	assert_int_equal(export_write("build/nope/x/y.md", "z", &cause),
	    EX_CANTCREAT);
	assert_non_null(strstr(cause, "build/nope/x/y.md : écriture "
	    "impossible"));
	free(cause);
}

/*
 * A session whose journal holds texts the text rule now refuses, as one
 * written before it could: lines signed with the session's key, appended
 * without the engine's door.  The candidate's justification would run a
 * formula in a spreadsheet and colour a terminal; her mission would open
 * an HTML tag, a heading and a list, and reverse its end on screen.
 */
static const char *legacy_why = "=HYPERLINK(\"http://x\")\x1b[31m\a";
static const char *legacy_mission = "<script>alert(1)</script> [lien](j:x)"
    "\n# Titre\n1. liste _ici_ \xe2\x80\xae" "fin";

/* Journals e as it is, applied as a replay would (rules, not texts). */
static void
legacy_append(struct session *ss, struct event *e)
{
	json_t	*o = event_to_json(e);
	char	*cause = NULL;

	e->seq = (int64_t)journal_count(ss->journal);
	if (game_validate_journaled(ss->game, e, &cause) != 0)
		fail_msg("%s refused: %s", e->type, cause);
	assert_int_equal(journal_append(ss->journal, o, &cause), 0);
	game_apply(ss->game, e);
	json_decref(o);
	event_release(e);
}

static char *
legacy_session(char *dir)
{
	struct scenario		*s = NULL;
	struct session		*ss;
	struct game_setup	 setup;
	struct diag		 d;
	struct event		 e;
	struct journal		*mj;
	json_t			*header, *mark;
	char			*path, *cause = NULL, mpath[96];

	strcpy(dir, "/tmp/pilote-test-export-XXXXXX");
	assert_non_null(mkdtemp(dir));
	path = malloc(strlen(dir) + 16);
	assert_non_null(path);
	sprintf(path, "%s/s.jsonl", dir);
	diag_init(&d);
	assert_int_equal(scenario_load("tests/fixtures/mini.cfg", &s, &d),
	    SCENARIO_LOAD_OK);
	diag_release(&d);
	memset(&setup, 0, sizeof setup);
	setup.seed = 1;
	setup.nteams = 1;
	setup.teams[0].name = "Alpha";
	setup.teams[0].ncandidates = 1;
	setup.teams[0].candidates[0].name = CANDIDATE;
	assert_int_equal(session_create(path, s, &setup, &ss, &cause), 0);
	event_init(&e);
	e.time = INT64_C(1800000000000);
	event_set(&e.team, "Alpha");
	event_set(&e.actor, CANDIDATE);
	event_set(&e.type, "mission");
	event_set(&e.why, legacy_why);
	record_set_text(&e.data, "role", "pilote");
	record_set_text(&e.data, "candidat", CANDIDATE);
	record_set_text(&e.data, "texte", legacy_mission);
	/* The door refuses it now; the journal takes what it is given. */
	assert_int_equal(game_validate(ss->game, &e, &cause), -1);
	free(cause);
	legacy_append(ss, &e);
	/* Then a reserve, used with the same justification in piloting. */
	event_init(&e);
	e.time = INT64_C(1800000060000);
	event_set(&e.team, "Alpha");
	event_set(&e.actor, CANDIDATE);
	event_set(&e.type, "reserve");
	record_set_text(&e.data, "montant", "1000");
	legacy_append(ss, &e);
	event_init(&e);
	e.time = INT64_C(1800000120000);
	event_set(&e.actor, GAME_TRAINER);
	event_set(&e.type, "ouvrir_pilotage");
	legacy_append(ss, &e);
	event_init(&e);
	e.time = INT64_C(1800000180000);
	event_set(&e.team, "Alpha");
	event_set(&e.actor, CANDIDATE);
	event_set(&e.type, "utiliser_reserve");
	event_set(&e.why, legacy_why);
	record_set_text(&e.data, "montant", "100");
	legacy_append(ss, &e);
	/*
	 * An evaluator's comment from before the rule, in a marks journal
	 * written directly (marks_put would refuse it now).
	 */
	sprintf(mpath, "%s.marks", path);
	header = json_pack("{s:s,s:i,s:s,s:s}", "type", "marks", "format", 1,
	    "session", strrchr(path, '/') + 1, "session_header",
	    journal_header_hash(ss->journal));
	assert_int_equal(journal_create_unkeyed(mpath, header, &mj, &cause),
	    0);
	json_decref(header);
	mark = json_loads("{\"author\":\"Jury\",\"comment\":\"<b>gras</b>"
	    "\\u001b[2J \\u202eavis\",\"criterion\":\"outil\","
	    "\"evidence\":[],\"level\":\"acquis\",\"team\":\"Alpha\","
	    "\"time\":1,\"type\":\"mark\"}", 0, NULL);
	assert_non_null(mark);
	assert_int_equal(journal_append(mj, mark, &cause), 0);
	json_decref(mark);
	journal_close(mj);
	session_close(ss);
	scenario_free(s);
	return path;
}

static void
no_raw_control(const char *text)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)text; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\r') || *p == 0x7f)
			fail_msg("raw control 0x%02x in the export", *p);
	assert_null(strstr(text, "\xe2\x80\xae"));
}

static void
exports_of_an_older_journal_show_its_controls_and_obey_none(void **state)
{
	char	 dir[64], *path, *text, *cause = NULL, cmd[96];
	char	*at;

	(void)state;
	path = legacy_session(dir);
	/* It still opens: acknowledged events always replay. */
	assert_int_equal(run_export(path, KIND_EVENTS, &text, &cause), 0);
	no_raw_control(text);
	/* A formula is text for LibreOffice and Excel; ESC and BEL show. */
	assert_non_null(strstr(text, ";\"'=HYPERLINK(\"\"http://x\"\")␛[31m␇\""));
	assert_non_null(strstr(text, "texte=<script>"));
	assert_non_null(strstr(text, "\xef\xbf\xbd" "fin"));
	free(text);
	assert_int_equal(run_export(path, KIND_REX, &text, &cause), 0);
	no_raw_control(text);
	/* Markdown: no tag, link, heading, list or emphasis opens. */
	assert_non_null(strstr(text, "- Justification : \\=HYPERLINK("
	    "\"http://x\")␛\\[31m␇\n"));
	assert_non_null(strstr(text, "- Mission (Chef·fe de projet) : "
	    "\\<script\\>alert(1)\\</script\\> \\[lien\\](j:x)\n"
	    "  \\# Titre\n  1\\. liste \\_ici\\_ \xef\xbf\xbd" "fin\n"));
	for (at = strchr(text, '<'); at != NULL; at = strchr(at + 1, '<'))
		assert_true(at > text && at[-1] == '\\');
	free(text);
	assert_int_equal(run_export(path, KIND_GRID_MD, &text, &cause), 0);
	no_raw_control(text);
	assert_non_null(strstr(text, "| \\<b\\>gras\\</b\\>␛\\[2J "
	    "\xef\xbf\xbd" "avis |"));
	free(text);
	assert_int_equal(run_export(path, KIND_GRID_CSV, &text, &cause), 0);
	no_raw_control(text);
	assert_non_null(strstr(text, "\"<b>gras</b>␛[2J \xef\xbf\xbd" "avis\""));
	free(text);
	/* HTML: entities, and the same stand-ins. */
	assert_int_equal(run_export(path, KIND_REPORT, &text, &cause), 0);
	no_raw_control(text);
	assert_non_null(strstr(text, "&lt;b&gt;gras&lt;/b&gt;␛[2J "
	    "\xef\xbf\xbd" "avis"));
	free(text);
	free(path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* What a command prints on stdout. */
static char *
capture_stdout(int (*run)(int, char **), int argc, char **argv, int *rc)
{
	FILE	*tmp = tmpfile();
	char	*out;
	long	 n;
	int	 saved;

	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	*rc = run(argc, argv);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	n = ftell(tmp);
	out = malloc((size_t)n + 1);
	assert_non_null(out);
	rewind(tmp);
	assert_int_equal(fread(out, 1, (size_t)n, tmp), (size_t)n);
	out[n] = '\0';
	fclose(tmp);
	return out;
}

static void
pilote_show_of_an_older_journal_shows_its_controls(void **state)
{
	char	 dir[64], *path, *text, cmd[96];
	char	*argv[3];
	int	 rc;

	(void)state;
	path = legacy_session(dir);
	argv[0] = (char *)(uintptr_t)"show";
	argv[1] = path;
	argv[2] = NULL;
	text = capture_stdout(cli_show, 2, argv, &rc);
	assert_int_equal(rc, 0);
	no_raw_control(text);
	/* mini.cfg names no ligne_imprevus: its last line takes it. */
	assert_non_null(strstr(text, "de la réserve sur « Médias » : "
	    "=HYPERLINK(\"http://x\")␛[31m␇"));
	free(text);
	free(path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
csv_cells_that_a_spreadsheet_would_compute_are_text(void **state)
{
	char	 dir[64], *path, *text, *cause = NULL, cmd[96];
	char	*at;

	(void)state;
	path = legacy_session(dir);
	assert_int_equal(run_export(path, KIND_EVENTS, &text, &cause), 0);
	/* Every cell of the justification column: none starts with =. */
	for (at = strstr(text, ";\""); at != NULL; at = strstr(at + 1, ";\""))
		if (at[2] == '=' || at[2] == '+' || at[2] == '@' ||
		    at[2] == '\t')
			fail_msg("a cell begins with '%c'", at[2]);
	free(text);
	free(path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * A name only declared on a shared console (team code) is said so where
 * the REX and the grid attribute a decision to one candidate; a name
 * proved by a personal code is not.
 */
static void
test_declared(void **state)
{
	const char		*path = "build/test_export_declared.jsonl";
	struct game_setup	 setup;
	struct scenario		*s = NULL;
	struct session		*ss;
	struct marks		 ms;
	struct event		 e;
	struct diag		 d;
	char			*cause = NULL, *warning = NULL, *text, *p, *q;
	const char		*mark;
	bool			 refused;
	int			 i;

	(void)state;
	remove(path);
	remove("build/keys/test_export_declared.jsonl.key");
	diag_init(&d);
	assert_int_equal(scenario_load("tests/fixtures/mini.cfg", &s, &d),
	    SCENARIO_LOAD_OK);
	diag_release(&d);
	memset(&setup, 0, sizeof setup);
	setup.seed = 3;
	setup.nteams = 1;
	setup.teams[0].name = "Alpha";
	setup.teams[0].ncandidates = 2;
	setup.teams[0].candidates[0].name = "Léa Martin";
	setup.teams[0].candidates[1].name = "Noé Petit";
	assert_int_equal(session_create(path, s, &setup, &ss, &cause), 0);
	scenario_free(s);
	for (i = 0; i < 2; i++) {
		event_init(&e);
		event_set(&e.team, "Alpha");
		event_set(&e.actor, "Léa Martin");
		/* The tool on the shared console, the mission on her own. */
		event_set(&e.type, i == 0 ? "outil" : "mission");
		if (i == 0)
			record_set_text(&e.data, "outil", "trello");
		else {
			record_set_text(&e.data, "role", "pilote");
			record_set_text(&e.data, "candidat", "Léa Martin");
			record_set_text(&e.data, "texte", "Coordonner");
		}
		e.declared = i == 0;
		assert_int_equal(session_submit(ss, &e, &refused, &cause), 0);
		event_release(&e);
	}
	session_close(ss);
	assert_int_equal(session_open(path, false, 0, &ss, &warning, &cause),
	    0);
	text = export_rex(ss, "Léa Martin", &cause);
	assert_non_null(text);
	mark = "- Auteur : Léa Martin (nom déclaré sur la console partagée de "
	    "l'équipe, sans code personnel)\n";
	/* Once: the tool (n°1), not the mission (n°2). */
	assert_non_null(strstr(text, mark));
	assert_null(strstr(strstr(text, mark) + 1, mark));
	assert_true(strstr(text, mark) < strstr(text, "### n°2"));
	free(text);
	assert_int_equal(marks_load(path, ss->journal, &ms, &warning, &cause), 0);
	text = export_grid(ss, &ms, EXPORT_MARKDOWN);
	/* On Léa's page: the tool marked, the mission not. */
	p = strstr(text, "## Candidat : Léa Martin");
	assert_non_null(p);
	q = strstr(p, "| n°1 (");
	assert_non_null(q);
	assert_non_null(strstr(q, "nom déclaré sur la console partagée)"));
	assert_true(strstr(q, "nom déclaré sur la console partagée)") <
	    strchr(q + 1, '|'));
	q = strstr(p, "| n°2 (");
	assert_non_null(q);
	assert_true(strstr(q, "déclaré") == NULL ||
	    strstr(q, "déclaré") > strchr(q + 1, '|'));
	free(text);
	marks_release(&ms);
	session_close(ss);
	remove(path);
	remove("build/keys/test_export_declared.jsonl.key");
}

int
main(void)
{
	/* The REX shows local time with its zone: the goldens are in UTC. */
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rex),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(co_authors_of_a_status_point_have_it_as_evidence),
		cmocka_unit_test(exports_show_local_time_with_its_zone),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_altered),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_declared),
		cmocka_unit_test(
		    exports_of_an_older_journal_show_its_controls_and_obey_none),
		cmocka_unit_test(
		    csv_cells_that_a_spreadsheet_would_compute_are_text),
		cmocka_unit_test(
		    pilote_show_of_an_older_journal_shows_its_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
