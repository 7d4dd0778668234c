"""Widgets: the main window, its two panes, the progress dialog and the transfer dock."""
