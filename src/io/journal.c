/*
 * journal: the session journal (see journal.h for the format and promises).
 *
 * Reading streams the file once, in chunks, and checks it line by line
 * against the chain so far: seal syntax, then H found by position, without
 * building any JSON but the header's (it carries the public key) and the
 * lines a reader asks for (an open gives every line to its reader, the
 * session's fold); at the end, the last line's signature, which the chain
 * makes cover every byte before it.  Nothing of the lines is kept but where
 * each ends (and, for an open, the first 64 bits of its H, to trust it when
 * read again): memory does not grow with the size of the lines.  The
 * first line that fails ends the check; a failed signature is blamed on
 * the first line whose signature fails, by bisection over the seals of the
 * good lines, read again.  An unterminated tail is a torn write, set aside with a
 * warning, unless it verifies whole (only its newline was lost); a tail
 * holding a complete seal before its end is two lines glued together, and
 * one ending with a complete seal that fails is an edited line: both are
 * alterations (inside a line a seal cannot occur by accident: JSON escapes
 * every quote of a string, so ,"hash":" only appears as a key, and "hash"
 * is a reserved key).
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
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "io/atomic.h"
#include "io/journal.h"
#include "io/signkey.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define JOURNAL_HASH_BYTES	32	/* crypto_generichash_BYTES */
#define JOURNAL_PK_BYTES	SIGNKEY_PK_BYTES
#define JOURNAL_SIG_BYTES	SIGNKEY_SIG_BYTES
#define JOURNAL_SECRET_BYTES	32
/* The small side files (owner, secrets) are never larger than this. */
#define JOURNAL_SIDE_MAX	(64 * 1024)
/* How long a second writer waits for the lock before giving up. */
#define JOURNAL_LOCK_WAIT_MS	4000

/* ,"hash":"<64 hex>","sig":"<128 hex>"} ends every line. */
#define JOURNAL_SEAL_HASH	",\"hash\":\""
#define JOURNAL_SEAL_SIG	"\",\"sig\":\""
#define JOURNAL_SEAL_LEN	(9 + 2 * JOURNAL_HASH_BYTES + 9 + \
				    2 * JOURNAL_SIG_BYTES + 2)
/* How much of each line's H an open keeps to trust it when read again. */
#define JOURNAL_KEPT_HASH	8

struct journal {
	char			*path;
	char			*owner_path;	/* "<path>.owner" */
	int			 fd;
	enum journal_mode	 mode;
	int			 owner_written;
	json_t			*header;	/* line 0, parsed, owned */
	/*
	 * The other lines are not kept: line i is read again from the file
	 * when asked (journal_get), found by where it ends, and trusted only
	 * if it hashes to the H the open verified (its first 64 bits: a
	 * second preimage of them is out of reach).  The cache, made at the
	 * first journal_get(), keeps what was asked that way.
	 */
	size_t			*ends;		/* offset past each line's "}" */
	unsigned char		(*hs)[JOURNAL_KEPT_HASH];
	json_t			**cache;	/* owned, NULL until read, or
						   none yet */
	size_t			 count;
	size_t			 cap;
	char			*scratch;	/* a line read again */
	size_t			 scratch_cap;
	off_t			 size;		/* end of the last good line */
	unsigned char		 head[JOURNAL_HASH_BYTES];
	unsigned char		 last_sig[JOURNAL_SIG_BYTES];
	char			 head_hex[2 * JOURNAL_HASH_BYTES + 1];
	unsigned char		 pk[JOURNAL_PK_BYTES];
	struct signkey		 key;		/* JOURNAL_WRITE only */
	int			 have_key;
	json_t			*secrets;	/* JOURNAL_WRITE only */
	unsigned char		 secret[JOURNAL_SECRET_BYTES];
	int			 keyed;		/* has a keys/ secret file */
	char			 header_hex[2 * JOURNAL_HASH_BYTES + 1];
	char			 fingerprint[SIGNKEY_FINGERPRINT_MAX];
	char			*failure;	/* set: appends refused */
};

/* Where a check reads its lines: a buffer, or a file read in chunks. */
struct journal_src {
	const char	*data;		/* buffer: all of it */
	size_t		 len;
	int		 fd;		/* a file, else -1 */
	char		*buf;		/* the file's bytes [base, base + fill) */
	size_t		 cap;
	size_t		 fill;
	size_t		 pos;		/* next line, in buf (or data) */
	size_t		 base;
	int		 eof;
};

/*
 * The state of a check: the chain up to the last good line.  Nothing but
 * where each line ends is kept of the lines (and, for an open, their H):
 * memory is 8 (24) bytes a line, whatever their size.
 */
struct journal_scan {
	struct journal_src *src;
	struct journal_reader *reader;	/* or NULL */
	const struct journal *j;	/* an open's journal, for the reader */
	int		 keep;		/* an open: the header and the H */
	json_t		*header;	/* keep: line 0 */
	size_t		*ends;		/* offset past each good line's "}" */
	unsigned char	(*hs)[JOURNAL_KEPT_HASH];	/* keep: their H */
	size_t		 ecap;
	char		*b;		/* scratch: B of the line read */
	size_t		 bcap;
	size_t		 lines;		/* good lines */
	size_t		 good_end;	/* offset just past them */
	size_t		 tail_off;	/* where the unterminated tail starts */
	unsigned char	 head[JOURNAL_HASH_BYTES];	/* H of the last */
	unsigned char	 sig[JOURNAL_SIG_BYTES];	/* S of the last */
	unsigned char	 head0[JOURNAL_HASH_BYTES];	/* H of the header */
	unsigned char	 pk[JOURNAL_PK_BYTES];
	int		 have_pk;
	size_t		 vouched;	/* good lines whose last S verified */
	size_t		 bad_line;	/* 1-based, 0 if none */
	int		 torn;
	int		 newline_lost;
	int		 refused;	/* the reader refused bad_line */
	char		*why;		/* about bad_line, allocated */
	const char	*want_head;	/* --head: a hex prefix, or NULL */
	size_t		 want_len;
	size_t		 head_line;
};

/* pread() of exactly n bytes at off; -1 otherwise. */
static int
journal_pread(int fd, char *out, size_t n, size_t off)
{
	ssize_t	 got;

	while (n > 0) {
		got = pread(fd, out, n, (off_t)off);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		out += got;
		n -= (size_t)got;
		off += (size_t)got;
	}
	return 0;
}

static int	 journal_exit = EX_OK;

int
journal_last_exit(void)
{
	return journal_exit;
}

/* Records the class of a failure for the CLI's exit code. */
static void
journal_fail(int code)
{
	journal_exit = code;
}

static int
journal_exit_of(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return EX_NOINPUT;
	case EACCES:
	case EPERM:
	case ELOOP:
		return EX_NOPERM;
	case EWOULDBLOCK:
		return EX_TEMPFAIL;
	default:
		return EX_IOERR;
	}
}

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
	case ELOOP:
		return _("lien symbolique refusé");
	case ENOLCK:
		return _("verrouillage non pris en charge (disque réseau ?)");
	default:
		return strerror(err);
	}
}

/* --- checking -------------------------------------------------------------- */

/* 1 for the 16 lowercase hex digits: one spelling per value, or a flip
 * would go unseen. */
