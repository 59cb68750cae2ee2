"""Values with their bounds, so that arithmetic keeps a qualifier honest.

A figure "over £7 million" is the interval (7,000,000, ∞); "at least 13,000" is
[13,000, ∞): the bound itself is possible ("closed") or not ("open"), as the document's word
says (``records.BOUND_WORDS``). "up to £1 million" is [0, 1,000,000]; "720" is [720, 720].
Dividing intervals gives the bounds a ratio can honestly claim, closedness included: over
£7m / exactly 720 = (9,722.2…, ∞), "over £9,722 per victim"; at least £7m / exactly 720 is
"at least £9,722"; over £7m / over 7m people = [0, ∞), no bound either way, and it says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.curated.bounds import APPROX_BELOW_WORDS, bound_closed
from dashboard.curated.records import Figure, Qualifier


class NotAdditive(ValueError):
    """Summing these figures would count something twice or mix pledges with results."""


@dataclass(frozen=True)
class Quantity:
    lo: float
    hi: float
    approx: bool = False
    # Whether each bound is itself a possible value. The defaults read as data did before
    # closedness was kept: a lower bound "over" (open), an upper bound "up to" (closed).
    lo_closed: bool = False
    hi_closed: bool = True

    @classmethod
    def of(
        cls,
        value: float,
        qualifier: Qualifier | str,
        high: float | None = None,
        wording: str | None = None,
    ) -> Quantity:
        """The interval a figure's wording allows; a range needs ``high``, its upper bound.
        ``wording`` says whether a bound is closed ("at least", "up to") or open ("over")."""
        qualifier = Qualifier(qualifier)
        if qualifier is Qualifier.RANGE:
            if high is None or (isinstance(high, float) and math.isnan(high)):
                raise ValueError("a range needs its high bound")
            return cls(float(value), float(high), lo_closed=True)
        closed = bound_closed(qualifier, wording if isinstance(wording, str) else None)
        if qualifier is Qualifier.AT_LEAST:
            return cls(value, math.inf, lo_closed=closed, hi_closed=False)
        if qualifier is Qualifier.AT_MOST:
            return cls(0.0, value, lo_closed=True, hi_closed=closed)
        return cls(value, value, approx=qualifier is Qualifier.APPROX, lo_closed=True)

    @property
    def qualifier(self) -> Qualifier | None:
        """The qualifier this interval supports; None when it has no bound at all."""
        if self.lo == self.hi:
            return Qualifier.APPROX if self.approx else Qualifier.EXACT
        if self.hi == math.inf:
            return Qualifier.AT_LEAST if self.lo > 0 else None
        return Qualifier.RANGE if self.lo > 0 else Qualifier.AT_MOST

    @property
    def closed(self) -> bool:
        """Whether the bound a reader sees is itself possible: "at least" (≥) rather than
        "over" (>), "up to" (≤) rather than "under" (<). True for exact values and ranges."""
        qualifier = self.qualifier
        if qualifier is Qualifier.AT_LEAST:
            return self.lo_closed
        if qualifier is Qualifier.AT_MOST:
            return self.hi_closed
        return True

    @property
    def bounded(self) -> bool:
        return self.qualifier is not None

    @property
    def value(self) -> float:
        """The number a reader sees beside the qualifier: the bound that is known."""
        return self.hi if self.qualifier is Qualifier.AT_MOST else self.lo

    def __truediv__(self, other: Quantity) -> Quantity:
        lo = _div(self.lo, other.hi)
        hi = _div(self.hi, other.lo)
        # a bound of the ratio is reached only when both bounds it comes from are reached
        return Quantity(
            lo,
            hi,
            approx=self.approx or other.approx,
            lo_closed=self.lo_closed and other.hi_closed and not math.isinf(other.hi),
            hi_closed=self.hi_closed and other.lo_closed and not math.isinf(hi),
        )

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(
            self.lo + other.lo,
            self.hi + other.hi,
            approx=self.approx or other.approx,
            lo_closed=self.lo_closed and other.lo_closed,
            hi_closed=self.hi_closed and other.hi_closed,
        )


def stated_bounds(f: Figure) -> tuple[float | None, float | None]:
    """``(low, high)`` as the words state them, for data files; None where the text gives no
    bound. Exact: both the value. "At least", "over": a low bound only. "Up to", "under": a
    high bound only, never a low bound of 0 the text does not give. "Nearly", "almost": the
    value as a high bound (close to it, below it), no low one. "About", "around": neither
    (never the stated value both ways, which would read as exact). A range: both its ends."""
    value = float(f.value)
    if f.qualifier is Qualifier.EXACT:
        return value, value
    if f.qualifier is Qualifier.AT_LEAST:
        return value, None
    if f.qualifier is Qualifier.AT_MOST:
        return None, value
    if f.qualifier is Qualifier.RANGE:
        return value, None if f.value_high is None else float(f.value_high)
    said = (f.wording or "").strip().lower()
    return (None, value) if said in APPROX_BELOW_WORDS else (None, None)


def _div(a: float, b: float) -> float:
    if b == 0:
        return math.inf if a > 0 else 0.0  # 0/0 only arises from an open lower bound: no bound
    if math.isinf(b):
        return 0.0 if not math.isinf(a) else math.inf
    return a / b
