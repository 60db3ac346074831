/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one place C++ exceptions become nx_codes (DESIGN decision 2, STYLE section 4): every
 * function of the binding, and of the query layer's ranking, that calls Xapian hands the
 * exception in flight to nx__xfail() from its catch (...).
 */

#include "store/xapian_shim.hh"

#include "util/error.h"

#include <exception>
#include <new>

/* The system error behind a Xapian error ("No space left on device"), or "". Xapian formats
 * it lazily and may allocate: failing that only loses the detail. */
static const char *sys_error(const Xapian::Error &e) noexcept
{
    try {
        const char *s = e.get_error_string();
        return s ? s : "";
    } catch (...) {
        return "";
    }
}

/* "'path': Type: message (system error)": the index named when known, and for a failed write
 * the reason (a full disk, a read-only file system) that Xapian keeps apart from the message. */
static int xerr(int code, const Xapian::Error &e, const char *path) noexcept
{
    const char *sys = sys_error(e);
    return nx__error_set(code, "%s%s%s%s: %s%s%s%s", path ? "'" : "", path ? path : "",
                         path ? "': " : "", e.get_type(), e.get_msg().c_str(), *sys ? " (" : "",
                         sys, *sys ? ")" : "");
}

int nx__xfail(const char *path, int db_error) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xerr(NX_ELOCKED, e, path);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        int code = nx__xpath_not_found_code(path);
        return code == NX_ENOTFOUND && path ? nx__xpath_missing_index(path) : xerr(code, e, path);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xerr(NX_EMODIFIED, e, path);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xerr(NX_ECORRUPT, e, path);
    } catch (const Xapian::DatabaseVersionError &e) {
        return xerr(NX_ECORRUPT, e, path);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return xerr(NX_ECORRUPT, e, path);
    } catch (const Xapian::DocNotFoundError &e) {
        return xerr(NX_ENOTFOUND, e, path);
    } catch (const Xapian::QueryParserError &e) {
        return xerr(NX_EQUERY, e, path);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xerr(NX_EINVAL, e, path);
    } catch (const nx__xtimeout &) {
        return nx__error_set(NX_ETIMEOUT, "the search took longer than its time limit");
    } catch (const Xapian::NetworkTimeoutError &e) {
        return xerr(NX_ETIMEOUT, e, path);
    } catch (const Xapian::NetworkError &e) {
        return xerr(NX_EIO, e, path);
    } catch (const Xapian::DatabaseCreateError &e) {
        bool exists;
        return xerr(!nx__xpath_is_dir(path, &exists) && exists ? NX_ECORRUPT : NX_EIO, e, path);
    } catch (const Xapian::DatabaseError &e) {
        return xerr(*sys_error(e) ? db_error : NX_ECORRUPT, e, path);
    } catch (const Xapian::Error &e) {
        return xerr(NX_ERROR, e, path);
    } catch (const std::bad_alloc &) {
        return nx__error_set(NX_ENOMEM, "out of memory");
    } catch (const std::exception &e) {
        return nx__error_set(NX_ERROR, "%s", e.what());
    } catch (...) {
        return nx__error_set(NX_ERROR, "unknown C++ exception");
    }
}
