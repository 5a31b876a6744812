"""Work areas in `commitguard report`: each changed path in one area, per engineer and
for the team, in every format.

The repositories are real: a NestJS, a Django, a Rails and a framework-less layout,
committed by `git commit` with pinned identities and dates. The expected figures come
from this file's own labels (the area a reader gives each path, written by hand below)
and from `git log --numstat`, never from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from commitguard.config.load import default
from commitguard.migrations.files import WorkTree
from commitguard.report.area_presets import AREAS
from commitguard.report.areas import Areas
from tests.helpers import JsonObject, Repo, run_commitguard

SINCE = "2026-01-05T00:00:00+00:00"
UNTIL = "2026-01-19T00:00:00+00:00"
WINDOW = ("--since", SINCE, "--until", UNTIL)
ENV = {"TZ": "UTC", "NO_COLOR": "1", "COLUMNS": "100"}

ADA = ("Ada Lovelace", "ada@example.com")
GRACE = ("Grace Hopper", "grace@example.com")
LINUS = ("Linus Torvalds", "linus@example.com")

NEST_PACKAGE = '{"dependencies": {"@nestjs/core": "^10.0.0", "typeorm": "^0.3.0"}}\n'

# What each framework's scaffold holds before the window: its markers.
SCAFFOLDS = {
    "nestjs": {"package.json": NEST_PACKAGE, "nest-cli.json": "{}\n"},
    "django": {"manage.py": "import django\n"},
    "rails": {"config/application.rb": "module Shop; end\n", "Gemfile": "gem 'rails'\n"},
    "generic": {"go.mod": "module example.com/shop\n"},
}

# Two engineers' commits in the window: (who, day, message, {path: area by hand}).
Commit = tuple[tuple[str, str], str, str, dict[str, str]]
LAYOUTS: dict[str, list[Commit]] = {
    "nestjs": [
        (
            ADA,
            "2026-01-06",
            "feat(users): add the users endpoint",
            {
                "src/users/users.controller.ts": "api",
                "src/users/dto/create-user.dto.ts": "api",
                "src/users/users.service.ts": "services",
                "src/users/users.module.ts": "services",
            },
        ),
        (
            ADA,
            "2026-01-07",
            "feat(users): store users",
            {
                "src/users/entities/user.entity.ts": "database",
                "src/database/migrations/1715028537217-CreateUser.ts": "database",
                "src/users/infrastructure/persistence/user.repository.ts": "database",
            },
        ),
        (
            GRACE,
            "2026-01-08",
            "feat(mail): send the welcome mail from a queue",
            {
                "src/mail/welcome.processor.ts": "jobs",
                "src/mail/mail.service.ts": "integrations",
                "src/payments/stripe.client.ts": "integrations",
                "src/webhooks/github.controller.ts": "integrations",
            },
        ),
        (
            GRACE,
            "2026-01-09",
            "fix(auth): refuse expired tokens",
            {
                "src/auth/strategies/jwt.strategy.ts": "auth",
                "src/roles/roles.guard.ts": "auth",
                "src/users/users.service.spec.ts": "tests",
                "test/users.e2e-spec.ts": "tests",
            },
        ),
        (
            GRACE,
            "2026-01-12",
            "chore(ci): build the image",
            {
                "Dockerfile": "infrastructure",
                ".github/workflows/ci.yml": "infrastructure",
                "docker-compose.test.yaml": "infrastructure",
                "README.md": "docs",
                "src/main.ts": "other",
            },
        ),
    ],
    "django": [
        (
            ADA,
            "2026-01-06",
            "feat(shop): add orders",
            {
                "shop/models.py": "database",
                "shop/migrations/0002_order.py": "database",
                "shop/managers.py": "database",
                "shop/views.py": "api",
                "shop/serializers.py": "api",
                "shop/urls.py": "api",
                "shop/admin.py": "api",
            },
        ),
        (
            GRACE,
            "2026-01-08",
            "feat(shop): charge orders in the background",
            {
                "shop/tasks.py": "jobs",
                "shop/management/commands/expire_carts.py": "jobs",
                "shop/services.py": "services",
                "shop/webhooks.py": "integrations",
                "shop/permissions.py": "auth",
                "shop/tests/test_views.py": "tests",
                "config/settings.py": "infrastructure",
                "docs/orders.rst": "docs",
            },
        ),
    ],
    "rails": [
        (
            ADA,
            "2026-01-06",
            "feat(orders): add orders",
            {
                "app/models/order.rb": "database",
                "db/migrate/20260106000000_create_orders.rb": "database",
                "db/schema.rb": "database",
                "app/controllers/orders_controller.rb": "api",
                "app/views/orders/index.html.erb": "api",
                "config/routes.rb": "api",
            },
        ),
        (
            GRACE,
            "2026-01-08",
            "feat(orders): charge orders",
            {
                "app/jobs/charge_job.rb": "jobs",
                "app/services/checkout.rb": "services",
                "app/mailers/order_mailer.rb": "integrations",
                "app/policies/order_policy.rb": "auth",
                "spec/models/order_spec.rb": "tests",
                "config/environments/production.rb": "infrastructure",
            },
        ),
    ],
    "generic": [
        (
            ADA,
            "2026-01-06",
            "feat(orders): add the orders api",
            {
                "api/openapi.yaml": "api",
                "internal/repositories/orders.go": "database",
                "internal/orders/service.go": "services",
                "cmd/worker/main.go": "jobs",
            },
        ),
        (
            GRACE,
            "2026-01-08",
            "chore(deploy): deploy with terraform",
            {
                "terraform/main.tf": "infrastructure",
                "docs/deploy.txt": "docs",
                "internal/orders/orders_test.go": "tests",
                "internal/billing/webhook_handler.go": "integrations",
                "internal/auth/session.go": "auth",
                "tools/gen.go": "other",
            },
        ),
    ],
}


def git_commit(
    repo: Repo, who: tuple[str, str], day: str, message: str, files: dict[str, str]
) -> None:
    for path, content in files.items():
        repo.write(path, content)
    repo.git("add", "--", *files)
    stamp = f"{day}T10:00:00+00:00"
    repo.git(
        "-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", message,
        env={
            "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1], "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1],
            "GIT_COMMITTER_DATE": stamp,
        },
    )  # fmt: skip


def build(repo: Repo, layout: str) -> None:
    git_commit(repo, LINUS, "2025-12-29", "chore(repo): scaffold", SCAFFOLDS[layout])
    for index, (who, day, message, paths) in enumerate(LAYOUTS[layout]):
        # A different number of lines per file, so lines and commits cannot be confused.
        files = {path: "line\n" * (1 + (index + n) % 4) for n, path in enumerate(paths)}
        git_commit(repo, who, day, message, files)


def expected(
    repo: Repo, layout: str, relabel: dict[str, str] | None = None
) -> dict[str, dict[str, dict[str, int]]]:
    """Per author (and `totals`), each area's commits and lines: the labels above (a
    path starting with a key of `relabel` is in its area instead), the line counts as
    `git log --numstat` gives them."""
    labels = {path: area for *_, paths in LAYOUTS[layout] for path, area in paths.items()}
    for start, area in (relabel or {}).items():
        labels.update({path: area for path in labels if path.startswith(start)})
    log = repo.git(
        "log", "--no-merges", "--numstat", "--format=@%aN", f"--since={SINCE}", f"--until={UNTIL}"
    ).stdout
    found: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: {area: {"commits": 0, "lines": 0} for area in AREAS}
    )
    for chunk in log.split("@")[1:]:
        author, *rows = [line for line in chunk.splitlines() if line.strip()]
        touched = set()
        for row in rows:
            added, deleted, path = row.split("\t")
            area = labels[path]
            touched.add(area)
            for who in (author, "totals"):
                found[who][area]["lines"] += int(added) + int(deleted)
        for who in (author, "totals"):
            for area in touched:
                found[who][area]["commits"] += 1
    return dict(found)


def report_json(repo: Repo, *args: str) -> JsonObject:
    result = run_commitguard("report", *WINDOW, "--format", "json", *args, cwd=repo.path, env=ENV)
    assert result.returncode == 0, result.stderr
    data: JsonObject = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_engineers_areas_are_the_labels_of_their_paths(repo: Repo, layout: str) -> None:
    build(repo, layout)
    data = report_json(repo)
    want = expected(repo, layout)
    assert {a["name"]: a["areas"] for a in data["authors"]} == {
        name: areas for name, areas in want.items() if name != "totals"
    }
    assert data["totals"]["areas"] == want["totals"]
    # The areas split the lines the report counts, no more and no less.
    for tally in (*data["authors"], data["totals"]):
        lines = sum(area["lines"] for area in tally["areas"].values())
        assert lines == tally["insertions"] + tally["deletions"]
    # Every id, in order, zeros included: a script needs no key checks.
    assert list(data["totals"]["areas"]) == list(AREAS)
    assert list(data["previous"]["areas"]) == list(AREAS)
    assert data["previous"]["areas"]["other"]["commits"] == 1  # the scaffold's markers


def test_a_commit_counts_once_in_each_area_it_touches(repo: Repo) -> None:
    build(repo, "nestjs")
    areas = report_json(repo)["totals"]["areas"]
    # Grace's mail commit: three integration files and a processor, one commit each.
    assert areas["integrations"]["commits"] == 1
    assert areas["jobs"]["commits"] == 1
    assert sum(area["commits"] for area in areas.values()) > 5  # five commits, more areas


def test_only_an_app_with_the_frameworks_marker_gets_its_preset(repo: Repo) -> None:
    """A monorepo: the NestJS app's module wiring is services, the same name in the
    web app (whose package.json does not mention NestJS) is nobody's role."""
    git_commit(repo, LINUS, "2025-12-29", "chore(repo): scaffold", {
        "package.json": '{"workspaces": ["apps/*"]}\n',
        "apps/api/package.json": NEST_PACKAGE,
        "apps/web/package.json": '{"dependencies": {"react": "^18.0.0"}}\n',
    })  # fmt: skip
    git_commit(repo, ADA, "2026-01-06", "feat(app): wire both apps", {
        "apps/api/src/app.module.ts": "a\n",
        "apps/web/src/app.module.ts": "a\nb\n",
    })  # fmt: skip
    areas = report_json(repo)["totals"]["areas"]
    assert areas["services"] == {"commits": 1, "lines": 1}
    assert areas["other"] == {"commits": 1, "lines": 2}


