<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search by name</source>
        <translation>이름으로 찾기</translation>
    </message>
    <message>
        <source>Back to scanning (Esc)</source>
        <translation>스캔 화면으로 (Esc)</translation>
    </message>
    <message>
        <source>Name, initials (ㄱㅁㅅ), last 4 phone digits or registration number</source>
        <translation>이름, 초성(ㄱㅁㅅ), 전화번호 끝 4자리 또는 등록번호</translation>
    </message>
    <message>
        <source>Badge name, initials (ㄱㅁㅅ) or registration number</source>
        <translation>명찰 이름, 초성(ㄱㅁㅅ) 또는 등록번호</translation>
    </message>
    <message>
        <source>Type a name to search. Scanning a badge still works here.</source>
        <translation>이름을 입력하세요. 이 화면에서도 명찰 스캔이 됩니다.</translation>
    </message>
    <message>
        <source>The event is closed: personal data was wiped, so no one can be found by name.</source>
        <translation>행사가 종료되어 개인정보를 지웠습니다. 이름으로 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>No one found. Check the spelling or try the phone&apos;s last 4 digits.</source>
        <translation>찾은 사람이 없습니다. 철자를 확인하거나 전화번호 끝 4자리로 찾아 보세요.</translation>
    </message>
    <message>
        <source>Showing the first %1. Type more to narrow down.</source>
        <translation>처음 %1명만 보입니다. 더 입력해 범위를 좁히세요.</translation>
    </message>
    <message>
        <source>%1 found. Enter or click “Check in”.</source>
        <translation>%1명 찾음. Enter 키나 “입장” 버튼을 누르세요.</translation>
    </message>
    <message>
        <source>%1 found. Pick the right person with ↑ ↓, then Enter or click “Check in”.</source>
        <translation>%1명 찾음. ↑ ↓ 키로 맞는 분을 고른 뒤 Enter 키나 “입장” 버튼을 누르세요.</translation>
    </message>
</context>
</TS>
