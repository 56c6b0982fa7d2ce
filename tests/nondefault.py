"""Build any model with every field set to a value that is not its default.

Driven by the fields' annotations alone, so a field added to a model is covered by the
contract tests without a word here; a type this builder does not know fails loudly
(``NotImplementedError`` naming it) rather than being skipped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import types
import uuid
from enum import Enum
from typing import Annotated, Any, ForwardRef, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from recorder_app.core import records
from recorder_app.core.records import PersonReference

PERSON = "p1"  # every person reference names this person; the contract meeting has them
_serial = itertools.count(1)
_building: list[type[BaseModel]] = []  # the models being built, outermost first


def build(model: type[BaseModel], **given: Any) -> Any:
    """An instance of *model* with every field (but those *given*) non-default."""
    values = dict(given)
    _building.append(model)
    try:
        for name, info in model.model_fields.items():
            if name not in values:
                values[name] = value_for(info.annotation, info, f"{model.__name__}.{name}")
    finally:
        _building.pop()
    return model.model_validate(values)


def value_for(annotation: Any, info: FieldInfo | None, where: str) -> Any:
    """A valid value of *annotation* that differs from the field's default."""
    default = None
    if info is not None and not info.is_required():
        default = info.get_default(call_default_factory=True)
    metadata = list(info.metadata) if info is not None else []
    if get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        metadata += more
    if any(isinstance(m, PersonReference) for m in metadata):
        return PERSON
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) > 1 and all(isinstance(m, type) and issubclass(m, BaseModel) for m in members):
            return build(members[0])  # a union of models (agenda items): any member will do
        return value_for(members[0], None, where)
    if get_origin(annotation) is Literal:
        choices = [c for c in get_args(annotation) if c != default]
        if not choices:  # a tag (an item's kind): its only value
            return get_args(annotation)[0]
        return choices[0]
    if isinstance(annotation, ForwardRef):  # a recursive type named before it is defined
        annotation = eval(annotation.__forward_arg__, vars(records))
    if get_origin(annotation) is list:
        (inner,) = get_args(annotation)
        model = get_args(inner)[0] if get_origin(inner) is Annotated else inner
        if _building.count(model) > 1:  # Point.children: one level down shows nesting is kept
            return []
        return [value_for(inner, None, f"{where}[]")]
    if get_origin(annotation) is dict:
        key, value = get_args(annotation)
        return {value_for(key, None, f"{where}{{}}"): value_for(value, None, f"{where}[]")}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return build(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(m for m in annotation if m != default)
    if annotation is bool:
        return not default
    if annotation is int:
        low = next((m.ge for m in metadata if isinstance(m, Ge)), 0)
        high = next((m.le for m in metadata if isinstance(m, Le)), 10**6)
        return min(max(low, (default or 0) + 7), high)
    if annotation is str:
        pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
        if pattern and "{12}" in pattern:  # a meeting's identity, a UUID
            return str(uuid.uuid4())
        if pattern:  # a key: letters, digits, -
            return f"k{next(_serial)}"
        return f"非預設的文字 {next(_serial)}\n第二行"
    if annotation is dt.datetime:
        return dt.datetime(2024, 7, 11, 15, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    if annotation is dt.date:
        return dt.date(2024, 7, 11)
    if annotation is dt.time:
        return dt.time(16, 35)
    if annotation is Any:
        raise NotImplementedError(f"{where}: an untyped field cannot be checked")
    raise NotImplementedError(f"{where}: no non-default value known for {annotation!r}")
