"""Operations in the background: one thread for database writes, one for reads.

Work is a plain function run on the worker; its result or error comes back to the UI thread by
queued signal and is handed to the success or failure callback there. Workers never touch widgets.

A window may be deleted while its work runs (a dialog closed mid-read, a board dropped by its
owner). The worker therefore never emits on the window's own runner, which that deletion destroys
under it, but on one relay that lives as long as the application; the relay hands the result to
the runner only if the runner still exists and is not closed.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from ui.errors import show_error

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Relay(QObject):
    finished = Signal(object, object, object, object, object)  # runner, success, failure, result, error

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        # Queued even when the work ended before `run` returned (its callback then runs in this
        # thread): a result never arrives inside the call that asked for it.
        self.finished.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    def _arrived(
        self,
        runner: TaskRunner,
        on_success: Success | None,
        on_failure: Failure | None,
        result: Any,
        error: BaseException | None,
    ) -> None:
        if not runner._closed and shiboken6.isValid(runner):
            runner._deliver(on_success, on_failure, result, error)


_relays: list[_Relay] = []


def _the_relay() -> _Relay:
    """Made on first use, in the UI thread (runners are made there), once per application."""
    if not _relays or not shiboken6.isValid(_relays[0]):
        _relays[:] = [_Relay()]
    return _relays[0]


class TaskRunner(QObject):
    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._relay = _the_relay()
        self._closed = False
        self.pending = 0
        # Deleted without being shut down: the thread ends after the work in hand, nothing more starts.
        self.destroyed.connect(lambda *_: pool.shutdown(wait=False, cancel_futures=True))

    def run(
        self, work: Callable[[], Any], on_success: Success | None = None, on_failure: Failure | None = None
    ) -> Future[Any]:
        if self._closed:  # the window is closing: nothing new starts
            cancelled: Future[Any] = Future()
            cancelled.cancel()
            return cancelled
        self.pending += 1
        future = self._pool.submit(work)
        relay = self._relay

        def done(f: Future[Any]) -> None:
            if self._closed or f.cancelled():
                return
            error = f.exception()
            relay.finished.emit(self, on_success, on_failure, None if error else f.result(), error)

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
