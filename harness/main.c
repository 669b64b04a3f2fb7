/* main.c: the dumplab binary: one table of subcommands (iproute2's ip.c). */
#include <stdio.h>
#include <string.h>

#include "harness/cmds.h"
#include "harness/hx.h"

#ifndef DUMPLAB_VERSION
#define DUMPLAB_VERSION "0.1"
#endif

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
} cmds[] = {
	{ "help", cmd_help, "help                      this text" },
	{ "version", cmd_version, "version                   print dumplab's version" },
	{ "run", cmd_run, "run [-q|-v] [-j N] [--tap[=13|14]] [--junit F] [--out DIR]\n"
			  "                [--html DIR] [--shard K/N|auto] [--color=WHEN] [NAME|FILE...]\n"
			  "                                    run scenarios in parallel (all by default)" },
	{ "report", cmd_report, "report merge [-o OUT] FILE...\n"
				"                                    join the JUnit or TAP reports of a run's shards" },
	{ "list", cmd_list, "list [NAME|FILE...]       the scenario catalogue" },
	{ "read", cmd_read, "read [options] -r FILE [FILTER]\n"
			    "                                    print a savefile exactly as tcpdump 4.99 does" },
	{ "capture", cmd_capture, "capture [options] [FILTER]\n"
				  "                                    capture live: print as tcpdump does, or write savefiles\n"
				  "                                    with -w -G -C -W -z -Z" },
	{ "lab", cmd_lab, "lab up|shell|exec|status|check|down ..., lab NAME\n"
			  "                                    keep a scenario's hosts up to type the seed's commands in,\n"
			  "                                    and judge your own savefiles" },
	{ "ladder", cmd_ladder, "ladder [--svg|--html] [-S] [-n] [-c N] -r FILE [FILTER]\n"
				"                                    draw a savefile's TCP conversations as ladders (text,\n"
				"                                    or SVG flow graphs)" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

int cmd_help(int argc, char **argv)
{
	size_t i;

	(void)argc;
	(void)argv;
	printf("usage: dumplab COMMAND [ARGS...]\n\n"
	       "dumplab reproduces the classic tcpdump experiments as scenarios\n"
	       "and prints captures exactly as tcpdump 4.99 does.\n\n"
	       "commands:\n");
	for (i = 0; i < NCMDS; i++)
		printf("  dumplab %s\n", cmds[i].usage);
	printf("\n'dumplab COMMAND --help' describes one command.\n");
	return 0;
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("dumplab %s\n", DUMPLAB_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		cmd_help(0, NULL);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return cmd_help(0, NULL);
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
		return cmd_version(0, NULL);
	for (i = 0; i < NCMDS; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "dumplab: unknown command '%s' (see 'dumplab help')\n",
		HX_Q(argv[1]));
	return 2;
}
