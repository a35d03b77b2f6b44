"""The QR symbol with its mask chosen on bit sets is exactly qrcode's: same version,
same mask (the standard's lowest penalty), same modules; and it still scans."""

from __future__ import annotations

import random
import string

import pytest
import qrcode
import zxingcpp
from PIL import Image
from qrcode import util
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_Q

from checkin.badges import qr
from checkin.badges.layouts import qr_runs
from checkin.event import identity

ALNUM = string.ascii_uppercase + string.digits + " $%*+-./:"


def payloads(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.choice([1, 7, 25, 60, 130, 131, 180, 300])
        alphabet = ALNUM if rng.random() < 0.7 else string.printable + "한별"
        out.append("".join(rng.choice(alphabet) for _ in range(n)))
    return out


def qrcode_symbol(code: str, ec: int) -> qrcode.QRCode:
    q = qrcode.QRCode(error_correction=ec, border=0)
    q.add_data(code)
    q.make(fit=True)
    return q


@pytest.mark.parametrize("ec", [ERROR_CORRECT_Q, ERROR_CORRECT_L, ERROR_CORRECT_H])
def test_same_symbol_and_mask_as_qrcode(ec) -> None:
    for code in payloads(ec, 25):
        q = qrcode_symbol(code, ec)
        assert qr.matrix(code, ec) == [list(row) for row in q.get_matrix()], code
        q.best_fit(start=None)
        assert qr.best_mask(code, ec) == q.best_mask_pattern()


def test_each_penalty_is_qrcodes_lost_point() -> None:
    """All eight candidates of some symbols: the penalty rules themselves agree, not only
    the winner."""
    for code in payloads(7, 6):
        q = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=0)
        q.add_data(code)
        q.best_fit(start=None)
        for mask in range(8):
            q.makeImpl(True, mask)
            n = q.modules_count
            assert qr.penalty(qr._pack(q.modules), n) == util.lost_point(q.modules)


def test_codewords_are_qrcodes() -> None:
    for code in payloads(11, 30):
        q = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=0)
        q.add_data(code)
        version = q.best_fit(start=None)
        assert qr.codewords_for(version, ERROR_CORRECT_Q, q.data_list) == util.create_data(
            version, ERROR_CORRECT_Q, q.data_list
        )


def test_real_badge_codes_scan(ef, people) -> None:
    signer = identity.signer(ef)
    for a in people:
        code = signer.code(a.id, a.badge_version)
        size, runs = qr_runs(code)
        image = Image.new("L", (size + 8, size + 8), 255)
        for r, c, n in runs:
            for k in range(n):
                image.putpixel((c + k + 4, r + 4), 0)
        big = image.resize((image.width * 6, image.height * 6), Image.Resampling.NEAREST)
        assert [r.text for r in zxingcpp.read_barcodes(big)] == [code]
