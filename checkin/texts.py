"""One route for the words of the core and the command line (Korean and English).

The Qt app translates its own widgets with ``self.tr()`` and ``assets/i18n/*.ts``. Every
text that comes from *outside* ``checkin/ui/`` (an error, a command's output, a line of a
report) is declared once, by id, in its package's catalogue: a ``Catalogue`` subclass in
``checkin/<package>/texts.py`` whose attributes are ``Text(en, ko)`` pairs::

    class SyncTexts(Catalogue, domain="sync"):
        folder_unavailable = Text(
            "The shared sync folder {path} cannot be reached or written.",
            "공유 동기화 폴더 {path} 에 접근하거나 쓸 수 없습니다.",
        )

Code asks for a text by attribute (a typo fails at once, and mypy sees it), in the
reader's language: ``SyncTexts.folder_unavailable.get(lang, path=p)``; an error carries
the text itself (``CheckinError(SyncTexts.folder_unavailable, path=p)``) so the command
line, the JSON output and the app each show it in their language. The command line
takes the language from ``--lang``/``CHECKIN_LANG``/the locale (``errors.preferred_language``);
the app passes ``checkin.ui.i18n.current_language()``.

Placeholders are ``str.format`` fields by name; both languages use the same names.
``tests/test_texts.py`` checks every catalogue: both languages present, Korean in the
Korean, none in the English, the same placeholders, ids unique. This module is a leaf:
it imports nothing of checkin and no Qt.
"""

from __future__ import annotations

import string
from typing import ClassVar

LANGUAGES = ("ko", "en")

#: Every catalogue by its domain, filled as the catalogue modules are imported.
CATALOGUES: dict[str, type[Catalogue]] = {}


class Text:
    """One message in English and Korean; ``id`` is ``<domain>.<attribute>``."""

    __slots__ = ("en", "id", "ko")

    def __init__(self, en: str, ko: str) -> None:
        self.en = en
        self.ko = ko
        self.id = ""

    def get(self, lang: str, /, **values: object) -> str:
        """The text in ``lang`` ('ko' or 'en'; anything else is English), filled in."""
        template = self.ko if lang == "ko" else self.en
        return template.format(**values) if values else template

    def pair(self, /, **values: object) -> tuple[str, str]:
        """(English, Korean), filled in: for code that keeps both (errors, JSON)."""
        return self.get("en", **values), self.get("ko", **values)

    def both(self, /, **values: object) -> str:
        """Korean first, English below: for paper and screens read by both."""
        return f"{self.get('ko', **values)}\n{self.get('en', **values)}"

    def fields(self, lang: str) -> set[str]:
        """The placeholder names the text in ``lang`` uses."""
        template = self.ko if lang == "ko" else self.en
        return {f.split(".")[0].split("[")[0]
                for _, f, _, _ in string.Formatter().parse(template) if f}  # fmt: skip

    def __repr__(self) -> str:
        return f"Text({self.id or self.en!r})"


class Catalogue:
    """A package's texts: subclass with ``domain="<package>"`` and ``Text`` attributes."""

    domain: ClassVar[str] = ""

    def __init_subclass__(cls, domain: str, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.domain = domain
        for name, value in vars(cls).items():
            if isinstance(value, Text):
                if value.id and value.id != f"{domain}.{name}":
                    raise ValueError(f"{value.id} is declared twice (also as {domain}.{name})")
                value.id = f"{domain}.{name}"
        known = CATALOGUES.get(domain)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise ValueError(f"two catalogues for the domain {domain!r}")
        CATALOGUES[domain] = cls

    @classmethod
    def texts(cls) -> dict[str, Text]:
        """Every text of the catalogue by attribute name."""
        return {n: v for n, v in vars(cls).items() if isinstance(v, Text)}


def find(text_id: str) -> Text:
    """The text with this id (``<domain>.<name>``) in the catalogues imported so far."""
    domain, _, name = text_id.partition(".")
    found = CATALOGUES[domain].texts().get(name)
    if found is None:
        raise KeyError(text_id)
    return found
