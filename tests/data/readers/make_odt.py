#!/usr/bin/env python3
"""Converts reports-samples/006_hongze-district-2023.docx (洪泽区人民政府 2023年政府信息公开
工作年度报告, the real report's text and tables) into an OpenDocument text file, as a
word processor would save it:

  - the `mimetype` entry first and stored, META-INF/manifest.xml, styles.xml, content.xml;
  - paragraphs as text:p, those whose runs are set in 黑体 (the section headings) as
    text:h with an outline level; each run a text:span; runs of spaces as text:s;
  - tables as table:table with table:table-column, the first row in
    table:table-header-rows; w:gridSpan as table:number-columns-spanned followed by
    its table:covered-table-cell slots, w:vMerge as table:number-rows-spanned with
    covered cells below.

nianbao reads the .odt to the same text as the .docx (tests/unit/test_readers.cpp).
Usage: make_odt.py OUT.odt        (python3 only, no other packages; the output is
byte-for-byte reproducible)
"""
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[3]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"')


def runs_xml(p):
    """The paragraph's runs as text:span elements; runs of spaces as text:s."""
    out = []
    for r in p.iter(W + "r"):
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        if not text:
            continue
        fonts = r.find(W + "rPr/" + W + "rFonts")
        style = "T1" if fonts is not None and fonts.get(W + "eastAsia") == "黑体" else "T2"
        body, i = "", 0
        while i < len(text):
            if text[i] == " ":
                j = i
                while j < len(text) and text[j] == " ":
                    j += 1
                body += " " if j - i == 1 and 0 < i and j < len(text) else f'<text:s text:c="{j - i}"/>'
                i = j
            else:
                body += escape(text[i])
                i += 1
        out.append((style, f'<text:span text:style-name="{style}">{body}</text:span>'))
    return out


def paragraph_xml(p):
    runs = runs_xml(p)
    if runs and all(style == "T1" for style, _ in runs):
        return '<text:h text:style-name="H1" text:outline-level="1">' + "".join(x for _, x in runs) + "</text:h>"
    return '<text:p text:style-name="P1">' + "".join(x for _, x in runs) + "</text:p>"


def cell_paragraphs(tc):
    ps = [paragraph_xml(p) for p in tc.findall(W + "p")]
    return "".join(ps) or '<text:p text:style-name="P1"/>'


def table_xml(tbl, number):
    cols = len(tbl.findall(W + "tblGrid/" + W + "gridCol"))
    rows = []  # per row: list of (kind, tc, span) with kind "cell" | "covered"
    for tr in tbl.findall(W + "tr"):
        row = []
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span_el = pr.find(W + "gridSpan") if pr is not None else None
            span = int(span_el.get(W + "val")) if span_el is not None else 1
            vm = pr.find(W + "vMerge") if pr is not None else None
            covered = vm is not None and vm.get(W + "val") != "restart"
            row.append(["covered" if covered else "cell", tc, span, 1])
            for _ in range(span - 1):
                row.append(["covered", None, 1, 1])
        rows.append(row)
    # number-rows-spanned: a restart cell covers the covered slots below it in its column
    for ri, row in enumerate(rows):
        for ci, slot in enumerate(row):
            if slot[0] != "cell" or slot[1] is None:
                continue
            pr = slot[1].find(W + "tcPr")
            vm = pr.find(W + "vMerge") if pr is not None else None
            if vm is None or vm.get(W + "val") != "restart":
                continue
            n = 1
            while ri + n < len(rows) and ci < len(rows[ri + n]) and rows[ri + n][ci][0] == "covered" \
                    and rows[ri + n][ci][1] is not None:
                n += 1
            slot[3] = n
    out = [f'<table:table table:name="表格{number}" table:style-name="Table1">'
           f'<table:table-column table:style-name="Table1.A" table:number-columns-repeated="{cols}"/>']
    for ri, row in enumerate(rows):
        if ri == 0:
            out.append("<table:table-header-rows>")
        out.append("<table:table-row>")
        for kind, tc, span, down in row:
            if kind == "covered":
                out.append("<table:covered-table-cell/>")
                continue
            attrs = ' office:value-type="string"'
            if span > 1:
                attrs += f' table:number-columns-spanned="{span}"'
            if down > 1:
                attrs += f' table:number-rows-spanned="{down}"'
            out.append(f"<table:table-cell{attrs}>{cell_paragraphs(tc)}</table:table-cell>")
        out.append("</table:table-row>")
        if ri == 0:
            out.append("</table:table-header-rows>")
    out.append("</table:table>")
    return "".join(out)


def content_xml(docx):
    doc = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    body, parts, tables = doc.find(W + "body"), [], 0
    for el in body:
        if el.tag == W + "p":
            parts.append(paragraph_xml(el))
        elif el.tag == W + "tbl":
            tables += 1
            parts.append(table_xml(el, tables))
    styles = ('<office:automatic-styles>'
              '<style:style style:name="T1" style:family="text"><style:text-properties '
              'style:font-name-asian="黑体"/></style:style>'
              '<style:style style:name="T2" style:family="text"/>'
              '<style:style style:name="P1" style:family="paragraph"/>'
              '<style:style style:name="H1" style:family="paragraph"/>'
              '<style:style style:name="Table1" style:family="table"/>'
              '<style:style style:name="Table1.A" style:family="table-column"/>'
              '</office:automatic-styles>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-content {NS}>{styles}<office:body><office:text>'
            '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/>'
            '</text:sequence-decls>' + "".join(parts) + "</office:text></office:body></office:document-content>\n")


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>\n')
STYLES = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS}><office:styles/></office:document-styles>\n'


def main(out):
    content = content_xml(ROOT / "reports-samples" / "006_hongze-district-2023.docx")
    with zipfile.ZipFile(out, "w") as z:
        def add(name, data, compress):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            z.writestr(info, data)
        add("mimetype", "application/vnd.oasis.opendocument.text", False)
        add("content.xml", content, True)
        add("styles.xml", STYLES, True)
        add("META-INF/manifest.xml", MANIFEST, True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
