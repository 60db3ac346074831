/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_ERROR_H
#define NX_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Record `code` and a printf-style message as this thread's last error and return `code`, so
 * that callers can write `return nx__error_set(NX_EINVAL, "...")`. Never allocates: the message
 * is formatted into a fixed thread-local buffer and truncated if it does not fit.
 */
int nx__error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reset the last error to NX_OK with an empty message. */
void nx__error_clear(void);

#ifdef __cplusplus
}
#endif

#endif
