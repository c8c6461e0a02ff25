"""A small immutable, hashable mapping, so frozen dataclasses can hold one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping


class FrozenMap(Mapping[str, str]):
    """Read-only ``str -> str`` mapping; equal and hashable by its items."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: dict[str, str] = dict(pairs)

    def __getitem__(self, key: str) -> str:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"
