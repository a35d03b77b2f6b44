<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>PaperTicksDialog</name>
    <message>
        <source>Enter ticks from the paper list</source>
        <translation>종이 명단 체크 입력</translation>
    </message>
    <message>
        <source>Type or scan the registration numbers ticked on the paper door list, one per line. Add the time written next to a name if there is one (DD-0042 10:15). Numbers already recorded are skipped, so entering a list twice is safe.</source>
        <translation>종이 출입 명단에 체크된 등록번호를 한 줄에 하나씩 입력하거나 스캔하세요. 이름 옆에 적힌 시각이 있으면 함께 적으세요 (DD-0042 10:15). 이미 기록된 번호는 건너뛰므로 같은 명단을 두 번 입력해도 안전합니다.</translation>
    </message>
    <message>
        <source>Time for lines without one</source>
        <translation>시각이 없는 줄의 시각</translation>
    </message>
    <message>
        <source>Use this time (otherwise: now)</source>
        <translation>이 시각 사용 (아니면 지금 시각)</translation>
    </message>
    <message>
        <source>Check-in list</source>
        <translation>체크인 목록</translation>
    </message>
    <message>
        <source>Station recorded</source>
        <translation>기록할 기기 이름</translation>
    </message>
    <message>
        <source>e.g. paper list, door 2</source>
        <translation>예: 종이 명단, 2번 출입구</translation>
    </message>
    <message>
        <source>Entered by (initials)</source>
        <translation>입력자 (이니셜)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Type at least one registration number.</source>
        <translation>등록번호를 하나 이상 입력하세요.</translation>
    </message>
    <message>
        <source>Recorded %1 check-in(s).</source>
        <translation>입장 %1건을 기록했습니다.</translation>
    </message>
    <message>
        <source>Already recorded: %1.</source>
        <translation>이미 기록됨: %1.</translation>
    </message>
    <message>
        <source>Nothing was recorded. Fix these lines first:</source>
        <translation>아무것도 기록하지 않았습니다. 먼저 다음 줄을 고치세요:</translation>
    </message>
</context>
</TS>
