#ifndef NXC_UTF8_H
#define NXC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one UTF-8 sequence at p (len > 0 bytes available): its length with *cp set, or 0 when
 * the bytes there are not valid UTF-8 (overlong forms, surrogates, past U+10FFFF, cut short).
 */
size_t nxc_utf8_decode(const unsigned char *p, size_t len, uint32_t *cp);

#endif
