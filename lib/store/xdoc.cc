/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The binding's documents being built: terms, postings, values and data. */

#include "store/xapian_shim.hh"

extern "C" int nx__xdoc_new(struct nx__xdoc **out) noexcept
{
    *out = nullptr;
    try {
        *out = new nx__xdoc;
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" void nx__xdoc_free(struct nx__xdoc *doc) noexcept
{
    delete doc;
}

extern "C" int nx__xdoc_posting(struct nx__xdoc *doc, const char *term, size_t len,
                                uint32_t pos) noexcept
{
    try {
        doc->doc.add_posting(nx__xstr(term, len), pos, 1);
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xdoc_term(struct nx__xdoc *doc, const char *term, size_t len,
                             unsigned int wdf) noexcept
{
    try {
        doc->doc.add_term(nx__xstr(term, len), wdf);
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xdoc_boolean(struct nx__xdoc *doc, const char *term, size_t len) noexcept
{
    try {
        doc->doc.add_boolean_term(nx__xstr(term, len));
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xdoc_value(struct nx__xdoc *doc, unsigned int slot, const char *value,
                              size_t len) noexcept
{
    try {
        doc->doc.add_value(slot, nx__xstr(value, len));
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xdoc_data(struct nx__xdoc *doc, const char *data, size_t len) noexcept
{
    try {
        doc->doc.set_data(nx__xstr(data, len));
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}
