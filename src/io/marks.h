/*
 * marks: the evaluators' marks on E3 criteria, kept beside the session in
 * "<session>.marks".  They are evidence too, so the file is a journal of
 * its own (io/journal.h: the same hash chain, Ed25519 signatures, torn-tail
 * rule, lock and one write + fdatasync per mark) without a session secret,
 * created 0600 (the jury's marks and comments are private) and signed by
 * the key of the account that marks (io/signkey.h, made the first time).
 *
 * Line 0 binds the marks to their session, so that they cannot be moved
 * beside another one:
 *	{"type":"marks","format":1,"session":"<session file name>",
 *	 "session_header":"<hex H of the session journal's line 0>"}
 * (plus the journal's "seq" and "pubkey"); lines 1.. are one mark each:
 *	{"type":"mark","team","candidate" (absent: the team as a whole),
 *	 "criterion" (E3 key, see scenario_e3_keys),"level","comment",
 *	 "evidence" (journal seqs),"author","time" (ms)}
 *
 * Only the account that began the file can append to it (another key is
 * refused, both fingerprints named); anyone who can read it can check it.
 * A later mark for the same (team, candidate, criterion) replaces an
 * earlier one; the file keeps the history.  A torn last line (crash
 * mid-write) is ignored with a warning and set aside at the next mark; any
 * other damage, a file bound to another session, or an unsigned marks file
 * of the first format is refused as "file:line: why".  The session journal
 * is never touched.
 */
#ifndef PILOTE_MARKS_H
#define PILOTE_MARKS_H

#include <stddef.h>
#include <stdint.h>

#include "io/journal.h"
#include "io/signkey.h"

#define MARKS_FORMAT	1

enum mark_level {
	MARK_NONE = 0,		/* not marked yet */
	MARK_ACQUIRED,		/* "acquis" */
	MARK_PARTLY,		/* "partiellement acquis" */
	MARK_NOT_ACQUIRED	/* "non acquis" */
};

extern const char *const mark_level_keys[4];	/* "", "acquis", ... */
extern const char *const mark_level_labels[4];	/* French, for display */

struct mark {
	char		*team;
	char		*candidate;	/* NULL for the team */
	int		 criterion;	/* enum e3_criterion */
	enum mark_level	 level;
	char		*comment;
	int64_t		*evidence;
	int		 nevidence;
	char		*author;
	int64_t		 time;		/* ms */
};

struct marks {
	struct mark	*items;		/* the current marks, one per key */
	int		 count;
	char		*path;		/* "<session>.marks" */
	char		*session_name;	/* the session's file name */
	char		*session_header;	/* hex H of its line 0 */
	size_t		 recorded;	/* mark lines in the file, history
					   included */
	char		 signer[SIGNKEY_FINGERPRINT_MAX];	/* "" if no file */
	int		 unfinished;	/* a file whose header was never
					   completed (creation interrupted) */
};

/*
 * Reads and verifies "<session>.marks" beside the session whose journal
 * (open, verified) is given; no file: no mark (signer "").  *warning
 * (allocated, else NULL) tells a torn last line ignored.  Returns a
 * sysexits code: EX_OK, else *cause "file:line: why" and EX_DATAERR
 * (altered, bound to another session, unsigned) or the class of a read
 * failure (io/journal.h), with nothing left to release.
 */
int		 marks_load(const char *session_path,
		    const struct journal *session, struct marks *,
		    char **warning, char **cause);
/* The same for a session known by its header's hash only (its H0). */
int		 marks_load_bound(const char *session_path,
		    const char *session_header, struct marks *,
		    char **warning, char **cause);
/*
 * Appends a mark durably (signed by this account's key, created the first
 * time) and updates the set.  EX_OK, else a sysexits code and a French
 * *cause: EX_NOPERM when another account's key began the file (both
 * fingerprints named), EX_IOERR, EX_TEMPFAIL (another marker holds it)...
 */
int		 marks_put(struct marks *, const struct mark *, char **cause);
const struct mark *marks_find(const struct marks *, const char *team,
		    const char *candidate, int criterion);
/* Who marks when nobody says: $USER, else "évaluateur"; borrowed. */
const char	*marks_default_author(void);
void		 marks_release(struct marks *);

#endif
