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
from checkin.cli.texts import CliTexts as T

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
        en, ko = (option, option) if option else T.argument_n.pair(n=index + 1)
        exc = errors.InvalidInput(
            T.not_utf8.get("en", what=en),
            T.not_utf8.get("ko", what=ko),
            option.lstrip("-") or "argument",
        )
        exc.text_id = T.not_utf8.id
        raise exc


def os_error(exc: OSError) -> errors.CheckinError | None:
    """A clear error for an OS error a person can fix; None for anything else."""
    if exc.errno == errno.ENAMETOOLONG:
        return errors.InvalidInput(T.name_too_long, field="file", max_bytes=MAX_NAME_BYTES)
    return None
