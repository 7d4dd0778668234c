"""Headless entry points: `tahoegui-cp` and `tahoegui-grid`."""
