/*
 * protocol: what consoles say to the session host over its UNIX socket.
 * One JSON object per line, in the journal's own event format:
 *
 *   {"type":"hello","version":1,"team":"Alpha","code":"K7MQ2XPA",
 *    "as":"Léa Martin","since":0,"runs":true}  a team console joins
 *   {"type":"hello","version":1,"trainer":true,"code":"…","since":0}
 *   {"type":"command","id":"c3f…:17","event":{"type":"outil",
 *    "actor":"Léa Martin","data":{"outil":"trello"},"why":"…"}}
 *   {"type":"bye"}
 *
 * The code of a team's hello is the candidate's personal code (the console
 * then acts as "as" only) or the team's (a shared console: "actor" may
 * name any candidate of the team, and the journal records that the name
 * was declared); the trainer's hello is accepted from the host's own
 * account only.  A command's "actor" and "by" are claims the host checks
 * against the connection, never trusts: a team console's command is its
 * team's ("team" is not even accepted), never a trainer's command.
 *
 * What the host answers: "welcome" (the console's share of the journal
 * header: its own team's candidates, the other teams' names and
 * "candidates_count", never the seed nor a key; and "personal":true when
 * joined with a personal code), "event" (a journal line the console may
 * see), "masked" (only the number and time of a line it may not see), both
 * with "draws":[[week,purpose,index,n,value],...] when the line made
 * random draws for the console's team (the console folds without the
 * seed); to a console that said "runs":true in its hello, consecutive
 * masked lines without draws may come as one "masked" with "times":[t1,
 * ...,tk] instead of "time": lines seq..seq+k-1, their times in order (a
 * team's catch-up is mostly other teams' lines: one message and one parse
 * for a run, not each); "ready" (caught up), "ack" (journaled: the command's seq),
 * "refused" (with the reason, in French, nothing written), "error" (and
 * the host hangs up: a wrong code, answered after a delay that grows with
 * each wrong code from the account; no hello within 3 s; too many
 * connections from the account).
 *
 * Every line from a console is outside input: proto_parse() checks it
 * completely (it is fuzzed) before anything uses it.
 */
#ifndef PILOTE_PROTOCOL_H
#define PILOTE_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

#define PROTO_VERSION		1
#define PROTO_MAX_LINE		(256 * 1024)
#define PROTO_MAX_FIELDS	32
#define PROTO_MAX_TEXT		(16 * 1024)

enum proto_kind {
	PROTO_HELLO,
	PROTO_COMMAND,
	PROTO_BYE
};

struct proto_msg {
	enum proto_kind	 kind;
	/* hello */
	int		 version;
	bool		 trainer;
	char		*team;
	char		*code;
	char		*as;
	int64_t		 since;
	bool		 runs;		/* takes runs of masked lines */
	/* command */
	char		*id;
	struct event	 event;		/* type, actor, by, why, data */
};

/* Parses one line (without its newline); -1 and a French *cause. */
int	 proto_parse(const char *line, size_t len, struct proto_msg *,
	    char **cause);
void	 proto_release(struct proto_msg *);

#endif
