<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>IoActions</name>
    <message>
        <source>Import registrations…</source>
        <translation>참가자 명단 가져오기…</translation>
    </message>
    <message>
        <source>Export attendance…</source>
        <translation>참석 명단 내보내기…</translation>
    </message>
    <message>
        <source>Summary report (PDF)…</source>
        <translation>결과 보고서 (PDF)…</translation>
    </message>
    <message>
        <source>Print paper door list (PDF)…</source>
        <translation>종이 출입 명단 인쇄 (PDF)…</translation>
    </message>
    <message>
        <source>Enter ticks from the paper list…</source>
        <translation>종이 명단 체크 입력…</translation>
    </message>
    <message>
        <source>Save the summary report</source>
        <translation>결과 보고서 저장</translation>
    </message>
    <message>
        <source>The summary report</source>
        <translation>결과 보고서</translation>
    </message>
    <message>
        <source>Writing the summary report…</source>
        <translation>결과 보고서를 만드는 중…</translation>
    </message>
    <message>
        <source>Save the paper door list</source>
        <translation>종이 출입 명단 저장</translation>
    </message>
    <message>
        <source>The paper door list</source>
        <translation>종이 출입 명단</translation>
    </message>
    <message>
        <source>Writing the door list…</source>
        <translation>출입 명단을 만드는 중…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>저장했습니다: %1</translation>
    </message>
</context>
</TS>
