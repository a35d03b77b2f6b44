<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>TicketSendPage</name>
    <message>
        <source>%1 chosen: %2 to send now, %3 already sent, %4 without an e-mail address, %5 whose consent does not cover contact details.</source>
        <translation>%1명 선택: 지금 보낼 사람 %2명, 이미 보냄 %3명, 이메일 주소 없음 %4명, 연락처 이용 동의 없음 %5명.</translation>
    </message>
    <message>
        <source>Of those to send, %1 had their badge reissued: their old ticket no longer works, the new one is to send again.</source>
        <translation>보낼 분 중 %1명은 명찰이 재발급되었습니다: 옛 입장권은 더 이상 쓸 수 없으니 새 입장권을 다시 보내야 합니다.</translation>
    </message>
    <message>
        <source>E-mailing tickets</source>
        <translation>입장권 이메일 발송</translation>
    </message>
    <message>
        <source>Pausing after the message being sent…</source>
        <translation>보내는 중인 메일까지 보내고 멈추는 중…</translation>
    </message>
    <message>
        <source>Connecting to the mail server…</source>
        <translation>메일 서버에 연결하는 중…</translation>
    </message>
    <message>
        <source>Sent %1 of %2…</source>
        <translation>%2통 중 %1통 보냄…</translation>
    </message>
    <message>
        <source>Sent %1. Refused %2. Already sent before: %3. No e-mail address: %4. Consent does not cover contact: %5.</source>
        <translation>보냄 %1. 거부됨 %2. 이미 보냄 %3. 이메일 주소 없음 %4. 연락처 이용 동의 없음 %5.</translation>
    </message>
    <message>
        <source>Paused. %1 left: press Resume to send them (nobody gets a ticket twice).</source>
        <translation>멈췄습니다. %1통 남았습니다: 계속을 누르면 보냅니다 (같은 사람에게 두 번 보내지 않습니다).</translation>
    </message>
    <message>
        <source>The connection to the mail server was lost. Press Resume to send the %1 left (nobody gets a ticket twice).</source>
        <translation>메일 서버 연결이 끊겼습니다. 계속을 누르면 남은 %1통을 보냅니다 (같은 사람에게 두 번 보내지 않습니다).</translation>
    </message>
    <message>
        <source>Bounces saved from your mailbox</source>
        <translation>메일함에서 저장한 반송 메일</translation>
    </message>
    <message>
        <source>Saved e-mail (*.eml *.mbox *.mbx);;All files (*)</source>
        <translation>저장한 메일 (*.eml *.mbox *.mbx);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Read %1 messages. Bounced tickets: %2 (other addresses: %3).</source>
        <translation>메일 %1통 확인. 반송된 입장권: %2명 (참가자가 아닌 주소: %3개).</translation>
    </message>
    <message>
        <source>Correct their addresses, then send each again: One person, Send again even if sent before.</source>
        <translation>주소를 고친 뒤 한 분씩 다시 보내세요: 한 사람 (등록번호), 이미 보냈어도 다시 보내기.</translation>
    </message>
    <message>
        <source>Your mail server</source>
        <translation>사용하는 메일 서버</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
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
        <source>Sender address</source>
        <translation>보내는 사람 주소</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>At most per minute (0: no limit)</source>
        <translation>분당 최대 (0: 제한 없음)</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (포트 587)</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (포트 465)</translation>
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
        <source>Attach the PDF as well as the picture</source>
        <translation>그림과 함께 PDF도 첨부</translation>
    </message>
    <message>
        <source>Remember these settings (never the password)</source>
        <translation>이 설정 기억하기 (암호는 저장하지 않음)</translation>
    </message>
    <message>
        <source>Send again even if sent before (a corrected address)</source>
        <translation>이미 보냈어도 다시 보내기 (주소를 고친 경우)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Read bounces…</source>
        <translation>반송 메일 읽기…</translation>
    </message>
    <message>
        <source>Bounces come back later to the sender address&apos;s mailbox. Save them from your mail program (.eml or .mbox) and open them here to see whose ticket bounced.</source>
        <translation>반송 메일은 나중에 보내는 주소의 메일함으로 돌아옵니다. 메일 프로그램에서 저장(.eml 또는 .mbox)한 뒤 여기서 열면 누구의 입장권이 반송되었는지 보입니다.</translation>
    </message>
    <message>
        <source>Read bounces in the mailbox…</source>
        <translation>메일함에서 반송 메일 읽기…</translation>
    </message>
    <message>
        <source>Log into the sender address&apos;s mailbox (IMAP) and read the bounces there, read-only.</source>
        <translation>보낸 주소의 메일함(IMAP)에 로그인해 반송 메일을 읽기만 합니다.</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>등록번호</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>The server&apos;s answer</source>
        <translation>서버 응답</translation>
    </message>
</context>
</TS>
