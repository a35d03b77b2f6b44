<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AttendeeListPage</name>
    <message>
        <source>All categories</source>
        <translation>모든 구분</translation>
    </message>
    <message>
        <source>Registered and cancelled</source>
        <translation>등록·취소 모두</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>등록됨</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Checked in or not</source>
        <translation>입장 여부 모두</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>Not checked in yet</source>
        <translation>아직 입장 안 함</translation>
    </message>
    <message>
        <source>Best %1 matches of %2 attendees (type more to narrow the search)</source>
        <translation>전체 %2명 중 가장 가까운 %1명 (더 입력하면 좁혀집니다)</translation>
    </message>
    <message>
        <source>%1 of %2 attendees shown</source>
        <translation>전체 %2명 중 %1명 표시</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>참가자</translation>
    </message>
    <message>
        <source>← Check-in screen (F1)</source>
        <translation>← 체크인 화면 (F1)</translation>
    </message>
    <message>
        <source>Search: name, initials (ㄱㅁㅅ), romanized, phone last 4, reg. no.</source>
        <translation>검색: 이름, 초성(ㄱㅁㅅ), 영문 표기, 전화 끝 4자리, 등록번호</translation>
    </message>
</context>
</TS>
