"""Results remembered while the frame they were worked out from lives.

One view asks the same question of its filtered frame several times (the cards and three bar
charts each want the view's leading claims and claim notes). ``per_frame`` remembers a
function's answer for a frame, by the frame's identity, while that frame lives and for at
most a few frames: a finished view's frames go, and their answers with them. Answers are
shared, never copied: callers read them and never change them.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_frame(kept: int = 16) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember ``fn(frame, *args)`` while ``frame`` lives, for the ``kept`` latest calls."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        answers: OrderedDict[tuple, tuple[weakref.ref, T]] = OrderedDict()
        lock = threading.Lock()  # the server answers several requests at once

        @functools.wraps(fn)
        def remembered(frame, *args) -> T:
            key = (id(frame), *args)
            with lock:
                hit = answers.get(key)
                if hit is not None and hit[0]() is frame:  # the same frame, not a new one at a freed one's address
                    answers.move_to_end(key)
                    return hit[1]
            answer = fn(frame, *args)
            with lock:
                answers[key] = (weakref.ref(frame), answer)
                while len(answers) > kept:
                    answers.popitem(last=False)
            return answer

        remembered.forget = answers.clear  # type: ignore[attr-defined]
        return remembered

    return decorate
