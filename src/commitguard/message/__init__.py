"""The commit message: git's cleanup, the parser, and the helpers that suggest fixes."""
