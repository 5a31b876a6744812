"""The migration frameworks commitguard knows, as data: where each keeps its files.

A layout's globs are relative to an app root that may sit anywhere in the repository
(`apps/api/prisma/migrations/...` in a monorepo), so `**/` is implied in front. A glob
that is not distinctive on its own (`migrations/*.py`) names markers: files of which
one must exist in the app root or one of its parents (`manage.py`); `file:needle` also
requires the file to mention `needle`. A layout with no markers is distinctive enough.

Kinds: `migration` (a migration file), `schema` (the schema source), `generated` (lock,
snapshot, journal and checksum files that a migration regenerates) and `support` (the
framework's own wiring: allowed next to a migration, never code).
"""

from __future__ import annotations

from commitguard.model import Value

MIGRATION = "migration"
SCHEMA = "schema"
GENERATED = "generated"
SUPPORT = "support"


class Layout(Value):
    __slots__ = ("preset", "kind", "globs", "markers", "anchored")

    def __init__(
        self,
        preset: str,
        kind: str,
        globs: tuple[str, ...],
        markers: tuple[str, ...] = (),
        anchored: bool = False,
    ) -> None:
        self.preset = preset
        self.kind = kind
        self.globs = globs
        self.markers = markers  # one must exist in the app root or a parent; () = none needed
        self.anchored = anchored  # globs are relative to the repository root, not any app


_JS = "{js,ts,cjs,mjs}"
_KNEX = tuple(f"knexfile.{ext}" for ext in ("js", "ts", "cjs", "mjs"))
_DRIZZLE = tuple(f"drizzle.config.{ext}" for ext in ("ts", "js", "mjs", "cjs", "json"))

