<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CreateEventDialog</name>
    <message>
        <source>Create a new event</source>
        <translation>새 행사 만들기</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>행사 이름</translation>
    </message>
    <message>
        <source>English name (optional)</source>
        <translation>영문 이름 (선택)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Venue (optional)</source>
        <translation>장소 (선택)</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>암호 확인</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>The attendee list is encrypted on disk with this passphrase, so a lost or stolen laptop reveals no names. Write it down and keep it apart from the laptop: a lost passphrase cannot be recovered.</source>
        <translation>참가자 명단은 이 암호로 암호화되어 저장되므로, 노트북을 잃어버리거나 도난당해도 이름이 드러나지 않습니다. 암호를 적어서 노트북과 따로 보관하세요. 암호를 잃어버리면 복구할 수 없습니다.</translation>
    </message>
    <message>
        <source>Do not encrypt this event (not recommended)</source>
        <translation>이 행사를 암호화하지 않음 (권장하지 않음)</translation>
    </message>
    <message>
        <source>Without encryption anyone who gets this file (a lost laptop, a copied file) can read every name, phone number and note. Choose this only for a practice event without real people.</source>
        <translation>암호화하지 않으면 이 파일을 손에 넣은 누구나 (잃어버린 노트북, 복사된 파일) 모든 이름·연락처·메모를 볼 수 있습니다. 실제 참가자가 없는 연습용 행사에서만 선택하세요.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Save the event file as</source>
        <translation>행사 파일 저장</translation>
    </message>
    <message>
        <source>Event files (*.checkin);;All files (*)</source>
        <translation>행사 파일 (*.checkin);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Choose a passphrase (or tick &quot;Do not encrypt&quot; for a practice event).</source>
        <translation>암호를 정하세요 (연습용 행사라면 &quot;암호화하지 않음&quot;을 선택하세요).</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>두 암호가 서로 다릅니다.</translation>
    </message>
    <message>
        <source>Choose where to save the event file.</source>
        <translation>행사 파일을 저장할 위치를 선택하세요.</translation>
    </message>
</context>
</TS>
