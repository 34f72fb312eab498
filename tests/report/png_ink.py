#!/usr/bin/env python3
"""Prints the share of non-white pixels (0-100 %) of an 8-bit greyscale or RGB PNG (what pdftoppm
-png writes), then its width and height. Optional TOP and BOTTOM fractions of the height are left
out (a report page's running header and footer), so a page with nothing else counts as blank. Standard library only (zlib): the report tests use it to tell a drawn page from a
blank one. Exit 2 when the file is not such a PNG."""
import struct
import sys
import zlib


def ink(path, top=0.0, bottom=0.0):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, bpp = 8, b"", 0, 0, 1
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (0, 2):
                raise ValueError("want an 8-bit greyscale or RGB PNG")
            bpp = 1 if colour == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    dark = 0
    y0, y1 = int(height * top), height - int(height * bottom)
    for y in range(height):
        row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        f, line = row[0], bytearray(row[1:])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        if y0 <= y < y1:
            dark += sum(1 for i in range(0, stride, bpp) if sum(line[i:i + bpp]) < 200 * bpp)
        prev = line
    return 100.0 * dark / (width * max(1, y1 - y0)), width, height


if __name__ == "__main__":
    try:
        cut = [float(v) for v in sys.argv[2:4]]
        share, w, h = ink(sys.argv[1], *cut)
    except (OSError, ValueError, zlib.error, struct.error) as e:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
        sys.exit(2)
    print(f"{share:.2f} {w} {h}")
