<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The event file could not be opened.</source>
        <translation>행사 파일을 열지 못했습니다.</translation>
    </message>
</context>
</TS>
