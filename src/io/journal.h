/*
 * journal: the session file, an append-only, hash-chained and signed JSON
 * Lines file.  It is the save: every other view of a session is replayed
 * from it.
 *
 * Line 0 is the header the caller supplies, plus "seq":0 and "pubkey" (the
 * trainer's Ed25519 public key, 64 hex); line n is an event plus "seq":n.
 * Each line is written as B, the JSON of the object with sorted keys and no
 * spaces, with ,"hash":"H","sig":"S" inserted before its final "}", where
 *
 *	H0 = BLAKE2b-256(32 zero bytes ‖ B0)
 *	Hn = BLAKE2b-256(Hn-1 ‖ Sn-1 ‖ Bn)	(the previous signature too)
 *	Sn = Ed25519 signature of the 32 bytes of Hn by the trainer's key
 *
 * both in lowercase hex.  Since each H covers every byte before it,
 * signatures included, checking the chain and the last line's signature
 * authenticates the whole file: that is the one integrity rule, applied by
 * opening (and so by the host, replay and exports) and by `pilote verify`
 * alike.  A chain that breaks at line n is blamed on line n-1 when
 * Sn-1 does not verify (its signature was altered), else on line n.  When
 * a signature fails (Sn-1 there, or the last one), the blame goes to the
 * first line whose signature fails: a line edited with every hash after
 * it recomputed, as anyone can, is named, not the last line.
 *
 * The signing key is the trainer's (io/signkey.h), the same for every
 * session of that account, so that a jury can know its fingerprint in
 * advance.  A session also has a secret of its own, for the join codes and
 * whatever the caller stores with it (the seed of the draws):
 * keys/<session file name>.key, a JSON object {"secret":"<64 hex>", ...},
 * mode 0600 in a 0700 keys/ that is never followed through a symbolic link.
 * The session file itself is created 0600: it holds every team's decisions.
 * A journal kept beside a session, such as the evaluators' marks
 * (io/marks.h), needs no secret: the *_unkeyed entry points make and open
 * it without keys/, signed by the key of the account that writes it.
 *
 * Torn writes: only an unterminated tail (no newline after it, maybe
 * followed or replaced by NUL bytes, as a zero-filled page leaves it) can
 * come from a crash; it is set aside with a warning, unless it is a
 * complete line that verifies (only its newline was lost), which is kept
 * and given its newline back.  A newline-terminated line that fails, the
 * last one included, is tampering; so is an unterminated tail that ends
 * with a whole seal yet fails, or holds a seal before its end (a crash
 * leaves a prefix of a line, never a whole line that fails).  A cut of whole lines leaves a valid
 * journal: only an anchor (journal_verify_opts.head, a head written down
 * during the session) or the session's final seal line show it.
 *
 * Durability: journal_append() returns 0 only once its line went out in one
 * write() and fdatasync() returned; only then may the caller acknowledge.
 * An exclusive flock() on the file keeps a second writer out (a writer
 * waits a few seconds for it before giving up).
 *
 * Side files beside the session: "<path>.owner", JSON {"host", "pid",
 * "since" (Unix time), "user"} written by the lock holder and removed when
 * it closes; "<path>.torn", every tail ever set aside, byte for byte, one
 * after the other.  None is followed through a symbolic link.
 *
 * Invariants of an open struct journal: every line verified when opened,
 * and trusted when read again only if it hashes as it did then; count
 * >= 1 (the header); the file holds exactly the verified lines (for a
 * writer: its size is the end of the last good line); head is the H of the
 * last line, last_sig its S.  After an fdatasync failure the journal
 * refuses every append until reopened: the kernel may have dropped the
 * unwritten pages and a second fdatasync could lie (fsyncgate).
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
 * Creates the session file path (refused if it exists) and its secret file
 * (a fresh secret plus the members of secrets, borrowed, may be NULL),
 * loads the trainer's key (creating it the first time), writes header
 * (borrowed; an object without "hash" or "sig") as line 0, syncs the file
 * and its directory, and returns the journal open for writing and locked.
 */
int		 journal_create(const char *path, const json_t *header,
		    const json_t *secrets, struct journal **out, char **cause);
/*
 * Opens and verifies a session.  JOURNAL_WRITE also takes the lock (a
 * refusal names the holder, from "<path>.owner"), loads the key and sets a
 * torn last line aside in "<path>.torn".  *warning (allocated, else NULL)
 * says when a last line was set aside or ignored.  Damage before the last
 * line: -1 and *cause "<path>:<line>: ...".
 */
int		 journal_open(const char *path, enum journal_mode mode,
		    struct journal **out, char **warning, char **cause);
/*
 * The same two for a journal without a secret file (no keys/ made or
 * read; journal_secrets() is NULL, journal_derive_code() refuses): same
 * format, integrity rule, lock and durability.
 */
int		 journal_create_unkeyed(const char *path, const json_t *header,
		    struct journal **out, char **cause);
