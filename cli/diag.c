/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"

static const char *progname = "newsidx";

void nxc_set_progname(const char *name)
{
    progname = name;
}

const char *nxc_progname(void)
{
    return progname;
}

void nxc_write_safe(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t n = nx_utf8_decode(&cp, (const char *)p + i, len - i);
        if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            fputc('?', f);
            i += n ? n : 1;
            continue;
        }
        fwrite(p + i, 1, n, f);
        i += n;
    }
}

void nxc_puts_safe(FILE *f, const char *s)
{
    if (s)
        nxc_write_safe(f, s, strlen(s));
}

/* Format into a buffer that grows as needed; NULL when out of memory. */
static char *vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

static void verror(const char *fmt, va_list ap)
{
    char *msg = vformat(fmt, ap);
    fprintf(stderr, "%s: ", progname);
    nxc_puts_safe(stderr, msg ? msg : "out of memory");
    fputc('\n', stderr);
    free(msg);
}

void nxc_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
}

void nxc_diag(const char *path, unsigned long line, const char *message)
{
    fprintf(stderr, "%s: ", progname);
    nxc_puts_safe(stderr, path ? path : "-");
    if (line > 0)
        fprintf(stderr, ":%lu", line);
    fputs(": ", stderr);
    nxc_puts_safe(stderr, message ? message : "unknown problem");
    fputc('\n', stderr);
}

int nxc_try_help(void)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    return 2;
}

int nxc_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
    return nxc_try_help();
}

bool nxc_close_stdout(void)
{
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int saved = errno;
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        saved = errno;
    }
    if (failed) {
        if (saved != 0)
            nxc_error("write error: %s", strerror(saved));
        else
            nxc_error("write error");
    }
    return !failed;
}
