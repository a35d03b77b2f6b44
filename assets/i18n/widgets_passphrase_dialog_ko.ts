<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Event passphrase</source>
        <translation>행사 암호</translation>
    </message>
    <message>
        <source>%1 is encrypted. Enter the event passphrase to open it.</source>
        <translation>%1 은(는) 암호화되어 있습니다. 행사 암호를 입력하세요.</translation>
    </message>
    <message>
        <source>That passphrase did not open the file. Nothing was changed; please try again.</source>
        <translation>이 암호로는 파일을 열 수 없습니다. 아무것도 변경되지 않았습니다. 다시 입력해 주세요.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
</TS>
