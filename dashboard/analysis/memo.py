"""Results remembered while the objects they were worked out from live: the one cache of
per-view answers (the view cache of the page is ``web.state.ViewCache``; both are
``cachetools.LRUCache`` underneath).

One view asks the same question of its filtered frame several times (the cards and three bar
charts each want the view's leading claims and claim notes; a chart's drawing and its alt text
want the same rows, in the same bar order). ``per_frame`` remembers a function's answer by the
identity of its first ``held`` arguments (frames, a dataset) and the value of the rest, while
those objects live and for at most ``kept`` answers: a finished view's frames go, and their
answers with them. Answers are shared, never copied: callers read them and never change them.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

from cachetools import LRUCache

T = TypeVar("T")


def per_frame(kept: int = 16, held: int = 1) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember ``fn(frame, *args)`` while ``frame`` lives (the first ``held`` arguments, by
    identity; the rest by value), for the ``kept`` latest answers."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        answers: LRUCache = LRUCache(maxsize=kept)
        lock = threading.Lock()  # the server answers several requests at once
        freed: list[tuple] = []  # keys whose objects are gone, dropped at the next call

        def drop_freed() -> None:
            while freed:
                key = freed.pop()
                hit = answers.get(key)
                if hit is not None and any(ref() is None for ref in hit[0]):
                    del answers[key]

        @functools.wraps(fn)
        def remembered(*args) -> T:
            objects = args[:held]
            key = (*(id(o) for o in objects), *args[held:])
            with lock:
                drop_freed()
                hit = answers.get(key)
                if hit is not None and all(
                    ref() is o for ref, o in zip(hit[0], objects)
                ):  # not new objects at freed ones' addresses
                    return hit[1]
            answer = fn(*args)
            # the callback only notes the key: it may run inside any allocation, lock held or not
            refs = tuple(weakref.ref(o, lambda _ref, key=key: freed.append(key)) for o in objects)
            with lock:
                answers[key] = (refs, answer)
            return answer

        def forget() -> None:
            with lock:
                answers.clear()

        def held_objects() -> list[tuple[weakref.ref, ...]]:
            """The weak references of every answer kept (for tests: none should be dead for long)."""
            with lock:
                drop_freed()
                return [refs for refs, _ in answers.values()]

        remembered.forget = forget  # type: ignore[attr-defined]
        remembered.held_objects = held_objects  # type: ignore[attr-defined]
        return remembered

    return decorate
