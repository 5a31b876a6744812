"""The doors: one module per command, each the shell around the pure core."""
