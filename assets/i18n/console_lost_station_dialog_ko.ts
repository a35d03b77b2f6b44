<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>LostStationDialog</name>
    <message>
        <source>retired</source>
        <translation>사용 중지됨</translation>
    </message>
    <message>
        <source>organizer</source>
        <translation>운영진</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>접수 데스크</translation>
    </message>
    <message>
        <source>scan-only</source>
        <translation>스캔 전용</translation>
    </message>
    <message>
        <source>Save the incident sheet</source>
        <translation>사고 기록 저장</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Retire as lost</source>
        <translation>분실 기기로 사용 중지</translation>
    </message>
    <message>
        <source>Retire %1 as lost? From now on every station that syncs with this file refuses what it writes. (It can be taken back later.)</source>
        <translation>%1 을(를) 분실 기기로 사용 중지할까요? 이제부터 이 파일과 동기화하는 모든 기기가 이 기기의 자료를 받지 않습니다. (나중에 되돌릴 수 있습니다.)</translation>
    </message>
    <message>
        <source>Report to the PIPC or KISA within 72 hours.</source>
        <translation>72시간 이내에 개인정보보호위원회/KISA에 신고하세요.</translation>
    </message>
    <message>
        <source>Check whether a report to the PIPC or KISA is needed (72 hours).</source>
        <translation>개인정보보호위원회/KISA 신고(72시간)가 필요한지 확인하세요.</translation>
    </message>
    <message>
        <source>Retired. Incident sheet saved: %1 (and %2). Its file could hold data of up to %3 people: tell them without delay. %4</source>
        <translation>사용 중지했습니다. 사고 기록 저장: %1 (%2). 이 기기 파일에 최대 %3명의 정보가 있을 수 있습니다. 정보주체에게 지체 없이 알리세요. %4</translation>
    </message>
    <message>
        <source>Lost or stolen station</source>
        <translation>분실·도난 기기</translation>
    </message>
    <message>
        <source>A station&apos;s laptop was lost or stolen? Retire it here: every station that syncs with this file then refuses what it writes. You also get an incident sheet (PDF and JSON, no names): what personal data its file could hold, for how many people, whether it was encrypted, its last sync, the consent wordings, and what the law asks of you now (tell the people affected without delay; report to the regulator within 72 hours where required).</source>
        <translation>기기 노트북을 잃어버렸거나 도난당했나요? 여기서 사용 중지하세요. 이 파일과 동기화하는 모든 기기가 이후 그 기기의 자료를 받지 않습니다. 사고 기록(PDF와 JSON, 이름 없음)도 만들어집니다: 그 기기 파일에 있을 수 있는 개인정보 항목, 인원, 암호화 여부, 마지막 동기화, 동의문 버전, 지금 해야 할 법적 의무(정보주체에게 지체 없이 통지, 해당하면 72시간 이내 신고).</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>기기:</translation>
    </message>
    <message>
        <source>Retire as lost and write the incident sheet…</source>
        <translation>분실 기기로 사용 중지하고 사고 기록 만들기…</translation>
    </message>
    <message>
        <source>This file knows no other station.</source>
        <translation>이 파일이 아는 다른 기기가 없습니다.</translation>
    </message>
</context>
</TS>
