<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ScanScreen</name>
    <message>
        <source>Station: %1   ·   List: %2</source>
        <translation>기기: %1   ·   목록: %2</translation>
    </message>
    <message>
        <source>CHECK ONLY</source>
        <translation>확인 전용</translation>
    </message>
    <message>
        <source>EXIT</source>
        <translation>퇴장</translation>
    </message>
    <message>
        <source>Switch language</source>
        <translation>언어 바꾸기</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <source>Search by name (F2)</source>
        <translation>이름으로 찾기 (F2)</translation>
    </message>
    <message>
        <source>Admit unregistered</source>
        <translation>등록 없이 입장</translation>
    </message>
    <message>
        <source>Let in a person who does not want to be registered: only their category, the time and this door are kept.</source>
        <translation>등록을 원하지 않는 분을 입장시킵니다. 구분, 시각, 이 출입구만 기록됩니다.</translation>
    </message>
    <message>
        <source>Camera off (F4)</source>
        <translation>카메라 끄기 (F4)</translation>
    </message>
    <message>
        <source>Camera (F4)</source>
        <translation>카메라 (F4)</translation>
    </message>
    <message>
        <source>Checked in / expected</source>
        <translation>입장 / 예정 인원</translation>
    </message>
    <message>
        <source>Undo: group of %1 (Ctrl+Z)</source>
        <translation>취소: %1명 일행 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo: %1 (Ctrl+Z)</source>
        <translation>취소: %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo last check-in (Ctrl+Z)</source>
        <translation>마지막 체크인 취소 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>The last scan was incomplete. Please scan again.</source>
        <translation>방금 스캔이 중간에 끊겼습니다. 다시 스캔해 주세요.</translation>
    </message>
    <message>
        <source>Admit without registering</source>
        <translation>등록 없이 입장</translation>
    </message>
    <message>
        <source>Their category (nothing else is recorded):</source>
        <translation>구분을 고르세요 (다른 정보는 기록하지 않습니다):</translation>
    </message>
</context>
</TS>
