<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Why is this needed?</source>
        <translation>왜 필요한가요?</translation>
    </message>
    <message>
        <source>%1 holds personal data. Say why it is needed: the reason is kept in the audit log with what was exported.</source>
        <translation>%1에는 개인정보가 들어 있습니다. 왜 필요한지 알려 주세요. 이유는 내보낸 내용과 함께 감사 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>이유를 선택하세요…</translation>
    </message>
    <message>
        <source>Details (optional; no names, please)</source>
        <translation>자세한 내용 (선택, 이름은 적지 마세요)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Say in a few words what the other reason is.</source>
        <translation>기타 이유를 짧게 적어 주세요.</translation>
    </message>
    <message>
        <source>Choose a reason first.</source>
        <translation>먼저 이유를 선택하세요.</translation>
    </message>
</context>
</TS>
