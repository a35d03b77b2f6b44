<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Sync is off</source>
        <translation>동기화 꺼짐</translation>
    </message>
    <message>
        <source>Sync is off (last %1)</source>
        <translation>동기화 꺼짐 (마지막 %1)</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>동기화 중…</translation>
    </message>
    <message>
        <source>Offline: scanning goes on, sync catches up later</source>
        <translation>오프라인: 스캔은 계속됩니다. 동기화는 나중에 따라잡습니다</translation>
    </message>
    <message>
        <source>Sync problem: see details</source>
        <translation>동기화 문제: 자세한 내용 확인</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>동기화됨 %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>아직 동기화 안 됨</translation>
    </message>
    <message>
        <source>Old kiosk file: provision it again (details)</source>
        <translation>이전 버전의 키오스크 파일: 다시 준비하세요 (자세히)</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>자세히…</translation>
    </message>
    <message>
        <source>Peers seen: %1</source>
        <translation>만난 기기: %1대</translation>
    </message>
    <message>
        <source>Not yet sent: %1</source>
        <translation>아직 보내지 않음: %1건</translation>
    </message>
    <message>
        <source>Double entries: %1</source>
        <translation>중복 입장: %1건</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Sync settings…</source>
        <translation>동기화 설정…</translation>
    </message>
    <message>
        <source>Lost station…</source>
        <translation>분실 기기…</translation>
    </message>
    <message>
        <source>A station&apos;s laptop was lost or stolen: retire it and write the incident sheet</source>
        <translation>기기 노트북 분실·도난: 사용 중지하고 사고 기록 만들기</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>동기화 문제</translation>
    </message>
    <message>
        <source>Scanning goes on at this station. Show this to the organizer.</source>
        <translation>이 기기의 체크인은 계속됩니다. 이 내용을 운영자에게 보여 주세요.</translation>
    </message>
</context>
</TS>
