/*
 * atomic: whole-file writes that a reader or a crash never sees half done
 * (see atomic.h).  The steps, each undone on failure: create the temporary
 * file new (O_EXCL|O_NOFOLLOW), fchmod to the mode asked, write all, fsync,
 * close, rename (or link) onto the target, fsync the directory.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "io/atomic.h"
#include "util/xalloc.h"

/* Names tried before giving up when each one is taken (planted files). */
#define ATOMIC_TRIES	100

int
atomic_exit_of(int err)
{
	switch (err) {
	case 0:
		return EX_OK;
	case EEXIST:
	case ENOENT:
	case ENOTDIR:
	case EISDIR:
	case ENAMETOOLONG:
		return EX_CANTCREAT;
	case EACCES:
	case EPERM:
	case ELOOP:
		return EX_NOPERM;
	default:
		return EX_IOERR;
	}
}

int
atomic_write_all(int fd, const void *data, size_t n)
{
	const char	*buf = data;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, buf, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Fails with errno, after undoing what was made; the code for errno. */
static int
atomic_fail(int dirfd, int fd, const char *tmp)
{
	int	 saved = errno;

	if (fd != -1)
		(void)close(fd);
	if (tmp != NULL)
		(void)unlinkat(dirfd, tmp, 0);
	errno = saved;
	return atomic_exit_of(saved);
}

int
atomic_write_at(int dirfd, const char *name, const void *data, size_t len,
    mode_t mode, int flags)
{
	static unsigned	 serial;
	char		*tmp = NULL;
	int		 fd = -1, i, rc, saved;

	for (i = 0; i < ATOMIC_TRIES && fd == -1; i++) {
		free(tmp);
		tmp = xasprintf("%s.tmp.%ld.%u", name, (long)getpid(),
		    serial++);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, mode & 0777);
		if (fd == -1 && errno != EEXIST) {
			saved = errno;
			free(tmp);
			errno = saved;
			return atomic_exit_of(saved);
		}
	}
	if (fd == -1) {
		free(tmp);
		errno = EEXIST;
		return EX_CANTCREAT;
	}
	/* The mode asked, not what the umask left of it. */
	if (fchmod(fd, mode & 07777) == -1 ||
	    atomic_write_all(fd, data, len) == -1 ||
	    (!(flags & ATOMIC_NO_SYNC) && fsync(fd) == -1)) {
		rc = atomic_fail(dirfd, fd, tmp);
		goto out;
	}
	if (close(fd) == -1) {
		rc = atomic_fail(dirfd, -1, tmp);
		goto out;
	}
	fd = -1;
	if (flags & ATOMIC_NO_REPLACE) {
		/* link(2) never replaces: EEXIST if the target exists. */
		if (linkat(dirfd, tmp, dirfd, name, 0) == -1) {
			rc = atomic_fail(dirfd, -1, tmp);
			goto out;
		}
		(void)unlinkat(dirfd, tmp, 0);
	} else if (renameat(dirfd, tmp, dirfd, name) == -1) {
		rc = atomic_fail(dirfd, -1, tmp);
		goto out;
	}
	/*
	 * The new name is in place; it survives a crash once the directory
	 * is synced.  EINVAL: a filesystem that cannot sync a directory.
	 */
	if (!(flags & ATOMIC_NO_SYNC) && fsync(dirfd) == -1 &&
	    errno != EINVAL) {
		rc = atomic_exit_of(errno);
		goto out;
	}
	rc = EX_OK;
out:
	saved = errno;
	free(tmp);
	errno = saved;
	return rc;
}

int
atomic_write(const char *path, const void *data, size_t len, mode_t mode,
    int flags)
{
	const char	*slash = strrchr(path, '/'), *name;
	char		*dir;
	int		 dirfd, rc, saved;

	if (slash == NULL) {
		dir = xstrdup(".");
		name = path;
	} else {
		dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		name = slash + 1;
	}
	if (*name == '\0') {
		free(dir);
		errno = EISDIR;
		return EX_CANTCREAT;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	saved = errno;
	free(dir);
	if (dirfd == -1) {
		errno = saved;
		return atomic_exit_of(saved);
	}
	rc = atomic_write_at(dirfd, name, data, len, mode, flags);
	saved = errno;
	(void)close(dirfd);
	errno = saved;
	return rc;
}
