/*
 * atomic: the one way pilote writes a whole file (exports, the trainer's
 * key, a session's secret file, the host's code generations, the lock
 * owner's note, the screen state, status point drafts).
 *
 * A reader sees either the old file or the new one, never a half: the
 * bytes go to a temporary file beside the target (same directory, hence
 * same filesystem), created new with O_CREAT|O_EXCL|O_NOFOLLOW (a file
 * or a link planted at its name is never written through), written in
 * full, fsync'd, then renamed over the target; the directory is fsync'd
 * last, so that the new name survives a crash (reliability.md §1.1: rename
 * promises atomicity, not durability).  On every failure the temporary
 * file is removed and the target is left as it was.
 *
 * The temporary name is "<name>.tmp.<pid>.<n>": two processes writing the
 * same target never share one.  A crash between its creation and the
 * rename may leave one behind; nothing reads it.
 */
#ifndef PILOTE_ATOMIC_H
#define PILOTE_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Publish with link(2) instead of rename(2): the target is created, never
 * replaced; if it exists the write fails with EEXIST (EX_CANTCREAT) and
 * the existing file is untouched (a key another process just made).
 */
#define ATOMIC_NO_REPLACE	0x1
/*
 * No fsync, of the file or the directory: readers still see the old or
 * the new file, but a power cut may lose the new one.  Only for state that
 * costs nothing to lose and is written at every key (the screen state).
 */
#define ATOMIC_NO_SYNC		0x2

/*
 * Writes len bytes of data as the file path, whose mode is exactly mode
 * (whatever the umask).  Returns EX_OK (0), or a sysexits code
 * (atomic_exit_of) with errno saying why.
 */
int		 atomic_write(const char *path, const void *data, size_t len,
		    mode_t mode, int flags);
/* The same for name inside the open directory dirfd (not closed). */
int		 atomic_write_at(int dirfd, const char *name, const void *data,
		    size_t len, mode_t mode, int flags);
/*
 * write(2) until all n bytes are written (EINTR retried, a write of 0 is
 * ENOSPC): 0, or -1 and errno.  Not atomic by itself: the step every
 * writer of a whole buffer shares (here, and the journal's torn tail).
 */
int		 atomic_write_all(int fd, const void *data, size_t n);
/*
 * The sysexits code of a failed file write: EX_CANTCREAT when the target
 * cannot be made (exists under ATOMIC_NO_REPLACE, no such directory),
 * EX_NOPERM when permission is refused (or a link was planted), EX_IOERR
 * otherwise (disk full, read-only filesystem, I/O error).
 */
int		 atomic_exit_of(int err);

#endif
