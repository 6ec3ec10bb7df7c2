# pilote — plain GNU make build (no autotools).
#
#   make          build ./pilote
#   make run      build and play the default scenario
#   make test     every test: unit (plain and ASan+UBSan), scenario corpus
#                 (plain and sanitized), fuzz corpus replay, valgrind,
#                 end-to-end terminal tests
#   make fuzz     run the libFuzzer harnesses for FUZZ_SECONDS each
#   make bench    print timings (never asserted)
#   make install / uninstall (PREFIX, DESTDIR), make clean, make pot
#
# Missing Debian packages are installed by `make deps` (run by the targets
# above that need them), with sudo when not root.

.SUFFIXES:
.DELETE_ON_ERROR:
# Keep intermediate objects (the fuzz build), never rebuild them for nothing.
.SECONDARY:

PROG		= pilote
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
DATADIR		?= $(PREFIX)/share/$(PROG)
MANDIR		?= $(PREFIX)/share/man
LOCALEDIR	?= $(PREFIX)/share/locale
PKG_CONFIG	?= pkg-config
INSTALL		?= install
CC		?= cc
CLANG		?= clang
FUZZ_SECONDS	?= 60

CFLAGS		?= -O2 -g
# make V=1 shows the full commands.
ifeq ($(V),1)
Q		=
say		= @true
else
Q		= @
say		= @printf '  %-6s %s\n'
endif
WARN		= -Wall -Wextra -Werror -Wpedantic -Wshadow -Wformat=2 \
		  -Wwrite-strings -Wstrict-prototypes -Wmissing-prototypes \
		  -Wold-style-definition -Wpointer-arith -Wcast-qual -Wundef \
		  -Wvla -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough \
		  -Wmissing-declarations -Wredundant-decls -Wnested-externs
BASE_CPPFLAGS	= -Isrc -D_GNU_SOURCE -DLOCALEDIR='"$(LOCALEDIR)"' \
		  -DPILOTE_DATADIR='"$(DATADIR)"'
ALL_CFLAGS	= -std=c11 $(WARN) $(CFLAGS)

# Lazily expanded (=): the packages may only exist once `deps` has run.
PKGS		= ncursesw libconfig jansson libcjson libsodium
PKG_CFLAGS	= $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS	= $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS	= $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

SAN_FLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=all
# The sanitized build also checks the engine's state invariants after every
# applied event (game_check_invariants, core/invariants.c) and aborts.
SAN_CPPFLAGS	= -DPILOTE_CHECK_INVARIANTS

