/*
 * io/event_json: the one decoder of events (cJSON), for the journal's lines
 * and the consoles' objects: what jansson refused on reading is refused
 * here too (not UTF-8, a key twice, an integer a double does not hold,
 * bytes after the object), a line's seq must be its number, and an event
 * written by event_to_json() reads back the same.
 */
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "core/event.h"
#include "io/event_json.h"

#define OK_LINE	"{\"actor\":\"Léa\",\"data\":{\"montant\":1200,\"outil\":" \
		"\"trello\"},\"seq\":3,\"team\":\"Alpha\",\"time\":1800000000000," \
		"\"type\":\"outil\"}"

static void
refused(const char *text, const char *why)
{
	struct event	 e;
	char		*cause = NULL;

	if (event_from_bytes(text, strlen(text), &e, &cause) != -1)
		fail_msg("accepté : %s", text);
	if (strstr(cause, why) == NULL)
		fail_msg("« %s » : « %s » attendu dans « %s »", text, why, cause);
	free(cause);
	assert_null(e.type);
}

static void
a_line_reads_with_its_texts_numbers_and_seq(void **state)
{
	struct event	 e;
	char		*cause = NULL;
	int64_t		 n;

	(void)state;
	assert_int_equal(event_from_line(OK_LINE, strlen(OK_LINE), 3, &e,
	    &cause), 0);
	assert_string_equal(e.actor, "Léa");
	assert_string_equal(e.team, "Alpha");
	assert_int_equal(e.time, INT64_C(1800000000000));
	assert_true(record_int(&e.data, "montant", &n));
	assert_int_equal(n, 1200);
	assert_string_equal(record_text(&e.data, "outil"), "trello");
	event_release(&e);
	/* Numbered 3, it is no line 4. */
	assert_int_equal(event_from_line(OK_LINE, strlen(OK_LINE), 4, &e,
	    &cause), -1);
	assert_non_null(strstr(cause, "séquence 3 au lieu de 4"));
	free(cause);
}

static void
what_jansson_refused_is_refused(void **state)
{
	(void)state;
	refused("{\"actor\":\"L\xe9\x61\",\"time\":1,\"type\":\"outil\"}",
	    "non UTF-8");
	refused("{\"actor\":\"a\",\"actor\":\"b\",\"time\":1,\"type\":\"x\"}",
	    "clé en double");
	refused("{\"actor\":\"a\",\"time\":1,\"type\":\"x\",\"data\":{\"k\":1,"
	    "\"k\":2}}", "clé en double");
	refused("{\"actor\":\"a\",\"time\":1,\"type\":\"x\",\"zz\":1,"
	    "\"zz\":2}", "clé en double");
	refused("{\"actor\":\"a\",\"time\":1,\"type\":\"x\",\"data\":{\"k\":"
	    "1.5}}", "texte ou entier");
	refused("{\"actor\":\"a\",\"time\":1.5,\"type\":\"x\"}", "time");
	refused("{\"actor\":\"a\",\"time\":1,\"type\":\"x\"} {}",
	    "JSON illisible");
	refused("{\"actor\":\"a\",\"time\":1,", "JSON illisible");
	refused("[1]", "objet JSON");
	refused("{\"actor\":3,\"time\":1,\"type\":\"x\"}", "texte attendu");
}

/* The seal's seed is a 64-bit integer: exact, past what a double holds. */
static void
a_64_bit_integer_reads_exactly(void **state)
{
	const char	*seal = "{\"actor\":\"formateur\",\"data\":{\"graine\":"
			    "9223372036854775000,\"n\":9007199254740993,\"sel\":"
			    "\"ab\"},\"seq\":9,\"time\":1800000000000,\"type\":"
			    "\"sceller\"}";
	struct event	 e;
	char		*cause = NULL;
	int64_t		 n;

	(void)state;
	assert_int_equal(event_from_line(seal, strlen(seal), 9, &e, &cause), 0);
	assert_true(record_int(&e.data, "graine", &n));
	assert_true(n == INT64_C(9223372036854775000));
	assert_true(record_int(&e.data, "n", &n));
	assert_true(n == INT64_C(9007199254740993));
	assert_string_equal(record_text(&e.data, "sel"), "ab");
	event_release(&e);
}

static void
an_event_reads_back_as_written(void **state)
{
	struct event	 e, back;
	json_t		*o;
	char		*cause = NULL, *text;
	int64_t		 n;

	(void)state;
	event_init(&e);
	event_set(&e.type, "repondre");
	event_set(&e.team, "Bêta");
	event_set(&e.actor, "Zoé");
	event_set(&e.why, "« arbitrage » justifié");
	e.time = INT64_C(1800000000123);
	record_set_text(&e.data, "option", "negocier");
	record_set_int(&e.data, "incident", -4);
	o = event_to_json(&e);
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	assert_int_equal(event_from_bytes(text, strlen(text), &back, &cause),
	    0);
	assert_string_equal(back.why, e.why);
	assert_string_equal(back.team, "Bêta");
	assert_int_equal(back.time, e.time);
	assert_true(record_int(&back.data, "incident", &n));
	assert_int_equal(n, -4);
	event_release(&back);
	assert_int_equal(event_from_json(o, &back, &cause), 0);
	assert_string_equal(record_text(&back.data, "option"), "negocier");
	event_release(&back);
	free(text);
	json_decref(o);
	event_release(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_line_reads_with_its_texts_numbers_and_seq),
		cmocka_unit_test(what_jansson_refused_is_refused),
		cmocka_unit_test(a_64_bit_integer_reads_exactly),
		cmocka_unit_test(an_event_reads_back_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
