"""QR symbols for badges and tickets: qrcode's symbol, its mask chosen faster.

A QR symbol's data modules are XOR-ed with one of eight mask patterns; the standard
picks the mask whose result has the lowest *penalty* (long runs, 2x2 blocks,
finder-like patterns, dark/light imbalance), because such a symbol scans best.
``qrcode`` builds the whole symbol eight times and scores each with Python loops over
every module, about 19 ms for a badge code: most of a ticket's rendering time.

:func:`matrix` makes exactly the symbol ``qrcode`` makes (same version, same mask,
same modules; ``tests/badges/test_qr.py`` compares them), but scores the eight
candidates as bit sets: each candidate is one big integer (bit ``r * n + c`` is the
module at row ``r``, column ``c``), built from one test symbol by XOR-ing the mask
difference over the data modules, and every penalty rule is a few shifts, ANDs and
popcounts. No fixed mask, no other encoder: the symbol is the standard's best.
"""

from __future__ import annotations

import functools
from typing import Any

import qrcode
from qrcode import LUT, base, util
from qrcode.exceptions import DataOverflowError

# Finder-like pattern 1:1:3:1:1 with four light modules on one side (rule 3), as
# (dark positions, light positions) of an 11-module window.
_PATTERNS = (
    ((0, 2, 3, 4, 6), (1, 5, 7, 8, 9, 10)),  # 10111010000
    ((4, 6, 7, 8, 10), (0, 1, 2, 3, 5, 9)),  # 00001011101
)


def _pack(rows: list[list[bool]]) -> int:
    """The modules as one integer, bit ``r * n + c`` for row ``r``, column ``c``."""
    n = len(rows)
    value = 0
    for r, row in enumerate(rows):
        bits = 0
        for c, dark in enumerate(row):
            if dark:
                bits |= 1 << c
        value |= bits << (r * n)
    return value


def _transpose(bits: int, n: int) -> int:
    out = 0
    for r in range(n):
        row = (bits >> (r * n)) & ((1 << n) - 1)
        c = 0
        while row:
            if row & 1:
                out |= 1 << (c * n + r)
            row >>= 1
            c += 1
    return out


@functools.cache
def _starts(n: int, width: int) -> int:
    """Bits of the cells where a horizontal window of ``width`` modules fits in the row."""
    row = (1 << (n - width + 1)) - 1
    return sum(row << (r * n) for r in range(n))


@functools.cache
def _block_starts(n: int) -> int:
    """Cells where a 2x2 block fits (not in the last row or column)."""
    row = (1 << (n - 1)) - 1
    return sum(row << (r * n) for r in range(n - 1))


def _line_penalty(dark: int, light: int, n: int) -> int:
    """Rules 1 and 3 along the rows of a symbol given as bit sets."""
    points = 0
    five = _starts(n, 5)
    for bits in (dark, light):
        # A run of L >= 5 same-colour modules scores L - 2: it holds L - 4 windows of
        # five, plus 2 for its start (a window whose left neighbour window is not one).
        windows = bits & (bits >> 1) & (bits >> 2) & (bits >> 3) & (bits >> 4) & five
        runs = windows & ~(windows << 1)
        points += windows.bit_count() + 2 * runs.bit_count()
    eleven = _starts(n, 11)
    for dark_at, light_at in _PATTERNS:
        match = eleven
        for k in dark_at:
            match &= dark >> k
        for k in light_at:
            match &= light >> k
        points += 40 * match.bit_count()
    return points


def penalty(bits: int, n: int, bits_t: int | None = None, full: int = 0) -> int:
    """``qrcode.util.lost_point`` of the symbol ``bits`` (n x n), computed on bit sets;
    ``bits_t`` is its transpose (computed when not given)."""
    full = full or (1 << (n * n)) - 1
    dark, light = bits, full & ~bits
    points = _line_penalty(dark, light, n)
    dark_t = _transpose(bits, n) if bits_t is None else bits_t
    points += _line_penalty(dark_t, full & ~dark_t, n)
    blocks = _block_starts(n)
    for b in (dark, light):
        same = b & (b >> 1) & (b >> n) & (b >> (n + 1)) & blocks
        points += 3 * same.bit_count()
    percent = float(dark.bit_count()) / (n**2)  # the same float steps as qrcode's rule 4
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


