/*
 * report: the jury's HTML report of a session ("pilote export report").
 *
 * One self-contained HTML5 file (inline CSS and SVG, no script, no external
 * resource, print-friendly), jury first: page 1 is the class summary (every
 * team's scores and E3 levels); then per team its framing decisions with
 * their reasons, its retro-planning as an SVG Gantt (plan against actual,
 * names and deadlines), its budget curves
 * (forecast, committed and actual totals at the opening of piloting and at
 * each week's close, obtained by replaying the journal up to those events),
 * the incident timeline, the status points with their texts, the results,
 * the E3 indicators with their evidence and the evaluators' marks; the
 * brief and every event of the journal (anchors e-N, where every evidence
 * number links) as annexes.
 *
 * The output is a pure function of the journal and its marks file: no clock
 * is read, times are printed in local time with their zone (as the replay
 * shows them), so the same journal in the same time zone gives the same
 * bytes.  An altered journal is refused (-1 and *cause).
 */
#ifndef PILOTE_REPORT_H
#define PILOTE_REPORT_H

#include <stdio.h>

/* Writes the report of the session at session_path to out; 0, or -1 and
 * *cause (French, allocated). */
int	report_html(const char *session_path, FILE *out, char **cause);
/* The brief as a printable handout (HTML, a section per A4 page); 0, or
 * -1 if it could not be written. */
struct scenario;
int	report_brief_page(const struct scenario *, FILE *out);
/* The jury's E3 grid, one printable page per candidate (HTML); the same
 * contract. */
int	report_grid(const char *session_path, FILE *out, char **cause);

#endif
