"""Put an edition on disk all or nothing: every file written, synced and verified, then renamed.

A build reads every output back (a PDF is parsed in strict mode, a zip has every CRC checked),
where it was made or here, and writes each (PDF, DOCX, …, and the manifest last) to a
temporary file beside its target and fsyncs it, before *any* target is replaced. A full disk,
a kill or a writer bug therefore leaves either the whole previous edition or the whole new
one, never a mix, and no stray temporary files. A lock file beside the outputs keeps two
builds of one brief from interleaving.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from briefgen.errors import BriefError, Problem

LOCK_WAIT_SECONDS = 300.0
EX_TEMPFAIL = 75  # sysexits.h: try again later


class OutputError(BriefError):
    """The output folder cannot take the edition (not a folder, not writable, locked)."""


class LockedError(OutputError):
    """Another build of the same brief holds the output folder's lock."""

    exit_code = EX_TEMPFAIL


def check_out_dir(out: Path) -> None:
    """Make sure `out` is, or can become, a writable folder, before any rendering is done.

    Nothing is created here, so a brief that fails validation leaves no trace.
    """
    where = str(out)
    probe = out
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        what = "is a file, not a folder" if probe == out else f"{probe} is a file, not a folder"
        raise OutputError(Problem(where, None, "-o", what))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(Problem(where, None, "-o", f"cannot write to {probe} (permission "
                                  "denied); choose another output folder with -o"))


def make_out_dir(out: Path) -> None:
    """Create the output folder (once the brief is known to be good)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(str(out), None, "-o", f"cannot create the output folder: "
                                  f"{exc.strerror or exc}")) from None


@contextlib.contextmanager
def locked(out: Path, name: str, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold `out/.NAME.lock` for the build; wait for another build of NAME, then give up (75).

    The lock is an OS file lock, released by the kernel when its holder dies, so a build
    killed with -9 never leaves a stale lock behind.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): builds of one brief are not serialised
        yield
        return
    path = out / f".{name}.lock"
    deadline = time.monotonic() + wait
    while True:
        handle = open(path, "a+b")  # noqa: SIM115 - held across the yield below
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            if time.monotonic() >= deadline:
                raise LockedError(Problem(str(out), None, "-o",
                                          f"another build of '{name}' is still writing here "
                                          f"(waited {wait:.0f} s); try again later")) from None
            time.sleep(0.1)
            continue
        if _same_file(path, handle.fileno()):
            break
        handle.close()  # the holder before us removed this lock file: take the new one
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held, so no waiter can miss it
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _same_file(path: Path, fd: int) -> bool:
    """True if `path` still names the open file `fd` (it was not removed and replaced)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


class ReadBackError(ValueError):
    """An output does not read back as the kind of file it claims to be."""


def read_back_failed(out: Path, exc: BaseException) -> OutputError:
    """The error for an output that failed its read-back check (nothing was replaced)."""
    return OutputError(Problem(str(out), None, "-o", f"an output failed its read-back check "
                               f"({exc}); the previous edition is untouched"))


def verify(path: Path, payload: bytes) -> None:
    """Raise ReadBackError unless `payload` reads back as the kind of file `path` names."""
    check_payload(path.suffix.lower().lstrip("."), payload)


def check_payload(extension: str, payload: bytes) -> None:
    """Raise ReadBackError unless `payload` reads back as a file of type `extension`.

    Cheap enough to run where the payload was made (a worker), so the main process does not
    wait for it at the end of a build.
    """
    try:
        if extension == "pdf":
            if not _classic_pdf_reads_back(payload):
                _pdf_reads_back(payload)
        elif extension in ("docx", "zip"):
            with zipfile.ZipFile(io.BytesIO(payload)) as archive:
                bad = archive.testzip()
                if bad is not None:
                    raise ReadBackError(f"zip member {bad} fails its CRC check")
    except ReadBackError:
        raise
    except Exception as exc:  # pypdf and zipfile raise many kinds for a damaged file
        raise ReadBackError(str(exc) or type(exc).__name__) from None


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"\s*(\d+) (\d+)[ \t]*\r?\n")
_REFERENCE = rb"/%s\s+(\d+)\s+(\d+)\s+R"
_OBJECT = re.compile(rb"(\d+) \d+ obj")