SRC_LIB		= $(wildcard src/util/*.c src/core/*.c src/io/*.c src/tui/*.c \
		    src/cli/*.c)
UNIT_SRC	= $(wildcard tests/unit/test_*.c)
FUZZ_SRC	= $(wildcard tests/fuzz/fuzz_*.c)

# Three builds of the same sources: plain, sanitized, fuzzing (clang).
OBJ		= $(SRC_LIB:%.c=build/plain/%.o)
SAN_OBJ		= $(SRC_LIB:%.c=build/san/%.o)
FUZZ_OBJ	= $(filter-out build/fuzz/src/tui/% build/fuzz/src/cli/%, \
		    $(SRC_LIB:%.c=build/fuzz/%.o))
UNIT		= $(UNIT_SRC:tests/unit/%.c=build/plain/tests/%)
SAN_UNIT	= $(UNIT_SRC:tests/unit/%.c=build/san/tests/%)
FUZZERS		= $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

all: $(PROG)

# --- Debian packages -------------------------------------------------------

# module:package pairs probed with pkg-config, then commands:package pairs.
BUILD_DEPS	= ncursesw:libncurses-dev libconfig:libconfig-dev \
		  jansson:libjansson-dev libcjson:libcjson-dev \
		  libsodium:libsodium-dev \
		  cmocka:libcmocka-dev
TEST_TOOLS	= tmux:tmux clang:clang valgrind:valgrind chromium:chromium \
		  pdftotext:poppler-utils ssh:openssh-client
# sshd is probed by its path: /usr/sbin is not in every account's PATH.
SSHD		= /usr/sbin/sshd
FUZZ_RUNTIME	= /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a

define install_missing
	@missing=""; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing="pkg-config"; \
	for pair in $(1); do \
		mod=$${pair%%:*}; pkg=$${pair#*:}; \
		$(PKG_CONFIG) --exists $$mod 2>/dev/null || missing="$$missing $$pkg"; \
	done; \
	for pair in $(2); do \
		cmd=$${pair%%:*}; pkg=$${pair#*:}; \
		command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	$(3) \
	if [ -n "$$missing" ]; then \
		echo "pilote : installation des paquets Debian manquants :$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
		    --no-install-recommends $$missing >/dev/null || \
		{ echo "pilote : échec de l'installation de :$$missing" >&2; exit 1; }; \
		echo "pilote : paquets installés :$$missing"; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_DEPS),)

test-deps:
	$(call install_missing,$(BUILD_DEPS),$(TEST_TOOLS), \
	    [ -f $(FUZZ_RUNTIME) ] || missing="$$missing libclang-rt-14-dev"; \
	    [ -x $(SSHD) ] || missing="$$missing openssh-server";)

# --- the program ----------------------------------------------------------

$(PROG): $(OBJ) build/plain/src/main.o
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/plain/%.o: %.c | deps
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(BASE_CPPFLAGS) $(CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) \
	    -MMD -MP -c -o $@ $<

build/san/%.o: %.c | deps
	@mkdir -p $(@D)
	$(say) CC-SAN $<
	$(Q)$(CC) $(BASE_CPPFLAGS) $(SAN_CPPFLAGS) $(CPPFLAGS) $(ALL_CFLAGS) \
	    $(SAN_FLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/san/$(PROG): $(SAN_OBJ) build/san/src/main.o
	$(say) LD-SAN $@
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

run: $(PROG)
	./$(PROG) play scenarios/lancement-hydra.cfg

# --- tests ------------------------------------------------------------------

build/plain/tests/%: tests/unit/%.c $(OBJ) | deps
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(BASE_CPPFLAGS) -Itests $(ALL_CFLAGS) $(PKG_CFLAGS) \
	    $(CMOCKA_CFLAGS) $(WRAP) -o $@ $< $(OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_OBJ) | deps
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(BASE_CPPFLAGS) $(SAN_CPPFLAGS) -Itests $(ALL_CFLAGS) \
	    $(SAN_FLAGS) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) $(WRAP) -o $@ $< \
	    $(SAN_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

# Per-test link-time fakes: the journal's tests inject I/O failures.
build/plain/tests/test_journal build/san/tests/test_journal: \
    WRAP = -Wl,--wrap=write -Wl,--wrap=fdatasync

# SIGKILLs a journal writer at random moments (tests/journal_crash.c).
build/plain/tests/journal_crash: tests/journal_crash.c $(OBJ) | deps
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(BASE_CPPFLAGS) -Itests $(ALL_CFLAGS) $(PKG_CFLAGS) \
	    -o $@ $< $(OBJ) $(PKG_LIBS)

# A session host and six consoles as separate processes: load, SIGKILLs of
# the host, join codes and what a team sees at the socket
# (tests/host_load.c); the host's benchmark shares the harness.
HARNESS		= tests/host_harness.c
build/plain/tests/host_load: tests/host_load.c $(HARNESS) \
    tests/host_harness.h $(OBJ) | deps
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(BASE_CPPFLAGS) -Itests $(ALL_CFLAGS) $(PKG_CFLAGS) \
	    -o $@ $< $(HARNESS) $(OBJ) $(PKG_LIBS)

build/san/tests/host_load: tests/host_load.c $(HARNESS) \
    tests/host_harness.h $(SAN_OBJ) | deps
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(BASE_CPPFLAGS) -Itests $(ALL_CFLAGS) $(SAN_FLAGS) \
	    $(PKG_CFLAGS) -o $@ $< $(HARNESS) $(SAN_OBJ) $(PKG_LIBS)

# The attack suite's console that obeys no rule (tests/attack/).
build/plain/tests/rawclient: tests/attack/rawclient.c | deps
	@mkdir -p $(@D)
	$(say) TEST $@
	$(Q)$(CC) $(BASE_CPPFLAGS) $(ALL_CFLAGS) -o $@ $<

# libconfig 1.5 leaks on syntax errors (fixed upstream in 1.7.3).
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1

# The tests sign with a key of their own, never the account's.
test: export PILOTE_TRAINER_KEY := $(CURDIR)/build/test-keys/formateur.key
test: test-deps
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory $(PROG) build/san/$(PROG) $(UNIT) $(SAN_UNIT) $(FUZZERS)
	@sh tests/run_unit.sh $(UNIT) $(SAN_UNIT)
	@$(MAKE) --no-print-directory build/plain/tests/journal_crash
	@build/plain/tests/journal_crash build/journal-crash
	@$(MAKE) --no-print-directory build/plain/tests/host_load \
	    build/san/tests/host_load
	@build/plain/tests/host_load ./$(PROG) build/host-load
	@build/san/tests/host_load build/san/$(PROG) build/host-load-san
	@sh tests/doc_coverage.sh
	@sh tests/help_man.sh ./$(PROG)
	@sh tests/check_corpus.sh ./$(PROG) build/san/$(PROG)
	@sh tests/fuzz_replay.sh $(FUZZERS)
	@sh tests/valgrind.sh ./$(PROG)
	@sh tests/e2e/run.sh ./$(PROG)
	@$(MAKE) --no-print-directory build/plain/tests/rawclient
	@sh tests/attack/run.sh ./$(PROG) build/plain/tests/rawclient
	@echo "make test : tout est passé"

check: test

# Effect keywords, read from core/effects' table (its rows and the qualifiers
# of effect_ref_keys); lot, membre and prestataire are also the arguments of
# team commands (attribuer lot=...), which screens send, so they are left out.
EFFECT_KEYS := $(shell sed -n 's/^\t\[EFFECT_[A-Z_]*\] = { "\([a-z_]*\)".*/\1/p' src/core/effects.c) \
	$(filter-out lot membre prestataire,$(shell sed -n '/^const char \*const effect_ref_keys/,/^};/{/^\t"/{s/[",]//g;p;};}' src/core/effects.c))

