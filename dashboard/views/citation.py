"""The citation of the document a figure (or an event) comes from, and a dated link back to it.

``cite(dataset, record_id, words)`` gives a ``Citation`` of the record's source document:

- **text**, a plain author–date reference: ``Home Office (2025). UK and Vietnam sign agreement
  to tackle human trafficking. Published: Apr 2025 (inferred). Available at: https://….
  Date accessed not recorded.`` The publication date is written as every view writes it
  (``analysis.sourcedate``: inferred, "on or after" and undated dates say so); the address is
  the curated ``url`` (and ``archive_url``), the date accessed the curated ``accessed``, each
  said to be missing rather than invented. A document whose publisher is not named is cited
  by its title.
- **bibtex**, one ``@misc`` entry whose key is stable per source (its file name): every text
  field escaped for TeX, the year and month only when the document's date gives them.

Both in the language of ``words``: Vietnamese labels and Vietnamese dates (``3/4/2025``) with
``--lang vi``; the title and publisher stay the document's own. ``permalink`` is the view's
address with ``highlight=ID`` (the record whose source dialog opens) and ``v=VERSION`` (the
data version the link was made under).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from dashboard.analysis.sourcedate import source_date
from dashboard.curated.records import Dataset, DatePrecision, Source
from dashboard.words import Formatter, Words

CTX = "citation"
HIGHLIGHT, VERSION = "highlight", "v"  # the permalink's keys: the record to open, the data version
UNNAMED_PUBLISHER = "Publisher not named in the document"  # data/README.md, `sources`
MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)  # BibTeX's month macros
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_ENGLISH = Words("en")


@dataclass(frozen=True)
class Citation:
    record_id: str
    source: str  # the document's file name in seeds/
    text: str
    bibtex: str
    permalink: str = ""


class UnknownRecord(LookupError):
    """An id that is no figure or event: the message names the closest ids."""


def record_source(dataset: Dataset, record_id: str) -> Source:
    """The source document of figure or event ``record_id``; ``UnknownRecord`` (naming the
    closest ids) when there is none."""
    index = dataset._index
    record = index["figures"].get(record_id) or index["events"].get(record_id)
    if record is None or record.source not in index["sources"]:
        raise UnknownRecord(record_id)
    return index["sources"][record.source]


def close_ids(dataset: Dataset, record_id: str, n: int = 5) -> list[str]:
    """The figure and event ids nearest ``record_id`` in spelling (a typo, a part of an id)."""
    ids = [f.id for f in dataset.figures] + [e.id for e in dataset.events]
    near = difflib.get_close_matches(record_id, ids, n=n, cutoff=0.5)
    containing = [i for i in ids if record_id and record_id.lower() in i.lower() and i not in near]
    return (near + containing)[:n]


def cite(
    dataset: Dataset, record_id: str, words: Words | None = None, permalink: str = ""
) -> Citation:
    """The citation of the source of figure or event ``record_id`` in the language of ``words``."""
    words = words or _ENGLISH
    source = record_source(dataset, record_id)
    return Citation(
        record_id, source.file, cite_text(source, words), cite_bibtex(source, words), permalink
    )


# --- plain text ----------------------------------------------------------------------------


def _year(source: Source, words: Words) -> str:
    if source.published_how == "undated":
        return words.text("n.d.", CTX)
    return str(source.published.first_day.year)


def accessed_text(source: Source, words: Words) -> str:
    if source.accessed is None:
        return words.text("Date accessed not recorded.", CTX)
    return words.text("Accessed: {date}.", CTX, date=Formatter(words).date(source.accessed))


def cite_text(source: Source, words: Words | None = None) -> str:
    """``Publisher (year). Title. Published: date. Available at: url. Accessed: date.``"""
    words = words or _ENGLISH
    say = words.text
    named = source.publisher.strip() != UNNAMED_PUBLISHER
    parts = [
        say(
            "{author} ({year}).",
            CTX,
            author=source.publisher if named else source.title,
            year=_year(source, words),
        ),
        _sentence(source.title) if named else say("Publisher not named in the document.", CTX),
        say("Published: {date}.", CTX, date=source_date(source, words)),
        say("Available at: {url}.", CTX, url=source.url)
        if source.url
        else say("No web address recorded.", CTX),
    ]
    if source.archive_url:
        parts.append(say("Archived copy: {url}.", CTX, url=source.archive_url))
    parts.append(accessed_text(source, words))
    return " ".join(str(p) for p in parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


# --- BibTeX --------------------------------------------------------------------------------


def bibtex_key(source: Source) -> str:
    """``src:004_a5b9e0a33cb0cbfb``: from the document's file name, so the same document keeps
    its key whatever is corrected in its record."""
    stem = source.file.rsplit(".", 1)[0]
    return "src:" + (re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_") or "document")


def tex(text: str) -> str:
    """``text`` safe inside a braced BibTeX field: TeX's special characters escaped."""
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in " ".join(str(text).split()))


