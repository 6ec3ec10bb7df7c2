/*
 * journal: the session journal (see journal.h for the format and promises).
 *
 * Reading loads the whole file and checks it line by line against the chain
 * so far: seal syntax, then H, then the signature, then the JSON and its
 * seq (the header's JSON first, since it carries the public key).  The
 * first line that fails ends the check.  It is a torn tail, set aside with a
 * warning, only when it is the last line, not the header, and holds no
 * complete seal before its end: a crash cuts the one line being written, it
 * cannot glue two lines together, so a last line that swallowed the newline
 * of the one before is an alteration of that earlier line.  (Inside a line
 * a seal cannot occur by accident: JSON escapes every quote of a string, so
 * ,"hash":" only appears as a key, and "hash" is a reserved key.)
 *
 * Writing keeps the file size of the verified prefix: an append writes one
 * line with one write() at that size, then fdatasync(); any failure cuts
 * the file back with ftruncate() so that the file holds only what was
 * acknowledged.  A failed fdatasync, a failed cut or an EIO poison the
 * journal until it is reopened and re-verified.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "io/journal.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define JOURNAL_HASH_BYTES	32	/* crypto_generichash_BYTES */
#define JOURNAL_PK_BYTES	32	/* crypto_sign_PUBLICKEYBYTES */
#define JOURNAL_SK_BYTES	64	/* crypto_sign_SECRETKEYBYTES */
#define JOURNAL_SIG_BYTES	64	/* crypto_sign_BYTES */

/* ,"hash":"<64 hex>","sig":"<128 hex>"} ends every line. */
#define JOURNAL_SEAL_HASH	",\"hash\":\""
#define JOURNAL_SEAL_SIG	"\",\"sig\":\""
#define JOURNAL_SEAL_LEN	(9 + 2 * JOURNAL_HASH_BYTES + 9 + \
				    2 * JOURNAL_SIG_BYTES + 2)

struct journal {
	char			*path;
	char			*owner_path;	/* "<path>.owner" */
	int			 fd;
	enum journal_mode	 mode;
	int			 owner_written;
	json_t			**lines;	/* owned, one per line */
	size_t			 count;
	size_t			 cap;
	off_t			 size;		/* end of the last good line */
	unsigned char		 head[JOURNAL_HASH_BYTES];
	char			 head_hex[2 * JOURNAL_HASH_BYTES + 1];
	unsigned char		 pk[JOURNAL_PK_BYTES];
	unsigned char		 sk[JOURNAL_SK_BYTES];	/* JOURNAL_WRITE only */
	char			 fingerprint[40];
	char			*failure;	/* set: appends refused */
};

/* The state of a check: the chain up to the last good line. */
struct journal_scan {
	int		 keep;		/* collect the parsed objects */
	json_t		**objs;
	size_t		 cap;
	size_t		 lines;		/* good lines */
	size_t		 good_end;	/* offset just past them */
	unsigned char	 head[JOURNAL_HASH_BYTES];
	unsigned char	 pk[JOURNAL_PK_BYTES];
	int		 have_pk;
	size_t		 bad_line;	/* 1-based, 0 if none */
	int		 torn;
	char		*why;		/* about bad_line, allocated */
	/*
	 * Fast: check the whole hash chain but only the last line's
	 * signature.  The chain makes that signature cover every byte
	 * before it, so content integrity is the same; only the check of
	 * each middle line's own seal is left to `pilote verify`.
	 */
	int		 fast;
	unsigned char	 last_sig[JOURNAL_SIG_BYTES];
	unsigned char	 last_h[JOURNAL_HASH_BYTES];
};

static int
journal_init(void)
{
	/* Idempotent and thread-safe; picks the fastest implementations. */
	return sodium_init() < 0 ? -1 : 0;
}

static const char *
journal_errno_text(int err)
{
	switch (err) {
	case ENOSPC:
		return _("disque plein");
	case EDQUOT:
		return _("quota disque dépassé");
	case EROFS:
		return _("système de fichiers en lecture seule");
	case EIO:
		return _("erreur d'entrée-sortie du disque");
	case EFBIG:
		return _("fichier trop volumineux");
	case EACCES:
	case EPERM:
		return _("permission refusée");
	case ENOENT:
		return _("fichier introuvable");
	case EISDIR:
		return _("c'est un répertoire, pas un fichier");
	case EEXIST:
		return _("le fichier existe déjà");
	case ENOLCK:
		return _("verrouillage non pris en charge (disque réseau ?)");
	default:
		return strerror(err);
	}
}

/* --- hex and hashing ------------------------------------------------------ */

