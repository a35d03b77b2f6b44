<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ErrorDialog</name>
    <message>
        <source>An unexpected error happened. You can keep working.</source>
        <translation>예상하지 못한 오류가 발생했습니다. 작업은 계속할 수 있습니다.</translation>
    </message>
    <message>
        <source>Please copy the details below and send them to the organizers.</source>
        <translation>아래 내용을 복사해 운영진에게 전달해 주세요.</translation>
    </message>
</context>
</TS>
