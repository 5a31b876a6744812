"""The work areas `report` sorts changed paths into, and where each framework keeps them.
Pure data, imported by the configuration's schema: nothing here imports anything.

A path goes to the first area that claims it, in PRECEDENCE order, each area asking in
turn: the globs of `report.areas`, then the framework's file roles and folders (its
preset, where one is detected), then the layout most projects share (GENERIC). Two
areas are asked of other parts of commitguard, never copied here: `database` is also
whatever the migration rules take for a migration, schema or generated file
(migrations/presets.py), and `auth` whatever the security rules take for a file with an
auth role or in an auth folder (`security.roles`, `security.paths`, minus
`security.ignore-paths`). A path nothing claims is `other`.

A preset's globs are relative to an app root that may sit anywhere in the repository
(`apps/api/src/users/users.controller.ts` in a monorepo), so `**/` is implied in front,
as in migrations/presets.py. A preset applies to a path when one of its markers is in
the path's folder or a folder above it (`manage.py`; `package.json:@nestjs/core`, a
package.json that mentions `@nestjs/core`), the way the migration layouts are confirmed.
GENERIC's globs follow the glob rules as written (a leading `/`: the repository root).
"""

from __future__ import annotations

DATABASE = "database"
API = "api"
SERVICES = "services"
INTEGRATIONS = "integrations"
JOBS = "jobs"
AUTH = "auth"
TESTS = "tests"
INFRASTRUCTURE = "infrastructure"
DOCS = "docs"
OTHER = "other"

# The ids, in the order every format lists them: the JSON keys, the CSV columns.
AREAS: tuple[str, ...] = (
    DATABASE,
    API,
    SERVICES,
    INTEGRATIONS,
    JOBS,
    AUTH,
    TESTS,
    INFRASTRUCTURE,
    DOCS,
    OTHER,
)

# Not areas: kinds of file asked for before the layers. Prose is documentation wherever
# it lies; a user interface's components and styles are no backend layer (a frontend's
# `routes/` or `services/` are not the API's nor the business logic's), so `other`.
PROSE = "prose"
UI = "ui"
SLOT_AREAS = {PROSE: DOCS, UI: OTHER}

# What a lead reads beside each id.
MEANING: dict[str, str] = {
    DATABASE: "schema, migrations, seeds, repositories",
    API: "controllers, resolvers, routes, DTOs, OpenAPI",
    SERVICES: "business logic",
    INTEGRATIONS: "webhooks, external clients, mail",
    JOBS: "queues, processors, cron",
    AUTH: "authentication and authorisation",
    TESTS: "tests and their data",
    INFRASTRUCTURE: "Docker, CI, deploy",
    DOCS: "documentation",
    OTHER: "everything else",
}

# Which area claims a path first. Prose is documentation wherever it lies, and the build
# and deploy files keep their names in any folder (`docker-compose.test.yml` is not a
# test); tests come before the layer they test, and a user interface's files (tested or
# not) are asked for next; the database and auth before the layer
# a file of theirs also belongs to (`users.repository.ts` is not a service, nor
# `auth.controller.ts` the API's); the `docs/` folder only claims what nothing else does
# (`docs/openapi.yaml` is the API's).
PRECEDENCE: tuple[str, ...] = (
    PROSE,
    INFRASTRUCTURE,
    TESTS,
    UI,
    DATABASE,
    AUTH,
    JOBS,
    INTEGRATIONS,
    API,
    SERVICES,
    DOCS,
)

_TS = "{ts,js,mts,cts,mjs,cjs}"


class Preset:
    """A framework's layout: its markers, and its globs per area."""

    __slots__ = ("name", "markers", "globs")

    def __init__(self, name: str, markers: tuple[str, ...], globs: dict[str, tuple[str, ...]]):
        self.name = name
        self.markers = markers  # one must be in the path's folder or above
        self.globs = globs  # area -> globs, relative to the app root (`**/` implied)


