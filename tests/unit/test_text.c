/* Unit tests for util/text and util/wrap. */
#include <locale.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "util/text.h"
#include "util/wrap.h"

static void
utf8_validation_stops_at_first_bad_byte(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_valid_prefix("équipe", 7), 7);
	assert_int_equal(text_utf8_valid_prefix("ab\xff" "cd", 5), 2);
	/* Overlong "/" and a lone continuation byte. */
	assert_int_equal(text_utf8_valid_prefix("\xc0\xaf", 2), 0);
	assert_int_equal(text_utf8_valid_prefix("a\x80", 2), 1);
	/* Truncated sequence at the end. */
	assert_int_equal(text_utf8_valid_prefix("a\xc3", 2), 1);
	/* UTF-16 surrogate encoded in UTF-8 is invalid. */
	assert_int_equal(text_utf8_valid_prefix("\xed\xa0\x80", 3), 0);
	assert_int_equal(text_utf8_count("Élève"), 5);
}

static void
identifiers_are_short_lowercase_ascii(void **state)
{
	(void)state;
	assert_true(text_is_id("lot_video-2"));
	assert_false(text_is_id(""));
	assert_false(text_is_id("2lot"));
	assert_false(text_is_id("Lot"));
	assert_false(text_is_id("créa"));
	assert_false(text_is_id("a23456789012345678901234567890123"));
	assert_true(text_is_id("a2345678901234567890123456789012"));
}

static void
nearest_suggests_plausible_typos_only(void **state)
{
	const char *const keys[] = { "budget", "semaines", "charge", "kit" };

	(void)state;
	assert_string_equal(text_nearest("budjet", keys, 4), "budget");
	assert_string_equal(text_nearest("chrage", keys, 4), "charge");
	assert_string_equal(text_nearest("kti", keys, 4), "kit");
	assert_null(text_nearest("prestataires", keys, 4));
	assert_int_equal(text_distance("abc", "abc"), 0);
	assert_int_equal(text_distance("ab", "ba"), 1);
}

static void
money_is_written_the_french_way(void **state)
{
	char	 buf[TEXT_MONEY_MAX];

	(void)state;
	assert_string_equal(text_money(buf, 1250000),
	    "12\xc2\xa0" "500\xc2\xa0\xe2\x82\xac");
	assert_string_equal(text_money(buf, 0), "0\xc2\xa0\xe2\x82\xac");
	assert_string_equal(text_money(buf, -99), "-1\xc2\xa0\xe2\x82\xac");
	assert_string_equal(text_money(buf, 149), "1\xc2\xa0\xe2\x82\xac");
	assert_string_equal(text_money(buf, 5000000000000LL),
	    "50\xc2\xa0" "000\xc2\xa0" "000\xc2\xa0" "000\xc2\xa0\xe2\x82\xac");
	assert_string_equal(text_thousands(buf, 120000), "120\xc2\xa0" "000");
	assert_string_equal(text_thousands(buf, -5), "-5");
}

static void
wrap_breaks_at_spaces_by_display_width(void **state)
{
	size_t	 len, next;

	(void)state;
	/* 10 columns: "Réunion à" is 9 columns but 11 bytes. */
	wrap_next("Réunion à l'agence", 10, &len, &next);
	assert_int_equal(len, strlen("Réunion à"));
	assert_string_equal("l'agence", "Réunion à l'agence" + next);
	wrap_next("court", 10, &len, &next);
	assert_int_equal(len, 5);
	assert_int_equal(next, 5);
	/* A word longer than the line is cut, never lost. */
	wrap_next("anticonstitutionnellement", 10, &len, &next);
	assert_int_equal(len, 10);
	assert_int_equal(next, 10);
	/* No line starts with a French "high" punctuation mark. */
	wrap_next("Prix public : 69 € ; 55 €", 19, &len, &next);
	assert_int_equal(len, strlen("Prix public :"));
	wrap_next("dit « oui »", 8, &len, &next);
	assert_int_equal(len, strlen("dit"));
	/* Wide characters take two columns. */
	assert_int_equal(wrap_width("販売", strlen("販売")), 4);
	wrap_next("販売販売", 5, &len, &next);
	assert_int_equal(len, strlen("販売"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation_stops_at_first_bad_byte),
		cmocka_unit_test(identifiers_are_short_lowercase_ascii),
		cmocka_unit_test(nearest_suggests_plausible_typos_only),
		cmocka_unit_test(money_is_written_the_french_way),
		cmocka_unit_test(wrap_breaks_at_spaces_by_display_width),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
