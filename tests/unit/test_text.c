/* Unit tests for util/text (the text rule among them) and util/wrap. */
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit/cmocka_prelude.h"
#include "util/later.h"
#include "util/text.h"
#include "util/xalloc.h"
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
elision_before_a_vowel_accented_or_not(void **state)
{
	(void)state;
	assert_string_equal(text_of("Inès Faure"), "d'");
	assert_string_equal(text_of("Équipe Alpha"), "d'");
	assert_string_equal(text_of("Hélène Brunet"), "de ");
	assert_string_equal(text_of("Léa Martin"), "de ");
	assert_string_equal(text_of(NULL), "de ");
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
dates_are_written_in_one_place(void **state)
{
	char	 buf[TEXT_TIME_MAX];
	/* 29/11/2026 08:05:07.250 UTC */
	int64_t	 ms = 1795939507250LL;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_string_equal(text_time(buf, ms, TEXT_TIME_CLOCK), "08:05");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_SECONDS), "08:05:07");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_DATE),
	    "29/11/2026 à 08:05:07");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_STAMP),
	    "20261129-0805");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_DATE_UTC),
	    "29/11/2026 08:05:07 UTC");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_ISO),
	    "2026-11-29T08:05:07Z");
	/* The room's time on screens, UTC in exports. */
	setenv("TZ", "CET-1", 1);	/* POSIX: no tzdata needed */
	tzset();
	assert_string_equal(text_time(buf, ms, TEXT_TIME_CLOCK), "09:05");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_CLOCK_UTC), "08:05");
	assert_string_equal(text_time(buf, ms, TEXT_TIME_ISO),
	    "2026-11-29T08:05:07Z");
	setenv("TZ", "UTC", 1);
	tzset();
	/* A form that does not exist is written as missing. */
	assert_string_equal(text_time(buf, ms, TEXT_TIME_FORM_COUNT), "—");
	/* Countdowns: whole seconds rounded up, overruns too. */
	assert_string_equal(text_countdown(buf, 600000), "10:00");
	assert_string_equal(text_countdown(buf, 599001), "10:00");
	assert_string_equal(text_countdown(buf, 1), "00:01");
	assert_string_equal(text_countdown(buf, 0), "00:00");
	assert_string_equal(text_countdown(buf, -61000), "01:01");
	assert_string_equal(text_countdown(buf, 6000000), "100:00");
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

