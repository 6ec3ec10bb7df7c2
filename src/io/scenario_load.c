/*
 * scenario_load: libconfig → struct scenario (see scenario_load.h).
 *
 * The loader checks form: every setting's presence, type, range and
 * keyword, unknown settings (warned, with the nearest known name), duplicated
 * identifiers and references to items that do not exist.  Meaning across
 * items (dependency cycles, feasibility, weights) is core/scenario_check's
 * job, run afterwards on the model.  libconfig 1.5 traps are handled here and
 * in source.c: 64-bit values read as 0 by config_setting_lookup_int, so every
 * integer is read through loader_int(), which looks at the setting's type.
 */
#include <libconfig.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/scenario.h"
#include "core/scenario_check.h"
#include "io/scenario_load.h"
#include "io/source.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define COUNT(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define EURO		100	/* cents */

struct loader {
	struct diag		*diag;
	struct source		*src;
	struct scenario		*s;
	/* Identifiers gathered before the items that reference them. */
	char			**package_ids;
	int			 npackage_ids;
	char			**incident_ids;
	int			 nincident_ids;
	char			 name[96];	/* loader_name()'s answer */
	struct loader_bad {		/* sections that reported an error */
		bool	 header, budget, objectives, skills, staff, roles;
		bool	 tools, packages, suppliers, incidents, points;
		bool	 scoring, weeks;
	}			 bad;
	size_t			 text_errors;	/* texts refused for their form */
};

/* --- locations and messages --- */

static struct srcloc
loader_loc(const struct loader *ld, const config_setting_t *at)
{
	struct srcloc	 loc;
	int		 line = at != NULL ? config_setting_source_line(at) : 1;

	if (line < 1)
		line = 1;
	loc.file = source_file_index(ld->src, line);
	source_locate(ld->src, line, &loc.line);
	return loc;
}

static void loader_report(struct loader *, enum diag_severity,
    const config_setting_t *, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static void
loader_report(struct loader *ld, enum diag_severity sev,
    const config_setting_t *at, const char *fmt, ...)
{
	struct srcloc	 loc = loader_loc(ld, at);
	va_list		 ap;

	va_start(ap, fmt);
	diag_addv(ld->diag, sev, ld->src->files[loc.file], loc.line, fmt, ap);
	va_end(ap);
}

#define loader_error(ld, at, ...)	loader_report(ld, DIAG_ERROR, at, __VA_ARGS__)
#define loader_warning(ld, at, ...)	loader_report(ld, DIAG_WARNING, at, __VA_ARGS__)

/*
 * The setting's name for a message; an element of an array or list has
 * none, so it is named by its place: « contraintes n°2 ».
 */
static const char *
loader_name(struct loader *ld, const config_setting_t *m)
{
	const config_setting_t	*up = config_setting_parent(m);
	const char		*name = config_setting_name(m);

	if (name != NULL)
		return name;
	snprintf(ld->name, sizeof ld->name, _("%s n°%d"),
	    up != NULL && config_setting_name(up) != NULL ?
	    config_setting_name(up) : _("élément"),
	    config_setting_index(m) + 1);
	return ld->name;
}

/* Warns about each setting of group that is not in known[]. */
static void
loader_keys(struct loader *ld, const config_setting_t *group,
    const char *const *known, int nknown, const char *ctx)
{
	const config_setting_t	*child;
	const char		*name, *near;
	int			 i, k;

	if (group == NULL || !config_setting_is_group(group))
		return;
	for (i = 0; i < config_setting_length(group); i++) {
		child = config_setting_get_elem(group, (unsigned)i);
		if ((name = config_setting_name(child)) == NULL)
			continue;
		for (k = 0; k < nknown; k++)
			if (strcmp(name, known[k]) == 0)
				break;
		if (k < nknown)
			continue;
		near = text_nearest(name, known, (size_t)nknown);
		if (near != NULL)
			loader_warning(ld, child, _("réglage inconnu « %s » "
			    "dans %s, ignoré : vouliez-vous dire « %s » ?"),
			    name, ctx, near);
		else
			loader_warning(ld, child, _("réglage inconnu « %s » "
			    "dans %s, ignoré"), name, ctx);
	}
}

static const char *
loader_type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP:
		return _("un groupe { … }");
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return _("un entier");
	case CONFIG_TYPE_FLOAT:
		return _("un nombre décimal");
	case CONFIG_TYPE_STRING:
		return _("un texte");
	case CONFIG_TYPE_BOOL:
		return _("un booléen");
	case CONFIG_TYPE_ARRAY:
		return _("un tableau [ … ]");
	case CONFIG_TYPE_LIST:
		return _("une liste ( … )");
	default:
		return _("une valeur");
	}
}

/* The child named name, or NULL; complains when required and absent. */
static config_setting_t *
loader_member(struct loader *ld, const config_setting_t *group,
    const char *name, bool required, const char *ctx)
{
	config_setting_t	*m;

	if (group == NULL)
		return NULL;
	m = config_setting_get_member(group, name);
	if (m == NULL && required)
		loader_error(ld, group, _("réglage « %s » manquant dans %s"),
		    name, ctx);
	return m;
}

static bool
loader_expect(struct loader *ld, const config_setting_t *m, int type,
    const char *ctx)
{
	int	 t = config_setting_type(m);

	if (t == type || (type == CONFIG_TYPE_INT && t == CONFIG_TYPE_INT64))
		return true;
	if (type == CONFIG_TYPE_INT && t == CONFIG_TYPE_FLOAT)
		loader_error(ld, m, _("« %s » (%s) doit être un entier, sans "
		    "décimales"), loader_name(ld, m), ctx);
	else
		loader_error(ld, m, _("« %s » (%s) doit être %s, pas %s"),
		    loader_name(ld, m), ctx,
		    loader_type_name(type), loader_type_name(t));
	return false;
}

/* --- typed getters: each returns false when it reported a problem --- */

/*
 * A string setting: the text rule (util/text.h) first, one line unless
 * prose.  The file was checked to be UTF-8, but an escape ("\xe9",
 * "\x1b") puts any byte in a string.
 */
static bool
loader_text_value(struct loader *ld, const config_setting_t *m, int maxlen,
    bool nonempty, bool prose, char **out, const char *ctx)
{
	const char	*v;
	char		*why;
	size_t		 n;

	if (!loader_expect(ld, m, CONFIG_TYPE_STRING, ctx))
		return false;
	v = config_setting_get_string(m);
	if ((why = text_check(v, prose)) != NULL) {
		loader_error(ld, m, _("« %s » (%s) : %s"),
		    loader_name(ld, m), ctx, why);
		free(why);
		return false;
	}
	if (nonempty && v[strspn(v, " \t")] == '\0') {
		loader_error(ld, m, _("« %s » (%s) ne doit pas être vide"),
		    loader_name(ld, m), ctx);
		return false;
	}
	if ((n = text_utf8_count(v)) > (size_t)maxlen) {
		loader_error(ld, m, _("« %s » (%s) est trop long : %zu "
		    "caractères, %d au plus"), loader_name(ld, m), ctx, n,
		    maxlen);
		return false;
	}
	free(*out);
	*out = xstrdup(v);
	return true;
}

static bool
loader_string(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, int maxlen, bool prose, char **out, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);

	bool			 ok;

	if (*out == NULL)
		*out = xstrdup("");
	if (m == NULL) {
		ld->text_errors += required;
		return !required;
	}
	ok = loader_text_value(ld, m, maxlen, required, prose, out, ctx);
	ld->text_errors += !ok;
	return ok;
}

/* A one-line text: a name, a title, a label. */
static bool
loader_text(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, int maxlen, char **out, const char *ctx)
{
	return loader_string(ld, g, name, required, maxlen, false, out, ctx);
}

/* A text that may hold lines: a brief, a description, an incident. */
static bool
loader_prose(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, int maxlen, char **out, const char *ctx)
{
	return loader_string(ld, g, name, required, maxlen, true, out, ctx);
}

static bool
loader_int_value(struct loader *ld, const config_setting_t *m, long long min,
    long long max, long long *out, const char *ctx)
{
	long long	 v;

	if (!loader_expect(ld, m, CONFIG_TYPE_INT, ctx))
		return false;
	/* Already reported by the pre-scan; libconfig's value is wrong. */
	if (source_line_flagged(ld->src, config_setting_source_line(m)))
		return false;
	/* config_setting_get_int() reads a 64-bit value as 0 in 1.5. */
	if (config_setting_type(m) == CONFIG_TYPE_INT64)
		v = config_setting_get_int64(m);
	else
		v = config_setting_get_int(m);
	if (v < min || v > max) {
		char	 vs[TEXT_MONEY_MAX], mins[TEXT_MONEY_MAX];
		char	 maxs[TEXT_MONEY_MAX];

		loader_error(ld, m, _("« %s » (%s) vaut %s, hors limites : "
		    "de %s à %s"), loader_name(ld, m), ctx,
		    text_thousands(vs, v), text_thousands(mins, min),
		    text_thousands(maxs, max));
		return false;
	}
	*out = v;
	return true;
}

/* An optional or required integer setting; def when absent or wrong. */
static bool
loader_number(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, long long min, long long max, long long def,
    long long *out, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);
	bool			 ok = true;

	*out = def;
	if (m != NULL)
		ok = loader_int_value(ld, m, min, max, out, ctx);
	else if (required)
		ok = false;
	if (!ok)
		*out = def;
	return ok;
}

