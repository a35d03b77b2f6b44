<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>LayoutPicker</name>
    <message>
        <source>Custom size…</source>
        <translation>사용자 지정 크기…</translation>
    </message>
    <message>
        <source>Width (mm)</source>
        <translation>가로 (mm)</translation>
    </message>
    <message>
        <source>Height (mm)</source>
        <translation>세로 (mm)</translation>
    </message>
</context>
</TS>
