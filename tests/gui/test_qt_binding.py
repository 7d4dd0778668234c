"""The Qt binding itself must survive what the app does all day: many signal emissions."""

from __future__ import annotations

import subprocess
import sys
import textwrap

EMIT_MANY = textwrap.dedent("""
    import sys, threading
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    class Job(QObject):
        progressed = Signal(object)
    job = Job()
    job.progressed.connect(lambda event: None)
    def work():
        for i in range(20000):
            job.progressed.emit(i)
    thread = threading.Thread(target=work)
    thread.start(); thread.join()
    for i in range(20000):
        job.progressed.emit(i % 2 == 0)
    app.processEvents()
    print("survived")
""")


def test_tens_of_thousands_of_signal_emissions_do_not_crash_the_process():
    # A copy job emits a signal per progress event; PySide6 6.12.0 lost a reference to
    # True/False per emit and aborted the process on Python 3.11 (bool_dealloc).
    proc = subprocess.run(
        [sys.executable, "-c", EMIT_MANY],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0 and "survived" in proc.stdout, proc.stderr[-2000:]