static bool
loader_int(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, long long min, long long max, long long def, int *out,
    const char *ctx)
{
	long long	 v;
	bool		 ok;

	ok = loader_number(ld, g, name, required, min, max, def, &v, ctx);
	*out = (int)v;
	return ok;
}

/* Whole euros in the file, cents in the model. */
static bool
loader_money(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, long long min, long long max, long long def,
    int64_t *out, const char *ctx)
{
	long long	 v;
	bool		 ok;

	ok = loader_number(ld, g, name, required, min, max, def, &v, ctx);
	*out = (int64_t)v * EURO;
	return ok;
}

static bool
loader_bool(struct loader *ld, const config_setting_t *g, const char *name,
    bool def, bool *out, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, false, ctx);

	*out = def;
	if (m == NULL)
		return true;
	if (!loader_expect(ld, m, CONFIG_TYPE_BOOL, ctx))
		return false;
	*out = config_setting_get_bool(m) != 0;
	return true;
}

static char *
loader_join(const char *const *table, int count)
{
	char	*out = xstrdup(""), *next;
	int	 i;

	for (i = 0; i < count; i++) {
		next = xasprintf("%s%s%s", out, i ? ", " : "", table[i]);
		free(out);
		out = next;
	}
	return out;
}

static bool
loader_keyword_value(struct loader *ld, const config_setting_t *m,
    const char *const *table, int count, int *out, const char *ctx)
{
	const char	*v, *near;
	char		*all;
	int		 k;

	if (!loader_expect(ld, m, CONFIG_TYPE_STRING, ctx))
		return false;
	v = config_setting_get_string(m);
	if ((k = scenario_keyword(table, count, v)) >= 0) {
		*out = k;
		return true;
	}
	all = loader_join(table, count);
	near = text_nearest(v, table, (size_t)count);
	if (near != NULL)
		loader_error(ld, m, _("« %s » (%s) : valeur « %s » inconnue, "
		    "vouliez-vous dire « %s » ? (valeurs possibles : %s)"),
		    loader_name(ld, m), ctx, v, near, all);
	else
		loader_error(ld, m, _("« %s » (%s) : valeur « %s » inconnue "
		    "(valeurs possibles : %s)"), loader_name(ld, m), ctx, v,
		    all);
	free(all);
	return false;
}

static bool
loader_keyword(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, const char *const *table, int count, int def, int *out,
    const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);

	*out = def;
	if (m == NULL)
		return !required;
	return loader_keyword_value(ld, m, table, count, out, ctx);
}

/* A list of groups, with a bounded length; NULL when absent or wrong. */
static config_setting_t *
loader_list(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, int min, int max, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);
	config_setting_t	*e;
	int			 n, i;

	if (m == NULL)
		return NULL;
	/* An empty () or [] is the same thing to a trainer. */
	if (config_setting_is_array(m) && config_setting_length(m) == 0)
		n = 0;
	else if (!loader_expect(ld, m, CONFIG_TYPE_LIST, ctx))
		return NULL;
	n = config_setting_length(m);
	if (n < min || n > max) {
		if (min == max)
			loader_error(ld, m, _("« %s » (%s) doit avoir %d "
			    "élément(s), pas %d"), name, ctx, min, n);
		else
			loader_error(ld, m, _("« %s » (%s) doit avoir de %d à "
			    "%d éléments, pas %d"), name, ctx, min, max, n);
	}
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(m, (unsigned)i);
		if (!config_setting_is_group(e)) {
			loader_error(ld, e, _("chaque élément de « %s » doit "
			    "être un groupe { … }, pas %s"), name,
			    loader_type_name(config_setting_type(e)));
			return NULL;
		}
	}
	return n > 0 ? m : NULL;
}

static config_setting_t *
loader_group(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);

	if (m == NULL || !loader_expect(ld, m, CONFIG_TYPE_GROUP, ctx))
		return NULL;
	return m;
}

/* --- identifiers and references --- */

static bool
loader_id(struct loader *ld, const config_setting_t *g, char **out,
    const char *what)
{
	config_setting_t	*m = loader_member(ld, g, "id", true, what);

	if (m == NULL || !loader_text_value(ld, m, 64, true, false, out,
	    what))
		return false;
	if (!text_is_id(*out)) {
		loader_error(ld, m, _("identifiant « %s » invalide (%s) : "
		    "lettres minuscules sans accents, chiffres, « _ » et « - », "
		    "32 caractères au plus, en commençant par une lettre"),
		    *out, what);
		return false;
	}
	return true;
}

static void
loader_duplicate(struct loader *ld, const config_setting_t *at,
    const char *what, const char *id, struct srcloc first)
{
	struct srcloc	 here = loader_loc(ld, at);

	if (here.file == first.file)
		loader_error(ld, at, _("%s « %s » : identifiant déjà utilisé "
		    "ligne %d"), what, id, first.line);
	else
		loader_error(ld, at, _("%s « %s » : identifiant déjà utilisé "
		    "ligne %d de %s"), what, id, first.line,
		    ld->src->files[first.file]);
}

/* Reports arr[n].id if it repeats one of arr[0..n). */
#define LOADER_UNIQUE(ld, at, arr, n, what) do {				int	u_;								for (u_ = 0; u_ < (n); u_++) {							if ((arr)[u_].id != NULL && (arr)[n].id != NULL &&			    (arr)[n].id[0] != '\0' &&						    strcmp((arr)[u_].id, (arr)[n].id) == 0) {					loader_duplicate(ld, at, what, (arr)[n].id,				    (arr)[u_].loc);							break;								}								}								} while (0)

typedef const char *(*loader_id_at)(const struct scenario *, int);

static const char *id_of_line(const struct scenario *s, int i) { return s->lines[i].id; }
static const char *id_of_objective(const struct scenario *s, int i) { return s->objectives[i].id; }
static const char *id_of_skill(const struct scenario *s, int i) { return s->skills[i].id; }
static const char *id_of_staff(const struct scenario *s, int i) { return s->staff[i].id; }
static const char *id_of_tool(const struct scenario *s, int i) { return s->tools[i].id; }
static const char *id_of_supplier(const struct scenario *s, int i) { return s->suppliers[i].id; }

struct loader_table {
	const char	*what;		/* "lot", for messages */
	loader_id_at	 id_at;		/* NULL: use names */
	const int	*count;
	char *const	*names;		/* when id_at is NULL */
	const int	*nnames;
};

/* Resolves a string setting naming an item of a table; -1 if bad. */
static int
loader_ref_value(struct loader *ld, const config_setting_t *m,
    const struct loader_table *t, const char *ctx)
{
	const char	*v, *near, **cands;
	int		 n, i;

	if (!loader_expect(ld, m, CONFIG_TYPE_STRING, ctx))
		return SCENARIO_NONE;
	v = config_setting_get_string(m);
	n = t->id_at != NULL ? *t->count : *t->nnames;
	cands = xreallocarray(NULL, (size_t)n + 1, sizeof *cands);
	for (i = 0; i < n; i++) {
		cands[i] = t->id_at != NULL ? t->id_at(ld->s, i) : t->names[i];
		if (cands[i] == NULL)
			cands[i] = "";
		if (strcmp(cands[i], v) == 0) {
			free(cands);
			return i;
		}
	}
	/* libconfig glues "a" "b" into "ab": a missing comma in [ ]. */
	for (i = 0; i < n; i++) {
		size_t	 k = strlen(cands[i]);
		int	 j;

		if (k == 0 || strncmp(v, cands[i], k) != 0 || v[k] == '\0')
			continue;
		for (j = 0; j < n; j++) {
			if (strcmp(v + k, cands[j]) != 0)
				continue;
			loader_error(ld, m, _("%s : %s « %s » introuvable ; "
			    "virgule manquante entre « %s » et « %s » ? (deux "
			    "textes qui se suivent sont collés)"), ctx,
			    t->what, v, cands[i], cands[j]);
			free(cands);
			return SCENARIO_NONE;
		}
	}
	near = text_nearest(v, cands, (size_t)n);
	if (near != NULL)
		loader_error(ld, m, _("%s : %s « %s » introuvable, vouliez-vous "
		    "dire « %s » ?"), ctx, t->what, v, near);
	else
		loader_error(ld, m, _("%s : %s « %s » introuvable"), ctx,
		    t->what, v);
	free(cands);
	return SCENARIO_NONE;
}

static bool
loader_ref(struct loader *ld, const config_setting_t *g, const char *name,
    bool required, const struct loader_table *t, int *out, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);

	*out = SCENARIO_NONE;
	if (m == NULL)
		return !required;
	*out = loader_ref_value(ld, m, t, ctx);
	return *out != SCENARIO_NONE;
}

/* An array of references: [ "a", "b" ], no duplicates. */
static void
loader_ref_array(struct loader *ld, const config_setting_t *g,
    const char *name, bool required, int min, int max,
    const struct loader_table *t, int **out, int *nout,
    struct srcloc **locs, const char *ctx)
{
	config_setting_t	*m = loader_member(ld, g, name, required, ctx);
	config_setting_t	*e;
	int			 n, i, j, r;