def test_configured_globs_come_before_the_preset(repo: Repo) -> None:
    build(repo, "nestjs")
    repo.write(
        ".commitguard.yaml",
        "report:\n  areas:\n    integrations: [src/users/**]\n"
        "    api: ['src/database/migrations/**']\n",
    )
    areas = report_json(repo)["totals"]["areas"]
    relabel = {"src/users/": "integrations", "src/database/migrations/": "api"}
    assert areas == expected(repo, "nestjs", relabel)["totals"]
    # The tests of src/users/ included: the configuration comes first. And the migration
    # the migration rules judged is the API's, since the configuration says so.
    assert areas["services"] == {"commits": 0, "lines": 0}
    assert areas["api"]["commits"] == 1


def test_auth_is_what_the_security_settings_say(repo: Repo) -> None:
    """`auth` asks the security rules, so a team's own auth folder counts."""
    build(repo, "generic")
    repo.write(".commitguard.yaml", "security:\n  paths: ['**/billing/**']\n")
    areas = report_json(repo)["totals"]["areas"]
    assert areas["auth"]["commits"] == 1
    assert areas["integrations"] == {"commits": 0, "lines": 0}  # billing/webhook_handler
    # internal/auth/ is no longer a security folder: its file falls to `other`.
    assert areas["other"]["commits"] == 1


