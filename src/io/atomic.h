/*
 * atomic: the one way pilote replaces a file (exports, drafts, the host's
 * code generations, the journal's owner file, the interface state).
 *
 * Invariant: at every moment the path holds either its old content or the
 * whole new one, never a part.  The new content goes to a temporary file
 * created beside the target (same directory, so rename() is atomic) with
 * O_EXCL — a planted file or link at that name is never followed —, is
 * written whole, fsync()ed, renamed over the target, and the directory is
 * fsync()ed so the rename survives a power cut (research/reliability.md).
 * On any failure the temporary file is removed and the target untouched.
 */
#ifndef PILOTE_ATOMIC_H
#define PILOTE_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Replaces path by len bytes of data, with the given mode.  Returns 0, or -1
 * with errno saying why (ENOSPC: disk full).
 */
int	atomic_write(const char *path, const void *data, size_t len,
	    mode_t mode);

/* fsync()s the directory holding path (EINVAL from filesystems that cannot
 * is not an error); -1 with errno otherwise. */
int	atomic_sync_parent(const char *path);

#endif
