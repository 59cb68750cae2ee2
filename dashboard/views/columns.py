"""A few rows as plain lists, one per column: what a view reads of the rows it shows.

A pandas selection costs tens of microseconds however few its rows, and one view asks
hundreds of them (a panel's rows, a column per trace, a label per bar, a card per metric).
The views filter and sort with pandas where the rows are many, then hand the few rows they
draw to ``Columns`` once, and read lists from there.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.frame import texts
from dashboard.views.language import LANGUAGE_ATTR, language_of

__all__ = ["Columns", "texts"]


class Columns:
    """Rows as plain lists, one per column, in the order shown. Text columns hold ``str`` or
    ``None``; other columns what ``Series.tolist`` gives (``float`` with ``nan``, ``Timestamp``
    with ``NaT``). ``attrs`` says the language, as a frame's does (``language.language_of``)."""

    __slots__ = ("_columns", "attrs")

    def __init__(self, columns: dict[str, list], language: str):
        self._columns = columns
        self.attrs = {LANGUAGE_ATTR: language}

    @classmethod
    def of(cls, frame: pd.DataFrame, names, order: list[int] | None = None) -> Columns:
        """The columns ``names`` of ``frame`` that it has, its rows in ``order`` (positions)."""
        if order is not None and len(order) * 4 < len(
            frame
        ):  # a few rows of many: cut the frame to them first
            frame, order = frame.iloc[list(order)], None
        columns = {}
        for name in names:
            if name not in frame:
                continue
            column = frame[name]
            text = column.dtype == object or isinstance(column.dtype, pd.StringDtype)
            values = texts(column) if text else column.tolist()
            columns[name] = values if order is None else [values[i] for i in order]
        return cls(columns, language_of(frame))

    def __len__(self) -> int:
        return len(next(iter(self._columns.values()), ()))

    def __getitem__(self, name: str) -> list:
        return self._columns[name]

    def __contains__(self, name: str) -> bool:
        return name in self._columns

    def take(self, index) -> Columns:
        """The rows at positions ``index``, in that order."""
        return Columns(
            {name: [values[i] for i in index] for name, values in self._columns.items()},
            self.attrs[LANGUAGE_ATTR],
        )

    def first(self, name: str):
        """The first row's value of column ``name``."""
        return self._columns[name][0]
