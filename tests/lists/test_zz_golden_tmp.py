import importlib.util, re, sys
from checkin.lists import report, paper
from checkin.people import attendees

def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec); sys.modules[name] = m; spec.loader.exec_module(m); return m

ALT = __import__("os").environ.get("ALT")
def _clean(b):
    return re.sub(rb"/ID \[[^]]*\]", b"", re.sub(rb"/CreationDate \([^)]*\)", b"", b))

def test_report_same(organizer, ef, clock, engine, tmp_path):
    rows = [{"display_name": f"참가자{i:03d}", "category": "defector" if i % 3 else "press"} for i in range(60)]
    people = attendees.add_attendees(ef, clock, rows)
    morning = clock.now_ms()
    for i, person in enumerate(people[:45]):
        clock.set(morning + (i // 15) * 15 * 60_000 + (i % 15) * 1000 * (1 + i // 30))
        engine.check_in(person.id, station="1번 출입구" if i % 2 else "2번 출입구", method="scan")
    old = _load("old_report", "/tmp/importer_work/old_report.py")
    for lang in ("ko", "en"):
        a, b = tmp_path / f"a{lang}.pdf", tmp_path / f"b{lang}.pdf"
        da = old.write_report(ef, a, lang=lang, clock=clock, access=organizer)
        db = (old if ALT else report).write_report(ef, b, lang=lang, clock=clock, access=organizer)
        assert da.to_json() == db.to_json()
        assert _clean(a.read_bytes()) == _clean(b.read_bytes())

def test_show(organizer, ef, clock, tmp_path):
    old = _load("old_report", "/tmp/importer_work/old_report.py")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    old.write_report(ef, a, clock=clock, access=organizer)
    old.write_report(ef, b, clock=clock, access=organizer)
    x, y = a.read_bytes(), b.read_bytes()
    i = next(i for i in range(len(x)) if x[i] != y[i])
    print(x[i-200:i+50])
    assert 0

def test_paper_same(organizer, ef, clock, engine, tmp_path):
    rows = [{"display_name": n, "category": c} for n, c in [("김민수","defector"),("Émile Zola","press"),("박","guest"),("꽃님","family")]]
    rows += [{"display_name": f"참가자{i:03d}", "category": "defector" if i % 3 else "press"} for i in range(130)]
    people = attendees.add_attendees(ef, clock, rows)
    for person in people[:40]:
        engine.check_in(person.id, station="1번", method="scan")
    old = _load("old_paper", "/tmp/importer_work/old_paper.py")
    for lang in ("ko", "en"):
        a, b = tmp_path / f"a{lang}.pdf", tmp_path / f"b{lang}.pdf"
        assert old.write_door_list(ef, a, lang=lang, clock=clock, access=organizer) == paper.write_door_list(ef, b, lang=lang, clock=clock, access=organizer)
        assert _clean(a.read_bytes()) == _clean(b.read_bytes())

def test_paper_empty(organizer, ef, clock, tmp_path):
    old = _load("old_paper", "/tmp/importer_work/old_paper.py")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    old.write_door_list(ef, a, clock=clock, access=organizer); paper.write_door_list(ef, b, clock=clock, access=organizer)
    assert _clean(a.read_bytes()) == _clean(b.read_bytes())
