"""Migration hygiene: which paths are migrations, and the facts the migration rules judge.

`presets` is the framework table (data), `locate` reads non-default locations from a
framework's own configuration, `classify` sorts a path into migration, schema, neutral
or code, `project` builds a repository's classifier from the validated `migrations:`
settings, `content` reads migration text, `branch` holds the range-level rules of
`commitguard check`, `detect` finds a work tree's frameworks for `commitguard init`.
The `staged` door is commands/staged.py.
"""
