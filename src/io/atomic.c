/*
 * atomic: replace a file whole or not at all (see atomic.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/atomic.h"
#include "util/xalloc.h"

int
atomic_sync_parent(const char *path)
{
	char	*dir = xstrdup(path), *slash = strrchr(dir, '/');
	int	 fd, rc = 0, saved;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd == -1)
		return -1;
	if (fsync(fd) == -1 && errno != EINVAL)
		rc = -1;
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
atomic_write(const char *path, const void *data, size_t len, mode_t mode)
{
	const char	*p = data;
	char		*tmp = xasprintf("%s.XXXXXX", path);
	ssize_t		 w;
	int		 fd, saved, created = 0;

	/* mkstemp opens with O_CREAT|O_EXCL, mode 0600. */
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	created = 1;
	if (fchmod(fd, mode) == -1)
		goto fail;
	while (len > 0) {
		w = write(fd, p, len);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			goto fail;
		if (w == 0) {
			errno = EIO;
			goto fail;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	return atomic_sync_parent(path);
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	if (created)
		(void)unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
