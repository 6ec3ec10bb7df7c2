/*
 * Unit tests for io/atomic, the one whole-file writer: the content is
 * replaced whole, the file has the mode asked whatever the umask, a target
 * that must not be replaced is left alone, and every failure (a directory
 * that refuses, a missing one, a write that stops short, links planted at
 * the temporary names) is reported with its sysexits code and errno and
 * leaves neither a temporary file nor a changed target.
 *
 * Each test works in a fresh directory under build/.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "unit/cmocka_prelude.h"
#include "io/atomic.h"

struct fixture {
	char	 dir[64];
	char	 file[96];
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "build/test_atomic.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->file, sizeof f->file, "%s/export.csv", f->dir);
	*state = f;
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	chmod(f->dir, 0700);
	nftw(f->dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* The whole content of path ("" if absent), allocated. */
static char *
slurp(const char *path)
{
	static char	 buf[4096];
	ssize_t		 n;
	int		 fd = open(path, O_RDONLY | O_NOFOLLOW);

	buf[0] = '\0';
	if (fd != -1) {
		n = read(fd, buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	return strdup(buf);
}

static void
assert_content(const char *path, const char *want)
{
	char	*got = slurp(path);

	assert_string_equal(got, want);
	free(got);
}

/* How many temporary files ("….tmp.…") are left in dir. */
static int
leftovers(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp.") != NULL)
			n++;
	closedir(d);
	return n;
}

static void
content_is_replaced_whole_and_no_temporary_file_stays(void **state)
{
	struct fixture	*f = *state;
	const char	*one = "ancien contenu\n", *two = "« nouveau » 220 000 €\n";

	assert_int_equal(atomic_write(f->file, one, strlen(one), 0644, 0),
	    EX_OK);
	assert_content(f->file, one);
	assert_int_equal(atomic_write(f->file, two, strlen(two), 0644, 0),
	    EX_OK);
	assert_content(f->file, two);
	/* Empty is a content too; a relative path works. */
	assert_int_equal(atomic_write(f->file, "", 0, 0644, 0), EX_OK);
	assert_content(f->file, "");
	assert_int_equal(leftovers(f->dir), 0);
	/* Without sync, the same replacement. */
	assert_int_equal(atomic_write(f->file, one, strlen(one), 0600,
	    ATOMIC_NO_SYNC), EX_OK);
	assert_content(f->file, one);
	assert_int_equal(leftovers(f->dir), 0);
}

static void
the_file_has_the_mode_asked_whatever_the_umask(void **state)
{
	struct fixture	*f = *state;
	struct stat	 st;
	mode_t		 old = umask(077);

	assert_int_equal(atomic_write(f->file, "a", 1, 0644, 0), EX_OK);
	assert_int_equal(stat(f->file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* Replaced, the mode is still the one asked. */
	assert_int_equal(atomic_write(f->file, "b", 1, 0644, 0), EX_OK);
	assert_int_equal(stat(f->file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* A secret: 0600 even with a lax umask. */
	umask(0);
	assert_int_equal(atomic_write(f->file, "c", 1, 0600, 0), EX_OK);
	assert_int_equal(stat(f->file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(old);
}

static void
no_replace_leaves_an_existing_file_alone(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(atomic_write(f->file, "clé 1", 6, 0600,
	    ATOMIC_NO_REPLACE), EX_OK);
	assert_content(f->file, "clé 1");
	errno = 0;
	assert_int_equal(atomic_write(f->file, "clé 2", 6, 0600,
	    ATOMIC_NO_REPLACE), EX_CANTCREAT);
	assert_int_equal(errno, EEXIST);
	assert_content(f->file, "clé 1");
	assert_int_equal(leftovers(f->dir), 0);
}

static void
a_directory_that_refuses_is_reported_and_left_clean(void **state)
{
	struct fixture	*f = *state;
	char		 missing[128];
	pid_t		 pid;
	int		 status;

	/* No such directory: the output cannot be created. */
	snprintf(missing, sizeof missing, "%s/absent/x.csv", f->dir);
	errno = 0;
	assert_int_equal(atomic_write(missing, "x", 1, 0644, 0),
	    EX_CANTCREAT);
	assert_int_equal(errno, ENOENT);
	/*
	 * A directory the writer may not write: in a child, as nobody when
	 * the tests run as root (root writes anywhere), else made read-only.
	 */
	assert_int_equal(atomic_write(f->file, "avant", 5, 0644, 0), EX_OK);
	/* Nobody may enter it, not write in it. */
	assert_int_equal(chmod(f->dir, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0) {
			if (setgid(65534) == -1 || setuid(65534) == -1)
				_exit(2);
		} else if (chmod(f->dir, 0500) == -1)
			_exit(2);
		errno = 0;
		_exit(atomic_write(f->file, "après", 6, 0644, 0) ==
		    EX_NOPERM && errno == EACCES ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	chmod(f->dir, 0700);
	assert_content(f->file, "avant");
	assert_int_equal(leftovers(f->dir), 0);
}

static void
a_write_that_stops_short_changes_nothing(void **state)
{
	struct fixture	*f = *state;
	struct rlimit	 old, small = { 16, 16 };
	char		 big[200];
	int		 rc, err;

	memset(big, 'x', sizeof big);
	assert_int_equal(atomic_write(f->file, "intact", 6, 0644, 0), EX_OK);
	/* Files may not grow past 16 bytes: the write fails with EFBIG. */
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small.rlim_max = old.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	errno = 0;
	rc = atomic_write(f->file, big, sizeof big, 0644, 0);
	err = errno;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(rc, EX_IOERR);
	assert_int_equal(err, EFBIG);
	assert_content(f->file, "intact");
	assert_int_equal(leftovers(f->dir), 0);
}

/*
 * Links planted at the temporary names ("<name>.tmp.<pid>.<n>", see
 * atomic.h) are never written through: every name taken is skipped; when
 * all the tries of a call are taken it fails with EEXIST, and a later call
 * finds a free name.  The target of the links is never touched.
 */
static void
links_planted_at_the_temporary_names_are_never_followed(void **state)
{
	struct fixture	*f = *state;
	char		 target[128], link[192];
	struct stat	 st;
	int		 i, calls, rc = -1, failed = 0;

	snprintf(target, sizeof target, "%s/cible", f->dir);
	assert_int_equal(atomic_write(target, "secret", 6, 0600, 0), EX_OK);
	for (i = 0; i < 1500; i++) {
		snprintf(link, sizeof link, "%s.tmp.%ld.%d", f->file,
		    (long)getpid(), i);
		assert_int_equal(symlink("cible", link), 0);
	}
	for (calls = 0; calls < 40 && rc != EX_OK; calls++) {
		errno = 0;
		rc = atomic_write(f->file, "nouveau", 7, 0644, 0);
		if (rc != EX_OK) {
			assert_int_equal(rc, EX_CANTCREAT);
			assert_int_equal(errno, EEXIST);
			assert_int_equal(lstat(f->file, &st), -1);
			failed++;
		}
	}
	assert_int_equal(rc, EX_OK);
	/* The earlier tests of this file used few names: some calls met
	 * only planted links. */
	assert_true(failed > 0);
	assert_content(target, "secret");
	assert_content(f->file, "nouveau");
	assert_int_equal(lstat(f->file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* The links are still links, to the untouched target. */
	assert_int_equal(leftovers(f->dir), 1500);
	snprintf(link, sizeof link, "%s.tmp.%ld.%d", f->file, (long)getpid(),
	    0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

/* A link planted at the target itself is replaced, not written through. */
static void
a_link_at_the_target_is_replaced_not_followed(void **state)
{
	struct fixture	*f = *state;
	char		 target[128];
	struct stat	 st;

	snprintf(target, sizeof target, "%s/cible", f->dir);
	assert_int_equal(atomic_write(target, "secret", 6, 0600, 0), EX_OK);
	assert_int_equal(symlink("cible", f->file), 0);
	assert_int_equal(atomic_write(f->file, "export", 6, 0644, 0), EX_OK);
	assert_content(target, "secret");
	assert_int_equal(lstat(f->file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_content(f->file, "export");
}

static void
exit_codes_follow_sysexits(void **state)
{
	(void)state;
	assert_int_equal(atomic_exit_of(0), EX_OK);
	assert_int_equal(atomic_exit_of(EEXIST), EX_CANTCREAT);
	assert_int_equal(atomic_exit_of(ENOENT), EX_CANTCREAT);
	assert_int_equal(atomic_exit_of(EACCES), EX_NOPERM);
	assert_int_equal(atomic_exit_of(ELOOP), EX_NOPERM);
	assert_int_equal(atomic_exit_of(ENOSPC), EX_IOERR);
	assert_int_equal(atomic_exit_of(EROFS), EX_IOERR);
	assert_int_equal(atomic_exit_of(EIO), EX_IOERR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    content_is_replaced_whole_and_no_temporary_file_stays,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    the_file_has_the_mode_asked_whatever_the_umask, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    no_replace_leaves_an_existing_file_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_directory_that_refuses_is_reported_and_left_clean, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_write_that_stops_short_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    links_planted_at_the_temporary_names_are_never_followed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_link_at_the_target_is_replaced_not_followed, setup,
		    teardown),
		cmocka_unit_test(exit_codes_follow_sysexits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
