<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>EventOpener</name>
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
