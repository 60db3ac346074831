/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: answers as JSON documents in memory, errors with their status. */
#include <stdarg.h>
#include <stdlib.h>

#include "serve.h"

bool nxs_reply_begin(struct nxs_reply *rp, unsigned int status)
{
    if (rp->f) { /* an answer already begun is replaced */
        fclose(rp->f);
        free(rp->body);
    }
    rp->status = status;
    rp->body = NULL;
    rp->len = 0;
    rp->f = open_memstream(&rp->body, &rp->len);
    if (!rp->f)
        return false;
    nxc_json_init(&rp->j, rp->f);
    return true;
}

bool nxs_reply_end(struct nxs_reply *rp)
{
    if (!rp->f)
        return false;
    bool ok = !ferror(rp->f);
    ok = fclose(rp->f) == 0 && ok;
    rp->f = NULL;
    return ok;
}

bool nxs_reply_error(struct nxs_reply *rp, unsigned int status, const char *code, const char *fmt,
                     ...)
{
    char message[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (!nxs_reply_begin(rp, status))
        return false;
    nxc_json_begin_object(&rp->j);
    nxc_json_key(&rp->j, "error");
    nxc_json_begin_object(&rp->j);
    nxc_json_kv_string(&rp->j, "code", code);
    nxc_json_kv_string(&rp->j, "message", message);
    nxc_json_end_object(&rp->j);
    nxc_json_end_object(&rp->j);
    return true;
}

const char *nxs_code_name(int code)
{
    static const char *const names[] = {
        "OK",     "ERROR", "ENOMEM",    "EINVAL", "ENOTFOUND", "ELOCKED",  "ECORRUPT",
        "EQUERY", "EIO",   "EMODIFIED", "EINPUT", "ELIMIT",    "ETIMEOUT",
    };
    if (code <= 0 && -code < (int)(sizeof names / sizeof *names))
        return names[-code];
    return "ERROR";
}

unsigned int nxs_status_of(int code)
{
    switch (code) {
    case NX_EQUERY:
    case NX_EINVAL:
    case NX_EINPUT:
    case NX_ELIMIT: /* the library's limits are on the request: words of a query, a page */
        return 400;
    case NX_ENOTFOUND:
        return 404;
    case NX_ELOCKED:
        return 409;
    case NX_EMODIFIED:
        return 503; /* a writer outran every retry: try again */
    case NX_ETIMEOUT:
        return 503; /* a search ran over --max-time: the server is too busy, or it is too costly */
    }
    return 500;
}

bool nxs_reply_nx(struct nxs_reply *rp, int code)
{
    return nxs_reply_error(rp, nxs_status_of(code), nxs_code_name(code), "%s",
                           nx_error_last()->message);
}
