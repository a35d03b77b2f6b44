<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AttendeeTableModel</name>
    <message>
        <source>Reg. no.</source>
        <translation>등록번호</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>본명</translation>
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
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>촬영 금지</translation>
    </message>
    <message>
        <source>Access needs</source>
        <translation>접근성 지원</translation>
    </message>
    <message>
        <source>Entries: %1, exits: %2</source>
        <translation>입장 %1회, 퇴장 %2회</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>등록됨</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1 (퇴장)</translation>
    </message>
</context>
</TS>
