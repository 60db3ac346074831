/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_PARSE_H
#define NXC_PARSE_H

#include <stdbool.h>
#include <stddef.h>

/* Option values. Each returns false for anything but the whole string being valid. */

/* A decimal count: digits only, no sign, within size_t. */
bool nxc_parse_size(const char *s, size_t *out);
/* A number of seconds: finite and not negative ("2", "0.5"). */
bool nxc_parse_seconds(const char *s, double *out);

#endif
