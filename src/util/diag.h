/*
 * diag: a list of diagnostics (errors and warnings) about input files, kept
 * in memory so that a checker can report every problem, not only the first.
 * Each diagnostic names a file and a 1-based line, compiler style; line 0
 * means "the file as a whole".  The list owns its strings.
 */
#ifndef PILOTE_DIAG_H
#define PILOTE_DIAG_H

#include <stdarg.h>
#include <stddef.h>

enum diag_severity {
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag_item {
	enum diag_severity	 severity;
	char			*file;
	int			 line;
	char			*message;
	size_t			 order;		/* insertion order, for stable sorting */
	size_t			 file_rank;	/* set by diag_sort */
};

struct diag {
	struct diag_item	*items;
	size_t			 count;
	size_t			 capacity;
	size_t			 errors;
	size_t			 warnings;
};

void	diag_init(struct diag *);
void	diag_release(struct diag *);
void	diag_add(struct diag *, enum diag_severity, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	diag_addv(struct diag *, enum diag_severity, const char *file, int line,
	    const char *fmt, va_list) __attribute__((format(printf, 5, 0)));
void	diag_sort(struct diag *);
/* "file:line: error: message" (no newline); the caller frees it. */
char	*diag_format(const struct diag_item *);

#endif
