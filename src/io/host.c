/*
 * host: the session host's socket server (see host.h).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/game.h"
#include "io/event_json.h"
#include "io/host.h"
#include "io/protocol.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define HOST_MAX_CLIENTS	64
#define HOST_MAX_OUTPUT		(16 * 1024 * 1024)
#define HOST_CATCH_UP_CHUNK	(256 * 1024)

struct client_conn {
	int		 fd;
	bool		 joined;
	int		 team;		/* -1 trainer */
	char		*as;
	int64_t		 since;		/* ms */
	size_t		 sent;		/* journal lines already sent */
	char		*in;		/* partial input line */
	size_t		 inlen;
	char		*out;		/* pending output */
	size_t		 outlen, outcap;
	bool		 closing;
	bool		 want_ready;	/* "ready" once caught up */
};

struct host {
	struct session		*ss;
	char			*sock_path;
	int			 listen_fd;
	struct client_conn	 clients[HOST_MAX_CLIENTS];
	int			 nclients;
	char			 codes[GAME_MAX_TEAMS + 1][9];
	/* How many times each team's code was renewed (keys/<name>.codes). */
	unsigned		 gen[GAME_MAX_TEAMS];
	char			*gen_path;
	struct host_console	 view[HOST_MAX_CLIENTS];
	/* Command ids already journaled, with their seq (resends). */
	char			**ids;
	int64_t			*id_seqs;
	size_t			 nids, capids;
};

static void	 host_error(struct client_conn *, const char *);

char *
host_socket_path(const char *session_path)
{
	return xasprintf("%s.sock", session_path);
}

static void
host_remember_id(struct host *h, const char *id, int64_t seq)
{
	if (h->nids == h->capids) {
		h->capids = h->capids ? h->capids * 2 : 256;
		h->ids = xreallocarray(h->ids, h->capids, sizeof *h->ids);
		h->id_seqs = xreallocarray(h->id_seqs, h->capids,
		    sizeof *h->id_seqs);
	}
	h->ids[h->nids] = xstrdup(id);
	h->id_seqs[h->nids++] = seq;
}

static int64_t
host_find_id(const struct host *h, const char *id)
{
	size_t	 i;

	for (i = h->nids; i > 0; i--)
		if (strcmp(h->ids[i - 1], id) == 0)
			return h->id_seqs[i - 1];
	return 0;
}

/*
 * A team's code is derived from the session key and the team's name; a
 * renewed one from its generation too ("renewed:N:" before the name, so
 * that no team name can make two contexts equal).
 */
static void
host_team_code(struct host *h, int i)
{
	const char	*name = h->ss->game->teams[i].name;
	char		*ctx;

	ctx = h->gen[i] == 0 ? xasprintf("pilote-join-v1:team:%s", name) :
	    xasprintf("pilote-join-v1:renewed:%u:team:%s", h->gen[i], name);
	if (journal_derive_code(h->ss->journal, ctx, h->codes[i]) == -1)
		strcpy(h->codes[i], "--------");
	free(ctx);
}

static void
host_codes(struct host *h)
{
	int	 i;

	for (i = 0; i < h->ss->game->nteams; i++)
		host_team_code(h, i);
	if (journal_derive_code(h->ss->journal, "pilote-join-v1:trainer",
	    h->codes[GAME_MAX_TEAMS]) == -1)
		strcpy(h->codes[GAME_MAX_TEAMS], "--------");
}

/*
 * The generations live beside the key, in keys/ (the trainer's alone): a
 * renewed code stays renewed after a restart, and no candidate can bring
 * an old code back.  JSON: {"Alpha": 2}.
 */
static char *
host_gen_path(const char *session_path)
{
	const char	*slash = strrchr(session_path, '/');

	if (slash == NULL)
		return xasprintf("keys/%s.codes", session_path);
	return xasprintf("%.*s/keys/%s.codes", (int)(slash - session_path),
	    session_path, slash + 1);
}

