<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>이 기기</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>기기 이름</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>체크인 목록</translation>
    </message>
    <message>
        <source>This door</source>
        <translation>이 출입구</translation>
    </message>
    <message>
        <source>Entrance: records arrivals</source>
        <translation>입구: 들어오는 분을 기록</translation>
    </message>
    <message>
        <source>Exit: records people leaving</source>
        <translation>출구: 나가는 분을 기록</translation>
    </message>
    <message>
        <source>Door mode</source>
        <translation>출입 모드</translation>
    </message>
    <message>
        <source>Check only — not an entry: scans are checked, nothing is recorded (set by the organizer)</source>
        <translation>확인 전용 — 입장 기록 안 함: 스캔을 확인만 하고 기록하지 않습니다 (주최자 설정)</translation>
    </message>
    <message>
        <source>Entry: scans are recorded (the organizer can set check only)</source>
        <translation>입장: 스캔을 기록합니다 (주최자가 확인 전용으로 바꿀 수 있음)</translation>
    </message>
    <message>
        <source>Screen and sound</source>
        <translation>화면과 소리</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Show each result for (seconds)</source>
        <translation>결과 표시 시간 (초)</translation>
    </message>
    <message>
        <source>Play a sound for each result</source>
        <translation>결과마다 소리 내기</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>음량</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>Turn the camera on when the app starts</source>
        <translation>앱을 시작할 때 카메라 켜기</translation>
    </message>
    <message>
        <source>Default camera</source>
        <translation>기본 카메라</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>카메라 없음</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <source>Staffed: a volunteer scans and searches by name</source>
        <translation>직원 운영: 자원봉사자가 스캔하고 이름으로 찾습니다</translation>
    </message>
    <message>
        <source>Self-service: attendees scan their own badge (no search, no names)</source>
        <translation>셀프 체크인: 참가자가 직접 명찰을 스캔합니다 (검색·명단 없음)</translation>
    </message>
    <message>
        <source>Start locked in kiosk mode (full screen, PIN to leave)</source>
        <translation>키오스크 모드로 잠긴 채 시작 (전체 화면, 나가려면 PIN)</translation>
    </message>
    <message>
        <source>Organizer PIN is set.</source>
        <translation>운영자 PIN이 설정되어 있습니다.</translation>
    </message>
    <message>
        <source>No organizer PIN yet.</source>
        <translation>운영자 PIN이 아직 없습니다.</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>PIN 변경…</translation>
    </message>
    <message>
        <source>Set PIN…</source>
        <translation>PIN 설정…</translation>
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
