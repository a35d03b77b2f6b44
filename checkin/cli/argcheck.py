"""Arguments the command line cannot use, and OS errors people can act on.

A terminal with another encoding, or a file name copied from elsewhere, gives Python
arguments with bytes that are not UTF-8 (held as lone surrogates): they cannot be
stored, searched or printed, so they are refused up front with the option named. A
file name longer than the file system allows (255 bytes per name) is a clear error
too, not "a bug".
"""

from __future__ import annotations

import errno

from checkin import errors

MAX_NAME_BYTES = 255


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_text_arguments(argv: list[str]) -> None:
    """Refuse any argument that is not valid text (invalid UTF-8, lone surrogates)."""
    for index, item in enumerate(argv):
        if not _has_surrogate(item):
            continue
        if item.startswith("--") and "=" in item:
            option = item.split("=", 1)[0]
        elif index and argv[index - 1].startswith("-") and not _has_surrogate(argv[index - 1]):
            option = argv[index - 1]
        else:
            option = ""
        en = option or f"argument {index + 1}"
        ko = option or f"{index + 1}번째 인자"
        raise errors.InvalidInput(
            f"The value given for {en} is not valid text (not UTF-8: check the "
            "terminal's encoding or the file name). Nothing was changed.",
            f"{ko} 에 준 값이 올바른 글자가 아닙니다 (UTF-8 아님: 터미널 인코딩이나 "
            "파일 이름을 확인하세요). 아무것도 변경하지 않았습니다.",
            option.lstrip("-") or "argument",
        )


def os_error(exc: OSError) -> errors.CheckinError | None:
    """A clear error for an OS error a person can fix; None for anything else."""
    if exc.errno == errno.ENAMETOOLONG:
        return errors.InvalidInput(
            f"A file name is too long (at most {MAX_NAME_BYTES} bytes for each name in a "
            "path; Korean letters take 3 bytes each). Nothing was changed.",
            f"파일 이름이 너무 깁니다 (경로의 각 이름은 최대 {MAX_NAME_BYTES}바이트이며, 한글은 "
            "한 글자에 3바이트입니다). 아무것도 변경하지 않았습니다.",
            "file",
        )
    return None
