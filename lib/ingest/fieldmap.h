/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_FIELDMAP_H
#define NX_FIELDMAP_H

/* JSON field names; NULL members mean the default ("id", "title", ...). */
typedef struct nx__fieldmap {
    char *id, *title, *date, *source, *url, *body;
} nx__fieldmap;

/* Parse "id=uid,body=text" into a map (unnamed fields keep their defaults). NX_EINVAL with a
 * message for an unknown field or a missing '='. */
int nx__fieldmap_parse(nx__fieldmap *map, const char *spec);
void nx__fieldmap_release(nx__fieldmap *map);

#endif
