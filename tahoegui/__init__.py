"""tahoegui: a dual-pane file manager for Tahoe-LAFS grids."""

__version__ = "0.1.0"