# The engine stays free of UI, file formats and stdio; no screen spells an
# effect (the preview is the engine's, see core/effects.h); src/tui holds no
# mutable static or global variable (a declaration with "static" or at file
# scope whose every level is not const): where the user is lives in each
# screen's state (tui/app.h, struct screen).  Function-pointer variables are
# not seen by this grep.
check-layers:
	@! grep -n '#include <\(n\?curses\|ncursesw/curses\|libconfig\|stdio\|jansson\|cjson/cJSON\)\.h>' \
	    src/core/*.[ch] || { echo 'src/core ne doit inclure ni curses, ni libconfig, ni stdio, ni jansson, ni cJSON'; exit 1; }
	@! grep -n '#include "\(tui\|cli\|io\)/' src/core/*.[ch] src/util/*.[ch] \
	    || { echo 'src/core et src/util ne dépendent que de la libc'; exit 1; }
	@! grep -n '#include <\(n\?curses\|ncursesw/curses\)\.h>' src/io/*.[ch] src/cli/*.[ch] \
	    || { echo 'seuls src/tui et main.c voient curses'; exit 1; }
	@test $(words $(EFFECT_KEYS)) -ge 10 || { echo "check-layers : mots-clés d'effets introuvables dans src/core/effects.c"; exit 1; }
	@! for k in $(EFFECT_KEYS); do grep -n "\"$$k\"\|[^a-z_]$$k=" src/tui/*.[ch]; done | grep . \
	    || { echo 'src/tui ne nomme aucun effet : il les décrit par core/effects (effects_describe)'; exit 1; }
	@! { grep -nE '^[[:space:]]*static[[:space:]][^(]*(;|=)' src/tui/*.c | \
	    grep -vE ':[[:space:]]*static[[:space:]]+const[[:space:]]+[^*=;]*(\*[[:space:]]*const[[:space:]]+[^*=;]*)*(=|;)'; \
	    grep -nE '^[a-z_][^(]*(;|=)' src/tui/*.c | \
	    grep -vE ':(static[[:space:]]+)?const[[:space:]]+[^*=;]*(\*[[:space:]]*const[[:space:]]+[^*=;]*)*(=|;)|:(typedef|extern|static)[[:space:]]|:(enum|struct|union)[[:space:]]+[a-z_]+[[:space:]]*\{'; } | grep . \
	    || { echo "src/tui n'a pas d'état mutable hors des écrans : il vit dans l'état de chaque écran (struct screen)"; exit 1; }
	@echo "couches : ok"

# --- fuzzing --------------------------------------------------------------

build/fuzz/%.o: %.c | deps
	@mkdir -p $(@D)
	$(say) CC-FUZZ $<
	$(Q)$(CLANG) $(BASE_CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	    $(PKG_CFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(say) FUZZER $@
	$(Q)$(CLANG) $(BASE_CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	    $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz: test-deps
	@$(MAKE) --no-print-directory $(FUZZERS)
	@for f in $(FUZZERS); do \
		name=$${f##*/fuzz_}; \
		mkdir -p build/fuzz/new-$$name; \
		echo "fuzz $$name : $(FUZZ_SECONDS) s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		    -dict=tests/fuzz/$$name.dict build/fuzz/new-$$name \
		    tests/fuzz/corpus/$$name || exit 1; \
	done
	@echo "Nouvelles entrées dans build/fuzz/new-* : copiez les utiles dans tests/fuzz/corpus/."