NESTJS = Preset(
    "nestjs",
    ("nest-cli.json", "package.json:@nestjs/core"),
    {
        TESTS: (f"*.spec.{_TS}", f"*.e2e-spec.{_TS}", f"*.test.{_TS}", f"*.mock.{_TS}"),
        DATABASE: (
            f"*.entity.{_TS}",
            f"*.repository.{_TS}",
            f"*.subscriber.{_TS}",
            f"*.seed.{_TS}",
            f"*.schema.{_TS}",  # Mongoose's
            "entities/**",
            "repositories/**",
            "persistence/**",
            f"data-source.{_TS}",
            "ormconfig.*",
        ),
        AUTH: (f"*.guard.{_TS}", f"*.strategy.{_TS}"),
        JOBS: (
            f"*.processor.{_TS}",
            f"*.consumer.{_TS}",
            f"*.cron.{_TS}",
            f"*.scheduler.{_TS}",
            f"*.job.{_TS}",
        ),
        INTEGRATIONS: (f"*.client.{_TS}", f"*.webhook.{_TS}"),
        API: (
            f"*.controller.{_TS}",
            f"*.resolver.{_TS}",
            f"*.dto.{_TS}",
            "dto/**",
            "dtos/**",
            f"*.gateway.{_TS}",  # WebSocket gateways
            f"*.interceptor.{_TS}",
            f"*.pipe.{_TS}",
            f"*.filter.{_TS}",
            f"*.middleware.{_TS}",
            f"*.input.{_TS}",
            f"*.args.{_TS}",
            # Code-first GraphQL's input and argument types: OrderWhereInput.ts.
            f"*Input.{_TS}",
            f"*Args.{_TS}",
            f"swagger.{_TS}",
        ),
        # A feature module wires its providers: the business layer's composition.
        SERVICES: (f"*.service.{_TS}", f"*.module.{_TS}", f"*.provider.{_TS}", "domain/**"),
    },
)

DJANGO = Preset(
    "django",
    ("manage.py",),
    {
        TESTS: ("tests.py", "tests/**", "test_*.py", "*_tests.py", "conftest.py", "factories.py"),
        DATABASE: ("models.py", "models/**", "migrations/**", "managers.py", "querysets.py"),
        JOBS: ("tasks.py", "tasks/**", "celery.py", "management/commands/**", "cron.py"),
        INTEGRATIONS: ("webhooks.py", "clients.py"),
        API: (
            "views.py",
            "views/**",
            "viewsets.py",
            "serializers.py",
            "serializers/**",
            "urls.py",
            "api.py",
            "routers.py",
            "schema.py",  # Graphene's
            "forms.py",
            "admin.py",
            "filters.py",
            "middleware.py",
            "templates/**",
            "templatetags/**",
        ),
        SERVICES: ("services.py", "services/**", "selectors.py", "signals.py"),
        INFRASTRUCTURE: ("settings.py", "settings/**", "wsgi.py", "asgi.py", "gunicorn*.py"),
    },
)

RAILS = Preset(
    "rails",
    ("config/application.rb", "bin/rails"),
    {
        TESTS: ("spec/**", "test/**", "*_spec.rb", "*_test.rb", ".rspec"),
        DATABASE: ("app/models/**", "db/**", "app/queries/**", "config/database.yml"),
        AUTH: (
            "app/policies/**",
            "config/initializers/devise.rb",
            "{sessions,registrations,omniauth_callbacks,confirmations}_controller.rb",
        ),
        JOBS: (
            "app/jobs/**",
            "app/workers/**",
            "app/sidekiq/**",
            "lib/tasks/**",
            "config/sidekiq.yml",
            "config/schedule.rb",
            "config/recurring.yml",
        ),
        INTEGRATIONS: ("app/mailers/**", "app/clients/**", "lib/clients/**", "app/webhooks/**"),
        API: (
            "app/controllers/**",
            "app/serializers/**",
            "app/views/**",
            "app/graphql/**",
            "app/channels/**",
            "app/helpers/**",
            "app/blueprints/**",
            "config/routes.rb",
            "config/routes/**",
        ),
        SERVICES: (
            "app/services/**",
            "app/interactors/**",
            "app/operations/**",
            "app/commands/**",
            "app/forms/**",
            "app/validators/**",
        ),
        INFRASTRUCTURE: (
            "config/deploy.rb",
            "config/deploy/**",
            "config/puma.rb",
            "config/environments/**",
        ),
    },
)

PRESETS: tuple[Preset, ...] = (NESTJS, DJANGO, RAILS)
PRESET_NAMES: tuple[str, ...] = tuple(preset.name for preset in PRESETS)

