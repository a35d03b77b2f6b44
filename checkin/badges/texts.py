"""The words of badges, printing and tickets, in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class BadgeTexts(Catalogue, domain="badges"):
    # --- checkin.badges.layouts ----------------------------------------------
    unknown_badge_layout_use_one = Text(
        "Unknown badge layout {key!r}; use one of: {join} or custom:WxH.",
        "알 수 없는 명찰 형식 {key!r}. 다음 중 하나를 쓰세요: {join} 또는 custom:가로x세로",
    )
    custom_badge_must_mm_each = Text(
        "A custom badge must be 40 to 300 mm on each side, not {w:g}×{h:g} mm.",
        "사용자 지정 명찰은 가로, 세로 모두 40~300mm여야 합니다: {w:g}×{h:g}mm",
    )
    write_custom_size_as_custom = Text(
        "Write a custom size as custom:WIDTHxHEIGHT in mm, e.g. custom:70x110, not {key!r}.",
        "사용자 지정 크기는 custom:가로x세로(mm)로 쓰세요 (예: custom:70x110): {key!r}",
    )

    # --- checkin.badges.printing ---------------------------------------------
    print_completed = Text(
        "Printed. Hand the badge over.",
        "인쇄되었습니다. 명찰을 건네주세요.",
    )
    print_sent = Text(
        "Sent to the printer; the app cannot confirm it printed. Check that the badge came out.",
        "프린터로 보냈습니다. 이 앱은 실제로 인쇄되었는지 확인할 수 없습니다. 명찰이 나왔는지 "
        "확인하세요.",
    )
    print_rejected = Text(
        "Not printed: printer {printer} is rejecting jobs. Fix it and press Retry.",
        "인쇄되지 않음: 프린터 {printer}이(가) 작업을 거부하고 있습니다. 문제를 해결한 뒤 [다시 "
        "시도]를 누르세요.",
    )
    print_printer_stopped = Text(
        "Not printed: printer {printer} is stopped (out of labels, cover open or an error). Fix "
        "it and press Retry.",
        "인쇄되지 않음: 프린터 {printer}이(가) 멈춰 있습니다 (라벨 없음, 덮개 열림 또는 오류). "
        "문제를 해결한 뒤 [다시 시도]를 누르세요.",
    )
    print_paper_out = Text(
        "Not printed: printer {printer} is out of labels or paper. Fix it and press Retry.",
        "인쇄되지 않음: 프린터 {printer}에 라벨/용지가 없습니다. 문제를 해결한 뒤 [다시 시도]를 "
        "누르세요.",
    )
    print_offline = Text(
        "Not printed: printer {printer} is off or not connected. Fix it and press Retry.",
        "인쇄되지 않음: 프린터 {printer}이(가) 꺼져 있거나 연결되지 않았습니다. 문제를 해결한 뒤 "
        "[다시 시도]를 누르세요.",
    )
    print_job_stopped = Text(
        "Not printed: the print job stopped ({printer}). Fix it and press Retry.",
        "인쇄되지 않음: 인쇄 작업이 멈췄습니다 ({printer}). 문제를 해결한 뒤 [다시 시도]를 "
        "누르세요.",
    )
    print_canceled = Text(
        "Not printed: the print job was cancelled ({printer}). Fix it and press Retry.",
        "인쇄되지 않음: 인쇄 작업이 취소되었습니다 ({printer}). 문제를 해결한 뒤 [다시 시도]를 "
        "누르세요.",
    )
    print_aborted = Text(
        "Not printed: the print job failed on printer {printer}. Fix it and press Retry.",
        "인쇄되지 않음: 프린터 {printer}에서 인쇄 작업이 실패했습니다. 문제를 해결한 뒤 [다시 "
        "시도]를 누르세요.",
    )
    print_timeout = Text(
        "Not printed: printer {printer} did not finish in time; the job was cancelled. Fix it and "
        "press Retry.",
        "인쇄되지 않음: 프린터 {printer}이(가) 제시간에 인쇄를 마치지 못해 작업을 취소했습니다. "
        "문제를 해결한 뒤 [다시 시도]를 누르세요.",
    )
    print_unknown_printer = Text(
        "Not printed: there is no printer {printer}. Choose the printer again.",
        "인쇄되지 않음: 프린터 {printer}을(를) 찾을 수 없습니다. 프린터를 다시 고르세요.",
    )
    print_no_service = Text(
        "Not printed: cannot reach the print system (CUPS). Fix it and press Retry.",
        "인쇄되지 않음: 인쇄 시스템(CUPS)에 연결할 수 없습니다. 문제를 해결한 뒤 [다시 시도]를 "
        "누르세요.",
    )
    print_not_started = Text(
        "Not printed: the printer did not start. Check that it is on and connected.",
        "인쇄되지 않음: 프린터가 시작되지 않았습니다. 켜져 있고 연결되어 있는지 확인하세요.",
    )
    print_failed = Text(
        "Not printed: printing failed on printer {printer}. Fix it and press Retry.",
        "인쇄되지 않음: 프린터 {printer}에서 인쇄가 실패했습니다. 문제를 해결한 뒤 [다시 시도]를 "
        "누르세요.",
    )

    # --- checkin.badges.service ----------------------------------------------
    sort_by_name_reg_not = Text(
        "Sort by 'name' or 'reg', not {sort!r}.",
        "정렬은 'name'(이름) 또는 'reg'(등록번호)입니다: {sort!r}",
    )
    unknown_category_event_has = Text(
        "Unknown category {value!r}; the event has: {join}.",
        "알 수 없는 구분 {value!r}. 이 행사의 구분: {join}",
    )
    copies_must_least = Text(
        "Copies must be at least 1.",
        "매수는 1 이상이어야 합니다.",
    )
    registration_cancelled_restore_before_printing = Text(
        "This registration is cancelled: restore it before printing a badge.",
        "취소된 등록입니다. 명찰을 인쇄하려면 먼저 등록을 복원하세요.",
    )
    logo_too_detailed_store_over = Text(
        "The logo is too detailed to store (over 256 KB even when reduced).",
        "로고가 너무 큽니다 (줄여도 256KB를 넘습니다).",
    )
    not_colour_use_rrggbb_e = Text(
        "Not a colour: {color!r}. Use #RRGGBB, e.g. #2E7D32.",
        "색상 형식이 아닙니다: {color!r}. #RRGGBB 형식을 쓰세요 (예: #2E7D32).",
    )
    logo_not_image_file_use = Text(
        "The logo is not an image file (use PNG or JPEG).",
        "로고가 이미지 파일이 아닙니다 (PNG 또는 JPEG를 쓰세요).",
    )

    # --- checkin.badges.ticket_mail ------------------------------------------
    give_mail_server_s_name = Text(
        "Give the mail server's name (--smtp-host).",
        "메일 서버 이름을 입력하세요 (--smtp-host).",
    )
    mail_server_port_must_usually = Text(
        "The mail server port must be 1-65535 (usually 587 or 465).",
        "메일 서버 포트는 1~65535 입니다 (보통 587 또는 465).",
    )
    security_one = Text(
        "Security is one of {join}.",
        "보안 방식: {join}",
    )
    give_sender_s_e_mail = Text(
        "Give the sender's e-mail address (--from), e.g. info@example.org.",
        "보내는 사람 이메일 주소를 입력하세요 (--from), 예: info@example.org",
    )
    rate_no_limit_messages_minute = Text(
        "The rate is 0 (no limit) to {max_rate} messages a minute.",
        "전송 속도는 분당 0(제한 없음)~{max_rate}통입니다.",
    )
    mail_server_refused_user_name = Text(
        "The mail server {where} refused the user name or password ({smtp_code}).",
        "메일 서버 {where} 가 사용자 이름 또는 암호를 거부했습니다 ({smtp_code}).",
    )
    mail_server_does_not_offer = Text(
        "The mail server {where} does not offer STARTTLS; try --ssl (port 465) or ask the "
        "server's administrator.",
        "메일 서버 {where} 가 STARTTLS를 지원하지 않습니다. --ssl (포트 465)을 쓰거나 서버 관리자에게 문의하세요.",
    )
    cannot_reach_mail_server_check = Text(
        "Cannot reach the mail server {where}: {exc}. Check the name, port and network.",
        "메일 서버 {where} 에 연결할 수 없습니다: {exc}. 이름, 포트, 네트워크를 확인하세요.",
    )
    mail_server_refused_sender_nothing = Text(
        "The mail server refused the sender {from_addr} ({smtp_code}); nothing more was "
        "sent. Check --from.",
        "메일 서버가 보내는 사람 {from_addr} 을(를) 거부했습니다 ({smtp_code}). 더 보내지 않았습니다. --from 을 확인하세요.",
    )

    # --- checkin.badges.tickets ----------------------------------------------
    ticket_how_to = Text(
        "Show this QR code at the entrance (on your phone or printed). One scan and you are "
        "in. This ticket is for you alone: please do not share it.",
        "입구에서 이 QR 코드를 보여 주세요 (휴대전화 화면 또는 인쇄물). "
        "스캔 한 번으로 입장합니다. 이 표는 본인만 사용하고 다른 사람과 공유하지 마세요.",
    )
    ticket_date = Text("Date", "일시")
    ticket_place = Text("Place", "장소")
    ticket_how_heading = Text("How to get in", "입장 방법")
    ticket_formats = Text(
        "Formats are pdf and png (e.g. pdf,png), not {given!r}.",
        "형식은 pdf, png 입니다 (예: pdf,png): {given!r}",
    )
    ticket_no_format = Text("(none)", "(없음)")
    template_must_text_most_characters = Text(
        "The template must be text of at most {max_template} characters.",
        "서식은 {max_template}자 이하의 글이어야 합니다.",
    )
    unknown_field_template_fields_you = Text(
        "Unknown field {{{value}}} in the template. Fields you can use: {fields}.",
        "서식에 알 수 없는 항목 {{{value}}} 이(가) 있습니다. 쓸 수 있는 항목: {fields}",
    )
    subject_must_one_line = Text(
        "The subject must be one line.",
        "제목은 한 줄이어야 합니다.",
    )
    file_give_folder = Text(
        "{target} is a file; give a folder.",
        "{target} 은(는) 파일입니다. 폴더를 지정하세요.",
    )
    no_tickets_make_no_registered = Text(
        "No tickets to make: no registered attendee matches.",
        "만들 입장권이 없습니다: 조건에 맞는 등록 참가자가 없습니다.",
    )
    template_has_unmatched_fields_you = Text(
        "The template has an unmatched {{ or }}. Fields you can use: {fields}.",
        "서식의 {{ }} 짝이 맞지 않습니다. 쓸 수 있는 항목: {fields}",
    )
    ticket_note_can_have_most = Text(
        "The ticket note can have at most {max_note} characters.",
        "입장권 안내문은 {max_note}자 이하여야 합니다.",
    )
    no_registered_attendee_has_registration = Text(
        "No registered attendee has the registration number {value}.",
        "등록번호 {value} 인 등록 참가자가 없습니다.",
    )
    cannot_create_folder = Text(
        "Cannot create the folder {target}: {value}.",
        "폴더를 만들 수 없습니다: {target}: {value}",
    )

    # --- checkin.badges.ticket_mailbox (bounces read over IMAP) ----------------
    give_mailbox_server_s_name = Text(
        "Give the mailbox (IMAP) server's name, e.g. imap.example.org.",
        "메일함(IMAP) 서버 이름을 입력하세요 (예: imap.example.org).",
    )
    mailbox_port_must_usually = Text(
        "The mailbox server's port must be 1-65535 (usually 993 with SSL, 143 with STARTTLS).",
        "메일함 서버 포트는 1~65535여야 합니다 (보통 SSL 993, STARTTLS 143).",
    )
    give_mailbox_user = Text(
        "Give the mailbox's user name (usually the sender's address).",
        "메일함 사용자 이름을 입력하세요 (보통 보내는 사람 주소).",
    )
    give_mailbox_folder = Text(
        "Give the mailbox folder to read (INBOX if unsure).",
        "읽을 메일함 폴더를 입력하세요 (모르면 INBOX).",
    )
    mailbox_refused_login = Text(
        "The mailbox server {where} refused the user name or password.",
        "메일함 서버 {where} 가 사용자 이름 또는 암호를 거부했습니다.",
    )
    mailbox_answered = Text(
        "The mailbox server {where} answered: {exc}.",
        "메일함 서버 {where} 의 응답: {exc}.",
    )
    mailbox_tls_failed = Text(
        "The secure connection to the mailbox server {where} failed: {exc}. Check the port "
        "and security (993 with SSL, 143 with STARTTLS) and the server's certificate.",
        "메일함 서버 {where} 와 보안 연결을 맺지 못했습니다: {exc}. 포트와 보안 방식(SSL 993, "
        "STARTTLS 143), 서버 인증서를 확인하세요.",
    )
    cannot_reach_mailbox = Text(
        "Cannot reach the mailbox server {where}: {exc}. Check the name, port and network.",
        "메일함 서버 {where} 에 연결할 수 없습니다: {exc}. 이름, 포트, 네트워크를 확인하세요.",
    )
    mailbox_no_starttls = Text(
        "The mailbox server {where} does not offer STARTTLS; choose SSL (port 993) or ask the "
        "server's administrator.",
        "메일함 서버 {where} 가 STARTTLS를 지원하지 않습니다. SSL(포트 993)을 고르거나 서버 "
        "관리자에게 문의하세요.",
    )
    mailbox_has_no_folder = Text(
        "The mailbox {where} has no folder {folder!r} ({exc}). Check the folder's name "
        "(INBOX for the inbox).",
        "메일함 {where} 에 {folder!r} 폴더가 없습니다 ({exc}). 폴더 이름을 확인하세요 "
        "(받은편지함은 INBOX).",
    )
    mailbox_connection_lost = Text(
        "The connection to the mailbox server {where} was lost: {exc}. Nothing was changed; "
        "try again.",
        "메일함 서버 {where} 와의 연결이 끊겼습니다: {exc}. 바뀐 것은 없습니다. 다시 시도하세요.",
    )
    mailbox_setting_not_valid = Text(
        "The mailbox setting {what!r} is not valid.",
        "메일함 설정 {what!r} 의 값이 올바르지 않습니다.",
    )
    mailbox_password_never_stored = Text(
        "The mailbox password is never stored; give it when reading.",
        "메일함 암호는 저장하지 않습니다. 읽을 때 입력하세요.",
    )
    mailbox_password = Text(
        "Mailbox password: ",
        "메일함 암호: ",
    )
    mailbox_password_env_not_set = Text(
        "The environment variable {var} is not set (it should hold the mailbox password).",
        "환경 변수 {var} 이(가) 설정되어 있지 않습니다 (메일함 암호를 담아야 합니다).",
    )
    give_mailbox_password = Text(
        "Give the mailbox password: --imap-password-env VAR (the name of an environment "
        "variable that holds it), or run in a terminal to be asked.",
        "메일함 암호를 주세요: --imap-password-env 변수이름 (암호를 담은 환경 변수), 또는 "
        "터미널에서 실행하면 물어봅니다.",
    )
    give_saved_bounces_or_mailbox = Text(
        "Give the saved bounce messages (.eml or .mbox), or --mailbox to read them in the "
        "sender's mailbox (IMAP).",
        "저장한 반송 메일(.eml 또는 .mbox)을 지정하거나, --mailbox 로 보낸 주소의 메일함(IMAP)에서 "
        "읽으세요.",
    )
