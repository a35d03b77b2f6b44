<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ReadyPanel</name>
    <message>
        <source>Please scan your badge</source>
        <translation>명찰을 스캔해 주세요</translation>
    </message>
    <message>
        <source>Leaving? Please scan your badge</source>
        <translation>나가시나요? 명찰을 스캔해 주세요</translation>
    </message>
    <message>
        <source>No badge? Search by name (F2).</source>
        <translation>명찰이 없으면 이름으로 찾으세요 (F2).</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge under the scanner or in front of the camera.</source>
        <translation>명찰의 QR 코드를 스캐너 아래나 카메라 앞에 대 주세요.</translation>
    </message>
    <message>
        <source>Scan a badge to check it</source>
        <translation>확인할 명찰을 스캔하세요</translation>
    </message>
    <message>
        <source>Nothing is recorded at this station: it is not an entrance.</source>
        <translation>이 기기는 아무것도 기록하지 않습니다. 입장 확인 장소가 아닙니다.</translation>
    </message>
    <message>
        <source>This event is closed</source>
        <translation>행사가 종료되었습니다</translation>
    </message>
    <message>
        <source>Personal data was wiped when the event was closed: no names are shown or found.</source>
        <translation>행사를 종료하면서 개인정보를 지웠습니다. 이름이 표시되거나 검색되지 않습니다.</translation>
    </message>
</context>
</TS>
