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
    if (exists_in(dir, "postlist.glass") && !exists_in(dir, "iamglass") && lock_free(dir))
        unlink((dir + "/postlist.glass").c_str());
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