static void
host_load_gens(struct host *h)
{
	const json_t	*v;
	json_t		*o;
	json_error_t	 err;
	int		 i;

	if ((o = json_load_file(h->gen_path, 0, &err)) == NULL)
		return;
	for (i = 0; i < h->ss->game->nteams; i++) {
		v = json_object_get(o, h->ss->game->teams[i].name);
		if (json_is_integer(v) && json_integer_value(v) > 0 &&
		    json_integer_value(v) < 1000000)
			h->gen[i] = (unsigned)json_integer_value(v);
	}
	json_decref(o);
}

static int
host_save_gens(struct host *h, const unsigned *gen, char **cause)
{
	json_t	*o = json_object();
	char	*tmp = xasprintf("%s.tmp", h->gen_path), *text;
	int	 i, fd, ok;

	for (i = 0; i < h->ss->game->nteams; i++)
		if (gen[i] > 0)
			json_object_set_new(o, h->ss->game->teams[i].name,
			    json_integer((json_int_t)gen[i]));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ok = fd != -1 && write(fd, text, strlen(text)) ==
	    (ssize_t)strlen(text) && write(fd, "\n", 1) == 1 &&
	    fsync(fd) == 0;
	if (fd != -1 && close(fd) == -1)
		ok = 0;
	if (!ok || rename(tmp, h->gen_path) == -1) {
		*cause = xasprintf(_("%s : enregistrement impossible : %s"),
		    h->gen_path, strerror(errno));
		unlink(tmp);
		free(tmp);
		free(text);
		return -1;
	}
	free(tmp);
	free(text);
	return 0;
}

int
host_renew_code(struct host *h, int team, bool drop, char **cause)
{
	unsigned	 gen[GAME_MAX_TEAMS];
	int		 i;

	if (team < 0 || team >= h->ss->game->nteams) {
		*cause = xstrdup(_("équipe inconnue"));
		return -1;
	}
	memcpy(gen, h->gen, sizeof gen);
	gen[team]++;
	/* Saved first: the old code must not come back after a restart. */
	if (host_save_gens(h, gen, cause) == -1)
		return -1;
	h->gen[team] = gen[team];
	host_team_code(h, team);
	for (i = 0; drop && i < h->nclients; i++)
		if (h->clients[i].joined && h->clients[i].team == team)
			host_error(&h->clients[i], _("le formateur a renouvelé "
			    "le code d'accès de l'équipe : relancez « pilote "
			    "join » avec le nouveau code"));
	return 0;
}

const char *
host_code(struct host *h, int team)
{
	return team < 0 ? h->codes[GAME_MAX_TEAMS] : h->codes[team];
}

