<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>DashboardPage</name>
    <message>
        <source>First arrivals per %1 minutes</source>
        <translation>%1분 단위 첫 입장 인원</translation>
    </message>
    <message>
        <source>Nobody has arrived yet.</source>
        <translation>아직 입장한 사람이 없습니다.</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>아직 동기화 안 됨</translation>
    </message>
    <message>
        <source>Possible trawling of the attendee list: check these stations now.</source>
        <translation>참가자 명단 대량 조회가 의심됩니다. 지금 이 기기들을 확인하세요.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>현황판</translation>
    </message>
    <message>
        <source>← Check-in screen (F1)</source>
        <translation>← 체크인 화면 (F1)</translation>
    </message>
    <message>
        <source>Per %1 minutes</source>
        <translation>%1분 단위</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>그래프 PNG로 저장…</translation>
    </message>
    <message>
        <source>Checked in / expected</source>
        <translation>입장 / 예정 인원</translation>
    </message>
    <message>
        <source>Inside now</source>
        <translation>현재 입장 중</translation>
    </message>
    <message>
        <source>Not arrived yet</source>
        <translation>아직 도착 안 함</translation>
    </message>
    <message>
        <source>Busiest interval</source>
        <translation>가장 붐빈 시간</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>구분별</translation>
    </message>
    <message>
        <source>By check-in list</source>
        <translation>체크인 목록별</translation>
    </message>
    <message>
        <source>Admissions by station</source>
        <translation>기기별 입장 처리</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>예정</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>입장 중</translation>
    </message>
    <message>
        <source>List</source>
        <translation>목록</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Admissions</source>
        <translation>입장 처리</translation>
    </message>
    <message>
        <source>Save the arrivals chart</source>
        <translation>입장 그래프 저장</translation>
    </message>
</context>
</TS>
