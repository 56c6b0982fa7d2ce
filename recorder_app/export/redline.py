"""The newer version's minutes as a Word file with real tracked changes (修訂): ``w:ins`` and
``w:del`` around runs, with author and date, so Word's and LibreOffice's Accept / Reject work.

Every paragraph is the Word export's own (``docx_export.word_paragraph``: the same indents,
numbers and fonts); only its runs are split into kept, inserted and deleted text, from the
comparison (``core.compare``). Accepting every change gives the newer version's minutes
exactly. Numbers are the newer version's and never tracked — a number that only shifted
because a point was added above it is not a change — so rejecting every change gives the
older version's text, numbered as the newer one numbers it.

A removed paragraph keeps its text in ``w:delText`` and its paragraph mark is marked deleted
(``w:pPr/w:rPr/w:del``), so accepting removes the paragraph whole; an added one has its mark
marked inserted, so rejecting removes it whole.

Comments (批註) are real Word comments (python-docx's comments API) on the paragraph they are
anchored to: *comments* name the newer version's paragraphs (``Comparison.new``), whose
removed neighbours do not shift them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from itertools import count

from lxml import etree

from recorder_app.core.compare import DELETE, EQUAL, INSERT, Comparison, Kind, char_diff
from recorder_app.core.document import Minutes
from recorder_app.core.text import clean_text
from recorder_app.export.docx_export import (
    WordComment,
    add_comments,
    append_text,
    new_document,
    qn,
    saved,
    word_date,
    word_paragraph,
)
from recorder_app.export.layout import Paragraph, Typography, paragraphs


class _Marks:
    """w:ins / w:del attributes: one author and time for the comparison, ids unique."""

    def __init__(self, author: str, when: dt.datetime) -> None:
        self.author = author or "recorder-app"
        self.date = word_date(when)
        # Apart from the comments' ids (python-docx numbers those from 0): Word wants annotation
        # ids distinct.
        self._ids = count(1_000_000)

    def element(self, tag: str) -> etree._Element:
        el = etree.Element(qn(f"w:{tag}"))
        el.set(qn("w:id"), str(next(self._ids)))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el


def _split(p: Paragraph, number: str) -> tuple[str, str]:
    """A printed paragraph's number with its tab, and the rest (what is compared)."""
    prefix = f"{clean_text(number)}\t" if number else ""
    assert p.text.startswith(prefix), (p.text, number)
    return prefix, p.text[len(prefix):]


def _shell(p: Paragraph, t: Typography) -> tuple[etree._Element, etree._Element | None]:
    """The Word export's paragraph without its run, and that run's properties."""
    el = word_paragraph(p, t)
    run = el.find(qn("w:r"))
    rpr = run.find(qn("w:rPr"))
    el.remove(run)
    return el, rpr


def _run(parent: etree._Element, rpr: etree._Element | None, text: str, tag: str = "t") -> etree._Element:
    run = etree.SubElement(parent, qn("w:r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    append_text(run, text, tag)
    return run


def _tracked(el: etree._Element, rpr: etree._Element | None, marks: _Marks, op: int, text: str) -> None:
    if not text:
        return
    if op == EQUAL:
        _run(el, rpr, text)
    elif op == INSERT:
        _run(_appended(el, marks.element("ins")), rpr, text)
    else:
        _run(_appended(el, marks.element("del")), rpr, text, "delText")


def _appended(parent: etree._Element, child: etree._Element) -> etree._Element:
    parent.append(child)
    return child


def _mark_paragraph(el: etree._Element, marks: _Marks, tag: str) -> None:
    """The paragraph mark itself inserted or deleted (the paragraph comes or goes whole)."""
    ppr = el.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("w:rPr"))
    rpr.insert(0, marks.element(tag))


def redline_bytes(
    old: Minutes,
    new: Minutes,
    comparison: Comparison,
    author: str,
    when: dt.datetime,
    comments: Iterable[WordComment] = (),
) -> bytes:
    """The newer minutes with the changes from *old* tracked, as by *author* at *when*."""
    doc, t = new_document(new)
    old_ps, new_ps = list(paragraphs(old)), list(paragraphs(new))
    assert len(old_ps) == len(comparison.old) and len(new_ps) == len(comparison.new)
    marks = _Marks(author, when)
    end = doc.element.body.find(qn("w:sectPr"))
    placed: dict[int, etree._Element] = {}  # the newer paragraph's index → its w:p (for comments)
    for ch in comparison.paragraphs:
        if ch.kind is Kind.EQUAL:
            assert ch.new is not None
            el = word_paragraph(new_ps[ch.new], t)
        elif ch.kind is Kind.CHANGED:
            assert ch.old is not None and ch.new is not None
            el, rpr = _shell(new_ps[ch.new], t)
            prefix, after = _split(new_ps[ch.new], comparison.new[ch.new].number)
            _, before = _split(old_ps[ch.old], comparison.old[ch.old].number)
            _tracked(el, rpr, marks, EQUAL, prefix)
            # The printed bodies (with their line breaks between names), so accepting gives
            # exactly what the Word export prints; the comparison said they differ.
            for op, text in char_diff(before, after):
                _tracked(el, rpr, marks, op, text)
        elif ch.kind is Kind.INSERTED:
            assert ch.new is not None
            el, rpr = _shell(new_ps[ch.new], t)
            _tracked(el, rpr, marks, INSERT, new_ps[ch.new].text)
            _mark_paragraph(el, marks, "ins")
        else:
            assert ch.old is not None
            el, rpr = _shell(old_ps[ch.old], t)
            _tracked(el, rpr, marks, DELETE, old_ps[ch.old].text)
            _mark_paragraph(el, marks, "del")
        if ch.new is not None:
            placed[ch.new] = el
        end.addprevious(el)
    add_comments(doc, placed, comments)
    return saved(doc)
