/*
 * host: the session host's socket server (see host.h).
 *
 * Who acts is decided here, from the connection, never from the message: a
 * connection is the trainer's (trainer code, from the host's own account),
 * a candidate's own (personal code) or a team's shared console (team code).
 * The host also defends its single thread: connections that do not present
 * themselves are closed, accounts are capped, wrong codes answered later
 * and later, and all of it is reported in host_alerts().
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <poll.h>
#include <pwd.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "core/game.h"
#include "io/atomic.h"
#include "io/event_json.h"
#include "io/host.h"
#include "io/joincode.h"
#include "io/protocol.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define HOST_MAX_OUTPUT		(16 * 1024 * 1024)
#define HOST_CATCH_UP_CHUNK	(256 * 1024)
#define HOST_MAX_UIDS		64
#define HOST_SLOW_FORGET_MS	(5 * 60 * 1000)	/* failures forgotten */

struct client_conn {
	int		 fd;
	uid_t		 uid;		/* of the peer (SO_PEERCRED) */
	int64_t		 opened;	/* monotonic ms */
	bool		 joined;
	bool		 personal;	/* opened with a candidate's own code */
	int		 team;		/* -1 trainer */
	char		*as;
	int64_t		 since;		/* ms, when it joined */
	size_t		 sent;		/* journal lines already sent */
	char		*in;		/* partial input line */
	size_t		 inlen;
	char		*out;		/* pending output */
	size_t		 outlen, outcap;
	bool		 closing;
	bool		 want_ready;	/* "ready" once caught up */
	bool		 runs;		/* takes runs of masked lines */
	int64_t		 parked;	/* monotonic ms: a wrong code's answer */
	char		*parked_why;
};

/* What an account did wrong lately (wrong codes slow it down). */
struct host_uid {
	uid_t		 uid;
	int		 fails;		/* since the last quiet spell */
	int		 total;
	int64_t		 last;		/* monotonic ms of the last failure */
};

struct host_alert_slot {
	char		*key;		/* alerts of the same key merge */
	char		*text;
};

struct host_id {
	char	*id;		/* NULL: a free slot */
	int64_t	 seq;
};

/*
 * What the host made once of a journal line for every console: its
 * message to a console that may see it ("event": the line without its
 * draws) followed by its message to one that may not ("masked": its
 * number and time), newlines included, in h->bytes; and who may see it.
 * However many consoles receive a line, catching up or live, it is
 * serialised once (host_index) and then only copied.  A console whose
 * team the line made draws for (week closures, incidents: few lines) gets
 * a message of its own with those draws, made as it is sent; so does the
 * trainer's for a line with draws (it sees them all).
 */
struct host_line {
	size_t		 off;		/* of the "event" message in h->bytes */
	uint32_t	 shown_len;	/* its length, then the "masked" one's */
	uint32_t	 masked_len;
	uint32_t	 seen;		/* bit t: team t may see it */
	uint32_t	 drawn;		/* bit t: it made draws for team t */
	bool		 draws;		/* it has "draws" at all */
	int64_t		 time;		/* for runs of masked lines */
};

struct host {
	struct session		*ss;
	char			*sock_path;
	int			 listen_fd;
	uid_t			 self;		/* the host's account: the trainer's */
	struct client_conn	*clients;
	int			 nclients, capclients;
	struct pollfd		*pfd;
	char			 codes[GAME_MAX_TEAMS + 1][9];
	char			 personal[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES][9];
	/* How many times each code was renewed (keys/<name>.codes). */
	unsigned		 gen[GAME_MAX_TEAMS];
	unsigned		 pgen[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES];
	char			*gen_path;
	struct host_console	*view;
	/* Command ids already journaled, with their seq (resends): an open
	 * hash set keyed by a secret SipHash key, so that a console cannot
	 * choose ids that collide. */
	struct host_id		*ids;
	size_t			 nids, capids;	/* capids: a power of 2 */
	unsigned char		 idkey[crypto_shorthash_KEYBYTES];
	/* Journal lines 0..nlines-1, serialised for the consoles. */
	struct host_line	*lines;
	size_t			 nlines, caplines;
	char			*bytes;
	size_t			 nbytes, capbytes;
	struct host_uid		 uids[HOST_MAX_UIDS];
	int			 nuids;
	struct host_alert	 alerts[HOST_MAX_ALERTS];
	struct host_alert_slot	 slots[HOST_MAX_ALERTS];
	int			 nalerts;
	unsigned		 serial;
};

static void	 host_error(struct client_conn *, const char *);
static void	 host_index(struct host *);
static void	 host_write(struct client_conn *);

char *
host_socket_path(const char *session_path)
{
	return xasprintf("%s.sock", session_path);
}

/*
 * Timeouts and delays run on the monotonic clock: session_now() is pinned
 * by PILOTE_FAKE_TIME in tests and demos, and would never move.
 */
static int64_t
host_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- alerts ----------------------------------------------------------- */

/* How many times the alert of key will have happened, this one included. */
static int
host_alert_next(const struct host *h, const char *key)
{
	int	 i;

	for (i = 0; i < h->nalerts; i++)
		if (strcmp(h->slots[i].key, key) == 0)
			return h->alerts[i].count + 1;
	return 1;
}

/*
 * An alert quotes what a console sent (a name): its control characters,
 * C1 ones included (UTF-8 \xc2\x80-\x9f), become spaces, so that it can
 * neither forge a line on the headless host's stderr nor drive the
 * trainer's terminal.
 */
static void
host_clean(char *s)
{
	unsigned char	*p = (unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p[0] = ' ';
			p[1] = ' ';
			p++;
		}
	}
}

/*
 * Records an alert, merged with the recent one of the same key (then
 * moved last): a flood is one line that counts, not a scrolled screen.
 * counted: text says the count itself; else " (×N)" is added.
 */
