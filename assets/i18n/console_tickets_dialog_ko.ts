<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>TicketsDialog</name>
    <message>
        <source>Tickets before the day</source>
        <translation>사전 입장권</translation>
    </message>
    <message>
        <source>Wording and preview</source>
        <translation>문구와 미리 보기</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>이메일로 보내기</translation>
    </message>
    <message>
        <source>Files for your own channel</source>
        <translation>직접 보낼 파일</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
</TS>
