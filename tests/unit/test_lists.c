/*
 * Unit tests for the one list mechanism of the terminal interface
 * (tui/app.h): the list keys, the fit of a list to its rows, documents read
 * as lists of first rows, sub-views chosen by their letter, and the .ui
 * keys of a list.  None of them draws: no terminal is needed.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "tui/app.h"

static int
key(struct app_list *l, int n, int code)
{
	return app_list_key(l, n, KEY_CODE_YES, (wint_t)code);
}

static void
list_keys_move_within_the_list(void **state)
{
	struct app_list	 l = { 0, 0, 0, 5 };

	(void)state;
	/* Up at the top stays there, and says nothing changed. */
	assert_int_equal(key(&l, 10, KEY_UP), APP_HANDLED);
	assert_int_equal(l.focus, 0);
	assert_int_equal(key(&l, 10, KEY_DOWN), APP_HANDLED | APP_REDRAW);
	assert_int_equal(l.focus, 1);
	assert_int_equal(app_list_key(&l, 10, OK, 'j'), APP_HANDLED |
	    APP_REDRAW);
	assert_int_equal(l.focus, 2);
	/* A page is the rows shown less one. */
	key(&l, 10, KEY_NPAGE);
	assert_int_equal(l.focus, 6);
	key(&l, 10, KEY_NPAGE);
	assert_int_equal(l.focus, 9);
	key(&l, 10, KEY_PPAGE);
	assert_int_equal(l.focus, 5);
	key(&l, 10, KEY_HOME);
	assert_int_equal(l.focus, 0);
	key(&l, 10, KEY_END);
	assert_int_equal(l.focus, 9);
	/* Not a list key: left to the screen. */
	assert_int_equal(key(&l, 10, KEY_LEFT), APP_IGNORED);
	assert_int_equal(app_list_key(&l, 10, OK, 'x'), APP_IGNORED);
	/* An empty list has row 0 selected, never -1. */
	key(&l, 0, KEY_END);
	assert_int_equal(l.focus, 0);
}

static void
fit_keeps_the_selection_in_view(void **state)
{
	struct app_list	 l = { 8, 0, 0, 0 };

	(void)state;
	app_list_fit(&l, 20, 5);
	assert_int_equal(l.top, 4);
	l.focus = 2;
	app_list_fit(&l, 20, 5);
	assert_int_equal(l.top, 2);
	/* No blank rows after the last one. */
	l.focus = 19;
	l.top = 19;
	app_list_fit(&l, 20, 5);
	assert_int_equal(l.top, 15);
	/* A value from a damaged .ui file comes back within the list. */
	l.focus = 99999;
	l.top = 99999;
	app_list_fit(&l, 6, 4);
	assert_int_equal(l.focus, 5);
	assert_int_equal(l.top, 2);
	l.focus = -7;
	app_list_fit(&l, 6, 4);
	assert_int_equal(l.focus, 0);
	assert_int_equal(l.top, 0);
}

static void
documents_scroll_as_lists_of_first_rows(void **state)
{
	struct app_list	 d = { 0, 0, 0, 0 };

	(void)state;
	/* 30 rows read 10 at a time: first rows 0 to 20. */
	app_scroll_fit(&d, 30, 10);
	assert_int_equal(app_scroll_key(&d, 30, OK, ' '), APP_HANDLED |
	    APP_REDRAW);
	assert_int_equal(d.top, 9);
	app_scroll_key(&d, 30, OK, 'G');
	assert_int_equal(d.top, 20);
	app_scroll_key(&d, 30, OK, '\n');
	assert_int_equal(d.top, 20);
	app_scroll_key(&d, 30, OK, 'b');
	assert_int_equal(d.top, 11);
	app_scroll_key(&d, 30, OK, 'g');
	assert_int_equal(d.top, 0);
	app_scroll_key(&d, 30, KEY_CODE_YES, KEY_DOWN);
	assert_int_equal(d.top, 1);
	assert_int_equal(app_scroll_key(&d, 30, OK, 'q'), APP_IGNORED);
	/* Length unknown: End goes far, the draw brings it back. */
	app_scroll_key(&d, -1, KEY_CODE_YES, KEY_END);
	app_scroll_fit(&d, 30, 10);
	assert_int_equal(d.top, 20);
	/* Shorter than a page: it stays at its first row. */
	app_scroll_fit(&d, 4, 10);
	assert_int_equal(d.top, 0);
}

static void
sub_views_are_chosen_by_their_letter(void **state)
{
	static const struct app_view v[] = {
		{ 't', "Tableau de bord" }, { 'g', "Gantt" }, { 'b', "Kanban" }
	};
	int	 cur = 0;

	(void)state;
	assert_int_equal(app_views_key(v, 3, &cur, OK, 'b'), APP_HANDLED |
	    APP_REDRAW);
	assert_int_equal(cur, 2);
	assert_int_equal(app_views_key(v, 3, &cur, OK, 'x'), APP_IGNORED);
	assert_int_equal(app_views_key(v, 3, &cur, KEY_CODE_YES, 'g'),
	    APP_IGNORED);
	assert_int_equal(cur, 2);
}

static void
list_ui_keys_are_read_back(void **state)
{
	struct app_list	 l = { 0, 0, 0, 0 };

	(void)state;
	assert_true(app_ui_get_list(&l, "packages.", "packages.row", 5));
	assert_true(app_ui_get_list(&l, "packages.", "packages.top", 2));
	assert_true(app_ui_get_list(&l, "packages.", "packages.column", 3));
	assert_int_equal(l.focus, 5);
	assert_int_equal(l.top, 2);
	assert_int_equal(l.column, 3);
	/* Another list's keys, or an unknown one, are not this list's. */
	assert_false(app_ui_get_list(&l, "packages.", "plan.row", 1));
	assert_false(app_ui_get_list(&l, "packages.", "packages.rows", 1));
	assert_false(app_ui_get_list(&l, "packages.", "packages.", 1));
	assert_int_equal(l.focus, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_keys_move_within_the_list),
		cmocka_unit_test(fit_keeps_the_selection_in_view),
		cmocka_unit_test(documents_scroll_as_lists_of_first_rows),
		cmocka_unit_test(sub_views_are_chosen_by_their_letter),
		cmocka_unit_test(list_ui_keys_are_read_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
