"""Operations in the background: one thread for database writes, one for reads.

Work is a plain function run on the worker; its result or error comes back to the UI thread by
queued signal and is handed to the success or failure callback there. Workers never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.errors import show_error

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class TaskRunner(QObject):
    _finished = Signal(object, object, object, object)  # success, failure, result, error

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._finished.connect(self._deliver)
        self._closed = False
        self.pending = 0

    def run(
        self, work: Callable[[], Any], on_success: Success | None = None, on_failure: Failure | None = None
    ) -> Future[Any]:
        if self._closed:  # the window is closing: nothing new starts
            cancelled: Future[Any] = Future()
            cancelled.cancel()
            return cancelled
        self.pending += 1
        future = self._pool.submit(work)

        def done(f: Future[Any]) -> None:
            if self._closed:
                return
            error = f.exception() if not f.cancelled() else None
            self._finished.emit(on_success, on_failure, None if error else f.result(), error)

        future.add_done_callback(done)
        return future

    def _deliver(
        self, on_success: Success | None, on_failure: Failure | None, result: Any, error: BaseException | None
    ) -> None:
        self.pending -= 1
        if error is not None:
            if on_failure is not None:
                on_failure(error)
            else:
                parent = self.parent()
                show_error(parent if hasattr(parent, "isWindow") else None, error)  # type: ignore[arg-type]
        elif on_success is not None:
            on_success(result)

    def shutdown(self) -> None:
        """Finish the work already handed over, then deliver nothing more."""
        if self._closed:
            return
        self._pool.shutdown(wait=True)
        self._closed = True
