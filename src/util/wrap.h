/*
 * wrap: cuts UTF-8 text into lines that fit a number of terminal columns,
 * measuring characters by display width (wcwidth), never by bytes, and
 * breaking at spaces when it can.  Needs an UTF-8 LC_CTYPE.
 */
#ifndef PILOTE_WRAP_H
#define PILOTE_WRAP_H

#include <stddef.h>

/*
 * The next line of s (which holds no newline) for width columns: *len bytes
 * to show, *next bytes to skip to the start of the following line (>= 1
 * unless s is empty).
 */
void	wrap_next(const char *s, int width, size_t *len, size_t *next);
/* Display width of the first n bytes of s. */
int	wrap_width(const char *s, size_t n);
/*
 * s cut or padded with spaces to exactly width columns (left-aligned, or
 * right-aligned when right), into out of size n; returns out.
 */
char	*wrap_pad(char *out, size_t n, const char *s, int width, int right);

#endif