	*out = NULL;
	*nout = 0;
	if (locs != NULL)
		*locs = NULL;
	if (m == NULL)
		return;
	if (config_setting_is_list(m) && config_setting_length(m) == 0)
		n = 0;
	else if (!loader_expect(ld, m, CONFIG_TYPE_ARRAY, ctx))
		return;
	n = config_setting_length(m);
	if (n < min || n > max) {
		loader_error(ld, m, _("« %s » (%s) doit avoir de %d à %d "
		    "éléments, pas %d"), name, ctx, min, max, n);
		return;
	}
	*out = xreallocarray(NULL, (size_t)n, sizeof **out);
	if (locs != NULL)
		*locs = xreallocarray(NULL, (size_t)n, sizeof **locs);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(m, (unsigned)i);
		if ((r = loader_ref_value(ld, e, t, ctx)) == SCENARIO_NONE)
			continue;
		for (j = 0; j < *nout; j++)
			if ((*out)[j] == r)
				break;
		if (j < *nout) {
			loader_warning(ld, e, _("%s : « %s » apparaît deux "
			    "fois dans « %s »"), ctx,
			    config_setting_get_string(e), name);
			continue;
		}
		if (locs != NULL)
			(*locs)[*nout] = loader_loc(ld, e);
		(*out)[(*nout)++] = r;
	}
}

static char *
loader_ctx(const char *what, const char *id, int index)
{
	if (id != NULL && id[0] != '\0')
		return xasprintf("%s « %s »", what, id);
	return xasprintf("%s n°%d", what, index + 1);
}

/* Reads "id" without complaint, to name the item in messages early. */
static const char *
loader_peek_id(const config_setting_t *g)
{
	const char	*v = NULL;

	if (config_setting_lookup_string(g, "id", &v) == CONFIG_FALSE)
		return NULL;
	return v;
}

#define LOADER_ARRAY(ld, list, arr, n) do {				\
	(n) = (list) != NULL ? config_setting_length(list) : 0;		\
	(arr) = xcalloc((size_t)(n) + 1, sizeof *(arr));		\
} while (0)

/* --- sections --- */

static const char *const top_keys[] = {
	"format", "id", "titre", "type", "client", "marque", "secteur",
	"brief", "contraintes", "semaines", "minutes_par_tour", "budget",
	"objectifs", "competences", "personnel", "roles", "outils", "lots",
	"prestataires", "incidents", "catalogues", "points_situation",
	"notation"
};

static void
loader_header(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*m, *e;
	const char		*ctx = _("le scénario");
	int			 i, n, type;

	loader_keys(ld, root, top_keys, COUNT(top_keys), _("le scénario"));
	if (loader_int(ld, root, "format", true, 1, 1000, SCENARIO_FORMAT,
	    &s->format, ctx) && s->format != SCENARIO_FORMAT)
		loader_error(ld, config_setting_get_member(root, "format"),
		    _("format %d inconnu : cette version de pilote lit le "
		    "format %d"), s->format, SCENARIO_FORMAT);
	if (loader_member(ld, root, "id", true, ctx) != NULL)
		loader_id(ld, root, &s->id, ctx);
	else
		s->id = xstrdup("");
	loader_text(ld, root, "titre", true, SCENARIO_TITLE_MAX, &s->title, ctx);
	loader_keyword(ld, root, "type", true, scenario_project_types,
	    PROJECT_TYPE_COUNT, PROJECT_OTHER, &type, ctx);
	s->type = (enum project_type)type;
	loader_text(ld, root, "client", true, SCENARIO_TITLE_MAX, &s->client, ctx);
	loader_text(ld, root, "marque", true, SCENARIO_TITLE_MAX, &s->brand, ctx);
	loader_text(ld, root, "secteur", false, SCENARIO_TITLE_MAX, &s->sector, ctx);
	loader_prose(ld, root, "brief", true, 6000, &s->brief, ctx);
	ld->bad.weeks = !loader_int(ld, root, "semaines", true, 3, 26, 8,
	    &s->weeks, ctx);
	loader_int(ld, root, "minutes_par_tour", false, 5, 240, 30,
	    &s->turn_minutes, ctx);
	/*
	 * A scalar has length 0 too: only an empty () may stand for [], or a
	 * "contraintes = \"Aucune\";" would vanish from the brief.
	 */
	if ((m = loader_member(ld, root, "contraintes", false, ctx)) != NULL &&
	    ((config_setting_is_list(m) && config_setting_length(m) == 0) ||
	    loader_expect(ld, m, CONFIG_TYPE_ARRAY, ctx))) {
		n = config_setting_length(m);
		s->constraints = xcalloc((size_t)n + 1, sizeof *s->constraints);
		for (i = 0; i < n; i++) {
			e = config_setting_get_elem(m, (unsigned)i);
			if (loader_text_value(ld, e, 400, true, false,
			    &s->constraints[s->nconstraints], ctx))
				s->nconstraints++;
		}
	}
}

static const char *const budget_keys[] = {
	"enveloppe", "reserve_min", "reserve_max", "lignes", "ligne_interne",
	"ligne_outils", "ligne_imprevus"
};
static const char *const idlabel_keys[] = { "id", "libelle" };

static void
loader_budget(struct loader *ld, const config_setting_t *root)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 lines = { _("ligne budgétaire"),
					    id_of_line, &s->nlines, NULL, NULL };
	config_setting_t		*b, *list, *e;
	const char			*ctx = _("le budget");
	char				*ictx;
	int				 i, n;

	s->budget_loc = loader_loc(ld, root);
	if ((b = loader_group(ld, root, "budget", true, _("le scénario"))) == NULL)
		return;
	s->budget_loc = loader_loc(ld, b);
	loader_keys(ld, b, budget_keys, COUNT(budget_keys), ctx);
	loader_money(ld, b, "enveloppe", true, 1000, 50000000, 0,
	    &s->envelope, ctx);
	loader_int(ld, b, "reserve_min", false, 0, 50, 0, &s->reserve_min, ctx);
	loader_int(ld, b, "reserve_max", false, 0, 50, 30, &s->reserve_max, ctx);
	if (s->reserve_max < s->reserve_min)
		loader_error(ld, config_setting_get_member(b, "reserve_max") ?
		    config_setting_get_member(b, "reserve_max") :
		    config_setting_get_member(b, "reserve_min"), _("reserve_max (%d %%) est inférieure à "
		    "reserve_min (%d %%)"), s->reserve_max, s->reserve_min);
	list = loader_list(ld, b, "lignes", true, 1, SCENARIO_MAX_LINES, ctx);
	LOADER_ARRAY(ld, list, s->lines, n);
	for (i = 0; i < n; i++) {
		struct budget_line *l = &s->lines[s->nlines];

		e = config_setting_get_elem(list, (unsigned)i);
		ictx = loader_ctx(_("ligne budgétaire"), loader_peek_id(e), i);
		loader_keys(ld, e, idlabel_keys, COUNT(idlabel_keys), ictx);
		l->loc = loader_loc(ld, e);
		loader_id(ld, e, &l->id, ictx);
		loader_text(ld, e, "libelle", true, SCENARIO_NAME_MAX, &l->label, ictx);
		LOADER_UNIQUE(ld, e, s->lines, s->nlines, _("ligne budgétaire"));
		s->nlines++;
		free(ictx);
	}
	s->staff_line = s->tools_line = 0;
	if (s->nlines > 0) {
		loader_ref(ld, b, "ligne_interne", false, &lines,
		    &s->staff_line, ctx);
		loader_ref(ld, b, "ligne_outils", false, &lines,
		    &s->tools_line, ctx);
		/* Absent: SCENARIO_NONE, checked where a cost needs it. */
		loader_ref(ld, b, "ligne_imprevus", false, &lines,
		    &s->unplanned_line, ctx);
		if (s->staff_line == SCENARIO_NONE)
			s->staff_line = 0;
		if (s->tools_line == SCENARIO_NONE)
			s->tools_line = 0;
	}
}

static const char *const objective_keys[] = {
	"id", "libelle", "unite", "cible", "depart", "poids"
};

static void
loader_objectives(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*list, *e;
	char			*ctx;
	int			 i, n;

	list = loader_list(ld, root, "objectifs", true, 1, 12,
	    _("le scénario"));
	LOADER_ARRAY(ld, list, s->objectives, n);
	for (i = 0; i < n; i++) {
		struct objective	*o = &s->objectives[s->nobjectives];
		int			 target = 0, start = 0;

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("objectif"), loader_peek_id(e), i);
		loader_keys(ld, e, objective_keys, COUNT(objective_keys), ctx);
		o->loc = loader_loc(ld, e);
		loader_id(ld, e, &o->id, ctx);
		loader_text(ld, e, "libelle", true, SCENARIO_NAME_MAX, &o->label, ctx);
		loader_text(ld, e, "unite", true, 40, &o->unit, ctx);
		loader_int(ld, e, "cible", true, 1, 2000000000, 1, &target, ctx);
		loader_int(ld, e, "depart", false, 0, 2000000000, 0, &start,
		    ctx);
		o->target = target;
		o->start = start;
		if (start >= target)
			loader_error(ld, e, _("%s : le départ (%d) doit être "
			    "inférieur à la cible (%d)"), ctx, start, target);
		loader_int(ld, e, "poids", true, 1, 100, 0, &o->weight, ctx);
		LOADER_UNIQUE(ld, e, s->objectives, s->nobjectives,
		    _("objectif"));
		s->nobjectives++;
		free(ctx);
	}
}

static void
loader_skills(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*list, *e;
	char			*ctx;
	int			 i, n;

	list = loader_list(ld, root, "competences", true, 1, 40,
	    _("le scénario"));
	LOADER_ARRAY(ld, list, s->skills, n);
	for (i = 0; i < n; i++) {
		struct skill	*k = &s->skills[s->nskills];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("compétence"), loader_peek_id(e), i);
		loader_keys(ld, e, idlabel_keys, COUNT(idlabel_keys), ctx);
		k->loc = loader_loc(ld, e);
		loader_id(ld, e, &k->id, ctx);
		loader_text(ld, e, "libelle", true, SCENARIO_NAME_MAX, &k->label, ctx);
		LOADER_UNIQUE(ld, e, s->skills, s->nskills, _("compétence"));
		s->nskills++;
		free(ctx);
	}
}

