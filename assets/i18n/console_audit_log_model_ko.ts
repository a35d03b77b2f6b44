<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Viewed details</source>
        <translation>상세 정보 열람</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>PIN accepted</source>
        <translation>PIN 확인</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN 틀림</translation>
    </message>
    <message>
        <source>PIN entry locked</source>
        <translation>PIN 입력 잠김</translation>
    </message>
    <message>
        <source>Alert: possible trawling</source>
        <translation>경고: 대량 조회 의심</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>참가자</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>내용</translation>
    </message>
</context>
</TS>
