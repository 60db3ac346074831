/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx.h must compile alone, as strict C99. */
#include "newsidx.h"

int header_test_c(void);
int header_test_c(void)
{
    nx_search_opts o = NX_SEARCH_OPTS_INIT;
    return o.version == NX_SEARCH_OPTS_VERSION && NX_VERSION_CHECK(0, 0, 1) ? 0 : 1;
}