static const char *const staff_keys[] = {
	"id", "nom", "poste", "competences", "cout_jour", "disponibilite",
	"moral", "besoins"
};
static const char *const need_keys[] = {
	"besoin", "amenagement", "detail", "cout", "perte_si_absent"
};

static void
loader_staff(struct loader *ld, const config_setting_t *root)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 skills = { _("compétence"),
					    id_of_skill, &s->nskills, NULL, NULL };
	config_setting_t		*list, *e, *needs, *ne;
	char				*ctx, *nctx;
	int				 i, j, n, nn, kind;

	list = loader_list(ld, root, "personnel", true, 1, 30,
	    _("le scénario"));
	LOADER_ARRAY(ld, list, s->staff, n);
	for (i = 0; i < n; i++) {
		struct staff	*p = &s->staff[s->nstaff];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("personne"), loader_peek_id(e), i);
		loader_keys(ld, e, staff_keys, COUNT(staff_keys), ctx);
		p->loc = loader_loc(ld, e);
		loader_id(ld, e, &p->id, ctx);
		loader_text(ld, e, "nom", true, SCENARIO_NAME_MAX, &p->name, ctx);
		loader_text(ld, e, "poste", true, SCENARIO_NAME_MAX, &p->title, ctx);
		loader_ref_array(ld, e, "competences", true, 1, 10, &skills,
		    &p->skills, &p->nskills, NULL, ctx);
		loader_money(ld, e, "cout_jour", true, 100, 3000, 0,
		    &p->daily_cost, ctx);
		loader_int(ld, e, "disponibilite", true, 1, 5, 5,
		    &p->availability, ctx);
		loader_int(ld, e, "moral", false, 0, 100, 75, &p->morale, ctx);
		needs = loader_list(ld, e, "besoins", false, 0, 4, ctx);
		LOADER_ARRAY(ld, needs, p->needs, nn);
		for (j = 0; j < nn; j++) {
			struct need	*b = &p->needs[p->nneeds];

			ne = config_setting_get_elem(needs, (unsigned)j);
			nctx = xasprintf(_("besoin n°%d (%s)"), j + 1, ctx);
			loader_keys(ld, ne, need_keys, COUNT(need_keys), nctx);
			b->loc = loader_loc(ld, ne);
			loader_text(ld, ne, "besoin", true, 200, &b->need,
			    nctx);
			loader_keyword(ld, ne, "amenagement", true,
			    scenario_accommodations, ACCOMMODATION_COUNT,
			    ACCOM_OTHER, &kind, nctx);
			b->kind = (enum accommodation)kind;
			loader_prose(ld, ne, "detail", true, 400, &b->detail,
			    nctx);
			loader_money(ld, ne, "cout", false, 0, 100000, 0,
			    &b->cost, nctx);
			loader_int(ld, ne, "perte_si_absent", false, 1, 100,
			    25, &b->loss_if_unmet, nctx);
			p->nneeds++;
			free(nctx);
		}
		LOADER_UNIQUE(ld, e, s->staff, s->nstaff, _("personne"));
		s->nstaff++;
		free(ctx);
	}
}

static const char *const role_keys[] = {
	"id", "libelle", "missions", "obligatoire"
};

static void
loader_roles(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*list, *e;
	char			*ctx;
	int			 i, n;

	list = loader_list(ld, root, "roles", true, 1, 12, _("le scénario"));
	LOADER_ARRAY(ld, list, s->roles, n);
	for (i = 0; i < n; i++) {
		struct role	*r = &s->roles[s->nroles];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("rôle"), loader_peek_id(e), i);
		loader_keys(ld, e, role_keys, COUNT(role_keys), ctx);
		r->loc = loader_loc(ld, e);
		loader_id(ld, e, &r->id, ctx);
		loader_text(ld, e, "libelle", true, SCENARIO_NAME_MAX, &r->label, ctx);
		loader_prose(ld, e, "missions", true, 1000, &r->missions, ctx);
		loader_bool(ld, e, "obligatoire", true, &r->required, ctx);
		LOADER_UNIQUE(ld, e, s->roles, s->nroles, _("rôle"));
		s->nroles++;
		free(ctx);
	}
}

static const char *const tool_keys[] = {
	"id", "nom", "categorie", "description", "cout", "cout_semaine",
	"jours_installation", "accessible", "effets"
};
static const char *const tool_effect_keys[] = {
	"productivite", "coordination", "qualite", "moral"
};

static void
loader_tools(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*list, *e, *fx;
	char			*ctx;
	int			 i, n, cat;

	list = loader_list(ld, root, "outils", false, 0, 30, _("le scénario"));
	LOADER_ARRAY(ld, list, s->tools, n);
	for (i = 0; i < n; i++) {
		struct tool	*t = &s->tools[s->ntools];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("outil"), loader_peek_id(e), i);
		loader_keys(ld, e, tool_keys, COUNT(tool_keys), ctx);
		t->loc = loader_loc(ld, e);
		loader_id(ld, e, &t->id, ctx);
		loader_text(ld, e, "nom", true, SCENARIO_NAME_MAX, &t->name, ctx);
		loader_keyword(ld, e, "categorie", true,
		    scenario_tool_categories, TOOL_CATEGORY_COUNT, TOOL_OTHER,
		    &cat, ctx);
		t->category = (enum tool_category)cat;
		loader_prose(ld, e, "description", false, 400, &t->description,
		    ctx);
		loader_money(ld, e, "cout", false, 0, 1000000, 0, &t->cost, ctx);
		loader_money(ld, e, "cout_semaine", false, 0, 100000, 0,
		    &t->weekly_cost, ctx);
		loader_int(ld, e, "jours_installation", false, 0, 20, 0,
		    &t->setup_days, ctx);
		loader_bool(ld, e, "accessible", true, &t->accessible, ctx);
		if ((fx = loader_group(ld, e, "effets", false, ctx)) != NULL) {
			loader_keys(ld, fx, tool_effect_keys,
			    COUNT(tool_effect_keys), ctx);
			loader_int(ld, fx, "productivite", false, -50, 50, 0,
			    &t->effects.productivity, ctx);
			loader_int(ld, fx, "coordination", false, -50, 50, 0,
			    &t->effects.coordination, ctx);
			loader_int(ld, fx, "qualite", false, -20, 20, 0,
			    &t->effects.quality, ctx);
			loader_int(ld, fx, "moral", false, -20, 20, 0,
			    &t->effects.morale, ctx);
		}
		LOADER_UNIQUE(ld, e, s->tools, s->ntools, _("outil"));
		s->ntools++;
		free(ctx);
	}
}

static const char *const package_keys[] = {
	"id", "nom", "description", "ligne", "charge", "competences", "apres",
	"mode", "cout_fixe", "echeance", "accessibilite", "critique", "kpi"
};
static const char *const kpi_keys[] = { "objectif", "poids" };

/* Every package id, before packages refer to each other. */
static void
loader_collect_ids(const config_setting_t *list, char ***ids, int *n)
{
	const char	*v;
	int		 i;

	*n = list != NULL ? config_setting_length(list) : 0;
	*ids = xcalloc((size_t)*n + 1, sizeof **ids);
	for (i = 0; i < *n; i++) {
		v = loader_peek_id(config_setting_get_elem(list, (unsigned)i));
		(*ids)[i] = v != NULL ? xstrdup(v) : NULL;
	}
}

