<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ConsentDeclarationBox</name>
    <message>
        <source>No consent columns: did the people agree on your own form?</source>
        <translation>동의 열 없음: 참가자가 주최 측 양식에서 동의했나요?</translation>
    </message>
    <message>
        <source>This file has no consent columns, so only what entry needs is kept of each row. If the people agreed on your own registration form, tick what they agreed to: those fields are kept, and each answer is recorded as your declaration (in the audit log).</source>
        <translation>이 파일에는 동의 열이 없어 각 행에서 입장에 필요한 정보만 보관합니다. 참가자가 주최 측 등록 양식에서 동의했다면 동의한 항목을 표시하세요. 그 항목은 보관되고, 각 동의는 운영자 확인으로 기록됩니다(감사 기록).</translation>
    </message>
    <message>
        <source>(b) contact details (phone, e-mail, organization, full name)</source>
        <translation>(나) 연락처 (전화번호, 이메일, 소속, 실명)</translation>
    </message>
    <message>
        <source>(c) access needs (sensitive)</source>
        <translation>(다) 편의 지원 (민감정보)</translation>
    </message>
    <message>
        <source>Version of your form&apos;s wording:</source>
        <translation>양식 동의문 버전:</translation>
    </message>
    <message>
        <source>e.g. 2027-06-form</source>
        <translation>예: 2027-06-form</translation>
    </message>
    <message>
        <source>Where they agreed:</source>
        <translation>동의받은 곳:</translation>
    </message>
    <message>
        <source>e.g. online registration form, consent page</source>
        <translation>예: 온라인 등록 양식 동의 페이지</translation>
    </message>
</context>
</TS>
