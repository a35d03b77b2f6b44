<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>EventOpener</name>
    <message>
        <source>Personal data deleted</source>
        <translation>개인정보 삭제됨</translation>
    </message>
    <message>
        <source>Personal data will be deleted soon</source>
        <translation>곧 개인정보가 삭제됩니다</translation>
    </message>
    <message>
        <source>Open an event file</source>
        <translation>행사 파일 열기</translation>
    </message>
    <message>
        <source>Event files (*.checkin *.db);;All files (*)</source>
        <translation>행사 파일 (*.checkin *.db);;모든 파일 (*)</translation>
    </message>
</context>
</TS>
