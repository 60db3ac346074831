/* SPDX-License-Identifier: GPL-2.0-or-later */
// newsidx.h must compile alone from C++.
#include "newsidx.h"

int header_test_cc();
int header_test_cc()
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    return o.version == NX_OPEN_OPTS_VERSION ? 0 : 1;
}
