/*
 * signkey: the trainer's signing key, one per trainer account, created once
 * and reused by every session that account hosts, so that a jury can know
 * its fingerprint in advance, like an SSH host key, and tell a journal
 * re-signed with another key.
 *
 * The key lives in $PILOTE_TRAINER_KEY if set, else
 * $XDG_DATA_HOME/pilote/formateur.key, else
 * ~/.local/share/pilote/formateur.key: 128 lowercase hex digits (the
 * Ed25519 secret key) and a newline, mode 0600 in a 0700 directory.  It is
 * never followed through a symbolic link and refused if others can read it.
 */
#ifndef PILOTE_SIGNKEY_H
#define PILOTE_SIGNKEY_H

#include <stddef.h>

#define SIGNKEY_PK_BYTES	32
#define SIGNKEY_SK_BYTES	64
#define SIGNKEY_SIG_BYTES	64
#define SIGNKEY_FINGERPRINT_MAX	40	/* "ab12 cd34 ef56 7890" and NUL */

struct signkey {
	unsigned char	 pk[SIGNKEY_PK_BYTES];
	unsigned char	 sk[SIGNKEY_SK_BYTES];
	char		 fingerprint[SIGNKEY_FINGERPRINT_MAX];
	char		*path;		/* where it was read, allocated */
};

/* The key's file name (allocated), or NULL and *cause without a home. */
char	*signkey_path(char **cause);
/*
 * Loads the account's key, creating it first when create is set and there
 * is none (*created then says so).  -1 and a French *cause ("path: why");
 * *exit_code a sysexits code for the CLI.
 */
int	 signkey_load(struct signkey *, int create, int *created,
	    char **cause, int *exit_code);
void	 signkey_release(struct signkey *);
/* Ed25519 signature of msg. */
void	 signkey_sign(const struct signkey *, const unsigned char *msg,
	    size_t len, unsigned char sig[SIGNKEY_SIG_BYTES]);
/* 0 if sig is pk's signature of msg. */
int	 signkey_check(const unsigned char pk[SIGNKEY_PK_BYTES],
	    const unsigned char *msg, size_t len,
	    const unsigned char sig[SIGNKEY_SIG_BYTES]);
/* "ab12 cd34 ef56 7890": the first 8 bytes of BLAKE2b-256(pk). */
void	 signkey_fingerprint(const unsigned char pk[SIGNKEY_PK_BYTES],
	    char out[SIGNKEY_FINGERPRINT_MAX]);
/*
 * Whether a fingerprint typed by a person ("AB12CD34…", spaces, dashes,
 * any case; at least 8 hex digits, a prefix is enough) designates this one.
 */
int	 signkey_fingerprint_matches(const char *typed,
	    const char fingerprint[SIGNKEY_FINGERPRINT_MAX]);

#endif
