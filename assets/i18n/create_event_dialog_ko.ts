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
        <source>Passphrase (optional)</source>
        <translation>암호 (선택)</translation>
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
        <source>With a passphrase the attendee list is encrypted on disk; write it down, a lost passphrase cannot be recovered. Without one, anyone who gets the file can read the list.</source>
        <translation>암호를 정하면 참가자 명단이 암호화되어 저장됩니다. 암호를 꼭 적어 두세요. 잃어버리면 되찾을 수 없습니다. 암호가 없으면 파일을 가진 누구나 명단을 볼 수 있습니다.</translation>
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
        <source>The two passphrases are not the same.</source>
        <translation>두 암호가 서로 다릅니다.</translation>
    </message>
    <message>
        <source>Choose where to save the event file.</source>
        <translation>행사 파일을 저장할 위치를 선택하세요.</translation>
    </message>
</context>
</TS>
