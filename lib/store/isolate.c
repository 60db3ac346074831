/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Work on a possibly damaged index in a child process (isolate.h). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <sys/wait.h>
#include <unistd.h>

#include "newsidx.h"
#include "store/isolate.h"
#include "util/error.h"

static void write_all(int fd, const void *p, size_t len)
{
    const char *s = p;
    while (len) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

/* The child's answer: its code, the `out_len` bytes of out, then the message. */
static void answer(int fd, int rc, const void *out, size_t out_len)
{
    const char *msg = rc < 0 ? nx_error_last()->message : "";
    write_all(fd, &rc, sizeof rc);
    write_all(fd, out, out_len);
    write_all(fd, msg, strlen(msg));
}

/* Reads up to `cap` bytes; returns how many came before the end of the pipe. */
static size_t read_all(int fd, void *p, size_t cap)
{
    char *s = p;
    size_t got = 0;
    while (got < cap) {
        ssize_t n = read(fd, s + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    return got;
}

int nx__isolate_run(nx__isolate_fn fn, void *arg, void *out, size_t out_len, const char *path,
                    const char *doing)
{
    int fds[2];
    if (pipe(fds) != 0)
        return nx__error_set(NX_EIO, "'%s': %s: cannot start: %s", path, doing, strerror(errno));
    fflush(NULL); /* nothing buffered is written twice */
    /* Signals wait until the child has its default handlers: one arriving inside fork() would
     * run the caller's handler (a test framework's, which allocates) in a half-made child. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t pid = fork();
    int fork_errno = errno;
    if (pid != 0)
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return nx__error_set(NX_EIO, "'%s': %s: cannot start: %s", path, doing,
                             strerror(fork_errno));
    }
    if (pid == 0) {
        /* A crash ends the child: the caller's handlers (a test framework's) must not run on. */
        const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
        for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
            signal(fatal[i], SIG_DFL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        close(fds[0]);
        int rc = fn(arg, out);
        answer(fds[1], rc, out, out_len);
        _exit(0);
    }
    close(fds[1]);
    int rc = NX_ERROR, status = 0;
    char msg[1024];
    size_t head = read_all(fds[0], &rc, sizeof rc);
    size_t body = head == sizeof rc ? read_all(fds[0], out, out_len) : 0;
    size_t mlen = body == out_len ? read_all(fds[0], msg, sizeof msg - 1) : 0;
    msg[mlen] = '\0';
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status))
        return nx__error_set(NX_ECORRUPT, "'%s' is damaged: %s crashed (%s)", path, doing,
                             strsignal(WTERMSIG(status)));
    /* A whole answer stands whatever the exit status: a tool around the child (valgrind's
     * --error-exitcode, for errors inside libxapian's reads of damaged tables) may change it. */
    if (head != sizeof rc || body != out_len || !WIFEXITED(status))
        return nx__error_set(NX_ECORRUPT, "'%s' is damaged: %s failed (exit status %d)", path,
                             doing, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return rc < 0 ? nx__error_set(rc, "%s", msg) : rc;
}
