/*
 * rawclient: a console that obeys no rule, for the attack suite.  It
 * speaks to a session host's UNIX socket exactly what it is given, byte for
 * byte, the way a candidate with a text editor and socat would.
 *
 *   rawclient SOCKET [WAIT_MS]
 *	sends each line of standard input (as is, newline included), then
 *	prints every line the host sends until WAIT_MS (default 1500) pass
 *	without any, or the host hangs up.  "#sleep MS" on its own line pauses
 *	instead of sending (to let the host answer in between).
 *   rawclient SOCKET --idle N SECONDS
 *	opens N connections that never say anything, prints "idle N" once
 *	they are all connected (or how many the host accepted), and holds
 *	them SECONDS seconds or until standard input closes.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
rc_connect(const char *path)
{
	struct sockaddr_un	 sa;
	int			 fd;

	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		close(fd);
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Prints what arrives until wait_ms of silence; 1 if the host hung up. */
static int
rc_drain(int fd, int wait_ms)
{
	struct pollfd	 p = { fd, POLLIN, 0 };
	char		 buf[65536];
	ssize_t		 n;

	for (;;) {
		if (poll(&p, 1, wait_ms) <= 0)
			return 0;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return 1;
		fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
	}
}

static int
rc_idle(const char *path, int n, int seconds)
{
	struct pollfd	 p = { 0, POLLIN, 0 };
	int		*fds = calloc((size_t)n, sizeof *fds), i, ok = 0;
	time_t		 end = time(NULL) + seconds;
	char		 buf[256];

	if (fds == NULL)
		return 1;
	for (i = 0; i < n; i++)
		if ((fds[i] = rc_connect(path)) != -1)
			ok++;
	printf("idle %d\n", ok);
	fflush(stdout);
	while (time(NULL) < end) {
		if (poll(&p, 1, 200) > 0 && read(0, buf, sizeof buf) <= 0)
			break;
	}
	for (i = 0; i < n; i++)
		if (fds[i] != -1)
			close(fds[i]);
	free(fds);
	return 0;
}

int
main(int argc, char **argv)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 len;
	int	 fd, wait_ms = 1500;

	if (argc == 4 && strcmp(argv[2], "--idle") == 0)
		return rc_idle(argv[1], atoi(argv[3]), 0) == 0 ? 0 : 1;
	if (argc == 5 && strcmp(argv[2], "--idle") == 0)
		return rc_idle(argv[1], atoi(argv[3]), atoi(argv[4]));
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: rawclient SOCKET [WAIT_MS] | SOCKET "
		    "--idle N SECONDS\n");
		return 64;
	}
	if (argc == 3)
		wait_ms = atoi(argv[2]);
	if ((fd = rc_connect(argv[1])) == -1) {
		perror(argv[1]);
		return 69;
	}
	while ((len = getline(&line, &cap, stdin)) != -1) {
		if (strncmp(line, "#sleep ", 7) == 0) {
			if (rc_drain(fd, atoi(line + 7)))
				break;
			continue;
		}
		if (write(fd, line, (size_t)len) != len)
			break;
		if (rc_drain(fd, 50))
			break;
	}
	rc_drain(fd, wait_ms);
	free(line);
	close(fd);
	return 0;
}
