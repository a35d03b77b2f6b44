<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export attendance</source>
        <translation>참석 명단 내보내기</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>CSV (Excel opens it)</source>
        <translation>CSV (엑셀에서 열림)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>엑셀 파일 (.xlsx)</translation>
    </message>
    <message>
        <source>PDF list to print</source>
        <translation>인쇄용 PDF 명단</translation>
    </message>
    <message>
        <source>Full check-in log</source>
        <translation>전체 체크인 기록</translation>
    </message>
    <message>
        <source>Fields (the fewest that serve are chosen)</source>
        <translation>항목 (꼭 필요한 최소 항목만 선택되어 있습니다)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Only those who checked in</source>
        <translation>입장한 사람만</translation>
    </message>
    <message>
        <source>Include cancelled registrations</source>
        <translation>취소된 등록 포함</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>체크인 목록</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Column headings in</source>
        <translation>머리글 언어</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>저장 위치…</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>저장할 파일</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>This export will contain personal data (%1). Many attendees have family in the North: keep the file safe, share it only with those who need it, and delete it when done.</source>
        <translation>이 파일에는 개인정보(%1)가 들어갑니다. 북한에 가족이 있는 참가자가 많습니다. 파일을 안전하게 보관하고 꼭 필요한 사람에게만 전달하며, 다 쓰면 삭제하세요.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <source>This export</source>
        <translation>이 내보내기</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>내보내는 중…</translation>
    </message>
    <message>
        <source>Wrote %1 rows to %2.</source>
        <translation>%1행을 %2 에 저장했습니다.</translation>
    </message>
</context>
</TS>
