"""Checking a meeting, and saying what is wrong with it in words.

Two things live here:

* the meeting's own cross-checks (``check_meeting``): keys unique, every person reference
  naming one of the meeting's people, the current item in the agenda. A field refers to a
  person by being typed ``PersonKey``; the check finds such fields wherever they sit, so a
  new one is checked without code here;
* ``explain``: one validation error in words, built from pydantic's structured error data
  (its type, context and location) and the fields' titles — never from its English text.
  ``json_path`` gives the same location the way a JSON file spells it.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from recorder_app.core.items import KINDS, children
from recorder_app.core.records import MAX_CASES, MAX_ITEMS, PersonReference

if TYPE_CHECKING:
    from recorder_app.core.model import Meeting

Loc = tuple[int | str, ...]


# --- the meeting's cross-checks -----------------------------------------------------------------


def check_meeting(meeting: Meeting) -> None:
    """Raise PydanticCustomError (type and context, for ``explain``) at the first problem."""
    people = _unique(((("people", i, "key"), p.key) for i, p in enumerate(meeting.people)), "person")
    items = _unique(_item_keys(meeting.agenda, ("agenda",)), "item")
    if len(items) > MAX_ITEMS:
        context = {"loc": ("agenda",), "what": "議程項目", "limit": MAX_ITEMS}
        raise PydanticCustomError("too_many", "too many", context)
    if (cases := sum(len(g.cases) for g in meeting.groups)) > MAX_CASES:
        raise PydanticCustomError(
            "too_many", "too many", {"loc": ("groups",), "what": "案件", "limit": MAX_CASES, "count": cases}
        )
    _unique(
        (
            (("groups", g, "cases", c, "id"), case.id)
            for g, group in enumerate(meeting.groups)
            for c, case in enumerate(group.cases)
        ),
        "case",
    )
    _unique(
        (
            (("groups", g, "programmes", p, "id"), programme.id)
            for g, group in enumerate(meeting.groups)
            for p, programme in enumerate(group.programmes)
        ),
        "programme",
    )
    _unique(((("groups", g, "name"), group.name) for g, group in enumerate(meeting.groups)), "group")
    check_people(meeting, people)
    if meeting.current_item is not None and meeting.current_item not in items:
        raise PydanticCustomError(
            "unknown_item", "no agenda item {key}", {"loc": ("current_item",), "key": meeting.current_item}
        )


def check_people(value: BaseModel, people: Iterable[str], loc: Loc = ()) -> None:
    """Every person reference in *value* (a meeting, an item, a speech…) names one of *people*."""
    known = people if isinstance(people, set | frozenset) else set(people)
    for where, key in person_references(value, loc):
        if key not in known:
            raise PydanticCustomError("unknown_person", "no person {key}", {"loc": where, "key": key})


def person_references(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(location, key) of every ``PersonKey`` value inside *value*, in document order."""
    if isinstance(value, BaseModel):
        for name, direct in _reference_fields(type(value)):
            field_value = getattr(value, name)
            if direct:
                keys = field_value if isinstance(field_value, list) else [field_value]
                for i, key in enumerate(keys):
                    if key is not None:
                        yield (*loc, name, i) if isinstance(field_value, list) else (*loc, name), key
            else:
                yield from person_references(field_value, (*loc, name))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            # A discriminated union's member: its tag is part of the location, as pydantic writes it.
            tag = (v.kind,) if isinstance(v, BaseModel) and "kind" in type(v).model_fields else ()
            yield from person_references(v, (*loc, i, *tag))


@functools.cache
def _reference_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of *model* that hold person references: (name, True) when the field itself is
    a PersonKey (or a list of them), (name, False) when models inside it may hold some."""
    out = []
    for name, info in model.model_fields.items():
        if is_person_reference(info):
            out.append((name, True))
        elif any(_may_refer(m, frozenset({model})) for m in _models_in(info.annotation)):
            out.append((name, False))
    return tuple(out)


def is_person_reference(info: Any) -> bool:
    """Whether a field (its FieldInfo) holds a person's key, or a list of them."""
    return any(isinstance(m, PersonReference) for m in info.metadata) or _marks(info.annotation)