LAYOUTS: tuple[Layout, ...] = (
    # Prisma: the `.prisma` extension and prisma/migrations are Prisma's alone.
    Layout("prisma", MIGRATION, ("prisma/migrations/*/migration.sql",)),
    # Prisma 2's first Migrate (2020) kept steps and a schema snapshot in each folder.
    Layout("prisma", MIGRATION, ("prisma/migrations/*/steps.json",)),
    Layout("prisma", GENERATED, ("prisma/migrations/*/schema.prisma", "migrate.lock")),
    # The schema Prisma reads: `schema.prisma`, or the files of a `prisma/` (or, split
    # into several, `schema/`) folder. Another `.prisma` file (`import/cal.com.prisma`)
    # is data, a sample an app ships or imports.
    Layout("prisma", SCHEMA, ("schema.prisma", "prisma/**/*.prisma", "schema/**/*.prisma")),
    Layout("prisma", GENERATED, ("migration_lock.toml",)),
    # Django: numbered modules in an app's migrations package, models as the schema.
    Layout("django", MIGRATION, ("migrations/[0-9]*.py",), ("manage.py",)),
    Layout("django", SUPPORT, ("migrations/__init__.py",), ("manage.py",)),
    Layout("django", SCHEMA, ("models.py", "models/*.py"), ("manage.py",)),
    # Alembic (and Flask-Migrate): versions/ next to the env.py the template wrote.
    Layout("alembic", MIGRATION, ("versions/*.py",), ("script.py.mako",)),
    Layout("alembic", SUPPORT, ("env.py", "script.py.mako"), ("script.py.mako",)),
    Layout("alembic", SUPPORT, ("alembic.ini",)),
    # Rails: db/migrate, GitLab's db/post_migrate, and the schema dumps of each database.
    Layout("rails", MIGRATION, ("db/migrate/*.rb", "db/post_migrate/*.rb")),
    # Rails generates its schema dumps, but they are the schema the app reads: an edit
    # by hand without a migration is what schema-without-migration is for.
    Layout("rails", SCHEMA, ("db/schema.rb", "db/*_schema.rb", "db/structure.sql")),
    Layout("rails", SCHEMA, ("db/*_structure.sql",)),
    # Flyway: versioned (V), undo (U) and repeatable (R) scripts.
    Layout("flyway", MIGRATION, ("db/migration/[VUR]*__*.sql",)),
    Layout("flyway", MIGRATION, ("sql/[VUR]*__*.sql",), ("flyway.conf", "flyway.toml")),
    Layout("flyway", SUPPORT, ("flyway.conf", "flyway.toml")),
    # Liquibase: Spring Boot's db/changelog, or changelogs next to liquibase.properties.
    Layout("liquibase", MIGRATION, ("db/changelog/**/*.{xml,yaml,yml,json,sql}",)),
    Layout(
        "liquibase",
        MIGRATION,
        ("changelog/**/*.{xml,yaml,yml,json,sql}", "*.changelog-*.{xml,yaml,yml,json}"),
        ("liquibase.properties",),
    ),
    Layout("liquibase", SUPPORT, ("liquibase.properties",)),
    # JavaScript ORMs: a migrations directory next to the tool's own configuration.
    Layout("knex", MIGRATION, (f"migrations/*.{_JS}",), _KNEX),
    Layout("knex", SUPPORT, _KNEX),
    Layout("mikro-orm", MIGRATION, (f"migrations/Migration*.{_JS}",), ("package.json:@mikro-orm",)),
    Layout("mikro-orm", GENERATED, ("migrations/.snapshot-*.json",)),
    Layout("typeorm", MIGRATION, (f"migrations/*.{_JS}",), ("package.json:typeorm",)),
    Layout(
        "typeorm",
        SCHEMA,
        ("*.entity.{ts,js}",),
        ("package.json:typeorm", "package.json:@mikro-orm"),
    ),
    Layout(
        "sequelize", MIGRATION, (f"migrations/*.{_JS}",), (".sequelizerc", "package.json:sequelize")
    ),
    Layout("sequelize", SUPPORT, (".sequelizerc",)),
    Layout("drizzle", MIGRATION, ("drizzle/*.sql",), _DRIZZLE),
    Layout("drizzle", GENERATED, ("drizzle/meta/_journal.json", "drizzle/meta/*_snapshot.json")),
    Layout("drizzle", SUPPORT, _DRIZZLE),
    # Go: golang-migrate's up/down pairs are unmistakable; goose needs its module.
    Layout("golang-migrate", MIGRATION, ("*.up.sql", "*.down.sql")),
    Layout(
        "goose",
        MIGRATION,
        ("migrations/[0-9]*_*.{sql,go}", "db/migrations/[0-9]*_*.{sql,go}"),
        ("go.mod:goose",),
    ),
    Layout("dbmate", MIGRATION, ("db/migrations/[0-9]*_*.sql",)),
    Layout("dbmate", GENERATED, ("db/schema.sql",)),
    Layout(
        "sqitch",
        MIGRATION,
        ("deploy/**/*.sql", "revert/**/*.sql", "verify/**/*.sql"),
        ("sqitch.plan",),
    ),
    Layout("sqitch", GENERATED, ("sqitch.plan",)),
    Layout("sqitch", SUPPORT, ("sqitch.conf",)),
    Layout("laravel", MIGRATION, ("database/migrations/*.php",)),
    Layout("laravel", GENERATED, ("database/schema/*.sql", "database/schema/*.dump")),
    # EF Core: <timestamp>_<Name>.cs and its .Designer.cs; the model snapshot is generated.
    Layout("ef-core", MIGRATION, ("Migrations/[0-9]*_*.cs",)),
    Layout("ef-core", GENERATED, ("Migrations/*ModelSnapshot.cs",)),
    Layout("ecto", MIGRATION, ("priv/*/migrations/*.exs",)),
    Layout("ecto", GENERATED, ("priv/*/structure.sql",)),
    Layout("supabase", MIGRATION, ("supabase/migrations/*.sql",)),
    Layout("supabase", SCHEMA, ("supabase/schemas/**/*.sql",)),
    Layout("supabase", SUPPORT, ("supabase/config.toml", "supabase/seed.sql")),
    # Hasura: migrations/<database>/<version>_<name>/{up,down}.sql (v3) or without the
    # database level (v2); the metadata describes the schema the API exposes.
    Layout("hasura", MIGRATION, ("migrations/**/up.sql", "migrations/**/down.sql")),
    Layout("hasura", SCHEMA, ("metadata/**/*.yaml",), ("config.yaml:metadata_directory",)),
    Layout("atlas", MIGRATION, ("migrations/*.sql",), ("atlas.hcl", "migrations/atlas.sum")),
    Layout("atlas", GENERATED, ("atlas.sum",)),
    Layout("atlas", SCHEMA, ("schema.hcl", "*.pg.hcl", "*.my.hcl"), ("atlas.hcl",)),
    Layout("atlas", SUPPORT, ("atlas.hcl",)),
)

