/* fuzz-xml.c - XML (DocBook) extraction (see fuzz-extract.h). */
#include "fuzz-extract.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return extract_one(data, size, XMLIO_XML, "fuzz.xml");
}
