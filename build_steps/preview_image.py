"""The Open Graph / Twitter card image, drawn here so that the build needs no image library
and the bytes never change."""

import struct
import zlib


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

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
