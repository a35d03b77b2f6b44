<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>DoorQueueTable</name>
    <message>
        <source>Waiting line by door (last 10 minutes)</source>
        <translation>출입구별 대기 줄 (최근 10분)</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>CSV로 저장…</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>출입구</translation>
    </message>
    <message>
        <source>Last 10 min</source>
        <translation>최근 10분</translation>
    </message>
    <message>
        <source>People / min</source>
        <translation>분당 인원</translation>
    </message>
    <message>
        <source>Seconds each</source>
        <translation>1명당 초</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>바쁨</translation>
    </message>
    <message>
        <source>Estimated wait</source>
        <translation>예상 대기</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>People / min: admitted in the last 5 minutes. Seconds each: the usual gap between back-to-back scans (30 s or less) in the last 15 minutes, i.e. how long one person takes while others wait. Busy: people per minute × seconds each. Estimated wait = seconds each × busy ÷ (1 − busy), the average wait of one line at that pace; from 90% busy the line is probably growing.</source>
        <translation>분당 인원: 최근 5분 동안 입장한 인원. 1명당 초: 최근 15분 동안 연달아 찍힌 스캔(30초 이하 간격) 사이의 보통 간격, 즉 줄이 있을 때 한 명을 처리하는 시간. 바쁨: 분당 인원 × 1명당 초. 예상 대기 = 1명당 초 × 바쁨 ÷ (1 − 바쁨), 그 속도로 처리하는 한 줄의 평균 대기 시간입니다. 90% 이상 바쁘면 줄이 늘고 있을 가능성이 큽니다.</translation>
    </message>
    <message>
        <source>under 1 min</source>
        <translation>1분 미만</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>Flat out: the line is probably growing. Send a volunteer.</source>
        <translation>쉴 틈 없음: 줄이 늘고 있을 수 있습니다. 봉사자를 보내세요.</translation>
    </message>
    <message>
        <source>Idle since %1: a volunteer could help elsewhere.</source>
        <translation>%1 이후 한가함: 봉사자가 다른 곳을 도울 수 있습니다.</translation>
    </message>
    <message>
        <source>Too few scans in a row for an estimate yet.</source>
        <translation>아직 연속 스캔이 적어 추정할 수 없습니다.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Estimated wait (min)</source>
        <translation>예상 대기 (분)</translation>
    </message>
    <message>
        <source>Flat out</source>
        <translation>쉴 틈 없음</translation>
    </message>
    <message>
        <source>Save the door figures</source>
        <translation>출입구 수치 저장</translation>
    </message>
</context>
</TS>
