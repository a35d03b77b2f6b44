<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>PinDialog</name>
    <message>
        <source>Organizer PIN</source>
        <translation>운영자 PIN</translation>
    </message>
    <message>
        <source>Choose an organizer PIN (%1 to %2 digits). Anyone with it can unlock the kiosks of this event: menus, settings, exports and quitting.</source>
        <translation>운영자 PIN을 정하세요 (숫자 %1~%2자리). 이 PIN을 아는 사람은 이 행사의 키오스크 잠금을 풀 수 있습니다 (메뉴, 설정, 내보내기, 종료).</translation>
    </message>
    <message>
        <source>Past the deletion date</source>
        <translation>개인정보 삭제일 지남</translation>
    </message>
    <message>
        <source>This door kiosk&apos;s file is past the date to delete personal data: its personal data was deleted and it no longer opens for use. Only the organizer can open it once more (for example to sync its last check-ins), with this kiosk&apos;s unlock code (12 letters and digits, given when it was set up).</source>
        <translation>이 스캔 전용 기기 파일은 개인정보 삭제일이 지났습니다. 개인정보는 삭제되었고 더 이상 사용할 수 없도록 열리지 않습니다. 운영자만 이 기기의 잠금 해제 코드(영문·숫자 12자리, 기기를 준비할 때 받은 코드)로 한 번 더 열 수 있습니다 (예: 마지막 입장 기록 동기화).</translation>
    </message>
    <message>
        <source>Kiosk unlock code</source>
        <translation>키오스크 잠금 해제 코드</translation>
    </message>
    <message>
        <source>This kiosk unlocks with the kiosk unlock code from the organizer (12 letters and digits, given when this kiosk was set up), not with the organizer PIN.</source>
        <translation>이 키오스크는 운영자 PIN이 아니라 주최자에게 받은 키오스크 잠금 해제 코드(이 키오스크를 준비할 때 받은 영문·숫자 12자)로 잠금이 풀립니다.</translation>
    </message>
    <message>
        <source>Only the organizer can do this. Enter the organizer PIN to continue.</source>
        <translation>운영자만 할 수 있는 작업입니다. 계속하려면 운영자 PIN을 입력하세요.</translation>
    </message>
    <message>
        <source>Enter the organizer PIN to unlock this kiosk.</source>
        <translation>키오스크 잠금을 풀려면 운영자 PIN을 입력하세요.</translation>
    </message>
    <message>
        <source>The same PIN again:</source>
        <translation>PIN 다시 입력:</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>PIN 설정</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Too many wrong PINs: PIN entry is locked at this station. Try again in %1.</source>
        <translation>PIN을 여러 번 틀려 이 기기의 PIN 입력이 잠겼습니다. %1 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>You can try the PIN again now.</source>
        <translation>이제 PIN을 다시 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Please type them again.</source>
        <translation>두 PIN이 서로 다릅니다. 다시 입력해 주세요.</translation>
    </message>
    <message>
        <source>That is not this kiosk&apos;s unlock code. Please try again.</source>
        <translation>이 키오스크의 잠금 해제 코드가 아닙니다. 다시 입력해 주세요.</translation>
    </message>
    <message>
        <source>That is not the organizer PIN. Please try again.</source>
        <translation>운영자 PIN이 아닙니다. 다시 입력해 주세요.</translation>
    </message>
</context>
</TS>
