/*
 * client: a console connected to a session host (see client.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <jansson.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "io/client.h"
#include "io/event_json.h"
#include "io/host.h"
#include "io/protocol.h"
#include "io/session.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct pending {
	char		*id;
	json_t		*msg;		/* the command line to (re)send */
	int		 state;		/* -1 pending, 0 refused, 1 acked */
	int64_t		 seq;
	char		*error;
};

/*
 * How long client_open() waits without hearing from the host: well above
 * the longest answer to a wrong code, so that a console says "code
 * incorrect" rather than "no answer"; any data received restarts it.
 */
#define CLIENT_OPEN_MS	10000
#if HOST_SLOW_MAX_MS * 2 > CLIENT_OPEN_MS
#error "CLIENT_OPEN_MS must stay well above HOST_SLOW_MAX_MS"
#endif

struct client {
	size_t		 received;	/* bytes read from the host, ever */
	char		*path;
	char		*sock;
	char		*team;
	char		*code;
	char		*as;
	char		 console[17];
	int		 fd;
	bool		 ready;
	bool		 personal;	/* joined with a personal code */
	char		*in;
	size_t		 inlen;
	struct scenario	*scenario;
	struct game	*game;
	int		 team_index;
	int64_t		 last_seq;
	int64_t		 next_try;	/* ms: next reconnection attempt */
	unsigned	 counter;
	char		 last_id[40];	/* of the last command submitted */
	struct pending	*pending;
	int		 npending;
	char		*fatal;		/* the host refused us for good */
};

/*
 * Waits and retries are timed on the monotonic clock, never on the game's
 * (session_now(), which PILOTE_FAKE_TIME pins: a console would then never
 * reconnect nor stop waiting).
 */
static int64_t
client_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
client_write_line(struct client *c, json_t *msg)
{
	char	*s = json_dumps(msg, JSON_COMPACT);
	size_t	 n = strlen(s), off = 0;
	ssize_t	 w;
	int	 rc = 0;

	s = xreallocarray(s, n + 2, 1);
	s[n++] = '\n';
	while (off < n) {
		/* A host gone: EPIPE and a reconnection, not SIGPIPE. */
		w = send(c->fd, s + off, n - off, MSG_NOSIGNAL);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = -1;
			break;
		}
		off += (size_t)w;
	}
	free(s);
	return rc;
}

static void
client_disconnect(struct client *c)
{
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	c->ready = false;
	c->inlen = 0;
	c->next_try = client_ms() + 300;
}

