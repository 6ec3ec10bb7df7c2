/*
 * signkey: the trainer's signing key (see signkey.h).
 *
 * Creation writes the key atomically and never over an existing one
 * (io/atomic, ATOMIC_NO_REPLACE: a temporary file linked to its final
 * name; if another process made one meanwhile, that one is used), so two
 * sessions created at once by one account never end up with two keys.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <sodium.h>

#include "io/atomic.h"
#include "io/signkey.h"
#include "util/i18n.h"
#include "util/xalloc.h"

char *
signkey_path(char **cause)
{
	const char	*v;

	if ((v = getenv("PILOTE_TRAINER_KEY")) != NULL && v[0] != '\0')
		return xstrdup(v);
	if ((v = getenv("XDG_DATA_HOME")) != NULL && v[0] == '/')
		return xasprintf("%s/pilote/formateur.key", v);
	if ((v = getenv("HOME")) != NULL && v[0] == '/')
		return xasprintf("%s/.local/share/pilote/formateur.key", v);
	*cause = xstrdup(_("clé du formateur : ni PILOTE_TRAINER_KEY, ni "
	    "XDG_DATA_HOME, ni HOME ne disent où la ranger"));
	return NULL;
}

/* mkdir -p of path's directory, new levels 0700. */
static int
signkey_mkdirs(const char *path)
{
	char	*dir = xstrdup(path), *p;
	int	 rc = 0;

	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return rc;
}

static int
signkey_exit_of(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return EX_NOPERM;
	case ENOENT:
		return EX_NOINPUT;
	default:
		return EX_IOERR;
	}
}

static int
signkey_create(const char *path, char **cause, int *exit_code)
{
	unsigned char	 pk[SIGNKEY_PK_BYTES], sk[SIGNKEY_SK_BYTES];
	char		 hex[2 * SIGNKEY_SK_BYTES + 2];
	int		 rc = -1, saved;

	if (signkey_mkdirs(path) == -1) {
		*cause = xasprintf(_("%s: création du répertoire impossible : "
		    "%s"), path, strerror(errno));
		*exit_code = signkey_exit_of(errno);
		return -1;
	}
	crypto_sign_keypair(pk, sk);
	sodium_bin2hex(hex, sizeof hex, sk, sizeof sk);
	hex[2 * SIGNKEY_SK_BYTES] = '\n';
	/* EEXIST: another process of this account made it first. */
	if (atomic_write(path, hex, sizeof hex - 1, 0600,
	    ATOMIC_NO_REPLACE) != EX_OK && errno != EEXIST) {
		saved = errno;
		*cause = xasprintf(_("%s: écriture de la clé du formateur "
		    "impossible : %s"), path, saved == ENOSPC ?
		    _("disque plein") : strerror(saved));
		*exit_code = signkey_exit_of(saved);
	} else
		rc = 0;
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int
signkey_load(struct signkey *k, int create, int *created, char **cause,
    int *exit_code)
{
	struct stat	 st;
	char		 buf[2 * SIGNKEY_SK_BYTES + 2];
	char		*path;
	size_t		 len = 0, i;
	ssize_t		 n;
	int		 fd, saved;

	memset(k, 0, sizeof *k);
	if (created != NULL)
		*created = 0;
	*exit_code = EX_SOFTWARE;
	if (sodium_init() < 0) {
		*cause = xstrdup(_("libsodium ne s'initialise pas"));
		return -1;
	}
	if ((path = signkey_path(cause)) == NULL) {
		*exit_code = EX_CONFIG;
		return -1;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1 && errno == ENOENT && create) {
		if (signkey_create(path, cause, exit_code) == -1)
			goto fail;
		if (created != NULL)
			*created = 1;
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	}
	if (fd == -1) {
		saved = errno;
		if (saved == ENOENT)
			*cause = xasprintf(_("%s: clé du formateur introuvable : "
			    "seul le compte qui a créé la session peut y écrire "
			    "(ou indiquez sa clé dans PILOTE_TRAINER_KEY)"), path);
		else if (saved == ELOOP)
			*cause = xasprintf(_("%s: la clé du formateur est un lien "
			    "symbolique : refusé"), path);
		else
			*cause = xasprintf(_("%s: lecture de la clé du formateur "
			    "impossible : %s"), path, strerror(saved));
		*exit_code = saved == ELOOP ? EX_NOPERM : signkey_exit_of(saved);
		goto fail;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 077) != 0 || st.st_uid != geteuid()) {
		*cause = xasprintf(_("%s: la clé du formateur doit être un "
		    "fichier ordinaire à vous, lisible par vous seul (mode "
		    "0600)"), path);
		*exit_code = EX_NOPERM;
		close(fd);
		goto fail;
	}
	while (len < sizeof buf) {
		n = read(fd, buf + len, sizeof buf - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	for (i = 0; i < 2 * SIGNKEY_SK_BYTES && i < len; i++)
		if (!isxdigit((unsigned char)buf[i]) ||
		    isupper((unsigned char)buf[i]))
			break;
	if (i != 2 * SIGNKEY_SK_BYTES || (len != 2 * SIGNKEY_SK_BYTES &&
	    (len != 2 * SIGNKEY_SK_BYTES + 1 || buf[len - 1] != '\n')) ||
	    sodium_hex2bin(k->sk, sizeof k->sk, buf, 2 * SIGNKEY_SK_BYTES,
	    NULL, NULL, NULL) != 0) {
		*cause = xasprintf(_("%s: clé du formateur mal formée (128 "
		    "chiffres hexadécimaux attendus)"), path);
		*exit_code = EX_DATAERR;
		sodium_memzero(buf, sizeof buf);
		goto fail;
	}
	sodium_memzero(buf, sizeof buf);
	crypto_sign_ed25519_sk_to_pk(k->pk, k->sk);
	signkey_fingerprint(k->pk, k->fingerprint);
	k->path = path;
	return 0;
fail:
	free(path);
	sodium_memzero(k, sizeof *k);
	return -1;
}

void
signkey_release(struct signkey *k)
{
	free(k->path);
	sodium_memzero(k, sizeof *k);
}

void
signkey_sign(const struct signkey *k, const unsigned char *msg, size_t len,
    unsigned char sig[SIGNKEY_SIG_BYTES])
{
	crypto_sign_detached(sig, NULL, msg, len, k->sk);
}

int
signkey_check(const unsigned char pk[SIGNKEY_PK_BYTES],
    const unsigned char *msg, size_t len,
    const unsigned char sig[SIGNKEY_SIG_BYTES])
{
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0 ? 0 : -1;
}

void
signkey_fingerprint(const unsigned char pk[SIGNKEY_PK_BYTES],
    char out[SIGNKEY_FINGERPRINT_MAX])
{
	unsigned char	 h[32];
	char		 hex[17];
	int		 i, o = 0;

	crypto_generichash(h, sizeof h, pk, SIGNKEY_PK_BYTES, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, 8);
	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

int
signkey_fingerprint_matches(const char *typed,
    const char fingerprint[SIGNKEY_FINGERPRINT_MAX])
{
	const char	*f = fingerprint;
	size_t		 n = 0;

	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-' || *typed == ':')
			continue;
		if (!isxdigit((unsigned char)*typed))
			return 0;
		while (*f == ' ')
			f++;
		if (*f == '\0' || tolower((unsigned char)*typed) != *f)
			return 0;
		f++;
		n++;
	}
	return n >= 8;
}
