<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ResultPanel</name>
    <message>
        <source>+%1 waiting</source>
        <translation>대기 %1건</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>사진 촬영 금지</translation>
    </message>
    <message>
        <source>Assistance requested</source>
        <translation>도움 요청 있음</translation>
    </message>
    <message>
        <source>Access needs: %1</source>
        <translation>편의 지원: %1</translation>
    </message>
</context>
</TS>
