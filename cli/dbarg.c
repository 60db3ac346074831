/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "dbarg.h"

#include <stdlib.h>

#include "diag.h"

int nxc_db_arg(const char **db)
{
    if (*db)
        return 0;
    const char *env = getenv(NXC_DB_ENV);
    if (env && *env) {
        *db = env;
        return 0;
    }
    return nxc_usage_error("missing --db PATH (or " NXC_DB_ENV " in the environment)");
}
