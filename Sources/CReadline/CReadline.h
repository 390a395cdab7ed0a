// CReadline: GNU readline and its history library, as one Swift module.
//
// readline.h uses FILE without including <stdio.h>, so stdio comes first.
//
// Swift 6 refuses to touch readline's mutable C globals (rl_readline_name,
// rl_line_buffer, rl_attempted_completion_function, ...) because they are
// "not concurrency-safe". readline is single-threaded by design and the
// Terminal module only calls it from the thread that reads input, so the
// globals are reached through these small accessors instead of through a
// blanket `@preconcurrency import`.
#ifndef BPTUTOR_CREADLINE_H
#define BPTUTOR_CREADLINE_H

#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// --- configuration (set once, before the first line is read) ---------------

static inline void bprl_set_readline_name(const char *name) { rl_readline_name = name; }

static inline void bprl_set_word_break_characters(const char *characters) {
    rl_basic_word_break_characters = characters;
    rl_completer_word_break_characters = characters;
}

static inline void bprl_set_attempted_completion_function(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/// NULL means the C library's stdin / stdout.
static inline void bprl_set_streams(FILE *input, FILE *output) {
    rl_instream = input ? input : stdin;
    rl_outstream = output ? output : stdout;
}

/// Signals: readline keeps its handlers installed for the whole time a line is
/// being read (not only inside rl_callback_read_char), so Ctrl-C, Ctrl-Z,
/// SIGTERM and SIGHUP that arrive while we wait in poll() are still handled by
/// readline (terminal restored first); the caller runs them with
/// rl_check_signals() when poll() returns EINTR. LINES/COLUMNS are left alone.
static inline void bprl_set_signal_policy(void) {
    rl_catch_signals = 1;
    rl_catch_sigwinch = 1;
    rl_persistent_signal_handlers = 1;
    rl_change_environment = 0;
}

// --- completion (only valid inside the attempted-completion callback) ------

static inline const char *bprl_line_buffer(void) { return rl_line_buffer; }
static inline void bprl_set_attempted_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void bprl_set_completion_suppress_append(int suppress) { rl_completion_suppress_append = suppress; }

// --- history ---------------------------------------------------------------

static inline int bprl_history_length(void) { return history_length; }

#endif
