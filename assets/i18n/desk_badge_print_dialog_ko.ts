<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>BadgePrintDialog</name>
    <message>
        <source>Print badge</source>
        <translation>명찰 인쇄</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>명찰 형식</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>매수</translation>
    </message>
    <message>
        <source>Black and white (thermal label printer)</source>
        <translation>흑백 (감열 라벨 프린터)</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>프린터</translation>
    </message>
    <message>
        <source>Choose printer…</source>
        <translation>프린터 선택…</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>재인쇄</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Badge lost</source>
        <translation>명찰 분실</translation>
    </message>
    <message>
        <source>Badge damaged</source>
        <translation>명찰 훼손</translation>
    </message>
    <message>
        <source>Details corrected</source>
        <translation>정보 수정</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Issue a new code (the lost badge stops working)</source>
        <translation>새 코드 발급 (잃어버린 명찰은 더 이상 쓸 수 없음)</translation>
    </message>
    <message>
        <source>Recommended for a lost badge: whoever finds it cannot get in with it. The new badge replaces it at every kiosk after sync.</source>
        <translation>명찰을 잃어버렸다면 권장합니다. 주운 사람이 그 명찰로 입장할 수 없습니다. 동기화 후에는 모든 키오스크에서 새 명찰만 인정됩니다.</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>미리 보기…</translation>
    </message>
    <message>
        <source>Save as file…</source>
        <translation>파일로 저장…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>인쇄</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>No printer on this computer. Use “Save as file…” to make a PDF.</source>
        <translation>이 컴퓨터에는 프린터가 없습니다. “파일로 저장…”을 눌러 PDF로 만드세요.</translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation>기본 프린터</translation>
    </message>
    <message>
        <source>This badge was printed %1 time(s) before (last: %2 at %3).</source>
        <translation>이 명찰은 이전에 %1번 인쇄되었습니다 (마지막: %2, %3).</translation>
    </message>
    <message>
        <source>Printing… waiting for the printer to finish.</source>
        <translation>인쇄 중… 프린터가 끝낼 때까지 기다립니다.</translation>
    </message>
    <message>
        <source>The printer&apos;s page is %1 mm, the badge %2 mm: it was scaled to fit.</source>
        <translation>프린터 용지는 %1mm, 명찰은 %2mm입니다: 비율을 유지해 맞춰 인쇄했습니다.</translation>
    </message>
    <message>
        <source>Save badge</source>
        <translation>명찰 저장</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Could not save the file: %1</source>
        <translation>파일을 저장할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>%1 에 저장했습니다</translation>
    </message>
</context>
</TS>
