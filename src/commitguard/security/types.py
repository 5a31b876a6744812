"""Which commits the security rules look at: those of a type in `security.types`. Pure,
and light to import: the commit-msg hook asks it of every message, and only a commit of
such a type needs the detection itself (detect.py) loaded."""

from __future__ import annotations

from commitguard.lazy import cached

TYPE_CHECKING = False
if TYPE_CHECKING:
    from commitguard.config.load import Config
    from commitguard.message.parse import Header


def is_security_type(header: Header, config: Config) -> bool:
    return header.type.lower() in _security_types(config)


# Asked of every commit by `check`: worked out once per configuration.
@cached(maxsize=16)
def _security_types(config: Config) -> frozenset[str]:
    return frozenset(name.lower() for name in config.security_types)
