/* cmds.h: the subcommands of dumplab, one entry each in main.c's table. */
#ifndef HX_CMDS_H
#define HX_CMDS_H

/*
 * Each takes the arguments after its own name (argv[0] is the subcommand's
 * name) and returns the process exit code: 0 success, 1 failure, 2 usage.
 * Only main() turns that into an exit.
 */
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_run(int argc, char **argv);  /* cmd-run.c */
int cmd_list(int argc, char **argv); /* cmd-run.c */
int cmd_read(int argc, char **argv); /* cmd-read.c */
int cmd_capture(int argc, char **argv); /* cmd-capture.c */
int cmd_ladder(int argc, char **argv); /* cmd-ladder.c */
int cmd_report(int argc, char **argv); /* cmd-report.c */
int cmd_lab(int argc, char **argv); /* cmd-lab.c */

/*
 * cmd-run.c: the scenario files the words name (NAME in the scenario
 * directory, or a FILE), all of the directory's when there are none, in
 * *paths (free with cmd_free_paths). Returns 0, or 2 after printing why.
 */
int cmd_resolve(char **words, int nwords, char ***paths, size_t *n);
void cmd_free_paths(char **p, size_t n);

#endif
