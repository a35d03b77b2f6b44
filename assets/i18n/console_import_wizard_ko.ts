<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CheckPage</name>
    <message>
        <source>Check the result</source>
        <translation>결과 확인</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>%1 new attendees, %2 to update, %3 already up to date, %4 duplicate rows skipped.</source>
        <translation>새 참가자 %1명, 수정 %2명, 변경 없음 %3명, 중복 행 %4개 건너뜀.</translation>
    </message>
    <message>
        <source>Consent declared by you for every row: %1 (each answer recorded as your declaration, and the import in the audit log).</source>
        <translation>모든 행에 대해 운영자가 동의를 확인함: %1 (각 동의는 운영자 확인으로 기록되고, 가져오기는 감사 기록에 남습니다).</translation>
    </message>
    <message>
        <source>%1 rows have no consent answers for the optional fields they fill: only what entry needs is kept of them (their other fields are left out; add consent columns to the file to keep them).</source>
        <translation>%1개 행은 채워진 선택 항목에 대한 동의 답이 없습니다. 이 행들은 입장에 필요한 정보만 보관합니다(나머지 항목은 저장하지 않음. 보관하려면 파일에 동의 열을 추가하세요).</translation>
    </message>
    <message>
        <source>Ready to import. Warnings do not stop the import.</source>
        <translation>가져올 준비가 되었습니다. 주의 항목이 있어도 가져오기는 진행됩니다.</translation>
    </message>
    <message>
        <source>%1 problem(s) must be fixed in the file first (or with the columns). Nothing will be imported until then.</source>
        <translation>먼저 파일(또는 열 지정)에서 문제 %1건을 고쳐야 합니다. 그때까지는 아무것도 가져오지 않습니다.</translation>
    </message>
    <message>
        <source>The first %1 problems are listed.</source>
        <translation>처음 %1건의 문제만 표시합니다.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>주의</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Imported</source>
        <translation>가져오기 완료</translation>
    </message>
    <message>
        <source>%1 attendees added, %2 updated, %3 unchanged, %4 duplicate rows skipped.</source>
        <translation>참가자 %1명 등록, %2명 수정, %3명 변경 없음, 중복 행 %4개 건너뜀.</translation>
    </message>
    <message>
        <source>New registration numbers: %1 to %2.</source>
        <translation>새 등록번호: %1 ~ %2.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the registration list</source>
        <translation>등록 명단 파일 선택</translation>
    </message>
    <message>
        <source>A CSV file or an Excel workbook (.xlsx), as your registration form gave it.</source>
        <translation>신청서에서 받은 그대로의 CSV 파일 또는 엑셀 파일(.xlsx).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>가져올 파일</translation>
    </message>
    <message>
        <source>Korean Excel files (CP949), UTF-8 and UTF-16 text, Google Forms and pretix exports are recognized. Nothing is changed until the last step.</source>
        <translation>한글 엑셀 파일(CP949), UTF-8·UTF-16 텍스트, 구글 설문지와 pretix 내보내기 파일을 인식합니다. 마지막 단계 전에는 아무것도 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>Registration list</source>
        <translation>등록 명단</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>스프레드시트 (*.csv *.xlsx *.txt *.tsv);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import registrations</source>
        <translation>참가자 명단 가져오기</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 이전</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>다음 &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>마침</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>파일을 읽고 확인하는 중…</translation>
    </message>
    <message>
        <source>Importing… (all rows or none)</source>
        <translation>가져오는 중… (모든 행을 한꺼번에)</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>열 확인</translation>
    </message>
    <message>
        <source>Each column of the file goes into the field chosen here. Correct any that are wrong, or choose (ignore) to leave a column out.</source>
        <translation>파일의 각 열은 여기서 고른 항목으로 들어갑니다. 틀린 것은 고치고, 가져오지 않을 열은 (가져오지 않음)을 고르세요.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>예시</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Check again with these columns</source>
        <translation>이 열 지정으로 다시 확인</translation>
    </message>
    <message>
        <source>The first rows as read:</source>
        <translation>읽어 들인 첫 행들:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>시트:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>머리글 행:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>인코딩:</translation>
    </message>
    <message>
        <source>These values in the category column match no category of the event. Choose what each one means:</source>
        <translation>구분 열의 다음 값은 이 행사의 어떤 구분과도 맞지 않습니다. 각각 어떤 구분인지 고르세요:</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>파일의 값</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Excel workbook, sheet %1</source>
        <translation>엑셀 파일, 시트 %1</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>쉼표</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>탭</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>세미콜론</translation>
    </message>
    <message>
        <source>Text file, encoding %1, separated by %2</source>
        <translation>텍스트 파일, 인코딩 %1, 구분 문자 %2</translation>
    </message>
    <message>
        <source>%1 — header in row %2, %3 rows below it.</source>
        <translation>%1 — 머리글 %2행, 그 아래 %3행.</translation>
    </message>
    <message>
        <source>Column “%1” will not be imported. Did you mean “%2”? Choose it above.</source>
        <translation>“%1” 열은 가져오지 않습니다. “%2” 인가요? 위에서 항목을 고르세요.</translation>
    </message>
    <message>
        <source>Column “%1” will not be imported (not recognised).</source>
        <translation>“%1” 열은 가져오지 않습니다 (알 수 없는 열).</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(선택)</translation>
    </message>
</context>
</TS>
