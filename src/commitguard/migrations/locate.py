"""Non-default locations, read from the frameworks' own configuration at the root.

A team that moved its Alembic scripts to `db/alembic`, or its Prisma schema to
`db/schema.prisma`, has said so in `alembic.ini` or `package.json`; commitguard reads
that instead of asking them to say it twice. Each file is one stat when absent, and
parsed only when it holds the setting; regexes stand in for TypeScript and HCL parsers.
"""

from __future__ import annotations

from commitguard.lazy import Pattern
from commitguard.migrations.presets import GENERATED, MIGRATION, SCHEMA, SUPPORT, Layout

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    Probe = Callable[[str], "str | None"]  # the text of a root-relative file, None if absent

_JS = ("ts", "js", "mjs", "cjs")
# Every file located() may read, for a caller that asks about them all at once.
FILES = (
    "alembic.ini",
    "pyproject.toml",
    "package.json",
    *(f"prisma.config.{ext}" for ext in _JS),
    *(f"drizzle.config.{ext}" for ext in (*_JS, "json")),
    *(f"knexfile.{ext}" for ext in _JS),
    "flyway.conf",
    "flyway.toml",
    "atlas.hcl",
)
# Each compiled where its file is: most repositories have none of them.
_ALEMBIC_INI = Pattern(r"(?m)^\s*script_location\s*=\s*(.+?)\s*$")
_FLYWAY_CONF = Pattern(r"(?m)^\s*flyway\.locations\s*=\s*(.+?)\s*$")
_FLYWAY_TOML = Pattern(r"locations\s*=\s*\[([^\]]*)\]")
_QUOTED = Pattern(r"""["']([^"']+)["']""")
_ATLAS_DIR = Pattern(r"""\bdir\s*=\s*["']file://([^"']+)["']""")
_ATLAS_SRC = Pattern(r"""\bsrc\s*=\s*["']file://([^"']+)["']""")
_JS_CONFIGS = ("ts", "js", "mjs", "cjs")


# Files of which located() reads the first present only: the rest stand in for it.
_ALTERNATIVES = (
    ("alembic.ini", "pyproject.toml"),
    tuple(f"prisma.config.{ext}" for ext in _JS),
    tuple(f"drizzle.config.{ext}" for ext in (*_JS, "json")),
    tuple(f"knexfile.{ext}" for ext in _JS),
    ("flyway.conf", "flyway.toml"),
)


_FAMILY = {name: names for names in _ALTERNATIVES for name in names}


def read_first(present: Callable[[str], bool]) -> list[str]:
    """The files located() will read, of those `present` says exist: so they can be
    read at once, and a partial clone fetches no blob that is not read."""
    read: list[str] = []
    for name in FILES:
        if present(name) and not any(other in read for other in _FAMILY.get(name, ())):
            read.append(name)
    return read


def _setting(key: str) -> Pattern:
    # `key: "value"` (TypeScript, JSON) or `key = "value"` (TOML, HCL).
    return Pattern(rf"""["']?\b{key}["']?\s*[:=]\s*["']([^"']+)["']""")


def _clean(path: str) -> str:
    for prefix in ("%(here)s/", "file://", "filesystem:", "./"):
        path = path.removeprefix(prefix)
    return path.strip().rstrip("/")


def located(probe: Probe) -> Iterator[Layout]:
    yield from _alembic(probe)
    yield from _prisma(probe)
    yield from _drizzle(probe)
    yield from _knex(probe)
    yield from _flyway(probe)
    yield from _atlas(probe)


def _anchored(preset: str, kind: str, *globs: str) -> Layout:
    # A leading `/` keeps a bare file name (`schema.prisma`) at the root: see globs.py.
    return Layout(preset, kind, tuple(f"/{glob}" for glob in globs), anchored=True)


