/* build-id.c - the build ID of the running program. */
#define _GNU_SOURCE
#include "build-id.h"

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fsutil.h"
#include "hash.h"
#include "xalloc.h"

static char id[2 * 64 + 1];

/* The NT_GNU_BUILD_ID note of the main program (the first object
 * dl_iterate_phdr() reports). */
static int
find_note(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)(const void *)p;
			size_t name = (nh->n_namesz + 3) & ~(size_t)3;
			size_t desc = (nh->n_descsz + 3) & ~(size_t)3;
			const unsigned char *d = (const unsigned char *)(p + sizeof *nh + name);
			if (sizeof *nh + name + desc > (size_t)(end - p))
				break;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    memcmp(p + sizeof *nh, "GNU", 4) == 0 && nh->n_descsz > 0 &&
			    nh->n_descsz <= 64) {
				for (size_t k = 0; k < nh->n_descsz; k++)
					snprintf(id + 2 * k, 3, "%02x", d[k]);
				return 1;
			}
			p += sizeof *nh + name + desc;
		}
	}
	return 1;	/* only the main program */
}

const char *
l10n_build_id(void)
{
	if (id[0] != '\0')
		return id;
	dl_iterate_phdr(find_note, NULL);
	if (id[0] == '\0') {
		struct strbuf sb = STRBUF_INIT;
		struct diag quiet;
		diag_init(&quiet);
		quiet.out = NULL;
		if (read_file(&quiet, "/proc/self/exe", (size_t)-1, &sb) == 0) {
			uint64_t h[2];
			hash_bytes128(sb.buf, sb.len, h);
			snprintf(id, sizeof id, "%016llx%016llx", (unsigned long long)h[0],
			    (unsigned long long)h[1]);
		}
		strbuf_release(&sb);
	}
	if (id[0] == '\0')
		snprintf(id, sizeof id, "%s %s", __DATE__, __TIME__);
	return id;
}
