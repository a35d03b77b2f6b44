<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AttendeeDetailDialog</name>
    <message>
        <source>Attendee %1</source>
        <translation>참가자 %1</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>등록 취소됨</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>등록됨</translation>
    </message>
    <message>
        <source>inside (%1)</source>
        <translation>입장함 (%1)</translation>
    </message>
    <message>
        <source>not checked in (%1)</source>
        <translation>미입장 (%1)</translation>
    </message>
    <message>
        <source>badge v%1, printed %2 time(s)</source>
        <translation>명찰 v%1, %2회 인쇄</translation>
    </message>
    <message>
        <source>In a group of %1 with: %2 (✓ inside)</source>
        <translation>%1명 일행: %2 (✓ 입장함)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>참가자 정보</translation>
    </message>
    <message>
        <source>Badge and check-in</source>
        <translation>명찰과 체크인</translation>
    </message>
    <message>
        <source>Check-in history</source>
        <translation>체크인 기록</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>변경 사항 저장</translation>
    </message>
    <message>
        <source>Full name, phone, email and group are partly hidden (staff view).</source>
        <translation>실명, 연락처, 이메일, 그룹은 일부 가려져 있습니다 (스태프 화면).</translation>
    </message>
    <message>
        <source>Show in full (organizer PIN)</source>
        <translation>전체 보기 (운영자 PIN)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>지금 체크인</translation>
    </message>
    <message>
        <source>Reprint badge…</source>
        <translation>명찰 다시 인쇄…</translation>
    </message>
    <message>
        <source>Reissue badge (old one stops working)</source>
        <translation>명찰 재발급 (이전 명찰은 사용 중지)</translation>
    </message>
    <message>
        <source>Restore registration</source>
        <translation>등록 복원</translation>
    </message>
    <message>
        <source>Cancel registration</source>
        <translation>등록 취소</translation>
    </message>
    <message>
        <source>Undo the last check-in: why?</source>
        <translation>마지막 체크인 취소: 이유는?</translation>
    </message>
    <message>
        <source>Reason (required), e.g. wrong person</source>
        <translation>이유 (필수), 예: 다른 사람</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>체크인 취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>List</source>
        <translation>목록</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>entry</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>퇴장</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Nothing to save: no field was changed.</source>
        <translation>저장할 내용이 없습니다. 바뀐 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Registration restored.</source>
        <translation>등록을 복원했습니다.</translation>
    </message>
    <message>
        <source>Registration cancelled: the badge no longer admits them.</source>
        <translation>등록을 취소했습니다. 이 명찰로는 더 이상 입장할 수 없습니다.</translation>
    </message>
    <message>
        <source>Reissue badge</source>
        <translation>명찰 재발급</translation>
    </message>
    <message>
        <source>Issue a new badge code? The badge they have now will stop working at every door after sync. Print the new badge next.</source>
        <translation>새 명찰 코드를 발급할까요? 지금 가진 명찰은 동기화 후 모든 출입구에서 사용할 수 없게 됩니다. 이어서 새 명찰을 인쇄하세요.</translation>
    </message>
    <message>
        <source>New badge code issued: print the new badge.</source>
        <translation>새 명찰 코드를 발급했습니다. 새 명찰을 인쇄하세요.</translation>
    </message>
    <message>
        <source>Check-in undone (kept in the history with the reason).</source>
        <translation>체크인을 취소했습니다 (이유와 함께 기록에 남습니다).</translation>
    </message>
</context>
</TS>
