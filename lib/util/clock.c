/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/clock.h"

#include <time.h>

double nx__clock_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