static void
host_alert(struct host *h, const char *key, const char *text, bool counted)
{
	struct host_alert_slot	 slot;
	struct host_alert	 a;
	int			 i;

	for (i = 0; i < h->nalerts; i++)
		if (strcmp(h->slots[i].key, key) == 0)
			break;
	if (i < h->nalerts) {
		a = h->alerts[i];
		slot = h->slots[i];
		free(slot.text);
		a.count++;
	} else {
		/* The oldest goes when full: the list stays bounded. */
		if (h->nalerts == HOST_MAX_ALERTS) {
			i = 0;
			free(h->slots[0].key);
			free(h->slots[0].text);
		}
		memset(&a, 0, sizeof a);
		a.count = 1;
		slot.key = xstrdup(key);
	}
	/* Out of its place (if it had one), then in last. */
	if (i < h->nalerts) {
		memmove(&h->alerts[i], &h->alerts[i + 1], (size_t)(h->nalerts -
		    i - 1) * sizeof h->alerts[0]);
		memmove(&h->slots[i], &h->slots[i + 1], (size_t)(h->nalerts -
		    i - 1) * sizeof h->slots[0]);
		h->nalerts--;
	}
	slot.text = counted || a.count == 1 ? xstrdup(text) :
	    xasprintf("%s (×%d)", text, a.count);
	host_clean(slot.text);
	a.text = slot.text;
	a.time = session_now();
	a.serial = ++h->serial;
	h->alerts[h->nalerts] = a;
	h->slots[h->nalerts++] = slot;
}

int
host_alerts(const struct host *h, const struct host_alert **out)
{
	*out = h->alerts;
	return h->nalerts;
}

/* "alpha (uid 1003)": the account a connection comes from. */
static char *
host_account(uid_t uid)
{
	const struct passwd	*pw = getpwuid(uid);

	if (pw != NULL && pw->pw_name != NULL)
		return xasprintf(_("le compte %s (uid %u)"), pw->pw_name,
		    (unsigned)uid);
	return xasprintf(_("le compte uid %u"), (unsigned)uid);
}

/*
 * An alert about what a console did: "la console de Alpha (Léa Martin)"
 * (or "la console personnelle de Léa Martin (Alpha)"), then the deed.
 */
static void host_alert_conn(struct host *, const struct client_conn *,
    const char *, ...) __attribute__((format(printf, 3, 4)));

static void
host_alert_conn(struct host *h, const struct client_conn *c,
    const char *fmt, ...)
{
	const char	*team = c->team >= 0 ? h->ss->game->teams[c->team].name :
	    "";
	char		*who, *deed, *text;
	va_list		 ap;

	va_start(ap, fmt);
	deed = xvasprintf(fmt, ap);
	va_end(ap);
	who = c->team < 0 ? xstrdup(_("la connexion du formateur")) :
	    c->personal ? xasprintf(_("la console personnelle de %s (%s)"),
	    c->as, team) : xasprintf(_("la console de %s (%s)"), team, c->as);
	text = xasprintf("%s %s", who, deed);
	host_alert(h, text, text, false);
	free(text);
	free(who);
	free(deed);
}

static struct host_uid *
host_uid_entry(struct host *h, uid_t uid)
{
	int	 i, oldest = 0;

	for (i = 0; i < h->nuids; i++)
		if (h->uids[i].uid == uid)
			return &h->uids[i];
	if (h->nuids < HOST_MAX_UIDS)
		i = h->nuids++;
	else {
		for (i = 1; i < h->nuids; i++)
			if (h->uids[i].last < h->uids[oldest].last)
				oldest = i;
		i = oldest;
	}
	memset(&h->uids[i], 0, sizeof h->uids[i]);
	h->uids[i].uid = uid;
	return &h->uids[i];
}

/* --- ids of commands already journaled ---------------------------------- */

static size_t
host_id_slot(const struct host *h, const char *id)
{
	unsigned char	 out[crypto_shorthash_BYTES];
	uint64_t	 v;
	size_t		 i;

	crypto_shorthash(out, (const unsigned char *)id, strlen(id), h->idkey);
	memcpy(&v, out, sizeof v);
	for (i = (size_t)v & (h->capids - 1); h->ids[i].id != NULL &&
	    strcmp(h->ids[i].id, id) != 0; i = (i + 1) & (h->capids - 1))
		;
	return i;
}

static void
host_remember_id(struct host *h, const char *id, int64_t seq)
{
	struct host_id	*old = h->ids;
	size_t		 oldcap = h->capids, i, k;

	/* At most half full: probes stay short whatever the size. */
	if (2 * (h->nids + 1) > h->capids) {
		if (h->capids == 0)
			randombytes_buf(h->idkey, sizeof h->idkey);
		h->capids = h->capids ? h->capids * 2 : 1024;
		h->ids = xcalloc(h->capids, sizeof *h->ids);
		for (i = 0; i < oldcap; i++)
			if (old[i].id != NULL) {
				k = host_id_slot(h, old[i].id);
				h->ids[k] = old[i];
			}
		free(old);
	}
	k = host_id_slot(h, id);
	if (h->ids[k].id != NULL)
		return;
	h->ids[k].id = xstrdup(id);
	h->ids[k].seq = seq;
	h->nids++;
}

static int64_t
host_find_id(const struct host *h, const char *id)
{
	size_t	 k;

	if (h->capids == 0)
		return 0;
	k = host_id_slot(h, id);
	return h->ids[k].id != NULL ? h->ids[k].seq : 0;
}

/* --- join codes --------------------------------------------------------- */

/* The rule (contexts, generations) is io/joincode.c's: pilote codes too. */
static void
host_team_code(struct host *h, int i)
{
	char	*ctx;

	ctx = joincode_context(h->ss->game->teams[i].name, NULL, h->gen[i]);
	if (journal_derive_code(h->ss->journal, ctx, h->codes[i]) == -1)
		strcpy(h->codes[i], "--------");
	free(ctx);
}

static void
host_candidate_code_make(struct host *h, int i, int k)
{
	char	*ctx;

	ctx = joincode_context(h->ss->game->teams[i].name,
	    h->ss->game->teams[i].candidates[k].name, h->pgen[i][k]);
	if (journal_derive_code(h->ss->journal, ctx, h->personal[i][k]) == -1)
		strcpy(h->personal[i][k], "--------");
	free(ctx);
}

