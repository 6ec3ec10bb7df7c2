/* Unit tests for tui/editor: typing, moving, wrapping, drafts. */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit/cmocka_prelude.h"
#include "tui/editor.h"

/* Types UTF-8 text key by key, as get_wch would deliver it. */
static void
type(struct editor *ed, const char *s, int width)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 n;

	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		n = mbrtowc(&wc, s, strlen(s), &st);
		assert_true(n > 0 && n != (size_t)-1 && n != (size_t)-2);
		editor_key(ed, OK, (wint_t)wc, width, 3);
		s += n;
	}
}

static void
key(struct editor *ed, int code, int width)
{
	editor_key(ed, KEY_CODE_YES, (wint_t)code, width, 3);
}

static void
check_text(const struct editor *ed, const char *want)
{
	char	*got = editor_get(ed);

	assert_string_equal(got, want);
	free(got);
}

static void
accents_are_typed_and_erased_as_characters(void **state)
{
	struct editor	 ed;

	(void)state;
	editor_init(&ed);
	type(&ed, "é è à ç ô œ €", 40);
	check_text(&ed, "é è à ç ô œ €");
	assert_int_equal(ed.len, 13);
	/* Backspace (key code, DEL and ^H) removes whole characters. */
	key(&ed, KEY_BACKSPACE, 40);
	editor_key(&ed, OK, 127, 40, 3);
	editor_key(&ed, OK, 8, 40, 3);
	check_text(&ed, "é è à ç ô ");
	/* Delete erases under the cursor; Home goes to the row's start. */
	key(&ed, KEY_HOME, 40);
	key(&ed, KEY_DC, 40);
	check_text(&ed, " è à ç ô ");
	type(&ed, "É", 40);
	check_text(&ed, "É è à ç ô ");
	/* Control characters and Tab are not text. */
	assert_int_equal(editor_key(&ed, OK, '\t', 40, 3), EDITOR_IGNORED);
	assert_int_equal(editor_key(&ed, OK, 27, 40, 3), EDITOR_IGNORED);
	assert_int_equal(editor_key(&ed, OK, 1, 40, 3), EDITOR_IGNORED);
	editor_release(&ed);
}

static void
the_editor_keeps_to_the_text_rule(void **state)
{
	struct editor	 ed;

	(void)state;
	editor_init(&ed);
	/* C1 controls, a right-to-left override, a zero-width space. */
	assert_int_equal(editor_key(&ed, OK, 0x9b, 40, 3), EDITOR_IGNORED);
	assert_int_equal(editor_key(&ed, OK, 0x202e, 40, 3), EDITOR_IGNORED);
	assert_int_equal(editor_key(&ed, OK, 0x200b, 40, 3), EDITOR_IGNORED);
	assert_int_equal(editor_key(&ed, OK, 0x2028, 40, 3), EDITOR_IGNORED);
	assert_true(editor_empty(&ed));
	/* A text set from outside (a draft) loses them too, keeps lines. */
	editor_set(&ed, "a\x1b[31m\xe2\x80\xae" "b\xc2\x9b\r\nc\td\xe9");
	check_text(&ed, "a[31mb\nc d");
	editor_release(&ed);
}

static void
rows_wrap_at_spaces_by_display_width(void **state)
{
	struct editor	 ed;
	int		 row, col;
	char		*text;

	(void)state;
	editor_init(&ed);
	/* Width 12: rows hold 11 columns, the cursor the 12th. */
	editor_set(&ed, "Le spot vidéo glisse d'une semaine");
	assert_int_equal(editor_layout(&ed, 12), 5);
	text = editor_row_text(&ed, 0);
	assert_string_equal(text, "Le spot ");
	free(text);
	text = editor_row_text(&ed, 1);
	assert_string_equal(text, "vidéo ");
	free(text);
	editor_cursor(&ed, 12, &row, &col);
	assert_int_equal(row, 4);
	assert_int_equal(col, (int)strlen("semaine"));
	/* A word longer than a row is cut, not lost. */
	editor_set(&ed, "anticonstitutionnellement");
	assert_int_equal(editor_layout(&ed, 12), 3);
	text = editor_row_text(&ed, 0);
	assert_string_equal(text, "anticonstit");
	free(text);
	/* Wide characters take two columns. */
	editor_set(&ed, "販売販売販売");
	assert_int_equal(editor_layout(&ed, 6), 3);
	/* New lines make rows, an empty last line too. */
	editor_set(&ed, "a\n\nb\n");
	assert_int_equal(editor_layout(&ed, 12), 4);
	editor_cursor(&ed, 12, &row, &col);
	assert_int_equal(row, 3);
	assert_int_equal(col, 0);
	editor_release(&ed);
}

