/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HTML extraction (lib/ingest/html.c, htmltext.c): any bytes as a page, with and without a charset
 * given by a transport. The fields that come back must be valid UTF-8, the body without blank
 * runs longer than a paragraph break and without leading or trailing white space. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "ingest/html.h"
#include "newsidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *s)
{
    if (s)
        FZ_CHECK(fz_utf8_ok(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nx__page p;
    nx__html_page_init(&p);
    /* Byte 0 chooses the charset hint, so both paths get explored. */
    static const char *const hints[] = {NULL, "windows-1251", "ISO-8859-1", "no-such-charset"};
    const char *hint = size ? hints[data[0] & 3] : NULL;
    int rc = nx__html_extract(&p, (const char *)data, size, hint, "https://fuzz.example/page");
    FZ_CHECK(rc == NX_OK || rc == NX_EINPUT || rc == NX_ENOMEM);
    if (rc == NX_OK) {
        FZ_CHECK(p.body.len > 0 && p.body.len == strlen(p.body.data));
        FZ_CHECK(fz_utf8_ok(p.body.data, p.body.len));
        FZ_CHECK(!strstr(p.body.data, "\n\n\n"));
        FZ_CHECK(p.body.data[0] != ' ' && p.body.data[0] != '\n');
        FZ_CHECK(p.body.data[p.body.len - 1] != ' ' && p.body.data[p.body.len - 1] != '\n');
        check_field(p.title);
        check_field(p.source);
        check_field(p.url);
        FZ_CHECK(!p.date || strlen(p.date) == 10);
    }
    nx__html_page_release(&p);
    return 0;
}
