/*
 * cmd.h - the subcommands, one file each (src/cmd-NAME.c), dispatched
 * from the table in main.c.  For main.c and the cmd-*.c files only.
 *
 * To add a command: write src/cmd-NAME.c with int cmd_NAME(int, char **)
 * using getopt_long and a usage(status) function; declare it here; add a
 * line to commands[] in main.c; document it in README.md; add tests under
 * tests/.
 */
#ifndef L10N_CMD_H
#define L10N_CMD_H

int cmd_extract(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_its(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_plural_forms(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_pseudo(int argc, char **argv);
int cmd_languages(int argc, char **argv);
int cmd_clean_temps(int argc, char **argv);

/* Print "Try 'l10n CMD --help'" (status != 0) and exit with STATUS. */
void cmd_try_help(const char *cmd, int status) __attribute__((noreturn));

#endif