# --- benchmarks -----------------------------------------------------------

build/plain/bench_journal: tests/bench_journal.c $(OBJ) | deps
	$(say) BENCH $@
	$(Q)$(CC) $(BASE_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(OBJ) \
	    $(PKG_LIBS)

build/plain/bench_host: tests/bench_host.c $(HARNESS) tests/host_harness.h \
    $(OBJ) | deps
	$(say) BENCH $@
	$(Q)$(CC) $(BASE_CPPFLAGS) -Itests $(ALL_CFLAGS) $(PKG_CFLAGS) -o $@ $< \
	    $(HARNESS) $(OBJ) $(PKG_LIBS)

# The measuring primitive of make bench: CPU time and peak RSS of runs.
build/plain/bench_run: tests/bench_run.c | deps
	@mkdir -p $(@D)
	$(say) BENCH $@
	$(Q)$(CC) $(BASE_CPPFLAGS) $(ALL_CFLAGS) -o $@ $<

bench: $(PROG) build/plain/bench_journal build/plain/bench_host \
    build/plain/bench_run
	$(call install_missing,,jq:jq)
	@sh tests/bench.sh ./$(PROG) build/plain/bench_journal build/plain/bench_run
	@sh tests/bench_host.sh ./$(PROG) build/plain/bench_host build/plain/bench_run
	@sh tests/bench_replay.sh ./$(PROG) build/plain/bench_journal
	@sh tests/bench_tui.sh ./$(PROG)

# --- installation ---------------------------------------------------------

install: $(PROG)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/scenarios/catalogue \
	    $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 0755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	$(INSTALL) -m 0644 scenarios/*.cfg scenarios/README.md \
	    scenarios/classe-exemple.csv $(DESTDIR)$(DATADIR)/scenarios/
	$(INSTALL) -m 0644 scenarios/catalogue/*.cfg \
	    $(DESTDIR)$(DATADIR)/scenarios/catalogue/
	$(INSTALL) -m 0644 man/pilote.1 $(DESTDIR)$(MANDIR)/man1/pilote.1

# Exactly what install put there, then the directories it made if empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(PROG) $(DESTDIR)$(MANDIR)/man1/pilote.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(wildcard scenarios/*.cfg \
	    scenarios/catalogue/*.cfg) scenarios/README.md \
	    scenarios/classe-exemple.csv)
	-rmdir $(DESTDIR)$(DATADIR)/scenarios/catalogue \
	    $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR) 2>/dev/null

# The objects that hold the installation paths are rebuilt when the paths
# change (make install PREFIX=/usr after a build for /usr/local): the stamp
# is rewritten only then.
PATHS_STAMP	= build/paths.stamp
$(PATHS_STAMP): FORCE
	@mkdir -p build
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ 2>/dev/null || \
	    echo '$(DATADIR) $(LOCALEDIR)' >$@
FORCE:
.PHONY: FORCE
$(addprefix build/plain/,src/cli/brief.o src/cli/cli.o src/main.o) \
$(addprefix build/san/,src/cli/brief.o src/cli/cli.o src/main.o): $(PATHS_STAMP)

# --- translations ---------------------------------------------------------

pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --package-name=pilote --package-version=0.1.0 \
	    -o po/pilote.pot $(sort $(wildcard src/*/*.c src/*.c))

clean:
	rm -rf build $(PROG)

.PHONY: all deps test-deps run test check check-layers fuzz bench install \
	uninstall pot clean
-include $(shell find build -name '*.d' 2>/dev/null)
