"""Back, up, refresh and a location field you can type into: the top of each pane."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStyle, QToolButton, QWidget


class NavigationBar(QWidget):
    """Emits what the user asked for; the pane decides what it means."""

    backRequested = Signal()
    upRequested = Signal()
    refreshRequested = Signal()
    locationEntered = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        style = self.style()
        self.back_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "Back", self.backRequested
        )
        self.up_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), "Up (Backspace)", self.upRequested
        )
        self.refresh_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), "Refresh", self.refreshRequested
        )
        self.location = QLineEdit(self)
        self.location.setPlaceholderText(placeholder)
        self.location.returnPressed.connect(lambda: self.locationEntered.emit(self.location.text().strip()))
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)
        for w in (self.back_button, self.up_button, self.refresh_button, self.location):
            self.layout_.addWidget(w)

    def _button(self, icon: QIcon, tip: str, signal: SignalInstance) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(signal.emit)
        return button

    def add_widget(self, widget: QWidget) -> None:
        self.layout_.addWidget(widget)

    def insert_widget(self, position: int, widget: QWidget) -> None:
        self.layout_.insertWidget(position, widget)

    def show_location(self, text: str) -> None:
        self.location.setText(text)
        self.location.setCursorPosition(0)