int
host_open(struct session *ss, struct host **out, char **cause)
{
	struct host		*h;
	struct sockaddr_un	 sa;
	const json_t		*o;
	size_t			 i, n;
	int			 fd;

	*out = NULL;
	h = xcalloc(1, sizeof *h);
	h->ss = ss;
	h->listen_fd = -1;
	h->sock_path = host_socket_path(ss->path);
	if (strlen(h->sock_path) >= sizeof sa.sun_path) {
		*cause = xasprintf(_("%s : chemin trop long pour un socket "
		    "(%zu caractères au plus)"), h->sock_path,
		    sizeof sa.sun_path - 1);
		goto fail;
	}
	h->gen_path = host_gen_path(ss->path);
	host_load_gens(h);
	host_codes(h);
	n = journal_count(ss->journal);
	for (i = 1; i < n; i++) {
		o = journal_get(ss->journal, i);
		if (json_is_string(json_object_get(o, "cmd")))
			host_remember_id(h, json_string_value(json_object_get(o,
			    "cmd")), (int64_t)i);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		*cause = xasprintf(_("socket : %s"), strerror(errno));
		goto fail;
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, h->sock_path);
	/*
	 * The journal's lock already proves no other host runs: a socket
	 * file left here is stale (the host was killed).
	 */
	unlink(h->sock_path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    chmod(h->sock_path, 0660) == -1 || listen(fd, 16) == -1) {
		*cause = xasprintf(_("%s : le socket ne s'ouvre pas : %s"),
		    h->sock_path, strerror(errno));
		close(fd);
		goto fail;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	h->listen_fd = fd;
	*out = h;
	return 0;
fail:
	host_close(h);
	return -1;
}

static void
host_send(struct client_conn *c, json_t *msg)
{
	char	*s = json_dumps(msg, JSON_COMPACT);
	size_t	 n = strlen(s);

	json_decref(msg);
	if (c->outlen + n + 1 > HOST_MAX_OUTPUT) {
		/* A console that does not read is dropped, not waited for. */
		c->closing = true;
		free(s);
		return;
	}
	if (c->outlen + n + 1 > c->outcap) {
		while (c->outlen + n + 1 > c->outcap)
			c->outcap = c->outcap ? c->outcap * 2 : 4096;
		c->out = xreallocarray(c->out, c->outcap, 1);
	}
	memcpy(c->out + c->outlen, s, n);
	c->out[c->outlen + n] = '\n';
	c->outlen += n + 1;
	free(s);
}

/* May the console of team (or the trainer, -1) see this journal line? */
static bool
host_visible(const struct host *h, const json_t *ev, int team)
{
	const char	*type = json_string_value(json_object_get(ev, "type"));
	const char	*t = json_string_value(json_object_get(ev, "team"));
	const char	*target;

	if (team < 0)
		return true;
	if (type != NULL && strcmp(type, "note") == 0)
		return false;
	if (t != NULL)
		return strcmp(t, h->ss->game->teams[team].name) == 0;
	target = json_string_value(json_object_get(json_object_get(ev,
	    "data"), "equipe"));
	return target == NULL || strcmp(target, "toutes") == 0 ||
	    strcmp(target, h->ss->game->teams[team].name) == 0;
}

/* Sends every journal line the console has not had yet. */
static void
host_catch_up(struct host *h, struct client_conn *c)
{
	size_t		 n = journal_count(h->ss->journal);
	const json_t	*ev;

	/* A long session streams as the console reads, never all at once. */
	for (; c->sent < n && c->outlen < HOST_CATCH_UP_CHUNK; c->sent++) {
		ev = journal_get(h->ss->journal, c->sent);
		if (host_visible(h, ev, c->team))
			host_send(c, json_pack("{s:s,s:O}", "type", "event",
			    "event", ev));
		else
			host_send(c, json_pack("{s:s,s:I,s:O}", "type",
			    "masked", "seq", (json_int_t)c->sent, "time",
			    json_object_get(ev, "time")));
	}
	if (c->want_ready && c->sent == n) {
		host_send(c, json_pack("{s:s,s:I}", "type", "ready", "seq",
		    (json_int_t)(n - 1)));
		c->want_ready = false;
	}
}

static void
host_refuse(struct client_conn *c, const char *id, const char *why)
{
	host_send(c, json_pack("{s:s,s:s,s:s}", "type", "refused", "id",
	    id ? id : "", "error", why));
}

static void
host_error(struct client_conn *c, const char *why)
{
	host_send(c, json_pack("{s:s,s:s}", "type", "error", "error", why));
	c->closing = true;
}

/*
 * Whether a typed code is this one: read aloud and typed by hand, it may
 * come in lower case, cut by spaces or a dash ("k7mq-2xpa").
 */
static bool
host_code_matches(const char *typed, const char *code)
{
	char	 buf[9];
	size_t	 n = 0;

	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-')
			continue;
		if (n == 8)
			return false;
		buf[n++] = (char)toupper((unsigned char)*typed);
	}
	return n == 8 && strlen(code) == 8 && sodium_memcmp(buf, code, 8) == 0;
}

