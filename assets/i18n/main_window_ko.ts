<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>Event check-in</source>
        <translation>행사 체크인</translation>
    </message>
    <message>
        <source>No event file is open. Use the Event menu to open one.</source>
        <translation>열린 행사 파일이 없습니다. 행사 메뉴에서 파일을 여세요.</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>행사(&amp;E)</translation>
    </message>
    <message>
        <source>Open event file…</source>
        <translation>행사 파일 열기…</translation>
    </message>
    <message>
        <source>New event…</source>
        <translation>새 행사…</translation>
    </message>
    <message>
        <source>Open the demo event</source>
        <translation>체험용 데모 행사 열기</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>암호 바꾸기…</translation>
    </message>
    <message>
        <source>Close the event (wipe personal data)…</source>
        <translation>행사 마감 (개인정보 삭제)…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>&amp;Kiosk</source>
        <translation>키오스크(&amp;K)</translation>
    </message>
    <message>
        <source>Check-in screen</source>
        <translation>체크인 화면</translation>
    </message>
    <message>
        <source>Lock (kiosk mode)</source>
        <translation>잠금 (키오스크 모드)</translation>
    </message>
    <message>
        <source>Self-service kiosk</source>
        <translation>셀프 체크인 키오스크</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <source>&amp;Organizer</source>
        <translation>운영(&amp;O)</translation>
    </message>
    <message>
        <source>Registration desk (walk-in)…</source>
        <translation>접수 데스크 (현장 등록)…</translation>
    </message>
    <message>
        <source>Attendee list</source>
        <translation>참가자 명단</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>현황판</translation>
    </message>
    <message>
        <source>Print the selected attendee&apos;s badge…</source>
        <translation>선택한 참가자 명찰 인쇄…</translation>
    </message>
    <message>
        <source>Print badges in bulk…</source>
        <translation>명찰 일괄 인쇄…</translation>
    </message>
    <message>
        <source>Tickets before the day (e-mail, files)…</source>
        <translation>사전 입장권 (이메일, 파일)…</translation>
    </message>
    <message>
        <source>Discreet badges and the leave message…</source>
        <translation>행사 이름 없는 명찰과 퇴장 안내…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Sync settings…</source>
        <translation>동기화 설정…</translation>
    </message>
    <message>
        <source>Double entries…</source>
        <translation>중복 입장 목록…</translation>
    </message>
    <message>
        <source>Lost or stolen station…</source>
        <translation>분실·도난 기기…</translation>
    </message>
    <message>
        <source>Door modes (entry, check only)…</source>
        <translation>출입 모드 (입장, 확인 전용)…</translation>
    </message>
    <message>
        <source>Audit log (who saw or exported what)…</source>
        <translation>감사 기록 (누가 무엇을 보고 내보냈는지)…</translation>
    </message>
    <message>
        <source>Consent wording…</source>
        <translation>개인정보 동의문…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Volunteer guide (one page)</source>
        <translation>자원봉사자 안내 (한 장)</translation>
    </message>
    <message>
        <source>Organizer guide</source>
        <translation>운영진 안내</translation>
    </message>
    <message>
        <source>Demo: scan a random badge</source>
        <translation>데모: 임의의 명찰 스캔</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>로그 폴더 열기</translation>
    </message>
    <message>
        <source>About</source>
        <translation>정보</translation>
    </message>
    <message>
        <source>This badge belongs to another event. Nobody was checked in.</source>
        <translation>다른 행사의 명찰입니다. 아무도 입장 처리되지 않았습니다.</translation>
    </message>
    <message>
        <source>This is not a valid badge of this event. Nobody was checked in.</source>
        <translation>이 행사의 올바른 명찰이 아닙니다. 아무도 입장 처리되지 않았습니다.</translation>
    </message>
    <message>
        <source>Badge scanned</source>
        <translation>명찰 스캔됨</translation>
    </message>
    <message>
        <source>Badge scanned: %1 — check in now?</source>
        <translation>명찰이 스캔되었습니다: %1 — 지금 입장 처리할까요?</translation>
    </message>
    <message>
        <source>an attendee not yet in this file</source>
        <translation>아직 이 파일에 없는 참가자</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>입장 처리</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>암호를 바꿨습니다.</translation>
    </message>
    <message>
        <source>Choose the attendee in the list, then print their badge.</source>
        <translation>명단에서 참가자를 선택한 뒤 명찰을 인쇄하세요.</translation>
    </message>
    <message>
        <source>Guides</source>
        <translation>안내서</translation>
    </message>
    <message>
        <source>The guide could not be opened here. It is this file: %1</source>
        <translation>여기에서 안내서를 열 수 없습니다. 안내서 파일: %1</translation>
    </message>
    <message>
        <source>Event check-in %1
Offline kiosks, signed badges, Korean and English.</source>
        <translation>행사 체크인 %1
오프라인 키오스크, 서명된 명찰, 한국어와 영어.</translation>
    </message>
</context>
</TS>
