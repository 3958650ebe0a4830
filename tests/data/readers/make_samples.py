#!/usr/bin/env python3
"""Builds the HTML and DOCX samples in reports-samples/ from the text of a real
report: 淮安市洪泽区人民政府 2023年政府信息公开工作年度报告
(/work/shared/real-reports/hongze-district-2023.pdf; its published errors kept:
table 四 总计 0 next to 维持10 纠正1, the label typo "2.其他法律行政止公开").

  005_hongze-district-2023.html  the report as a saved government CMS page:
      GBK bytes with <meta charset=gb2312>, navigation, breadcrumb, title outside
      the article block, footer and scripts; Word-export markup (<o:p>, mso-
      styles, labels split across <span>/<font>, &nbsp;); tables with rowspan
      and colspan.
  006_hongze-district-2023.docx  the same report as a Word document with real
      tables (w:gridSpan, w:vMerge), written with zipfile and hand-made XML.

Usage: make_samples.py OUTDIR      (python3 only, no other packages)
"""
import html
import sys
import zipfile
from pathlib import Path

TITLE1 = "洪泽区人民政府"
TITLE2 = "2023年政府信息公开工作年度报告"
BEFORE = [
    "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）要求编制此报告。报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道90号，邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com）。",
    "一、总体情况",
    "2023年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，不断完善政府信息公开制度，建立健全政府信息公开保障机制，始终将政务公开工作摆在重要位置，推进政府信息公开工作规范、有序、健康发展。",
    "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。2023年，我区在政府网站平台主动公开政府信息1136条。",
    "（二）依申请公开情况。进一步规范依申请公开流程，畅通依申请公开受理渠。2023年全区受理政府信息公开申请21件，均在法定期限答复。",
    "（三）政府信息管理情况。",
    "加强区政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，执行信息审核发布制度。严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、文字关，未经审核的信息一律不准发布。",
    "（四）政府信息公开平台建设情况。加强对区政府网站、政务新媒体动态全面监管，按照管理标准定期检查，及时关停整合用户关注度低、更新不及时、无力运维的新媒体账号，将相关功能进行集约整合。同时对存在未及时更新、空白栏目、不良链接等问题进行严格督查，确保公开信息及时准确规范。",
    "（五）政府信息公开监督保障情况。进一步细化分解政府门户网站和政务新媒体内容保障责任单位，形成工作清单，做到任务具体、责任明确，确保政府门户网站和政务新媒体工作有序开展。继续加强对政府网站和政务新媒体的日常维护监管，建立政府网站日常监测机制。",
    "二、主动公开政府信息情况",
]
AFTER = [
    "五、存在的主要问题及改进情况",
    "2023年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等。针对存在问题，下一步，将切实抓好以下工作：一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平。二是围绕区委区政府中心工作，进一步梳理明确政务公开的重点领域，继续优化政务公开、政策解读、关切回应等工作。三是继续加强业务指导培训。实行政府信息公开工作人员跟班学习制度，不断提高各单位政府信息公开工作人员的思想认识和业务工作水平。",
    "六、其他需要报告的事项",
    "2023年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。",
]

# A table: rows of cells (text, rowspan, colspan); covered slots are not listed (HTML style).
def C(t, rs=1, cs=1):
    return (t, rs, cs)

T2 = [
    [C("第二十条第（一）项", 1, 4)],
    [C("信息内容"), C("本年制发件数"), C("本年废止件数"), C("现行有效件数")],
    [C("规章"), C("0"), C("0"), C("0")],
    [C("行政规范性文件"), C("0"), C("5"), C("5")],
    [C("第二十条第（五）项", 1, 4)],
    [C("信息内容"), C("本年处理决定数量", 1, 3)],
    [C("行政许可"), C("550", 1, 3)],
    [C("第二十条第（六）项", 1, 4)],
    [C("信息内容"), C("本年处理决定数量", 1, 3)],
    [C("行政处罚"), C("4119", 1, 3)],
    [C("行政强制"), C("195", 1, 3)],
    [C("第二十条第（八）项", 1, 4)],
    [C("信息内容"), C("本年收费金额（单位：万元）", 1, 3)],
    [C("行政事业性收费"), C("7730.28", 1, 3)],
]

def vals(*v):
    return [C(str(x)) for x in v]

