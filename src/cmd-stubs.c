/* temporary */
#include "cmd.h"
int cmd_update(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_build(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_stats(int argc, char **argv) { (void)argc; (void)argv; return 2; }
