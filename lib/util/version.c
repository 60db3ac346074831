/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "newsidx.h"

const char *nx_version(void)
{
    return NX_VERSION_STRING;
}

void nx_free(void *p)
{
    free(p);
}
