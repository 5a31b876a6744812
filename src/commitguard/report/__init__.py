"""`commitguard report`: what each engineer's commits in a time window hold.

window.py turns `--since 2w` into absolute times; people.py decides who a commit belongs
to; facts.py works out what one commit counts for; figures.py declares every figure once
(how a commit adds to it, how it reads, where it is shown); aggregate.py (pure) folds the
commits into a Report of Tallies (tally.py). The formats are in formats/report/, and
commands/report.py is the thin shell that asks git and writes the result.
"""
