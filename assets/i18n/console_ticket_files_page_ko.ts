<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>TicketFilesPage</name>
    <message>
        <source>Folder for the tickets</source>
        <translation>입장권을 저장할 폴더</translation>
    </message>
    <message>
        <source>Tickets with the e-mail and phone columns</source>
        <translation>이메일·전화번호 열이 있는 입장권 목록</translation>
    </message>
    <message>
        <source>The tickets folder</source>
        <translation>입장권 폴더</translation>
    </message>
    <message>
        <source>Making the tickets…</source>
        <translation>입장권을 만드는 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Ticket %1 of %2…</source>
        <translation>입장권 %1 / %2…</translation>
    </message>
    <message>
        <source>Wrote %1 tickets (%2 files) to %3; the list is %4.</source>
        <translation>입장권 %1장(파일 %2개)을 %3 에 저장했습니다. 목록: %4</translation>
    </message>
    <message>
        <source>The list has the e-mail and phone columns (recorded in the audit log): keep it safe and delete it when the tickets are sent.</source>
        <translation>목록에 이메일·전화번호 열이 있습니다 (감사 기록에 남았습니다). 안전하게 보관하고, 입장권을 다 보낸 뒤 삭제하세요.</translation>
    </message>
    <message>
        <source>Cancelled. The tickets written so far stay in the folder; there is no list.</source>
        <translation>취소했습니다. 지금까지 만든 입장권은 폴더에 남아 있고, 목록은 만들지 않았습니다.</translation>
    </message>
    <message>
        <source>For your own channel (KakaoTalk, an SMS gateway, a mail merge): one file per person, named by registration number, and a list (tickets.csv) of numbers and file names.</source>
        <translation>직접 보낼 때 (카카오톡, 문자 발송 서비스, 메일 머지): 한 사람당 파일 하나(등록번호로 이름 지음)와 등록번호·파일 이름 목록(tickets.csv)을 만듭니다.</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Add the e-mail and phone columns to the list</source>
        <translation>목록에 이메일·전화번호 열 추가</translation>
    </message>
    <message>
        <source>Only for attendees whose consent covers contact details. You will be asked for the organizer PIN again (when the event has one), and the audit log records that the list has them.</source>
        <translation>연락처 이용에 동의한 참가자만 들어갑니다. 운영자 PIN을 다시 입력해야 하며(행사에 PIN이 있을 때), 목록에 연락처가 들어 있다는 사실이 감사 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Write the files</source>
        <translation>파일 만들기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
</TS>
