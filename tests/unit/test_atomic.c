/*
 * Unit tests for io/atomic, the one file writer: the target holds the old
 * content or the whole new one, with the mode asked for; a failure leaves
 * the target as it was and no temporary file beside it; a link at the
 * target is replaced, never written through.  Each test works in a fresh
 * directory under build/.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit/cmocka_prelude.h"
#include "io/atomic.h"

static char	 dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "build/test-atomic.%ld", (long)getpid());
	(void)mkdir("build", 0755);
	return mkdir(dir, 0700);
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
slurp(const char *path)
{
	static char	 buf[4096];
	FILE		*f = fopen(path, "r");
	size_t		 n;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The entries of dir, so a test sees a stray temporary file. */
static int
entries(void)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
replaces_the_whole_content_with_the_mode_asked(void **state)
{
	char		 path[128];
	struct stat	 st;

	(void)state;
	snprintf(path, sizeof path, "%s/export.md", dir);
	assert_int_equal(atomic_write(path, "ancien contenu, plus long\n", 26,
	    0644), 0);
	assert_int_equal(atomic_write(path, "neuf\n", 5, 0600), 0);
	assert_string_equal(slurp(path), "neuf\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(entries(), 1);
	assert_int_equal(atomic_write(path, "", 0, 0644), 0);
	assert_string_equal(slurp(path), "");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
}

static void
a_missing_directory_fails_with_its_errno(void **state)
{
	char	 path[128];

	(void)state;
	snprintf(path, sizeof path, "%s/absent/export.md", dir);
	errno = 0;
	assert_int_equal(atomic_write(path, "x", 1, 0644), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(entries(), 0);
}

static void
a_failed_rename_keeps_the_target_and_leaves_no_temporary(void **state)
{
	char	 path[128], inside[160];

	(void)state;
	/* A non-empty directory at the target: rename() must fail. */
	snprintf(path, sizeof path, "%s/cible", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(inside, sizeof inside, "%s/garde", path);
	assert_int_equal(atomic_write(inside, "garde\n", 6, 0644), 0);
	errno = 0;
	assert_int_equal(atomic_write(path, "x", 1, 0644), -1);
	assert_true(errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST);
	assert_string_equal(slurp(inside), "garde\n");
	assert_int_equal(entries(), 1);
}

static void
a_link_at_the_target_is_replaced_not_followed(void **state)
{
	char	 path[128], victim[128];

	(void)state;
	snprintf(victim, sizeof victim, "%s/victime", dir);
	snprintf(path, sizeof path, "%s/export.md", dir);
	assert_int_equal(atomic_write(victim, "à protéger\n", 13, 0644), 0);
	assert_int_equal(symlink("victime", path), 0);
	assert_int_equal(atomic_write(path, "neuf\n", 5, 0644), 0);
	assert_string_equal(slurp(victim), "à protéger\n");
	assert_string_equal(slurp(path), "neuf\n");
	assert_int_equal(entries(), 2);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(
		    replaces_the_whole_content_with_the_mode_asked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_missing_directory_fails_with_its_errno, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_failed_rename_keeps_the_target_and_leaves_no_temporary,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_link_at_the_target_is_replaced_not_followed, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
