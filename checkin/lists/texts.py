"""The words of import, export, reports and the paper door list, in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class ListTexts(Catalogue, domain="lists"):
    # --- checkin.lists.exporter ----------------------------------------------
    scan_only_station_cannot_export = Text(
        "A scan-only station cannot export personal fields ({join}); export them at the "
        "organizer's station.",
        "스캔 전용 기기에서는 개인정보 항목({join})을 내보낼 수 없습니다. 운영진 기기에서 내보내세요.",
    )
    unknown_format_use_csv_xlsx = Text(
        "Unknown format {fmt!r}; use csv, xlsx or pdf.",
        "알 수 없는 형식 {fmt!r}. csv, xlsx, pdf 중 하나를 쓰세요.",
    )
    check_log_exported_as_csv = Text(
        "The check-in log is exported as csv or xlsx.",
        "체크인 기록은 csv 또는 xlsx 로 내보냅니다.",
    )
    no_check_list = Text(
        "No check-in list {list_id!r}.",
        "체크인 목록 {list_id!r} 이(가) 없습니다.",
    )
    field_named_twice = Text(
        "A field is named twice.",
        "같은 항목이 두 번 있습니다.",
    )
    unknown_category_categories = Text(
        "Unknown category {value!r}; categories: {join}.",
        "알 수 없는 구분 {value!r}. 구분: {join}",
    )
    no_check_list_lists = Text(
        "No check-in list {list_id!r}; lists: {join}.",
        "체크인 목록 {list_id!r} 이(가) 없습니다. 목록: {join}",
    )
    sort_by_name_reg_no = Text(
        "Sort by name, reg_no or time.",
        "정렬은 name, reg_no, time 중 하나입니다.",
    )

    # --- checkin.lists.importer ----------------------------------------------
    has_no_rows_import = Text(
        "{name} has no rows to import.",
        "{name} 에 가져올 행이 없습니다.",
    )
    file_s_text_encoding_not = Text(
        "The file's text encoding is not recognized. Save it from Excel as 'CSV UTF-8 "
        "(comma delimited)' or as .xlsx and try again.",
        "파일의 문자 인코딩을 알 수 없습니다. 엑셀에서 'CSV UTF-8(쉼표로 분리)' 또는 .xlsx 로 저장한 뒤 다시 시도하세요.",
    )
    has_more_than_rows_split = Text(
        "{name} has more than {max_rows:,} rows; split it into smaller files.",
        "{name} 의 행이 {max_rows:,}개를 넘습니다. 여러 파일로 나누어 가져오세요.",
    )
    no_sheet_sheets = Text(
        "No sheet {sheet!r} in {name}; sheets: {join}.",
        "{name} 에 {sheet!r} 시트가 없습니다. 시트: {join}",
    )
    not_readable_excel_workbook_xlsx = Text(
        "{name} is not a readable Excel workbook (.xlsx).",
        "{name} 은(는) 읽을 수 있는 엑셀 파일(.xlsx)이 아닙니다.",
    )
    mapping_file_cannot_read = Text(
        "The mapping file cannot be read: {detail}.",
        "매핑 파일을 읽을 수 없습니다: {detail}",
    )
    no_file = Text(
        "No file at {p}.",
        "파일이 없습니다: {p}",
    )
    too_large_import_mb = Text(
        "{name} is too large to import ({value} MB).",
        "{name} 은(는) 너무 커서 가져올 수 없습니다 ({value} MB).",
    )
    old_excel_file_xls_open = Text(
        "{name} is an old Excel file (.xls). Open it in Excel and save it as .xlsx (Excel "
        "Workbook) or CSV, then import that.",
        "{name} 은(는) 예전 엑셀 형식(.xls)입니다. 엑셀에서 열어 .xlsx(Excel 통합 문서) 또는 CSV로 저장한 뒤 가져오세요.",
    )
    row_opens_quotation_mark_that = Text(
        '{name}: row {unclosed} opens a quotation mark (") that is never closed, so the '
        "rest of the file would become one cell. Fix that row (or save the file again from "
        "Excel) and import it again.",
        '{name}: {unclosed}행에서 시작한 따옴표(")가 닫히지 않아 파일의 나머지가 한 칸으로 읽힙니다. 그 행을 고치거나 엑셀에서 다시 '
        "저장한 뒤 가져오세요.",
    )
    row_empty_not_file = Text(
        "Row {header_row} is empty or not in the file.",
        "{header_row}행이 비어 있거나 파일에 없습니다.",
    )
    not_readable_csv_file = Text(
        "{name} is not a readable CSV file ({exc}).",
        "{name} 은(는) 읽을 수 있는 CSV 파일이 아닙니다 ({exc}).",
    )
    mapping_names_column_that_not = Text(
        "The mapping names a column {key!r} that is not in the file; columns: {join}.",
        "매핑에 있는 열 {key!r} 이(가) 파일에 없습니다. 열: {join}",
    )
    file_cannot_read_as = Text(
        "The file cannot be read as {encoding}.",
        "파일을 {encoding} 인코딩으로 읽을 수 없습니다.",
    )
    no_mapping_file = Text(
        "No mapping file at {path}.",
        "매핑 파일이 없습니다: {path}",
    )
    unknown_field_mapping_fields_ignore = Text(
        "Unknown field {target!r} in the mapping; fields: {join} (or 'ignore').",
        "매핑의 {target!r} 은(는) 알 수 없는 항목입니다. 항목: {join} (또는 'ignore')",
    )

    # --- checkin.lists.paper -------------------------------------------------
    give_least_one_registration_number = Text(
        "Give at least one registration number.",
        "등록번호를 하나 이상 입력하세요.",
    )
    not_time_use_hh_mm = Text(
        "Not a time: {text!r}. Use HH:MM (e.g. 10:15) or YYYY-MM-DD HH:MM.",
        "시각 형식이 아닙니다: {text!r}. HH:MM (예: 10:15) 또는 YYYY-MM-DD HH:MM 으로 쓰세요.",
    )

    # --- checkin.lists.pdfdoc ------------------------------------------------
    folder_does_not_exist = Text(
        "The folder {folder} does not exist.",
        "폴더가 없습니다: {folder}",
    )
    folder_give_file_name = Text(
        "{target} is a folder; give a file name.",
        "{target} 은(는) 폴더입니다. 파일 이름을 지정하세요.",
    )
    cannot_write = Text(
        "Cannot write {fspath}: {value}.",
        "{fspath} 에 쓸 수 없습니다: {value}",
    )
    cannot_write_2 = Text(
        "Cannot write in {folder}: {value}.",
        "{folder} 에 쓸 수 없습니다: {value}",
    )
    cannot_write_no_permission_file = Text(
        "Cannot write {target} (no permission, or the file is open in another program).",
        "{target} 에 쓸 수 없습니다 (권한이 없거나 다른 프로그램에서 열려 있습니다).",
    )
    cannot_write_3 = Text(
        "Cannot write {target}: {value}.",
        "{target} 에 쓸 수 없습니다: {value}",
    )
