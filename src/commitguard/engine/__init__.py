"""The pure core that runs the rules: one message (`lint`), a stream of commits
(`check`), and which commits a run covers (`ranges`)."""