static void
host_codes(struct host *h)
{
	int	 i, k;

	for (i = 0; i < h->ss->game->nteams; i++) {
		host_team_code(h, i);
		for (k = 0; k < h->ss->game->teams[i].ncandidates; k++)
			host_candidate_code_make(h, i, k);
	}
	if (journal_derive_code(h->ss->journal, JOINCODE_TRAINER_CONTEXT,
	    h->codes[GAME_MAX_TEAMS]) == -1)
		strcpy(h->codes[GAME_MAX_TEAMS], "--------");
}

/* Writes the generations in io/joincode.h's format, atomically. */
static int
host_save_gens(struct host *h, const unsigned *gen,
    unsigned pgen[][GAME_MAX_CANDIDATES], char **cause)
{
	const struct game	*g = h->ss->game;
	json_t			*o = json_object(), *teams = json_object();
	json_t			*cands = json_object(), *mine;
	char			*text;
	int			 i, k, rc;

	for (i = 0; i < g->nteams; i++) {
		if (gen[i] > 0)
			json_object_set_new(teams, g->teams[i].name,
			    json_integer((json_int_t)gen[i]));
		mine = json_object();
		for (k = 0; k < g->teams[i].ncandidates; k++)
			if (pgen[i][k] > 0)
				json_object_set_new(mine,
				    g->teams[i].candidates[k].name,
				    json_integer((json_int_t)pgen[i][k]));
		if (json_object_size(mine) > 0)
			json_object_set_new(cands, g->teams[i].name, mine);
		else
			json_decref(mine);
	}
	json_object_set_new(o, "teams", teams);
	json_object_set_new(o, "candidates", cands);
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	rc = text == NULL ? -1 : 0;
	if (rc == -1)
		errno = ENOMEM;
	else {
		char *line = xasprintf("%s\n", text);

		/* The trainer's alone, like the journal (0600). */
		rc = atomic_write(h->gen_path, line, strlen(line), 0600, 0) ==
		    EX_OK ? 0 : -1;
		free(line);
	}
	if (rc == -1)
		*cause = xasprintf(_("%s : enregistrement impossible : %s"),
		    h->gen_path, strerror(errno));
	free(text);
	return rc;
}

/* Closes the consoles a renewed code let in (personal: candidate >= 0). */
static void
host_drop_renewed(struct host *h, int team, int candidate)
{
	struct client_conn	*c;
	int			 i;

	for (i = 0; i < h->nclients; i++) {
		c = &h->clients[i];
		if (!c->joined || c->team != team || c->personal !=
		    (candidate >= 0) || (candidate >= 0 && strcmp(c->as,
		    h->ss->game->teams[team].candidates[candidate].name) != 0))
			continue;
		host_error(c, candidate >= 0 ? _("le formateur a renouvelé "
		    "votre code personnel : relancez « pilote join » avec le "
		    "nouveau code") : _("le formateur a renouvelé le code "
		    "d'accès de l'équipe : relancez « pilote join » avec le "
		    "nouveau code"));
	}
}

int
host_renew_code(struct host *h, int team, bool drop, char **cause)
{
	unsigned	 gen[GAME_MAX_TEAMS];

	if (team < 0 || team >= h->ss->game->nteams) {
		*cause = xstrdup(_("équipe inconnue"));
		return -1;
	}
	memcpy(gen, h->gen, sizeof gen);
	gen[team]++;
	/* Saved first: the old code must not come back after a restart. */
	if (host_save_gens(h, gen, h->pgen, cause) == -1)
		return -1;
	h->gen[team] = gen[team];
	host_team_code(h, team);
	if (drop)
		host_drop_renewed(h, team, -1);
	return 0;
}

int
host_renew_candidate_code(struct host *h, int team, int candidate, bool drop,
    char **cause)
{
	unsigned	 pgen[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES];

	if (team < 0 || team >= h->ss->game->nteams || candidate < 0 ||
	    candidate >= h->ss->game->teams[team].ncandidates) {
		*cause = xstrdup(_("candidat inconnu"));
		return -1;
	}
	memcpy(pgen, h->pgen, sizeof pgen);
	pgen[team][candidate]++;
	if (host_save_gens(h, h->gen, pgen, cause) == -1)
		return -1;
	h->pgen[team][candidate] = pgen[team][candidate];
	host_candidate_code_make(h, team, candidate);
	if (drop)
		host_drop_renewed(h, team, candidate);
	return 0;
}

const char *
host_code(struct host *h, int team)
{
	return team < 0 ? h->codes[GAME_MAX_TEAMS] : h->codes[team];
}

const char *
host_candidate_code(struct host *h, int team, int candidate)
{
	if (team < 0 || team >= h->ss->game->nteams || candidate < 0 ||
	    candidate >= h->ss->game->teams[team].ncandidates)
		return NULL;
	return h->personal[team][candidate];
}

