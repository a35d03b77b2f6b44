<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>StartDialog</name>
    <message>
        <source>Event check-in</source>
        <translation>행사 체크인</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>환영합니다</translation>
    </message>
    <message>
        <source>Open the event file the organizers gave you, create a new event, or try the app with a demo event.</source>
        <translation>운영진이 준 행사 파일을 열거나, 새 행사를 만들거나, 데모 행사로 앱을 체험해 보세요.</translation>
    </message>
    <message>
        <source>Open an event file…</source>
        <translation>행사 파일 열기…</translation>
    </message>
    <message>
        <source>Create a new event…</source>
        <translation>새 행사 만들기…</translation>
    </message>
    <message>
        <source>Try the demo event</source>
        <translation>데모 행사 체험하기</translation>
    </message>
</context>
</TS>
