<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ConsentWordingDialog</name>
    <message>
        <source>Consent wording</source>
        <translation>개인정보 동의문</translation>
    </message>
    <message>
        <source>Volunteers read this to every person registered at the desk, who must agree before they are registered. Use your organization&apos;s privacy notice: purpose, the items collected, how long they are kept, and that the person may refuse. Saving records a new version with every consent from now on and sends it to every station at the next sync.</source>
        <translation>자원봉사자가 현장 등록하는 모든 분께 읽어 드리는 문구이며, 동의해야 등록됩니다. 단체의 개인정보 처리 방침에 맞게 쓰세요: 목적, 수집 항목, 보유 기간, 동의하지 않을 권리. 저장하면 이후의 모든 동의에 새 버전이 기록되고, 다음 동기화 때 모든 기기에 전달됩니다.</translation>
    </message>
    <message>
        <source>Current version: %1</source>
        <translation>현재 버전: %1</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>Use the app&apos;s default wording</source>
        <translation>앱의 기본 문구 사용</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
</TS>
