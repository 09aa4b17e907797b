"""The site's images drawn from its mark (site/static/favicon.svg: a white monitor on navy),
as PNG, here: the build needs no image library and the bytes never change. The Open Graph /
Twitter card image, and the web app manifest's icons."""

import functools
import struct
import zlib


# Drawn pixel by pixel (about 2 s for all four): once per process, however many builds it
# makes (the tests make dozens).
@functools.cache
def share_image_png(width=1200, height=630) -> bytes:
    """The Open Graph / Twitter card image: the favicon's monitor, drawn as a PNG here so
    that the build needs no image library and the bytes never change."""
    blue, white = b"\x0b\x4f\x8a", b"\xff\xff\xff"
    screen = (360, 150, 840, 420)            # left, top, right, bottom of the monitor
    border = 28

    def pixel(x, y):
        left, top, right, bottom = screen
        in_frame = left <= x < right and top <= y < bottom and not (
            left + border <= x < right - border and top + border <= y < bottom - border)
        in_stand = (585 <= x < 615 and bottom <= y < 500) or (480 <= x < 720 and 500 <= y < 528)
        return white if in_frame or in_stand else blue

    return _png(width, height, pixel)


def _png(width, height, pixel) -> bytes:
    """An RGB PNG whose pixel (x, y) is `pixel(x, y)` (3 bytes)."""
    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


# favicon.svg's monitor, in its 32-unit square: the screen's frame (a 2.5-wide stroke around
# 7,9 to 25,20) and the stand (x 16 from 20 to 25, and y 25 from 12 to 20).
FRAME_OUTER, FRAME_INNER = (5.75, 7.75, 26.25, 21.25), (8.25, 10.25, 23.75, 18.75)
STAND = ((14.75, 20, 17.25, 25), (12, 23.75, 20, 26.25))


def _inside(box, u, v) -> bool:
    left, top, right, bottom = box
    return left <= u < right and top <= v < bottom


@functools.cache
def icon_png(size: int, maskable: bool = False) -> bytes:
    """The favicon's monitor on a full navy square, `size` pixels wide. A maskable icon keeps
    the monitor within the central circle a platform's mask always shows (80 % of the side)."""
    blue, white = b"\x0b\x4f\x8a", b"\xff\xff\xff"
    scale = 0.75 if maskable else 1.0

    def pixel(x, y):
        u = 16 + ((x + 0.5) * 32 / size - 16) / scale
        v = 16 + ((y + 0.5) * 32 / size - 16) / scale
        frame = _inside(FRAME_OUTER, u, v) and not _inside(FRAME_INNER, u, v)
        return white if frame or any(_inside(part, u, v) for part in STAND) else blue

    return _png(size, size, pixel)