PRESET_NAMES: tuple[str, ...] = tuple(dict.fromkeys(layout.preset for layout in LAYOUTS))

# Where a framework keeps a separate down (rollback) migration: a regex on the up
# file's path and the down path it implies. Flyway's undo scripts are a paid feature,
# so Flyway is checked only when configured (`migrations.require-down`).
DOWN_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "golang-migrate": ((r"(?P<stem>.*)\.up\.sql", r"\g<stem>.down.sql"),),
    "hasura": ((r"(?P<dir>.*/)up\.sql", r"\g<dir>down.sql"),),
    "sqitch": ((r"(?P<root>(?:.*/)?)deploy/(?P<name>.*)", r"\g<root>revert/\g<name>"),),
    "flyway": ((r"(?P<dir>(?:.*/)?)V(?P<rest>[^/]*__[^/]*)", r"\g<dir>U\g<rest>"),),
}
# And the frameworks whose migration carries its own way back (content.IN_FILE), read
# from the text of the migrations a commit adds. Prisma has none: it is never asked.
DEFAULT_REQUIRE_DOWN = (
    "golang-migrate",
    "hasura",
    "sqitch",
    "typeorm",
    "mikro-orm",
    "knex",
    "sequelize",
    "alembic",
    "django",
    "rails",
    "goose",
    "dbmate",
)

# Paths allowed next to a migration in any repository: documentation.
NEUTRAL = (
    "**/*.md",
    "**/*.rst",
    "**/*.adoc",
    "docs/**",
    "doc/**",
    "/mkdocs.{yml,yaml}",  # the documentation site's own configuration
    "/.readthedocs.{yml,yaml}",
    "**/CHANGELOG",
    "**/CHANGELOG.*",
    "**/LICENSE",
    "**/LICENSE.*",
)


# Where a library keeps test data, samples and examples: an ORM's own repository holds
# hundreds of migrations and entities there that are no application's schema. A path
# under one of these is code, whatever it looks like (`migrations.fixtures` replaces them).
# Test folders by each ecosystem's convention (Go's `testdata/`, Jest's `__fixtures__/`,
# RSpec's `spec/` with its dummy and combustion apps), end-to-end and integration
# suites, benchmarks, scratch apps (`playground/`, `sandbox/`) and the documentation's
# code samples: no application applies what is in them.
FIXTURES = (
    "**/test/**",
    "**/tests/**",
    "**/__tests__/**",
    "**/testdata/**",
    "**/fixtures/**",
    "**/__fixtures__/**",
    "**/spec/**",
    "**/e2e/**",
    "**/integration-tests/**",
    "**/benchmark/**",
    "**/benchmarks/**",
    "**/sample/**",
    "**/samples/**",
    "**/example/**",
    "**/examples/**",
    # An example app named as one: example-app-1/, todo-example/, sample-api/, demo-shop/.
    "**/example-*/**",
    "**/*-example/**",
    "**/*-examples/**",
    "**/sample-*/**",
    "**/*-sample/**",
    "**/demo-*/**",
    "**/*-demo/**",
    "**/demo/**",
    "**/demos/**",
    # A code generator's committed output (a whole generated app, its schema included).
    "**/generated/**",
    "**/playground/**",
    "**/sandbox/**",
    "**/docs/**",
    "**/doc/**",
)
