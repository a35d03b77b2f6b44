<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>DoubleEntryModel</name>
    <message>
        <source>Number</source>
        <translation>등록번호</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>List</source>
        <translation>목록</translation>
    </message>
    <message>
        <source>First admitted</source>
        <translation>처음 입장</translation>
    </message>
    <message>
        <source>Admitted again</source>
        <translation>다시 입장</translation>
    </message>
    <message>
        <source>(not synced yet)</source>
        <translation>(아직 동기화되지 않음)</translation>
    </message>
</context>
</TS>
