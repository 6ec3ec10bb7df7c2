/*
 * journal: the session file, an append-only, hash-chained and signed JSON
 * Lines file.  It is the save: every other view of a session is replayed
 * from it.
 *
 * Line 0 is the header the caller supplies, plus "seq":0 and "pubkey" (the
 * session's Ed25519 public key, 64 hex); line n is an event plus "seq":n.
 * Each line is written as B, the JSON of the object with sorted keys and no
 * spaces, with ,"hash":"H","sig":"S" inserted before its final "}", where
 *
 *	H = BLAKE2b-256(H of the previous line, or 32 zero bytes for line 0 ‖ B)
 *	S = Ed25519 signature of the 32 bytes of H by the session's secret key
 *
 * both in lowercase hex.  Verification reads the raw bytes of each line,
 * never a re-serialization, so anyone can check a session with its header
 * alone, while only the holder of the secret key can write a line that
 * verifies.  The secret key lives beside the session, in
 * keys/<session file name>.key (128 hex and a newline, mode 0600).  The
 * session file itself is created 0600 too: it holds every team's decisions,
 * and a class may share saves/ through a group.
 *
 * Durability: journal_append() returns 0 only once its line went out in one
 * write() and fdatasync() returned; only then may the caller acknowledge.
 * A torn or unverifiable last line (a crash mid-write) is set aside with a
 * warning; damage anywhere else is refused with its line number.  An
 * exclusive flock() on the file keeps a second writer out.
 *
 * Side files beside the session: "<path>.owner", JSON {"host", "pid",
 * "since" (Unix time), "user"} written by the lock holder and removed when
 * it closes; "<path>.torn", every tail ever set aside, byte for byte, one
 * after the other.
 *
 * Invariants of an open struct journal: every loaded line verified; count
 * >= 1 (the header); the file holds exactly the verified lines (for a
 * writer: its size is the end of the last good line); head is the H of the
 * last line.  After an fdatasync failure the journal refuses every append
 * until reopened: the kernel may have dropped the unwritten pages and a
 * second fdatasync could lie (fsyncgate).
 */
#ifndef PILOTE_JOURNAL_H
#define PILOTE_JOURNAL_H

#include <stddef.h>

#include <jansson.h>

#define JOURNAL_MAX_LINE	(16 * 1024 * 1024)	/* bytes, newline excluded */

struct journal;

enum journal_mode {
	JOURNAL_READ,
	JOURNAL_WRITE
};

/*
 * Creates the session file path (refused if it exists), a key pair and the
 * key file, writes header (borrowed; an object without "hash" or "sig") as
 * line 0, syncs the file and its directory, and returns the journal open
 * for writing and locked.
 */
int		 journal_create(const char *path, const json_t *header,
		    struct journal **out, char **cause);
/*
 * Opens and verifies a session.  JOURNAL_WRITE also takes the lock (a
 * refusal names the holder, from "<path>.owner"), loads the key and sets a
 * torn last line aside in "<path>.torn".  *warning (allocated, else NULL)
 * says when a last line was set aside or ignored.  Damage before the last
 * line: -1 and *cause "<path>:<line>: ...".
 */
int		 journal_open(const char *path, enum journal_mode mode,
		    struct journal **out, char **warning, char **cause);
/* Lines, header included: the seq the next event gets. */
size_t		 journal_count(const struct journal *);
/* The object B of line seq (no hash, no sig), borrowed; NULL if none. */
const json_t	*journal_get(const struct journal *, size_t seq);
/* Hex H of the last line, borrowed. */
const char	*journal_head(const struct journal *);
/* "ab12 cd34 ef56 7890": the first 8 bytes of BLAKE2b-256(pubkey). */
const char	*journal_fingerprint(const struct journal *);
/*
 * Appends event (borrowed; an object without "hash" or "sig") with
 * "seq" = journal_count().  0 once written and synced; else -1, the file as
 * it was and a French *cause.
 */
int		 journal_append(struct journal *, const json_t *event,
		    char **cause);
/* Releases the lock and removes "<path>.owner"; NULL is fine. */
void		 journal_close(struct journal *);
/*
 * A short code derived from the session's secret key and a context (e.g.
 * "team:Alpha:0"): only the host (the key holder) can make it, and it is the
 * same after a restart.  Written as 8 characters of an unambiguous
 * alphabet into out; -1 without the key (JOURNAL_READ).
 */
int		 journal_derive_code(const struct journal *, const char *context,
		    char out[9]);
/* The same from the key file alone (the trainer's own tools); -1, *cause. */
int		 journal_derive_code_keyfile(const char *path,
		    const char *context, char out[9], char **cause);

/*
 * Read-only verification, for `pilote verify` and the fuzzer.  A torn last
 * line is not an alteration: the result is 0 with torn_tail set, bad_line
 * its line and message saying so.  message names neither file nor line:
 * print it as "file:bad_line: message".
 */
struct journal_report {
	size_t	 lines;		/* good lines */
	size_t	 bad_line;	/* 1-based first bad line, 0 if intact */
	char	*message;	/* why, French, allocated; NULL if intact */
	char	 fingerprint[40];	/* "" if the header is bad */
	char	 head[65];	/* H of the last good line, "" if none */
	int	 torn_tail;	/* only the last line is torn */
};

/* 0 intact (maybe with a torn tail), -1 altered. */
int		 journal_verify_buffer(const char *data, size_t len,
		    struct journal_report *);
/* Same; -2 if the file cannot be read (message says why). */
int		 journal_verify_file(const char *path,
		    struct journal_report *);
void		 journal_report_release(struct journal_report *);

#endif
