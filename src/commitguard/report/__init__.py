"""`commitguard report`: what each engineer's commits in a time window hold.

window.py turns `--since 2w` into absolute times; people.py decides who a commit belongs
to; aggregate.py (pure) folds commits into a Report; one module per output format renders
it; command.py is the thin shell that asks git and writes the result.
"""
