/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: the search page's files, compiled in (server/page/, cmake/embed.cmake). */
#include <string.h>

#include "serve.h"

extern const unsigned char nxs_page_index_html[], nxs_page_page_js[], nxs_page_page_css[];
extern const size_t nxs_page_index_html_len, nxs_page_page_js_len, nxs_page_page_css_len;

bool nxs_page_find(struct nxs_asset *out, const char *url)
{
    const struct {
        const char *path, *type;
        const unsigned char *data;
        const size_t *len;
    } files[] = {
        {"/", "text/html; charset=utf-8", nxs_page_index_html, &nxs_page_index_html_len},
        {"/page.js", "text/javascript; charset=utf-8", nxs_page_page_js, &nxs_page_page_js_len},
        {"/page.css", "text/css; charset=utf-8", nxs_page_page_css, &nxs_page_page_css_len},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (strcmp(url, files[i].path) == 0) {
            out->type = files[i].type;
            out->data = files[i].data;
            out->len = *files[i].len;
            return true;
        }
    return false;
}
