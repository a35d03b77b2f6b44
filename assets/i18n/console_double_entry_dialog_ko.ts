<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>DoubleEntryDialog</name>
    <message>
        <source>Double entries</source>
        <translation>중복 입장</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>%1 people were admitted again at another door while the kiosks were offline. Nobody is counted twice in the totals; check with the door volunteers whether a badge was shared.</source>
        <translation>키오스크가 오프라인인 동안 %1명이 다른 출입구에서 다시 입장했습니다. 전체 인원에는 한 번만 셉니다. 명찰을 함께 쓴 것은 아닌지 출입구 자원봉사자에게 확인하세요.</translation>
    </message>
    <message>
        <source>No double entries.</source>
        <translation>중복 입장이 없습니다.</translation>
    </message>
</context>
</TS>