Z = [0, 0, 0, 0, 0, 0, 0]
T3 = [
    [C("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), C("申请人情况", 1, 7)],
    [C("自然人", 2), C("法人或其他组织", 1, 5), C("总计", 2)],
    [C("商业企业"), C("科研机构"), C("社会公益组织"), C("法律服务机构"), C("其他")],
    [C("一、本年新收政府信息公开申请数量", 1, 3)] + vals(21, 0, 0, 0, 0, 0, 21),
    [C("二、上年结转政府信息公开申请数量", 1, 3)] + vals(*Z),
    [C("三、本年度办理结果", 20), C("（一）予以公开", 1, 2)] + vals(*Z),
    [C("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)] + vals(4, 0, 0, 0, 0, 0, 4),
    [C("（三）不予公开", 8), C("1.属于国家秘密")] + vals(1, 0, 0, 0, 0, 0, 1),
    [C("2.其他法律行政止公开")] + vals(*Z),
    [C("3.危及“三安全一稳定”")] + vals(*Z),
    [C("4.保护第三方合法权益")] + vals(*Z),
    [C("5.属于三类内部事务信息")] + vals(*Z),
    [C("6.属于四类过程性信息")] + vals(1, 0, 0, 0, 0, 0, 1),
    [C("7.属于行政执法案卷")] + vals(1, 0, 0, 0, 0, 0, 1),
    [C("8.属于行政查询事项")] + vals(*Z),
    [C("（四）无法提供", 3), C("1.本机关不掌握相关政府信息")] + vals(10, 0, 0, 0, 0, 0, 10),
    [C("2.没有现成信息需要另行制作")] + vals(3, 0, 0, 0, 0, 0, 3),
    [C("3.补正后申请内容仍不明确")] + vals(*Z),
    [C("（五）不予处理", 5), C("1.信访举报投诉类申请")] + vals(1, 0, 0, 0, 0, 0, 1),
    [C("2.重复申请")] + vals(*Z),
    [C("3.要求提供公开出版物")] + vals(*Z),
    [C("4.无正当理由大量反复申请")] + vals(*Z),
    [C("5.要求行政机关确认或重新出具已获取信息")] + vals(*Z),
    [C("（六）其他处理", 1, 2)] + vals(*Z),
    [C("（七）总计", 1, 2)] + vals(21, 0, 0, 0, 0, 0, 21),
    [C("四、结转下年度继续办理", 1, 3)] + vals(*Z),
]
T4 = [
    [C("行政复议", 1, 5), C("行政诉讼", 1, 10)],
    [C("结果维持", 2), C("结果纠正", 2), C("其他结果", 2), C("尚未审结", 2), C("总计", 2),
     C("未经复议直接起诉", 1, 5), C("复议后起诉", 1, 5)],
    [C("结果维持"), C("结果纠正"), C("其他结果"), C("尚未审结"), C("总计")] * 2,
    vals(10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0),
]
BODY = ([("p", t) for t in BEFORE] + [("t", T2), ("p", "三、收到和处理政府信息公开申请情况"), ("t", T3),
        ("p", "四、政府信息公开行政复议、行政诉讼情况"), ("t", T4)] + [("p", t) for t in AFTER])


# ---------------------------------------------------------------- HTML
def word_span(text):
    """Word-export markup: the marker and the label in separate spans/fonts, entities."""
    e = html.escape(text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
    if "、" in e[:4]:
        k = e.index("、") + 1
        return ("<span style='font-family:黑体;mso-ascii-font-family:\"Times New Roman\"'>%s</span>"
                "<span style='font-family:黑体'><font face=黑体>%s</font></span>" % (e[:k], e[k:]))
    if e.startswith("（") and "）" in e[:6]:
        k = e.index("）") + 1
        return "<b><span lang=EN-US>%s</span></b><span>%s</span>" % (e[:k], e[k:])
    return "<span style='font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>%s</span>" % e


def html_table(rows):
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
           "style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"]
    for r in rows:
        out.append(" <tr style='mso-yfti-irow:0;height:20.0pt'>")
        for t, rs, cs in r:
            attrs = (" rowspan=%d" % rs if rs > 1 else "") + (" colspan=%d" % cs if cs > 1 else "")
            inner = html.escape(t, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
            if t.startswith("（二）部分公开"):  # a label split across tags and source lines
                inner = "（二）部分公开<span lang=EN-US>（区分处理的，</span>\n  <font face=仿宋>只计这一情形，</font>不计其他情形）"
            out.append("  <td%s valign=center style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>"
                       "<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.0pt'>%s</span>"
                       "<o:p></o:p></p></td>" % (attrs, inner))
        out.append(" </tr>")
    out.append("</table>")
    return "\n".join(out)


def make_html():
    parts = []
    for kind, x in BODY:
        if kind == "p":
            indent = "" if "、" in x[:3] else "text-indent:32.0pt;"
            parts.append("<p class=MsoNormal style='%smso-char-indent-count:2.0;line-height:28.0pt'>%s<o:p></o:p></p>"
                         % (indent, word_span(x)))
        else:
            parts.append(html_table(x))
    body = "\n".join(parts)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{TITLE1}{TITLE2}_政府信息公开年报_淮安市洪泽区人民政府</title>
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<script type="text/javascript">var siteId = "hzq"; document.write("<div>统计代码</div>");</script>
<style>.nav li{{float:left}} p.MsoNormal{{margin:0cm;font-size:10.5pt}}</style>
</head>
<body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="淮安市洪泽区人民政府" /></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><button>搜索</button></form></div></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwdt/">政务动态</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjhz/">走进洪泽</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="main">
<div class="left"><h3>政府信息公开</h3><ul><li><a href="/zwgk/zn/">政府信息公开指南</a></li>
<li><a href="/zwgk/zd/">政府信息公开制度</a></li><li><a href="/zwgk/nb/">政府信息公开年报</a></li></ul></div>
<div class="right">
<h1 class="title">{TITLE1}{TITLE2}</h1>
<div class="info">发布日期：2024-01-22&nbsp;&nbsp;来源：区政府办&nbsp;&nbsp;浏览次数：<span id="hits">1024</span>
<a href="javascript:window.print()">【打印】</a></div>
<div id="zoom" class="TRS_Editor">
<div class=WordSection1 style='layout-grid:15.6pt'>
{body}
<p class=MsoNormal align=right style='text-align:right'><span>淮安市洪泽区人民政府办公室</span><o:p></o:p></p>
<p class=MsoNormal align=right style='text-align:right'><span>2024年1月22日</span><o:p></o:p></p>
</div>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="related"><h4>相关文章</h4><ul><li><a href="/zwgk/nb/2022.html">洪泽区人民政府2022年政府信息公开工作年度报告</a></li></ul></div>
</div></div>
<div class="footer"><p>主办单位：淮安市洪泽区人民政府办公室 &nbsp; 网站标识码：3208130001</p>
<p>苏ICP备05011000号-1 &nbsp; 苏公网安备 32081302000100号</p></div>
<script>(function(){{var a=document.getElementById("hits");}})();</script>
</body>
</html>
"""
    return page.replace("\n", "\r\n").encode("gbk")


# ---------------------------------------------------------------- DOCX
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

def x(t):
    return html.escape(t, quote=False)

def w_p(text, center=False):
    ppr = "<w:pPr><w:jc w:val=\"center\"/></w:pPr>" if center else "<w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>"
    if "、" in text[:3]:  # marker and label in separate runs, as Word writes them
        k = text.index("、") + 1
        runs = (f"<w:r><w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr><w:t>{x(text[:k])}</w:t></w:r>"
                f"<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>"
                f"<w:r><w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr><w:t>{x(text[k:])}</w:t></w:r>")
    else:
        runs = f"<w:r><w:t xml:space=\"preserve\">{x(text)}</w:t></w:r>"
    return f"<w:p>{ppr}{runs}</w:p>"

def w_tbl(rows):
    # Grid: place cells, then write each row with gridSpan and vMerge continuation cells.
    grid = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for t, rs, cs in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = (t, r, c, rs, cs)
            c += cs
            width = max(width, c)
    out = [f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>"
           + "".join("<w:gridCol w:w=\"900\"/>" for _ in range(width)) + "</w:tblGrid>"]
    for r in range(len(rows)):
        out.append("<w:tr><w:trPr><w:trHeight w:val=\"400\"/></w:trPr>")
        c = 0
        while c < width:
            t, r0, c0, rs, cs = grid[(r, c)]
            props = f"<w:tcW w:w=\"{900 * cs}\" w:type=\"dxa\"/>"
            if cs > 1:
                props += f"<w:gridSpan w:val=\"{cs}\"/>"
            if rs > 1:
                props += "<w:vMerge w:val=\"restart\"/>" if r == r0 else "<w:vMerge/>"
            props += "<w:vAlign w:val=\"center\"/>"
            if r == r0:
                paras = t.split("（区分处理的，") if t.startswith("（二）部分公开") else [t]
                if len(paras) == 2:
                    paras[1] = "（区分处理的，" + paras[1]
                content = "".join(w_p(p, center=True) for p in paras)
            else:
                content = "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
            c += cs
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)

def make_docx(path):
    body = [w_p(TITLE1, True), w_p(TITLE2, True), "<w:p/>"]
    for kind, v in BODY:
        body.append(w_p(v) if kind == "p" else w_tbl(v) + "<w:p/>")
    body.append(w_p("淮安市洪泽区人民政府办公室", True))
    body.append(w_p("2024年1月22日", True))
    doc = (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
           + "".join(body) + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>")
    ct = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
    rels = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", doc)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 22, 9, 0, 0))  # fixed: reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    (out / "005_hongze-district-2023.html").write_bytes(make_html())
    make_docx(out / "006_hongze-district-2023.docx")