def test_the_migration_rules_classifier_makes_database_work(repo: Repo) -> None:
    """A migration where only the configuration says migrations are."""
    git_commit(repo, ADA, "2026-01-06", "feat(db): add the orders table", {
        "sql/changes/001_orders.up": "CREATE TABLE orders (id int);\n",
    })  # fmt: skip
    assert report_json(repo)["totals"]["areas"]["database"]["commits"] == 0
    repo.write(".commitguard.yaml", "migrations:\n  migration: ['sql/changes/*.up']\n")
    assert report_json(repo)["totals"]["areas"]["database"] == {"commits": 1, "lines": 1}


def test_lockfiles_and_excluded_paths_are_in_no_area(repo: Repo) -> None:
    git_commit(repo, ADA, "2026-01-06", "chore(deps): bump", {
        "package-lock.json": "{}\n" * 50,
        "src/__snapshots__/users.spec.ts.snap": "exports[`a`] = 1;\n" * 20,
        "src/users/users.service.ts": "a\n",
    })  # fmt: skip
    areas = report_json(repo)["totals"]["areas"]
    assert sum(area["lines"] for area in areas.values()) == 1


def test_every_format_shows_the_areas(repo: Repo) -> None:
    build(repo, "django")

    def text(fmt: str) -> str:
        result = run_commitguard("report", *WINDOW, "--format", fmt, cwd=repo.path, env=ENV)
        assert result.returncode == 0, result.stderr
        return result.stdout

    want = expected(repo, "django")
    table = text("table")
    assert "Work areas (share of lines)" in table
    lines = want["Grace Hopper"]["jobs"]["lines"]
    assert re.search(rf"\n +jobs +█+ +\d+% +{lines} lines  1 commit\n", table), table
    markdown = text("markdown")
    assert "### Work areas" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| Ada Lovelace |"))
    db = want["Ada Lovelace"]["database"]
    assert f"| {db['lines']} · {db['commits']} |" in row
    for cells in csv.DictReader(io.StringIO(text("csv"))):
        for area in AREAS:
            assert int(cells[f"area_{area}_lines"]) == want[cells["name"]][area]["lines"]
            assert int(cells[f"area_{area}_commits"]) == want[cells["name"]][area]["commits"]
    html = text("html")
    assert html.count('class="area-bar"') == 2 + 1  # each engineer, and the team
    assert html.index('id="areas"') < html.index('class="person"')


