/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_HTTP_H
#define NX_HTTP_H

#include <stddef.h>

#include "util/buf.h"

/* An HTTP response as a web archive keeps it: status, content type, and the body decoded from
 * its transfer encoding (chunked) and content encoding (gzip, deflate). */
typedef struct nx__http {
    int status;
    char type[64];    /* media type, lower case, without parameters; "" when not given */
    char charset[64]; /* the charset parameter; "" when not given */
    const char *body; /* the decoded body: into the message or into buf; borrowed */
    size_t body_len;
    nx__buf buf, tmp;
} nx__http;

void nx__http_init(nx__http *h);
void nx__http_release(nx__http *h);
/*
 * Parse the response msg[0..len): the body stays in msg when it has no encoding. NX_EINPUT for
 * a malformed status line, header or chunk, or an unknown content encoding; NX_ECORRUPT for
 * damaged compressed data; NX_ELIMIT when decoding passes max_body bytes.
 */
int nx__http_parse(nx__http *h, const char *msg, size_t len, size_t max_body);

#endif
