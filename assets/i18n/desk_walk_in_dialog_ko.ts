<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Walk-in registration</source>
        <translation>현장 등록</translation>
    </message>
    <message>
        <source>Already registered?</source>
        <translation>이미 등록된 분인가요?</translation>
    </message>
    <message>
        <source>Open this person instead</source>
        <translation>이 분의 등록 열기</translation>
    </message>
    <message>
        <source>Check in now (they are at the door)</source>
        <translation>바로 체크인 (현장에 계신 분)</translation>
    </message>
    <message>
        <source>Register and print badge</source>
        <translation>등록하고 명찰 인쇄</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Discard and close</source>
        <translation>버리고 닫기</translation>
    </message>
    <message>
        <source>Badge: preview, save as PDF…</source>
        <translation>명찰: 미리 보기, PDF로 저장…</translation>
    </message>
    <message>
        <source>Next person in the same group</source>
        <translation>같은 그룹의 다음 사람</translation>
    </message>
    <message>
        <source>Badge printer: %1</source>
        <translation>명찰 프린터: %1</translation>
    </message>
    <message>
        <source>No badge printer is set up at this station: after saving, the badge can be previewed or saved as PDF.</source>
        <translation>이 기기에 명찰 프린터가 설정되어 있지 않습니다. 등록 후 명찰을 미리 보거나 PDF로 저장할 수 있습니다.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>This may be someone already registered:</source>
        <translation>이미 등록된 분일 수 있습니다:</translation>
    </message>
    <message>
        <source>This person may already be registered (see the list). Open them instead, or press Enter again to register a new person.</source>
        <translation>이미 등록된 분일 수 있습니다 (목록 참조). 그 등록을 열거나, 새로 등록하려면 Enter를 한 번 더 누르세요.</translation>
    </message>
    <message>
        <source>This person is not registered yet. Press Close (or Esc) again to discard what you typed, or finish and register.</source>
        <translation>이 사람은 아직 등록되지 않았습니다. 입력한 내용을 버리려면 닫기(또는 Esc)를 한 번 더 누르고, 아니면 마저 입력해 등록하세요.</translation>
    </message>
    <message>
        <source>Registered: %1</source>
        <translation>등록 완료: %1</translation>
    </message>
    <message>
        <source>badge printed</source>
        <translation>명찰 인쇄됨</translation>
    </message>
    <message>
        <source>badge NOT printed yet</source>
        <translation>명찰 아직 인쇄 안 됨</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>체크인됨</translation>
    </message>
</context>
</TS>
