/*
 * fuzz.h - shared set-up of the libFuzzer targets (fuzz/fuzz-*.c): the
 * parser initialised once, diagnostics counted but not printed, PO files
 * read in this process (a child's coverage would be invisible).
 */
#ifndef L10N_FUZZ_H
#define L10N_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "catalog.h"
#include "diag.h"
#include "xmlio.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void
fuzz_init(void)
{
	xmlio_init();
	catalog_init();
	catalog_set_in_process(1);
}

static inline void
fuzz_diag(struct diag *d)
{
	diag_init(d);
	d->out = getenv("FUZZ_VERBOSE") ? stderr : NULL;
}

#endif
