"""Draw the site's favicon: theme/static/icons/ (SVG, PNG 32 and 180, ICO).

Run once when the mark changes: ``python theme/make_icons.py``. The mark is
a page with a bookmark in the theme's colours (brand blue, white, the focus
yellow), drawn from rectangles only so the PNGs need no
image library: each pixel is the share of 8 × 8 samples inside a shape.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent / "static" / "icons"
BRAND, WHITE, YELLOW = (0x00, 0x33, 0x4D), (0xFF, 0xFF, 0xFF), (0xFF, 0xDD, 0x00)
SIZE, RADIUS = 32, 6  # the 32 × 32 grid the shapes are drawn on
# (x, y, width, height, colour) on the grid, painted in order over the tile.
SHAPES = [
    (8, 5, 16, 22, WHITE),  # a page
    (11, 12, 10, 2, BRAND),  # its lines of text
    (11, 16, 10, 2, BRAND),
    (11, 20, 6, 2, BRAND),
    (18, 5, 3, 6, YELLOW),  # a bookmark: kept in the archive
]


def _hex(colour):
    return "#" + "".join(f"{c:02x}" for c in colour)


def svg():
    rects = "".join(
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="{_hex(colour)}"/>'
        for x, y, w, h, colour in SHAPES
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{RADIUS}" fill="{_hex(BRAND)}"/>{rects}</svg>\n'
    )


def _in_tile(x, y):
    """Inside the rounded square (corners of radius RADIUS)."""
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def _colour_at(x, y):
    if not _in_tile(x, y):
        return None
    colour = BRAND
    for sx, sy, w, h, shape_colour in SHAPES:
        if sx <= x < sx + w and sy <= y < sy + h:
            colour = shape_colour
    return colour


def pixels(size, samples=8):
    """RGBA rows of the mark at ``size`` × ``size``."""
    scale = SIZE / size
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            total, count = [0, 0, 0], 0
            for i in range(samples):
                for j in range(samples):
                    colour = _colour_at((px + (j + 0.5) / samples) * scale, (py + (i + 0.5) / samples) * scale)
                    if colour:
                        count += 1
                        total = [t + c for t, c in zip(total, colour, strict=True)]
            alpha = round(255 * count / samples**2)
            row += bytes([round(t / count) for t in total] if count else [0, 0, 0]) + bytes([alpha])
        rows.append(bytes(row))
    return rows


def png(size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + row for row in pixels(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(images):
    """An ICO holding PNG images (read by every browser since 2008)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, data = b"", b""
    for size, image in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset + len(data))
        data += image
    return header + entries + data


def main():
    HERE.mkdir(parents=True, exist_ok=True)
    (HERE / "favicon.svg").write_text(svg(), encoding="utf-8")
    (HERE / "favicon-32.png").write_bytes(png(32))
    (HERE / "apple-touch-icon.png").write_bytes(png(180))
    (HERE / "favicon.ico").write_bytes(ico([(16, png(16)), (32, png(32)), (48, png(48))]))


if __name__ == "__main__":
    main()
