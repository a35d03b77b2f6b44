<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Sync settings</source>
        <translation>동기화 설정</translation>
    </message>
    <message>
        <source>Kiosks exchange check-ins through a shared folder on the venue network, a PostgreSQL sync server, or both. Leave a field empty to not use it. Each kiosk keeps working offline either way.</source>
        <translation>키오스크들은 행사장 네트워크의 공유 폴더, PostgreSQL 동기화 서버, 또는 둘 다를 통해 체크인 기록을 주고받습니다. 쓰지 않을 항목은 비워 두세요. 어느 경우든 각 키오스크는 오프라인에서도 계속 작동합니다.</translation>
    </message>
    <message>
        <source>Shared folder</source>
        <translation>공유 폴더</translation>
    </message>
    <message>
        <source>Sync server</source>
        <translation>동기화 서버</translation>
    </message>
    <message>
        <source>Server password</source>
        <translation>서버 암호</translation>
    </message>
    <message>
        <source>empty: none, or from PGPASSWORD / .pgpass</source>
        <translation>비우면: 암호 없음, 또는 PGPASSWORD / .pgpass 사용</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>연결 시험</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>동기화 간격</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Shared sync folder</source>
        <translation>공유 동기화 폴더</translation>
    </message>
    <message>
        <source>Enter the sync server&apos;s address first (postgresql://…).</source>
        <translation>먼저 동기화 서버 주소를 입력하세요 (postgresql://…).</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>연결을 시험하는 중…</translation>
    </message>
    <message>
        <source>The sync server works: %1</source>
        <translation>동기화 서버가 정상입니다: %1</translation>
    </message>
</context>
</TS>
