"""loopcoach: offline interview preparation with a deterministic hiring-committee scorer."""

__version__ = "0.1.0"
