/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "newsidx.h"

/* Large enough for a path plus a Xapian message; longer messages are cut, never allocated. */
enum { MESSAGE_MAX = 1024 };

static _Thread_local char message[MESSAGE_MAX];
static _Thread_local nx_error last = {NX_OK, NULL}; /* message set on each use */

/* Formatted apart, then copied: an argument may be the last message itself ("... (%s)",
 * nx_error_last()->message), which formatting in place would overwrite while reading it. */
int nx__error_set(int code, const char *fmt, ...)
{
    char text[MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    memcpy(message, text, sizeof message);
    last.code = code;
    last.message = message;
    return code;
}

void nx__error_clear(void)
{
    message[0] = '\0';
    last.code = NX_OK;
    last.message = message;
}

const nx_error *nx_error_last(void)
{
    last.message = message;
    return &last;
}

const char *nx_strerror(int code)
{
    switch (code) {
    case NX_OK:
        return "success";
    case NX_DONE:
        return "no more items";
    case NX_ERROR:
        return "unexpected failure";
    case NX_ENOMEM:
        return "out of memory";
    case NX_EINVAL:
        return "invalid argument";
    case NX_ENOTFOUND:
        return "not found";
    case NX_ELOCKED:
        return "index is locked by another writer";
    case NX_ECORRUPT:
        return "index is corrupt";
    case NX_EQUERY:
        return "query syntax error";
    case NX_EIO:
        return "input/output error";
    case NX_EMODIFIED:
        return "index changed under a reader";
    case NX_EINPUT:
        return "invalid input";
    case NX_ELIMIT:
        return "a documented limit was exceeded";
    case NX_ETIMEOUT:
        return "timed out";
    default:
        return "unknown error code";
    }
}