static int
client_connect(struct client *c, char **cause)
{
	struct sockaddr_un	 sa;
	json_t			*hello;
	int			 i;

	if ((c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		*cause = xasprintf(_("socket : %s"), strerror(errno));
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", c->sock);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		struct stat	 st;
		struct group	*gr;

		/* A host runs, but this account may not reach it. */
		if ((errno == EACCES || errno == EPERM) &&
		    stat(c->sock, &st) == 0 &&
		    (gr = getgrgid(st.st_gid)) != NULL)
			*cause = xasprintf(_("%s : accès refusé : ce compte doit "
			    "être dans le groupe « %s » de la classe (voyez avec "
			    "le formateur)"), c->sock, gr->gr_name);
		else if (errno == EACCES || errno == EPERM)
			*cause = xasprintf(_("%s : accès refusé : ce compte doit "
			    "être dans le groupe de la classe (voyez avec le "
			    "formateur)"), c->sock);
		else
			*cause = xasprintf(_("pas d'hôte pour %s (%s) : le "
			    "formateur doit lancer « pilote host %s »"), c->path,
			    strerror(errno), c->path);
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	/* Runs of masked lines: a team's catch-up is mostly those. */
	hello = json_pack("{s:s,s:i,s:s,s:I,s:b}", "type", "hello", "version",
	    PROTO_VERSION, "code", c->code, "since", (json_int_t)c->last_seq,
	    "runs", 1);
	if (c->team == NULL)
		json_object_set_new(hello, "trainer", json_true());
	else {
		json_object_set_new(hello, "team", json_string(c->team));
		json_object_set_new(hello, "as", json_string(c->as));
	}
	if (client_write_line(c, hello) == -1) {
		json_decref(hello);
		client_disconnect(c);
		*cause = xstrdup(_("connexion coupée"));
		return -1;
	}
	json_decref(hello);
	/* What was not acknowledged goes again: the host knows the ids. */
	for (i = 0; i < c->npending; i++)
		if (c->pending[i].state == -1 &&
		    client_write_line(c, c->pending[i].msg) == -1)
			break;
	return 0;
}

/*
 * The draws the host sent with a line for the console's team, in the
 * journal's own format ([week, purpose, index, "<16 hex>", teams]): the
 * engine takes them instead of the seed it is never given.
 */
static int
client_draws(struct client *c, const json_t *a, struct event *holder,
    char **cause)
{
	json_t	*o;
	char	*why = NULL;
	int	 rc;

	event_init(holder);
	if (a == NULL)
		return 0;
	/* One parser for draws: the journal's, through a bare event. */
	o = json_pack("{s:I,s:s,s:s,s:O}", "time", (json_int_t)0, "actor", "",
	    "type", "", "draws", a);
	rc = event_from_json(o, holder, &why);
	json_decref(o);
	if (rc == -1) {
		*cause = xasprintf(_("tirages illisibles envoyés par l'hôte "
		    "(%s)"), why);
		free(why);
		return -1;
	}
	game_give_draws(c->game, holder->draws, holder->ndraws);
	return 0;
}

static void
client_draws_done(struct client *c, struct event *holder)
{
	game_give_draws(c->game, NULL, 0);
	event_release(holder);
}

static int
client_event(struct client *c, const json_t *o, char **cause)
{
	struct event	 e;
	char		*why = NULL;
	int64_t		 seq;

	if (event_from_json(o, &e, &why) == -1) {
		*cause = why;
		return -1;
	}
	seq = e.seq;
	if (seq != c->last_seq + 1) {
		event_release(&e);
		return 0;	/* already had it (a resync) */
	}
	if (game_validate_journaled(c->game, &e, &why) == -1) {
		*cause = xasprintf(_("l'hôte a envoyé un événement refusé ici "
		    "(%s)"), why);
		free(why);
		event_release(&e);
		return -1;
	}
	game_apply(c->game, &e);
	c->last_seq = seq;
	event_release(&e);
	return 0;
}

static struct pending *
client_find(struct client *c, const char *id)
{
	int	 i;

	for (i = 0; i < c->npending; i++)
		if (id != NULL && strcmp(c->pending[i].id, id) == 0)
			return &c->pending[i];
	return NULL;
}

/*
 * A run of masked lines (protocol.h): lines seq..seq+k-1, each ticked with
 * its own time as a lone "masked" would be; those already had (a resync)
 * are skipped.  A run never carries draws.
 */
static void
client_masked_run(struct client *c, const json_t *o)
{
	json_int_t	 seq = json_integer_value(json_object_get(o, "seq"));
	const json_t	*times = json_object_get(o, "times"), *t;
	size_t		 i;

	if (c->game == NULL)
		return;
	json_array_foreach(times, i, t)
		if (seq + (json_int_t)i == c->last_seq + 1) {
			game_tick(c->game, c->last_seq + 1,
			    json_integer_value(t));
			c->last_seq++;
		}
}

static int
client_message(struct client *c, const char *line, size_t n, char **cause)
{
	json_t		*o;
	json_error_t	 err;
	const char	*type;
	struct pending	*p;
	struct event	 draws;
	int		 rc = 0;

	if ((o = json_loadb(line, n, 0, &err)) == NULL) {
		*cause = xstrdup(_("message illisible de l'hôte"));
		return -1;
	}
	type = json_string_value(json_object_get(o, "type"));
	if (type == NULL)
		rc = -1;
	else if (strcmp(type, "welcome") == 0) {
		if (c->game == NULL && session_game_from_header(
		    json_object_get(o, "header"), c->path, &c->scenario,
		    &c->game, cause) == -1)
			rc = -1;
		else if (c->team != NULL)
			c->team_index = game_team_index(c->game, c->team);
		c->personal = json_is_true(json_object_get(o, "personal"));
	} else if (strcmp(type, "event") == 0) {
		if (c->game == NULL || client_draws(c, json_object_get(o,
		    "draws"), &draws, cause) == -1)
			rc = -1;
		else {
			rc = client_event(c, json_object_get(o, "event"), cause);
			client_draws_done(c, &draws);
		}
	} else if (strcmp(type, "masked") == 0 && json_is_array(
	    json_object_get(o, "times")))
		client_masked_run(c, o);
	else if (strcmp(type, "masked") == 0) {
		json_int_t seq = json_integer_value(json_object_get(o, "seq"));

		if (c->game != NULL && seq == c->last_seq + 1) {
			if (client_draws(c, json_object_get(o, "draws"), &draws,
			    cause) == -1)
				rc = -1;
			else {
				game_tick(c->game, seq, json_integer_value(
				    json_object_get(o, "time")));
				c->last_seq = seq;
				client_draws_done(c, &draws);
			}
		}
	} else if (strcmp(type, "ready") == 0)
		c->ready = true;
	else if (strcmp(type, "ack") == 0 || strcmp(type, "refused") == 0) {
		p = client_find(c, json_string_value(json_object_get(o, "id")));
		if (p != NULL && p->state == -1) {
			p->state = strcmp(type, "ack") == 0 ? 1 : 0;
			p->seq = json_integer_value(json_object_get(o, "seq"));
			if (p->state == 0)
				p->error = xstrdup(json_string_value(
				    json_object_get(o, "error")) ?
				    json_string_value(json_object_get(o,
				    "error")) : "?");
		}
	} else if (strcmp(type, "error") == 0) {
		free(c->fatal);
		c->fatal = xstrdup(json_string_value(json_object_get(o,
		    "error")) ? json_string_value(json_object_get(o, "error")) :
		    "?");
		*cause = xstrdup(c->fatal);
		rc = -1;
	}
	json_decref(o);
	return rc;
}

static int
client_read(struct client *c, char **cause)
{
	char	 buf[65536], *p, *nl;
	ssize_t	 n;
	size_t	 len;

	n = read(c->fd, buf, sizeof buf);
	if (n == 0 || (n == -1 && errno != EINTR && errno != EAGAIN)) {
		client_disconnect(c);
		return 0;
	}
	if (n <= 0)
		return 0;
	c->received += (size_t)n;
	c->in = xreallocarray(c->in, c->inlen + (size_t)n + 1, 1);
	memcpy(c->in + c->inlen, buf, (size_t)n);
	c->inlen += (size_t)n;
	p = c->in;
	while ((nl = memchr(p, '\n', c->inlen - (size_t)(p - c->in))) !=
	    NULL) {
		if (client_message(c, p, (size_t)(nl - p), cause) == -1) {
			client_disconnect(c);
			return -1;
		}
		p = nl + 1;
	}
	len = c->inlen - (size_t)(p - c->in);
	memmove(c->in, p, len);
	c->inlen = len;
	return 0;
}

int
client_poll(struct client *c, int timeout_ms)
{
	struct pollfd	 pfd;
	char		*cause = NULL;
	int		 n;

	if (c->fatal != NULL)
		return -1;
	if (c->fd == -1) {
		if (client_ms() < c->next_try) {
			if (timeout_ms > 0)
				poll(NULL, 0, timeout_ms < 100 ? timeout_ms :
				    100);
			return 0;
		}
		if (client_connect(c, &cause) == -1) {
			free(cause);
			c->next_try = client_ms() + 500;
			return 0;
		}
	}
	pfd.fd = c->fd;
	pfd.events = POLLIN;
	n = poll(&pfd, 1, timeout_ms);
	if (n > 0 && client_read(c, &cause) == -1) {
		free(cause);
		return c->fatal != NULL ? -1 : 0;
	}
	return 0;
}

int
client_open(const char *session_path, const char *team, const char *code,
    const char *as, struct client **out, char **cause)
{
	struct client	*c = xcalloc(1, sizeof *c);
	unsigned char	 rnd[8];
	int64_t		 limit;
	size_t		 seen;

	*out = NULL;
	c->fd = -1;
	c->team_index = -1;
	c->path = xstrdup(session_path);
	c->sock = host_socket_path(session_path);
	c->team = team != NULL ? xstrdup(team) : NULL;
	c->code = xstrdup(code);
	c->as = xstrdup(as != NULL ? as : GAME_TRAINER);
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(c->console, sizeof c->console, rnd, sizeof rnd);
	if (client_connect(c, cause) == -1) {
		client_close(c);
		return -1;
	}
	/* The wait restarts while the host keeps sending: a long journal
	 * being caught up is an answer, silence is not. */
	limit = client_ms() + CLIENT_OPEN_MS;
	seen = c->received;
	while (!c->ready && c->fatal == NULL && client_ms() < limit) {
		client_poll(c, 100);
		if (c->received != seen) {
			seen = c->received;
			limit = client_ms() + CLIENT_OPEN_MS;
		}
	}
	if (!c->ready) {
		*cause = xstrdup(c->fatal != NULL ? c->fatal :
		    _("l'hôte ne répond pas"));
		client_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

int
client_submit(struct client *c, struct event *e, int wait_ms, int64_t *seq,
    char **cause)
{
	struct pending	*p;
	json_t		*ev, *msg;

	/* Its texts become JSON: the rule first (the host checks it too). */
	if (game_check_texts(e, cause) == -1)
		return 0;
	snprintf(c->last_id, sizeof c->last_id, "%s:%u", c->console,
	    ++c->counter);
	ev = event_to_json(e);
	json_object_del(ev, "time");
	json_object_del(ev, "team");
	json_object_del(ev, "cmd");
	msg = json_pack("{s:s,s:s,s:o}", "type", "command", "id", c->last_id,
	    "event", ev);
	c->pending = xreallocarray(c->pending, (size_t)c->npending + 1,
	    sizeof *c->pending);
	p = &c->pending[c->npending++];
	memset(p, 0, sizeof *p);
	p->id = xstrdup(c->last_id);
	p->msg = msg;
	p->state = -1;
	if (c->fd != -1 && client_write_line(c, msg) == -1)
		client_disconnect(c);
	return client_wait(c, c->last_id, wait_ms, seq, cause);
}

const char *
client_last_id(const struct client *c)
{
	return c->last_id;
}

int
client_wait(struct client *c, const char *id, int wait_ms, int64_t *seq,
    char **cause)
{
	struct pending	*p;
	int64_t		 limit;
	int		 i, rc;

	limit = client_ms() + wait_ms;
	/* Only settling here removes an entry: found every time if known. */
	while ((p = client_find(c, id)) != NULL && p->state == -1 &&
	    c->fatal == NULL && client_ms() < limit)
		client_poll(c, 50);
	if ((p = client_find(c, id)) == NULL) {
		*cause = xstrdup(_("commande inconnue (déjà réglée ?)"));
		return -2;
	}
	rc = p->state;
	if (rc == 1)
		*seq = p->seq;
	else if (rc == 0)
		*cause = xstrdup(p->error);
	else
		*cause = xstrdup(c->fatal != NULL ? c->fatal :
		    _("pas encore confirmé : la commande sera renvoyée à la "
		    "reconnexion"));
	if (rc != -1) {
		/* Settled: forget it, and wait until its line arrived. */
		i = (int)(p - c->pending);
		json_decref(p->msg);
		free(p->id);
		free(p->error);
		c->pending[i] = c->pending[--c->npending];
		while (rc == 1 && c->last_seq < *seq && c->fatal == NULL &&
		    client_ms() < limit + 5000)
			client_poll(c, 50);
	}
	return rc;
}

bool
client_connected(const struct client *c)
{
	return c->fd != -1 && c->ready;
}

const char *
client_error(const struct client *c)
{
	return c->fatal;
}

int
client_pending(const struct client *c)
{
	int	 i, n = 0;

	for (i = 0; i < c->npending; i++)
		n += c->pending[i].state == -1;
	return n;
}

struct game *
client_game(struct client *c)
{
	return c->game;
}

const struct scenario *
client_scenario(const struct client *c)
{
	return c->scenario;
}

int
client_team(const struct client *c)
{
	return c->team_index;
}

const char *
client_path(const struct client *c)
{
	return c->path;
}

const char *
client_as(const struct client *c)
{
	return c->as;
}

bool
client_personal(const struct client *c)
{
	return c->personal;
}

void
client_close(struct client *c)
{
	int	 i;

	if (c == NULL)
		return;
	if (c->fd != -1) {
		json_t *bye = json_pack("{s:s}", "type", "bye");

		client_write_line(c, bye);
		json_decref(bye);
		close(c->fd);
	}
	for (i = 0; i < c->npending; i++) {
		json_decref(c->pending[i].msg);
		free(c->pending[i].id);
		free(c->pending[i].error);
	}
	free(c->pending);
	game_free(c->game);
	scenario_free(c->scenario);
	free(c->in);
	free(c->path);
	free(c->sock);
	free(c->team);
	free(c->code);
	free(c->as);
	free(c->fatal);
	free(c);
}
