<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>StationDialog</name>
    <message>
        <source>This station</source>
        <translation>이 기기</translation>
    </message>
    <message>
        <source>Name this kiosk so check-ins show where they happened (for example “Door 2”), and choose the check-in list it counts.</source>
        <translation>체크인이 어디서 이루어졌는지 남도록 이 키오스크의 이름을 정하고 (예: “2번 출입구”), 이 기기가 셀 체크인 목록을 고르세요.</translation>
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
        <source>Volunteer (initials, optional)</source>
        <translation>담당 봉사자 (이니셜, 선택)</translation>
    </message>
    <message>
        <source>Recorded with every edit and check-in</source>
        <translation>모든 수정과 체크인에 함께 기록됩니다</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
</context>
</TS>
