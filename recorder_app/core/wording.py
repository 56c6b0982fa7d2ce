"""Small rules of written Chinese the minutes follow, shared by every part that composes text."""

from __future__ import annotations

from recorder_app.core.records import Person, Template


def paren(text: str, template: Template) -> str:
    """(text) or （text）, as the template's parenthesis style says."""
    return f"({text})" if template.parentheses == "half" else f"（{text}）"


def sentence(text: str) -> str:
    """End a sentence with 。 unless it already ends with closing punctuation."""
    text = text.rstrip()
    return text if not text or text[-1] in "。！？；：」』）)" else text + "。"


def enumerate_phrases(parts: list[str]) -> str:
    """A、B及C — the enumeration the summary sentence uses."""
    return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "及" + parts[-1]


def header_name(person: Person, template: Template) -> str:
    """The name as the header lines write it: 基隆市政府 邱佩琳副市長, or 歐兼主任委員晉."""
    return person.header_name if template.name_form == "organisation" else person.formal_name
