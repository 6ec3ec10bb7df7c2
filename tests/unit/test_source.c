/* Unit tests for io/source: pre-scan and @include expansion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit/cmocka_prelude.h"
#include "io/source.h"

static char	 tmpdir[64];

static int
make_tmpdir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/pilote-test-source-XXXXXX");
	return mkdtemp(tmpdir) == NULL;
}

static int
remove_tmpdir(void **state)
{
	char	 cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

static void
write_file(const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Loads text named name; returns the status, *first the first message. */
static enum source_status
scan(const char *text, struct diag *d, struct source *src)
{
	diag_init(d);
	return source_load_text(src, "t.cfg", text, strlen(text), d);
}

static void
expect_error(const char *text, int line, const char *needle)
{
	struct diag	 d;
	struct source	 src;
	size_t		 i;
	int		 found = 0;

	scan(text, &d, &src);
	for (i = 0; i < d.count; i++)
		if (d.items[i].severity == DIAG_ERROR &&
		    d.items[i].line == line &&
		    strstr(d.items[i].message, needle) != NULL)
			found = 1;
	if (!found) {
		for (i = 0; i < d.count; i++)
			print_message("got %d: %s\n", d.items[i].line,
			    d.items[i].message);
		fail_msg("no error at line %d containing \"%s\"", line, needle);
	}
	source_release(&src);
	diag_release(&d);
}

static void
unterminated_string_is_reported_where_it_starts(void **state)
{
	(void)state;
	expect_error("a = 1;\nb = \"abc;\nc = 2;\nd = \"x\";\n", 2,
	    "chaîne non terminée");
}

static void
unclosed_bracket_is_reported_at_its_opener(void **state)
{
	(void)state;
	expect_error("a = {\n  b = 1;\n\nc = 2;\n", 1, "jamais fermé");
	expect_error("a = ( 1, 2 ];\n", 1, "« ) » attendu");
	expect_error("a = 1; }\n", 1, "ne ferme rien");
}

static void
numbers_past_32_bits_are_refused_not_truncated(void **state)
{
	struct diag	 d;
	struct source	 src;

	(void)state;
	expect_error("a = 2147483648;\n", 1, "nombre trop grand");
	expect_error("a = -2147483649;\n", 1, "nombre trop grand");
	expect_error("a = 0x100000000;\n", 1, "nombre trop grand");
	expect_error("a = 12L;\n", 1, "suffixe « L »");
	/* The limits themselves are fine, and the text stays parseable. */
	assert_int_equal(scan("a = 2147483647;\nb = -2147483648;\n", &d, &src),
	    SOURCE_OK);
	assert_int_equal(d.errors, 0);
	source_release(&src);
	diag_release(&d);
	/* Too big is reported but does not stop the rest of the checks. */
	assert_int_equal(scan("a = 99999999999;\n", &d, &src), SOURCE_OK);
	assert_int_equal(d.errors, 1);
	source_release(&src);
	diag_release(&d);
}

static void
french_habits_get_explained(void **state)
{
	(void)state;
	expect_error("prix = 3,50;\n", 1, "virgule décimale");
	expect_error("délai = 3;\n", 1, "sans accents");
	expect_error("a = ( 1, 2, );\n", 1, "virgule en trop");
	expect_error("\xef\xbb\xbf" "a = 1;\n", 1, "BOM");
	expect_error("a = \"\xe9t\xe9\";\n", 1, "UTF-8");
	expect_error("a = 1; /* pas fini\n\n", 1, "commentaire");
}

static void
arrays_of_numbers_are_not_decimal_commas(void **state)
{
	struct diag	 d;
	struct source	 src;

	(void)state;
	assert_int_equal(scan("s = [3,8];\nl = (1,2);\n# 3,5 en commentaire\n"
	    "t = \"3,5 dans un texte\";\n", &d, &src), SOURCE_OK);
	assert_int_equal(d.errors, 0);
	source_release(&src);
	diag_release(&d);
}

static void
empty_and_blank_files_are_refused(void **state)
{
	(void)state;
	expect_error("", 0, "fichier vide");
	expect_error("  \n\t\n", 0, "fichier vide");
}

static void
include_resolves_from_the_including_file(void **state)
{
	struct diag	 d;
	struct source	 src;
	char		 path[256], sub[256];
	int		 line;

	(void)state;
	snprintf(sub, sizeof sub, "%s/sub", tmpdir);
	mkdir(sub, 0755);
	write_file("sub/cat.cfg", "x = 1;\ny = 2;\n");
	write_file("main.cfg", "a = 1;\n@include \"sub/cat.cfg\"\nb = 3;\n");
	snprintf(path, sizeof path, "%s/main.cfg", tmpdir);
	diag_init(&d);
	/* From another working directory than the file's. */
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(source_load(&src, path, &d), SOURCE_OK);
	assert_int_equal(d.count, 0);
	assert_string_equal(src.text, "a = 1;\nx = 1;\ny = 2;\nb = 3;\n");
	assert_int_equal(src.nlines, 4);
	assert_non_null(strstr(source_locate(&src, 3, &line), "sub/cat.cfg"));
	assert_int_equal(line, 2);
	source_locate(&src, 4, &line);
	assert_int_equal(line, 3);
	assert_non_null(strstr(src.files[1], "sub/cat.cfg"));
	source_release(&src);
	diag_release(&d);
}

