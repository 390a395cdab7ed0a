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

// --- embedded in a full screen (the ncurses command bar) -------------------
// readline draws nothing and touches neither the terminal nor signals: keys come
// from ncurses through `getc`/`available`, `redisplay` only records the line.

typedef struct {
    rl_getc_func_t *getc_function;
    rl_hook_func_t *input_available_hook;
    rl_voidfunc_t *redisplay_function;
    rl_vintfunc_t *prep_term_function;
    rl_voidfunc_t *deprep_term_function;
    FILE *instream;
    FILE *outstream;
    int catch_signals;
    int catch_sigwinch;
    int change_environment;
    int persistent_signal_handlers;
} bprl_saved_settings;

static inline bprl_saved_settings bprl_save_settings(void) {
    bprl_saved_settings s;
    s.getc_function = rl_getc_function;
    s.input_available_hook = rl_input_available_hook;
    s.redisplay_function = rl_redisplay_function;
    s.prep_term_function = rl_prep_term_function;
    s.deprep_term_function = rl_deprep_term_function;
    s.instream = rl_instream;
    s.outstream = rl_outstream;
    s.catch_signals = rl_catch_signals;
    s.catch_sigwinch = rl_catch_sigwinch;
    s.change_environment = rl_change_environment;
    s.persistent_signal_handlers = rl_persistent_signal_handlers;
    return s;
}

static inline void bprl_restore_settings(bprl_saved_settings s) {
    rl_getc_function = s.getc_function;
    rl_input_available_hook = s.input_available_hook;
    rl_redisplay_function = s.redisplay_function;
    rl_prep_term_function = s.prep_term_function;
    rl_deprep_term_function = s.deprep_term_function;
    rl_instream = s.instream;
    rl_outstream = s.outstream;
    rl_catch_signals = s.catch_signals;
    rl_catch_sigwinch = s.catch_sigwinch;
    rl_change_environment = s.change_environment;
    rl_persistent_signal_handlers = s.persistent_signal_handlers;
}

static inline void bprl_set_embedded(rl_getc_func_t *getc_function, rl_hook_func_t *input_available,
                                     rl_voidfunc_t *redisplay, FILE *outstream) {
    rl_getc_function = getc_function;
    rl_input_available_hook = input_available;
    rl_redisplay_function = redisplay;
    rl_prep_term_function = NULL;
    rl_deprep_term_function = NULL;
    rl_outstream = outstream;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_persistent_signal_handlers = 0;
}

/// The prompt readline shows now (differs from ours during incremental search).
static inline const char *bprl_display_prompt(void) { return rl_display_prompt; }
/// The cursor as a byte offset into bprl_line_buffer().
static inline int bprl_point(void) { return rl_point; }
/// The length of the line in bytes.
static inline int bprl_end(void) { return rl_end; }


/// The sequences the command bar feeds for arrows, Home, End and Delete, bound in
/// the emacs keymap when nothing else is (readline binds some of them only from
/// the terminal's terminfo entry, which depends on TERM).
static inline void bprl_bind_cursor_keys(void) {
    Keymap map = emacs_standard_keymap;
    rl_bind_keyseq_if_unbound_in_map("\033[A", rl_get_previous_history, map);
    rl_bind_keyseq_if_unbound_in_map("\033[B", rl_get_next_history, map);
    rl_bind_keyseq_if_unbound_in_map("\033[C", rl_forward_char, map);
    rl_bind_keyseq_if_unbound_in_map("\033[D", rl_backward_char, map);
    rl_bind_keyseq_if_unbound_in_map("\033[H", rl_beg_of_line, map);
    rl_bind_keyseq_if_unbound_in_map("\033[F", rl_end_of_line, map);
    rl_bind_keyseq_if_unbound_in_map("\033[3~", rl_delete, map);
}

#endif
