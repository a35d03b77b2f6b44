<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>BulkBadgesDialog</name>
    <message>
        <source>%1 badges on %2 pages</source>
        <translation>명찰 %1장, %2쪽</translation>
    </message>
    <message>
        <source>Print badges</source>
        <translation>명찰 일괄 인쇄</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>참가 구분</translation>
    </message>
    <message>
        <source>Only badges not printed yet</source>
        <translation>아직 인쇄하지 않은 명찰만</translation>
    </message>
    <message>
        <source>Mark these badges as printed</source>
        <translation>인쇄됨으로 기록</translation>
    </message>
    <message>
        <source>Black and white (thermal label printer)</source>
        <translation>흑백 (감열 라벨 프린터)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>순서</translation>
    </message>
    <message>
        <source>By name (Korean order)</source>
        <translation>이름순 (가나다)</translation>
    </message>
    <message>
        <source>By registration number</source>
        <translation>등록번호순</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>명찰 형식</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>PDF로 저장…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>인쇄…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Save badges as PDF</source>
        <translation>명찰을 PDF로 저장</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The badges PDF</source>
        <translation>명찰 PDF</translation>
    </message>
    <message>
        <source>Preparing badges…</source>
        <translation>명찰 준비 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Rendering badge %1 of %2…</source>
        <translation>명찰 %2장 중 %1장 만드는 중…</translation>
    </message>
    <message>
        <source>Saved %1 badges (%2 pages) to %3</source>
        <translation>명찰 %1장 (%2쪽)을 %3 에 저장했습니다</translation>
    </message>
    <message>
        <source>Printed %1 badges (%2 pages).</source>
        <translation>명찰 %1장(%2쪽)을 인쇄했습니다.</translation>
    </message>
    <message>
        <source>Sent %1 badges (%2 pages) to the printer.</source>
        <translation>명찰 %1장 (%2쪽)을 프린터로 보냈습니다.</translation>
    </message>
    <message>
        <source>Nothing was recorded as printed.</source>
        <translation>인쇄된 것으로 기록된 명찰은 없습니다.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was recorded as printed.</source>
        <translation>취소했습니다. 인쇄 기록은 남기지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>파일을 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was recorded as printed.</source>
        <translation>문제가 발생했습니다. 인쇄 기록은 남기지 않았습니다.</translation>
    </message>
</context>
</TS>
