"""The English phrases a ``Formatter`` writes values with, as the catalogue's message ids
(each one's context is the ``CTX_*`` beside its use in ``words.format``): the qualifier words
and sentences ("over", "Up to: the source gives an upper bound; …"), a bound's marks, the
scales of compact numbers ("£7m", "7 million"), the date patterns, the nouns counted and the
kinds of period. A translator changes how they read in ``locale/*.po``, never here.
"""

from __future__ import annotations

from dashboard.curated.records import DatePrecision, PeriodType, Qualifier

# The English forms are the catalogue's message ids; the context says what each one is.
QUALIFIER_WORDS = {
    Qualifier.AT_LEAST: "over",
    Qualifier.AT_MOST: "up to",
    Qualifier.APPROX: "about",
    Qualifier.RANGE: "between",
}
# A derived bound that is itself approximate, by qualifier and closedness ("at least about £9,722")
APPROX_BOUND_WORDS = {
    (Qualifier.AT_LEAST, False): "over about",
    (Qualifier.AT_LEAST, True): "at least about",
    (Qualifier.AT_MOST, True): "up to about",
    (Qualifier.AT_MOST, False): "under about",
}
QUALIFIER_SENTENCES = {
    Qualifier.EXACT: "Exact: the source states this number.",
    Qualifier.AT_LEAST: "Over: the source gives a lower bound; the true value is higher.",
    Qualifier.AT_MOST: "Up to: the source gives an upper bound; the true value may be lower.",
    Qualifier.APPROX: "Nearly / about: the source gives an approximate value.",
    Qualifier.RANGE: "Between: the source gives a range; the true value lies within both bounds.",
}
# A value the source hedges is not "exact" whatever its bound: its hedge is its qualifier.
HEDGE_SENTENCES = {
    "potentially": "Potentially: the source says the value may hold, not that it does.",
    "estimated": "Estimated: the source gives the value as an estimate.",
}
# What a bound means when the wording makes it the other kind of bound than the qualifier's
# default word: "at least" may equal the bound (closed), "under" may not (open).
BOUND_SENTENCES = {
    (
        Qualifier.AT_LEAST,
        True,
    ): "At least: the source gives a lower bound; the true value is that or higher.",
    (Qualifier.AT_MOST, False): "Under: the source gives an upper bound; the true value is lower.",
}
QUALIFIER_MARKS = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: "+",
    Qualifier.AT_MOST: "≤",
    Qualifier.APPROX: "~",
    Qualifier.RANGE: "–",
}
PERIOD_TYPES = {PeriodType.CUMULATIVE: "cumulative", PeriodType.COMMITMENT: "commitment"}
# (scale, money pattern, plain pattern) as catalogue message ids, largest first
SCALES = (
    (1e9, "{prefix}{digits}bn", "{digits} billion"),
    (1e6, "{prefix}{digits}m", "{digits} million"),
)
DATE_PATTERNS = {
    DatePrecision.DAY: "d MMM y",
    DatePrecision.MONTH: "MMM y",
    DatePrecision.YEAR: "y",
}
NOUNS = {
    "figure": "figures",
    "event": "events",
    "image": "images",
    "source document": "source documents",
    "programme": "programmes",
    "source": "sources",
}
SEASON_PATTERNS = ("{season} {year}", "{season} {year}–{next}")  # winter runs into the next year
