"""The Teams app icons, drawn in code: a white "K" on the brand colour, and the same "K" as an outline.

Pillow is not a dependency for two small PNGs: the letter is three strokes (a stem, an arm, a leg),
each pixel's coverage is sampled on a grid for smooth edges, and the PNG is written with zlib.
Drawing instead of committing binary files keeps the icons reviewable and reproducible.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

WHITE = (255, 255, 255)
SAMPLES = 4
"""Sub-samples per pixel side: 16 per pixel give smooth edges and draw 192×192 in well under a second."""

Shape = Callable[[float, float], bool]


def _segment(x1: float, y1: float, x2: float, y2: float, width: float) -> Shape:
    """A straight stroke of ``width`` between two points (glyph units 0..1)."""
    dx, dy = x2 - x1, y2 - y1
    length2 = dx * dx + dy * dy

    def inside(x: float, y: float) -> bool:
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
        px, py = x1 + t * dx - x, y1 + t * dy - y
        return px * px + py * py <= (width / 2) ** 2

    return inside


LETTER_K: tuple[Shape, ...] = (
    lambda x, y: 0.12 <= x <= 0.36,  # the stem
    _segment(0.36, 0.60, 0.86, 0.0, 0.24),  # the arm, up to the right
    _segment(0.46, 0.46, 0.88, 1.0, 0.24),  # the leg, down to the right
)


def _coverage(x: float, y: float, size: float) -> float:
    """How much of the pixel square at (x, y) of side ``size`` (glyph units) the letter covers."""
    hits = 0
    for i in range(SAMPLES):
        for j in range(SAMPLES):
            sx, sy = x + (i + 0.5) * size / SAMPLES, y + (j + 0.5) * size / SAMPLES
            if 0.0 <= sx <= 1.0 and 0.0 <= sy <= 1.0 and any(shape(sx, sy) for shape in LETTER_K):
                hits += 1
    return hits / SAMPLES**2


def _draw(side: int, margin: int, pixel: Callable[[float], tuple[int, int, int, int]]) -> list[bytes]:
    """Rows of RGBA pixels: the letter fills the square ``side`` less ``margin`` on every edge."""
    glyph = side - 2 * margin
    rows = []
    for row in range(side):
        line = bytearray()
        for column in range(side):
            covered = _coverage((column - margin) / glyph, (row - margin) / glyph, 1 / glyph)
            line += bytes(pixel(covered))
        rows.append(bytes(line))
    return rows


def png(rows: list[bytes]) -> bytes:
    """Encode square RGBA rows as a PNG (8 bits per channel, no interlace)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    height, width = len(rows), len(rows[0]) // 4
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 6: truecolour with alpha
    pixels = zlib.compress(b"".join(b"\x00" + row for row in rows), 9)  # filter type 0 on every row
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def color_icon(brand_rgb: tuple[int, int, int]) -> bytes:
    """192×192, full colour: a white K on the brand colour, inside Teams' 96-pixel safe area.

    ``brand_rgb`` is the organisation's colour from ``organisation.yaml``, 0..255 per channel.
    """

    def pixel(covered: float) -> tuple[int, int, int, int]:
        r, g, b = (round(c + (w - c) * covered) for c, w in zip(brand_rgb, WHITE, strict=True))
        return r, g, b, 255

    return png(_draw(192, 48, pixel))


def outline_icon() -> bytes:
    """32×32: the K in white on a transparent background, as Teams requires for its monochrome bar."""
    return png(_draw(32, 5, lambda covered: (*WHITE, round(255 * covered))))
