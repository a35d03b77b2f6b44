<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>RecentScans</name>
    <message>
        <source>Recent at this kiosk</source>
        <translation>이 키오스크의 최근 기록</translation>
    </message>
</context>
</TS>
