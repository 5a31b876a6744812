"""The YAML of `.commitguard.yaml`, read so that no file can hurt the hook.

PyYAML's safe loader builds no Python objects beyond plain data, but it still lets an
alias repeat a whole value, and ten nested aliases are a billion values ("billion
laughs": 340 bytes took the hook to 6 GB of memory). It also keeps the last of two
equal keys without a word, so `rules:` written twice silently drops the first.

Anchors and aliases are refused outright rather than counted against a budget: a
configuration is a few dozen lines that never needs them, a budget would still let a
file expand past what its reader sees, and an error's key path (`security.paths[2]`)
must name one place in the file, not every place an alias copies it to. The check
walks the composed node graph, where an alias is the anchored node met a second time,
so it works with the C loader too (whose composer cannot be subclassed), before
anything is constructed.
"""

from __future__ import annotations

import yaml

from commitguard.errors import ConfigError

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str, path: str) -> object:
    """The data of one YAML document; ConfigError (exit 3) for an alias, a duplicate key
    or text that is not YAML, naming the file, the line and the key."""
    loader = _Base(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases_and_duplicates(node, path)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(path, None, f"not valid YAML{where}: {problem}") from None
    finally:
        loader.dispose()


def _refuse_aliases_and_duplicates(root: yaml.Node, path: str) -> None:
    """Walk every node once, in the order of the file; a node met twice is an alias.
    Iterative, so a deep file costs no recursion (PyYAML's parser caps the nesting)."""
    seen: set[int] = set()
    # (node, its key path, the line of its key): an alias item of a list has no line
    # of its own in the node graph, only the line of what it repeats.
    pending: list[tuple[yaml.Node, str, int | None]] = [(root, "", None)]
    while pending:
        node, key, line = pending.pop()
        if id(node) in seen:
            where = f"line {line + 1}: " if line is not None else ""
            raise ConfigError(
                path,
                key or None,
                f"{where}an alias (*name) repeats the value anchored on line "
                f"{node.start_mark.line + 1}; anchors and aliases are not allowed here",
                "write the value out in full where it is used",
            )
        seen.add(id(node))
        children: list[tuple[yaml.Node, str, int | None]] = []
        if isinstance(node, yaml.MappingNode):
            first_line: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                at = key_node.start_mark.line
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = f"{key}.{name}" if key else name
                identity = (key_node.tag, name)
                if name != "?" and identity in first_line:
                    raise ConfigError(
                        path,
                        child,
                        f"line {at + 1}: the key {name!r} is given twice (first on line "
                        f"{first_line[identity] + 1})",
                        "keep one of them: YAML would silently keep only the last",
                    )
                first_line[identity] = at
                children += [(key_node, child, at), (value_node, child, at)]
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, f"{key}[{index}]", None) for index, item in enumerate(node.value)]
        pending.extend(reversed(children))  # popped in the order of the file
