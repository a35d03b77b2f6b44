<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AttendeeForm</name>
    <message>
        <source>Name on badge *</source>
        <translation>명찰 이름 *</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>실명</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>소속</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>사진 촬영</translation>
    </message>
    <message>
        <source>Access needs</source>
        <translation>편의 지원</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>An alias is fine</source>
        <translation>가명도 괜찮습니다</translation>
    </message>
    <message>
        <source>Optional; not printed</source>
        <translation>선택 사항, 명찰에 인쇄되지 않음</translation>
    </message>
    <message>
        <source>e.g. wheelchair, sign language</source>
        <translation>예: 휠체어, 수어 통역</translation>
    </message>
    <message>
        <source>Family or delegation checked in together, e.g. 김씨 가족 (optional)</source>
        <translation>함께 입장하는 가족이나 대표단, 예: 김씨 가족 (선택)</translation>
    </message>
    <message>
        <source>Do not photograph this person</source>
        <translation>이 분은 촬영하지 않음</translation>
    </message>
    <message>
        <source>The person agrees to the use of their data (text above) *</source>
        <translation>본인이 위 개인정보 이용에 동의함 *</translation>
    </message>
    <message>
        <source>The person agreed to the use of their data (text above)</source>
        <translation>본인이 위 개인정보 이용에 동의함</translation>
    </message>
    <message>
        <source>Optional: contact details</source>
        <translation>선택: 연락처</translation>
    </message>
    <message>
        <source>Optional: access needs (sensitive data)</source>
        <translation>선택: 편의 지원 (민감정보)</translation>
    </message>
    <message>
        <source>The person agrees to give contact details (optional, text above)</source>
        <translation>본인이 위 연락처 제공에 동의함 (선택)</translation>
    </message>
    <message>
        <source>The person agrees separately to give access needs (optional, text above)</source>
        <translation>본인이 위 편의 지원(민감정보) 제공에 따로 동의함 (선택)</translation>
    </message>
    <message>
        <source>Under 14: a parent or guardian agreed for them (needed for optional details)</source>
        <translation>만 14세 미만: 법정대리인(보호자)이 대신 동의함 (선택 항목에 필요)</translation>
    </message>
    <message>
        <source>Guardian (relation only)</source>
        <translation>보호자 (관계만)</translation>
    </message>
    <message>
        <source>e.g. mother</source>
        <translation>예: 어머니</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택하세요…</translation>
    </message>
    <message>
        <source>Automatic (from the name)</source>
        <translation>자동 (이름에 따라)</translation>
    </message>
    <message>
        <source>Held without a recorded consent: %1. Saving removes them, unless the person agrees now (tick the consent above them).</source>
        <translation>동의 기록 없이 보관된 항목: %1. 지금 본인이 동의하지 않으면(위의 동의란에 표시) 저장할 때 삭제됩니다.</translation>
    </message>
    <message>
        <source>Consent recorded: %1</source>
        <translation>동의 기록: %1</translation>
    </message>
    <message>
        <source>Consent will be recorded when you save.</source>
        <translation>저장하면 동의가 기록됩니다.</translation>
    </message>
    <message>
        <source>Consent will be withdrawn when you save.</source>
        <translation>저장하면 동의가 철회됩니다.</translation>
    </message>
    <message>
        <source>No consent recorded here (pre-registered: given on the form).</source>
        <translation>이 기기에 기록된 동의 없음 (사전 등록자는 신청서에서 동의함).</translation>
    </message>
</context>
</TS>
