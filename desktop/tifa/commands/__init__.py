"""Subcommands of ``tifa``: each module has ``add_arguments(parser)`` and ``run(args) -> int``."""