# The layout most backends share, whatever their framework. A name without `/` matches
# at any depth; with one, from the repository root. No folder that names a whole app
# (`apps/api/`, `api/`): in a monorepo every layer of that app would be in one area.
GENERIC: dict[str, tuple[str, ...]] = {
    PROSE: (
        "*.md",
        "*.mdx",
        "*.rst",
        "*.adoc",
        "LICENSE",
        "LICENSE.*",
        "CHANGELOG",
        "CHANGELOG.*",
    ),
    INFRASTRUCTURE: (
        "Dockerfile",
        "Dockerfile.*",
        "*.Dockerfile",
        ".dockerignore",
        "docker-compose*.{yml,yaml}",
        "compose.{yml,yaml}",
        "compose.*.{yml,yaml}",
        "/.github/**",
        "/.gitlab-ci.yml",
        "/.gitlab/**",
        "/.circleci/**",
        "/.buildkite/**",
        "/.travis.yml",
        "/.drone.yml",
        "/azure-pipelines.yml",
        "/bitbucket-pipelines.yml",
        "Jenkinsfile",
        "*.tf",
        "*.tfvars",
        "/terraform/**",
        "/k8s/**",
        "/kubernetes/**",
        "/helm/**",
        "/charts/**",
        "/deploy/**",
        "/deployment/**",
        "/deployments/**",
        "/infra/**",
        "/infrastructure/**",
        "/ansible/**",
        "/.devcontainer/**",
        "/.husky/**",
        "Procfile",
        "fly.toml",
        "render.yaml",
        "vercel.json",
        "netlify.toml",
        "serverless.{yml,yaml}",
        "skaffold.yaml",
        "nginx.conf",
        "ecosystem.config.{js,cjs}",
        "renovate.json",
        ".renovaterc*",
        "Makefile",
        "/*.sh",  # the scripts at the root start, wait for and deploy the app
    ),
    TESTS: (
        "**/test/**",
        "**/tests/**",
        "**/__tests__/**",
        "**/spec/**",
        "**/e2e/**",
        "**/cypress/**",
        "**/playwright/**",
        "**/__mocks__/**",
        "**/fixtures/**",
        "**/testdata/**",
        "*.spec.*",
        "*.test.*",
        "*.e2e-spec.*",
        "test_*.py",
        "*_test.py",
        "conftest.py",
        "*_test.go",
        "*_spec.rb",
        "*_test.rb",
        "*Test.java",
        "*Tests.java",
        "*Test.kt",
        "*Tests.cs",
        "jest.config.*",
        "jest-e2e.json",
        "vitest.config.*",
        "playwright.config.*",
        "cypress.config.*",
        "karma.conf.*",
        "pytest.ini",
    ),
    UI: ("*.{tsx,jsx,vue,svelte,astro}", "*.{css,scss,sass,less,styl}"),
    DATABASE: (
        "**/migrations/**",
        "**/migration/**",
        "**/migrate/**",
        "**/seeds/**",
        "**/seeders/**",
        "**/seed/**",
        "seed.*",
        "seeds.*",
        "*.seed.*",
        "*.sql",
        "*.prisma",
        "**/prisma/**",
        "**/repositories/**",
        "*repository.*",  # user.repository.ts, UserRepository.java
        "*.entity.*",
        "**/entities/**",
        "**/db/**",
        "**/database/**",
        "**/persistence/**",
        "**/dao/**",
        "knexfile.*",
        "ormconfig.*",
    ),
    JOBS: (
        "**/jobs/**",
        "**/job/**",
        "**/queues/**",
        "**/queue/**",
        "**/workers/**",
        "**/worker/**",
        "**/cron/**",
        "**/crons/**",
        "**/cronjobs/**",
        "**/scheduler/**",
        "**/schedulers/**",
        "**/consumers/**",
        "**/processors/**",
        "**/kafka/**",
        "**/message-broker/**",
        "**/messaging/**",
        "*.processor.*",
        "*.consumer.*",
        "*.job.*",
        "*_job.*",
        "*-job.*",
        "*.worker.*",
        "*_worker.*",
        "*.cron.*",
        "*.queue.*",
    ),
    INTEGRATIONS: (
        "**/integrations/**",
        "**/webhooks/**",
        "**/webhook/**",
        "*webhook*.*",
        "**/clients/**",
        "*.client.*",
        "*-client.*",
        "*_client.*",
        "**/external/**",
        "**/third-party/**",
        "**/adapters/**",
        "**/mail/**",
        "**/mailer/**",
        "**/mailers/**",
        "**/email/**",
        "**/emails/**",
        "**/sms/**",
    ),
    API: (
        "**/controllers/**",
        "**/controller/**",
        "**/routes/**",
        "**/router/**",
        "**/routers/**",
        "**/graphql/**",
        "**/resolvers/**",
        "**/dto/**",
        "**/dtos/**",
        "*.graphql",
        "*.gql",
        "*.proto",
        "openapi*.{yaml,yml,json}",
        "swagger*.{yaml,yml,json}",
        "*.openapi.*",
        "*controller.*",
        "*.resolver.*",
        "*.dto.*",
        "*.routes.*",
        "routes.*",
    ),
    SERVICES: (
        "**/services/**",
        "**/service/**",
        "*service.*",  # users.service.ts, billing_service.py, OrderService.java
        "**/domain/**",
        "**/usecases/**",
        "**/use-cases/**",
        "**/use_cases/**",
        "**/interactors/**",
    ),
    DOCS: ("**/docs/**", "**/doc/**", "**/documentation/**"),
}
