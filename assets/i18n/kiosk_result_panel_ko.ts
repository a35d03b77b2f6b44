<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ResultPanel</name>
    <message>
        <source>Checked in</source>
        <translation>입장 확인</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>이미 입장함</translation>
    </message>
    <message>
        <source>Not a valid badge</source>
        <translation>유효하지 않은 명찰</translation>
    </message>
    <message>
        <source>Badge from a retired desk</source>
        <translation>회수된 데스크에서 만든 명찰입니다</translation>
    </message>
    <message>
        <source>Badge from a desk this kiosk does not know</source>
        <translation>이 키오스크가 모르는 데스크에서 만든 명찰입니다</translation>
    </message>
    <message>
        <source>Badge of another event</source>
        <translation>다른 행사의 명찰</translation>
    </message>
    <message>
        <source>Old badge: a new one was issued</source>
        <translation>이전 명찰: 새 명찰이 발급됨</translation>
    </message>
    <message>
        <source>Registration cancelled</source>
        <translation>취소된 등록</translation>
    </message>
    <message>
        <source>Check-in undone</source>
        <translation>체크인 취소됨</translation>
    </message>
    <message>
        <source>NOT saved</source>
        <translation>저장되지 않음</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>퇴장 확인</translation>
    </message>
    <message>
        <source>Welcome! Please go in.</source>
        <translation>환영합니다! 들어가세요.</translation>
    </message>
    <message>
        <source>Valid badge. Details not on this kiosk yet: let them in.</source>
        <translation>유효한 명찰입니다. 이 키오스크에 아직 정보가 없지만 입장시켜 주세요.</translation>
    </message>
    <message>
        <source>Check that the person matches the badge, then let them in.</source>
        <translation>명찰 주인이 맞는지 확인한 뒤 입장시켜 주세요.</translation>
    </message>
    <message>
        <source>Please go to the help desk.</source>
        <translation>안내 데스크로 가 주세요.</translation>
    </message>
    <message>
        <source>Do not let them in here: send them to the help desk for a new badge.</source>
        <translation>여기서 입장시키지 마세요. 새 명찰을 받도록 안내 데스크로 보내 주세요.</translation>
    </message>
    <message>
        <source>Sync this kiosk and scan again, or send them to the help desk.</source>
        <translation>이 키오스크를 동기화한 뒤 다시 스캔하거나, 안내 데스크로 보내 주세요.</translation>
    </message>
    <message>
        <source>Ask for the newest badge, or go to the help desk.</source>
        <translation>가장 최근에 받은 명찰을 확인하거나 안내 데스크로 가 주세요.</translation>
    </message>
    <message>
        <source>The check-in is cancelled; nothing else changed.</source>
        <translation>체크인을 취소했습니다. 다른 기록은 그대로입니다.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, call an organizer.</source>
        <translation>다시 시도하세요. 계속되면 운영진을 불러 주세요.</translation>
    </message>
    <message>
        <source>Goodbye, and thank you for coming.</source>
        <translation>안녕히 가세요. 와 주셔서 감사합니다.</translation>
    </message>
    <message>
        <source>You are already checked in. Ask a staff member if you need help.</source>
        <translation>이미 입장 확인되었습니다. 도움이 필요하면 직원에게 말씀해 주세요.</translation>
    </message>
    <message>
        <source>This code is not a badge of this event.</source>
        <translation>이 행사의 명찰 코드가 아닙니다.</translation>
    </message>
    <message>
        <source>The code was read incompletely or is damaged.</source>
        <translation>코드가 일부만 읽혔거나 손상되었습니다.</translation>
    </message>
    <message>
        <source>A badge from a newer version of the app.</source>
        <translation>새 버전 앱에서 만든 명찰입니다.</translation>
    </message>
    <message>
        <source>The badge signature does not match.</source>
        <translation>명찰 서명이 맞지 않습니다.</translation>
    </message>
    <message>
        <source>This badge was issued for another event.</source>
        <translation>다른 행사용으로 발급된 명찰입니다.</translation>
    </message>
    <message>
        <source>The desk that made this badge was taken out of use (lost or retired).</source>
        <translation>이 명찰을 만든 데스크는 사용 중지되었습니다 (분실 또는 회수).</translation>
    </message>
    <message>
        <source>It was made at a desk set up after this kiosk last synced.</source>
        <translation>이 키오스크가 마지막으로 동기화한 뒤에 준비된 데스크에서 만든 명찰입니다.</translation>
    </message>
    <message>
        <source>+%1 waiting</source>
        <translation>대기 %1건</translation>
    </message>
    <message>
        <source>Checked in at %1 at %2</source>
        <translation>%1 %2에서 입장함</translation>
    </message>
    <message>
        <source>No entry was recorded for this badge; counted as leaving.</source>
        <translation>이 명찰의 입장 기록은 없지만 퇴장으로 기록했습니다.</translation>
    </message>
    <message>
        <source>Admitted without registering: nothing about them is kept.</source>
        <translation>등록 없이 입장했습니다. 이분에 대한 정보는 남기지 않습니다.</translation>
    </message>
    <message>
        <source>A newer badge than this kiosk knows; the details will follow.</source>
        <translation>이 키오스크가 아는 것보다 새 명찰입니다. 정보는 동기화되면 들어옵니다.</translation>
    </message>
    <message>
        <source>Registered at another kiosk; not synced here yet.</source>
        <translation>다른 키오스크에서 등록되어 아직 이곳에 동기화되지 않았습니다.</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>사진 촬영 금지</translation>
    </message>
    <message>
        <source>Assistance requested</source>
        <translation>도움 요청 있음</translation>
    </message>
    <message>
        <source>Access needs: %1</source>
        <translation>편의 지원: %1</translation>
    </message>
</context>
</TS>
