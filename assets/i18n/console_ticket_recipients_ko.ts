<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>RecipientChooser</name>
    <message>
        <source>Whose tickets</source>
        <translation>받을 사람</translation>
    </message>
    <message>
        <source>Everyone registered</source>
        <translation>등록한 모든 사람</translation>
    </message>
    <message>
        <source>One category</source>
        <translation>한 구분만</translation>
    </message>
    <message>
        <source>Only those not sent yet</source>
        <translation>아직 보내지 않은 사람만</translation>
    </message>
    <message>
        <source>Added or changed since</source>
        <translation>이때 이후 추가·변경된 사람</translation>
    </message>
    <message>
        <source>One person (registration number)</source>
        <translation>한 사람 (등록번호)</translation>
    </message>
    <message>
        <source>e.g. DD-0042</source>
        <translation>예: DD-0042</translation>
    </message>
</context>
</TS>
