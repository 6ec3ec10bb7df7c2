/*
 * libFuzzer harness for the journal verifier: any bytes must give a report
 * that keeps its invariants, never a crash, a leak or undefined behaviour.
 *
 * Random bytes almost never carry a correct hash and signature, so each
 * input is checked twice: as it is, then resealed.  Resealing gives every
 * line (up to RESEAL_MAX) a correct seal made with a fixed test key, in
 * place of its own seal or of its last byte, chained as the format says
 * (Hn = BLAKE2b-256(Hn-1 ‖ Sn-1 ‖ Bn)), and puts that key in place of the
 * header's "pubkey"; mutations then reach the checks behind the seal
 * (JSON, seq, pubkey, torn tails, lost newlines).
 *
 * The oracle, from the rules of journal.h: an altered journal names its
 * first bad line, every line before it good and no other; only an input
 * that does not end in a newline can have a torn tail or a lost newline;
 * an intact one ends in a newline unless its last line lost it; and the
 * good lines alone (given back their newline) verify as an intact journal
 * with the same head, which opts.head then finds at the last good line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "io/journal.h"

#define SEAL_LEN	212	/* ,"hash":"<64>","sig":"<128>"} */
#define RESEAL_MAX	64

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned char	 pk[32], sk[64];
static char		 pkhex[65];

static int
is_hex(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static int
has_seal(const char *line, size_t n)
{
	const char	*s = line + n - SEAL_LEN;

	return n >= SEAL_LEN && memcmp(s, ",\"hash\":\"", 9) == 0 &&
	    is_hex(s + 9, 64) && memcmp(s + 73, "\",\"sig\":\"", 9) == 0 &&
	    is_hex(s + 82, 128) && memcmp(s + 210, "\"}", 2) == 0;
}

/* The input with every line sealed by the test key; allocated. */
static char *
reseal(const char *data, size_t len, size_t *outlen)
{
	crypto_generichash_state	 st;
	unsigned char			 prev[32], prev_sig[64], h[32], sig[64];
	const char			*p = data, *end = data + len, *nl;
	char				*out, *o, *key;
	size_t				 n, keep, lines = 0;

	out = malloc(len + (RESEAL_MAX + 1) * (SEAL_LEN + 1) + 1);
	if (out == NULL)
		abort();
	o = out;
	memset(prev, 0, sizeof prev);
	while (p < end && lines++ < RESEAL_MAX) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		keep = has_seal(p, n) ? n - SEAL_LEN : n > 0 ? n - 1 : 0;
		memcpy(o, p, keep);
		if (lines == 1 && (key = memmem(o, keep, "\"pubkey\":\"", 10))
		    != NULL && (size_t)(key - o) + 10 + 64 <= keep)
			memcpy(key + 10, pkhex, 64);
		crypto_generichash_init(&st, NULL, 0, 32);
		crypto_generichash_update(&st, prev, 32);
		if (lines > 1)	/* the header has no previous signature */
			crypto_generichash_update(&st, prev_sig, 64);
		crypto_generichash_update(&st, (unsigned char *)o, keep);
		crypto_generichash_update(&st, (const unsigned char *)"}", 1);
		crypto_generichash_final(&st, h, 32);
		crypto_sign_detached(sig, NULL, h, 32, sk);
		memcpy(prev, h, 32);
		memcpy(prev_sig, sig, 64);
		o += keep;
		memcpy(o, ",\"hash\":\"", 9);
		sodium_bin2hex(o + 9, 65, h, 32);
		memcpy(o + 73, "\",\"sig\":\"", 9);
		sodium_bin2hex(o + 82, 129, sig, 64);
		memcpy(o + 210, "\"}", 2);
		o += SEAL_LEN;
		if (nl != NULL)
			*o++ = '\n';
		p = nl != NULL ? nl + 1 : end;
	}
	*outlen = (size_t)(o - out);
	return out;
}

static void
check(const char *data, size_t len)
{
	struct journal_verify_opts	 opts;
	struct journal_report		 r, again;
	size_t				 good = 0, seen = 0;
	char				*copy;
	int				 rc, ends_nl = len > 0 && data[len - 1] == '\n';

	rc = journal_verify_buffer(data, len, NULL, &r);
	if (rc != 0 && rc != -1)
		abort();
	if (r.lines > 0 && (strlen(r.head) != 64 || strlen(r.fingerprint) != 19))
		abort();
	if (r.head_line != 0)		/* not asked */
		abort();
	/* Altered: the first bad line, and exactly the lines before it good. */
	if (rc == -1 && (r.bad_line < 1 || r.lines + 1 != r.bad_line ||
	    r.message == NULL || r.torn_tail || r.newline_lost))
		abort();
	/* Only an unterminated tail is torn, or lost its newline. */
	if ((r.torn_tail || r.newline_lost) && ends_nl)
		abort();
	if (r.torn_tail && (r.newline_lost || r.bad_line != r.lines + 1 ||
	    r.message == NULL || r.lines == 0))
		abort();
	if (rc == 0 && !r.torn_tail && (r.bad_line != 0 || r.lines == 0 ||
	    (r.message == NULL) != !r.newline_lost || ends_nl == r.newline_lost))
		abort();
	/*
	 * The good lines alone, the last one given back a lost newline, are
	 * an intact journal with the same head, found at their last line.
	 */
	if (r.lines > 0) {
		while (seen < r.lines) {
			const char *nl = memchr(data + good, '\n', len - good);

			if (nl == NULL) {
				if (!r.newline_lost || seen + 1 != r.lines)
					abort();
				good = len;
				while (good > 0 && data[good - 1] == '\0')
					good--;
			} else
				good = (size_t)(nl - data) + 1;
			seen++;
		}
		if ((copy = malloc(good + 1)) == NULL)
			abort();
		memcpy(copy, data, good);
		if (r.newline_lost)
			copy[good++] = '\n';
		memset(&opts, 0, sizeof opts);
		opts.head = r.head;
		if (journal_verify_buffer(copy, good, &opts, &again) != 0 ||
		    again.bad_line != 0 || again.lines != r.lines ||
		    again.torn_tail || again.newline_lost ||
		    again.head_line != r.lines ||
		    strcmp(again.head, r.head) != 0 ||
		    strcmp(again.fingerprint, r.fingerprint) != 0)
			abort();
		journal_report_release(&again);
		free(copy);
	}
	journal_report_release(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	unsigned char	 seed[32];
	char		*sealed;
	size_t		 len;

	if (!ready) {
		if (sodium_init() < 0)
			abort();
		memset(seed, 0x5a, sizeof seed);
		crypto_sign_seed_keypair(pk, sk, seed);
		sodium_bin2hex(pkhex, sizeof pkhex, pk, sizeof pk);
		ready = 1;
	}
	check((const char *)data, size);
	sealed = reseal((const char *)data, size, &len);
	check(sealed, len);
	free(sealed);
	return 0;
}