/* --- opening, closing ------------------------------------------------- */

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
	h->self = geteuid();
	h->sock_path = host_socket_path(ss->path);
	if (strlen(h->sock_path) >= sizeof sa.sun_path) {
		*cause = xasprintf(_("%s : chemin trop long pour un socket "
		    "(%zu caractères au plus)"), h->sock_path,
		    sizeof sa.sun_path - 1);
		goto fail;
	}
	h->gen_path = joincode_gens_path(ss->path);
	joincode_load_gens(h->gen_path, ss->game, h->gen, h->pgen);
	host_codes(h);
	n = journal_count(ss->journal);
	for (i = 1; i < n; i++) {
		o = journal_get(ss->journal, i);
		if (json_is_string(json_object_get(o, "cmd")))
			host_remember_id(h, json_string_value(json_object_get(o,
			    "cmd")), (int64_t)i);
	}
	host_index(h);
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
	/*
	 * A deep backlog: a burst of connections waits in the kernel until
	 * the loop accepts them, rather than being refused there.
	 */
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    chmod(h->sock_path, 0660) == -1 || listen(fd, SOMAXCONN) == -1) {
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

/* Queues n bytes (whole lines) for the console. */
static void
host_put(struct client_conn *c, const char *bytes, size_t n)
{
	if (c->outlen + n > HOST_MAX_OUTPUT) {
		/* A console that does not read is dropped, not waited for. */
		c->closing = true;
		return;
	}
	if (c->outlen + n > c->outcap) {
		while (c->outlen + n > c->outcap)
			c->outcap = c->outcap ? c->outcap * 2 : 4096;
		c->out = xreallocarray(c->out, c->outcap, 1);
	}
	memcpy(c->out + c->outlen, bytes, n);
	c->outlen += n;
}

/* msg as one line, newline included (allocated); msg is consumed. */
static char *
host_dump(json_t *msg, size_t *n)
{
	char	*s = json_dumps(msg, JSON_COMPACT);

	json_decref(msg);
	*n = strlen(s);
	s = xreallocarray(s, *n + 2, 1);
	s[(*n)++] = '\n';
	s[*n] = '\0';
	return s;
}

static void
host_send(struct client_conn *c, json_t *msg)
{
	size_t	 n;
	char	*s = host_dump(msg, &n);

	host_put(c, s, n);
	free(s);
}

/*
 * May the console of team (or the trainer, -1) see this journal line?  The
 * commands table says (seen_by): a team's own lines, and the trainer's
 * acts for every team or for it; never another team's decisions, status
 * points, or what the trainer asked, injected or said to another team;
 * trainer's notes go to nobody.
 */
static bool
host_visible(const struct host *h, const json_t *ev, int team)
{
	const struct game_command_info *info = game_command_lookup(
	    json_string_value(json_object_get(ev, "type")));
	const char	*t = json_string_value(json_object_get(ev, "team"));
	const char	*own = team >= 0 ? h->ss->game->teams[team].name : NULL;
	const char	*target;

	if (team < 0)
		return true;
	if (info == NULL)
		return false;
	switch (info->seen_by) {
	case GAME_SEEN_BY_TEAM:
		return t != NULL && strcmp(t, own) == 0;
	case GAME_SEEN_BY_ALL:
		return true;
	case GAME_SEEN_BY_EQUIPE:
		target = json_string_value(json_object_get(json_object_get(ev,
		    "data"), "equipe"));
		return target == NULL || strcmp(target, "toutes") == 0 ||
		    strcmp(target, own) == 0;
	case GAME_SEEN_BY_NOBODY:
		break;
	}
	return false;
}

/*
 * The draws a journal line recorded that team's state consulted, each
 * marked as that team's alone (which coordinates the other teams
 * consulted would tell something of their decisions); NULL if none.
 */
static json_t *
host_draws(const json_t *ev, int team)
{
	const json_t	*all = json_object_get(ev, "draws"), *d;
	json_t		*a = NULL;
	size_t		 i;
	json_int_t	 bit = (json_int_t)1 << team;

	json_array_foreach(all, i, d) {
		if ((json_integer_value(json_array_get(d, 4)) & bit) == 0)
			continue;
		if (a == NULL)
			a = json_array();
		json_array_append_new(a, json_pack("[O,O,O,O,I]",
		    json_array_get(d, 0), json_array_get(d, 1),
		    json_array_get(d, 2), json_array_get(d, 3), bit));
	}
	return a;
}

/*
 * The "event" message of a journal line (borrowed), with draws (NULL:
 * none; consumed), as one line, newline included (allocated): the
 * event's bytes are B, the line exactly as journaled (sorted keys, no
 * spaces: io/journal.h), whatever order its members were set in; the
 * envelope keeps "type" first, as every message.
 */
static char *
host_event_bytes(const json_t *line, json_t *draws, size_t *n)
{
	char	*b = json_dumps(line, JSON_COMPACT | JSON_SORT_KEYS);
	char	*d = draws != NULL ? json_dumps(draws, JSON_COMPACT) : NULL;
	char	*s;

	json_decref(draws);
	s = xasprintf("{\"type\":\"event\",\"event\":%s%s%s}\n", b,
	    d != NULL ? ",\"draws\":" : "", d != NULL ? d : "");
	*n = strlen(s);
	free(b);
	free(d);
	return s;
}

/* A team's copy of a line it may see: without the draws (host_draws). */
static json_t *
host_line_shown(const json_t *ev)
{
	json_t	*line = json_copy((json_t *)(uintptr_t)ev);

	json_object_del(line, "draws");
	return line;
}

/*
 * The message of journal line seq for the console of team (-1: the
 * trainer), made for it alone, as bytes (allocated): the line with the
 * draws it made for that team (the trainer's: the line as journaled).
 * host_line says when this is needed; every other message is shared.
 */
static char *
host_line_message(const struct host *h, size_t seq, int team, size_t *n)
{
	const json_t	*ev = journal_get(h->ss->journal, seq);
	json_t		*msg, *line, *draws;
	char		*s;

	if (team < 0)
		return host_event_bytes(ev, NULL, n);
	if (host_visible(h, ev, team)) {
		line = host_line_shown(ev);
		s = host_event_bytes(line, host_draws(ev, team), n);
		json_decref(line);
		return s;
	}
	msg = json_pack("{s:s,s:I,s:O}", "type", "masked", "seq",
	    (json_int_t)seq, "time", json_object_get(ev, "time"));
	if ((draws = host_draws(ev, team)) != NULL)
		json_object_set_new(msg, "draws", draws);
	return host_dump(msg, n);
}

/* Appends n bytes to the host's arena: their offset. */
static size_t
host_bytes(struct host *h, const char *b, size_t n)
{
	size_t	 off = h->nbytes;

	if (h->nbytes + n > h->capbytes) {
		while (h->nbytes + n > h->capbytes)
			h->capbytes = h->capbytes ? h->capbytes * 2 : 65536;
		h->bytes = xreallocarray(h->bytes, h->capbytes, 1);
	}
	memcpy(h->bytes + h->nbytes, b, n);
	h->nbytes += n;
	return off;
}

/*
 * Serialises the journal lines not seen yet, once each (see struct
 * host_line): the same bytes host_line_message() would make for a team
 * the line made no draws for.
 */
static void
host_index(struct host *h)
{
	size_t		 n = journal_count(h->ss->journal), len, i;
	struct host_line *l;
	const json_t	*ev, *d;
	json_t		*line;
	char		*text, masked[80];
	int		 t;

	for (; h->nlines < n; h->nlines++) {
		if (h->nlines == h->caplines) {
			h->caplines = h->caplines ? h->caplines * 2 : 1024;
			h->lines = xreallocarray(h->lines, h->caplines,
			    sizeof *h->lines);
		}
		l = &h->lines[h->nlines];
		memset(l, 0, sizeof *l);
		/* Line 0, the header, goes in each console's own share. */
		if (h->nlines == 0)
			continue;
		ev = journal_get(h->ss->journal, h->nlines);
		for (t = 0; t < h->ss->game->nteams; t++)
			if (host_visible(h, ev, t))
				l->seen |= 1u << t;
		l->draws = json_object_get(ev, "draws") != NULL;
		json_array_foreach(json_object_get(ev, "draws"), i, d)
			l->drawn |= (uint32_t)json_integer_value(
			    json_array_get(d, 4)) & ((1u << GAME_MAX_TEAMS) - 1);
		/* As host_line_message() makes them for a team without draws. */
		line = host_line_shown(ev);
		text = host_event_bytes(line, NULL, &len);
		json_decref(line);
		l->off = host_bytes(h, text, len);
		l->shown_len = (uint32_t)len;
		free(text);
		/* Two integers (the engine's "time" is one): no escaping. */
		len = (size_t)snprintf(masked, sizeof masked, "{\"type\":"
		    "\"masked\",\"seq\":%zu,\"time\":%" JSON_INTEGER_FORMAT
		    "}\n", h->nlines, json_integer_value(json_object_get(ev,
		    "time")));
		host_bytes(h, masked, len);
		l->masked_len = (uint32_t)len;
		l->time = json_integer_value(json_object_get(ev, "time"));
	}
}

/* Whether line l reaches team's console masked, without draws. */
static bool
host_plain_masked(const struct host_line *l, int team)
{
	return team >= 0 && (l->seen >> team & 1) == 0 && (l->drawn >> team &
	    1) == 0;
}

/*
 * Lines from..to-1, masked for this console and without draws, as one
 * "masked" with their "times" (protocol.h), queued whole: integers only,
 * no escaping.
 */
static void
host_masked_run(struct host *h, struct client_conn *c, size_t from,
    size_t to)
{
	/* An integer takes 20 characters at most, its comma one more. */
	size_t	 cap = 64 + (to - from) * 21, len;
	char	*b = xmalloc(cap);
	size_t	 i;

	len = (size_t)snprintf(b, cap, "{\"type\":\"masked\",\"seq\":%zu,"
	    "\"times\":[", from);
	for (i = from; i < to; i++)
		len += (size_t)snprintf(b + len, cap - len, "%s%" PRId64, i >
		    from ? "," : "", h->lines[i].time);
	len += (size_t)snprintf(b + len, cap - len, "]}\n");
	host_put(c, b, len);
	free(b);
}

/* A run of masked lines is at most this long: one line stays short. */
#define HOST_MAX_RUN	1024

/* Sends every journal line the console has not had yet. */
static void
host_catch_up(struct host *h, struct client_conn *c)
{
	size_t			 n = journal_count(h->ss->journal), len, end;
	const struct host_line	*l;
	char			*text;
	bool			 own;

	host_index(h);
	/* A long session streams as the console reads, never all at once. */
	while (c->sent < n && c->outlen < HOST_CATCH_UP_CHUNK) {
		l = &h->lines[c->sent];
		if (c->runs && host_plain_masked(l, c->team)) {
			for (end = c->sent + 1; end < n && end - c->sent <
			    HOST_MAX_RUN && host_plain_masked(&h->lines[end],
			    c->team); end++)
				;
			if (end - c->sent > 1) {
				host_masked_run(h, c, c->sent, end);
				c->sent = end;
				continue;
			}
		}
		own = c->team < 0 ? l->draws : (l->drawn >> c->team & 1) != 0;
		if (own) {
			text = host_line_message(h, c->sent, c->team, &len);
			host_put(c, text, len);
			free(text);
		} else if (c->team < 0 || (l->seen >> c->team & 1) != 0)
			host_put(c, h->bytes + l->off, l->shown_len);
		else
			host_put(c, h->bytes + l->off + l->shown_len,
			    l->masked_len);
		c->sent++;
	}
	if (c->want_ready && c->sent == n) {
		host_send(c, json_pack("{s:s,s:I}", "type", "ready", "seq",
		    (json_int_t)(n - 1)));
		c->want_ready = false;
	}
}

/*
 * An acknowledgement, one per command, made without dumping an object
 * (jansson checks every object it dumps for cycles through a fresh hash
 * table: most of a small message's cost); the id, the console's text, is
 * still encoded by jansson.
 */
static void
host_ack(struct client_conn *c, const char *id, int64_t seq)
{
	json_t	*s = json_string(id);
	char	*enc = s != NULL ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
	char	*line;

	json_decref(s);
	if (enc == NULL) {
		host_send(c, json_pack("{s:s,s:s?,s:I}", "type", "ack", "id",
		    id, "seq", (json_int_t)seq));
		return;
	}
	line = xasprintf("{\"type\":\"ack\",\"id\":%s,\"seq\":%" PRId64
	    "}\n", enc, seq);
	host_put(c, line, strlen(line));
	free(line);
	free(enc);
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

/* --- the console's share of the header ---------------------------------- */

static void
host_copy(json_t *to, const json_t *from, const char *const *keys)
{
	const json_t	*v;
	int		 i;

	for (i = 0; keys[i] != NULL; i++)
		if ((v = json_object_get(from, keys[i])) != NULL)
			json_object_set(to, keys[i], (json_t *)(uintptr_t)v);
}

/*
 * The journal header as team's console receives it, built by naming what
 * it may have (never by removing what it may not: a key added to the
 * header one day stays the trainer's until someone decides otherwise):
 * the format, the scenario, its own team's candidates with their roles and
 * accommodations, and of the other teams only the name and the size.  No
 * seed (it would foretell every draw), no key.
 */
static json_t *
host_console_header(const struct host *h, int team)
{
	static const char *const top[] = { "type", "format", "time", NULL };
	static const char *const scenario[] = {
		"file", "id", "title", "text", NULL
	};
	static const char *const candidate[] = {
		"name", "role", "extra_time", "assistant", NULL
	};
	const json_t	*header = journal_get(h->ss->journal, 0);
	const json_t	*t, *cands, *cd;
	json_t		*out = json_object(), *sc = json_object();
	json_t		*teams = json_array(), *mine, *list;
	size_t		 i, j;

	host_copy(out, header, top);
	host_copy(sc, json_object_get(header, "scenario"), scenario);
	json_object_set_new(out, "scenario", sc);
	json_array_foreach(json_object_get(header, "teams"), i, t) {
		mine = json_object();
		json_object_set(mine, "name", json_object_get(t, "name"));
		cands = json_object_get(t, "candidates");
		if ((int)i == team) {
			list = json_array();
			json_array_foreach(cands, j, cd) {
				json_t *o = json_object();

				host_copy(o, cd, candidate);
				json_array_append_new(list, o);
			}
			json_object_set_new(mine, "candidates", list);
		} else
			json_object_set_new(mine, "candidates_count",
			    json_integer((json_int_t)json_array_size(cands)));
		json_array_append_new(teams, mine);
	}
	json_object_set_new(out, "teams", teams);
	return out;
}

/* --- hello ---------------------------------------------------------------- */

/*
 * A wrong code: answered later and later from the same account (doubling
 * from HOST_SLOW_FIRST_MS up to HOST_SLOW_MAX_MS), without blocking the
 * loop: the connection waits, parked, then gets its error and is closed.
 * alert, if set, says more than "a wrong code" (a code that belongs to
 * someone else); else the account's wrong codes are counted in one alert.
 */
static void
host_wrong_code(struct host *h, struct client_conn *c, const char *why,
    const char *attempt, const char *alert)
{
	struct host_uid	*u = host_uid_entry(h, c->uid);
	int64_t		 now = host_ms(), delay;
	char		*key, *text, *account;
	int		 shift;

	if (u->fails > 0 && now - u->last > HOST_SLOW_FORGET_MS)
		u->fails = 0;
	u->fails++;
	u->total++;
	u->last = now;
	shift = u->fails - 1 < 10 ? u->fails - 1 : 10;
	delay = (int64_t)HOST_SLOW_FIRST_MS << shift;
	c->parked = now + (delay < HOST_SLOW_MAX_MS ? delay : HOST_SLOW_MAX_MS);
	free(c->parked_why);
	c->parked_why = xstrdup(why);
	account = host_account(c->uid);
	if (alert != NULL)
		host_alert(h, alert, alert, false);
	else {
		key = xasprintf("code:%u", (unsigned)c->uid);
		text = xasprintf(_("%d code(s) erroné(s) depuis %s ; dernier "
		    "essai : %s"), host_alert_next(h, key), account, attempt);
		host_alert(h, key, text, true);
		free(text);
		free(key);
	}
	free(account);
}

/*
 * Whose code this is, when it is not the one it should be: "le code de
 * l'équipe Bravo", "le code personnel de Hugo Petit (Alpha)"; NULL if
 * nobody's.
 */
static char *
host_code_owner(struct host *h, const char *typed)
{
	const struct game	*g = h->ss->game;
	int			 i, k;

	for (i = 0; i < g->nteams; i++) {
		if (host_code_matches(typed, h->codes[i]))
			return xasprintf(_("le code de l'équipe %s"),
			    g->teams[i].name);
		for (k = 0; k < g->teams[i].ncandidates; k++)
			if (host_code_matches(typed, h->personal[i][k]))
				return xasprintf(_("le code personnel de %s "
				    "(%s)"), g->teams[i].candidates[k].name,
				    g->teams[i].name);
	}
	if (host_code_matches(typed, h->codes[GAME_MAX_TEAMS]))
		return xstrdup(_("le code du formateur"));
	return NULL;
}

static void
host_hello(struct host *h, struct client_conn *c, struct proto_msg *m)
{
	struct game	*g = h->ss->game;
	char		*owner, *account, *alert, *attempt;
	json_t		*header;
	int		 team = -1, cand = -1;
	bool		 personal = false;

	if (c->joined) {
		host_error(c, _("déjà présenté sur cette connexion"));
		return;
	}
	if (m->version != PROTO_VERSION) {
		host_error(c, _("version du protocole différente : mettez "
		    "pilote à jour des deux côtés"));
		return;
	}
	if (m->trainer && c->uid != h->self) {
		/* The trainer's code alone is not enough: his account too. */
		account = host_account(c->uid);
		alert = xasprintf(_("%s a tenté d'ouvrir une connexion du "
		    "formateur"), account);
		host_alert(h, alert, alert, false);
		free(alert);
		free(account);
		host_error(c, _("la connexion du formateur ne s'ouvre que depuis "
		    "le compte du formateur"));
		return;
	}
	if (!m->trainer) {
		if ((team = game_team_index(g, m->team)) < 0) {
			host_error(c, _("équipe inconnue dans cette session"));
			return;
		}
		if ((cand = game_candidate_index(&g->teams[team], m->as)) < 0) {
			host_error(c, _("ce nom n'est pas celui d'un candidat de "
			    "l'équipe"));
			return;
		}
	}
	if (m->trainer) {
		if (!host_code_matches(m->code, h->codes[GAME_MAX_TEAMS]))
			goto wrong;
	} else if (host_code_matches(m->code, h->personal[team][cand]))
		personal = true;
	else if (!host_code_matches(m->code, h->codes[team]))
		goto wrong;
	c->joined = true;
	c->personal = personal;
	c->team = team;
	free(c->as);
	c->as = xstrdup(m->trainer ? GAME_TRAINER : m->as);
	c->since = session_now();
	c->runs = m->runs;
	if (m->since > 0 && (size_t)m->since < journal_count(h->ss->journal))
		c->sent = (size_t)m->since + 1;
	else if (m->since > 0)
		c->sent = journal_count(h->ss->journal);
	else
		c->sent = 1;
	header = team < 0 ? json_incref((json_t *)(uintptr_t)journal_get(
	    h->ss->journal, 0)) : host_console_header(h, team);
	host_send(c, json_pack("{s:s,s:i,s:o,s:b}", "type", "welcome",
	    "version", PROTO_VERSION, "header", header, "personal", personal));
	c->want_ready = true;
	host_catch_up(h, c);
	return;
wrong:
	attempt = m->trainer ? xstrdup(_("le formateur")) :
	    xasprintf("%s (%s)", m->as, g->teams[team].name);
	owner = host_code_owner(h, m->code);
	alert = NULL;
	if (owner != NULL) {
		account = host_account(c->uid);
		alert = xasprintf(_("%s a servi à se présenter comme %s, "
		    "depuis %s"), owner, attempt, account);
		free(account);
	}
	host_wrong_code(h, c, _("code d'accès incorrect"), attempt, alert);
	free(alert);
	free(owner);
	free(attempt);
}

/* --- commands ----------------------------------------------------------- */

/*
 * Who acts is the connection's business: the trainer's connection acts as
 * the trainer; a personal console as its candidate only; a shared console
 * as any candidate of its team, each decision recording that the name was
 * only declared.  Refusals are journaled nowhere, answered, and reported.
 */
static int
host_identify(struct host *h, struct client_conn *c, struct event *e,
    char **why)
{
	const struct game_command_info	*info = game_command_lookup(e->type);
	struct team			*t;
	char				*cause = NULL;

	if (c->team < 0) {
		event_set(&e->team, NULL);
		event_set(&e->actor, GAME_TRAINER);
		e->declared = false;
		return 0;
	}
	t = &h->ss->game->teams[c->team];
	if (info != NULL && info->trainer) {
		host_alert_conn(h, c, _("a tenté une commande du formateur "
		    "(%s)"), info->name);
		*why = xasprintf(_("« %s » est une commande du formateur : une "
		    "console d'équipe ne l'envoie pas"), info->name);
		return -1;
	}
	if (e->actor == NULL || e->actor[0] == '\0')
		event_set(&e->actor, c->as);
	if ((c->personal && strcmp(e->actor, c->as) != 0) || (!c->personal &&
	    game_candidate_index(t, e->actor) < 0)) {
		if (strcmp(e->actor, GAME_TRAINER) == 0)
			host_alert_conn(h, c, _("a tenté d'agir au nom du "
			    "formateur"));
		else
			host_alert_conn(h, c, _("a tenté d'agir au nom de %s"),
			    e->actor);
		*why = c->personal ? xasprintf(_("cette console est celle de %s "
		    "(code personnel) : elle n'agit pas au nom de %s"), c->as,
		    e->actor) : xasprintf(_("« %s » n'est pas candidat de "
		    "l'équipe %s : une console n'agit que pour son équipe"),
		    e->actor, t->name);
		return -1;
	}
	event_set(&e->team, t->name);
	e->declared = !c->personal;
	/* Who typed it ("by"): the engine's rule, reported when broken. */
	if (info != NULL && game_validate_author(h->ss->game, e, &cause) ==
	    -1) {
		host_alert_conn(h, c, _("a tenté une saisie non autorisée : "
		    "%s"), cause);
		*why = cause;
		return -1;
	}
	return 0;
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
		host_ack(c, m->id, seq);
		return;
	}
	if (host_identify(h, c, e, &cause) == -1) {
		host_refuse(c, m->id, cause);
		free(cause);
		return;
	}
	event_set(&e->cmd, m->id);
	e->time = 0;
	if (session_submit(h->ss, e, &refused, &cause) == -1) {
		host_refuse(c, m->id, cause ? cause : "?");
		free(cause);
		return;
	}
	host_remember_id(h, m->id, e->seq);
	host_ack(c, m->id, e->seq);
	/*
	 * The console that asked hears at once (its ack and the lines so
	 * far), while the host journals the next commands: it prepares its
	 * next one meanwhile, so that the disk never waits for a console.
	 * Everyone else gets the new lines once this poll's reads are done.
	 */
	host_catch_up(h, c);
	host_write(c);
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
	/* A wrong code parks the connection: what follows waits (unread). */
	while (!c->closing && c->parked == 0 && (nl = memchr(p, '\n',
	    c->inlen - (size_t)(p - c->in))) != NULL) {
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
	free(c->parked_why);
	h->clients[i] = h->clients[--h->nclients];
}

/* --- staying available ---------------------------------------------------- */

/* Connections from uid (all: own), not counting those being closed. */
static int
host_count(const struct host *h, uid_t uid, bool all)
{
	int	 i, n = 0;

	for (i = 0; i < h->nclients; i++)
		if (!h->clients[i].closing && (all || h->clients[i].uid == uid))
			n++;
	return n;
}

/*
 * Makes room by closing the oldest connection that has not presented
 * itself (a console presents itself at once; what lingers is idle or
 * hostile), of another account than the host's unless own; false if none.
 */
static bool
host_evict(struct host *h, bool own)
{
	struct client_conn	*c, *oldest = NULL;
	char			*text;
	int			 i;

	for (i = 0; i < h->nclients; i++) {
		c = &h->clients[i];
		if (c->joined || c->closing || c->parked != 0 || (!own &&
		    c->uid == h->self))
			continue;
		if (oldest == NULL || c->opened < oldest->opened)
			oldest = c;
	}
	if (oldest == NULL)
		return false;
	oldest->closing = true;
	oldest->outlen = 0;
	text = xasprintf(_("table des connexions pleine : %d connexion(s) "
	    "sans présentation fermée(s) pour faire place"),
	    host_alert_next(h, "full"));
	host_alert(h, "full", text, true);
	free(text);
	return true;
}

static void
host_refuse_conn(struct host *h, int fd, uid_t uid, const char *why)
{
	json_t	*o = json_pack("{s:s,s:s}", "type", "error", "error", why);
	char	*account = host_account(uid), *key, *text;

	/* One line, then closed: the console says why it cannot join. */
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	text = xreallocarray(text, strlen(text) + 2, 1);
	strcat(text, "\n");
	send(fd, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT);
	free(text);
	close(fd);
	key = xasprintf("cap:%u", (unsigned)uid);
	text = xasprintf(_("%d connexion(s) refusée(s), depuis %s (%d "
	    "ouvertes au plus par compte, %d en tout)"),
	    host_alert_next(h, key), account, HOST_MAX_PER_UID,
	    HOST_MAX_CLIENTS);
	host_alert(h, key, text, true);
	free(text);
	free(key);
	free(account);
}

static void
host_accept(struct host *h)
{
	struct client_conn	*c;
	struct ucred		 cr;
	socklen_t		 len;
	uid_t			 uid;
	int			 fd, limit;
	bool			 own;

	while ((fd = accept4(h->listen_fd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) != -1) {
		len = sizeof cr;
		uid = getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 ?
		    cr.uid : (uid_t)-1;
		own = uid == h->self;
		/*
		 * Other accounts share the table but for the trainer's room:
		 * a connection of the host's own account (the trainer's
		 * screen, `pilote do --trainer`) always finds a place.
		 */
		limit = own ? HOST_MAX_CLIENTS : HOST_MAX_CLIENTS -
		    HOST_TRAINER_ROOM;
		if (!own && host_count(h, uid, false) >= HOST_MAX_PER_UID) {
			host_refuse_conn(h, fd, uid, _("trop de connexions "
			    "ouvertes depuis ce compte"));
			continue;
		}
		if (host_count(h, uid, true) >= limit && !host_evict(h, own)) {
			host_refuse_conn(h, fd, uid, _("l'hôte n'a plus de place "
			    "pour une console"));
			continue;
		}
		if (h->nclients == h->capclients) {
			h->capclients = h->capclients ? h->capclients * 2 : 16;
			h->clients = xreallocarray(h->clients,
			    (size_t)h->capclients, sizeof *h->clients);
			h->pfd = xreallocarray(h->pfd, (size_t)h->capclients +
			    1, sizeof *h->pfd);
			h->view = xreallocarray(h->view, (size_t)h->capclients,
			    sizeof *h->view);
		}
		c = &h->clients[h->nclients++];
		memset(c, 0, sizeof *c);
		c->fd = fd;
		c->uid = uid;
		c->team = -1;
		c->opened = host_ms();
	}
}

/*
 * Deadlines: a connection silent for HOST_HELLO_MS is closed, a parked one
 * gets its answer.  The milliseconds until the next deadline, or -1.
 */
static int
host_deadlines(struct host *h)
{
	struct client_conn	*c;
	int64_t			 now = host_ms(), next = -1, at;
	char			*key, *text, *account;
	int			 i;

	for (i = 0; i < h->nclients; i++) {
		c = &h->clients[i];
		if (c->closing)
			continue;
		if (c->parked != 0 && now >= c->parked) {
			c->parked = 0;
			host_error(c, c->parked_why);
			continue;
		}
		if (!c->joined && c->parked == 0 && now - c->opened >=
		    HOST_HELLO_MS) {
			host_error(c, _("pas de présentation dans les 3 "
			    "secondes : connexion fermée"));
			account = host_account(c->uid);
			key = xasprintf("idle:%u", (unsigned)c->uid);
			text = xasprintf(_("%d connexion(s) fermée(s) faute de "
			    "présentation, depuis %s"), host_alert_next(h, key),
			    account);
			host_alert(h, key, text, true);
			free(text);
			free(key);
			free(account);
			continue;
		}
		at = c->parked != 0 ? c->parked : !c->joined ? c->opened +
		    HOST_HELLO_MS : -1;
		if (at >= 0 && (next < 0 || at < next))
			next = at;
	}
	return next < 0 ? -1 : (int)(next - now > 0 ? next - now : 0);
}

int
host_poll(struct host *h, int timeout_ms)
{
	int	 i, n, polled, next;

	next = host_deadlines(h);
	if (next >= 0 && (timeout_ms < 0 || next < timeout_ms))
		timeout_ms = next;
	/* Lines journaled by the host's own screen go out first. */
	for (i = 0; i < h->nclients; i++)
		if (h->clients[i].joined && !h->clients[i].closing)
			host_catch_up(h, &h->clients[i]);
	if (h->pfd == NULL)
		h->pfd = xreallocarray(NULL, 1, sizeof *h->pfd);
	h->pfd[0].fd = h->listen_fd;
	h->pfd[0].events = POLLIN;
	for (i = 0; i < h->nclients; i++) {
		/* Parked: neither read nor woken up by until its time. */
		h->pfd[i + 1].fd = h->clients[i].parked != 0 ? -1 :
		    h->clients[i].fd;
		h->pfd[i + 1].events = POLLIN | (h->clients[i].outlen > 0 ?
		    POLLOUT : 0);
		h->pfd[i + 1].revents = 0;
	}
	polled = h->nclients;
	n = poll(h->pfd, (nfds_t)polled + 1, timeout_ms);
	if (n == -1)
		return errno == EINTR ? 0 : -1;
	for (i = 0; i < polled; i++) {
		if (h->clients[i].closing)
			continue;
		if (h->pfd[i + 1].revents & (POLLIN | POLLHUP | POLLERR))
			host_read(h, &h->clients[i]);
	}
	/* After the reads: accepting may evict, never reorder, the table. */
	if (h->pfd[0].revents & POLLIN)
		host_accept(h);
	host_deadlines(h);
	/* Everyone catches up with what was just journaled, then writes. */
	for (i = 0; i < h->nclients; i++) {
		if (h->clients[i].joined && !h->clients[i].closing)
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
		if (!h->clients[i].joined || h->clients[i].closing)
			continue;
		w->view[n].team = h->clients[i].team;
		w->view[n].as = h->clients[i].as;
		w->view[n].since = h->clients[i].since;
		w->view[n].personal = h->clients[i].personal;
		n++;
	}
	*out = h->view;
	return n;
}

void
host_close(struct host *h)
{
	size_t	 i;
	int	 k;

	if (h == NULL)
		return;
	while (h->nclients > 0)
		host_drop(h, h->nclients - 1);
	if (h->listen_fd != -1) {
		close(h->listen_fd);
		unlink(h->sock_path);
	}
	for (i = 0; i < h->capids; i++)
		free(h->ids[i].id);
	for (k = 0; k < h->nalerts; k++) {
		free(h->slots[k].key);
		free(h->slots[k].text);
	}
	free(h->ids);
	free(h->lines);
	free(h->bytes);
	free(h->clients);
	free(h->pfd);
	free(h->view);
	free(h->sock_path);
	free(h->gen_path);
	free(h);
}
