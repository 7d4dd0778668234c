"""The few colours the window uses to mean something, defined once for widgets and models. No Qt."""

from __future__ import annotations

ERROR_COLOUR = "#b00020"  # something failed or will fail: errors, warnings, uploads that cannot work
QUIET_COLOUR = "#707070"  # a note in place of content ("loading…")
ERROR_STYLE = f"color: {ERROR_COLOUR}"  # a label's style sheet in the error colour