def tex_url(url: str) -> str:
    """A web address for BibTeX's ``url`` field: ``%`` and ``#`` escaped, braces and spaces
    percent-encoded (the address stays the same address)."""
    url = quote(url.strip(), safe=":/?&=+;,@!$'()*[]~%#-._")
    return url.replace("%", r"\%").replace("#", r"\#")


def cite_bibtex(source: Source, words: Words | None = None) -> str:
    """One ``@misc`` entry: author (braced, so a body is not split into names), title, year
    and month as far as the document's date goes, url and urldate when curated, and a note
    with the date as stated and what is not recorded, in the language of ``words``."""
    words = words or _ENGLISH
    fields: list[tuple[str, str]] = []
    if source.publisher.strip() != UNNAMED_PUBLISHER:
        fields.append(("author", "{{" + tex(source.publisher) + "}}"))
    fields.append(("title", "{{" + tex(source.title) + "}}"))
    if source.published_how != "undated":
        fields.append(("year", "{" + str(source.published.first_day.year) + "}"))
        if source.published.precision in (DatePrecision.MONTH, DatePrecision.DAY):
            fields.append(("month", MONTHS[source.published.first_day.month - 1]))
    if source.url:
        fields.append(("url", "{" + tex_url(source.url) + "}"))
    if source.accessed is not None:
        fields.append(("urldate", "{" + source.accessed.isoformat() + "}"))
    note = [words.text("Published: {date}.", CTX, date=source_date(source, words))]
    if source.archive_url:
        note.append(words.text("Archived copy: {url}.", CTX, url=source.archive_url))
    if source.accessed is None:
        note.append(words.text("Date accessed not recorded.", CTX))
    fields.append(("note", "{" + tex(" ".join(str(n) for n in note)) + "}"))
    fields.append(("langid", "{" + ("vietnamese" if source.language == "vi" else "english") + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{bibtex_key(source)},\n{body}\n}}"


# --- the dated permalink --------------------------------------------------------------------


def dated_link(address: str, version: str, record_id: str | None = None) -> str:
    """``address`` (a view's link, with its filters and language; ``""`` or ``?…`` alone is a
    query string) with ``v=version`` and, for a record, ``highlight=record_id`` in place of any
    it had. The one builder of a dated link: the permalink of a source dialog and the address
    the page writes as its filters change (``web.links.url_sync``) date a view alike."""
    parts = urlsplit(address)
    pairs = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in (HIGHLIGHT, VERSION)
    ]
    pairs += ([(HIGHLIGHT, record_id)] if record_id is not None else []) + [(VERSION, version)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), ""))


def permalink(address: str, record_id: str, version: str) -> str:
    """``address`` (a view's link, with its filters and language) with ``highlight=record_id``
    and ``v=version`` in place of any it had: opened, it shows that view with the record's
    source dialog open, and says if the figures changed since ``version``."""
    return dated_link(address, version, record_id)


__all__ = [
    "Citation",
    "UnknownRecord",
    "cite",
    "cite_bibtex",
    "cite_text",
    "close_ids",
    "dated_link",
    "permalink",
    "record_source",
]
