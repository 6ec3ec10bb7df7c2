/* Unit tests for util/diag. */
#include <stdlib.h>

#include "unit/cmocka_prelude.h"
#include "util/diag.h"

static void
diagnostics_format_like_a_compiler(void **state)
{
	struct diag	 d;
	char		*s;

	(void)state;
	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "a.cfg", 12, "lot « %s » inconnu", "x");
	diag_add(&d, DIAG_WARNING, "a.cfg", 0, "fichier %s", "vide");
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	s = diag_format(&d.items[0]);
	assert_string_equal(s, "a.cfg:12: error: lot « x » inconnu");
	free(s);
	s = diag_format(&d.items[1]);
	assert_string_equal(s, "a.cfg: warning: fichier vide");
	free(s);
	diag_release(&d);
}

static void
sorting_keeps_file_order_then_lines(void **state)
{
	struct diag	 d;

	(void)state;
	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "main.cfg", 30, "c");
	diag_add(&d, DIAG_ERROR, "inc.cfg", 5, "x");
	diag_add(&d, DIAG_ERROR, "main.cfg", 10, "a");
	diag_add(&d, DIAG_WARNING, "main.cfg", 10, "b");
	diag_sort(&d);
	assert_string_equal(d.items[0].message, "a");
	assert_string_equal(d.items[1].message, "b");
	assert_string_equal(d.items[2].message, "c");
	assert_string_equal(d.items[3].file, "inc.cfg");
	diag_release(&d);
}

static void
messages_show_the_controls_they_quote(void **state)
{
	struct diag	 d;

	(void)state;
	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "a.cfg", 3, "valeur « %s » inconnue",
	    "x\x1b]0;pwn\a\nsuite");
	assert_string_equal(d.items[0].message,
	    "valeur « x␛]0;pwn␇ suite » inconnue");
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diagnostics_format_like_a_compiler),
		cmocka_unit_test(sorting_keeps_file_order_then_lines),
		cmocka_unit_test(messages_show_the_controls_they_quote),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