def _alembic(probe: Probe) -> Iterator[Layout]:
    where = None
    ini = probe("alembic.ini")
    if ini is not None:
        match = _ALEMBIC_INI.search(ini)
        where = match[1] if match else None
    if where is None:
        pyproject = probe("pyproject.toml")
        if pyproject is not None and "tool.alembic" in pyproject:
            match = _setting("script_location").search(pyproject.split("tool.alembic", 1)[1])
            where = match[1] if match else None
    if where is None or ":" in where:  # `package:path` names an installed package
        return
    where = _clean(where)
    yield _anchored("alembic", MIGRATION, f"{where}/versions/**/*.py")
    yield _anchored("alembic", SUPPORT, f"{where}/env.py", f"{where}/script.py.mako")


def _prisma(probe: Probe) -> Iterator[Layout]:
    schema = None
    package = probe("package.json")
    if package is not None and '"prisma"' in package:
        import json

        try:
            data = json.loads(package)
        except ValueError:
            data = {}
        section = data.get("prisma") if isinstance(data, dict) else None
        if isinstance(section, dict) and isinstance(section.get("schema"), str):
            schema = section["schema"]
    for ext in _JS_CONFIGS:
        config = probe(f"prisma.config.{ext}") if schema is None else None
        if config is not None:
            match = _setting("schema").search(config)
            schema = match[1] if match else None
    if schema is None:
        return
    schema = _clean(schema)
    folder = schema.rpartition("/")[0] if schema.endswith(".prisma") else schema
    prefix = f"{folder}/" if folder else ""
    yield _anchored("prisma", MIGRATION, f"{prefix}migrations/*/migration.sql")
    yield _anchored("prisma", GENERATED, f"{prefix}migrations/migration_lock.toml")
    yield _anchored("prisma", SCHEMA, schema if schema.endswith(".prisma") else f"{schema}/**")


def _drizzle(probe: Probe) -> Iterator[Layout]:
    for ext in (*_JS_CONFIGS, "json"):
        config = probe(f"drizzle.config.{ext}")
        if config is None:
            continue
        out = _setting("out").search(config)
        if out:
            folder = _clean(out[1])
            yield _anchored("drizzle", MIGRATION, f"{folder}/*.sql")
            yield _anchored("drizzle", GENERATED, f"{folder}/meta/*.json")
        schema = _setting("schema").search(config)
        if schema:
            yield _anchored("drizzle", SCHEMA, _clean(schema[1]))
        return


def _knex(probe: Probe) -> Iterator[Layout]:
    for ext in _JS_CONFIGS:
        config = probe(f"knexfile.{ext}")
        if config is None:
            continue
        match = _setting("directory").search(config.split("migrations", 1)[-1])
        if match:
            yield _anchored("knex", MIGRATION, f"{_clean(match[1])}/*.{{js,ts,cjs,mjs}}")
        return


def _flyway(probe: Probe) -> Iterator[Layout]:
    conf = probe("flyway.conf")
    if conf is not None:
        match = _FLYWAY_CONF.search(conf)
        locations = match[1].split(",") if match else []
    else:
        toml = probe("flyway.toml")
        match = _FLYWAY_TOML.search(toml) if toml else None
        locations = _QUOTED.findall(match[1]) if match else []
    for location in locations:
        if location.strip().startswith("classpath:"):
            continue  # resources on the classpath: db/migration, already a preset
        yield _anchored("flyway", MIGRATION, f"{_clean(location)}/**/[VUR]*__*.sql")


def _atlas(probe: Probe) -> Iterator[Layout]:
    config = probe("atlas.hcl")
    if config is None:
        return
    for folder in _ATLAS_DIR.findall(config):
        yield _anchored("atlas", MIGRATION, f"{_clean(folder)}/*.sql")
        yield _anchored("atlas", GENERATED, f"{_clean(folder)}/atlas.sum")
    for source in _ATLAS_SRC.findall(config):
        yield _anchored("atlas", SCHEMA, _clean(source))
