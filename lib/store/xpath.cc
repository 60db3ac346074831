/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What lies at an index path, for the exception mapper (a "not found" from Xapian may be
 * something there that is not an index) and for opening (a writer never creates an index among
 * someone else's files, and clears what a creation cut short left).
 */

#include "store/xapian_shim.hh"

#include "util/error.h"

#include <cstring>
#include <string>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Files that a glass database, or its creation cut short, leaves in its directory: the lock,
 * the version file and its next version "v.tmp" (written before any table), the tables. */
static bool xapian_file(const char *name) noexcept
{
    size_t n = std::strlen(name);
    return std::strcmp(name, "flintlock") == 0 || std::strcmp(name, "iamglass") == 0 ||
           std::strcmp(name, "v.tmp") == 0 || (n > 6 && std::strcmp(name + n - 6, ".glass") == 0);
}

/* Does the directory `path` hold any entry (only_foreign: any that is not Xapian's)? */
static bool dir_holds(const char *path, bool only_foreign) noexcept
{
    DIR *dir = opendir(path);
    if (!dir)
        return false;
    bool found = false;
    for (struct dirent *de; !found && (de = readdir(dir)) != nullptr;)
        found = std::strcmp(de->d_name, ".") != 0 && std::strcmp(de->d_name, "..") != 0 &&
                !(only_foreign && xapian_file(de->d_name));
    closedir(dir);
    return found;
}

static bool exists_in(const std::string &dir, const char *name)
{
    struct stat st;
    return stat((dir + "/" + name).c_str(), &st) == 0;
}

/* Is every table file of the folder empty (a creation cut short writes nothing into them)? */
static bool tables_empty(const std::string &dir) noexcept
{
    DIR *d = opendir(dir.c_str());
    if (!d)
        return true;
    bool empty = true;
    for (struct dirent *de; empty && (de = readdir(d)) != nullptr;) {
        size_t n = std::strlen(de->d_name);
        struct stat st;
        if (n > 6 && std::strcmp(de->d_name + n - 6, ".glass") == 0 &&
            stat((dir + "/" + de->d_name).c_str(), &st) == 0 && st.st_size > 0)
            empty = false;
    }
    closedir(d);
    return empty;
}

/* Is the write lock of the index at `dir` free? Xapian locks "flintlock" with an fcntl lock
 * (open file description lock on Linux), which F_GETLK sees. */
static bool lock_free(const std::string &dir)
{
    int fd = open((dir + "/flintlock").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    struct flock fl;
    std::memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    bool free_now = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK;
    close(fd);
    return free_now;
}

/*
 * Glass creates its tables, the postlist last, and then renames its version file into place
 * as "iamglass". Killed in between, it leaves a postlist with no version file: Xapian then
 * takes the folder for a database and fails to open it, for ever. No revision was ever
 * committed there, so when no writer holds the lock (one that does is still creating it) the
 * postlist goes, and the next creation starts over.
 */
void nx__xpath_clear_cut_short_creation(const char *path)
{
    const std::string dir = path;
    if (exists_in(dir, "postlist.glass") && !exists_in(dir, "iamglass") && tables_empty(dir) &&
        lock_free(dir))
        unlink((dir + "/postlist.glass").c_str());
}

/*
 * Is the index at `path` whole? Glass always has its version file and the postlist and
 * termlist tables; it creates docdata.glass and position.glass lazily, with the first document
 * that has data or positions. Every newsidx passage has both, so an index holding documents
 * (`doccount`, read from the version file; pass 0 when unknown) needs them too. Xapian opens
 * a database without a lazy table as if the table were empty, and a writer would go on adding
 * to it: a missing table is damage (NX_ECORRUPT), named.
 */
extern "C" int nx__xpath_check_whole(const char *path, uint64_t doccount) noexcept
{
    try {
        const std::string dir = path;
        if (!exists_in(dir, "iamglass"))
            return nx__error_set(NX_ECORRUPT,
                                 "'%s' is a damaged index: its version file 'iamglass' is missing",
                                 path);
        static const char *const always[] = {"postlist.glass", "termlist.glass"};
        static const char *const with_docs[] = {"docdata.glass", "position.glass"};
        for (const char *t : always)
            if (!exists_in(dir, t))
                return nx__error_set(NX_ECORRUPT, "'%s' is a damaged index: table '%s' is missing",
                                     path, t);
        for (const char *t : with_docs)
            if (doccount > 0 && !exists_in(dir, t))
                return nx__error_set(NX_ECORRUPT,
                                     "'%s' is a damaged index: table '%s' is missing (it holds "
                                     "%llu passages)",
                                     path, t, (unsigned long long)doccount);
        return NX_OK;
    } catch (...) {
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
}

/* Does the folder hold a cut-short creation rather than an index whose version file is gone?
 * Glass writes nothing into a table before the first commit, so all tables are empty. */
bool nx__xpath_cut_short(const char *path)
{
    const std::string dir = path;
    return !exists_in(dir, "iamglass") && tables_empty(dir);
}

bool nx__xpath_is_dir(const char *path, bool *exists) noexcept
{
    struct stat st;
    *exists = path && stat(path, &st) == 0;
    return *exists && S_ISDIR(st.st_mode);
}

int nx__xpath_not_found_code(const char *path) noexcept
{
    bool exists;
    if (!nx__xpath_is_dir(path, &exists))
        return exists ? NX_ECORRUPT : NX_ENOTFOUND;
    return dir_holds(path, false) ? NX_ECORRUPT : NX_ENOTFOUND;
}

int nx__xpath_missing_index(const char *path) noexcept
{
    bool exists;
    nx__xpath_is_dir(path, &exists);
    return nx__error_set(NX_ENOTFOUND, exists ? "'%s' holds no index" : "'%s' does not exist",
                         path);
}

/* A writer may create an index in a missing or empty directory, or one a creation cut short
 * left, but not among someone else's files (a home folder named by mistake). */
bool nx__xpath_foreign_dir(const char *path)
{
    bool exists;
    if (!nx__xpath_is_dir(path, &exists))
        return false;
    return !exists_in(path, "iamglass") && dir_holds(path, true);
}