static int
journal_is_hex(const char *s, size_t n)
{
	size_t	 i;

	/* Lowercase only: one spelling per value, or a flip would go unseen. */
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static int
journal_hex_digit(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* s holds 2 * n lowercase hex digits (checked by journal_is_hex). */
static void
journal_hex_decode(const char *s, unsigned char *out, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		out[i] = (unsigned char)(journal_hex_digit(s[2 * i]) << 4 |
		    journal_hex_digit(s[2 * i + 1]));
}

/* H = BLAKE2b-256(prev ‖ b). */
static void
journal_chain(const unsigned char prev[JOURNAL_HASH_BYTES], const char *b,
    size_t blen, unsigned char out[JOURNAL_HASH_BYTES])
{
	crypto_generichash_state	 st;

	crypto_generichash_init(&st, NULL, 0, JOURNAL_HASH_BYTES);
	crypto_generichash_update(&st, prev, JOURNAL_HASH_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)b, blen);
	crypto_generichash_final(&st, out, JOURNAL_HASH_BYTES);
}

/* "ab12 cd34 ef56 7890": 8 bytes of BLAKE2b-256(pk), in groups of 4 hex. */
static void
journal_fingerprint_of(const unsigned char pk[JOURNAL_PK_BYTES], char out[40])
{
	unsigned char	 h[JOURNAL_HASH_BYTES];
	char		 hex[17];
	int		 i, o = 0;

	crypto_generichash(h, sizeof h, pk, JOURNAL_PK_BYTES, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, 8);
	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

/* --- checking -------------------------------------------------------------- */

/* Whether line[0..end) ends with a well-formed seal. */
static int
journal_seal_at(const char *line, size_t end)
{
	const char	*s;

	if (end < JOURNAL_SEAL_LEN)
		return 0;
	s = line + end - JOURNAL_SEAL_LEN;
	return memcmp(s, JOURNAL_SEAL_HASH, 9) == 0 &&
	    journal_is_hex(s + 9, 2 * JOURNAL_HASH_BYTES) &&
	    memcmp(s + 73, JOURNAL_SEAL_SIG, 9) == 0 &&
	    journal_is_hex(s + 82, 2 * JOURNAL_SIG_BYTES) &&
	    s[210] == '"' && s[211] == '}';
}

/* Whether a complete seal ends anywhere before the end of line[0..n). */
static int
journal_inner_seal(const char *line, size_t n)
{
	size_t	 e;

	for (e = JOURNAL_SEAL_LEN; e < n; e++)
		if (line[e - 1] == '}' && line[e - 2] == '"' &&
		    journal_seal_at(line, e))
			return 1;
	return 0;
}

/* The header's pubkey: 64 lowercase hex. */
static int
journal_header_key(const json_t *obj, unsigned char pk[JOURNAL_PK_BYTES])
{
	const json_t	*v = json_object_get(obj, "pubkey");
	const char	*s;

	if (!json_is_string(v) || json_string_length(v) !=
	    2 * JOURNAL_PK_BYTES)
		return -1;
	s = json_string_value(v);
	if (!journal_is_hex(s, 2 * JOURNAL_PK_BYTES))
		return -1;
	journal_hex_decode(s, pk, JOURNAL_PK_BYTES);
	return 0;
}

/*
 * Checks line[0..n) (newline excluded) as line number sc->lines of the
 * chain; on success advances the chain, else -1 and *why (allocated).
 */
static int
journal_check_line(struct journal_scan *sc, const char *line, size_t n,
    char **why)
{
	unsigned char	 h[JOURNAL_HASH_BYTES], stored[JOURNAL_HASH_BYTES];
	unsigned char	 sig[JOURNAL_SIG_BYTES];
	const char	*seal;
	char		*b = NULL;
	size_t		 blen;
	json_t		*obj = NULL, *seq;
	json_error_t	 err;
	int		 header = sc->lines == 0, rc = -1;

	if (n > JOURNAL_MAX_LINE) {
		*why = xasprintf(_("ligne trop longue : plus de %d Mio"),
		    JOURNAL_MAX_LINE / (1024 * 1024));
		return -1;
	}
	if (!journal_seal_at(line, n)) {
		*why = xstrdup(_("sceau absent ou mal formé : la ligne ne finit "
		    "pas par ,\"hash\":\"…\",\"sig\":\"…\"}"));
		return -1;
	}
	seal = line + n - JOURNAL_SEAL_LEN;
	journal_hex_decode(seal + 9, stored, JOURNAL_HASH_BYTES);
	journal_hex_decode(seal + 82, sig, JOURNAL_SIG_BYTES);

	/* B is the line up to its seal, closed by "}". */
	blen = n - JOURNAL_SEAL_LEN + 1;
	b = xmalloc(blen + 1);
	memcpy(b, line, blen - 1);
	b[blen - 1] = '}';
	b[blen] = '\0';
	journal_chain(sc->head, b, blen, h);
	if (sodium_memcmp(h, stored, sizeof h) != 0) {
		*why = xstrdup(_("empreinte (hash) incorrecte : ligne modifiée, "
		    "ou ligne supprimée ou insérée avant elle"));
		goto out;
	}
	if (!header && !sc->fast && crypto_sign_verify_detached(sig, h,
	    sizeof h, sc->pk) != 0) {
		*why = xstrdup(_("signature invalide : cette ligne n'a pas été "
		    "écrite par l'hôte de la session"));
		goto out;
	}
	/* Duplicate keys would let two readers see two different lines. */
	obj = json_loadb(b, blen, JSON_REJECT_DUPLICATES, &err);
	if (obj == NULL) {
		*why = xasprintf(_("JSON illisible (octet %d de la ligne)"),
		    err.position);
		goto out;
	}
	if (!json_is_object(obj)) {
		*why = xstrdup(_("la ligne n'est pas un objet JSON"));
		goto out;
	}
	if (json_object_get(obj, "hash") != NULL ||
	    json_object_get(obj, "sig") != NULL) {
		*why = xstrdup(_("champ « hash » ou « sig » en double dans la "
		    "ligne"));
		goto out;
	}
	seq = json_object_get(obj, "seq");
	if (!json_is_integer(seq)) {
		*why = xstrdup(_("numéro de séquence (seq) absent"));
		goto out;
	}
	if (json_integer_value(seq) < 0 ||
	    (uintmax_t)json_integer_value(seq) != sc->lines) {
		*why = xasprintf(_("numéro de séquence %lld au lieu de %zu : "
		    "ligne supprimée, dupliquée ou déplacée"),
		    (long long)json_integer_value(seq), sc->lines);
		goto out;
	}
	if (header) {
		if (journal_header_key(obj, sc->pk) == -1) {
			*why = xstrdup(_("en-tête sans clé publique (pubkey) "
			    "valide"));
			goto out;
		}
		/* Self-signed: the fingerprint is what anchors the key. */
		if (crypto_sign_verify_detached(sig, h, sizeof h,
		    sc->pk) != 0) {
			*why = xstrdup(_("signature invalide : l'en-tête n'est "
			    "pas signé par sa clé publique"));
			goto out;
		}
		sc->have_pk = 1;
	}
	memcpy(sc->head, h, sizeof h);
	if (!header && sc->fast) {
		memcpy(sc->last_sig, sig, sizeof sc->last_sig);
		memcpy(sc->last_h, h, sizeof sc->last_h);
	}
	if (sc->keep) {
		if (sc->lines == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 64;
			sc->objs = xreallocarray(sc->objs, sc->cap,
			    sizeof *sc->objs);
		}
		sc->objs[sc->lines] = obj;
		obj = NULL;
	}
	sc->lines++;
	rc = 0;
out:
	json_decref(obj);
	free(b);
	return rc;
}

/*
 * Checks data[0..len): 0 when intact or when only the last line is torn
 * (sc->torn), -1 when altered; bad_line and why say where and why.
 */
static int
journal_scan(struct journal_scan *sc, const char *data, size_t len)
{
	const char	*p = data, *end = data + len, *nl;
	size_t		 n;
	char		*why;

	memset(sc->head, 0, sizeof sc->head);
	if (len == 0) {
		sc->bad_line = 1;
		sc->why = xstrdup(_("journal vide, sans en-tête : la création "
		    "de la session a été interrompue ; supprimez ce fichier et "
		    "sa clé (keys/…) puis recréez la session"));
		return -1;
	}
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		why = NULL;
		if (nl == NULL && sc->lines == 0)
			why = xstrdup(_("en-tête inachevé : la création de la "
			    "session a été interrompue ; supprimez ce fichier et "
			    "sa clé (keys/…) puis recréez la session"));
		else if (nl == NULL)
			why = xstrdup(_("ligne inachevée, sans fin de ligne"));
		else if (journal_check_line(sc, p, n, &why) == 0) {
			p = nl + 1;
			sc->good_end = (size_t)(p - data);
			continue;
		}
		sc->bad_line = sc->lines + 1;
		sc->why = why;
		if ((nl == NULL || nl + 1 == end) && sc->lines > 0 &&
		    !journal_inner_seal(p, n)) {
			sc->torn = 1;
			return 0;
		}
		return -1;
	}
	return 0;
}

static void
journal_scan_release(struct journal_scan *sc)
{
	size_t	 i;

	for (i = 0; i < sc->lines && sc->keep; i++)
		json_decref(sc->objs[i]);
	free(sc->objs);
	free(sc->why);
	sodium_memzero(sc, sizeof *sc);
}

/* --- file helpers ---------------------------------------------------------- */

/* Reads all of fd; -1 and errno on error. */
static int
journal_read_fd(int fd, char **out, size_t *outlen)
{
	struct stat	 st;
	char		*buf;
	size_t		 len = 0, cap;
	ssize_t		 n;
	int		 saved;

	if (fstat(fd, &st) == -1)
		return -1;
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			free(buf);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/* For side files (key, owner, torn), not for journal lines. */
static int
journal_write_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory holding path ("." if none); allocated. */
static char *
journal_dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* A new directory entry survives a crash only once its directory is synced. */
static int
journal_sync_dir(const char *dir)
{
	int	 fd, saved;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (fsync(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

/* "<dir>/keys/<name>.key" for the session path. */
static char *
journal_key_path(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *p;

	dir = journal_dir_of(path);
	p = xasprintf("%s/keys/%s.key", dir, slash != NULL ? slash + 1 : path);
	free(dir);
	return p;
}

/* --- the lock and its owner ------------------------------------------------- */

/* Tells who holds the lock, for a second writer; best effort. */
static void
journal_write_owner(struct journal *j)
{
	struct passwd	*pw;
	json_t		*o;
	char		 host[256], *text = NULL, *tmp;
	int		 fd, ok;

	if (gethostname(host, sizeof host) == -1)
		strcpy(host, "?");
	host[sizeof host - 1] = '\0';
	pw = getpwuid(geteuid());
	o = json_pack("{s:I, s:s, s:s, s:I}", "pid", (json_int_t)getpid(),
	    "user", pw != NULL ? pw->pw_name : "?", "host", host,
	    "since", (json_int_t)time(NULL));
	if (o != NULL)
		text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (text == NULL)
		return;
	/* Only the lock holder writes here, so a fixed temporary name is safe. */
	tmp = xasprintf("%s.tmp", j->owner_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd != -1) {
		ok = journal_write_all(fd, text, strlen(text)) == 0 &&
		    journal_write_all(fd, "\n", 1) == 0;
		if (close(fd) == 0 && ok && rename(tmp, j->owner_path) == 0)
			j->owner_written = 1;
		else
			unlink(tmp);
	}
	free(tmp);
	free(text);
}

/* "le processus 1234 (…) depuis le …", or a vaguer text; allocated. */
static char *
journal_owner_text(const char *owner_path)
{
	const json_t	*pid, *user, *host, *since;
	json_t		*o;
	json_error_t	 err;
	struct tm	 tm;
	time_t		 t;
	char		 when[64], *text;

	o = json_load_file(owner_path, 0, &err);
	pid = json_object_get(o, "pid");
	user = json_object_get(o, "user");
	host = json_object_get(o, "host");
	since = json_object_get(o, "since");
	if (!json_is_integer(pid) || !json_is_string(user) ||
	    !json_is_string(host) || !json_is_integer(since)) {
		json_decref(o);
		return xstrdup(_("un autre processus (inconnu : il vient "
		    "peut-être de démarrer)"));
	}
	t = (time_t)json_integer_value(since);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, _("%d/%m/%Y à %H:%M:%S"), &tm) == 0)
		strcpy(when, "?");
	text = xasprintf(_("le processus %lld de l'utilisateur %s sur la "
	    "machine %s, depuis le %s"),
	    (long long)json_integer_value(pid), json_string_value(user),
	    json_string_value(host), when);
	json_decref(o);
	return text;
}

static int
journal_lock(struct journal *j, char **cause)
{
	char	*who;

	if (flock(j->fd, LOCK_EX | LOCK_NB) == 0) {
		journal_write_owner(j);
		return 0;
	}
	if (errno == EWOULDBLOCK) {
		who = journal_owner_text(j->owner_path);
		*cause = xasprintf(_("%s: session déjà ouverte en écriture par "
		    "%s"), j->path, who);
		free(who);
	} else
		*cause = xasprintf(_("%s: verrouillage impossible : %s"),
		    j->path, journal_errno_text(errno));
	return -1;
}

/* --- the journal object ----------------------------------------------------- */

static struct journal *
journal_alloc(const char *path, enum journal_mode mode)
{
	struct journal	*j;

	j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->owner_path = xasprintf("%s.owner", path);
	j->fd = -1;
	j->mode = mode;
	return j;
}

static void
journal_push(struct journal *j, json_t *obj)
{
	if (j->count == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		j->lines = xreallocarray(j->lines, j->cap, sizeof *j->lines);
	}
	j->lines[j->count++] = obj;
}

static void
journal_set_head(struct journal *j, const unsigned char h[JOURNAL_HASH_BYTES])
{
	memcpy(j->head, h, JOURNAL_HASH_BYTES);
	sodium_bin2hex(j->head_hex, sizeof j->head_hex, h, JOURNAL_HASH_BYTES);
}

void
journal_close(struct journal *j)
{
	size_t	 i;

	if (j == NULL)
		return;
	/* Before the lock goes: the next holder's owner file is not ours. */
	if (j->owner_written)
		unlink(j->owner_path);
	if (j->fd != -1)
		close(j->fd);
	for (i = 0; i < j->count; i++)
		json_decref(j->lines[i]);
	free(j->lines);
	free(j->path);
	free(j->owner_path);
	free(j->failure);
	sodium_memzero(j, sizeof *j);
	free(j);
}

size_t
journal_count(const struct journal *j)
{
	return j->count;
}

const json_t *
journal_get(const struct journal *j, size_t seq)
{
	return seq < j->count ? j->lines[seq] : NULL;
}

const char *
journal_head(const struct journal *j)
{
	return j->head_hex;
}

const char *
journal_fingerprint(const struct journal *j)
{
	return j->fingerprint;
}

/* --- writing ----------------------------------------------------------------- */

/* A copy of in numbered seq, or NULL and *why (allocated). */
static json_t *
journal_prepare(const json_t *in, size_t seq, char **why)
{
	json_t	*obj;

	if (!json_is_object(in)) {
		*why = xstrdup(_("ce n'est pas un objet JSON"));
		return NULL;
	}
	if (json_object_get(in, "hash") != NULL ||
	    json_object_get(in, "sig") != NULL) {
		*why = xstrdup(_("les champs « hash » et « sig » sont réservés "
		    "au journal"));
		return NULL;
	}
	/* Deep: the caller may change its object once we return. */
	obj = json_deep_copy(in);
	if (obj == NULL || json_object_set_new(obj, "seq",
	    json_integer((json_int_t)seq)) == -1) {
		json_decref(obj);
		*why = xstrdup(_("mémoire insuffisante"));
		return NULL;
	}
	return obj;
}

/*
 * The sealed line of obj after prev, newline included (allocated), and its
 * H; NULL and *why (allocated) if it cannot be made.
 */
static char *
journal_seal(const json_t *obj, const unsigned char prev[JOURNAL_HASH_BYTES],
    const unsigned char sk[JOURNAL_SK_BYTES],
    unsigned char h[JOURNAL_HASH_BYTES], size_t *lenp, char **why)
{
	unsigned char	 sig[JOURNAL_SIG_BYTES];
	char		*b, *line, *s;
	size_t		 blen, len;

	b = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	if (b == NULL) {
		*why = xstrdup(_("impossible à écrire en JSON"));
		return NULL;
	}
	blen = strlen(b);
	len = blen - 1 + JOURNAL_SEAL_LEN;
	if (len > JOURNAL_MAX_LINE) {
		free(b);
		*why = xasprintf(_("trop volumineux : une ligne du journal "
		    "ne dépasse pas %d Mio"),
		    JOURNAL_MAX_LINE / (1024 * 1024));
		return NULL;
	}
	journal_chain(prev, b, blen, h);
	crypto_sign_detached(sig, NULL, h, JOURNAL_HASH_BYTES, sk);

	line = xmalloc(len + 2);
	memcpy(line, b, blen - 1);	/* B without its final "}" */
	s = line + blen - 1;
	memcpy(s, JOURNAL_SEAL_HASH, 9);
	sodium_bin2hex(s + 9, 2 * JOURNAL_HASH_BYTES + 1, h,
	    JOURNAL_HASH_BYTES);
	memcpy(s + 73, JOURNAL_SEAL_SIG, 9);
	sodium_bin2hex(s + 82, 2 * JOURNAL_SIG_BYTES + 1, sig,
	    JOURNAL_SIG_BYTES);
	memcpy(s + 210, "\"}\n", 3);
	free(b);
	*lenp = len + 1;
	return line;
}

int
journal_create(const char *path, const json_t *header, struct journal **out,
    char **cause)
{
	struct journal	*j = NULL;
	unsigned char	 h[JOURNAL_HASH_BYTES], zero[JOURNAL_HASH_BYTES];
	char		 pkhex[2 * JOURNAL_PK_BYTES + 1];
	char		 skhex[2 * JOURNAL_SK_BYTES + 2];
	char		*dir = NULL, *keydir = NULL, *keypath = NULL;
	char		*line = NULL, *why = NULL;
	json_t		*obj = NULL;
	size_t		 len;
	ssize_t		 n;
	int		 kfd = -1, made_file = 0, made_key = 0, rc = -1;

	*out = NULL;
	if (journal_init() == -1) {
		*cause = xasprintf(_("%s: libsodium ne s'initialise pas"), path);
		return -1;
	}
	if ((obj = journal_prepare(header, 0, &why)) == NULL) {
		*cause = xasprintf(_("%s: en-tête refusé : %s"), path, why);
		free(why);
		return -1;
	}
	j = journal_alloc(path, JOURNAL_WRITE);
	crypto_sign_keypair(j->pk, j->sk);
	sodium_bin2hex(pkhex, sizeof pkhex, j->pk, sizeof j->pk);
	json_object_set_new(obj, "pubkey", json_string(pkhex));
	memset(zero, 0, sizeof zero);
	if ((line = journal_seal(obj, zero, j->sk, h, &len, &why)) == NULL) {
		*cause = xasprintf(_("%s: en-tête refusé : %s"), path, why);
		free(why);
		goto out;
	}

	/*
	 * The trainer's alone: every team's decisions are in it, and a class
	 * shares saves/ through a group (a console sees its team's only).
	 */
	j->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC,
	    0600);
	if (j->fd == -1) {
		if (errno == EEXIST)
			*cause = xasprintf(_("%s: cette session existe déjà"),
			    path);
		else
			*cause = xasprintf(_("%s: création impossible : %s"),
			    path, journal_errno_text(errno));
		goto out;
	}
	made_file = 1;
	if (journal_lock(j, cause) == -1)
		goto out;

	/* The key first: a session nobody can continue is worth nothing. */
	dir = journal_dir_of(path);
	keydir = xasprintf("%s/keys", dir);
	keypath = journal_key_path(path);
	if (mkdir(keydir, 0700) == -1 && errno != EEXIST) {
		*cause = xasprintf(_("%s: création du répertoire des clés %s "
		    "impossible : %s"), path, keydir, journal_errno_text(errno));
		goto out;
	}
	kfd = open(keypath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (kfd == -1) {
		if (errno == EEXIST)
			*cause = xasprintf(_("%s: la clé %s existe déjà (reste "
			    "d'une session supprimée ?) : déplacez-la ou "
			    "choisissez un autre nom"), path, keypath);
		else
			*cause = xasprintf(_("%s: création de la clé %s "
			    "impossible : %s"), path, keypath,
			    journal_errno_text(errno));
		goto out;
	}
	made_key = 1;
	sodium_bin2hex(skhex, sizeof skhex, j->sk, sizeof j->sk);
	skhex[2 * JOURNAL_SK_BYTES] = '\n';
	if (journal_write_all(kfd, skhex, 2 * JOURNAL_SK_BYTES + 1) == -1 ||
	    fsync(kfd) == -1 || journal_sync_dir(keydir) == -1) {
		*cause = xasprintf(_("%s: écriture de la clé %s impossible : "
		    "%s"), path, keypath, journal_errno_text(errno));
		goto out;
	}

	do
		n = write(j->fd, line, len);
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)len) {
		*cause = xasprintf(_("%s: écriture de l'en-tête impossible : "
		    "%s"), path, n == -1 ? journal_errno_text(errno) :
		    _("écriture incomplète"));
		goto out;
	}
	if (fsync(j->fd) == -1 || journal_sync_dir(dir) == -1) {
		*cause = xasprintf(_("%s: le disque n'a pas confirmé l'écriture "
		    "de l'en-tête : %s"), path, journal_errno_text(errno));
		goto out;
	}
	j->size = (off_t)len;
	journal_set_head(j, h);
	journal_fingerprint_of(j->pk, j->fingerprint);
	journal_push(j, obj);
	obj = NULL;
	*out = j;
	j = NULL;
	rc = 0;
out:
	if (kfd != -1)
		close(kfd);
	if (rc == -1 && made_key)
		unlink(keypath);
	if (rc == -1 && made_file)
		unlink(path);
	sodium_memzero(skhex, sizeof skhex);
	journal_close(j);
	json_decref(obj);
	free(line);
	free(keypath);
	free(keydir);
	free(dir);
	return rc;
}

/* The secret key from keys/, checked against the header's public key. */
static int
journal_load_key(struct journal *j, char **cause)
{
	unsigned char	 pk[JOURNAL_PK_BYTES];
	char		 buf[2 * JOURNAL_SK_BYTES + 2];
	char		*keypath;
	ssize_t		 n;
	size_t		 len = 0;
	int		 fd, rc = -1;

	keypath = journal_key_path(j->path);
	if ((fd = open(keypath, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			*cause = xasprintf(_("%s: clé de session introuvable "
			    "(%s) : seul l'hôte de la session peut y écrire"),
			    j->path, keypath);
		else
			*cause = xasprintf(_("%s: lecture de la clé %s "
			    "impossible : %s"), j->path, keypath,
			    journal_errno_text(errno));
		goto out;
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
	if (len < 2 * JOURNAL_SK_BYTES ||
	    !journal_is_hex(buf, 2 * JOURNAL_SK_BYTES) ||
	    (len > 2 * JOURNAL_SK_BYTES && (len != 2 * JOURNAL_SK_BYTES + 1 ||
	    buf[2 * JOURNAL_SK_BYTES] != '\n'))) {
		*cause = xasprintf(_("%s: clé %s mal formée (128 chiffres "
		    "hexadécimaux attendus)"), j->path, keypath);
		goto out;
	}
	journal_hex_decode(buf, j->sk, JOURNAL_SK_BYTES);
	crypto_sign_ed25519_sk_to_pk(pk, j->sk);
	if (sodium_memcmp(pk, j->pk, sizeof pk) != 0) {
		*cause = xasprintf(_("%s: la clé %s n'est pas celle de cette "
		    "session"), j->path, keypath);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(buf, sizeof buf);
	free(keypath);
	return rc;
}

/* Moves the torn tail to "<path>.torn", then cuts it from the journal. */
static int
journal_set_aside(struct journal *j, const char *tail, size_t n,
    char **cause)
{
	struct stat	 st;
	char		*torn, *dir;
	int		 fd, existed, rc = -1;

	torn = xasprintf("%s.torn", j->path);
	existed = stat(torn, &st) == 0;
	fd = open(torn, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1 || journal_write_all(fd, tail, n) == -1 ||
	    fsync(fd) == -1) {
		*cause = xasprintf(_("%s: impossible de mettre la dernière "
		    "ligne de côté dans %s : %s"), j->path, torn,
		    journal_errno_text(errno));
		goto out;
	}
	dir = journal_dir_of(j->path);
	if (!existed && journal_sync_dir(dir) == -1) {
		*cause = xasprintf(_("%s: impossible de mettre la dernière "
		    "ligne de côté dans %s : %s"), j->path, torn,
		    journal_errno_text(errno));
		free(dir);
		goto out;
	}
	free(dir);
	/* Only once the tail is safe elsewhere. */
	if (ftruncate(j->fd, j->size) == -1 || fsync(j->fd) == -1) {
		*cause = xasprintf(_("%s: impossible de retirer la dernière "
		    "ligne inachevée : %s"), j->path, journal_errno_text(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(torn);
	return rc;
}

int
journal_open(const char *path, enum journal_mode mode, struct journal **out,
    char **warning, char **cause)
{
	struct journal		*j;
	struct journal_scan	 sc;
	struct stat		 st;
	char			*data = NULL;
	size_t			 len;
	int			 flags, rc = -1;

	*out = NULL;
	*warning = NULL;
	memset(&sc, 0, sizeof sc);
	sc.keep = 1;
	if (journal_init() == -1) {
		*cause = xasprintf(_("%s: libsodium ne s'initialise pas"), path);
		return -1;
	}
	j = journal_alloc(path, mode);
	flags = mode == JOURNAL_WRITE ? O_RDWR | O_APPEND : O_RDONLY;
	if ((j->fd = open(path, flags | O_CLOEXEC)) == -1) {
		*cause = xasprintf(_("%s: ouverture impossible : %s"), path,
		    journal_errno_text(errno));
		goto out;
	}
	if (fstat(j->fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf(_("%s: ce n'est pas un fichier ordinaire"),
		    path);
		goto out;
	}
	/* Lock before reading: what is read is then what we append to. */
	if (mode == JOURNAL_WRITE && journal_lock(j, cause) == -1)
		goto out;
	if (journal_read_fd(j->fd, &data, &len) == -1) {
		*cause = xasprintf(_("%s: lecture impossible : %s"), path,
		    journal_errno_text(errno));
		goto out;
	}
	sc.fast = 1;
	if (journal_scan(&sc, data, len) == 0 && sc.lines > 1 &&
	    crypto_sign_verify_detached(sc.last_sig, sc.last_h,
	    sizeof sc.last_h, sc.pk) != 0) {
		/* Something is forged: a full check says which line. */
		journal_scan_release(&sc);
		memset(&sc, 0, sizeof sc);
		sc.keep = 1;
		if (journal_scan(&sc, data, len) == 0) {
			sc.bad_line = sc.lines;
			free(sc.why);
			sc.why = xstrdup(_("signature invalide"));
			*cause = xasprintf("%s:%zu: %s", path, sc.bad_line,
			    sc.why);
			goto out;
		}
	}
	if (sc.bad_line != 0 && !sc.torn) {
		*cause = xasprintf("%s:%zu: %s", path, sc.bad_line, sc.why);
		goto out;
	}
	memcpy(j->pk, sc.pk, sizeof j->pk);
	journal_set_head(j, sc.head);
	journal_fingerprint_of(j->pk, j->fingerprint);
	j->lines = sc.objs;
	j->count = j->cap = sc.lines;
	sc.objs = NULL;
	sc.lines = 0;
	j->size = (off_t)sc.good_end;
	if (mode == JOURNAL_WRITE && journal_load_key(j, cause) == -1)
		goto out;
	if (sc.torn && mode == JOURNAL_WRITE) {
		if (journal_set_aside(j, data + sc.good_end,
		    len - sc.good_end, cause) == -1)
			goto out;
		*warning = xasprintf(_("%s:%zu: dernière ligne inachevée ou "
		    "illisible (%s) : écriture interrompue, jamais confirmée ; "
		    "mise de côté dans %s.torn (%zu octets)"), path,
		    sc.bad_line, sc.why, path, len - sc.good_end);
	} else if (sc.torn)
		*warning = xasprintf(_("%s:%zu: dernière ligne inachevée ou "
		    "illisible (%s) : écriture interrompue, jamais confirmée ; "
		    "ignorée"), path, sc.bad_line, sc.why);
	*out = j;
	j = NULL;
	rc = 0;
out:
	journal_scan_release(&sc);
	free(data);
	journal_close(j);
	return rc;
}

/* Puts the file back to the verified size; else poisons the journal. */
static void
journal_undo(struct journal *j, const char *why)
{
	struct stat	 st;

	if (fstat(j->fd, &st) == 0 && st.st_size == j->size)
		return;
	if (ftruncate(j->fd, j->size) == -1 && j->failure == NULL)
		j->failure = xstrdup(why);
}

int
journal_append(struct journal *j, const json_t *event, char **cause)
{
	unsigned char	 h[JOURNAL_HASH_BYTES];
	struct stat	 st;
	json_t		*obj = NULL;
	char		*line = NULL, *why = NULL;
	size_t		 len;
	ssize_t		 n;
	int		 err, rc = -1;

	if (j->mode != JOURNAL_WRITE) {
		*cause = xstrdup(_("décision non enregistrée : journal ouvert "
		    "en lecture seule"));
		return -1;
	}
	if (j->failure != NULL) {
		*cause = xasprintf(_("décision non enregistrée : le journal a "
		    "subi une erreur d'écriture (%s) ; rouvrez la session pour "
		    "continuer"), j->failure);
		return -1;
	}
	if ((obj = journal_prepare(event, j->count, &why)) == NULL ||
	    (line = journal_seal(obj, j->head, j->sk, h, &len, &why)) == NULL) {
		*cause = xasprintf(_("décision non enregistrée : événement "
		    "refusé, %s"), why);
		free(why);
		goto out;
	}
	/* Another program wrote here: our chain no longer ends the file. */
	if (fstat(j->fd, &st) == -1 || st.st_size != j->size) {
		*cause = xasprintf(_("décision non enregistrée : %s a été "
		    "modifié par un autre programme ; rouvrez la session"),
		    j->path);
		goto out;
	}

	/* One write() for the whole line: never two half lines. */
	do
		n = write(j->fd, line, len);
	while (n == -1 && errno == EINTR);
	err = errno;
	if (n == -1) {
		if (err == EIO)
			j->failure = xstrdup(journal_errno_text(err));
		journal_undo(j, journal_errno_text(err));
		*cause = xasprintf(_("décision non enregistrée : %s"),
		    journal_errno_text(err));
		goto out;
	}
	if ((size_t)n != len) {
		journal_undo(j, _("écriture incomplète non annulée"));
		*cause = xasprintf(_("décision non enregistrée : écriture "
		    "incomplète (%zd octets sur %zu), disque plein ?"), n, len);
		goto out;
	}
	if (fdatasync(j->fd) == -1) {
		/* Never again: the kernel may have dropped the pages (fsyncgate). */
		err = errno;
		j->failure = xstrdup(journal_errno_text(err));
		(void)ftruncate(j->fd, j->size);
		*cause = xasprintf(_("décision non enregistrée : le disque n'a "
		    "pas confirmé l'écriture (%s) ; rouvrez la session pour "
		    "continuer"), journal_errno_text(err));
		goto out;
	}
	j->size += (off_t)len;
	journal_set_head(j, h);
	journal_push(j, obj);
	obj = NULL;
	rc = 0;
out:
	json_decref(obj);
	free(line);
	return rc;
}

/* --- verification ----------------------------------------------------------- */

int
journal_verify_buffer(const char *data, size_t len, struct journal_report *r)
{
	struct journal_scan	 sc;
	int			 rc;

	memset(r, 0, sizeof *r);
	memset(&sc, 0, sizeof sc);
	if (journal_init() == -1) {
		r->message = xstrdup(_("libsodium ne s'initialise pas"));
		return -1;
	}
	rc = journal_scan(&sc, data, len);
	r->lines = sc.lines;
	r->bad_line = sc.bad_line;
	r->torn_tail = sc.torn;
	if (sc.lines > 0)
		sodium_bin2hex(r->head, sizeof r->head, sc.head,
		    JOURNAL_HASH_BYTES);
	if (sc.have_pk)
		journal_fingerprint_of(sc.pk, r->fingerprint);
	if (rc == -1)
		r->message = xstrdup(sc.why);
	else if (sc.torn)
		r->message = xasprintf(_("dernière ligne inachevée ou illisible "
		    "(%s) : écriture interrompue, jamais confirmée ; elle ne "
		    "compte pas"), sc.why);
	journal_scan_release(&sc);
	return rc;
}

int
journal_verify_file(const char *path, struct journal_report *r)
{
	char	*data;
	size_t	 len;
	int	 fd, rc;

	memset(r, 0, sizeof *r);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    journal_read_fd(fd, &data, &len) == -1) {
		r->message = xasprintf(_("lecture impossible : %s"),
		    journal_errno_text(errno));
		if (fd != -1)
			close(fd);
		return -2;
	}
	close(fd);
	rc = journal_verify_buffer(data, len, r);
	free(data);
	return rc;
}

void
journal_report_release(struct journal_report *r)
{
	free(r->message);
	memset(r, 0, sizeof *r);
}

int
journal_derive_code(const struct journal *j, const char *context,
    char out[9])
{
	/* No 0/O, 1/I/L: codes are read aloud and typed by hand. */
	static const char	 alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	unsigned char		 h[16];
	int			 i;

	if (j->mode != JOURNAL_WRITE)
		return -1;
	crypto_generichash(h, sizeof h, (const unsigned char *)context,
	    strlen(context), j->sk, crypto_generichash_KEYBYTES_MAX <
	    sizeof j->sk ? crypto_generichash_KEYBYTES_MAX : sizeof j->sk);
	for (i = 0; i < 8; i++)
		out[i] = alphabet[h[i] % (sizeof alphabet - 1)];
	out[8] = '\0';
	return 0;
}

int
journal_derive_code_keyfile(const char *path, const char *context,
    char out[9], char **cause)
{
	struct journal	*j;
	char		*warning = NULL;
	int		 rc;

	if (journal_init() == -1) {
		*cause = xasprintf(_("%s: libsodium ne s'initialise pas"), path);
		return -1;
	}
	/* The header's public key tells whether the key file is this one. */
	if (journal_open(path, JOURNAL_READ, &j, &warning, cause) == -1)
		return -1;
	free(warning);
	rc = journal_load_key(j, cause);
	if (rc == 0) {
		j->mode = JOURNAL_WRITE;	/* only for the key's use */
		rc = journal_derive_code(j, context, out);
	}
	journal_close(j);
	return rc;
}