static void
host_hello(struct host *h, struct client_conn *c, struct proto_msg *m)
{
	struct game	*g = h->ss->game;
	int		 team = -1;

	if (m->version != PROTO_VERSION) {
		host_error(c, _("version du protocole différente : mettez "
		    "pilote à jour des deux côtés"));
		return;
	}
	if (!m->trainer) {
		if ((team = game_team_index(g, m->team)) < 0) {
			host_error(c, _("équipe inconnue dans cette session"));
			return;
		}
		if (game_candidate_index(&g->teams[team], m->as) < 0) {
			host_error(c, _("ce nom n'est pas celui d'un candidat de "
			    "l'équipe"));
			return;
		}
	}
	if (!host_code_matches(m->code, host_code(h, team))) {
		host_error(c, _("code d'accès incorrect"));
		return;
	}
	c->joined = true;
	c->team = team;
	free(c->as);
	c->as = xstrdup(m->trainer ? GAME_TRAINER : m->as);
	c->since = session_now();
	if (m->since > 0 && (size_t)m->since < journal_count(h->ss->journal))
		c->sent = (size_t)m->since + 1;
	else if (m->since > 0)
		c->sent = journal_count(h->ss->journal);
	else
		c->sent = 1;
	host_send(c, json_pack("{s:s,s:i,s:O}", "type", "welcome", "version",
	    PROTO_VERSION, "header", journal_get(h->ss->journal, 0)));
	c->want_ready = true;
	host_catch_up(h, c);
}

static void
host_command(struct host *h, struct client_conn *c, struct proto_msg *m)
{
	struct event	*e = &m->event;
	char		*cause = NULL;
	bool		 refused;
	int64_t		 seq;

	if (!c->joined) {
		host_error(c, _("présentez-vous d'abord (hello)"));
		return;
	}
	/* A resend after a reconnect: already journaled, say so again. */
	if ((seq = host_find_id(h, m->id)) > 0) {
		host_send(c, json_pack("{s:s,s:s,s:I}", "type", "ack", "id",
		    m->id, "seq", (json_int_t)seq));
		return;
	}
	/* Who acts is the console's business; which team is the host's. */
	event_set(&e->team, c->team < 0 ? NULL : h->ss->game->teams[c->team].name);
	if (c->team < 0)
		event_set(&e->actor, GAME_TRAINER);
	else if (e->actor == NULL)
		event_set(&e->actor, c->as);
	event_set(&e->cmd, m->id);
	e->time = 0;
	if (session_submit(h->ss, e, &refused, &cause) == -1) {
		host_refuse(c, m->id, cause ? cause : "?");
		free(cause);
		return;
	}
	host_remember_id(h, m->id, e->seq);
	host_send(c, json_pack("{s:s,s:s,s:I}", "type", "ack", "id", m->id,
	    "seq", (json_int_t)e->seq));
}

static void
host_line(struct host *h, struct client_conn *c, const char *line, size_t n)
{
	struct proto_msg	 m;
	char			*cause = NULL;

	if (proto_parse(line, n, &m, &cause) == -1) {
		host_error(c, cause);
		free(cause);
		return;
	}
	switch (m.kind) {
	case PROTO_HELLO:
		host_hello(h, c, &m);
		break;
	case PROTO_COMMAND:
		host_command(h, c, &m);
		break;
	case PROTO_BYE:
		c->closing = true;
		break;
	}
	proto_release(&m);
}

static void
host_read(struct host *h, struct client_conn *c)
{
	char	 buf[8192], *nl, *p;
	ssize_t	 n;
	size_t	 len;

	n = read(c->fd, buf, sizeof buf);
	if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
		c->closing = true;
		c->outlen = 0;
		return;
	}
	if (n <= 0)
		return;
	if (c->inlen + (size_t)n > PROTO_MAX_LINE + 1) {
		host_error(c, _("message trop long"));
		return;
	}
	c->in = xreallocarray(c->in, c->inlen + (size_t)n + 1, 1);
	memcpy(c->in + c->inlen, buf, (size_t)n);
	c->inlen += (size_t)n;
	p = c->in;
	while (!c->closing && (nl = memchr(p, '\n', c->inlen -
	    (size_t)(p - c->in))) != NULL) {
		host_line(h, c, p, (size_t)(nl - p));
		p = nl + 1;
	}
	len = c->inlen - (size_t)(p - c->in);
	memmove(c->in, p, len);
	c->inlen = len;
}

