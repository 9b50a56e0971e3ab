"""CLI commands that live in their own modules (see steppe.cli.EXTENSIONS)."""
