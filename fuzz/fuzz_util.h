/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_FUZZ_UTIL_H
#define NX_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Shared by the fuzz targets. A broken invariant calls fz_fail(), which prints what broke and
 * traps, so that libFuzzer saves the input as a crash.
 */

#define FZ_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fz_fail(__FILE__, __LINE__, #cond);                                                    \
    } while (0)

_Noreturn void fz_fail(const char *file, int line, const char *what);

/* True when s[0..len) is valid UTF-8 (the library's one definition: nx__utf8_check). */
int fz_utf8_ok(const char *s, size_t len);

/*
 * Put data[0..size) into an in-memory file and read every article from it with the reader
 * (nx__reader_open / nx__reader_next), checking each record and that the reader ends.
 */
void fz_read_all(const uint8_t *data, size_t size);

#endif
