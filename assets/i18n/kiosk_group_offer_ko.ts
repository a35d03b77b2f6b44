<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>GroupOffer</name>
    <message>
        <source>(already in)</source>
        <translation>(이미 입장)</translation>
    </message>
    <message>
        <source>(cancelled)</source>
        <translation>(취소됨)</translation>
    </message>
    <message>
        <source>Checked in with the group: %1</source>
        <translation>일행과 함께 입장: %1명</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z) takes the whole group back.</source>
        <translation>취소(Ctrl+Z)하면 일행 전체의 입장이 취소됩니다.</translation>
    </message>
    <message>
        <source>In a group of %1</source>
        <translation>%1명 일행</translation>
    </message>
    <message>
        <source>Check in the whole group (%1) — Enter</source>
        <translation>일행 전체 입장 (%1명) — Enter</translation>
    </message>
    <message>
        <source>Check in the ticked (%1) — Enter</source>
        <translation>선택한 사람 입장 (%1명) — Enter</translation>
    </message>
    <message>
        <source>Untick anyone who is not here. Esc: only this person.</source>
        <translation>오지 않은 사람은 선택을 해제하세요. Esc: 이 사람만.</translation>
    </message>
    <message>
        <source>Everyone else in the group is already in.</source>
        <translation>일행의 다른 사람은 모두 이미 입장했습니다.</translation>
    </message>
</context>
</TS>