def _may_refer(model: type[BaseModel], seen: frozenset[type[BaseModel]]) -> bool:
    """Whether values of *model* can contain a person reference. A recursive type (a section
    holds sections) counts as referring: walking it is cheap, missing a reference is not."""
    if model in seen:
        return True
    inner = seen | {model}
    return any(
        is_person_reference(info) or any(_may_refer(m, inner) for m in _models_in(info.annotation))
        for info in model.model_fields.values()
    )


def _marks(annotation: Any) -> bool:
    """Whether *annotation* is PersonKey, Optional[PersonKey] or list[PersonKey]."""
    if get_origin(annotation) is Annotated:
        base, *meta = get_args(annotation)
        return any(isinstance(m, PersonReference) for m in meta) or _marks(base)
    if _is_union(annotation) or get_origin(annotation) is list:
        return any(_marks(a) for a in get_args(annotation))
    return False


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in get_args(annotation) for m in _models_in(a)]


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _item_keys(items: list[Any], loc: Loc) -> Iterator[tuple[Loc, str]]:
    for i, item in enumerate(items):
        here = (*loc, i, item.kind)
        yield (*here, "id"), item.id
        yield from _item_keys(children(item), (*here, "children"))


def _unique(keys: Iterable[tuple[Loc, str]], what: str) -> set[str]:
    seen: set[str] = set()
    for loc, key in keys:
        if key in seen:
            raise PydanticCustomError(
                "duplicate_key", "duplicate {what} {key}", {"loc": loc, "what": what, "key": key}
            )
        seen.add(key)
    return seen


# --- messages -----------------------------------------------------------------------------------

# pydantic's error types and ours, in words; {…} are filled from the error's context.
REASONS = {
    "missing": "必須填寫",
    "extra_forbidden": "沒有這個欄位（可能拼錯了）",
    "greater_than_equal": "不可小於 {ge}",
    "greater_than": "必須大於 {gt}",
    "less_than_equal": "不可大於 {le}",
    "less_than": "必須小於 {lt}",
    "string_too_long": "太長（上限 {max_length} 字）",
    "string_too_short": "太短（至少 {min_length} 字）",
    "too_long": "太多（上限 {max_length} 項）",
    "too_short": "太少（至少 {min_length} 項）",
    "string_type": "必須是文字",
    "string_pattern_mismatch": "代號只能使用英文字母、數字、底線、點或連字號（1 至 64 字）",
    "int_type": "必須是整數",
    "int_parsing": "必須是整數",
    "int_parsing_size": "數字太大",
    "int_from_float": "必須是整數",
    "finite_number": "數字太大",
    "float_type": "必須是數字",
    "float_parsing": "必須是數字",
    "bool_type": "必須是 true 或 false",
    "bool_parsing": "必須是 true 或 false",
    "date_type": "不是有效的日期（請寫成 2024-07-11）",
    "date_parsing": "不是有效的日期（請寫成 2024-07-11）",
    "date_from_datetime_parsing": "不是有效的日期（請寫成 2024-07-11）",
    "date_from_datetime_inexact": "只能是日期，不能有時間",
    "time_type": "不是有效的時間（請寫成 14:50）",
    "time_parsing": "不是有效的時間（請寫成 14:50）",
    "datetime_type": "不是有效的日期時間",
    "datetime_parsing": "不是有效的日期時間",
    "datetime_from_date_parsing": "不是有效的日期時間",
    "enum": "必須是 {expected} 其中之一",
    "literal_error": "必須是 {expected} 其中之一",
    "list_type": "必須是清單",
    "dict_type": "必須是物件（{{…}}）",
    "model_type": "必須是物件（{{…}}）",
    "model_attributes_type": "必須是物件（{{…}}）",
    "union_tag_invalid": "沒有這種議程項目（{tag}）；可用的是 {expected_tags}",
    "union_tag_not_found": "缺少 kind 欄位，說明是哪種議程項目",
    "json_invalid": "不是有效的 JSON",
    "duplicate_key": "{key} 重複",
    "unknown_person": "{key} 不在會議的人員名單中",
    "unknown_item": "{key} 不在議程中",
    "too_many": "{what}太多（上限 {limit:,} 項）",
}
_WHAT = {
    "person": "人員代號",
    "item": "議程項目代號",
    "case": "案件代號",
    "programme": "合作方案代號",
    "group": "議題小組",
}


