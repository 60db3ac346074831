/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_CLOCK_H
#define NX_CLOCK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Seconds of CLOCK_MONOTONIC: for durations and deadlines, never for dates. */
double nx__clock_seconds(void);

#ifdef __cplusplus
}
#endif

#endif