static void
loader_packages(struct loader *ld, const config_setting_t *root)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 lines = { _("ligne budgétaire"),
					    id_of_line, &s->nlines, NULL, NULL };
	const struct loader_table	 skills = { _("compétence"),
					    id_of_skill, &s->nskills, NULL, NULL };
	const struct loader_table	 objectives = { _("objectif"),
					    id_of_objective, &s->nobjectives,
					    NULL, NULL };
	struct loader_table		 packages = { _("lot"), NULL, NULL,
					    NULL, &ld->npackage_ids };
	config_setting_t		*list, *e, *kl, *ke;
	char				*ctx;
	int				 i, j, n, nk, mode;

	list = loader_list(ld, root, "lots", true, 1, 60, _("le scénario"));
	loader_collect_ids(list, &ld->package_ids, &ld->npackage_ids);
	packages.names = ld->package_ids;
	LOADER_ARRAY(ld, list, s->packages, n);
	for (i = 0; i < n; i++) {
		struct package	*p = &s->packages[s->npackages];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("lot"), loader_peek_id(e), i);
		loader_keys(ld, e, package_keys, COUNT(package_keys), ctx);
		p->loc = loader_loc(ld, e);
		loader_id(ld, e, &p->id, ctx);
		loader_text(ld, e, "nom", true, SCENARIO_NAME_MAX, &p->name, ctx);
		loader_prose(ld, e, "description", false, 600, &p->description,
		    ctx);
		p->line = 0;
		if (s->nlines > 0 && config_setting_get_member(e, "ligne")) {
			loader_ref(ld, e, "ligne", false, &lines, &p->line, ctx);
			if (p->line == SCENARIO_NONE)
				p->line = 0;
		}
		loader_int(ld, e, "charge", true, 1, 500, 1, &p->workload, ctx);
		loader_ref_array(ld, e, "competences", true, 1, 5, &skills,
		    &p->skills, &p->nskills, NULL, ctx);
		loader_ref_array(ld, e, "apres", false, 0, 20, &packages,
		    &p->after, &p->nafter, &p->after_locs, ctx);
		for (j = 0; j < p->nafter; j++)
			if (p->after[j] == i)
				loader_error(ld, e, _("%s : un lot ne peut pas "
				    "dépendre de lui-même"), ctx);
		loader_keyword(ld, e, "mode", false, scenario_package_modes,
		    PACKAGE_MODE_COUNT, MODE_EITHER, &mode, ctx);
		p->mode = (enum package_mode)mode;
		loader_money(ld, e, "cout_fixe", false, 0, 10000000, 0,
		    &p->fixed_cost, ctx);
		/* S-weeks would be week 0, before piloting starts. */
		loader_int(ld, e, "echeance", false, 0, s->weeks - 1, 0,
		    &p->due, ctx);
		loader_bool(ld, e, "accessibilite", false, &p->accessibility,
		    ctx);
		loader_bool(ld, e, "critique", false, &p->critical, ctx);
		kl = loader_list(ld, e, "kpi", false, 0, 12, ctx);
		LOADER_ARRAY(ld, kl, p->kpi, nk);
		for (j = 0; j < nk; j++) {
			struct kpi_share	*k = &p->kpi[p->nkpi];
			int			 m;

			ke = config_setting_get_elem(kl, (unsigned)j);
			loader_keys(ld, ke, kpi_keys, COUNT(kpi_keys), ctx);
			k->loc = loader_loc(ld, ke);
			if (!loader_ref(ld, ke, "objectif", true, &objectives,
			    &k->objective, ctx))
				continue;
			if (!loader_int(ld, ke, "poids", true, 1, 100, 0,
			    &k->weight, ctx))
				continue;
			for (m = 0; m < p->nkpi; m++)
				if (p->kpi[m].objective == k->objective)
					loader_error(ld, ke, _("%s : l'objectif "
					    "« %s » apparaît deux fois dans "
					    "« kpi »"), ctx,
					    s->objectives[k->objective].id);
			p->nkpi++;
		}
		LOADER_UNIQUE(ld, e, s->packages, s->npackages, _("lot"));
		s->npackages++;
		free(ctx);
	}
}

static const char *const supplier_keys[] = {
	"id", "nom", "metier", "description", "fiabilite", "rse", "offres"
};
static const char *const csr_keys[] = { "score", "engagements" };
static const char *const offer_keys[] = {
	"lot", "prix", "delai", "qualite", "format", "accessible", "note"
};

static void
loader_suppliers(struct loader *ld, const config_setting_t *root)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 packages = { _("lot"), NULL, NULL,
					    ld->package_ids, &ld->npackage_ids };
	config_setting_t		*list, *e, *csr, *ol, *oe;
	char				*ctx;
	int				 i, j, k, n, no, pkg;

	list = loader_list(ld, root, "prestataires", false, 0, 30,
	    _("le scénario"));
	LOADER_ARRAY(ld, list, s->suppliers, n);
	for (i = 0; i < n; i++) {
		struct supplier	*p = &s->suppliers[s->nsuppliers];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("prestataire"), loader_peek_id(e), i);
		loader_keys(ld, e, supplier_keys, COUNT(supplier_keys), ctx);
		p->loc = loader_loc(ld, e);
		loader_id(ld, e, &p->id, ctx);
		loader_text(ld, e, "nom", true, SCENARIO_NAME_MAX, &p->name, ctx);
		loader_text(ld, e, "metier", true, SCENARIO_NAME_MAX, &p->trade, ctx);
		loader_prose(ld, e, "description", false, 600, &p->description,
		    ctx);
		loader_int(ld, e, "fiabilite", true, 1, 100, 50,
		    &p->reliability, ctx);
		p->csr_score = 50;
		p->csr_commitments = xstrdup("");
		if ((csr = loader_group(ld, e, "rse", false, ctx)) != NULL) {
			loader_keys(ld, csr, csr_keys, COUNT(csr_keys), ctx);
			loader_int(ld, csr, "score", false, 0, 100, 50,
			    &p->csr_score, ctx);
			loader_prose(ld, csr, "engagements", false, 400,
			    &p->csr_commitments, ctx);
		}
		ol = loader_list(ld, e, "offres", true, 1, 20, ctx);
		LOADER_ARRAY(ld, ol, p->offers, no);
		for (j = 0; j < no; j++) {
			struct offer	*o = &p->offers[p->noffers];

			o->package = SCENARIO_NONE;
			oe = config_setting_get_elem(ol, (unsigned)j);
			loader_keys(ld, oe, offer_keys, COUNT(offer_keys), ctx);
			o->loc = loader_loc(ld, oe);
			o->format = xstrdup("");
			o->note = xstrdup("");
			/* Counted even when wrong: the model owns its strings. */
			p->noffers++;
			if (!loader_ref(ld, oe, "lot", true, &packages, &pkg,
			    ctx))
				continue;
			o->package = pkg;
			loader_money(ld, oe, "prix", true, 1, 10000000, 1,
			    &o->price, ctx);
			loader_int(ld, oe, "delai", true, 1, 26, 1, &o->lead,
			    ctx);
			loader_int(ld, oe, "qualite", true, 1, 100, 50,
			    &o->quality, ctx);
			loader_text(ld, oe, "format", true, 200, &o->format,
			    ctx);
			loader_bool(ld, oe, "accessible", false,
			    &o->accessible, ctx);
			loader_prose(ld, oe, "note", false, 400, &o->note, ctx);
			for (k = 0; k < p->noffers - 1; k++)
				if (p->offers[k].package == pkg)
					loader_error(ld, oe, _("%s : deux "
					    "offres pour le lot « %s » (une "
					    "seule par lot et par prestataire)"),
					    ctx, ld->package_ids[pkg]);
			if (pkg < s->npackages &&
			    s->packages[pkg].mode == MODE_INTERNAL)
				loader_error(ld, oe, _("%s : offre pour le lot "
				    "« %s », qui se fait en interne seulement "
				    "(mode = \"interne\")"), ctx,
				    ld->package_ids[pkg]);
		}
		LOADER_UNIQUE(ld, e, s->suppliers, s->nsuppliers,
		    _("prestataire"));
		s->nsuppliers++;
		free(ctx);
	}
}

static bool
loader_effects(struct loader *ld, const config_setting_t *g,
    struct effects *fx, const char *ctx)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 lines = { _("ligne budgétaire"),
					    id_of_line, &s->nlines, NULL, NULL };
	const struct loader_table	 packages = { _("lot"), NULL, NULL,
					    ld->package_ids, &ld->npackage_ids };
	const struct loader_table	 staff = { _("personne"), id_of_staff,
					    &s->nstaff, NULL, NULL };
	const struct loader_table	 suppliers = { _("prestataire"),
					    id_of_supplier, &s->nsuppliers,
					    NULL, NULL };
	const struct loader_table	 objectives = { _("objectif"),
					    id_of_objective, &s->nobjectives,
					    NULL, NULL };
	config_setting_t		*e;
	const char			**known;
	char				*why;
	long long			 v;
	int				 target, k;

	effects_init(fx);
	if ((e = loader_group(ld, g, "effets", false, ctx)) == NULL)
		return false;
	/* The keys, bounds and invariants are core/effects' table. */
	known = xcalloc(EFFECT_KIND_COUNT + EFFECT_REF_COUNT, sizeof *known);
	for (k = 0; k < EFFECT_KIND_COUNT; k++)
		known[k] = effect_rows[k].key;
	for (k = 0; k < EFFECT_REF_COUNT; k++)
		known[EFFECT_KIND_COUNT + k] = effect_ref_keys[k];
	loader_keys(ld, e, known, EFFECT_KIND_COUNT + EFFECT_REF_COUNT, ctx);
	free(known);
	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		const struct effect_row	*row = &effect_rows[k];

		if (!loader_number(ld, e, row->key, false, row->min, row->max,
		    0, &v, ctx) || v == 0)
			continue;
		if ((why = effects_refuse(s, (enum effect_kind)k, v)) != NULL) {
			loader_error(ld, config_setting_get_member(e, row->key),
			    _("%s : %s"), ctx, why);
			free(why);
			continue;
		}
		effects_set(fx, (enum effect_kind)k, v);
	}
	loader_ref(ld, e, effect_ref_keys[EREF_LINE], false, &lines, &fx->line,
	    ctx);
	loader_ref(ld, e, effect_ref_keys[EREF_OBJECTIVE], false, &objectives,
	    &fx->objective, ctx);
	loader_keyword(ld, e, effect_ref_keys[EREF_TARGET], false,
	    scenario_effect_targets, EFFECT_TARGET_COUNT, TARGET_PROJECT,
	    &target, ctx);
	fx->target = (enum effect_target)target;
	loader_ref(ld, e, effect_ref_keys[EREF_PACKAGE], false, &packages,
	    &fx->package, ctx);
	loader_ref(ld, e, effect_ref_keys[EREF_STAFF], false, &staff,
	    &fx->staff, ctx);
	loader_ref(ld, e, effect_ref_keys[EREF_SUPPLIER], false, &suppliers,
	    &fx->supplier, ctx);
	loader_bool(ld, e, effect_ref_keys[EREF_RESERVE], false, &fx->reserve,
	    ctx);
	why = effects_targets_problem(fx, config_setting_get_member(e,
	    effect_ref_keys[EREF_TARGET]) != NULL);
	if (why != NULL) {
		loader_error(ld, e, _("%s : %s"), ctx, why);
		free(why);
	}
	return true;
}

