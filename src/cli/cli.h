/*
 * cli: subcommand dispatch and the subcommands themselves (check, brief,
 * play).  Each subcommand returns a sysexits.h code and prints its own
 * --help.  Output for the user goes to stdout, diagnostics to stderr.
 */
#ifndef PILOTE_CLI_H
#define PILOTE_CLI_H

#define PILOTE_VERSION	"0.1.0"
#define PILOTE_DEFAULT_SCENARIO	"scenarios/lancement-hydra.cfg"

/*
 * A scenario named on the command line: a path as given when it is a file
 * (or looks like one), else NAME looked for as scenarios/NAME.cfg here,
 * then in the installed PILOTE_DATADIR/scenarios/.  Allocated.
 */
char	*cli_scenario_path(const char *arg);

#include <stdio.h>

/*
 * Text printed for a terminal by pilote show and pilote brief: written to
 * out (an in-memory stream), then cli_terminal_close() sends it to stdout
 * through text_sanitize(), so a text that did not come through the text
 * rule (a journal older than it) shows its controls ("␛") instead of
 * driving the terminal.  Lines and tabs are kept.
 */
struct cli_terminal {
	FILE	*out;
	char	*buf;
	size_t	 len;
};

void	cli_terminal_open(struct cli_terminal *);
/* Flushes what was written to stdout; 0, or -1 if stdout failed. */
int	cli_terminal_close(struct cli_terminal *);

int	cli_main(int argc, char **argv);
int	cli_check(int argc, char **argv);
int	cli_brief(int argc, char **argv);
int	cli_list(int argc, char **argv);
int	cli_play(int argc, char **argv);
int	cli_new(int argc, char **argv);
int	cli_do(int argc, char **argv);
int	cli_show(int argc, char **argv);
int	cli_verify(int argc, char **argv);
int	cli_simulate(int argc, char **argv);
int	cli_host(int argc, char **argv);
int	cli_join(int argc, char **argv);
/* "pilote export report": argv[0] is "report" (cli/export_report.c). */
int	report_export(int argc, char **argv);
int	cli_replay(int argc, char **argv);
int	cli_mark(int argc, char **argv);
int	cli_export(int argc, char **argv);
int	cli_codes(int argc, char **argv);

#endif