static const unsigned char journal_hex_ok[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1,
	['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1
};

static int
journal_is_hex(const char *s, size_t n)
{
	size_t		 i;
	unsigned	 ok = 1;

	for (i = 0; i < n; i++)
		ok &= journal_hex_ok[(unsigned char)s[i]];
	return (int)ok;
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

/*
 * H = BLAKE2b-256(prev ‖ prev_sig ‖ B); no prev_sig for the header.  B is
 * b[0..blen) followed by close (NULL: nothing), so that a read line is
 * hashed in place: B is the line up to its seal, then "}".
 */
static void
journal_chain(const unsigned char prev[JOURNAL_HASH_BYTES],
    const unsigned char *prev_sig, const char *b, size_t blen,
    const char *close, unsigned char out[JOURNAL_HASH_BYTES])
{
	crypto_generichash_state	 st;

	crypto_generichash_init(&st, NULL, 0, JOURNAL_HASH_BYTES);
	crypto_generichash_update(&st, prev, JOURNAL_HASH_BYTES);
	if (prev_sig != NULL)
		crypto_generichash_update(&st, prev_sig, JOURNAL_SIG_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)b, blen);
	if (close != NULL)
		crypto_generichash_update(&st, (const unsigned char *)close,
		    strlen(close));
	crypto_generichash_final(&st, out, JOURNAL_HASH_BYTES);
}

/* Whether line[0..end) ends with a well-formed seal. */
static int
journal_seal_at(const char *line, size_t end)
{
	const char	*s;

	if (end < JOURNAL_SEAL_LEN)
		return 0;
	s = line + end - JOURNAL_SEAL_LEN;
	return memcmp(s, JOURNAL_SEAL_HASH, 9) == 0 &&
	    memcmp(s + 73, JOURNAL_SEAL_SIG, 9) == 0 &&
	    s[210] == '"' && s[211] == '}' &&
	    journal_is_hex(s + 9, 2 * JOURNAL_HASH_BYTES) &&
	    journal_is_hex(s + 82, 2 * JOURNAL_SIG_BYTES);
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

/* --- where a check reads: a buffer, or a file in chunks ------------------- */

/* The first chunk read from a file; it doubles for a longer line. */
#define JOURNAL_CHUNK	(256 * 1024)

static void
journal_src_buffer(struct journal_src *src, const char *data, size_t len)
{
	memset(src, 0, sizeof *src);
	src->data = data;
	src->len = len;
	src->fd = -1;
}

static void
journal_src_file(struct journal_src *src, int fd)
{
	memset(src, 0, sizeof *src);
	src->fd = fd;
}

static void
journal_src_release(struct journal_src *src)
{
	free(src->buf);
	memset(src, 0, sizeof *src);
	src->fd = -1;
}

/*
 * The next line: *line, *n (newline excluded), *off (its offset in the
 * file) and *nl (whether a newline ends it: else it is the unterminated
 * tail).  A line longer than JOURNAL_MAX_LINE comes back cut, *n past the
 * bound, for the check to refuse.  1, 0 at the end, -1 and errno on a
 * read error.
 */
static int
journal_src_next(struct journal_src *src, const char **line, size_t *n,
    size_t *off, int *nl)
{
	const char	*p, *e;
	ssize_t		 got;

	if (src->fd == -1) {
		if (src->pos >= src->len)
			return 0;
		p = src->data + src->pos;
		e = memchr(p, '\n', src->len - src->pos);
		*line = p;
		*off = src->pos;
		*nl = e != NULL;
		*n = e != NULL ? (size_t)(e - p) : src->len - src->pos;
		src->pos += *n + (e != NULL);
		return 1;
	}
	for (;;) {
		p = src->buf + src->pos;
		e = src->fill > src->pos ? memchr(p, '\n', src->fill -
		    src->pos) : NULL;
		if (e != NULL || (src->eof && src->pos < src->fill) ||
		    src->fill - src->pos > JOURNAL_MAX_LINE) {
			*line = p;
			*off = src->base + src->pos;
			*nl = e != NULL || !src->eof;
			*n = e != NULL ? (size_t)(e - p) : src->fill - src->pos;
			src->pos += *n + (e != NULL);
			return 1;
		}
		if (src->eof)
			return 0;
		/* Keep the partial line, move it to the front, read on. */
		if (src->pos > 0) {
			memmove(src->buf, p, src->fill - src->pos);
			src->base += src->pos;
			src->fill -= src->pos;
			src->pos = 0;
		}
		if (src->fill == src->cap) {
			src->cap = src->cap ? src->cap * 2 : JOURNAL_CHUNK;
			src->buf = xreallocarray(src->buf, src->cap, 1);
		}
		got = read(src->fd, src->buf + src->fill, src->cap - src->fill);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1)
			return -1;
		if (got == 0)
			src->eof = 1;
		src->fill += (size_t)got;
	}
}

/* n bytes at offset off of the source into out; -1 if they cannot be. */
static int
journal_src_read(struct journal_src *src, size_t off, size_t n, char *out)
{
	if (src->fd == -1) {
		if (off > src->len || n > src->len - off)
			return -1;
		memcpy(out, src->data + off, n);
		return 0;
	}
	return journal_pread(src->fd, out, n, off);
}

enum journal_check {
	CHECK_OK,
	CHECK_BAD,		/* this line is bad (*why) */
	CHECK_BAD_PREVIOUS	/* the chain broke on the previous line's
				   altered signature (*why) */
};

/* Line k-1 (k good lines) ends at sc->ends[k - 1]: its H and S. */
static int
journal_scan_mark(struct journal_scan *sc, size_t k,
    unsigned char h[JOURNAL_HASH_BYTES], unsigned char sig[JOURNAL_SIG_BYTES])
{
	char	 seal[JOURNAL_SEAL_LEN];

	/* Its seal holds both: the chain checked that the H is the one. */
	if (journal_src_read(sc->src, sc->ends[k - 1] - JOURNAL_SEAL_LEN,
	    JOURNAL_SEAL_LEN, seal) == -1 || !journal_seal_at(seal,
	    JOURNAL_SEAL_LEN))
		return -1;
	journal_hex_decode(seal + 9, h, JOURNAL_HASH_BYTES);
	journal_hex_decode(seal + 82, sig, JOURNAL_SIG_BYTES);
	return 0;
}

/* Whether the signature of line k-1 (k good lines) verifies. */
static int
journal_scan_vouches(struct journal_scan *sc, size_t k)
{
	unsigned char	 h[JOURNAL_HASH_BYTES], sig[JOURNAL_SIG_BYTES];

	return journal_scan_mark(sc, k, h, sig) == 0 &&
	    signkey_check(sc->pk, h, sizeof h, sig) == 0;
}

/* B of line[0..n), "}" closing it, as a string in sc's scratch buffer. */
static const char *
journal_scan_b(struct journal_scan *sc, const char *line, size_t n,
    size_t *blen)
{
	*blen = n - JOURNAL_SEAL_LEN + 1;
	if (*blen + 1 > sc->bcap) {
		sc->bcap = *blen + 1 > 4096 ? *blen + 1 : 4096;
		free(sc->b);
		sc->b = xmalloc(sc->bcap);
	}
	memcpy(sc->b, line, *blen - 1);
	sc->b[*blen - 1] = '}';
	sc->b[*blen] = '\0';
	return sc->b;
}

/*
 * The JSON of a line whose chain holds: an object without "hash" or "sig"
 * of its own, numbered seq; NULL and *why.
 */
static json_t *
journal_parse_b(const char *b, size_t blen, size_t seq, char **why)
{
	json_t		*obj, *v;
	json_error_t	 err;

	/* Duplicate keys would let two readers see two different lines. */
	obj = json_loadb(b, blen, JSON_REJECT_DUPLICATES, &err);
	if (obj == NULL) {
		*why = xasprintf(_("JSON illisible (octet %d de la ligne)"),
		    err.position);
		return NULL;
	}
	if (!json_is_object(obj)) {
		*why = xstrdup(_("la ligne n'est pas un objet JSON"));
		goto bad;
	}
	if (json_object_get(obj, "hash") != NULL ||
	    json_object_get(obj, "sig") != NULL) {
		*why = xstrdup(_("champ « hash » ou « sig » en double dans la "
		    "ligne"));
		goto bad;
	}
	v = json_object_get(obj, "seq");
	if (!json_is_integer(v)) {
		*why = xstrdup(_("numéro de séquence (seq) absent"));
		goto bad;
	}
	if (json_integer_value(v) < 0 ||
	    (uintmax_t)json_integer_value(v) != seq) {
		*why = xasprintf(_("numéro de séquence %lld au lieu de %zu : "
		    "ligne supprimée, dupliquée ou déplacée"),
		    (long long)json_integer_value(v), seq);
		goto bad;
	}
	return obj;
bad:
	json_decref(obj);
	return NULL;
}

/*
 * Checks line[0..n) (newline excluded), ending at offset end, as line
 * number sc->lines of the chain; on success advances the chain, else *why
 * (allocated).  Signatures are left to the end of the scan but for the
 * blame of a broken chain.  The JSON is read for the header (its key),
 * for every line when the scan keeps them (an open), and for the lines
 * its reader wants; a verification needs no more: the signed chain covers
 * the bytes whatever they say.
 */
static enum journal_check
journal_check_line(struct journal_scan *sc, const char *line, size_t n,
    size_t end, char **why)
{
	unsigned char	 h[JOURNAL_HASH_BYTES], stored[JOURNAL_HASH_BYTES];
	unsigned char	 sig[JOURNAL_SIG_BYTES];
	char		 hex[2 * JOURNAL_HASH_BYTES + 1];
	const char	*seal, *b;
	size_t		 blen;
	json_t		*obj = NULL;
	int		 header = sc->lines == 0, wanted, raw;
	enum journal_check rc = CHECK_BAD;

	if (n > JOURNAL_MAX_LINE) {
		*why = xasprintf(_("ligne trop longue : plus de %d Mio"),
		    JOURNAL_MAX_LINE / (1024 * 1024));
		return CHECK_BAD;
	}
	if (!journal_seal_at(line, n)) {
		*why = xstrdup(_("sceau absent ou mal formé : la ligne ne finit "
		    "pas par ,\"hash\":\"…\",\"sig\":\"…\"}"));
		return CHECK_BAD;
	}
	seal = line + n - JOURNAL_SEAL_LEN;
	journal_hex_decode(seal + 9, stored, JOURNAL_HASH_BYTES);
	journal_hex_decode(seal + 82, sig, JOURNAL_SIG_BYTES);

	/* B is the line up to its seal, closed by "}". */
	journal_chain(sc->head, header ? NULL : sc->sig, line,
	    n - JOURNAL_SEAL_LEN, "}", h);
	if (sodium_memcmp(h, stored, sizeof h) != 0) {
		/* Whose fault: the previous line's signature, or this line? */
		if (!header && signkey_check(sc->pk, sc->head, sizeof sc->head,
		    sc->sig) != 0) {
			*why = xstrdup(_("signature invalide : cette ligne a "
			    "été modifiée, ou n'a pas été écrite par le "
			    "détenteur de la clé"));
			return CHECK_BAD_PREVIOUS;
		}
		sc->vouched = sc->lines;
		*why = xstrdup(_("empreinte (hash) incorrecte : ligne "
		    "modifiée, ou ligne supprimée ou insérée avant elle"));
		return CHECK_BAD;
	}
	wanted = sc->reader != NULL && (sc->reader->wants == NULL ||
	    sc->reader->wants(sc->reader->ctx, line, n));
	/* A raw reader reads its lines itself: no JSON built here. */
	raw = !header && wanted && sc->reader->each_raw != NULL;
	if (header || (!raw && (sc->keep || (wanted &&
	    sc->reader->each != NULL)))) {
		b = journal_scan_b(sc, line, n, &blen);
		if ((obj = journal_parse_b(b, blen, sc->lines, why)) == NULL)
			return CHECK_BAD;
	}
	if (header) {
		if (journal_header_key(obj, sc->pk) == -1) {
			*why = xstrdup(_("en-tête sans clé publique (pubkey) "
			    "valide"));
			goto out;
		}
		sc->have_pk = 1;
		memcpy(sc->head0, h, sizeof h);
	}
	memcpy(sc->head, h, sizeof h);
	memcpy(sc->sig, sig, sizeof sig);
	if (sc->lines == sc->ecap) {
		sc->ecap = sc->ecap ? sc->ecap * 2 : 1024;
		sc->ends = xreallocarray(sc->ends, sc->ecap, sizeof *sc->ends);
		if (sc->keep)
			sc->hs = xreallocarray(sc->hs, sc->ecap,
			    sizeof *sc->hs);
	}
	sc->ends[sc->lines] = end;
	if (sc->keep)
		memcpy(sc->hs[sc->lines], h, sizeof sc->hs[0]);
	if (sc->want_head != NULL && sc->head_line == 0) {
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		if (strncmp(hex, sc->want_head, sc->want_len) == 0)
			sc->head_line = sc->lines + 1;
	}
	sc->lines++;
	rc = CHECK_OK;
	if (obj != NULL && sc->reader != NULL && sc->reader->each != NULL &&
	    sc->reader->each(sc->reader->ctx, sc->j, sc->lines - 1, obj,
	    why) == -1) {
		sc->refused = 1;
		rc = CHECK_BAD;
	}
	if (raw) {
		b = journal_scan_b(sc, line, n, &blen);
		if (sc->reader->each_raw(sc->reader->ctx, sc->j, sc->lines - 1,
		    b, blen, why) == -1) {
			sc->refused = 1;
			rc = CHECK_BAD;
		}
	}
	if (header && sc->keep) {
		sc->header = obj;
		obj = NULL;
	}
out:
	json_decref(obj);
	return rc;
}

/* Keeps only the first k good lines: the others were not good after all. */
static void
journal_scan_cut(struct journal_scan *sc, size_t k)
{
	if (k < sc->lines)
		sc->lines = k;
	if (k > 0 && journal_scan_mark(sc, k, sc->head, sc->sig) == 0)
		sc->good_end = sc->ends[k - 1] + 1;	/* not the last */
	else {
		memset(sc->head, 0, sizeof sc->head);
		sc->good_end = 0;
	}
	if (k == 0) {
		json_decref(sc->header);
		sc->header = NULL;
	}
	if (sc->head_line > k)
		sc->head_line = 0;
}

/*
 * The signature of good line m does not verify: blames the first line
 * whose signature fails, m or one before it.  Anyone can edit a line and
 * recompute the hashes after it; only the signatures, from that line on,
 * then fail, and blaming m would count the edited line as good.  A valid
 * S(k) vouches for lines 1..k, which H(k) covers, so the lines whose
 * signature verifies are a prefix: S(m-1) settles it in one check when
 * one line was altered, else bisection finds its end in log2(m) checks,
 * on the failure path only (each reads its line's seal again).  -1.
 */
static int
journal_scan_blame(struct journal_scan *sc, size_t m)
{
	size_t	 lo = 0, hi = m, mid;	/* S(lo) vouches (or lo is 0); S(hi) fails */

	while (hi - lo > 1) {
		/* The line before first: one altered line is the usual case. */
		mid = hi == m ? hi - 1 : lo + (hi - lo) / 2;
		if (journal_scan_vouches(sc, mid))
			lo = mid;
		else
			hi = mid;
	}
	journal_scan_cut(sc, lo);
	sc->bad_line = hi;
	sc->refused = 0;
	free(sc->why);
	sc->why = xstrdup(hi == 1 ? _("signature invalide : l'en-tête n'est pas "
	    "signé par sa clé publique") : _("signature invalide : cette ligne "
	    "a été modifiée, ou n'a pas été écrite par le détenteur de la "
	    "clé"));
	return -1;
}

/*
 * The line after the good ones failed its check (ck, why): -1.  It is the
 * first bad line only if the last good one's signature verifies: the
 * chain alone does not make the lines before it good (their hashes may
 * have been recomputed), and a check that stopped at the seal, the JSON
 * or the seq never looked at it.  A line its reader refused is good as
 * far as the chain goes: it is blamed only once its own signature holds.
 */
static int
journal_scan_bad(struct journal_scan *sc, enum journal_check ck, char *why)
{
	if (sc->refused) {
		if (signkey_check(sc->pk, sc->head, sizeof sc->head,
		    sc->sig) != 0) {
			free(why);
			return journal_scan_blame(sc, sc->lines);
		}
		sc->bad_line = sc->lines;
		sc->why = why;
		return -1;
	}
	if (ck == CHECK_BAD_PREVIOUS || (sc->lines > 0 &&
	    sc->vouched != sc->lines && signkey_check(sc->pk, sc->head,
	    sizeof sc->head, sc->sig) != 0)) {
		free(why);
		return journal_scan_blame(sc, sc->lines);
	}
	sc->bad_line = sc->lines + 1;
	sc->why = why;
	return -1;
}

/*
 * Checks what sc->src holds: 0 when intact or when only an unterminated
 * tail is torn (sc->torn, its bytes at sc->tail_off), -1 when altered (or
 * refused by the reader: sc->refused); bad_line and why say where and why.
 * good_end is the end of the last good line, its newline included unless
 * sc->newline_lost.  -2 and errno when the file cannot be read.
 */
static int
journal_scan(struct journal_scan *sc)
{
	const char		*p;
	size_t			 n, off, tn;
	char			*why;
	int			 nl, got;
	enum journal_check	 ck;

	memset(sc->head, 0, sizeof sc->head);
	while ((got = journal_src_next(sc->src, &p, &n, &off, &nl)) == 1) {
		why = NULL;
		if (nl) {
			ck = journal_check_line(sc, p, n, off + n, &why);
			if (ck == CHECK_OK) {
				sc->good_end = off + n + 1;
				continue;
			}
			/* A line that ends in a newline was written whole. */
			return journal_scan_bad(sc, ck, why);
		}
		/* An unterminated tail: NUL bytes are lost pages. */
		sc->tail_off = off;
		tn = n;
		while (tn > 0 && p[tn - 1] == '\0')
			tn--;
		if (sc->lines == 0) {
			sc->bad_line = 1;
			sc->why = xstrdup(_("en-tête inachevé : la création de la "
			    "session a été interrompue ; supprimez ce fichier et "
			    "sa clé (keys/…) puis recréez la session"));
			return -1;
		}
		if (tn > 0 && memchr(p, '\0', tn) == NULL) {
			ck = journal_check_line(sc, p, tn, off + tn, &why);
			if (ck == CHECK_OK) {
				/* Written whole, only its newline is missing. */
				sc->newline_lost = 1;
				sc->good_end = off + tn;
				break;
			}
			if (sc->refused)
				return journal_scan_bad(sc, ck, why);
			if (ck != CHECK_BAD_PREVIOUS &&
			    journal_inner_seal(p, tn)) {
				free(why);
				return journal_scan_bad(sc, CHECK_BAD,
				    xstrdup(_("deux lignes collées : une fin de "
				    "ligne a été supprimée")));
			}
			/*
			 * A crash leaves a prefix of the line, or zeros, never
			 * a whole sealed line that fails: the seal only ends a
			 * line.  Its newline removed, an edit is still one.
			 */
			if (ck == CHECK_BAD_PREVIOUS || journal_seal_at(p, tn))
				return journal_scan_bad(sc, ck, why);
			free(why);
		}
		sc->bad_line = sc->lines + 1;
		sc->why = xstrdup(_("sans fin de ligne"));
		sc->torn = 1;
		break;
	}
	if (got == -1)
		return -2;
	if (sc->lines == 0) {
		sc->bad_line = 1;
		sc->why = xstrdup(_("journal vide, sans en-tête : la création "
		    "de la session a été interrompue ; supprimez ce fichier et "
		    "sa clé (keys/…) puis recréez la session"));
		return -1;
	}
	/* The chain covers every byte before it: one signature for all. */
	if (signkey_check(sc->pk, sc->head, sizeof sc->head, sc->sig) != 0) {
		sc->torn = 0;
		sc->newline_lost = 0;
		return journal_scan_blame(sc, sc->lines);
	}
	return 0;
}

static void
journal_scan_release(struct journal_scan *sc)
{
	json_decref(sc->header);
	free(sc->ends);
	free(sc->hs);
	free(sc->b);
	free(sc->why);
	sodium_memzero(sc, sizeof *sc);
}

/* --- file helpers ---------------------------------------------------------- */

/*
 * Reads all of fd, a regular file (checked: a FIFO or a device would hang
 * or never end), at most max bytes; -1 and errno on error (EFBIG past max,
 * EINVAL if not a regular file).
 */
static int
journal_read_fd(int fd, size_t max, char **out, size_t *outlen)
{
	struct stat	 st;
	char		*buf;
	size_t		 len = 0, cap;
	ssize_t		 n;
	int		 saved;

	if (fstat(fd, &st) == -1)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	if ((uintmax_t)st.st_size > max) {
		errno = EFBIG;
		return -1;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				free(buf);
				errno = EFBIG;
				return -1;
			}
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

/*
 * Opens path for reading without following a symbolic link and without
 * blocking on a FIFO; -1 and errno.
 */
static int
journal_open_side(int dirfd, const char *name, int flags)
{
	int	 fd, fl;

	fd = openat(dirfd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return -1;
	/* O_NONBLOCK was for open(2) only. */
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

/* A small side file, read safely; NULL and errno. */
static json_t *
journal_load_side(int dirfd, const char *name)
{
	json_error_t	 err;
	json_t		*o;
	char		*data;
	size_t		 len;
	int		 fd, saved;

	if ((fd = journal_open_side(dirfd, name, O_RDONLY)) == -1)
		return NULL;
	if (journal_read_fd(fd, JOURNAL_SIDE_MAX, &data, &len) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	close(fd);
	o = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	sodium_memzero(data, len);
	free(data);
	if (o == NULL)
		errno = EINVAL;
	return o;
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

static const char *
journal_base_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* A new directory entry survives a crash only once its directory is synced. */
static int
journal_sync_dirfd(int fd)
{
	return fsync(fd);
}

static int
journal_sync_dir(const char *dir)
{
	int	 fd, saved;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (journal_sync_dirfd(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * The session's keys/ directory, opened without following a symbolic link
 * (a planted link would send the secret elsewhere); made 0700 if create.
 * -1 and errno.
 */
static int
journal_keys_dir(const char *path, int create)
{
	char	*dir = journal_dir_of(path), *keys;
	int	 dfd, fd = -1, saved;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd == -1)
		return -1;
	keys = xstrdup("keys");
	if (create && mkdirat(dfd, keys, 0700) == 0)
		(void)journal_sync_dirfd(dfd);
	fd = openat(dfd, keys, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	saved = errno;
	free(keys);
	close(dfd);
	/* O_DIRECTORY|O_NOFOLLOW on a link gives ENOTDIR: say ELOOP. */
	if (fd == -1 && saved == ENOTDIR)
		saved = ELOOP;
	errno = saved;
	return fd;
}

/* "<session file name>.key", the secret file's name inside keys/. */
static char *
journal_secret_name(const char *path)
{
	return xasprintf("%s.key", journal_base_of(path));
}

static char *
journal_secret_path(const char *path)
{
	char	*dir = journal_dir_of(path), *p;

	p = xasprintf("%s/keys/%s.key", dir, journal_base_of(path));
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
	char		 host[256], *text = NULL, *line;

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
	/*
	 * Only the lock holder writes here, never through a file planted at
	 * the temporary name (io/atomic); a note, not worth an fsync.
	 */
	line = xasprintf("%s\n", text);
	if (atomic_write(j->owner_path, line, strlen(line), 0644,
	    ATOMIC_NO_SYNC) == EX_OK)
		j->owner_written = 1;
	free(line);
	free(text);
}

/* "le processus 1234 (…) depuis le …", or a vaguer text; allocated. */
static char *
journal_owner_text(const char *owner_path)
{
	const json_t	*pid, *user, *host, *since;
	json_t		*o;
	json_int_t	 t;
	char		 when[TEXT_TIME_MAX], *text;

	o = journal_load_side(AT_FDCWD, owner_path);
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
	/* Seconds in the file, whatever their size: never an overflow. */
	t = json_integer_value(since);
	if (t < 0 || t > INT64_MAX / 1000)
		snprintf(when, sizeof when, "?");
	else
		text_time(when, (int64_t)t * 1000, TEXT_TIME_DATE);
	text = xasprintf(_("le processus %lld de l'utilisateur %s sur la "
	    "machine %s, depuis le %s"),
	    (long long)json_integer_value(pid), json_string_value(user),
	    json_string_value(host), when);
	json_decref(o);
	return text;
}

/*
 * Takes the lock, waiting up to JOURNAL_LOCK_WAIT_MS for another writer
 * (four `pilote do` at once each get their turn).
 */
static int
journal_lock(struct journal *j, char **cause)
{
	struct timespec	 pause = { 0, 20 * 1000 * 1000 };
	char		*who;
	int		 waited = 0;

	for (;;) {
		if (flock(j->fd, LOCK_EX | LOCK_NB) == 0) {
			journal_write_owner(j);
			return 0;
		}
		if (errno != EWOULDBLOCK || waited >= JOURNAL_LOCK_WAIT_MS)
			break;
		nanosleep(&pause, NULL);
		waited += 20;
	}
	if (errno == EWOULDBLOCK) {
		who = journal_owner_text(j->owner_path);
		*cause = xasprintf(_("%s: session déjà ouverte en écriture par "
		    "%s"), j->path, who);
		free(who);
		journal_fail(EX_TEMPFAIL);
	} else {
		*cause = xasprintf(_("%s: verrouillage impossible : %s"),
		    j->path, journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
	}
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

/* Line j->count, just written: obj (owned), ending at end, its H. */
static void
journal_push(struct journal *j, json_t *obj, size_t end,
    const unsigned char h[JOURNAL_HASH_BYTES])
{
	if (j->count == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		if (j->cache != NULL)
			j->cache = xreallocarray(j->cache, j->cap,
			    sizeof *j->cache);
		j->ends = xreallocarray(j->ends, j->cap, sizeof *j->ends);
		j->hs = xreallocarray(j->hs, j->cap, sizeof *j->hs);
	}
	if (j->count == 0)
		j->header = json_incref(obj);
	if (j->cache != NULL)
		j->cache[j->count] = obj;
	else
		json_decref(obj);
	j->ends[j->count] = end;
	memcpy(j->hs[j->count], h, sizeof j->hs[0]);
	j->count++;
}

static void
journal_set_head(struct journal *j, const unsigned char h[JOURNAL_HASH_BYTES],
    const unsigned char sig[JOURNAL_SIG_BYTES])
{
	memcpy(j->head, h, JOURNAL_HASH_BYTES);
	memcpy(j->last_sig, sig, JOURNAL_SIG_BYTES);
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
	for (i = 0; i < j->count && j->cache != NULL; i++)
		json_decref(j->cache[i]);
	free(j->cache);
	free(j->ends);
	free(j->hs);
	free(j->scratch);
	json_decref(j->header);
	free(j->path);
	free(j->owner_path);
	free(j->failure);
	json_decref(j->secrets);
	if (j->have_key)
		signkey_release(&j->key);
	sodium_memzero(j, sizeof *j);
	free(j);
}

size_t
journal_count(const struct journal *j)
{
	return j->count;
}

/*
 * Line seq read again from the file, with the seal of the line before it:
 * its H, from that line's H and S and its own B, must be the one the open
 * verified, or the file changed since (NULL).
 */
static json_t *
journal_reread(struct journal *j, size_t seq)
{
	unsigned char	 prev[JOURNAL_HASH_BYTES], psig[JOURNAL_SIG_BYTES];
	unsigned char	 h[JOURNAL_HASH_BYTES];
	size_t		 from = j->ends[seq - 1] - JOURNAL_SEAL_LEN;
	size_t		 n = j->ends[seq] - from, bstart = JOURNAL_SEAL_LEN + 1;
	char		*why = NULL;
	json_t		*obj;

	if (n + 1 > j->scratch_cap) {
		j->scratch_cap = n + 1 > 4096 ? n + 1 : 4096;
		free(j->scratch);
		j->scratch = xmalloc(j->scratch_cap);
	}
	if (n < bstart + JOURNAL_SEAL_LEN ||
	    journal_pread(j->fd, j->scratch, n, from) == -1 ||
	    !journal_seal_at(j->scratch, JOURNAL_SEAL_LEN) ||
	    !journal_seal_at(j->scratch, n))
		return NULL;
	journal_hex_decode(j->scratch + 9, prev, JOURNAL_HASH_BYTES);
	journal_hex_decode(j->scratch + 82, psig, JOURNAL_SIG_BYTES);
	journal_chain(prev, psig, j->scratch + bstart,
	    n - bstart - JOURNAL_SEAL_LEN, "}", h);
	if (sodium_memcmp(h, j->hs[seq], sizeof j->hs[seq]) != 0)
		return NULL;
	/* B in place: the "," of its seal becomes the closing "}". */
	j->scratch[n - JOURNAL_SEAL_LEN] = '}';
	obj = journal_parse_b(j->scratch + bstart, n - JOURNAL_SEAL_LEN + 1 -
	    bstart, seq, &why);
	free(why);
	return obj;
}

const json_t *
journal_get(const struct journal *cj, size_t seq)
{
	struct journal	*j = (struct journal *)(uintptr_t)cj;

	if (seq >= j->count)
		return NULL;
	if (seq == 0)
		return j->header;
	if (j->cache == NULL)
		j->cache = xcalloc(j->cap, sizeof *j->cache);
	if (j->cache[seq] == NULL)
		j->cache[seq] = journal_reread(j, seq);
	return j->cache[seq];
}

json_t *
journal_load(const struct journal *cj, size_t seq)
{
	struct journal	*j = (struct journal *)(uintptr_t)cj;

	if (seq >= j->count)
		return NULL;
	if (seq == 0)
		return json_incref(j->header);
	if (j->cache != NULL && j->cache[seq] != NULL)
		return json_incref(j->cache[seq]);
	return journal_reread(j, seq);
}

const char *
journal_head(const struct journal *j)
{
	return j->head_hex;
}

const char *
journal_header_hash(const struct journal *j)
{
	return j->header_hex;
}

const char *
journal_fingerprint(const struct journal *j)
{
	return j->fingerprint;
}

const json_t *
journal_secrets(const struct journal *j)
{
	return j->mode == JOURNAL_WRITE ? j->secrets : NULL;
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
 * The sealed line of obj after (prev, prev_sig), newline included
 * (allocated), with its H and S; NULL and *why (allocated) if it cannot be
 * made.  prev_sig is NULL for the header.
 */
static char *
journal_seal(const json_t *obj, const unsigned char prev[JOURNAL_HASH_BYTES],
    const unsigned char *prev_sig, const struct signkey *key,
    unsigned char h[JOURNAL_HASH_BYTES], unsigned char sig[JOURNAL_SIG_BYTES],
    size_t *lenp, char **why)
{
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
	journal_chain(prev, prev_sig, b, blen, NULL, h);
	signkey_sign(key, h, JOURNAL_HASH_BYTES, sig);

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

/* The secret as bytes from the secret file's object; -1 if malformed. */
static int
journal_secret_from(const json_t *o, unsigned char out[JOURNAL_SECRET_BYTES])
{
	const char	*s = json_string_value(json_object_get(o, "secret"));

	if (s == NULL || strlen(s) != 2 * JOURNAL_SECRET_BYTES ||
	    !journal_is_hex(s, 2 * JOURNAL_SECRET_BYTES))
		return -1;
	journal_hex_decode(s, out, JOURNAL_SECRET_BYTES);
	return 0;
}

/* Writes keys/<name>.key, new (O_EXCL: never over another session's). */
static int
journal_write_secrets(struct journal *j, const json_t *extra, char **cause)
{
	char		 hex[2 * JOURNAL_SECRET_BYTES + 1];
	char		*name = journal_secret_name(j->path), *text = NULL;
	char		*shown = journal_secret_path(j->path), *line = NULL;
	const char	*key;
	json_t		*o, *v;
	int		 dfd, rc = -1, saved;

	randombytes_buf(j->secret, sizeof j->secret);
	sodium_bin2hex(hex, sizeof hex, j->secret, sizeof j->secret);
	o = json_object();
	json_object_foreach((json_t *)(uintptr_t)extra, key, v)
		json_object_set(o, key, v);
	json_object_set_new(o, "secret", json_string(hex));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	if ((dfd = journal_keys_dir(j->path, 1)) == -1) {
		*cause = xasprintf(_("%s: répertoire des clés inutilisable : "
		    "%s"), shown, journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
		goto out;
	}
	/* New, never over another session's key (ATOMIC_NO_REPLACE). */
	line = xasprintf("%s\n", text);
	if (atomic_write_at(dfd, name, line, strlen(line), 0600,
	    ATOMIC_NO_REPLACE) != EX_OK) {
		saved = errno;
		if (saved == EEXIST)
			*cause = xasprintf(_("%s: la clé existe déjà (reste "
			    "d'une session supprimée ?) : déplacez-la ou "
			    "choisissez un autre nom"), shown);
		else {
			*cause = xasprintf(_("%s: écriture de la clé "
			    "impossible : %s"), shown,
			    journal_errno_text(saved));
			/* Made, but its directory entry not synced. */
			(void)unlinkat(dfd, name, 0);
		}
		journal_fail(saved == EEXIST ? EX_CANTCREAT :
		    journal_exit_of(saved));
		goto out;
	}
	j->secrets = o;
	o = NULL;
	rc = 0;
out:
	if (dfd != -1)
		close(dfd);
	json_decref(o);
	if (text != NULL) {
		sodium_memzero(text, strlen(text));
		free(text);
	}
	if (line != NULL) {
		sodium_memzero(line, strlen(line));
		free(line);
	}
	sodium_memzero(hex, sizeof hex);
	free(name);
	free(shown);
	return rc;
}

/* Reads keys/<name>.key; -1 and *cause. */
static int
journal_load_secrets(struct journal *j, char **cause)
{
	char	*name = journal_secret_name(j->path);
	char	*shown = journal_secret_path(j->path);
	int	 dfd, rc = -1, err;

	if ((dfd = journal_keys_dir(j->path, 0)) == -1 ||
	    (j->secrets = journal_load_side(dfd, name)) == NULL) {
		err = errno;
		if (err == ENOENT)
			*cause = xasprintf(_("%s: clé de session introuvable : "
			    "seul l'hôte de la session peut y écrire"), shown);
		else if (err == EINVAL)
			*cause = xasprintf(_("%s: clé de session illisible (un "
			    "fichier ordinaire JSON est attendu)"), shown);
		else
			*cause = xasprintf(_("%s: lecture de la clé impossible : "
			    "%s"), shown, journal_errno_text(err));
		journal_fail(err == EINVAL ? EX_DATAERR : journal_exit_of(err));
		goto out;
	}
	if (journal_secret_from(j->secrets, j->secret) == -1) {
		*cause = xasprintf(_("%s: clé de session mal formée"), shown);
		journal_fail(EX_DATAERR);
		goto out;
	}
	rc = 0;
out:
	if (dfd != -1)
		close(dfd);
	free(name);
	free(shown);
	return rc;
}

/* The trainer's key, which must be the one that signed the header. */
static int
journal_load_signer(struct journal *j, int create, char **cause)
{
	int	 code;
	char	*why = NULL;

	if (signkey_load(&j->key, create, NULL, &why, &code) == -1) {
		*cause = xasprintf(_("%s: %s"), j->path, why);
		free(why);
		journal_fail(code);
		return -1;
	}
	j->have_key = 1;
	if (create)
		return 0;
	if (sodium_memcmp(j->key.pk, j->pk, sizeof j->pk) != 0) {
		/* An unkeyed journal is no session: say "file", not trainer. */
		if (j->keyed)
			*cause = xasprintf(_("%s: cette session est signée par "
			    "la clé %s ; la vôtre (%s, %s) est une autre : seul "
			    "le formateur qui l'a créée peut la continuer"),
			    j->path, j->fingerprint, j->key.fingerprint,
			    j->key.path);
		else
			*cause = xasprintf(_("%s: ce fichier est signé par la "
			    "clé %s ; la vôtre (%s, %s) est une autre : seul le "
			    "compte qui l'a commencé peut y écrire"), j->path,
			    j->fingerprint, j->key.fingerprint, j->key.path);
		journal_fail(EX_NOPERM);
		return -1;
	}
	return 0;
}

/* journal_create(), with a keys/ secret file only when keyed. */
static int
journal_create_as(const char *path, const json_t *header,
    const json_t *secrets, int keyed, struct journal **out, char **cause)
{
	struct journal	*j = NULL;
	unsigned char	 h[JOURNAL_HASH_BYTES], zero[JOURNAL_HASH_BYTES];
	unsigned char	 sig[JOURNAL_SIG_BYTES];
	char		 pkhex[2 * JOURNAL_PK_BYTES + 1];
	char		*dir = NULL, *line = NULL, *why = NULL, *shown;
	json_t		*obj = NULL;
	size_t		 len;
	ssize_t		 n;
	int		 made_file = 0, made_key = 0, rc = -1;

	*out = NULL;
	journal_exit = EX_OK;
	if (journal_init() == -1) {
		*cause = xasprintf(_("%s: libsodium ne s'initialise pas"), path);
		journal_fail(EX_SOFTWARE);
		return -1;
	}
	if ((obj = journal_prepare(header, 0, &why)) == NULL) {
		*cause = xasprintf(_("%s: en-tête refusé : %s"), path, why);
		free(why);
		journal_fail(EX_SOFTWARE);
		return -1;
	}
	j = journal_alloc(path, JOURNAL_WRITE);
	j->keyed = keyed;
	if (journal_load_signer(j, 1, cause) == -1)
		goto out;
	memcpy(j->pk, j->key.pk, sizeof j->pk);
	sodium_bin2hex(pkhex, sizeof pkhex, j->pk, sizeof j->pk);
	json_object_set_new(obj, "pubkey", json_string(pkhex));
	memset(zero, 0, sizeof zero);
	if ((line = journal_seal(obj, zero, NULL, &j->key, h, sig, &len,
	    &why)) == NULL) {
		*cause = xasprintf(_("%s: en-tête refusé : %s"), path, why);
		free(why);
		journal_fail(EX_DATAERR);
		goto out;
	}

	/*
	 * The trainer's alone: every team's decisions are in it, and a class
	 * shares saves/ through a group (a console sees its team's only).
	 */
	j->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (j->fd == -1) {
		if (errno == EEXIST)
			*cause = xasprintf(_("%s: cette session existe déjà"),
			    path);
		else
			*cause = xasprintf(_("%s: création impossible : %s"),
			    path, journal_errno_text(errno));
		journal_fail(errno == EEXIST ? EX_CANTCREAT :
		    journal_exit_of(errno));
		goto out;
	}
	made_file = 1;
	if (journal_lock(j, cause) == -1)
		goto out;

	/* The secret first: a session nobody can host is worth nothing. */
	if (keyed && journal_write_secrets(j, secrets, cause) == -1)
		goto out;
	made_key = keyed;

	do
		n = write(j->fd, line, len);
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)len) {
		*cause = xasprintf(_("%s: écriture de l'en-tête impossible : "
		    "%s"), path, n == -1 ? journal_errno_text(errno) :
		    _("écriture incomplète, disque plein ?"));
		journal_fail(EX_IOERR);
		goto out;
	}
	dir = journal_dir_of(path);
	if (fsync(j->fd) == -1 || journal_sync_dir(dir) == -1) {
		*cause = xasprintf(_("%s: le disque n'a pas confirmé l'écriture "
		    "de l'en-tête : %s"), path, journal_errno_text(errno));
		journal_fail(EX_IOERR);
		goto out;
	}
	j->size = (off_t)len;
	journal_set_head(j, h, sig);
	memcpy(j->header_hex, j->head_hex, sizeof j->header_hex);
	signkey_fingerprint(j->pk, j->fingerprint);
	journal_push(j, obj, len - 1, h);
	obj = NULL;
	*out = j;
	j = NULL;
	rc = 0;
out:
	if (rc == -1 && made_key) {
		shown = journal_secret_path(path);
		unlink(shown);
		free(shown);
	}
	if (rc == -1 && made_file)
		unlink(path);
	journal_close(j);
	json_decref(obj);
	free(line);
	free(dir);
	return rc;
}

int
journal_create(const char *path, const json_t *header, const json_t *secrets,
    struct journal **out, char **cause)
{
	return journal_create_as(path, header, secrets, 1, out, cause);
}

int
journal_create_unkeyed(const char *path, const json_t *header,
    struct journal **out, char **cause)
{
	return journal_create_as(path, header, NULL, 0, out, cause);
}

/*
 * Moves the torn tail to "<path>.torn" (never through a symbolic link),
 * then cuts it from the journal.
 */
static int
journal_set_aside(struct journal *j, const char *tail, size_t n,
    char **cause)
{
	struct stat	 st;
	char		*torn, *dir;
	int		 fd = -1, existed, rc = -1;

	torn = xasprintf("%s.torn", j->path);
	existed = lstat(torn, &st) == 0;
	if (n > 0) {
		fd = open(torn, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC, 0600);
		if (fd == -1 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
		    atomic_write_all(fd, tail, n) == -1 || fsync(fd) == -1) {
			if (fd != -1 && errno == 0)
				errno = EINVAL;
			*cause = xasprintf(_("%s: impossible de mettre la "
			    "dernière ligne de côté dans %s : %s"), j->path,
			    torn, journal_errno_text(errno));
			journal_fail(journal_exit_of(errno));
			goto out;
		}
		dir = journal_dir_of(j->path);
		if (!existed && journal_sync_dir(dir) == -1) {
			*cause = xasprintf(_("%s: impossible de mettre la "
			    "dernière ligne de côté dans %s : %s"), j->path,
			    torn, journal_errno_text(errno));
			journal_fail(journal_exit_of(errno));
			free(dir);
			goto out;
		}
		free(dir);
	}
	/* Only once the tail is safe elsewhere. */
	if (ftruncate(j->fd, j->size) == -1 || fsync(j->fd) == -1) {
		*cause = xasprintf(_("%s: impossible de retirer la dernière "
		    "ligne inachevée : %s"), j->path, journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(torn);
	return rc;
}

/* A whole last line lost its newline (or it turned to NULs): put it back. */
static int
journal_restore_newline(struct journal *j, char **cause)
{
	ssize_t	 n;

	if (ftruncate(j->fd, j->size) == -1) {
		*cause = xasprintf(_("%s: impossible de rétablir la fin de la "
		    "dernière ligne : %s"), j->path, journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
		return -1;
	}
	do
		n = write(j->fd, "\n", 1);
	while (n == -1 && errno == EINTR);
	if (n != 1 || fdatasync(j->fd) == -1) {
		*cause = xasprintf(_("%s: impossible de rétablir la fin de la "
		    "dernière ligne : %s"), j->path, n == 0 ?
		    journal_errno_text(ENOSPC) : journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
		(void)ftruncate(j->fd, j->size);
		return -1;
	}
	j->size++;
	return 0;
}

static void
journal_scan_start(struct journal_scan *sc, struct journal_src *src, int keep,
    struct journal_reader *reader, const struct journal_verify_opts *opts)
{
	memset(sc, 0, sizeof *sc);
	sc->src = src;
	sc->keep = keep;
	sc->reader = reader;
	if (opts != NULL && opts->head != NULL) {
		sc->want_head = opts->head;
		sc->want_len = strlen(opts->head);
	}
}

/* journal_open(), reading keys/ only when keyed. */
static int
journal_open_as(const char *path, enum journal_mode mode, int keyed,
    struct journal_reader *reader, struct journal **out,
    char **warning, char **cause)
{
	struct journal		*j;
	struct journal_scan	 sc;
	struct journal_src	 src;
	struct stat		 st;
	const char		*tail_bytes;
	size_t			 tail;
	int			 flags, rc = -1, scanned;

	*out = NULL;
	*warning = NULL;
	journal_exit = EX_OK;
	journal_src_file(&src, -1);
	journal_scan_start(&sc, &src, 1, reader, NULL);
	if (journal_init() == -1) {
		*cause = xasprintf(_("%s: libsodium ne s'initialise pas"), path);
		journal_fail(EX_SOFTWARE);
		return -1;
	}
	j = journal_alloc(path, mode);
	j->keyed = keyed;
	/* A writer never follows a link: the file is the trainer's. */
	flags = mode == JOURNAL_WRITE ? O_RDWR | O_APPEND | O_NOFOLLOW :
	    O_RDONLY;
	if ((j->fd = open(path, flags | O_NONBLOCK | O_CLOEXEC)) == -1) {
		*cause = xasprintf(_("%s: ouverture impossible : %s"), path,
		    journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
		goto out;
	}
	(void)fcntl(j->fd, F_SETFL, flags & O_APPEND);
	/* Lock before reading: what is read is then what we append to. */
	if (mode == JOURNAL_WRITE && journal_lock(j, cause) == -1)
		goto out;
	/* A FIFO or a device would hang or never end. */
	if (fstat(j->fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf(_("%s: ce n'est pas un fichier ordinaire"),
		    path);
		journal_fail(EX_NOINPUT);
		goto out;
	}
	/* The reader folds with the session's seed: it is needed first. */
	if (mode == JOURNAL_WRITE && keyed &&
	    journal_load_secrets(j, cause) == -1)
		goto out;
	src.fd = j->fd;
	sc.j = j;
	scanned = journal_scan(&sc);
	if (reader != NULL)
		reader->refused = sc.refused;
	if (scanned == -2) {
		*cause = xasprintf(_("%s: lecture impossible : %s"), path,
		    journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
		goto out;
	}
	if (scanned == -1) {
		*cause = xasprintf("%s:%zu: %s", path, sc.bad_line, sc.why);
		journal_fail(EX_DATAERR);
		goto out;
	}
	memcpy(j->pk, sc.pk, sizeof j->pk);
	journal_set_head(j, sc.head, sc.sig);
	sodium_bin2hex(j->header_hex, sizeof j->header_hex, sc.head0,
	    sizeof sc.head0);
	signkey_fingerprint(j->pk, j->fingerprint);
	j->header = sc.header;
	sc.header = NULL;
	j->ends = sc.ends;
	j->hs = sc.hs;
	j->count = j->cap = sc.lines;
	sc.ends = NULL;
	sc.hs = NULL;
	j->size = (off_t)sc.good_end;
	if (mode == JOURNAL_WRITE && journal_load_signer(j, 0, cause) == -1)
		goto out;
	/* The tail is what the scan read last: still in its buffer. */
	tail = src.base + src.fill - sc.good_end;
	tail_bytes = src.buf != NULL && sc.good_end >= src.base ?
	    src.buf + (sc.good_end - src.base) : "";
	if (sc.newline_lost && mode == JOURNAL_WRITE) {
		if (journal_restore_newline(j, cause) == -1)
			goto out;
		*warning = xasprintf(_("%s:%zu: la dernière ligne, complète et "
		    "signée, avait perdu sa fin de ligne%s : rétablie"), path,
		    j->count, tail > 0 ? _(" (octets nuls d'une coupure de "
		    "courant)") : "");
	} else if (sc.newline_lost) {
		*warning = xasprintf(_("%s:%zu: la dernière ligne, complète et "
		    "signée, a perdu sa fin de ligne (coupure de courant ?) : "
		    "elle compte"), path, j->count);
	} else if (sc.torn && mode == JOURNAL_WRITE) {
		if (journal_set_aside(j, tail_bytes, tail, cause) == -1)
			goto out;
		*warning = xasprintf(_("%s:%zu: dernière ligne inachevée (%s) : "
		    "écriture interrompue, jamais confirmée ; mise de côté dans "
		    "%s.torn (%zu octets)"), path, sc.bad_line, sc.why, path,
		    tail);
	} else if (sc.torn)
		*warning = xasprintf(_("%s:%zu: dernière ligne inachevée (%s) : "
		    "écriture interrompue, jamais confirmée ; ignorée"), path,
		    sc.bad_line, sc.why);
	*out = j;
	j = NULL;
	rc = 0;
out:
	journal_scan_release(&sc);
	src.fd = -1;
	journal_src_release(&src);
	journal_close(j);
	return rc;
}

int
journal_open(const char *path, enum journal_mode mode, struct journal **out,
    char **warning, char **cause)
{
	return journal_open_as(path, mode, 1, NULL, out, warning, cause);
}

int
journal_open_reading(const char *path, enum journal_mode mode,
    struct journal_reader *reader, struct journal **out,
    char **warning, char **cause)
{
	return journal_open_as(path, mode, 1, reader, out, warning, cause);
}

int
journal_open_unkeyed(const char *path, enum journal_mode mode,
    struct journal **out, char **warning, char **cause)
{
	return journal_open_as(path, mode, 0, NULL, out, warning, cause);
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
	unsigned char	 h[JOURNAL_HASH_BYTES], sig[JOURNAL_SIG_BYTES];
	struct stat	 st;
	json_t		*obj = NULL;
	char		*line = NULL, *why = NULL;
	size_t		 len;
	ssize_t		 n;
	int		 err, rc = -1;

	journal_exit = EX_OK;
	if (j->mode != JOURNAL_WRITE) {
		*cause = xstrdup(_("décision non enregistrée : journal ouvert "
		    "en lecture seule"));
		journal_fail(EX_SOFTWARE);
		return -1;
	}
	if (j->failure != NULL) {
		*cause = xasprintf(_("décision non enregistrée : le journal a "
		    "subi une erreur d'écriture (%s) ; rouvrez la session pour "
		    "continuer"), j->failure);
		journal_fail(EX_IOERR);
		return -1;
	}
	if ((obj = journal_prepare(event, j->count, &why)) == NULL ||
	    (line = journal_seal(obj, j->head, j->last_sig, &j->key, h, sig,
	    &len, &why)) == NULL) {
		*cause = xasprintf(_("décision non enregistrée : événement "
		    "refusé, %s"), why);
		free(why);
		journal_fail(EX_DATAERR);
		goto out;
	}
	/* Another program wrote here: our chain no longer ends the file. */
	if (fstat(j->fd, &st) == -1 || st.st_size != j->size) {
		*cause = xasprintf(_("décision non enregistrée : %s a été "
		    "modifié par un autre programme ; rouvrez la session"),
		    j->path);
		journal_fail(EX_DATAERR);
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
		journal_fail(journal_exit_of(err));
		goto out;
	}
	if ((size_t)n != len) {
		journal_undo(j, _("écriture incomplète non annulée"));
		*cause = xasprintf(_("décision non enregistrée : écriture "
		    "incomplète (%zd octets sur %zu) : disque plein"), n, len);
		journal_fail(EX_IOERR);
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
		journal_fail(EX_IOERR);
		goto out;
	}
	j->size += (off_t)len;
	journal_set_head(j, h, sig);
	journal_push(j, obj, (size_t)j->size - 1, h);
	obj = NULL;
	rc = 0;
out:
	json_decref(obj);
	free(line);
	return rc;
}

/* --- verification ----------------------------------------------------------- */

/* The report of a finished scan (rc its result). */
static void
journal_report_of(struct journal_scan *sc, int rc, struct journal_report *r)
{
	r->lines = sc->lines;
	r->bad_line = sc->bad_line;
	r->torn_tail = sc->torn;
	r->newline_lost = sc->newline_lost;
	r->refused = sc->refused;
	r->head_line = sc->head_line;
	if (sc->lines > 0)
		sodium_bin2hex(r->head, sizeof r->head, sc->head,
		    JOURNAL_HASH_BYTES);
	if (sc->have_pk) {
		signkey_fingerprint(sc->pk, r->fingerprint);
		sodium_bin2hex(r->header_hash, sizeof r->header_hash,
		    sc->head0, JOURNAL_HASH_BYTES);
	}
	if (rc == -1)
		r->message = xstrdup(sc->why);
	else if (sc->torn)
		r->message = xasprintf(_("dernière ligne inachevée (%s) : "
		    "écriture interrompue, jamais confirmée ; elle ne compte "
		    "pas"), sc->why);
	else if (sc->newline_lost)
		r->message = xstrdup(_("la dernière ligne, complète et signée, "
		    "a perdu sa fin de ligne (coupure de courant ?) : elle "
		    "compte"));
}

int
journal_verify_buffer(const char *data, size_t len,
    const struct journal_verify_opts *opts, struct journal_report *r)
{
	struct journal_scan	 sc;
	struct journal_src	 src;
	int			 rc;

	memset(r, 0, sizeof *r);
	if (journal_init() == -1) {
		r->message = xstrdup(_("libsodium ne s'initialise pas"));
		return -1;
	}
	journal_src_buffer(&src, data, len);
	journal_scan_start(&sc, &src, 0, NULL, opts);
	rc = journal_scan(&sc);
	journal_report_of(&sc, rc, r);
	journal_scan_release(&sc);
	return rc;
}

int
journal_verify_reading(const char *path, const struct journal_verify_opts *opts,
    struct journal_reader *reader, struct journal_report *r)
{
	struct journal_scan	 sc;
	struct journal_src	 src;
	struct stat		 st;
	int			 fd, rc;

	memset(r, 0, sizeof *r);
	journal_exit = EX_OK;
	if (journal_init() == -1) {
		r->message = xstrdup(_("libsodium ne s'initialise pas"));
		journal_fail(EX_SOFTWARE);
		return -2;
	}
	/* O_NONBLOCK: a FIFO must not hang us; it is refused just below. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		if (fd != -1 && errno == 0)
			errno = EINVAL;
		r->message = fd != -1 ? xstrdup(_("ce n'est pas un fichier "
		    "ordinaire")) : xasprintf(_("lecture impossible : %s"),
		    journal_errno_text(errno));
		journal_fail(fd != -1 ? EX_NOINPUT : journal_exit_of(errno));
		if (fd != -1)
			close(fd);
		return -2;
	}
	journal_src_file(&src, fd);
	journal_scan_start(&sc, &src, 0, reader, opts);
	rc = journal_scan(&sc);
	if (reader != NULL)
		reader->refused = sc.refused;
	if (rc == -2) {
		r->message = xasprintf(_("lecture impossible : %s"),
		    journal_errno_text(errno));
		journal_fail(journal_exit_of(errno));
	} else {
		journal_report_of(&sc, rc, r);
		if (rc == -1)
			journal_fail(EX_DATAERR);
	}
	journal_scan_release(&sc);
	src.fd = -1;
	journal_src_release(&src);
	close(fd);
	return rc;
}

int
journal_verify_file(const char *path, const struct journal_verify_opts *opts,
    struct journal_report *r)
{
	return journal_verify_reading(path, opts, NULL, r);
}

void
journal_report_release(struct journal_report *r)
{
	free(r->message);
	memset(r, 0, sizeof *r);
}

/* Derives a code from the session secret and a context. */
static void
journal_code_of(const unsigned char secret[JOURNAL_SECRET_BYTES],
    const char *context, char out[9])
{
	/* No 0/O, 1/I/L: codes are read aloud and typed by hand. */
	static const char	 alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	unsigned char		 h[16];
	int			 i;

	crypto_generichash(h, sizeof h, (const unsigned char *)context,
	    strlen(context), secret, JOURNAL_SECRET_BYTES);
	for (i = 0; i < 8; i++)
		out[i] = alphabet[h[i] % (sizeof alphabet - 1)];
	out[8] = '\0';
}

int
journal_derive_code(const struct journal *j, const char *context,
    char out[9])
{
	/* Unkeyed, the secret is all zeros: no code may come from it. */
	if (j->mode != JOURNAL_WRITE || !j->keyed)
		return -1;
	journal_code_of(j->secret, context, out);
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
	/* The session must be intact before its codes mean anything. */
	if (journal_open(path, JOURNAL_READ, &j, &warning, cause) == -1)
		return -1;
	free(warning);
	rc = journal_load_secrets(j, cause);
	if (rc == 0)
		journal_code_of(j->secret, context, out);
	journal_close(j);
	return rc;
}