/*
 * A condition that only exists as "true" (sans_cadrage, retard…): false
 * would read as "when it is not so" yet tests nothing, like manuel = false.
 */
static void
loader_flag(struct loader *ld, const config_setting_t *si, const char *name,
    bool *out, const char *ctx)
{
	if (loader_bool(ld, si, name, false, out, ctx) && !*out &&
	    config_setting_get_member(si, name) != NULL)
		loader_error(ld, config_setting_get_member(si, name), _("%s : "
		    "« %s = false » ne pose aucune condition ; écrivez "
		    "« %s = true » ou retirez-le"), ctx, name, name);
}

/* "confie = { lot = …; membre = … }" or "{ lot = …; prestataire = … }". */
static const char *const entrusted_keys[] = { "lot", "membre", "prestataire" };

static void
loader_entrusted(struct loader *ld, const config_setting_t *m,
    struct conditions *c, const char *ctx)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 packages = { _("lot"), NULL, NULL,
					    ld->package_ids, &ld->npackage_ids };
	const struct loader_table	 staff = { _("personne"), id_of_staff,
					    &s->nstaff, NULL, NULL };
	const struct loader_table	 suppliers = { _("prestataire"),
					    id_of_supplier, &s->nsuppliers,
					    NULL, NULL };
	bool				 ok;

	if (!loader_expect(ld, m, CONFIG_TYPE_GROUP, ctx))
		return;
	loader_keys(ld, m, entrusted_keys, COUNT(entrusted_keys), ctx);
	if ((config_setting_get_member(m, "membre") != NULL) ==
	    (config_setting_get_member(m, "prestataire") != NULL)) {
		loader_error(ld, m, _("%s : « confie » nomme le lot et soit "
		    "« membre » (une personne qui y travaille), soit "
		    "« prestataire » (à qui il est confié) : confie = { lot = "
		    "\"…\"; membre = \"…\"; }"), ctx);
		return;
	}
	ok = loader_ref(ld, m, "lot", true, &packages,
	    &c->value[COND_ENTRUSTED], ctx);
	ok &= loader_ref(ld, m, "membre", false, &staff, &c->entrusted_staff,
	    ctx);
	ok &= loader_ref(ld, m, "prestataire", false, &suppliers,
	    &c->entrusted_supplier, ctx);
	c->set[COND_ENTRUSTED] = ok;
}

/* Each condition of scenario_conditions[], read as its row says. */
static void
loader_conditions(struct loader *ld, const config_setting_t *si,
    struct conditions *c, const char *ctx)
{
	struct scenario			*s = ld->s;
	const struct loader_table	 packages = { _("lot"), NULL, NULL,
					    ld->package_ids, &ld->npackage_ids };
	const struct loader_table	 tools = { _("outil"), id_of_tool,
					    &s->ntools, NULL, NULL };
	const struct loader_table	 suppliers = { _("prestataire"),
					    id_of_supplier, &s->nsuppliers,
					    NULL, NULL };
	const struct loader_table	 staff = { _("personne"), id_of_staff,
					    &s->nstaff, NULL, NULL };
	const struct loader_table	 incidents = { _("incident"), NULL,
					    NULL, ld->incident_ids,
					    &ld->nincident_ids };
	const struct loader_table	*table;
	const char			*keys[CONDITION_KIND_COUNT];
	const char			*key;
	config_setting_t		*m;
	bool				 yes;
	int				 k, *v;

	for (k = 0; k < CONDITION_KIND_COUNT; k++)
		keys[k] = scenario_conditions[k].key;
	loader_keys(ld, si, keys, CONDITION_KIND_COUNT, ctx);
	c->loc = loader_loc(ld, si);
	for (k = 0; k < CONDITION_KIND_COUNT; k++) {
		key = scenario_conditions[k].key;
		if ((m = config_setting_get_member(si, key)) == NULL)
			continue;
		c->locs[k] = loader_loc(ld, m);
		v = &c->value[k];
		table = NULL;
		switch (scenario_conditions[k].value) {
		case CVAL_TRUE:
			loader_flag(ld, si, key, &yes, ctx);
			c->set[k] = yes;
			*v = 1;
			continue;
		case CVAL_PERCENT:
			c->set[k] = loader_int(ld, si, key, false, 1, 100, 0, v,
			    ctx);
			continue;
		case CVAL_TOOL_CATEGORY:
			c->set[k] = loader_keyword(ld, si, key, false,
			    scenario_tool_categories, TOOL_CATEGORY_COUNT,
			    SCENARIO_NONE, v, ctx);
			continue;
		case CVAL_ACCOMMODATION:
			c->set[k] = loader_keyword(ld, si, key, false,
			    scenario_accommodations, ACCOMMODATION_COUNT,
			    SCENARIO_NONE, v, ctx);
			continue;
		case CVAL_ENTRUSTED:
			loader_entrusted(ld, m, c, ctx);
			continue;
		case CVAL_INCIDENT:
			table = &incidents;
			break;
		case CVAL_PACKAGE:
			table = &packages;
			break;
		case CVAL_TOOL:
			table = &tools;
			break;
		case CVAL_SUPPLIER:
			table = &suppliers;
			break;
		case CVAL_STAFF:
			table = &staff;
			break;
		}
		c->set[k] = loader_ref(ld, si, key, false, table, v, ctx);
	}
	if (config_setting_length(si) == 0)
		loader_warning(ld, si, _("%s : « si » est vide, il ne pose "
		    "aucune condition"), ctx);
}

static const char *const trigger_keys[] = {
	"semaine", "probabilite", "semaines", "repete", "manuel", "si"
};

static void
loader_trigger(struct loader *ld, const config_setting_t *inc,
    struct trigger *t, const char *ctx)
{
	struct scenario		*s = ld->s;
	config_setting_t	*g, *w, *si;
	int			 forms;
	long long		 first, last;
	bool			 manual = false;

	memset(t, 0, sizeof *t);
	t->kind = TRIGGER_MANUAL;
	t->when.entrusted_staff = t->when.entrusted_supplier = SCENARIO_NONE;
	if ((g = loader_group(ld, inc, "declencheur", true, ctx)) == NULL)
		return;
	loader_keys(ld, g, trigger_keys, COUNT(trigger_keys), ctx);
	forms = (config_setting_get_member(g, "semaine") != NULL) +
	    (config_setting_get_member(g, "probabilite") != NULL) +
	    (config_setting_get_member(g, "manuel") != NULL);
	if (forms != 1) {
		loader_error(ld, g, _("%s : le déclencheur doit avoir une et "
		    "une seule forme : « semaine », « probabilite » ou "
		    "« manuel »"), ctx);
		return;
	}
	if (config_setting_get_member(g, "semaine") != NULL) {
		t->kind = TRIGGER_WEEK;
		loader_int(ld, g, "semaine", true, 1, s->weeks, 1, &t->week,
		    ctx);
	} else if (config_setting_get_member(g, "probabilite") != NULL) {
		t->kind = TRIGGER_RANDOM;
		loader_int(ld, g, "probabilite", true, 1, 100, 1,
		    &t->probability, ctx);
		t->first_week = 1;
		t->last_week = s->weeks;
		if ((w = config_setting_get_member(g, "semaines")) != NULL) {
			if (!loader_expect(ld, w, CONFIG_TYPE_ARRAY, ctx))
				;
			else if (config_setting_length(w) != 2)
				loader_error(ld, w, _("%s : « semaines » "
				    "s'écrit [ première, dernière ]"), ctx);
			else if (loader_int_value(ld,
			    config_setting_get_elem(w, 0), 1, s->weeks,
			    &first, ctx) && loader_int_value(ld,
			    config_setting_get_elem(w, 1), 1, s->weeks,
			    &last, ctx)) {
				if (first > last)
					loader_error(ld, w, _("%s : fenêtre "
					    "[%lld, %lld] à l'envers"), ctx,
					    first, last);
				t->first_week = (int)first;
				t->last_week = (int)last;
			}
		}
		loader_bool(ld, g, "repete", false, &t->repeat, ctx);
	} else {
		loader_bool(ld, g, "manuel", false, &manual, ctx);
		if (!manual)
			loader_error(ld, g, _("%s : « manuel = false » ne "
			    "déclenche rien ; écrivez « manuel = true » ou une "
			    "autre forme"), ctx);
	}
	if (t->kind != TRIGGER_RANDOM) {
		if ((w = config_setting_get_member(g, "semaines")) != NULL)
			loader_error(ld, w, _("%s : « semaines » ne va "
			    "qu'avec « probabilite »"), ctx);
		if ((w = config_setting_get_member(g, "repete")) != NULL)
			loader_error(ld, w, _("%s : « repete » ne va qu'avec "
			    "« probabilite »"), ctx);
	}
	if ((si = loader_group(ld, g, "si", false, ctx)) != NULL) {
		if (t->kind == TRIGGER_MANUAL)
			loader_error(ld, si, _("%s : des conditions « si » "
			    "n'ont pas de sens sur un incident manuel"), ctx);
		t->conditional = true;
		loader_conditions(ld, si, &t->when, ctx);
	}
}

