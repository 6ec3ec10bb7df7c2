/*
 * replay: `pilote replay SESSION`, the evaluators' read-only player of a
 * session.  Checks the journal's integrity first (an altered journal is
 * refused), then steps through the events, shows a team's state as it was
 * at the selected event, a timeline of incidents and status points, and
 * lets the evaluator mark the E3 criteria (io/marks.h, beside the session):
 * read-only screens on the app's loop (tui/app.h, a mode of its own).
 */
#ifndef PILOTE_REPLAY_H
#define PILOTE_REPLAY_H

/* Runs the player; returns a sysexits.h code (65 if altered). */
int	replay_run(const char *path);

#endif
