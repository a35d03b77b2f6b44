<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CheckOnlyBanner</name>
    <message>
        <source>Check only — not an entry</source>
        <translation>확인 전용 — 입장 기록 안 함</translation>
    </message>
</context>
</TS>