static void
arrows_move_by_characters_and_rows(void **state)
{
	struct editor	 ed;
	int		 row, col;

	(void)state;
	editor_init(&ed);
	type(&ed, "première ligne\ndeux\ntroisième ligne", 40);
	key(&ed, KEY_UP, 40);
	editor_cursor(&ed, 40, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 4);		/* end of "deux" */
	/* The column is kept across a short row. */
	key(&ed, KEY_UP, 40);
	editor_cursor(&ed, 40, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 14);		/* end of "première ligne" */
	key(&ed, KEY_DOWN, 40);
	key(&ed, KEY_DOWN, 40);
	editor_cursor(&ed, 40, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 15);		/* back to the goal column */
	key(&ed, KEY_UP, 40);
	key(&ed, KEY_UP, 40);
	key(&ed, KEY_HOME, 40);
	assert_int_equal(ed.cursor, 0);
	key(&ed, KEY_LEFT, 40);
	assert_int_equal(ed.cursor, 0);
	key(&ed, KEY_RIGHT, 40);
	key(&ed, KEY_RIGHT, 40);
	type(&ed, "·", 40);
	check_text(&ed, "pr·emière ligne\ndeux\ntroisième ligne");
	key(&ed, KEY_END, 40);
	assert_int_equal(ed.cursor, 15);
	/* Enter splits the line where the cursor is. */
	editor_key(&ed, OK, '\n', 40, 3);
	check_text(&ed, "pr·emière ligne\n\ndeux\ntroisième ligne");
	key(&ed, KEY_NPAGE, 40);
	assert_int_equal(ed.cursor, ed.len);
	key(&ed, KEY_DOWN, 40);
	assert_int_equal(ed.cursor, ed.len);
	editor_release(&ed);
}

static void
scrolling_keeps_the_cursor_visible(void **state)
{
	struct editor	 ed;

	(void)state;
	editor_init(&ed);
	editor_set(&ed, "1\n2\n3\n4\n5\n6");
	editor_scroll(&ed, 10, 2);
	assert_int_equal(ed.top, 4);
	ed.cursor = 0;
	editor_scroll(&ed, 10, 2);
	assert_int_equal(ed.top, 0);
	assert_int_equal(editor_words(&ed), 6);
	assert_false(editor_empty(&ed));
	editor_set(&ed, " \n ");
	assert_true(editor_empty(&ed));
	editor_release(&ed);
}

static void
drafts_round_trip_and_refuse_damage(void **state)
{
	struct editor	 f[3], g[3];
	char		 dir[] = "/tmp/pilote-test-editor-XXXXXX", *path, *cause;
	FILE		*fp;
	int		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = malloc(strlen(dir) + 64);
	sprintf(path, "%s/s.jsonl.drafts/Bêta-1.txt", dir);
	for (i = 0; i < 3; i++) {
		editor_init(&f[i]);
		editor_init(&g[i]);
	}
	cause = NULL;
	assert_int_equal(editor_draft_load(path, g, 3, &cause), 0);
	editor_set(&f[0], "Risque : le spot glisse\nchamp 2 99\n");
	editor_set(&f[1], "");
	editor_set(&f[2], "\n  œ € ç\n");
	assert_int_equal(editor_draft_save(path, f, 3, &cause), 0);
	assert_int_equal(editor_draft_load(path, g, 3, &cause), 1);
	for (i = 0; i < 3; i++) {
		char *a = editor_get(&f[i]), *b = editor_get(&g[i]);

		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	/* A damaged file is refused and the fields kept. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("pilote-brouillon 1\nchamp 1 500\ncourt\n", fp);
	fclose(fp);
	assert_int_equal(editor_draft_load(path, g, 3, &cause), -1);
	assert_non_null(cause);
	free(cause);
	check_text(&g[2], "\n  œ € ç\n");
	unlink(path);
	sprintf(path, "%s/s.jsonl.drafts", dir);
	rmdir(path);
	rmdir(dir);
	free(path);
	for (i = 0; i < 3; i++) {
		editor_release(&f[i]);
		editor_release(&g[i]);
	}
}

/* Ctrl-W erases the word before the cursor, Ctrl-U the line before it
 * (a prefilled mission is cleared in one key, not 250 backspaces). */
static void
ctrl_w_and_ctrl_u_erase_a_word_and_a_line(void **state)
{
	struct editor	 ed;
	char		*got;

	(void)state;
	editor_init(&ed);
	type(&ed, "Suivre le budget\nPlanifier les lots  ", 40);
	assert_int_equal(editor_key(&ed, OK, 23, 40, 3), EDITOR_CHANGED);
	got = editor_get(&ed);
	assert_string_equal(got, "Suivre le budget\nPlanifier les ");
	free(got);
	assert_int_equal(editor_key(&ed, OK, 21, 40, 3), EDITOR_CHANGED);
	got = editor_get(&ed);
	assert_string_equal(got, "Suivre le budget\n");
	free(got);
	editor_release(&ed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ctrl_w_and_ctrl_u_erase_a_word_and_a_line),
		cmocka_unit_test(accents_are_typed_and_erased_as_characters),
		cmocka_unit_test(the_editor_keeps_to_the_text_rule),
		cmocka_unit_test(rows_wrap_at_spaces_by_display_width),
		cmocka_unit_test(arrows_move_by_characters_and_rows),
		cmocka_unit_test(scrolling_keeps_the_cursor_visible),
		cmocka_unit_test(drafts_round_trip_and_refuse_damage),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("editor", tests, NULL, NULL);
}
