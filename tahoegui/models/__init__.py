"""Qt item models: the local tree, the lazy grid tree, the transfer list, drag-and-drop payloads."""
