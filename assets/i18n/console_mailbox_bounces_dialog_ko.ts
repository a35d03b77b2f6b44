<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>MailboxBouncesDialog</name>
    <message>
        <source>Reading the mailbox…</source>
        <translation>메일함을 읽는 중…</translation>
    </message>
    <message>
        <source>The mailbox could not be read: %1</source>
        <translation>메일함을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Bounces in your mailbox</source>
        <translation>메일함의 반송 메일</translation>
    </message>
    <message>
        <source>Bounces come back to the sender address&apos;s mailbox. The app reads the delivery reports there (read-only: nothing is marked read, moved or deleted) since the first ticket was sent.</source>
        <translation>반송 메일은 보낸 주소의 메일함으로 돌아옵니다. 이 앱은 첫 입장권을 보낸 때부터 그곳의 전달 보고를 읽기만 합니다 (읽음 표시, 이동, 삭제를 하지 않습니다).</translation>
    </message>
    <message>
        <source>Mailbox server (IMAP)</source>
        <translation>메일함 서버 (IMAP)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>보안</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>SSL/TLS (port 993)</source>
        <translation>SSL/TLS (포트 993)</translation>
    </message>
    <message>
        <source>STARTTLS (port 143)</source>
        <translation>STARTTLS (포트 143)</translation>
    </message>
    <message>
        <source>None (a server on this network only)</source>
        <translation>없음 (같은 네트워크의 서버만)</translation>
    </message>
    <message>
        <source>Type it:</source>
        <translation>직접 입력:</translation>
    </message>
    <message>
        <source>From environment variable:</source>
        <translation>환경 변수에서:</translation>
    </message>
    <message>
        <source>never stored</source>
        <translation>저장하지 않음</translation>
    </message>
    <message>
        <source>Remember these settings (never the password)</source>
        <translation>이 설정 기억하기 (암호는 저장하지 않음)</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
</TS>