def test_bad_areas_configuration_is_an_error_naming_the_key(repo: Repo) -> None:
    for content, key, said in (
        ("report:\n  areas: [api]\n", "report.areas", "expected a mapping"),
        ("report:\n  areas:\n    databse: ['db/**']\n", "report.areas.databse", "database"),
        ("report:\n  areas:\n    api: 'src/**'\n", "report.areas.api", "list of globs"),
        ("report:\n  areas:\n    api: ['src/[**']\n", "report.areas.api[0]", "not a valid glob"),
    ):
        repo.write(".commitguard.yaml", content)
        result = run_commitguard("report", *WINDOW, cwd=repo.path, env=ENV)
        assert result.returncode == 3, content
        assert ".commitguard.yaml" in result.stderr
        assert key in result.stderr, result.stderr
        assert said in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


# -- the classifier itself, table-driven -------------------------------------------------

MUST: dict[str, list[tuple[str, str]]] = {
    "nestjs": [
        ("src/orders/orders.resolver.ts", "api"),
        ("src/orders/orders.gateway.ts", "api"),
        ("src/orders/orders.interceptor.ts", "api"),
        ("src/orders/order.subscriber.ts", "database"),
        ("src/orders/order.schema.ts", "database"),
        ("src/queues/orders.consumer.ts", "jobs"),
        ("src/orders/orders.cron.ts", "jobs"),
        ("src/auth/local.strategy.ts", "auth"),
        ("src/files/files.strategy.ts", "auth"),
        ("src/orders/domain/order.ts", "services"),
        ("src/orders/dto/OrderWhereInput.ts", "api"),
        ("src/orders/OrderFindManyArgs.ts", "api"),
        ("src/orders/orders.controller.spec.ts", "tests"),
        ("src/utils/pagination.ts", "other"),
    ],
    "django": [
        ("shop/models/order.py", "database"),
        ("shop/api/views.py", "api"),
        ("shop/templates/shop/cart.html", "api"),
        ("shop/celery.py", "jobs"),
        ("shop/selectors.py", "services"),
        ("shop/conftest.py", "tests"),
        ("project/wsgi.py", "infrastructure"),
        ("shop/apps.py", "other"),
    ],
    "rails": [
        ("app/graphql/types/order_type.rb", "api"),
        ("app/helpers/orders_helper.rb", "api"),
        ("app/workers/sync_worker.rb", "jobs"),
        ("lib/tasks/cleanup.rake", "jobs"),
        ("app/interactors/place_order.rb", "services"),
        ("app/controllers/users/sessions_controller.rb", "auth"),
        ("db/seeds.rb", "database"),
        ("test/models/order_test.rb", "tests"),
        ("app/assets/stylesheets/app.css", "other"),
    ],
    "generic": [
        ("CHANGELOG.md", "docs"),
        ("deploy/k8s/api.yaml", "infrastructure"),
        ("docker-compose.test.yml", "infrastructure"),
        ("src/__tests__/cart.ts", "tests"),
        ("db/seeds/users.sql", "database"),
        ("proto/orders.proto", "api"),
        ("src/integrations/slack/notify.py", "integrations"),
        ("src/queues/retry.py", "jobs"),
        ("src/services/cart.py", "services"),
        ("docs/diagram.svg", "docs"),
        ("docs/openapi.yaml", "api"),
        ("web/src/routes/Home.tsx", "other"),  # a frontend's routes are not the API
        ("web/src/services/cart.scss", "other"),
        ("web/src/routes/Home.test.tsx", "tests"),
        ("startup.dev.sh", "infrastructure"),
        ("src/kafka/topics.ts", "jobs"),
        ("src/orders/orders.controller.ts", "api"),  # a controller by name anywhere
        ("src/orders/app.module.ts", "other"),  # NestJS's wiring needs NestJS
        ("setup.cfg", "other"),
    ],
}


@pytest.mark.parametrize(
    ("layout", "path", "area"),
    [
        pytest.param(layout, path, area, id=f"{layout}:{path}")
        for layout, cases in MUST.items()
        for path, area in cases
    ],
)
def test_a_path_is_in_its_area(tmp_path: Path, layout: str, path: str, area: str) -> None:
    for name, content in SCAFFOLDS[layout].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    areas = Areas(default(), lambda path: False, WorkTree(str(tmp_path)))
    assert areas(path) == area
    assert areas.preset(path) == (None if layout == "generic" else layout)
