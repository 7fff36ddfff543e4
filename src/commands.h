/*
 * commands.h - the entry point of each plumber command (git's builtin.h).
 *
 * Each takes the arguments after the command name (argv[0] is the command
 * name itself) and returns the process exit code (enum exit_code).
 */
#ifndef PLUMBER_COMMANDS_H
#define PLUMBER_COMMANDS_H

int cmd_lint(int argc, const char **argv);
int cmd_explain(int argc, const char **argv);
int cmd_watch(int argc, const char **argv);

/* Each command's manual page beyond its option table (base/manpage.h). */
struct man_page;
extern const struct man_page man_lint, man_explain, man_watch;

#endif
