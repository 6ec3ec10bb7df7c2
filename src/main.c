/*
 * main: the pilote command line.  The only file that sees every layer: it
 * parses arguments, sets up the locale and translations, and hands over to
 * one subcommand.  Exit codes follow sysexits.h (see pilote(1)).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/*
	 * Texts are UTF-8 French; a C or POSIX locale would make ncursesw
	 * and gettext mangle accents.  Fall back to C.UTF-8, present on every
	 * Debian machine, for the character type only.
	 */
	if (strcmp(setlocale(LC_CTYPE, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_CTYPE, NULL), "POSIX") == 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	bindtextdomain("pilote", LOCALEDIR);
	bind_textdomain_codeset("pilote", "UTF-8");
	textdomain("pilote");
	return cli_main(argc, argv);
}
