"""Hostile and generated PDFs, built byte by byte (valid structure, correct xref offsets)."""
from __future__ import annotations

import struct
import zlib


def pdf(contents: list[bytes], *, compress: bool = True, raw_streams: list[bytes] | None = None,
        extra_dict: bytes = b"") -> bytes:
    """A PDF with one page per content stream (Helvetica as /F1). ``raw_streams``: already
    deflated streams used as given (with /FlateDecode)."""
    streams = raw_streams if raw_streams is not None else [zlib.compress(c, 6) if compress else c for c in contents]
    flate = compress or raw_streams is not None
    n = len(streams)
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, s in enumerate(streams):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d" % len(s) + (b" /Filter /FlateDecode" if flate else b"") + extra_dict
                    + b" >>\nstream\n" + s + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def text_page(lines: list[str]) -> bytes:
    body = [b"BT /F1 11 Tf 14 TL 72 780 Td"]
    for ln in lines:
        esc = ln.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        body.append(b"(" + esc + b") '")
    body.append(b"ET")
    return b"\n".join(body)


def many_operators(n: int = 2_000_000) -> bytes:
    """Issue 16's repro: a ~40 KB PDF with ``n`` text operators on one page."""
    return pdf([b"BT /F1 12 Tf 72 700 Td\n" + b"(a) Tj\n" * n + b"ET\n"], raw_streams=[
        zlib.compress(b"BT /F1 12 Tf 72 700 Td\n" + b"(a) Tj\n" * n + b"ET\n", 9)])


def inflating_stream(size: int = 1 << 30, chunk: int = 16 << 20) -> bytes:
    """A valid zlib stream of ``size`` spaces, built from one compressed block repeated
    (full flushes reset the history), so it takes a second, not a minute, to make."""
    c = zlib.compressobj(9)
    data = b" " * chunk
    first = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(size // chunk):
        adler = zlib.adler32(data, adler)
    return first + block * (size // chunk - 1) + b"\x03\x00" + struct.pack(">I", adler)


def inflating_pdf(size: int = 1 << 30) -> bytes:
    """Issue 16's repro: a ~1 MB PDF whose page content inflates to ``size`` bytes."""
    return pdf([], raw_streams=[inflating_stream(size)])