@functools.cache
def _data_cells(version: int, error_correction: int) -> tuple[int, int]:
    """The modules that carry data (everything but the function patterns and the
    format and version information) of a symbol of ``version``, and their transpose."""
    modules = _function_patterns(version, error_correction, None)
    n = len(modules)
    bits = _pack([[cell is None for cell in row] for row in modules])
    return bits, _transpose(bits, n)


@functools.cache
def _format_bits(version: int, error_correction: int, pattern: int) -> int:
    """The dark modules of the format (and version) information for mask ``pattern``:
    the test symbols that are scored leave them light, the final symbol has them."""
    modules = _function_patterns(version, error_correction, pattern)
    return _pack([[cell is True for cell in row] for row in modules])


def _function_patterns(version: int, error_correction: int, pattern: int | None) -> list[Any]:
    """A symbol's modules with only the function patterns set (None elsewhere); with
    ``pattern`` None the format information is left out (set as light) like qrcode's
    test symbols, otherwise only the format information for that mask is set."""
    q = qrcode.QRCode(version=version, error_correction=error_correction, border=0)
    n = q.modules_count = version * 4 + 17
    q.modules = [[None] * n for _ in range(n)]
    if pattern is None:
        q.setup_position_probe_pattern(0, 0)
        q.setup_position_probe_pattern(n - 7, 0)
        q.setup_position_probe_pattern(0, n - 7)
        q.setup_position_adjust_pattern()
        q.setup_timing_pattern()
    q.setup_type_info(pattern is None, pattern or 0)
    if version >= 7:
        q.setup_type_number(pattern is None)
    return q.modules


@functools.cache
def _mask_bits(pattern: int, n: int) -> tuple[int, int]:
    """Where mask ``pattern`` flips a module, and its transpose."""
    test = util.mask_func(pattern)
    bits = _pack([[bool(test(r, c)) for c in range(n)] for r in range(n)])
    return bits, _transpose(bits, n)


@functools.cache
def _placement(version: int, error_correction: int) -> tuple[int, ...]:
    """Where each data bit goes (bit index ``r * n + c``), in qrcode's ``map_data``
    order: two-module columns zigzagging up and down from the bottom right."""
    modules = _function_patterns(version, error_correction, None)
    n = len(modules)
    order: list[int] = []
    inc, row = -1, n - 1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1  # skip the vertical timing pattern
        while True:
            for c in (col, col - 1):
                if modules[row][c] is None:
                    order.append(row * n + c)
            row += inc
            if row < 0 or n <= row:
                row -= inc
                inc = -inc
                break
    return tuple(order)


@functools.cache
def _function_bits(version: int, error_correction: int) -> int:
    """The dark modules of the function patterns (format information light)."""
    modules = _function_patterns(version, error_correction, None)
    return _pack([[cell is True for cell in row] for row in modules])


