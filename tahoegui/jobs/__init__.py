"""The bridge between the window and the blocking libraries: background calls and copy jobs."""
