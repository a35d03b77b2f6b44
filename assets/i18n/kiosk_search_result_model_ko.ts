<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>SearchResultModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>소속</translation>
    </message>
    <message>
        <source>Reg. no.</source>
        <translation>등록번호</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>Check this person in (Enter)</source>
        <translation>이 사람을 입장 처리 (Enter)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>In since %1</source>
        <translation>%1 입장</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>입장함</translation>
    </message>
    <message>
        <source>Went out</source>
        <translation>퇴장함</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>미입장</translation>
    </message>
</context>
</TS>
