#!/bin/sh
# The whole game of test_play_game.sh again, in a 120x40 terminal: the
# same day (framing, incidents, kill -9 and restart, status point, launch,
# results) must flow at the size of a laptop's full screen too.
PLAY_COLS=120 PLAY_ROWS=40 sh "$(dirname "$0")/test_play_game.sh" >"${TMPDIR:-/tmp}/play_game_120x40.$$" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	sed 's/^/  120x40 /' "${TMPDIR:-/tmp}/play_game_120x40.$$"
	rm -f "${TMPDIR:-/tmp}/play_game_120x40.$$"
	echo "ÉCHEC (play_game_120x40)"
	exit 1
fi
rm -f "${TMPDIR:-/tmp}/play_game_120x40.$$"
echo "ok play_game_120x40"