def _data_bits(codewords: list[int], order: tuple[int, ...], n: int) -> int:
    """The codewords' bits placed on the symbol, unmasked."""
    buf = bytearray((n * n + 7) // 8)
    for k, pos in enumerate(order[: len(codewords) * 8]):
        if (codewords[k >> 3] >> (7 - (k & 7))) & 1:
            buf[pos >> 3] |= 1 << (pos & 7)
    return int.from_bytes(buf, "little")


def codewords_for(version: int, error_correction: int, data_list: list[Any]) -> list[int]:
    """``qrcode.util.create_data``: the data bits padded to the symbol's capacity, then
    each block's error correction codewords, interleaved. The Reed-Solomon remainder is
    computed with log/antilog tables (the same field and generator polynomials as
    qrcode's), not with its polynomial objects."""
    buffer = util.BitBuffer()
    for data in data_list:
        buffer.put(data.mode, 4)
        buffer.put(len(data), util.length_in_bits(data.mode, version))
        data.write(buffer)
    blocks = base.rs_blocks(version, error_correction)
    bit_limit = sum(block.data_count * 8 for block in blocks)
    if len(buffer) > bit_limit:
        raise DataOverflowError(f"Code length overflow ({len(buffer)} > {bit_limit} bits)")
    for _ in range(min(bit_limit - len(buffer), 4)):
        buffer.put_bit(False)
    if len(buffer) % 8:
        for _ in range(8 - len(buffer) % 8):
            buffer.put_bit(False)
    for i in range((bit_limit - len(buffer)) // 8):
        buffer.put(util.PAD0 if i % 2 == 0 else util.PAD1, 8)
    data_blocks: list[list[int]] = []
    ec_blocks: list[list[int]] = []
    offset = 0
    for block in blocks:
        words = [0xFF & b for b in buffer.buffer[offset : offset + block.data_count]]
        offset += block.data_count
        data_blocks.append(words)
        ec_blocks.append(_remainder(words, block.total_count - block.data_count))
    out: list[int] = []
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            out.extend(b[i] for b in group if i < len(b))
    return out


@functools.cache
def _generator_logs(ec_count: int) -> tuple[int, ...]:
    """The generator polynomial's coefficients after the leading 1, as logarithms."""
    if ec_count in LUT.rsPoly_LUT:
        coefficients = list(LUT.rsPoly_LUT[ec_count])
    else:
        poly = base.Polynomial([1], 0)
        for i in range(ec_count):
            poly = poly * base.Polynomial([1, base.gexp(i)], 0)
        coefficients = list(poly)
    return tuple(base.LOG_TABLE[c] if c else -1 for c in coefficients[1:])


def _remainder(words: list[int], ec_count: int) -> list[int]:
    """The Reed-Solomon check words of ``words``: the remainder of the message times
    x^ec_count divided by the generator polynomial (long division, one word at a time)."""
    gen = _generator_logs(ec_count)
    exp, log = base.EXP_TABLE, base.LOG_TABLE
    rem = [0] * ec_count
    for word in words:
        factor = word ^ rem[0]
        rem = [*rem[1:], 0]
        if factor:
            lf = log[factor]
            for i, g in enumerate(gen):
                if g >= 0:
                    rem[i] ^= exp[(g + lf) % 255]
    return rem


def symbol_bits(code: str, error_correction: int) -> tuple[int, int]:
    """(n, bits): the symbol ``qrcode`` makes for ``code`` (its best mask) as a bit set,
    bit ``r * n + c`` dark."""
    q = qrcode.QRCode(error_correction=error_correction, border=0)
    q.add_data(code)
    version = q.best_fit(start=None)
    n = version * 4 + 17
    codewords = codewords_for(version, error_correction, q.data_list)
    order = _placement(version, error_correction)
    raw = _data_bits(codewords, order, n)
    raw_t = _data_bits(codewords, _transposed(order, n), n)
    fixed = _function_bits(version, error_correction)
    fixed_t = _transpose_cached(fixed, n)
    data, data_t = _data_cells(version, error_correction)
    full = (1 << (n * n)) - 1
    best, best_points, best_bits = 0, 0, 0
    for pattern in range(8):
        mask, mask_t = _mask_bits(pattern, n)
        bits = fixed | ((raw ^ mask) & data)
        bits_t = fixed_t | ((raw_t ^ mask_t) & data_t)  # transposing is linear
        points = penalty(bits, n, bits_t, full)
        if pattern == 0 or points < best_points:
            best, best_points, best_bits = pattern, points, bits
    return n, best_bits | _format_bits(version, error_correction, best)


@functools.cache
def _transposed(order: tuple[int, ...], n: int) -> tuple[int, ...]:
    return tuple((pos % n) * n + pos // n for pos in order)


@functools.lru_cache(maxsize=64)
def _transpose_cached(bits: int, n: int) -> int:
    return _transpose(bits, n)


def best_mask(code: str, error_correction: int) -> int:
    """The mask the symbol for ``code`` gets (for tests: compare with qrcode's)."""
    n, bits = symbol_bits(code, error_correction)
    fmt = {m: _format_bits(_version(n), error_correction, m) for m in range(8)}
    all_fmt = 0
    for value in fmt.values():
        all_fmt |= value
    return next(m for m, value in fmt.items() if bits & all_fmt == value)


def _version(n: int) -> int:
    return (n - 17) // 4


def rows(n: int, bits: int) -> list[int]:
    """The symbol's rows as integers (bit ``c`` is column ``c``)."""
    row_mask = (1 << n) - 1
    return [(bits >> (r * n)) & row_mask for r in range(n)]


def matrix(code: str, error_correction: int) -> list[list[bool]]:
    """The QR symbol for ``code`` without quiet zone, as rows of dark (True) modules."""
    n, bits = symbol_bits(code, error_correction)
    return [[bool((row >> c) & 1) for c in range(n)] for row in rows(n, bits)]
