"""What `commitguard report` leaves out of line counts by default. Pure data.

`report.default-excludes: false` in the configuration turns these off;
`report.exclude-paths` adds more.
"""

from __future__ import annotations

# Lines nobody wrote by hand: package-manager lockfiles, build output, vendored code.
# At any depth: a monorepo has a node_modules/ or dist/ per package.
DEFAULT_EXCLUDES = (
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lockb",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    "pdm.lock",
    "Cargo.lock",
    "go.sum",
    "Gemfile.lock",
    "composer.lock",
    "mix.lock",
    "flake.lock",
    "packages.lock.json",
    "*.min.js",
    "*.min.css",
    "*.map",
    "*_pb2.py",
    "*_pb2_grpc.py",
    "*.pb.go",
    "*.generated.*",
    "*.g.dart",
    "*.snap",  # Jest's snapshots, written by `jest -u`
    "**/__snapshots__/**",
    "**/vendor/**",
    "**/third_party/**",
    "**/node_modules/**",
    "**/dist/**",
)
