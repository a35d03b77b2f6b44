<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>BadgeSettingsDialog</name>
    <message>
        <source>Discreet badges</source>
        <translation>행사 이름 없는 명찰</translation>
    </message>
    <message>
        <source>Badges and tickets of the ticked categories leave off the event&apos;s name, logo and date, the category and the registration number: only the display name, the QR and a neutral colour (and the no-photo mark). A badge seen on the way home then tells nobody where its wearer has been.</source>
        <translation>체크한 구분의 명찰과 입장권에는 행사 이름, 로고, 날짜, 구분, 등록번호가 인쇄되지 않습니다. 표시 이름, QR 코드, 무채색 띠(그리고 촬영 금지 표시)만 남습니다. 돌아가는 길에 명찰이 보여도 어디에 다녀왔는지 아무도 알 수 없습니다.</translation>
    </message>
    <message>
        <source>When people leave</source>
        <translation>퇴장할 때</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>Shown on exit scans and on the screen once the event is closed. Leave both empty to show nothing.</source>
        <translation>퇴장 스캔 때와 행사 마감 후 화면에 표시됩니다. 둘 다 비우면 아무것도 표시하지 않습니다.</translation>
    </message>
    <message>
        <source>Use the default wording</source>
        <translation>기본 문구 사용</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
</TS>