int		 journal_open_unkeyed(const char *path, enum journal_mode mode,
		    struct journal **out, char **warning, char **cause);
/*
 * What a reader does with the lines while they are checked, in the one
 * read of the file, once a line's chain holds and before the last
 * signature is checked: its work counts only if the check succeeds.
 * each() gets the header's object, and the object of every other line
 * that wants() accepts from its bytes (NULL: all) unless each_raw is set:
 * then each_raw() gets those lines' B (the object's text, NUL-terminated,
 * no JSON built) and answers for what they hold.  Either returning -1
 * with *why (allocated) stops the check, the line blamed ("<path>:<line>:
 * <why>", reader->refused set) unless a signature fails before it.  j is
 * the journal being opened (its secrets are loaded; NULL for a
 * verification).
 */
struct journal_reader {
	int	(*wants)(void *ctx, const char *line, size_t n);
	int	(*each)(void *ctx, const struct journal *j, size_t seq,
		    const json_t *obj, char **why);
	int	(*each_raw)(void *ctx, const struct journal *j, size_t seq,
		    const char *b, size_t blen, char **why);
	void	*ctx;
	int	 refused;	/* set by the check: a line was refused */
};
/* journal_open() giving each line to reader (borrowed) as it is checked. */
int		 journal_open_reading(const char *path, enum journal_mode mode,
		    struct journal_reader *reader, struct journal **out,
		    char **warning, char **cause);
/* Lines, header included: the seq the next event gets. */
size_t		 journal_count(const struct journal *);
/*
 * The object B of line seq (no hash, no sig), borrowed, kept until close;
 * NULL if none, or if the file changed since it was opened (a line is read
 * again from the file and must hash as it did).  Only the header is kept
 * from the open: reading every line this way keeps them all.
 */
const json_t	*journal_get(const struct journal *, size_t seq);
/* The same as a new reference, not kept: for a pass over every line. */
json_t		*journal_load(const struct journal *, size_t seq);
/* Hex H of the last line, borrowed. */
const char	*journal_head(const struct journal *);
/* Hex H of line 0, borrowed: names this journal from another one. */
const char	*journal_header_hash(const struct journal *);
/* "ab12 cd34 ef56 7890": the first 8 bytes of BLAKE2b-256(pubkey). */
const char	*journal_fingerprint(const struct journal *);
/* The session's secret file (JOURNAL_WRITE only, else NULL), borrowed. */
const json_t	*journal_secrets(const struct journal *);
/*
 * The sysexits code of this process's last journal failure: EX_DATAERR
 * (altered, or not a journal), EX_NOINPUT (missing), EX_IOERR (disk full,
 * read-only, I/O error), EX_NOPERM (permission, symbolic link, a key that is
 * not the signer's), EX_TEMPFAIL (locked by another writer).
 */
int		 journal_last_exit(void);
/* The short form of a head shown to people: its first 12 hex digits. */
#define JOURNAL_SHORT_HEAD	12
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
/* The same from the secret file alone (the trainer's tools); -1, *cause. */
int		 journal_derive_code_keyfile(const char *path,
		    const char *context, char out[9], char **cause);

/*
 * Read-only verification, for `pilote verify` and the fuzzer, by the same
 * rule as journal_open().  A torn tail is not an alteration: the result is
 * 0 with torn_tail set, bad_line its line and message saying so.  message
 * names neither file nor line: print it as "file:bad_line: message".
 */
struct journal_report {
	size_t	 lines;		/* good lines */
	size_t	 bad_line;	/* 1-based first bad line, 0 if intact */
	char	*message;	/* why, French, allocated; NULL if intact */
	char	 fingerprint[40];	/* "" if the header is bad */
	char	 head[65];	/* H of the last good line, "" if none */
	char	 header_hash[65];	/* H of line 0 (journal_header_hash) */
	int	 torn_tail;	/* only the unterminated tail is torn */
	int	 newline_lost;	/* the last line verifies but lost its newline */
	int	 refused;	/* the reader refused bad_line (message) */
	size_t	 head_line;	/* 1-based line whose H starts with
				   opts.head, 0 if none or not asked */
};

struct journal_verify_opts {
	const char	*head;	/* a head (hex prefix, >= 8 digits), or NULL */
};

/* 0 intact (maybe with a torn tail), -1 altered. */
int		 journal_verify_buffer(const char *data, size_t len,
		    const struct journal_verify_opts *, struct journal_report *);
/*
 * Same; -2 if the file cannot be read or is not a regular file (message
 * says why; journal_last_exit() the class).
 */
int		 journal_verify_file(const char *path,
		    const struct journal_verify_opts *, struct journal_report *);
/* Same, giving the lines to reader (journal_reader), in one read. */
int		 journal_verify_reading(const char *path,
		    const struct journal_verify_opts *,
		    struct journal_reader *, struct journal_report *);
void		 journal_report_release(struct journal_report *);

#endif
