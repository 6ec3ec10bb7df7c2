/*
 * slips: the printable access slips (slips.h).
 */
#include <stdio.h>
#include <string.h>

#include "io/slips.h"
#include "util/i18n.h"

static const char slips_css[] =
    "body{font-family:sans-serif;margin:0;color:#111}"
    ".slip{border-bottom:1px dashed #555;padding:6mm 8mm;"
    "break-inside:avoid;page-break-inside:avoid}"
    ".slip h2{margin:0 0 2mm;font-size:14pt}"
    ".code{font:bold 20pt monospace;letter-spacing:1mm}"
    "pre{background:#f3f3f3;padding:2mm;margin:1mm 0;font-size:10pt;"
    "white-space:pre-wrap}"
    ".cut{font-size:8pt;color:#555}"
    "@page{size:A4;margin:10mm}";

/* HTML text: the five characters that could open markup or an attribute. */
static void
slips_esc(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
}

/* A name quoted for a POSIX shell: 'Léa Martin', ' as '\''. */
static void
slips_shell(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else {
			char one[2] = { *s, '\0' };

			slips_esc(f, one);
		}
	}
	fputc('\'', f);
}

static void
slips_commands(FILE *f, const char *session, const char *ssh,
    const char *team, const char *as)
{
	fputs("<pre>", f);
	if (ssh != NULL) {
		fputs("ssh ", f);
		slips_esc(f, ssh);
		fputc('\n', f);
	}
	fputs("pilote join ", f);
	slips_shell(f, session);
	fputs(" --team ", f);
	slips_shell(f, team);
	fputs(" --as ", f);
	if (as != NULL)
		slips_shell(f, as);
	else
		fputs(_("'Prénom Nom'"), f);
	fputs("</pre>\n", f);
}

static void
slips_code(FILE *f, const char *code)
{
	fprintf(f, "<p>%s <span class=\"code\">%.4s-%.4s</span></p>\n",
	    _("Code d'accès :"), code, strlen(code) > 4 ? code + 4 : "");
}

int
slips_html(FILE *f, const struct game *g, const struct joincodes *c,
    const char *session, const char *ssh)
{
	const struct team	*t;
	int			 i, k;

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta "
	    "charset=\"utf-8\"><title>%s</title><style>%s</style></head>"
	    "<body>\n", _("Codes d'accès"), slips_css);
	for (i = 0; i < g->nteams; i++) {
		t = &g->teams[i];
		fputs("<section class=\"slip\"><h2>", f);
		fputs(_("Équipe "), f);
		slips_esc(f, t->name);
		fprintf(f, " — %s</h2>\n", _("console partagée"));
		slips_code(f, c->team[i]);
		fprintf(f, "<p>%s ", _("Candidats :"));
		for (k = 0; k < t->ncandidates; k++) {
			if (k > 0)
				fputs(", ", f);
			slips_esc(f, t->candidates[k].name);
		}
		fprintf(f, "</p>\n<p>%s</p>\n", _("Sur le poste de l'équipe, "
		    "tapez (--as : le nom de qui agit) :"));
		slips_commands(f, session, ssh, t->name, NULL);
		fprintf(f, "<p class=\"cut\">✂ %s</p></section>\n",
		    _("à découper"));
		for (k = 0; k < t->ncandidates; k++) {
			fputs("<section class=\"slip\"><h2>", f);
			slips_esc(f, t->candidates[k].name);
			fputs(" — ", f);
			fputs(_("équipe "), f);
			slips_esc(f, t->name);
			fputs("</h2>\n", f);
			slips_code(f, c->personal[i][k]);
			fprintf(f, "<p>%s</p>\n", _("Votre code personnel : "
			    "ne le montrez à personne, votre console n'agit "
			    "qu'en votre nom. Tapez :"));
			slips_commands(f, session, ssh, t->name,
			    t->candidates[k].name);
			fprintf(f, "<p class=\"cut\">✂ %s</p></section>\n",
			    _("à découper"));
		}
	}
	fputs("</body></html>\n", f);
	return ferror(f) ? -1 : 0;
}
