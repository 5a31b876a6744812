"""Configuration: every section validated at load into frozen settings."""
