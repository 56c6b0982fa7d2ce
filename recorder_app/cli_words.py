"""argparse in Traditional Chinese: its usage text and errors, as a clerk reads them.

argparse writes its own words through gettext; it has no catalogue for zh_TW, so this table
stands in for one, installed on argparse's module alone (``install``) — no other module's
gettext changes. A message argparse adds later and this table lacks stays English rather
than breaking anything; tests/test_no_surprises.py drives the common mistakes.
"""

from __future__ import annotations

import argparse

WORDS = {
    "usage: ": "用法：",
    "positional arguments": "參數",
    "options": "選項",
    "show this help message and exit": "顯示這份說明後結束",
    "show program's version number and exit": "顯示程式版本後結束",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "看不懂的參數：%s（可用 -h 查看說明）",
    "the following arguments are required: %s": "缺少必要的參數：%s（可用 -h 查看說明）",
    "one of the arguments %s is required": "必須指定 %s 其中之一",
    "not allowed with argument %s": "不能與 %s 同時使用",
    "expected one argument": "後面要接一個值",
    "expected at most one argument": "後面最多接一個值",
    "expected at least one argument": "後面至少要接一個值",
    "ambiguous option: %(option)s could match %(matches)s": "選項 %(option)s 不明確，可能是 %(matches)s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "沒有 %(value)r 這個指令；可用的有 %(choices)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "ignored explicit argument %r": "多餘的值 %r",
    "unexpected option string: %s": "不該出現的選項 %s",
}
# The type names argparse puts in "invalid %(type)s value", in words.
TYPES = {"int": "整數", "Path": "檔案路徑", "float": "數字"}


def _gettext(message: str) -> str:
    return WORDS.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "後面要接 %s 個值"
    return _gettext(singular if n == 1 else plural)


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose type errors name the type in words."""

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as e:
            name = getattr(action.type, "__name__", "")
            if name in TYPES:
                raise argparse.ArgumentError(action, f"{arg_string!r} 不是有效的{TYPES[name]}") from None
            raise e from None


def install() -> None:
    """Put the table in argparse's own gettext names (the rest of the program is untouched)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
