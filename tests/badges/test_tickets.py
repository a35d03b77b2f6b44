"""Tickets: the PNG and the PDF carry the badge's signed code, which checks the person in."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from checkin import errors
from checkin.badges import tickets
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees
from checkin.protect import audit
from checkin.protect.access import Access


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.fixture
def data(ef, people):
    return tickets.ticket_data(ef, people)


def test_png_qr_is_the_badge_code_and_checks_the_attendee_in(ef, clock, people, data) -> None:
    t = data[0]
    image = Image.open(io.BytesIO(tickets.png_bytes(t)))
    assert decode(image) == [t.code]
    result = CheckinEngine(ef, clock).scan(decode(image)[0])
    assert result.status is Status.OK and result.attendee_id == people[0].id
    assert CheckinEngine(ef, clock).scan(t.code).status is Status.ALREADY_IN


def test_code_holds_no_personal_data(people, data) -> None:
    for a, t in zip(people, data, strict=True):
        for value in (a.display_name, a.full_name, a.phone, a.email, a.reg_no):
            if value:
                assert value not in t.code


def test_ticket_shows_name_date_place_and_both_languages_never_full_name(ef, clock, people) -> None:
    settings_mod.update(ef, clock, {"venue": "서울시청 시민청"})
    han = next(a for a in people if a.full_name)
    t = tickets.ticket_data(ef, [han])[0]
    texts = " ".join(op.text for op in tickets.compose(t).texts())
    assert "한별" in texts and "이영희" not in texts and han.category not in texts
    assert "2027.07.14" in texts and "서울시청 시민청" in texts
    assert "입장" in texts and "How to get in" in texts
    assert t.reg_no in texts


def test_pdf_page_scans(ef, clock, people, data, tmp_path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdfs = tickets.pdf_many(data)
    assert len(pdfs) == len(data)
    for t, blob in zip(data, pdfs, strict=True):
        assert len(PdfReader(io.BytesIO(blob)).pages) == 1
        text = PdfReader(io.BytesIO(blob)).pages[0].extract_text()
        assert t.name.split()[0] in text and t.reg_no in text
    (tmp_path / "t.pdf").write_bytes(pdfs[1])
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "t.pdf", tmp_path / "page"],
        capture_output=True, check=True,
    )  # fmt: skip
    found = decode(Image.open(tmp_path / "page.png"))
    assert found == [data[1].code]
    assert CheckinEngine(ef, clock).scan(found[0]).attendee_id == people[1].id


def test_organizer_note_appears_and_templates_are_checked(ef, clock, people) -> None:
    access = Access.for_file(ef, clock)
    tickets.set_settings(ef, clock, access, note_text="  2층 강당으로   오세요 ")
    t = tickets.ticket_data(ef, people[:1])[0]
    assert t.note == "2층 강당으로 오세요"
    assert "2층 강당으로 오세요" in " ".join(op.text for op in tickets.compose(t).texts())
    with pytest.raises(errors.InvalidInput, match="phone"):
        tickets.set_settings(ef, clock, access, body="Hi {phone}")
    with pytest.raises(errors.InvalidInput):
        tickets.set_settings(ef, clock, access, subject="Hi {name")
    before = settings_mod.read_raw(ef)
    assert tickets.BODY_KEY not in before or before[tickets.BODY_KEY] != "Hi {phone}"
    tickets.set_settings(ef, clock, access, subject="{event}: {name}")
    assert tickets.fill(tickets.subject_template(settings_mod.load(ef)), t) == (
        "북한이탈주민의 날: 김민수"
    )


def test_reissued_badge_makes_a_new_ticket_code(ef, clock, people, data) -> None:
    attendees.reissue(ef, clock, people[0].id)
    fresh = tickets.ticket_data(ef, [attendees.get(ef, people[0].id)])[0]
    assert fresh.code != data[0].code
    assert CheckinEngine(ef, clock).scan(data[0].code).status is Status.SUPERSEDED


def test_files_folder_and_index(ef, clock, people, tmp_path) -> None:
    access = Access.for_file(ef, clock).with_reason("tickets: kakao")
    folder = tmp_path / "out"
    result = tickets.write_files(ef, clock, access, tickets.select(ef), folder)
    assert result.tickets == len(people) and result.files == 2 * len(people)
    rows = list(csv.reader(io.StringIO((folder / "tickets.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["reg_no", "pdf", "png"]
    assert {r[0] for r in rows[1:]} == {a.reg_no for a in people}
    first = rows[1]
    assert decode(Image.open(folder / first[2]))
    assert (folder / first[1]).read_bytes().startswith(b"%PDF")
    entry = ef.execute("SELECT detail FROM audit_log WHERE action = 'export'").fetchall()[-1]
    detail = json.loads(entry[0])
    assert detail["kind"] == "tickets" and detail["rows"] == len(people)
    assert detail["personal"] == []
    assert audit.describe_detail("export", detail, "ko").startswith("입장권 (파일)")


def test_folder_on_two_worker_processes(ef, clock, people, tmp_path, monkeypatch) -> None:
    """Past PARALLEL_MIN tickets a folder is written by a worker process per core: the
    same files as one process writes, progress up to the total, memory per worker told."""
    from checkin.badges import ticket_render

    monkeypatch.setattr(ticket_render, "PARALLEL_MIN", 2)
    access = Access.for_file(ef, clock).with_reason("tickets: kakao")
    seen: list[tuple[int, int]] = []
    result = tickets.write_files(ef, clock, access, tickets.select(ef), tmp_path / "two",
                                 progress=lambda d, t: seen.append((d, t)), workers=2)  # fmt: skip
    assert result.stats is not None and result.stats.workers == 2
    assert result.stats.worker_peak_mb > 0 and result.stats.worker_cpu_s > 0
    assert seen[-1] == (len(people), len(people))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    names = sorted(p.name for p in (tmp_path / "two").iterdir())
    assert names == sorted([f"{a.reg_no}.{f}" for a in people for f in ("pdf", "png")]
                           + ["tickets.csv"])  # fmt: skip
    for a in people:
        assert decode(Image.open(tmp_path / "two" / f"{a.reg_no}.png")) == [
            event_mod.badge_code(ef, a.id, a.badge_version)]  # fmt: skip
        assert len(PdfReader(tmp_path / "two" / f"{a.reg_no}.pdf").pages) == 1


def test_stopping_a_folder_keeps_what_was_written_and_audits_it(ef, clock, people,
                                                               tmp_path) -> None:  # fmt: skip
    access = Access.for_file(ef, clock).with_reason("tickets: kakao")

    def stop(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tickets.write_files(ef, clock, access, tickets.select(ef), tmp_path / "half",
                            progress=stop)  # fmt: skip
    assert not (tmp_path / "half" / "tickets.csv").exists()
    assert len(list((tmp_path / "half").glob("*.png"))) == 2
    detail = json.loads(ef.execute("SELECT detail FROM audit_log WHERE action = 'export'")
                        .fetchall()[-1][0])  # fmt: skip
    assert detail["kind"] == "tickets-stopped" and detail["rows"] == 2
    assert detail["reason"] == "tickets: kakao"
    assert "stopped halfway" in audit.describe_detail("export", detail, "en")


def test_a_pdf_batch_stops_at_the_page_it_is_asked_to(data) -> None:
    from checkin.badges import ticket_render

    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2  # two pages laid out, then a pause

    with pytest.raises(ticket_render.Stopped):
        next(ticket_render.iter_pdfs(data, stop=stop))
    assert len(asked) == 3  # asked before each page: the third was not laid out
    whole = list(ticket_render.iter_pdfs(data, stop=lambda: False))
    assert len(whole) == len(data) and all(p.startswith(b"%PDF") for p in whole)
