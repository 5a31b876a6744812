"""A large synthetic repository for the range benchmarks, built by one `git fast-import`.

    python bench/synth.py [--commits 100000] [--seed 7] [--force]

Writes one fast-import stream (never one git process per commit) for a history of
`--commits` commits over three years: a dozen authors (some with non-ASCII names, and
dependabot[bot]), mostly conforming `<type>(<scope>): <description>` messages with bodies
and trailers, a share of violations (unknown types, capitalised or over-long headers,
missing scopes, no blank line after the header), `fixup!` commits, `Revert "..."` commits
that name the real sha of the commit they revert, breaking changes with (and a few
without) a `BREAKING CHANGE:` footer, security fixes with `Impact:`/`Affects:`, app code
under src/<module>/ (.py and .ts), migrations of four frameworks (Prisma, Django,
Alembic, Rails) and a side branch merged with two parents about every 50 commits.
Random but seeded: the same arguments give the same history, shas included.

The repository is cached in bench/.work/synth-<commits>-<seed> and reused by later runs
(`--force` rebuilds it); bench/check.py calls `ensure()` from here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
VERSION = 1  # bump when the generated history changes; cached repositories are rebuilt

START = 1_641_200_400  # 2022-01-03 09:00 UTC
SPAN = 3 * 365 * 24 * 3600

AUTHORS = (
    ("Alice Martin", "alice@example.com", "+0100"),
    ("José Fernández", "jose.fernandez@example.com", "+0100"),
    ("Zoë Müller", "zoe.mueller@example.com", "+0200"),
    ("田中 太郎", "taro.tanaka@example.jp", "+0900"),
    ("Øyvind Hansen", "oyvind@example.no", "+0100"),
    ("Priya Raghunathan", "priya.r@example.in", "+0530"),
    ("Łukasz Kowalski", "lukasz.k@example.pl", "+0100"),
    ("Chloé Dubois", "chloe.dubois@example.fr", "+0100"),
    ("Sam O'Connor", "sam.oconnor@example.com", "-0500"),
    ("Mei Chen", "mei.chen@example.com", "-0800"),
    ("Ahmed Farouk", "ahmed.farouk@example.com", "+0200"),
)
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "+0000")
MERGER = ("GitHub", "noreply@github.com", "+0000")

MODULES = (
    "orders",
    "billing",
    "auth",
    "users",
    "search",
    "inventory",
    "notifications",
    "reports",
    "api",
    "payments",
    "shipping",
    "admin",
)
PY_FILES = (
    "models",
    "views",
    "service",
    "handlers",
    "utils",
    "serializers",
    "tasks",
    "validators",
    "repository",
    "schemas",
    "permissions",
    "signals",
)
TS_FILES = ("index", "client", "routes", "store", "hooks", "types", "components", "api")
DJANGO_APPS = ("orders", "billing", "users", "inventory")

TYPES = (
    ("feat", 30),
    ("fix", 27),
    ("refactor", 10),
    ("chore", 8),
    ("test", 6),
    ("docs", 6),
    ("perf", 3),
    ("ci", 3),
    ("build", 3),
    ("style", 2),
)
VERBS = {
    "feat": ("add", "support", "introduce", "allow", "expose", "enable"),
    "fix": ("handle", "correct", "prevent", "avoid", "guard against", "restore"),
    "refactor": ("extract", "simplify", "split", "rename", "inline", "reorganise"),
    "chore": ("update", "bump", "clean up", "remove unused", "tidy"),
    "test": ("cover", "add tests for", "stabilise", "speed up tests for"),
    "docs": ("document", "explain", "clarify", "describe"),
    "perf": ("cache", "batch", "speed up", "index", "stream"),
    "ci": ("run", "cache", "split", "parallelise"),
    "build": ("pin", "upgrade", "package", "vendor"),
    "style": ("format", "reorder imports in", "lint"),
}
OBJECTS = (
    "pagination",
    "retry logic",
    "the export job",
    "webhook delivery",
    "rate limiting",
    "currency rounding",
    "the audit log",
    "bulk updates",
    "soft deletes",
    "timezone handling",
    "the search index",
    "CSV import",
    "email templates",
    "the health check",
    "idempotency keys",
    "session expiry",
    "the refund flow",
    "address validation",
    "feature flags",
    "the nightly report",
)
QUALIFIERS = (
    "",
    "",
    "",
    " for large accounts",
    " on slow networks",
    " in the admin panel",
    " behind a feature flag",
    " when the queue is empty",
    " for archived records",
    " across time zones",
)
PROSE = (
    "the request now returns early when the cache is warm and the client asked for a "
    "partial page so that the worker does not hold a connection open longer than the "
    "configured timeout while the upstream service is slow to answer which happened "
    "during the last incident and made every retry wait for the whole backoff window"
)
WORDS = tuple(PROSE.split())
PACKAGES = ("lodash", "axios", "django", "requests", "pydantic", "express", "prisma", "jest")
SECURITY_SCOPES = ("auth", "session", "jwt", "csrf", "permissions", "oauth")


class Generator:
    """Builds the fast-import stream commit by commit, writing it to `sink`."""

    def __init__(self, commits: int, seed: int, process: subprocess.Popen[bytes]) -> None:
        self.rng = random.Random(seed)
        self.target = commits
        self.process = process
        self.buffer: list[bytes] = []
        self.size = 0
        self.count = 0
        self.mark = 0
        self.time = START
        self.gap = SPAN / max(commits, 1)
        self.main_tip = 0  # mark of the tip of main; 0 before the first commit
        self.recent: list[tuple[int, str, tuple[str, ...]]] = []  # mark, header, paths
        self.files = {m: [f"src/{m}/{n}.py" for n in PY_FILES[:6]] for m in MODULES}
        for module in MODULES:
            self.files[module] += [f"src/{module}/{n}.ts" for n in TS_FILES[:3]]
        self.django = dict.fromkeys(DJANGO_APPS, 0)
        self.pull = 100
        self.shas: dict[int, str] = {}

    # -- output ------------------------------------------------------------------------

    def emit(self, data: bytes) -> None:
        self.buffer.append(data)
        self.size += len(data)
        if self.size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"".join(self.buffer))
        self.buffer.clear()
        self.size = 0

    def sha(self, mark: int) -> str:
        """The real sha of a commit already streamed, asked of fast-import itself."""
        if mark not in self.shas:
            assert self.process.stdin is not None
            assert self.process.stdout is not None
            self.emit(b"get-mark :%d\n" % mark)
            self.flush()
            self.process.stdin.flush()
            self.shas[mark] = self.process.stdout.readline().decode().strip()
        return self.shas[mark]

    def commit(
        self,
        ref: str,
        author: tuple[str, str, str],
        message: str,
        changes: dict[str, str | None],
        parents: tuple[int, ...],
        committer: tuple[str, str, str] | None = None,
    ) -> int:
        self.mark += 1
        self.count += 1
        self.time += max(1, int(self.rng.expovariate(1 / self.gap)))
        name, email, zone = author
        who = committer or author
        text = message.encode()
        out = [
            b"commit %s\nmark :%d\n" % (ref.encode(), self.mark),
            b"author %s <%s> %d %s\n" % (name.encode(), email.encode(), self.time, zone.encode()),
            b"committer %s <%s> %d %s\n"
            % (who[0].encode(), who[1].encode(), self.time + 30, who[2].encode()),
            b"data %d\n%s\n" % (len(text), text),
        ]
        if parents:
            out.append(b"from :%d\n" % parents[0])
            out.extend(b"merge :%d\n" % parent for parent in parents[1:])
        for path, content in changes.items():
            if content is None:
                out.append(b"D %s\n" % path.encode())
            else:
                blob = content.encode()
                out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(blob), blob))
        out.append(b"\n")
        self.emit(b"".join(out))
        return self.mark

    # -- history -----------------------------------------------------------------------

    def run(self) -> None:
        self.emit(b"feature done\nfeature get-mark\n")
        since_merge = 0
        merge_every = 50
        while self.count < self.target:
            left = self.target - self.count
            if since_merge >= merge_every and left >= 4:
                self.side_branch(min(left - 2, self.rng.randint(1, 5)))
                since_merge = 0
                merge_every = self.rng.randint(35, 65)
                continue
            header, message, changes, author = self.next_change()
            parents = (self.main_tip,) if self.main_tip else ()
            mark = self.commit("refs/heads/main", author, message, changes, parents)
            self.main_tip = mark
            self.remember(mark, header, changes)
            since_merge += 1
        self.emit(b"done\n")
        self.flush()

    def side_branch(self, length: int) -> None:
        """A pull request: commits on a branch from main, then a merge with two parents."""
        base = self.main_tip
        tip = base
        touched: dict[str, str | None] = {}
        first = ""
        for _ in range(length):
            header, message, changes, author = self.next_change(deletions=False)
            tip = self.commit("refs/heads/topic", author, message, changes, (tip,))
            self.remember(tip, header, changes)
            touched.update(changes)
            first = first or header
        # Main moves on meanwhile, on files the branch did not touch.
        for _ in range(self.rng.randint(0, 2)):
            if self.target - self.count <= 1:
                break
            header, message, changes, author = self.next_change(deletions=False)
            if set(changes) & set(touched):
                continue
            self.main_tip = self.commit(
                "refs/heads/main", author, message, changes, (self.main_tip,)
            )
            self.remember(self.main_tip, header, changes)
        self.pull += self.rng.randint(1, 9)
        branch = first.split(":", 1)[-1].strip().lower().replace(" ", "-")[:40].strip("-")
        if self.rng.random() < 0.8:
            message = f"Merge pull request #{self.pull} from acme/{branch}\n\n{first}\n"
        else:
            message = f"Merge branch '{branch}' into main\n"
        self.main_tip = self.commit(
            "refs/heads/main", MERGER, message, touched, (self.main_tip, tip), MERGER
        )

    def remember(self, mark: int, header: str, changes: dict[str, str | None]) -> None:
        self.recent.append((mark, header, tuple(changes)))
        if len(self.recent) > 200:
            del self.recent[:100]

    def next_change(
        self, deletions: bool = True
    ) -> tuple[str, str, dict[str, str | None], tuple[str, str, str]]:
        """Header, whole message, file changes and author of the next ordinary commit."""
        rng = self.rng
        roll = rng.random()
        author = AUTHORS[rng.randrange(len(AUTHORS))]
        if roll < 0.04:
            return self.bump()
        if roll < 0.05 and self.recent:
            mark, header, paths = self.recent[-rng.randint(1, min(30, len(self.recent)))]
            if header.startswith(("fixup! ", "Revert ", "Merge ")):
                return self.next_change(deletions)
            return (
                f"fixup! {header}",
                f"fixup! {header}\n",
                {path: self.content(path) for path in paths},
                author,
            )
        if roll < 0.057 and self.recent:
            mark, header, paths = self.recent[-rng.randint(1, min(60, len(self.recent)))]
            if header.startswith(("fixup! ", "Merge ")):
                return self.next_change(deletions)
            # One revert in ten names a commit that is not in this history (rebased away).
            sha = self.sha(mark) if rng.random() < 0.9 else f"{rng.getrandbits(160):040x}"
            title = f'Revert "{header}"'
            body = f"This reverts commit {sha}."
            if rng.random() < 0.5:
                body += "\n\n" + self.paragraph(1)
            return title, f"{title}\n\n{body}\n", {p: self.content(p) for p in paths}, author
        module = MODULES[rng.randrange(len(MODULES))]
        kind = _weighted(rng, TYPES)
        scope = module
        changes = self.app_changes(module, kind, deletions)
        footers: list[str] = []
        bang = ""
        if roll < 0.07:
            kind, scope = "fix", SECURITY_SCOPES[rng.randrange(len(SECURITY_SCOPES))]
            impact = ("Critical", "High", "Medium", "Low")[rng.randrange(4)]
            footers.append(f"Impact: {impact}")
            if rng.random() < 0.85:  # the rest forget Affects: a finding
                footers.append(f"Affects: {module} endpoints for signed-in users")
        elif roll < 0.08:
            kind, bang = rng.choice(("feat", "refactor", "fix")), "!"
            footer = rng.random()
            if footer < 0.8:
                footers.append(f"BREAKING CHANGE: {self.sentence()}")
            elif footer < 0.9:
                footers.append(f"breaking change: {self.sentence()}")  # wrong case
        elif roll < 0.13:
            changes.update(self.migration())
            kind = rng.choice(("feat", "feat", "fix", "chore"))
            scope = "db"
        description = self.description(kind)
        header = f"{kind}({scope}){bang}: {description}"
        bad = rng.random()
        blank = "\n\n"
        if bad < 0.02:
            header = (
                f"{rng.choice(('feature', 'bugfix', 'update', 'wip', 'hotfix'))}: {description}"
            )
        elif bad < 0.04:
            header = f"{kind}({scope}): {description[0].upper()}{description[1:]}"
        elif bad < 0.06:
            header = f"{kind}: {description}"
        elif bad < 0.07:
            header = f"{kind}({scope}): {description} {self.sentence()} and more"
        elif bad < 0.075:
            header = f"{description[0].upper()}{description[1:]}"
        elif bad < 0.08:
            header = f"{kind}({scope}): {description}."
        elif bad < 0.085:
            blank = "\n"
        if rng.random() < 0.03:
            footers.append(f"Refs: #{rng.randint(1, 5000)}")
        if rng.random() < 0.15:
            footers.append(f"Refs: #{rng.randint(1, 5000)}")
        if rng.random() < 0.08:
            other = AUTHORS[rng.randrange(len(AUTHORS))]
            footers.append(f"Co-authored-by: {other[0]} <{other[1]}>")
        parts = [header]
        if rng.random() < 0.65 or footers:
            parts.append(self.paragraph(rng.randint(1, 3)))
            if rng.random() < 0.25:
                parts.append(self.paragraph(rng.randint(1, 2)))
        if footers:
            parts.append("\n".join(footers))
        message = parts[0] + (blank + "\n\n".join(parts[1:]) if len(parts) > 1 else "") + "\n"
        return header, message, changes, author

    def bump(self) -> tuple[str, str, dict[str, str | None], tuple[str, str, str]]:
        rng = self.rng
        package = PACKAGES[rng.randrange(len(PACKAGES))]
        old = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        new = f"{old.rsplit('.', 1)[0]}.{int(old.rsplit('.', 1)[1]) + 1}"
        header = f"chore(deps): bump {package} from {old} to {new}"
        body = (
            f"Bumps [{package}](https://github.com/example/{package}) from {old} to {new}.\n"
            f"- [Release notes](https://github.com/example/{package}/releases)\n"
            f"- [Commits](https://github.com/example/{package}/compare/v{old}...v{new})\n\n"
            "---\n"
            "updated-dependencies:\n"
            f"- dependency-name: {package}\n"
            "  dependency-type: direct:production\n"
            "  update-type: version-update:semver-patch\n"
            "...\n\n"
            f"Signed-off-by: {BOT[0]} <support@github.com>"
        )
        manifest = "package.json" if package in ("lodash", "axios", "express", "jest") else None
        changes: dict[str, str | None] = {}
        if manifest:
            changes["package.json"] = self.content("package.json")
            changes["package-lock.json"] = self.content("package-lock.json")
        else:
            changes["requirements.txt"] = self.content("requirements.txt")
        return header, f"{header}\n\n{body}\n", changes, BOT

    def app_changes(self, module: str, kind: str, deletions: bool) -> dict[str, str | None]:
        rng = self.rng
        files = self.files[module]
        changes: dict[str, str | None] = {}
        if kind == "docs":
            path = f"docs/{module}.md" if rng.random() < 0.7 else "README.md"
            return {path: self.content(path)}
        if kind == "ci":
            path = rng.choice((".github/workflows/ci.yml", ".github/workflows/release.yml"))
            return {path: self.content(path)}
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            path = files[rng.randrange(len(files))]
            changes[path] = self.content(path)
        if rng.random() < 0.06:
            names = PY_FILES if rng.random() < 0.6 else TS_FILES
            suffix = ".py" if names is PY_FILES else ".ts"
            path = f"src/{module}/{names[rng.randrange(len(names))]}_{self.count}{suffix}"
            files.append(path)
            changes[path] = self.content(path)
        if kind in ("test", "feat", "fix") and rng.random() < 0.4:
            path = f"tests/{module}/test_{rng.choice(PY_FILES)}.py"
            changes[path] = self.content(path)
        if deletions and len(files) > 12 and rng.random() < 0.02:
            path = files.pop(rng.randrange(9, len(files)))  # never one of the first nine
            changes[path] = None
        return changes

    def migration(self) -> dict[str, str | None]:
        rng = self.rng
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(self.time))
        name = rng.choice(("add_index", "create_table", "add_column", "drop_column", "backfill"))
        framework = rng.randrange(4)
        if framework == 0:
            return {
                f"prisma/migrations/{stamp}_{name}/migration.sql": f"-- {name}\nSELECT 1;\n",
                "prisma/schema.prisma": self.content("prisma/schema.prisma"),
            }
        if framework == 1:
            app = DJANGO_APPS[rng.randrange(len(DJANGO_APPS))]
            self.django[app] += 1
            path = f"{app}/migrations/{self.django[app]:04d}_{name}.py"
            return {path: f"# {name}\nfrom django.db import migrations\n"}
        if framework == 2:
            revision = f"{rng.getrandbits(48):012x}"
            return {
                f"alembic/versions/{revision}_{name}.py": f'"""{name}"""\nrevision = "{revision}"\n'
            }
        klass = name.title().replace("_", "")
        return {f"db/migrate/{stamp}_{name}.rb": f"class {klass} < Migration\nend\n"}

    def content(self, path: str) -> str:
        return f"# {path}\n# revision {self.count}.{self.rng.getrandbits(32):08x}\n"

    def description(self, kind: str) -> str:
        rng = self.rng
        verbs = VERBS[kind]
        return (
            f"{verbs[rng.randrange(len(verbs))]} {OBJECTS[rng.randrange(len(OBJECTS))]}"
            + (QUALIFIERS[rng.randrange(len(QUALIFIERS))])
        )

    def sentence(self) -> str:
        start = self.rng.randrange(len(WORDS) - 12)
        return " ".join(WORDS[start : start + self.rng.randint(6, 12)])

    def paragraph(self, sentences: int) -> str:
        text = ". ".join(self.sentence().capitalize() for _ in range(sentences)) + "."
        lines, line = [], ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > 72:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    pick = rng.randrange(sum(weight for _, weight in choices))
    for value, weight in choices:
        if pick < weight:
            return value
        pick -= weight
    raise AssertionError


def generate(path: Path, commits: int, seed: int) -> float:
    """Build the repository at `path` (which must not exist); the seconds it took."""
    started = time.perf_counter()
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            ["git", "-C", str(path), "fast-import", "--quiet", "--done"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        assert process.stdin is not None
        try:
            Generator(commits, seed, process).run()
            process.stdin.close()
        except BrokenPipeError:
            pass
        if process.wait() != 0:
            errors.seek(0)
            raise SystemExit(f"git fast-import failed:\n{errors.read().decode(errors='replace')}")
    subprocess.run(["git", "-C", str(path), "update-ref", "-d", "refs/heads/topic"], check=False)
    return time.perf_counter() - started


def ensure(commits: int = 100_000, seed: int = 7, force: bool = False) -> Path:
    """The cached repository for these arguments, generated first if need be."""
    path = WORK / f"synth-{commits}-{seed}"
    stamp = path / ".git" / "synth.json"
    if not force and stamp.exists() and json.loads(stamp.read_text()).get("version") == VERSION:
        return path
    WORK.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(path, ignore_errors=True)
    building = path.with_name(path.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    seconds = generate(building, commits, seed)
    count = subprocess.run(
        ["git", "-C", str(building), "rev-list", "--count", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    info = {"version": VERSION, "commits": int(count), "seed": seed, "seconds": round(seconds, 1)}
    (building / ".git" / "synth.json").write_text(json.dumps(info) + "\n")
    os.rename(building, path)
    print(f"synth: {count} commits generated in {seconds:.1f}s into {path}", flush=True)
    return path


def info(path: Path) -> dict[str, int | float]:
    """What `ensure` recorded about the repository at `path`."""
    recorded: dict[str, int | float] = json.loads((path / ".git" / "synth.json").read_text())
    return recorded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="rebuild even when cached")
    options = parser.parse_args()
    path = ensure(options.commits, options.seed, options.force)
    recorded = info(path)
    print(f"{path}: {recorded['commits']} commits (generated in {recorded['seconds']}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
