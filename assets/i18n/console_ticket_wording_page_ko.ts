<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>TicketWordingPage</name>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>No registered attendee yet.</source>
        <translation>아직 등록한 참가자가 없습니다.</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>받는 사람: %1</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>제목: %1</translation>
    </message>
    <message>
        <source>This person has no e-mail address: their ticket goes only into the files for your own channel.</source>
        <translation>이 사람은 이메일 주소가 없습니다: 입장권은 직접 보낼 파일로만 만들어집니다.</translation>
    </message>
    <message>
        <source>This person&apos;s consent does not cover contact details: they are not e-mailed.</source>
        <translation>이 사람은 연락처 이용에 동의하지 않았습니다: 이메일을 보내지 않습니다.</translation>
    </message>
    <message>
        <source>Note on every ticket</source>
        <translation>모든 입장권의 안내문</translation>
    </message>
    <message>
        <source>E-mail subject</source>
        <translation>메일 제목</translation>
    </message>
    <message>
        <source>E-mail text</source>
        <translation>메일 본문</translation>
    </message>
    <message>
        <source>Preview for</source>
        <translation>미리 보기 대상</translation>
    </message>
    <message>
        <source>Write it in Korean and English. Fields filled in for each person: %1 (display name, event name, English name, date, place, registration number).</source>
        <translation>한국어와 영어로 쓰세요. 사람마다 채워지는 항목: %1 (표시 이름, 행사 이름, 영문 행사 이름, 날짜, 장소, 등록번호).</translation>
    </message>
    <message>
        <source>e.g. Please come to the 2nd floor hall</source>
        <translation>예: 2층 강당으로 오세요</translation>
    </message>
    <message>
        <source>registration number</source>
        <translation>등록번호</translation>
    </message>
    <message>
        <source>Default wording</source>
        <translation>기본 문구</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
</context>
</TS>
