// CNcurses: ncursesw (wide-character ncurses) as one Swift module.
//
// SwiftPM drops the -D flags from `pkg-config --cflags ncursesw`, so the
// wide-character API is switched on here, before curses.h is seen. Every Swift
// module must reach curses.h through this header only, or clang sees two
// different `struct _win_st` ("'_win_st' has different definitions").
//
// Swift cannot import function-like macros (getmaxyx, COLOR_PAIR is fine),
// bit-pattern macros (the A_* attributes), the ACS_*/WACS_* line-drawing
// tables, or use the mutable globals stdscr/COLS/LINES under Swift 6 strict
// concurrency. The static inline functions below stand in for them.
#ifndef BPTUTOR_CNCURSES_H
#define BPTUTOR_CNCURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>

// --- locale ----------------------------------------------------------------

/// The codeset of the current LC_CTYPE locale ("UTF-8", "ANSI_X3.4-1968", ...).
static inline const char *bpnc_codeset(void) { return nl_langinfo(CODESET); }

// --- screen globals --------------------------------------------------------

static inline WINDOW *bpnc_stdscr(void) { return stdscr; }
static inline int bpnc_cols(void) { return COLS; }
static inline int bpnc_lines(void) { return LINES; }
static inline int bpnc_colors(void) { return COLORS; }
static inline int bpnc_color_pairs(void) { return COLOR_PAIRS; }

// --- window geometry (getmaxyx and friends are macros) ---------------------

static inline void bpnc_getmaxyx(const WINDOW *win, int *rows, int *cols) {
    int y, x;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}
static inline void bpnc_getyx(const WINDOW *win, int *row, int *col) {
    int y, x;
    getyx(win, y, x);
    *row = y;
    *col = x;
}
static inline void bpnc_getbegyx(const WINDOW *win, int *row, int *col) {
    int y, x;
    getbegyx(win, y, x);
    *row = y;
    *col = x;
}

// --- attributes ------------------------------------------------------------

static inline attr_t bpnc_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t bpnc_A_STANDOUT(void) { return A_STANDOUT; }
static inline attr_t bpnc_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t bpnc_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t bpnc_A_BLINK(void) { return A_BLINK; }
static inline attr_t bpnc_A_DIM(void) { return A_DIM; }
static inline attr_t bpnc_A_BOLD(void) { return A_BOLD; }
static inline attr_t bpnc_A_ITALIC(void) { return A_ITALIC; }
static inline attr_t bpnc_A_INVIS(void) { return A_INVIS; }
static inline attr_t bpnc_A_ALTCHARSET(void) { return A_ALTCHARSET; }
static inline attr_t bpnc_A_COLOR(void) { return A_COLOR; }
static inline attr_t bpnc_A_CHARTEXT(void) { return A_CHARTEXT; }
static inline attr_t bpnc_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// --- line drawing ----------------------------------------------------------
// Only meaningful after the screen is started (newterm fills the tables).

/// The narrow ACS character for a VT100 line-drawing code ('l' = upper-left corner, 'q' = horizontal line, ...).
static inline chtype bpnc_acs(char code) { return NCURSES_ACS(code); }
/// The wide (WACS) character for the same codes, for wadd_wch and friends.
static inline const cchar_t *bpnc_wacs(char code) { return NCURSES_WACS(code); }

static inline const cchar_t *bpnc_WACS_ULCORNER(void) { return WACS_ULCORNER; }
static inline const cchar_t *bpnc_WACS_URCORNER(void) { return WACS_URCORNER; }
static inline const cchar_t *bpnc_WACS_LLCORNER(void) { return WACS_LLCORNER; }
static inline const cchar_t *bpnc_WACS_LRCORNER(void) { return WACS_LRCORNER; }
static inline const cchar_t *bpnc_WACS_HLINE(void) { return WACS_HLINE; }
static inline const cchar_t *bpnc_WACS_VLINE(void) { return WACS_VLINE; }
static inline const cchar_t *bpnc_WACS_LTEE(void) { return WACS_LTEE; }
static inline const cchar_t *bpnc_WACS_RTEE(void) { return WACS_RTEE; }
static inline const cchar_t *bpnc_WACS_TTEE(void) { return WACS_TTEE; }
static inline const cchar_t *bpnc_WACS_BTEE(void) { return WACS_BTEE; }
static inline const cchar_t *bpnc_WACS_PLUS(void) { return WACS_PLUS; }

static inline chtype bpnc_ACS_ULCORNER(void) { return ACS_ULCORNER; }
static inline chtype bpnc_ACS_URCORNER(void) { return ACS_URCORNER; }
static inline chtype bpnc_ACS_LLCORNER(void) { return ACS_LLCORNER; }
static inline chtype bpnc_ACS_LRCORNER(void) { return ACS_LRCORNER; }
static inline chtype bpnc_ACS_HLINE(void) { return ACS_HLINE; }
static inline chtype bpnc_ACS_VLINE(void) { return ACS_VLINE; }

// --- text ------------------------------------------------------------------
// printw/wprintw are variadic and cannot be called from Swift; format in Swift
// and use these (n counts bytes, not columns: truncate by display width first).

static inline int bpnc_mvwaddnstr(WINDOW *win, int row, int col, const char *text, int n) {
    return mvwaddnstr(win, row, col, text, n);
}


// --- terminfo --------------------------------------------------------------

/// A string capability of the current terminal ("rmcup", "cnorm", ...), or NULL
/// when it is absent or not a string (tigetstr's (char *)-1).
static inline const char *bpnc_tigetstr(const char *name) {
    char *value = tigetstr(name);
    if (value == (char *)-1) return NULL;
    return value;
}

#endif