/* « dépense de 7 000 € » never reads « 7 / 000 € » across two lines. */
static void
wrap_keeps_numbers_grouped_by_thousands_whole(void **state)
{
	size_t	 len, next;

	(void)state;
	/* Width 14 would cut after « dépense de 7 »: the break goes back
	 * before the number. */
	wrap_next("dépense de 7 000 €", 14, &len, &next);
	assert_int_equal(len, strlen("dépense de"));
	wrap_next("le 3 000 000 visites", 10, &len, &next);
	assert_int_equal(len, strlen("le"));
	/* Not a thousands group: « 7 15 » may break. */
	wrap_next("semaine 7 15 jours", 10, &len, &next);
	assert_int_equal(len, strlen("semaine 7"));
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

static bool
clean(const char *s, bool multiline)
{
	return text_is_clean(s, strlen(s), multiline, NULL);
}

static size_t
bad_offset(const char *s, bool multiline)
{
	size_t	 bad = (size_t)-1;

	assert_false(text_is_clean(s, strlen(s), multiline, &bad));
	return bad;
}

static void
text_rule_accepts_french_prose(void **state)
{
	(void)state;
	assert_true(clean("Réunion à l'agence — « oui », 12\xc2\xa0€, œuvre, "
	    "Ångström, 販売, 😀", false));
	assert_true(clean("", false));
	assert_true(clean("Risques :\n\t- délai\n", true));
	/* The stand-ins of text_sanitize are ordinary characters. */
	assert_true(clean("␛ ␇ ␡ \xef\xbf\xbd", false));
}

static void
text_rule_refuses_bytes_that_are_not_utf8(void **state)
{
	(void)state;
	/* "réunions" in Latin-1, an overlong "/", a surrogate, a cut "é". */
	assert_int_equal(bad_offset("r\xe9unions", true), 1);
	assert_int_equal(bad_offset("a\xc0\xaf", true), 1);
	assert_int_equal(bad_offset("\xed\xa0\x80", true), 0);
	assert_int_equal(bad_offset("caf\xc3", true), 3);
	assert_int_equal(bad_offset("\xf4\x90\x80\x80", true), 0);
}

static void
text_rule_refuses_controls_and_allows_lines_in_multiline_texts_only(
    void **state)
{
	(void)state;
	assert_int_equal(bad_offset("ok\x1b[31mrouge", true), 2);
	assert_int_equal(bad_offset("ding\a", true), 4);
	assert_int_equal(bad_offset("fin\r\n", true), 3);
	assert_int_equal(bad_offset("del\x7f", true), 3);
	/* C1 controls, encoded in UTF-8: U+0085 and the CSI U+009B. */
	assert_int_equal(bad_offset("a\xc2\x85", true), 1);
	assert_int_equal(bad_offset("\xc2\x9b" "2J", true), 0);
	/* A NUL inside the given length. */
	assert_false(text_is_clean("a\0b", 3, true, NULL));
	assert_int_equal(bad_offset("deux\nlignes", false), 4);
	assert_int_equal(bad_offset("une\ttab", false), 3);
	assert_true(clean("deux\nlignes\tet tab", true));
	assert_false(text_char_allowed('\n', false));
	assert_true(text_char_allowed('\n', true));
	assert_false(text_char_allowed(0xd800, true));
	assert_false(text_char_allowed(0x110000, true));
}

static void
text_rule_refuses_what_makes_a_text_read_otherwise(void **state)
{
	(void)state;
	/* Right-to-left override, isolates, marks, line separators. */
	assert_int_equal(bad_offset("avis \xe2\x80\xae" "favorable", true),
	    5);
	assert_int_equal(bad_offset("\xe2\x81\xa6x\xe2\x81\xa9", true), 0);
	assert_int_equal(bad_offset("a\xe2\x80\x8f", true), 1);
	assert_int_equal(bad_offset("a\xe2\x80\xa8" "b", true), 1);
	assert_int_equal(bad_offset("a\xe2\x80\xa9" "b", true), 1);
	/* Invisible: zero-width space, BOM, a tag character. */
	assert_int_equal(bad_offset("In\xe2\x80\x8b" "ès", false), 2);
	assert_int_equal(bad_offset("\xef\xbb\xbf" "x", false), 0);
	assert_int_equal(bad_offset("x\xf3\xa0\x80\x81", false), 1);
}

static void
explanation_says_which_byte_and_what_is_wrong(void **state)
{
	char	*why;

	(void)state;
	why = text_check("r\xe9unions", false);
	assert_non_null(why);
	assert_non_null(strstr(why, "octet n°2 (après « r »)"));
	assert_non_null(strstr(why, "0xE9"));
	assert_non_null(strstr(why, "UTF-8"));
	free(why);
	why = text_check("\x1b[2J", true);
	assert_non_null(strstr(why, "octet n°1 : "));
	assert_non_null(strstr(why, "U+001B"));
	free(why);
	why = text_check("ok \xe2\x80\xae", true);
	assert_non_null(strstr(why, "U+202E"));
	assert_non_null(strstr(why, "direction"));
	free(why);
	/* The context of a multi-line text stays on one line, and is cut. */
	why = text_check("ligne\nune deux trois quatre cinq\a", true);
	assert_non_null(strstr(why, "(après « …"));
	assert_null(strchr(why, '\n'));
	assert_non_null(strstr(why, "U+0007"));
	free(why);
	/* A lone byte hints at Latin-1; a bad sequence or a cut does not. */
	why = text_check("\xc0\xaf", false);
	assert_non_null(strstr(why, "la séquence qui commence par l'octet "
	    "0xC0"));
	free(why);
	why = text_check("caf\xc3", false);
	assert_non_null(strstr(why, "octet n°4 (après « caf ») : le caractère "
	    "qui commence par l'octet 0xC3 est coupé en fin de texte"));
	free(why);
	assert_null(text_check("très bien", false));
	assert_null(text_check(NULL, false));
}

static void
sanitized_copies_follow_the_rule_and_show_what_was_there(void **state)
{
	char	*s;

	(void)state;
	s = text_sanitize("a\x1b[31mb\a\x7f", 9, false);
	assert_string_equal(s, "a␛[31mb␇␡");
	free(s);
	s = text_sanitize("r\xe9unions", 8, true);
	assert_string_equal(s, "r\xef\xbf\xbdunions");
	free(s);
	s = text_sanitize("x\xe2\x80\xaey\xc2\x9bz", 8, true);
	assert_string_equal(s, "x\xef\xbf\xbdy\xef\xbf\xbdz");
	free(s);
	s = text_sanitize("deux\nlignes\t!", 13, false);
	assert_string_equal(s, "deux lignes !");
	free(s);
	s = text_sanitize("deux\nlignes\t!", 13, true);
	assert_string_equal(s, "deux\nlignes\t!");
	free(s);
	s = text_sanitize("a\0b", 3, true);
	assert_string_equal(s, "a␀b");
	assert_true(clean(s, false));
	free(s);
	s = text_sanitize("déjà propre", strlen("déjà propre"), false);
	assert_string_equal(s, "déjà propre");
	free(s);
}

static void
percentages_are_whole_numbers_written_with_digits(void **state)
{
	int	 v = -1;

	(void)state;
	assert_true(text_parse_percent("33", 200, &v));
	assert_int_equal(v, 33);
	assert_true(text_parse_percent("0", 200, &v));
	assert_int_equal(v, 0);
	assert_true(text_parse_percent("200%", 200, &v));
	assert_int_equal(v, 200);
	assert_true(text_parse_percent("50 %", 200, &v));
	assert_true(text_parse_percent("50\xc2\xa0%", 200, &v));
	assert_true(text_parse_percent("50\xe2\x80\xaf%", 200, &v));
	assert_int_equal(v, 50);
	v = 7;
	assert_false(text_parse_percent("1/3", 200, &v));
	assert_false(text_parse_percent("abc", 200, &v));
	assert_false(text_parse_percent("-5", 200, &v));
	assert_false(text_parse_percent("+5", 200, &v));
	assert_false(text_parse_percent("", 200, &v));
	assert_false(text_parse_percent("1e3", 200, &v));
	assert_false(text_parse_percent("33.5", 200, &v));
	assert_false(text_parse_percent(" 33", 200, &v));
	assert_false(text_parse_percent("33 ", 200, &v));
	assert_false(text_parse_percent("201", 200, &v));
	assert_false(text_parse_percent("99999999999999999999", 200, &v));
	assert_false(text_parse_percent("%", 200, &v));
	assert_int_equal(v, 7);
}

static void
whole_numbers_are_digits_only_and_never_wrap(void **state)
{
	uint64_t	 n = 9;

	(void)state;
	assert_true(text_parse_uint("18446744073709551615", UINT64_MAX, &n));
	assert_true(n == UINT64_MAX);
	assert_false(text_parse_uint("18446744073709551616", UINT64_MAX, &n));
	assert_true(text_parse_uint("8", 8, &n));
	assert_int_equal(n, 8);
	assert_false(text_parse_uint("9", 8, &n));
	assert_false(text_parse_uint("7", 5, &n));
	assert_false(text_parse_uint("-1", UINT64_MAX, &n));
	assert_false(text_parse_uint("+1", UINT64_MAX, &n));
	assert_false(text_parse_uint(" 1", UINT64_MAX, &n));
	assert_false(text_parse_uint("", UINT64_MAX, &n));
	assert_false(text_parse_uint("0x10", UINT64_MAX, &n));
	assert_int_equal(n, 8);
}

/* A printf kept for later writes what printf writes at once. */
static void
later_writes_what_printf_writes(void **state)
{
	char		 name[] = "Spot vidéo";
	struct later	*l;
	char		*now, *raw;

	(void)state;
	l = later_new("« %s » glisse chez %s : %d %%, %+d, %05.1f, %lld, "
	    "%zu, %-6s|, %.*s, %c, %x", name, "Studio Nord", 42, -3, 2.5,
	    (long long)-9000000000LL, (size_t)7, "ab", 3, "abcdef", 'z', 255u);
	now = xasprintf("« %s » glisse chez %s : %d %%, %+d, %05.1f, %lld, "
	    "%zu, %-6s|, %.*s, %c, %x", name, "Studio Nord", 42, -3, 2.5,
	    (long long)-9000000000LL, (size_t)7, "ab", 3, "abcdef", 'z', 255u);
	/* The arguments are copies: the caller's buffers may go. */
	memcpy(name, "XXXX", 4);
	raw = later_raw(l);
	assert_string_equal(raw, now);
	/* No catalogue: the text read is the msgid's, kept once built. */
	assert_string_equal(later_text(l), now);
	assert_ptr_equal(later_text(l), later_text(l));
	free(raw);
	free(now);
	later_free(l);
}

/* A translation may reorder the arguments; one that takes other types is
 * refused (later_text then writes the msgid). */
static void
later_translations_reorder_or_are_refused(void **state)
{
	struct later	*l;
	char		*s;

	(void)state;
	l = later_new("%s en surcharge : %d,%02d jours", "Lucie", 5, 7);
	s = later_with(l, "%3$02d/%2$d days overloaded: %1$s");
	assert_string_equal(s, "07/5 days overloaded: Lucie");
	free(s);
	assert_null(later_with(l, "%d en surcharge : %s,%02d"));
	assert_null(later_with(l, "%s en surcharge : %d"));
	assert_null(later_with(l, "%s %d %d %d"));
	later_free(l);
	/* Not a format kept as data (%p): written at once, all the same. */
	l = later_new("%s %p", "x", (void *)NULL);
	s = xasprintf("%s %p", "x", (void *)NULL);
	assert_string_equal(later_text(l), s);
	free(s);
	later_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation_stops_at_first_bad_byte),
		cmocka_unit_test(identifiers_are_short_lowercase_ascii),
		cmocka_unit_test(elision_before_a_vowel_accented_or_not),
		cmocka_unit_test(wrap_keeps_numbers_grouped_by_thousands_whole),
		cmocka_unit_test(nearest_suggests_plausible_typos_only),
		cmocka_unit_test(money_is_written_the_french_way),
		cmocka_unit_test(dates_are_written_in_one_place),
		cmocka_unit_test(wrap_breaks_at_spaces_by_display_width),
		cmocka_unit_test(text_rule_accepts_french_prose),
		cmocka_unit_test(text_rule_refuses_bytes_that_are_not_utf8),
		cmocka_unit_test(
		    text_rule_refuses_controls_and_allows_lines_in_multiline_texts_only),
		cmocka_unit_test(
		    text_rule_refuses_what_makes_a_text_read_otherwise),
		cmocka_unit_test(explanation_says_which_byte_and_what_is_wrong),
		cmocka_unit_test(
		    sanitized_copies_follow_the_rule_and_show_what_was_there),
		cmocka_unit_test(percentages_are_whole_numbers_written_with_digits),
		cmocka_unit_test(whole_numbers_are_digits_only_and_never_wrap),
		cmocka_unit_test(later_writes_what_printf_writes),
		cmocka_unit_test(later_translations_reorder_or_are_refused),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
