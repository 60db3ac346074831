# SPDX-License-Identifier: GPL-2.0-or-later
"""An article as stored: what Db.put takes and Db.get returns."""

from dataclasses import asdict, dataclass
from typing import Optional


@dataclass
class Article:
    """id: stable id (None or "": derived from the content); date: a day "YYYY-MM-DD";
    body: UTF-8 text, paragraphs separated by blank lines."""

    body: str
    id: Optional[str] = None
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None

    def as_dict(self):
        return asdict(self)
