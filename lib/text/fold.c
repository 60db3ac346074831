/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/fold.h"

#include <utf8proc.h>

unsigned int nx__fold_cp_props(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return NX__CP_LETTER | NX__CP_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return NX__CP_LETTER | NX__CP_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return NX__CP_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return NX__CP_MARK;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return NX__CP_DIGIT;
    default:
        return 0;
    }
}

static size_t put(char *dst, const char *s)
{
    size_t n = 0;
    while (s[n]) {
        dst[n] = s[n];
        n++;
    }
    return n;
}

/* Letters that NFKD leaves alone but readers treat as accented Latin, and the Cyrillic й,
 * which NFKD would turn into и + breve. NULL: fold normally. */
static const char *special(int32_t cp)
{
    switch (cp) {
    case 0x0131: /* ı */
        return "i";
    case 0x0141: /* Ł */
    case 0x0142:
        return "l";
    case 0x00D8: /* Ø */
    case 0x00F8:
        return "o";
    case 0x0110: /* Đ */
    case 0x0111:
        return "d";
    case 0x00C6: /* Æ */
    case 0x00E6:
        return "ae";
    case 0x0152: /* Œ */
    case 0x0153:
        return "oe";
    case 0x0419: /* Й */
    case 0x0439:
        return "\xD0\xB9";
    default:
        return NULL;
    }
}

static size_t encode(int32_t cp, char *dst)
{
    const char *sp = special(cp);
    if (sp)
        return put(dst, sp);
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)dst);
}

size_t nx__fold_cp(int32_t cp, char *dst)
{
    enum { MAXCP = NX__FOLD_MAX / 4 };
    const utf8proc_option_t opts = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                   UTF8PROC_STRIPMARK | UTF8PROC_IGNORE;
    if (cp < 0x80) {
        dst[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        return 1;
    }
    if (special(cp) || (cp >= 0xAC00 && cp <= 0xD7A3)) /* Hangul: keep the syllable */
        return encode(cp, dst);
    utf8proc_int32_t cps[MAXCP];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, cps, MAXCP, opts, &boundclass);
    if (n < 0 || n > MAXCP) /* unassigned or too long: keep it as written */
        return encode(cp, dst);
    size_t len = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++)
        len += encode(cps[i], dst + len);
    return len;
}