static const char *const incident_keys[] = {
	"id", "titre", "categorie", "texte", "declencheur", "delai_reponse",
	"options", "defaut"
};
static const char *const option_keys[] = {
	"id", "libelle", "detail", "effets", "suite"
};
static const char *const default_keys[] = { "texte", "effets", "suite" };

static void
loader_incident(struct loader *ld, const config_setting_t *e, int index,
    const char *catalogue)
{
	struct scenario			*s = ld->s;
	struct incident			*inc = &s->incidents[s->nincidents];
	const struct loader_table	 incidents = { _("incident"), NULL,
					    NULL, ld->incident_ids,
					    &ld->nincident_ids };
	config_setting_t		*ol, *oe, *d;
	char				*ctx, *octx;
	int				 j, k, no, cat;

	ctx = loader_ctx(_("incident"), loader_peek_id(e), index);
	loader_keys(ld, e, incident_keys, COUNT(incident_keys), ctx);
	inc->loc = inc->default_loc = loader_loc(ld, e);
	inc->catalogue = catalogue != NULL ? xstrdup(catalogue) : NULL;
	inc->default_follow_up = SCENARIO_NONE;
	loader_id(ld, e, &inc->id, ctx);
	loader_text(ld, e, "titre", true, SCENARIO_TITLE_MAX, &inc->title, ctx);
	loader_keyword(ld, e, "categorie", true, scenario_incident_categories,
	    INCIDENT_CATEGORY_COUNT, INCIDENT_CLIENT, &cat, ctx);
	inc->category = (enum incident_category)cat;
	loader_prose(ld, e, "texte", true, 2000, &inc->text, ctx);
	loader_trigger(ld, e, &inc->trigger, ctx);
	loader_int(ld, e, "delai_reponse", true, 1, 240, 10, &inc->deadline,
	    ctx);
	ol = loader_list(ld, e, "options", true, 2, 6, ctx);
	LOADER_ARRAY(ld, ol, inc->options, no);
	for (j = 0; j < no; j++) {
		struct option	*o = &inc->options[inc->noptions];

		oe = config_setting_get_elem(ol, (unsigned)j);
		if (loader_peek_id(oe) != NULL)
			octx = xasprintf(_("option « %s » (%s)"),
			    loader_peek_id(oe), ctx);
		else
			octx = xasprintf(_("option n°%d (%s)"), j + 1, ctx);
		loader_keys(ld, oe, option_keys, COUNT(option_keys), octx);
		o->loc = o->follow_up_loc = loader_loc(ld, oe);
		loader_id(ld, oe, &o->id, octx);
		loader_text(ld, oe, "libelle", true, SCENARIO_TITLE_MAX, &o->label, octx);
		loader_prose(ld, oe, "detail", false, 600, &o->detail, octx);
		loader_effects(ld, oe, &o->effects, octx);
		o->follow_up = SCENARIO_NONE;
		if (config_setting_get_member(oe, "suite") != NULL) {
			o->follow_up_loc = loader_loc(ld,
			    config_setting_get_member(oe, "suite"));
			loader_ref(ld, oe, "suite", false, &incidents,
			    &o->follow_up, octx);
		}
		for (k = 0; k < inc->noptions; k++)
			if (inc->options[k].id != NULL && o->id != NULL &&
			    strcmp(inc->options[k].id, o->id) == 0)
				loader_error(ld, oe, _("%s : deux options "
				    "« %s »"), ctx, o->id);
		inc->noptions++;
		free(octx);
	}
	inc->default_text = xstrdup("");
	effects_init(&inc->default_effects);
	if ((d = loader_group(ld, e, "defaut", true, ctx)) != NULL) {
		octx = xasprintf(_("défaut (%s)"), ctx);
		inc->default_loc = loader_loc(ld, d);
		loader_keys(ld, d, default_keys, COUNT(default_keys), octx);
		loader_prose(ld, d, "texte", true, 1000, &inc->default_text,
		    octx);
		loader_effects(ld, d, &inc->default_effects, octx);
		loader_ref(ld, d, "suite", false, &incidents,
		    &inc->default_follow_up, octx);
		free(octx);
	}
	LOADER_UNIQUE(ld, e, s->incidents, s->nincidents, _("incident"));
	s->nincidents++;
	free(ctx);
}

static void
loader_incidents(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*own, *cats, *cat;
	const char		*v;
	int			 i, j, n;

	own = loader_list(ld, root, "incidents", false, 0,
	    SCENARIO_MAX_OWN_INCIDENTS, _("le scénario"));
	cats = loader_group(ld, root, "catalogues", false, _("le scénario"));
	/* Gather every id first: options name follow-ups anywhere. */
	n = own != NULL ? config_setting_length(own) : 0;
	for (i = 0; cats != NULL && i < config_setting_length(cats); i++) {
		cat = config_setting_get_elem(cats, (unsigned)i);
		if (config_setting_is_list(cat))
			n += config_setting_length(cat);
	}
	if (n > SCENARIO_MAX_INCIDENTS) {
		loader_error(ld, cats != NULL ? cats : own, _("%d incidents en "
		    "tout (scénario et catalogues), %d au plus"), n,
		    SCENARIO_MAX_INCIDENTS);
		return;
	}
	ld->incident_ids = xcalloc((size_t)n + 1, sizeof *ld->incident_ids);
	s->incidents = xcalloc((size_t)n + 1, sizeof *s->incidents);
	for (i = 0; own != NULL && i < config_setting_length(own); i++) {
		v = loader_peek_id(config_setting_get_elem(own, (unsigned)i));
		ld->incident_ids[ld->nincident_ids++] = v ? xstrdup(v) : NULL;
	}
	for (i = 0; cats != NULL && i < config_setting_length(cats); i++) {
		cat = config_setting_get_elem(cats, (unsigned)i);
		if (!config_setting_is_list(cat))
			continue;
		for (j = 0; j < config_setting_length(cat); j++) {
			if (!config_setting_is_group(config_setting_get_elem(
			    cat, (unsigned)j)))
				continue;
			v = loader_peek_id(config_setting_get_elem(cat,
			    (unsigned)j));
			ld->incident_ids[ld->nincident_ids++] =
			    v ? xstrdup(v) : NULL;
		}
	}
	for (i = 0; own != NULL && i < config_setting_length(own); i++)
		loader_incident(ld, config_setting_get_elem(own, (unsigned)i),
		    i, NULL);
	for (i = 0; cats != NULL && i < config_setting_length(cats); i++) {
		cat = config_setting_get_elem(cats, (unsigned)i);
		if (!loader_expect(ld, cat, CONFIG_TYPE_LIST,
		    _("les catalogues")))
			continue;
		for (j = 0; j < config_setting_length(cat); j++) {
			config_setting_t *e = config_setting_get_elem(cat,
			    (unsigned)j);

			if (!config_setting_is_group(e)) {
				loader_error(ld, e, _("chaque élément du "
				    "catalogue « %s » doit être un groupe "
				    "{ … }"), config_setting_name(cat));
				continue;
			}
			loader_incident(ld, e, j, config_setting_name(cat));
		}
	}
}

static const char *const point_keys[] = {
	"id", "semaine", "delai", "titre", "consigne", "parties", "mots_max"
};
static const char *const part_keys[] = { "risques", "arbitrages", "suivi" };

static void
loader_status_points(struct loader *ld, const config_setting_t *root)
{
	struct scenario		*s = ld->s;
	config_setting_t	*list, *e, *parts;
	char			*ctx;
	int			 i, n;

	list = loader_list(ld, root, "points_situation", false, 0, 20,
	    _("le scénario"));
	LOADER_ARRAY(ld, list, s->status_points, n);
	for (i = 0; i < n; i++) {
		struct status_point *p = &s->status_points[s->nstatus_points];

		e = config_setting_get_elem(list, (unsigned)i);
		ctx = loader_ctx(_("point de situation"), loader_peek_id(e), i);
		loader_keys(ld, e, point_keys, COUNT(point_keys), ctx);
		p->loc = loader_loc(ld, e);
		loader_id(ld, e, &p->id, ctx);
		loader_int(ld, e, "semaine", true, 1, s->weeks, 1, &p->week,
		    ctx);
		loader_int(ld, e, "delai", true, 5, 240, 20, &p->deadline, ctx);
		loader_text(ld, e, "titre", true, SCENARIO_TITLE_MAX, &p->title, ctx);
		loader_prose(ld, e, "consigne", false, 1000, &p->prompt, ctx);
		p->risks_prompt = xstrdup(_("Risques et aléas rencontrés, et "
		    "comment vous les avez traités."));
		p->arbitrations_prompt = xstrdup(_("Arbitrages réalisés "
		    "(management, budget) et leurs raisons."));
		p->tracking_prompt = xstrdup(_("Suivi : budget, prestataires, "
		    "livrables, délais."));
		if ((parts = loader_group(ld, e, "parties", false, ctx))) {
			loader_keys(ld, parts, part_keys, COUNT(part_keys),
			    ctx);
			loader_prose(ld, parts, "risques", false, 600,
			    &p->risks_prompt, ctx);
			loader_prose(ld, parts, "arbitrages", false, 600,
			    &p->arbitrations_prompt, ctx);
			loader_prose(ld, parts, "suivi", false, 600,
			    &p->tracking_prompt, ctx);
		}
		loader_int(ld, e, "mots_max", false, 50, 2000, 300,
		    &p->max_words, ctx);
		LOADER_UNIQUE(ld, e, s->status_points, s->nstatus_points,
		    _("point de situation"));
		s->nstatus_points++;
		free(ctx);
	}
}

