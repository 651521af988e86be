"""A zip reader for archives from the net (MeetingPlus protocol zips): bounded work, one error.

- at most ``max_members`` files; only stored and deflated members;
- inflated sizes capped per member and in total, counted while streaming (the sizes the
  archive declares are checked first but never trusted);
- an encrypted member, a corrupt header or stream, a CRC mismatch, a truncated archive:
  all become one ``BadZip`` with a Swedish reason (never a ``RuntimeError``,
  ``zlib.error`` or ``EOFError`` escaping into the crawl).
"""
from __future__ import annotations

import io
import zipfile
import zlib

MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # as a single downloaded document
MAX_TOTAL_BYTES = 128 * 1024 * 1024
_CHUNK = 64 * 1024


class BadZip(ValueError):
    """Not a readable zip within the limits; ``reason`` is the failure code, the message says why."""

    reason = "bad_zip"


def read_members(data: bytes, *, max_members: int = MAX_MEMBERS, max_member_bytes: int = MAX_MEMBER_BYTES,
                 max_total: int = MAX_TOTAL_BYTES) -> list[tuple[str, bytes]]:
    """(name, bytes) of each file (folders skipped), in archive order."""
    if data[:4] != b"PK\x03\x04":
        raise BadZip(f"inte en zip-fil (börjar {data[:8]!r})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > max_members:
            raise BadZip(f"{len(infos)} filer i zip-filen (högst {max_members})")
        for i in infos:
            if i.flag_bits & 0x1:
                raise BadZip(f"{i.filename!r} är krypterad")
            if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BadZip(f"{i.filename!r}: packningsmetod {i.compress_type} stöds inte")
            if i.file_size > max_member_bytes:
                raise BadZip(f"{i.filename!r} packas upp till {i.file_size} byte (högst {max_member_bytes})")
        if sum(i.file_size for i in infos) > max_total:
            raise BadZip(f"zip-filen packas upp till mer än {max_total} byte")
        out: list[tuple[str, bytes]] = []
        total = 0
        for i in infos:
            chunks: list[bytes] = []
            size = 0
            with zf.open(i) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    total += len(chunk)
                    if size > max_member_bytes:
                        raise BadZip(f"{i.filename!r} packas upp till mer än {max_member_bytes} byte")
                    if total > max_total:
                        raise BadZip(f"zip-filen packas upp till mer än {max_total} byte")
                    chunks.append(chunk)
            out.append((i.filename, b"".join(chunks)))
        return out
    except BadZip:
        raise
    except RuntimeError as e:  # zipfile: "File … is encrypted, password required"
        raise BadZip(f"oläsbar zip-fil (krypterad?): {e}") from e
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            OSError, UnicodeDecodeError, OverflowError, IndexError, KeyError) as e:
        raise BadZip(f"trasig zip-fil ({type(e).__name__}: {e})") from e
