"""Every output format, by family: `lint` (one message's verdict), `check` (a range's
verdicts), `report` (a window of history). Each family keeps a `Registry` of its
formats, and a format module is imported only when asked for: XML or JSON machinery
has no place in `commitguard lint`'s start-up.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


class Registry:
    """The formats of one family: a name for `--format`, and the module that renders it.

    Each module has a `render` function; every format of a family takes the same
    arguments. Adding a format means writing its module and naming it here.
    """

    def __init__(self, package: str, modules: dict[str, str]) -> None:
        self._package = package
        self._modules = modules  # format name -> module name inside `package`

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._modules)

    def renderer(self, name: str) -> Callable[..., str]:
        if name not in self._modules:
            raise ValueError(f"unknown format {name!r}; expected one of {', '.join(self.names)}")
        # __import__ rather than importlib: the commit-msg hook renders through a
        # registry, and importlib would be one more import on its path.
        qualified = f"{self._package}.{self._modules[name]}"
        __import__(qualified)
        module = sys.modules[qualified]
        render: Callable[..., str] = module.render
        return render

    def parts_renderer(self, name: str) -> Callable[..., Iterable[str]]:
        """The format's report as consecutive parts, for a writer that sends each on as
        it comes: a long range's report is never one string. A format without
        `render_parts` gives its whole text as one part."""
        render = self.renderer(name)
        parts: Callable[..., Iterable[str]] | None = getattr(
            sys.modules[render.__module__], "render_parts", None
        )
        if parts is not None:
            return parts
        return lambda *arguments: (render(*arguments),)