/* Loads tmpdir/name: its first error is at file:line and says needle. */
static void
expect_file_error(const char *name, int line, const char *needle,
    const char *file)
{
	struct diag	 d;
	struct source	 src;
	char		 path[256];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	diag_init(&d);
	assert_int_equal(source_load(&src, path, &d), SOURCE_INVALID);
	assert_true(d.count > 0);
	assert_int_equal(d.items[0].line, line);
	assert_non_null(strstr(d.items[0].message, needle));
	assert_non_null(strstr(d.items[0].file, file));
	source_release(&src);
	diag_release(&d);
}

static void
include_problems_name_the_directive_line(void **state)
{
	(void)state;
	write_file("loop.cfg", "a = 1;\n@include \"loop.cfg\"\n");
	write_file("missing.cfg", "a = 1;\n\n@include \"nulle-part.cfg\"\n");
	write_file("bad.cfg", "@include \"sub/broken.cfg\"\n");
	write_file("sub/broken.cfg", "ok = 1;\nx = \"pas fini;\n");
	expect_file_error("loop.cfg", 2, "circulaire", "loop.cfg");
	expect_file_error("missing.cfg", 3, "fichier introuvable",
	    "missing.cfg");
	expect_file_error("bad.cfg", 2, "chaîne non terminée",
	    "sub/broken.cfg");
}

static void
unreadable_main_file_is_not_a_data_error(void **state)
{
	struct diag	 d;
	struct source	 src;

	(void)state;
	diag_init(&d);
	assert_int_equal(source_load(&src, "/nonexistent/x.cfg", &d),
	    SOURCE_UNREADABLE);
	assert_non_null(strstr(d.items[0].message, "introuvable"));
	source_release(&src);
	diag_release(&d);
	diag_init(&d);
	assert_int_equal(source_load(&src, tmpdir, &d), SOURCE_UNREADABLE);
	assert_non_null(strstr(d.items[0].message, "répertoire"));
	source_release(&src);
	diag_release(&d);
}

static void
oversized_files_are_refused(void **state)
{
	struct diag	 d;
	struct source	 src;
	char		*big;

	(void)state;
	big = malloc(SOURCE_MAX_BYTES + 2);
	assert_non_null(big);
	memset(big, ' ', SOURCE_MAX_BYTES + 1);
	big[SOURCE_MAX_BYTES + 1] = '\0';
	diag_init(&d);
	assert_int_equal(source_load_text(&src, "big.cfg", big,
	    SOURCE_MAX_BYTES + 1, &d), SOURCE_INVALID);
	assert_non_null(strstr(d.items[0].message, "trop volumineux"));
	source_release(&src);
	diag_release(&d);
	free(big);
}

static void
too_many_settings_in_one_group_are_refused(void **state)
{
	struct diag	 d;
	struct source	 src;
	char		*text, *p;
	int		 i;

	(void)state;
	text = malloc((SOURCE_MAX_SETTINGS + 2) * 16);
	assert_non_null(text);
	p = text;
	p += sprintf(p, "g = {\n");
	for (i = 0; i <= SOURCE_MAX_SETTINGS; i++)
		p += sprintf(p, "a%d = 1;\n", i);
	p += sprintf(p, "};\n");
	diag_init(&d);
	assert_int_equal(source_load_text(&src, "many.cfg", text, strlen(text),
	    &d), SOURCE_INVALID);
	assert_non_null(strstr(d.items[0].message, "réglages dans le même"));
	source_release(&src);
	diag_release(&d);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unterminated_string_is_reported_where_it_starts),
		cmocka_unit_test(unclosed_bracket_is_reported_at_its_opener),
		cmocka_unit_test(numbers_past_32_bits_are_refused_not_truncated),
		cmocka_unit_test(french_habits_get_explained),
		cmocka_unit_test(arrays_of_numbers_are_not_decimal_commas),
		cmocka_unit_test(empty_and_blank_files_are_refused),
		cmocka_unit_test(include_resolves_from_the_including_file),
		cmocka_unit_test(include_problems_name_the_directive_line),
		cmocka_unit_test(unreadable_main_file_is_not_a_data_error),
		cmocka_unit_test(oversized_files_are_refused),
		cmocka_unit_test(too_many_settings_in_one_group_are_refused),
	};
	char	 cwd[1024];
	int	 rc;

	if (getcwd(cwd, sizeof cwd) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("source", tests, make_tmpdir,
	    remove_tmpdir);
	return chdir(cwd) == 0 ? rc : 1;
}
