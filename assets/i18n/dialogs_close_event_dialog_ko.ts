<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CloseEventDialog</name>
    <message>
        <source>close</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Close the event</source>
        <translation>행사 종료</translation>
    </message>
    <message>
        <source>Closing the event protects the attendees after the day:
1. The final report (counts by category, arrivals, stations) is saved where you choose below.
2. Names, phone numbers, emails, organizations, notes and access needs are then wiped from this file for good, and from every other station at its next sync.
Categories, registration numbers, check-in times and counts stay.</source>
        <translation>행사를 종료하면 행사 후 참가자를 보호합니다:
1. 최종 보고서(분류별 인원, 도착 시간, 기기별 기록)를 아래에서 정한 곳에 저장합니다.
2. 그다음 이름·연락처·이메일·소속·메모·편의 지원 정보를 이 파일에서 영구히 삭제하고, 다른 모든 기기에서도 다음 동기화 때 삭제합니다.
분류, 등록번호, 입장 시간과 인원 수는 남습니다.</translation>
    </message>
    <message>
        <source>Save the final report as</source>
        <translation>최종 보고서 저장 위치</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>This cannot be undone. After closing, no one can look up, register or print a badge for anyone by name. Make sure every export you need is done.</source>
        <translation>되돌릴 수 없습니다. 종료 후에는 누구도 이름으로 참가자를 찾거나 등록하거나 명찰을 인쇄할 수 없습니다. 필요한 내보내기를 모두 마쳤는지 확인하세요.</translation>
    </message>
    <message>
        <source>Type %1 to confirm:</source>
        <translation>확인하려면 %1 을(를) 입력하세요:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Close the event and wipe personal data</source>
        <translation>행사 종료 및 개인정보 삭제</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to save the final report.</source>
        <translation>최종 보고서를 저장할 곳을 정하세요.</translation>
    </message>
    <message>
        <source>That folder does not exist.</source>
        <translation>그 폴더가 없습니다.</translation>
    </message>
</context>
</TS>
