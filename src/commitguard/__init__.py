"""commitguard: one commit standard, enforced at every door a commit passes through."""

__version__ = "0.1.0"
