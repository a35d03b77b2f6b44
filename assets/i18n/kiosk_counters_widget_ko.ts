<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CountersWidget</name>
    <message>
        <source>Checked in / expected</source>
        <translation>입장 / 예정 인원</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>동기화 전</translation>
    </message>
</context>
</TS>
