/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small helpers shared by the bench programs (C and C++): clocks, resource usage,
 * percentiles, JSON string output and reading a file line by line.
 * Header-only (static functions) so that each program stays one translation unit.
 */
#ifndef NX_BENCHUTIL_H
#define NX_BENCHUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static inline double bu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* User + system CPU seconds of this process so far. */
static inline double bu_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* Peak resident set size in KiB. */
static inline long bu_maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static inline int bu_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile (p in 0..100) of v[0..n); sorts v in place. */
static inline double bu_percentile(double *v, size_t n, double p)
{
    size_t k;
    if (n == 0)
        return 0.0;
    qsort(v, n, sizeof *v, bu_cmp_double);
    if (p >= 100.0)
        return v[n - 1];
    k = (size_t)(p / 100.0 * (double)n + 0.999999);
    if (k == 0)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

/* Median (mean of the two middle values for even n); sorts v in place. */
static inline double bu_median(double *v, size_t n)
{
    if (n == 0)
        return 0.0;
    qsort(v, n, sizeof *v, bu_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Write s as a JSON string literal (UTF-8 passed through, controls escaped). */
static inline void bu_json_str(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* Read one line without its newline into *buf (grown with realloc); -1 at EOF. */
static inline long bu_getline(char **buf, size_t *cap, FILE *f)
{
    long n = (long)getline(buf, cap, f);
    if (n < 0)
        return -1;
    while (n > 0 && ((*buf)[n - 1] == '\n' || (*buf)[n - 1] == '\r'))
        (*buf)[--n] = '\0';
    return n;
}

/* Lines of a text file, empty lines skipped; *n_out set; free with bu_lines_free. */
static inline char **bu_read_lines(const char *path, size_t *n_out)
{
    FILE *f = fopen(path, "r");
    char **v = NULL, *line = NULL;
    size_t n = 0, cap = 0, lcap = 0;
    *n_out = 0;
    if (!f)
        return NULL;
    while (bu_getline(&line, &lcap, f) >= 0) {
        if (!line[0])
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = (char **)realloc(v, cap * sizeof *v);
        }
        v[n++] = strdup(line);
    }
    free(line);
    fclose(f);
    *n_out = n;
    return v;
}

static inline void bu_lines_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/*
 * Print the latency JSON for nq queries x reps samples held in lat[q * reps + r] (seconds).
 * hits[q] is the number of results of query q; failed counts queries that returned an error
 * (their latencies are still included, so a non-zero count makes the figures suspect).
 */
static inline void bu_print_latency(const char *system, char **queries, size_t nq, size_t reps,
                                    double *lat, const size_t *hits, size_t failed)
{
    double *all = (double *)malloc(nq * reps * sizeof *all);
    memcpy(all, lat, nq * reps * sizeof *all);
    printf("{\"format\": 1, \"system\": ");
    bu_json_str(stdout, system);
    printf(", \"queries\": %zu, \"reps\": %zu, \"failed\": %zu", nq, reps, failed);
    printf(", \"median_ms\": %.4f", bu_median(all, nq * reps) * 1e3);
    printf(", \"p99_ms\": %.4f", bu_percentile(all, nq * reps, 99.0) * 1e3);
    printf(", \"per_query\": [");
    for (size_t q = 0; q < nq; q++) {
        double *v = lat + q * reps;
        printf("%s{\"query\": ", q ? ", " : "");
        bu_json_str(stdout, queries[q]);
        printf(", \"hits\": %zu, \"median_ms\": %.4f", hits[q], bu_median(v, reps) * 1e3);
        printf(", \"p99_ms\": %.4f}", bu_percentile(v, reps, 99.0) * 1e3);
    }
    printf("]}\n");
    free(all);
}

#endif
