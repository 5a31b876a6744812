"""Configuration: every section validated at load into frozen settings.

`settings` holds the frozen types (importable from anywhere: it imports only the
model), `schema` parses each section into them, `load` finds and reads the file, and
`presets` holds the two standards commitguard ships.
"""