static const char *const scoring_keys[] = {
	"poids", "tolerance_budget", "qualite_cible", "accessibilite", "e3"
};
static const char *const a11y_keys[] = {
	"referentiel", "cible", "obligatoire"
};

static void
loader_scoring(struct loader *ld, const config_setting_t *root)
{
	static const int	 default_weights[RESULT_DIMENSION_COUNT] = {
	    30, 20, 20, 10, 20 };
	static const int	 default_e3[E3_CRITERION_COUNT] = {
	    10, 10, 10, 15, 10, 10, 15, 20 };
	struct scoring		*sc = &ld->s->scoring;
	config_setting_t	*g, *w, *a;
	const char		*ctx = _("la notation");
	int			 i;

	memcpy(sc->weights, default_weights, sizeof sc->weights);
	memcpy(sc->e3, default_e3, sizeof sc->e3);
	sc->budget_tolerance = 5;
	sc->quality_target = 70;
	sc->accessibility_standard = xstrdup("RGAA 4.1");
	sc->accessibility_target = 75;
	sc->loc = sc->weights_loc = sc->e3_loc = loader_loc(ld, root);
	if ((g = loader_group(ld, root, "notation", false, _("le scénario")))
	    == NULL)
		return;
	sc->loc = sc->weights_loc = sc->e3_loc = loader_loc(ld, g);
	loader_keys(ld, g, scoring_keys, COUNT(scoring_keys), ctx);
	if ((w = loader_group(ld, g, "poids", false, ctx)) != NULL) {
		sc->weights_loc = loader_loc(ld, w);
		loader_keys(ld, w, scenario_result_keys, RESULT_DIMENSION_COUNT,
		    ctx);
		for (i = 0; i < RESULT_DIMENSION_COUNT; i++)
			loader_int(ld, w, scenario_result_keys[i], false, 0,
			    100, 0, &sc->weights[i], ctx);
	}
	loader_int(ld, g, "tolerance_budget", false, 0, 50, 5,
	    &sc->budget_tolerance, ctx);
	loader_int(ld, g, "qualite_cible", false, 1, 100, 70,
	    &sc->quality_target, ctx);
	if ((a = loader_group(ld, g, "accessibilite", false, ctx)) != NULL) {
		loader_keys(ld, a, a11y_keys, COUNT(a11y_keys), ctx);
		loader_text(ld, a, "referentiel", false, SCENARIO_NAME_MAX,
		    &sc->accessibility_standard, ctx);
		loader_int(ld, a, "cible", false, 0, 100, 75,
		    &sc->accessibility_target, ctx);
		loader_bool(ld, a, "obligatoire", false,
		    &sc->accessibility_required, ctx);
	}
	if ((w = loader_group(ld, g, "e3", false, ctx)) != NULL) {
		sc->e3_loc = loader_loc(ld, w);
		loader_keys(ld, w, scenario_e3_keys, E3_CRITERION_COUNT, ctx);
		for (i = 0; i < E3_CRITERION_COUNT; i++)
			loader_int(ld, w, scenario_e3_keys[i], false, 0, 100,
			    0, &sc->e3[i], ctx);
	}
}

/* libconfig's terse syntax errors, explained. */
static void
loader_syntax_error(struct loader *ld, const config_t *cfg)
{
	const char	*text = config_error_text(cfg), *file, *p, *q;
	int		 line = config_error_line(cfg), fline, n;
	const char	*hint = "";

	if (line < 1)
		line = 1;
	/* Look at the offending line and the one before for a likely cause. */
	for (p = ld->src->text, n = 1; n < line && *p != '\0'; p++)
		if (*p == '\n')
			n++;
	while (*p == ' ' || *p == '\t')
		p++;
	q = p;
	while (q > ld->src->text + 1 && (q[-1] == '\n' || q[-1] == ' ' ||
	    q[-1] == '\t' || q[-1] == '\r') && q - 1 > ld->src->text)
		q--;
	if (strcmp(text, "syntax error") == 0) {
		if ((*p == '{' || *p == '(') && q > ld->src->text &&
		    (q[-1] == '}' || q[-1] == ')'))
			hint = _(" : virgule manquante entre deux éléments de "
			    "liste ?");
		else
			hint = _(" : point-virgule, signe « = », accolade ou "
			    "guillemet manquant ici ou juste avant ?");
		text = _("erreur de syntaxe");
	} else if (strcmp(text, "duplicate setting name") == 0)
		text = _("réglage défini deux fois dans le même groupe");
	file = source_locate(ld->src, line, &fline);
	diag_add(ld->diag, DIAG_ERROR, file, fline, "%s%s", text, hint);
}

/* Runs one loader_* section, noting whether it reported an error. */
#define LOADER_SECTION(ld, name, call) do {				\
	size_t	 before_ = (ld)->diag->errors - (ld)->text_errors;	\
	call;								\
	(ld)->bad.name = (ld)->diag->errors - (ld)->text_errors > before_; \
} while (0)

/*
 * The parts of scenario_check whose sections all loaded without error: a
 * section with an error may hold a dangling reference or a default value
 * standing for a wrong one, and the check would follow it or judge it.
 * A text refused for its form (too long, a control character) is read by
 * no check, so it counts for nothing here; of the header, only "semaines"
 * matters, which every plan check reads.
 */
static unsigned
loader_parts(const struct loader *ld)
{
	const struct loader_bad	*b = &ld->bad;
	unsigned		 parts = 0;
	bool			 plan;

	plan = !b->weeks && !b->budget && !b->skills && !b->staff &&
	    !b->packages && !b->suppliers;
	if (!b->objectives && !b->packages && !b->scoring)
		parts |= SCENARIO_CHECK_WEIGHTS;
	if (plan)
		parts |= SCENARIO_CHECK_PLAN;
	if (plan && !b->objectives && !b->tools && !b->incidents)
		parts |= SCENARIO_CHECK_INCIDENTS;
	if (plan && !b->tools)
		parts |= SCENARIO_CHECK_OFFERS;
	return parts;
}

static enum scenario_load_status
loader_run(struct source *src, struct scenario **out, struct diag *d,
    size_t errors)
{
	struct loader		 ld;
	config_t		 cfg;
	config_setting_t	*root;
	int			 i;

	memset(&ld, 0, sizeof ld);
	ld.diag = d;
	ld.src = src;
	config_init(&cfg);
	if (config_read_string(&cfg, src->text) == CONFIG_FALSE) {
		loader_syntax_error(&ld, &cfg);
		config_destroy(&cfg);
		source_release(src);
		return SCENARIO_LOAD_INVALID;
	}
	ld.s = scenario_new();
	root = config_root_setting(&cfg);
	/* Which sections loaded cleanly: see loader_parts(). */
	LOADER_SECTION(&ld, header, loader_header(&ld, root));
	LOADER_SECTION(&ld, budget, loader_budget(&ld, root));
	LOADER_SECTION(&ld, objectives, loader_objectives(&ld, root));
	LOADER_SECTION(&ld, skills, loader_skills(&ld, root));
	LOADER_SECTION(&ld, staff, loader_staff(&ld, root));
	LOADER_SECTION(&ld, roles, loader_roles(&ld, root));
	LOADER_SECTION(&ld, tools, loader_tools(&ld, root));
	LOADER_SECTION(&ld, packages, loader_packages(&ld, root));
	LOADER_SECTION(&ld, suppliers, loader_suppliers(&ld, root));
	LOADER_SECTION(&ld, incidents, loader_incidents(&ld, root));
	LOADER_SECTION(&ld, points, loader_status_points(&ld, root));
	LOADER_SECTION(&ld, scoring, loader_scoring(&ld, root));
	/* The model keeps the file names for its locations, and its text. */
	ld.s->source_text = xstrdup(src->text);
	ld.s->files = src->files;
	ld.s->nfiles = src->nfiles;
	src->files = NULL;
	src->nfiles = 0;
	/*
	 * Meaning is checked part by part, on the sections it reads, so that
	 * "toutes les erreurs d'un coup" holds after a schema error too.
	 */
	scenario_validate_parts(ld.s, d, loader_parts(&ld));
	for (i = 0; i < ld.npackage_ids; i++)
		free(ld.package_ids[i]);
	free(ld.package_ids);
	for (i = 0; i < ld.nincident_ids; i++)
		free(ld.incident_ids[i]);
	free(ld.incident_ids);
	config_destroy(&cfg);
	source_release(src);
	if (d->errors > errors) {
		scenario_free(ld.s);
		return SCENARIO_LOAD_INVALID;
	}
	*out = ld.s;
	return SCENARIO_LOAD_OK;
}

enum scenario_load_status
scenario_load_text(const char *path, const char *text, size_t len,
    struct scenario **out, struct diag *d)
{
	struct source	 src;
	size_t		 errors = d->errors;

	*out = NULL;
	if (source_load_text(&src, path, text, len, d) != SOURCE_OK) {
		source_release(&src);
		return SCENARIO_LOAD_INVALID;
	}
	return loader_run(&src, out, d, errors);
}

enum scenario_load_status
scenario_load(const char *path, struct scenario **out, struct diag *d)
{
	struct source	 src;
	size_t		 errors = d->errors;

	*out = NULL;
	switch (source_load(&src, path, d)) {
	case SOURCE_OK:
		return loader_run(&src, out, d, errors);
	case SOURCE_UNREADABLE:
		source_release(&src);
		return SCENARIO_LOAD_UNREADABLE;
	default:
		source_release(&src);
		return SCENARIO_LOAD_INVALID;
	}
}