static void
host_write(struct client_conn *c)
{
	ssize_t	 n;

	if (c->outlen == 0)
		return;
	/* A console gone: EPIPE and a hang-up, not SIGPIPE for the host. */
	n = send(c->fd, c->out, c->outlen, MSG_NOSIGNAL);
	if (n == -1 && errno != EAGAIN && errno != EINTR) {
		c->closing = true;
		c->outlen = 0;
		return;
	}
	if (n > 0) {
		memmove(c->out, c->out + n, c->outlen - (size_t)n);
		c->outlen -= (size_t)n;
	}
}

static void
host_drop(struct host *h, int i)
{
	struct client_conn	*c = &h->clients[i];

	close(c->fd);
	free(c->in);
	free(c->out);
	free(c->as);
	h->clients[i] = h->clients[--h->nclients];
}

int
host_poll(struct host *h, int timeout_ms)
{
	struct pollfd	 pfd[HOST_MAX_CLIENTS + 1];
	int		 i, fd, n, polled;

	/* Lines journaled by the host's own screen go out first. */
	for (i = 0; i < h->nclients; i++)
		if (h->clients[i].joined)
			host_catch_up(h, &h->clients[i]);
	pfd[0].fd = h->listen_fd;
	pfd[0].events = POLLIN;
	for (i = 0; i < h->nclients; i++) {
		pfd[i + 1].fd = h->clients[i].fd;
		pfd[i + 1].events = POLLIN | (h->clients[i].outlen > 0 ?
		    POLLOUT : 0);
	}
	polled = h->nclients;
	n = poll(pfd, (nfds_t)polled + 1, timeout_ms);
	if (n == -1)
		return errno == EINTR ? 0 : -1;
	if (pfd[0].revents & POLLIN) {
		while ((fd = accept4(h->listen_fd, NULL, NULL, SOCK_NONBLOCK |
		    SOCK_CLOEXEC)) != -1) {
			if (h->nclients == HOST_MAX_CLIENTS) {
				close(fd);
				continue;
			}
			memset(&h->clients[h->nclients], 0,
			    sizeof h->clients[0]);
			h->clients[h->nclients].fd = fd;
			h->clients[h->nclients].team = -1;
			h->nclients++;
		}
	}
	for (i = 0; i < polled; i++) {
		if (pfd[i + 1].revents & (POLLIN | POLLHUP | POLLERR))
			host_read(h, &h->clients[i]);
	}
	/* Everyone catches up with what was just journaled, then writes. */
	for (i = 0; i < h->nclients; i++) {
		if (h->clients[i].joined)
			host_catch_up(h, &h->clients[i]);
		host_write(&h->clients[i]);
	}
	for (i = h->nclients - 1; i >= 0; i--)
		if (h->clients[i].closing && h->clients[i].outlen == 0)
			host_drop(h, i);
		else if (h->clients[i].closing)
			host_write(&h->clients[i]);
	return 0;
}

int
host_consoles(const struct host *h, const struct host_console **out)
{
	struct host	*w = (struct host *)(uintptr_t)h;
	int		 i, n = 0;

	for (i = 0; i < h->nclients; i++) {
		if (!h->clients[i].joined)
			continue;
		w->view[n].team = h->clients[i].team;
		w->view[n].as = h->clients[i].as;
		w->view[n].since = h->clients[i].since;
		n++;
	}
	*out = h->view;
	return n;
}

void
host_close(struct host *h)
{
	size_t	 i;

	if (h == NULL)
		return;
	while (h->nclients > 0)
		host_drop(h, h->nclients - 1);
	if (h->listen_fd != -1) {
		close(h->listen_fd);
		unlink(h->sock_path);
	}
	for (i = 0; i < h->nids; i++)
		free(h->ids[i]);
	free(h->ids);
	free(h->id_seqs);
	free(h->sock_path);
	free(h->gen_path);
	free(h);
}
