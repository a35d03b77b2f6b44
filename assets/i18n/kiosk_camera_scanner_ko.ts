<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CameraScanner</name>
    <message>
        <source>Camera is off.</source>
        <translation>카메라가 꺼져 있습니다.</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>카메라를 켜는 중…</translation>
    </message>
    <message>
        <source>No camera found. Use the badge scanner or search by name; nothing else is needed.</source>
        <translation>카메라가 없습니다. 명찰 스캐너나 이름 검색을 사용하세요. 다른 준비는 필요 없습니다.</translation>
    </message>
    <message>
        <source>The camera is not available right now. Use the badge scanner or search by name.</source>
        <translation>지금은 카메라를 사용할 수 없습니다. 명찰 스캐너나 이름 검색을 사용하세요.</translation>
    </message>
    <message>
        <source>This computer does not allow the app to use the camera. Use the badge scanner or search by name.</source>
        <translation>이 컴퓨터에서 앱의 카메라 사용이 허용되지 않았습니다. 명찰 스캐너나 이름 검색을 사용하세요.</translation>
    </message>
</context>
</TS>
