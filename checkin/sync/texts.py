"""The words of sync (errors, diagnoses), in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class SyncTexts(Catalogue, domain="sync"):
    nothing_changed = Text("Nothing was changed.", "아무것도 변경하지 않았습니다.")

    # --- bundles a station cannot take (checkin.sync.errors) -----------------------------
    bundle_damaged = Text(
        "The sync bundle {path} is damaged or incomplete (copied only partly?). "
        "Nothing was changed. Export it again from the other station.",
        "동기화 파일 {path} 이(가) 손상되었거나 일부만 복사되었습니다. "
        "아무것도 변경하지 않았습니다. 다른 기기에서 다시 내보내세요.",
    )
    bundle_malformed = Text(
        "The sync bundle {path} is not made the way checkin makes bundles ({detail}); "
        "it was not read. Nothing was changed. Export it again from the other station.",
        "동기화 파일 {path} 은(는) checkin 이 만드는 형식이 아닙니다 ({detail}). "
        "읽지 않았습니다. 아무것도 변경하지 않았습니다. 다른 기기에서 다시 내보내세요.",
    )
    bundle_too_large = Text(
        "The sync bundle {path} is larger than any real bundle ({detail}); it was not "
        "read. Nothing was changed.",
        "동기화 파일 {path} 이(가) 실제 동기화 파일보다 너무 큽니다 ({detail}). "
        "읽지 않았습니다. 아무것도 변경하지 않았습니다.",
    )
    bundle_not_encrypted = Text(
        "The sync bundle {path} is not encrypted, but this event is: its stations "
        "write only encrypted bundles, so this one was not read. Nothing was changed.",
        "이 행사는 암호화되어 있는데 동기화 파일 {path} 은(는) 암호화되어 있지 않습니다. "
        "이 행사의 기기는 암호화된 파일만 만들므로 읽지 않았습니다. 아무것도 변경하지 않았습니다.",
    )
    not_a_bundle = Text(
        "{path} is not a check-in sync bundle. Nothing was changed.",
        "{path} 은(는) 체크인 동기화 파일이 아닙니다. 아무것도 변경하지 않았습니다.",
    )
    bundle_key_mismatch = Text(
        "The sync bundle {path} is encrypted for another event (or damaged); this "
        "event file cannot read it. Nothing was changed.",
        "동기화 파일 {path} 은(는) 다른 행사용으로 암호화되었거나 손상되어 읽을 수 "
        "없습니다. 아무것도 변경하지 않았습니다.",
    )
    bundle_key_mismatch_door = Text(
        "The sync bundle {path} is encrypted for another event, or for stations that hold "
        "every field (organizer, desks): a door kiosk reads only the bundles written for "
        "doors (checkin sync export --view door or bare). Nothing was changed.",
        "동기화 파일 {path} 은(는) 다른 행사용이거나, 모든 항목을 가진 기기(주최자, "
        "접수 데스크)용으로 암호화되어 있습니다. 출입구 키오스크는 출입구용으로 만든 "
        "파일만 읽습니다 (checkin sync export --view door 또는 bare). 아무것도 변경하지 "
        "않았습니다.",
    )
    bundle_for_doors = Text(
        "The sync bundle {path} was made for door kiosks ({view} view: some fields left "
        "out); this station keeps every field, so it imports that station's full bundle "
        "instead. Nothing was changed.",
        "동기화 파일 {path} 은(는) 출입구 키오스크용입니다 ({view}: 일부 항목 제외). 이 "
        "기기는 모든 항목을 보관하므로 그 기기의 전체 동기화 파일을 가져오세요. 아무것도 "
        "변경하지 않았습니다.",
    )
    bundle_wrong_event = Text(
        "The sync bundle {path} belongs to another event ({theirs}; this file is "
        "{ours}). Nothing was changed.",
        "동기화 파일 {path} 은(는) 다른 행사({theirs})의 것입니다 (이 파일: {ours}). "
        "아무것도 변경하지 않았습니다.",
    )
    bundle_newer_schema = Text(
        "The sync bundle {path} was written by a newer version of checkin ({steps}). "
        "Update this app first. Nothing was changed.",
        "동기화 파일 {path} 은(는) 더 새로운 버전의 checkin 으로 만들어졌습니다 "
        "({steps}). 먼저 이 앱을 업데이트하세요. 아무것도 변경하지 않았습니다.",
    )
    bundle_from_retired = Text(
        "The sync bundle {path} comes from the station {station!r}, which the organizer "
        "retired; its data is no longer accepted. Nothing was changed.",
        "동기화 파일 {path} 은(는) 운영진이 사용 중지한 기기 {station!r} 에서 왔습니다. "
        "이 기기의 자료는 더 이상 받지 않습니다. 아무것도 변경하지 않았습니다.",
    )
    bundle_unsigned = Text(
        "The sync bundle {path} is not signed by a station of this event (forged, or "
        "from a station set up before signed sync: make a new station package for it "
        "on the organizer's computer). Nothing was changed.",
        "동기화 파일 {path} 에 이 행사 기기의 서명이 없습니다 (위조되었거나, 서명 동기화 "
        "이전에 준비된 기기입니다. 주최자 컴퓨터에서 그 기기 파일을 새로 만드세요). "
        "아무것도 변경하지 않았습니다.",
    )
    change_not_allowed = Text(
        "The sync bundle {path} holds a change its author may not make ({what}; from "
        "{who}). Only the organizer may set the PIN, change settings, retire a station or "
        "close the event; a scan-only station may only add check-ins. Nothing was changed.",
        "동기화 파일 {path} 에 작성자에게 권한이 없는 변경이 있습니다 ({what}; {who}). "
        "PIN·설정·기기 사용 중지·행사 종료는 주최자만, 스캔 전용 기기는 체크인만 할 수 "
        "있습니다. 아무것도 변경하지 않았습니다.",
    )

    # --- stations, the hub, the folder -----------------------------------------------
    station_conflict = Text(
        "Two kiosks are using copies of the same event file: both write as the "
        "station {station!r}{where}. Nothing was changed. On the kiosk whose file was "
        "copied by hand, export a bundle from the other kiosk and run "
        "'checkin sync resolve-copy FILE BUNDLE': it moves that kiosk's own records "
        "to a new station of its own. Then sync again. Never copy an event file to "
        "set up a kiosk: use 'checkin sync provision'.",
        "두 키오스크가 같은 행사 파일의 복사본을 쓰고 있습니다: 둘 다 기기 {station!r} "
        "(으)로 기록합니다{where}. 아무것도 변경하지 않았습니다. 파일을 손으로 복사한 키오스크에서, "
        "다른 키오스크의 동기화 파일을 받아 'checkin sync resolve-copy FILE BUNDLE' 을 "
        "실행하세요. 그 키오스크의 기록이 새 기기 이름으로 옮겨집니다. 그런 다음 다시 "
        "동기화하세요. 키오스크를 준비할 때는 파일을 복사하지 말고 "
        "'checkin sync provision' 을 쓰세요.",
    )
    station_retired = Text(
        "This station ({station!r}) was retired by the organizer: it can no longer "
        "send data. Ask the organizer for a new station package.",
        "이 기기({station!r})는 운영진이 사용 중지했습니다. 더 이상 자료를 보낼 수 "
        "없습니다. 운영진에게 새 기기 파일을 요청하세요.",
    )
    hub_unavailable = Text(
        "The sync server ({where}) cannot be reached. This kiosk keeps working "
        "offline and catches up when the server is back.",
        "동기화 서버({where})에 연결할 수 없습니다. 이 키오스크는 오프라인으로 계속 "
        "작동하며, 서버가 돌아오면 밀린 자료를 주고받습니다.",
    )
    hub_refused = Text(
        "The sync server ({where}) refused the connection or the request: {detail}",
        "동기화 서버({where})가 연결 또는 요청을 거부했습니다: {detail}",
    )
    hub_wrong_event = Text(
        "The sync server ({where}) holds this event's data under another key "
        "(a different event with the same id?). Nothing was changed.",
        "동기화 서버({where})에 이 행사의 자료가 다른 키로 저장되어 있습니다. "
        "아무것도 변경하지 않았습니다.",
    )
    folder_unavailable = Text(
        "The shared sync folder {path} cannot be reached or written. This kiosk keeps "
        "working offline and catches up later.",
        "공유 동기화 폴더 {path} 에 접근하거나 쓸 수 없습니다. 이 키오스크는 "
        "오프라인으로 계속 작동하며 나중에 밀린 자료를 주고받습니다.",
    )

    # --- settings and bundle files (checkin.sync.status, checkin.sync.bundle) ----------
    hub_url_scheme = Text(
        "The hub address starts with postgresql:// (e.g. "
        "postgresql://checkin:PASSWORD@192.168.0.10/checkin).",
        "동기화 서버 주소는 postgresql:// 로 시작합니다 (예: "
        "postgresql://checkin:암호@192.168.0.10/checkin).",
    )
    interval_range = Text(
        "The interval must be {low}-{high} seconds.", "동기화 간격은 {low}~{high}초여야 합니다."
    )
    bundle_out_is_folder = Text(
        "{out} is a folder; give a file name for the bundle.",
        "{out} 은(는) 폴더입니다. 동기화 파일 이름을 주세요.",
    )
    bundle_out_no_folder = Text("The folder for {out} does not exist.", "{out} 의 폴더가 없습니다.")
    bundle_write_failed = Text(
        "Could not write the bundle {out}: {reason}.",
        "동기화 파일 {out} 을(를) 쓸 수 없습니다: {reason}",
    )
    bundle_write_error = Text(
        "Could not write the bundle {out} ({reason}).",
        "동기화 파일 {out} 을(를) 쓸 수 없습니다 ({reason}).",
    )
    no_bundle = Text("No bundle at {path}.", "동기화 파일이 없습니다: {path}")

    # --- the hub: its address, what went wrong, setting it up (checkin.sync.hub_diagnose)
    no_hub_for_password = Text(
        "There is no hub address to carry a password for (--hub).",
        "암호를 넣을 동기화 서버 주소가 없습니다 (--hub).",
    )
    package_hub_url_scheme = Text(
        "The hub address starts with postgresql:// (e.g. "
        "postgresql://checkin@192.168.0.10/checkin).",
        "동기화 서버 주소는 postgresql:// 로 시작합니다 (예: "
        "postgresql://checkin@192.168.0.10/checkin).",
    )
    hub_url_no_password = Text(
        "The hub address has no password to carry (postgresql://USER:PASSWORD@HOST/DB).",
        "동기화 서버 주소에 넣을 암호가 없습니다 (postgresql://사용자:암호@주소/DB).",
    )
    hub_password_needs_encryption = Text(
        "The hub password goes only into an encrypted station package: give the "
        "package a passphrase, or leave the password out (the kiosk then asks for it). "
        "Nothing was written.",
        "동기화 서버 암호는 암호화된 기기 파일에만 넣습니다. 기기 파일에 암호(passphrase)를 "
        "주거나, 서버 암호를 빼세요 (키오스크에서 따로 입력). 아무것도 쓰지 않았습니다.",
    )
    hub_unreachable = Text(
        "The sync server ({where}) cannot be reached: {why} This kiosk keeps working "
        "offline and catches up when the server is back.",
        "동기화 서버({where})에 연결할 수 없습니다: {why} 이 키오스크는 오프라인으로 계속 "
        "작동하며, 서버가 돌아오면 밀린 자료를 주고받습니다.",
    )
    hub_misconfigured = Text(
        "The sync server ({where}) refused this kiosk: {why} (see the hub section of {guide})",
        "동기화 서버({where})가 이 키오스크를 거부했습니다: {why} ({guide} 의 "
        "동기화 서버 부분 참고)",
    )
    why_pg_hba = Text(
        "its pg_hba.conf has no line that lets user {user!r} reach database {db!r} from "
        "this kiosk ({client}). On the server, add a line such as "
        "'host {db} {user} {subnet} scram-sha-256' to pg_hba.conf and reload "
        "PostgreSQL (systemctl reload postgresql).",
        "서버의 pg_hba.conf 에 이 키오스크({client})에서 사용자 {user!r} 가 데이터베이스 "
        "{db!r} 에 접속하도록 허용하는 줄이 없습니다. 서버의 pg_hba.conf 에 "
        "'host {db} {user} {subnet} scram-sha-256' 같은 줄을 넣고 PostgreSQL 을 다시 "
        "읽게 하세요 (systemctl reload postgresql).",
    )
    why_auth = Text(
        "the password for user {user!r} is wrong or missing. Check the password in the "
        "sync settings (or in PGPASSWORD / the .pgpass file).",
        "사용자 {user!r} 의 암호가 틀렸거나 없습니다. 동기화 설정의 암호(또는 "
        "PGPASSWORD / .pgpass 파일)를 확인하세요.",
    )
    why_no_role = Text(
        "the server has no user {user!r}. Create it with the SQL of 'checkin sync hub-setup'.",
        "서버에 사용자 {user!r} 가 없습니다. 'checkin sync hub-setup' 의 SQL 로 만드세요.",
    )
    why_no_database = Text(
        "the server has no database {db!r}. Check the name in the address, or create "
        "it with the SQL of 'checkin sync hub-setup'.",
        "서버에 데이터베이스 {db!r} 가 없습니다. 주소의 이름을 확인하거나 "
        "'checkin sync hub-setup' 의 SQL 로 만드세요.",
    )
    why_tls = Text(
        "the secure connection (TLS) failed ({detail}). With sslmode=require the "
        "server needs ssl = on in postgresql.conf; with sslmode=verify-full this kiosk "
        "needs the server's certificate (sslrootcert=FILE) and the address must match "
        "the certificate's name.",
        "보안 연결(TLS)에 실패했습니다 ({detail}). sslmode=require 이면 서버의 "
        "postgresql.conf 에 ssl = on 이 필요하고, sslmode=verify-full 이면 이 키오스크에 "
        "서버 인증서(sslrootcert=파일)가 있어야 하며 주소가 인증서의 이름과 같아야 "
        "합니다.",
    )
    why_busy = Text(
        "the server has no free connection slot (max_connections).",
        "서버에 남은 연결 자리가 없습니다 (max_connections).",
    )
    why_dns = Text(
        "the name {host!r} is not known on this network (DNS). Check the address, or "
        "use the server's IP address (e.g. 192.168.0.10).",
        "이 네트워크에서 {host!r} 라는 이름을 찾을 수 없습니다 (DNS). 주소를 확인하거나 "
        "서버의 IP 주소(예: 192.168.0.10)를 쓰세요.",
    )
    why_refused = Text(
        "nothing answers at {host} port {port} (connection refused). Is PostgreSQL "
        "running there, listening on the venue network (listen_addresses in "
        "postgresql.conf) and on port {port}?",
        "{host} 의 포트 {port} 에서 응답이 없습니다 (연결 거부). 그 컴퓨터에서 "
        "PostgreSQL 이 실행 중인지, 행사장 네트워크에서 받도록(postgresql.conf 의 "
        "listen_addresses) 되어 있는지, 포트가 {port} 인지 확인하세요.",
    )
    why_timeout = Text(
        "no answer from {host} port {port} in time. Is this kiosk on the same network "
        "as the server, and does the server's firewall allow port {port}?",
        "{host} 의 포트 {port} 에서 제때 응답이 없습니다. 이 키오스크가 서버와 같은 "
        "네트워크에 있는지, 서버의 방화벽이 포트 {port} 를 허용하는지 확인하세요.",
    )
    why_no_route = Text(
        "there is no network path to {host}. Is this kiosk connected to the venue network?",
        "{host} 까지 가는 네트워크 경로가 없습니다. 이 키오스크가 행사장 네트워크에 "
        "연결되어 있는지 확인하세요.",
    )
    why_closed = Text("the server closed the connection.", "서버가 연결을 끊었습니다.")
    why_privileges = Text(
        "user {user!r} may connect to database {db!r} but lacks what the sync tables need: "
        "{what}. PostgreSQL 15 and later no longer let every user create tables in the "
        "'public' schema. Have the database administrator run the SQL printed by "
        "'checkin sync hub-setup' (it gives {user!r} a schema of its own).",
        "사용자 {user!r} 는 데이터베이스 {db!r} 에 접속할 수는 있지만 동기화 표에 필요한 "
        "권한이 없습니다: {what}. PostgreSQL 15 부터는 아무 사용자나 'public' 스키마에 표를 "
        "만들 수 없습니다. 데이터베이스 관리자에게 'checkin sync hub-setup' 이 출력하는 SQL 을 "
        "실행해 달라고 하세요 ({user!r} 에게 전용 스키마를 줍니다).",
    )
    setup_bad_name = Text(
        "The {what} name {name!r} must be lower-case letters, digits and _ "
        "(starting with a letter), at most 63 characters.",
        "{what} 이름 {name!r} 은(는) 영문 소문자, 숫자, _ 로 (문자로 시작), 63자 이하여야 합니다.",
    )
    setup_short_password = Text(
        "The hub password must have at least 12 characters.",
        "동기화 서버 암호는 12자 이상이어야 합니다.",
    )
    setup_backslash = Text(
        "The hub password may not contain a backslash.",
        "동기화 서버 암호에 역슬래시(\\)는 쓸 수 없습니다.",
    )
    setup_needs_superuser = Text(
        "The administrator address ({where}) must be a PostgreSQL superuser (e.g. "
        "postgres) to create the hub's role and database. Nothing was changed.",
        "관리자 주소({where})는 PostgreSQL 슈퍼유저(예: postgres)여야 동기화 서버의 "
        "사용자와 데이터베이스를 만들 수 있습니다. 아무것도 변경하지 않았습니다.",
    )
    setup_names_taken = Text(
        "The server already has a role {role!r} or a database "
        "{database!r}. Nothing was changed; choose other names (--role, "
        "--database) or remove the old ones first.",
        "서버에 이미 사용자 {role!r} 또는 데이터베이스 {database!r} 가 "
        "있습니다. 아무것도 변경하지 않았습니다. 다른 이름(--role, --database)을 "
        "쓰거나 먼저 예전 것을 지우세요.",
    )

    # --- stations: packages, retiring, copies (checkin.sync.provision) -------
    only_organizer_s_event_file = Text(
        "Only the organizer's event file can do this.",
        "운영진(주최측) 행사 파일에서만 할 수 있습니다.",
    )
    station_package_desk_scan_only = Text(
        "A station package is for a desk or a scan-only kiosk.",
        "기기 파일은 접수 데스크(desk) 또는 스캔 전용(scan-only) 용입니다.",
    )
    only_scan_only_stations_can = Text(
        "Only scan-only stations can be set up without personal fields (a desk registers "
        "and edits people).",
        "개인 정보 없이 준비할 수 있는 기기는 스캔 전용뿐입니다 (접수 데스크는 참가자를 등록·수정합니다).",
    )
    event_encrypted_station_package_needs = Text(
        "This event is encrypted: the station package needs a passphrase too.",
        "이 행사는 암호화되어 있습니다. 기기 파일에도 암호가 필요합니다.",
    )
    no_station_event_file_see = Text(
        "No station {ref!r} in this event file (see 'checkin sync status').",
        "이 행사 파일에 {ref!r} 기기가 없습니다 ('checkin sync status' 참고).",
    )
    matches_stations_use_station_id = Text(
        "{ref!r} matches {n} stations; use the station id.",
        "{ref!r} 에 해당하는 기기가 {n}대입니다. 기기 ID를 쓰세요.",
    )
    role_must_desk_scan_only = Text(
        "The role must be desk or scan-only.",
        "역할은 desk 또는 scan-only 여야 합니다.",
    )
    could_not_write_station_package = Text(
        "Could not write the station package ({exc}).",
        "기기 파일을 쓸 수 없습니다 ({exc}).",
    )
    station_cannot_retire_itself = Text(
        "A station cannot retire itself.",
        "자기 자신은 사용 중지할 수 없습니다.",
    )

    # --- stations: packages, retiring, copies (checkin.sync.copies) ----------
    that_bundle_not_from_other = Text(
        "That bundle is not from the other copy of this station; export one from the kiosk "
        "that uses the same station (with --full).",
        "그 동기화 파일은 이 기기의 다른 복사본에서 나온 것이 아닙니다. 같은 기기로 기록하는 키오스크에서 --full 로 내보낸 파일을 쓰세요.",
    )
    needs_full_bundle_from_other = Text(
        "This needs a full bundle from the other kiosk: export it with --full.",
        "다른 키오스크에서 --full 로 내보낸 전체 동기화 파일이 필요합니다.",
    )
    identity_notice = Text(
        "This event file was copied or moved: it now syncs as a new station "
        "{name!r} (number {no}).",
        "이 행사 파일이 복사되었거나 옮겨졌습니다. 이제 새 기기 "
        "{name!r} (번호 {no})(으)로 동기화합니다.",
    )

    # --- per-role keys (checkin.sync.keys, bundles, hub setup) ---------------------------
    legacy_desk_holds_event_key = Text(
        "This desk was set up by an older version and still holds the event's badge "
        "key: with this file and its passphrase, anyone can make valid badges. "
        "Provision the desk again from the organizer's file (checkin sync provision), "
        "sync this file once, then retire it (checkin sync retire) and delete it.",
        "이 데스크는 이전 버전으로 준비되어 행사의 명찰 서명 키를 아직 갖고 있습니다. 이 "
        "파일과 암호만 있으면 누구나 유효한 명찰을 만들 수 있습니다. 주최자 파일에서 "
        "데스크를 다시 준비하고(checkin sync provision), 이 파일을 한 번 동기화한 뒤 "
        "사용 중지하고(checkin sync retire) 삭제하세요.",
    )
    legacy_kiosk_holds_sync_secret = Text(
        "This scan-only kiosk was set up by an older version and still holds the event's "
        "sync secret: with this file and its passphrase, anyone can read every station's "
        "personal data in bundles and on the hub. Provision the kiosk again from the "
        "organizer's file (checkin sync provision) and delete this file.",
        "이 스캔 전용 키오스크는 이전 버전으로 준비되어 행사의 동기화 비밀 키를 아직 갖고 "
        "있습니다. 이 파일과 암호만 있으면 누구나 동기화 파일과 서버에서 모든 기기의 개인 "
        "정보를 읽을 수 있습니다. 주최자 파일에서 키오스크를 다시 준비하고(checkin sync "
        "provision) 이 파일은 삭제하세요.",
    )
    cannot_write_view = Text(
        "This station cannot write a {view} bundle (it holds the {held} view only).",
        "이 기기는 {view} 동기화 파일을 만들 수 없습니다 ({held} 만 보관합니다).",
    )
    door_role_own_name = Text(
        "The door kiosks' role needs a name of its own.",
        "출입구 키오스크용 사용자는 다른 이름이어야 합니다.",
    )
    door_password_too_short = Text(
        "The door role's password must have at least 12 characters.",
        "출입구용 사용자의 암호는 12자 이상이어야 합니다.",
    )
