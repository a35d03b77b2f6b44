<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>DoorModesDialog</name>
    <message>
        <source>Door modes</source>
        <translation>출입 모드</translation>
    </message>
    <message>
        <source>Entry: the station records check-ins. Check only: it shows what a scan would say (valid, already in, cancelled …) in its own colour and records nothing — for a second checkpoint or a staff door. A station takes its mode at its next sync.</source>
        <translation>입장: 기기가 체크인을 기록합니다. 확인 전용: 스캔 결과(유효, 이미 입장, 취소 등)를 전용 색으로 보여 주기만 하고 아무것도 기록하지 않습니다. 두 번째 검문 지점이나 스태프 출입구에 씁니다. 각 기기는 다음 동기화 때 모드를 받습니다.</translation>
    </message>
    <message>
        <source>Only the organizer&apos;s computer changes door modes.</source>
        <translation>출입 모드는 주최자 컴퓨터에서만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <source>organizer</source>
        <translation>주최자</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>접수 데스크</translation>
    </message>
    <message>
        <source>scan only</source>
        <translation>스캔 전용</translation>
    </message>
    <message>
        <source>Entry (records check-ins)</source>
        <translation>입장 (체크인 기록)</translation>
    </message>
    <message>
        <source>Check only — not an entry</source>
        <translation>확인 전용 — 입장 기록 안 함</translation>
    </message>
    <message>
        <source>(this station)</source>
        <translation>(이 기기)</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(사용 중지)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
</TS>