def explain(
    error: ValidationError | PydanticCustomError,
    root: type[BaseModel] | Any,
    *,
    prefix: Loc = (),
    with_path: bool = False,
) -> str:
    """The first problem in words, e.g. '議程第 7 項（討論案）的表決的贊成票數：不可小於 0'.

    *root* is the model (or type) that was validated, *prefix* where that value sits inside
    it (a single field validated alone). *with_path* adds the JSON location
    ('meeting.agenda[6].vote.yes'), for a person who edits the file by hand. A
    PydanticCustomError of the cross-checks above carries its location in its context.
    """
    if isinstance(error, PydanticCustomError):
        problems: list[Any] = [{"type": error.type, "loc": (), "ctx": error.context or {}}]
    else:
        problems = error.errors(include_url=False)
    first = problems[0]
    ctx = dict(first.get("ctx") or {})
    loc: Loc = (*prefix, *first["loc"], *ctx.pop("loc", ()))
    words = describe_location(root, loc)
    reason = _reason(first["type"], ctx)
    more = f"（另有 {len(problems) - 1} 項錯誤）" if len(problems) > 1 else ""
    path = (json_path(loc) or "整份檔案") if with_path else ""
    where = f"{words}（{path}）" if words and path else words or path
    return f"{where}：{reason}{more}" if where else reason + more


def _reason(kind: str, ctx: dict[str, Any]) -> str:
    if kind in ("too_long", "too_short") and ctx.get("field_type") != "List":
        kind = f"string_{kind}"  # a cleaned string's length is checked as a "Value"
    template = REASONS.get(kind)
    if template is None:
        return f"內容不正確（{kind}）"
    if "what" in ctx:
        ctx["what_words"] = _WHAT.get(ctx["what"], ctx["what"])
    for name in ("expected", "expected_tags"):  # "'a', 'b' or 'c'": pydantic's list, in our words
        if isinstance(ctx.get(name), str):
            ctx[name] = ctx[name].replace("' or '", "'、'").replace("', '", "'、'")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template.split("{", 1)[0].rstrip("（ ") or f"內容不正確（{kind}）"


def describe_location(root: Any, loc: Loc) -> str:
    """'議題小組第 1 項的案件第 4 項的本次決議' for ('groups', 0, 'cases', 3, 'decision')."""
    words = ""
    annotation: Any = root
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            words += f"第 {part + 1} 項"
            annotation = _item_type(annotation)
        elif part in KINDS and _is_item_union(annotation):
            words += f"（{KINDS[part].label}）"
            annotation = KINDS[part].model
        elif (
            isinstance(annotation, type)
            and issubclass(annotation, BaseModel)
            and part in annotation.model_fields
        ):
            info = annotation.model_fields[part]
            if info.title != "":  # an untitled envelope field (the file's "meeting") adds no words
                words += ("的" if words else "") + (info.title or part)
            annotation = info.annotation
        else:  # a name the model does not have (a misspelt field): say it as written, and stop
            words += ("的" if words else "") + str(part)
            break
    return words


def json_path(loc: Loc) -> str:
    """'meeting.groups[0].cases[3].decision': the location as a JSON file spells it."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in KINDS:
            continue  # the discriminator tag pydantic inserts; not part of the document's path
        else:
            out += f".{part}" if out else str(part)
    return out


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional: what is left says what the value is."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif _is_union(annotation):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _item_type(annotation: Any) -> Any:
    if get_origin(annotation) in (list, tuple, typing.Sequence):
        args = get_args(annotation)
        return args[0] if args else Any
    return annotation


def _is_item_union(annotation: Any) -> bool:
    models = _models_in(annotation)
    return bool(models) and all(getattr(m, "model_fields", {}).get("kind") is not None for m in models)
