"""The package version, read by setup.cfg and ``pytorch-bridge --version``."""

__version__ = "0.1.0"
