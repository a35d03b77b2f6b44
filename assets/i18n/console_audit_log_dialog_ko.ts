<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>The audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1건</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>Audit log: who looked at or used attendees&apos; data</source>
        <translation>감사 기록: 누가 참가자 정보를 보거나 사용했는지</translation>
    </message>
    <message>
        <source>Exports, searches, opened details, edits and organizer PIN attempts at every station this computer has synced with. Searches are recorded without what was typed; edits without the values.</source>
        <translation>이 컴퓨터와 동기화한 모든 기기의 내보내기, 검색, 상세 정보 열람, 수정, 운영자 PIN 입력 기록입니다. 검색은 입력한 내용 없이, 수정은 바꾼 값 없이 기록됩니다.</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>작업:</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>기기:</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>모든 작업</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>모든 기기</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>CSV로 내보내기…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>감사 기록 내보내기</translation>
    </message>
    <message>
        <source>Wrote %1 entries to %2.</source>
        <translation>%1건을 %2 에 저장했습니다.</translation>
    </message>
</context>
</TS>