def _classic_pdf_reads_back(payload: bytes) -> bool:
    """Check a PDF with a classic cross-reference table, as a reader first reads it.

    The header, `startxref` and `%%EOF`, every in-use entry of the table pointing at its own
    `N G obj`, and a trailer whose catalogue's page tree counts at least one page. Returns
    False for a PDF of another layout (a cross-reference stream), which pypdf then reads;
    raises ReadBackError for a damaged one. A few milliseconds, where importing pypdf (with
    its cryptography backends) costs a tenth of a second.
    """
    if not payload.startswith(b"%PDF-"):
        raise ReadBackError("no %PDF- header")
    end = _STARTXREF.search(payload, max(0, len(payload) - 1024))
    if end is None:
        raise ReadBackError("startxref not found (the file ends early)")
    at = int(end.group(1))
    if payload[at:at + 4] != b"xref":
        return False
    offsets: dict[int, int] = {}
    pos = at + 4
    while (head := _SUBSECTION.match(payload, pos)) is not None:
        first, count = int(head.group(1)), int(head.group(2))
        pos = head.end()
        for number in range(first, first + count):
            entry = payload[pos:pos + 20]
            if len(entry) < 18 or entry[17:18] not in (b"n", b"f"):
                raise ReadBackError(f"cross-reference entry {number} is damaged")
            if entry[17:18] == b"n":
                offsets[number] = int(entry[:10])
            pos += 20
    trailer = payload.find(b"trailer", pos, end.start())
    if trailer < 0:
        raise ReadBackError("no trailer after the cross-reference table")
    for number, offset in offsets.items():
        found = _OBJECT.match(payload, offset)
        if found is None or int(found.group(1)) != number:
            raise ReadBackError(f"object {number} is not where the cross-reference table says")
    root = re.search(_REFERENCE % b"Root", payload[trailer:end.start()])
    if root is None or int(root.group(1)) not in offsets:
        raise ReadBackError("the trailer names no document catalogue")
    catalogue = _object(payload, offsets, int(root.group(1)))
    pages = re.search(_REFERENCE % b"Pages", catalogue)
    if pages is None or int(pages.group(1)) not in offsets:
        raise ReadBackError("the catalogue has no page tree")
    tree = re.search(rb"/Count\s+(\d+)", _object(payload, offsets, int(pages.group(1))))
    if tree is None or int(tree.group(1)) < 1:
        raise ReadBackError("the PDF has no pages")
    return True


def _object(payload: bytes, offsets: dict[int, int], number: int) -> bytes:
    """Return the text of object `number`, up to its `endobj`."""
    start = offsets[number]
    stop = payload.find(b"endobj", start)
    if stop < 0:
        raise ReadBackError(f"object {number} has no end")
    return payload[start:stop]


def _pdf_reads_back(payload: bytes) -> None:
    """Read a PDF with pypdf in strict mode (the layouts the quick check does not know)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(payload), strict=True)
    if len(reader.pages) < 1:
        raise ReadBackError("the PDF has no pages")


def _write_temp(target: Path, payload: bytes) -> Path:
    """Write `payload` to a synced temporary file beside `target`; return its path."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def publish(files: dict[Path, bytes], checked: Iterable[Path] = ()) -> None:
    """Replace every target in `files` with its payload, all or nothing (in the order given).

    Each payload is read back first, except the targets in `checked` (already read back with
    `check_payload` where they were made).
    """
    temps: dict[Path, Path] = {}
    done = set(checked)
    try:
        for target, payload in files.items():
            temps[target] = _write_temp(target, payload)
            if target not in done:
                verify(target, payload)
    except OSError as exc:
        _discard(temps)
        raise OutputError(Problem(str(next(iter(files)).parent), None, "-o",
                                  f"could not write the outputs ({exc.strerror or exc}); the "
                                  "previous edition is untouched")) from None
    except Exception as exc:
        _discard(temps)
        raise read_back_failed(next(iter(files)).parent, exc) from None
    except BaseException:
        _discard(temps)
        raise
    for target, tmp in temps.items():
        os.replace(tmp, target)
    _sync_dir(next(iter(files)).parent)


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace one file atomically (see `publish`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    publish({path: payload})


def _discard(temps: dict[Path, Path]) -> None:
    for tmp in temps.values():
        tmp.unlink(missing_ok=True)


def _sync_dir(folder: Path) -> None:
    """Make the renames durable (fsync the folder) where the platform allows it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
