"""Every word a user reads, in English and Vietnamese, and how numbers and dates read in each.

``Words("vi")`` looks a message up in the gettext catalogue ``locale/vi.po`` (read at run
time with Babel, so a fresh clone needs no build step); ``Formatter(Words("vi"))`` writes
numbers, money, counts, dates, periods and qualifiers with Babel's locale data. A language
is always passed in, never global: one server answers English and Vietnamese requests at
the same time. English is the catalogue's source text, so ``Words("en")`` returns it as is.
"""

from dashboard.words.catalogue import LANGUAGES, MissingMessage, Phrase, UnknownLanguage, Words
from dashboard.words.format import Formatter

__all__ = ["LANGUAGES", "Formatter", "MissingMessage", "Phrase", "UnknownLanguage", "Words"]
