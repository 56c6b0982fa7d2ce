"""Text hygiene applied once, where text enters the program.

Word (XML 1.0) and Excel refuse C0 control characters, unpaired surrogates and the
non-characters U+FFFE/U+FFFF; a title pasted from a PDF or a web page may carry any of them.
Cleaning at the boundary means every stored string is exportable.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL and the C1 block, surrogates (unpaired ones can
# reach Python strings from JSON "\\ud800" escapes), and the XML-illegal non-characters.
_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return *value* with line ends unified to \\n and XML-illegal characters removed.

    A surrogate *pair* (two code units, as a JSON escape or raw CESU-8 bytes may leave them)
    is the one character it encodes; only unpaired surrogates are dropped.
    """
    if _SURROGATE.search(value):
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    value = _NEWLINES.sub("\n", value)
    return _ILLEGAL.sub("", value)


def clean_line(value: str) -> str:
    """Like clean_text, for one-line fields (names, titles): inner line breaks become spaces."""
    return " ".join(clean_text(value).split("\n")).strip()


def quote(title: str) -> str:
    """Wrap a title in 「」, turning quotes inside it into the nested 『』 form (and back)."""
    swapped = title.translate(str.maketrans("「」『』", "『』「」"))
    return f"「{swapped}」"
