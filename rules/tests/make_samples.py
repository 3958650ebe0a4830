#!/usr/bin/env python3
"""Makes the rule-test samples in this directory from the real seed reports in
reports-samples/, each by one small, named change, so that every test stays close
to a real report.  Run from anywhere; rewrites the *.txt samples (not the .expect
files, which are written by hand)."""
import pathlib

here = pathlib.Path(__file__).resolve().parent
seeds = here.parent.parent / "reports-samples"

def seed(name):
    return (seeds / name).read_text(encoding="utf-8")

S000 = "000_6a703f7dda0af042.txt"   # 张店区信访局 2017, pre-2019
S002 = "002_16652a60a82de5e5.txt"   # 张店区信访局 2023, 2021 format
S003 = "003_f29a9ed548c71819.txt"   # 科苑街道办事处 2017
S004 = "004_32df0900e40a0d23.txt"   # 张家坡镇 2017
H = "008_huaian-city-2024.txt"      # 淮安市人民政府 2024, PDF text layer, balanced non-zero tables
S009 = "009_gov2019-trial-format.txt"  # seed 002 laid out as a 2020 report in the 2019 trial format

def change(text, old, new, count=1):
    if isinstance(old, tuple):  # ("between", first, last): replace what lies between two markers
        _, first, last = old
        i = text.index(first) + len(first)
        j = text.index(last, i)
        return text[:i] + new + text[j:]
    assert text.count(old) >= 1, f"not found: {old!r}"
    return text.replace(old, new, count)

samples = {
    # 2021 format
    "gov2021-late-department": (S002, [("2024年1月18日", "2024年2月18日")]),
    "gov2021-period-wrong-year": (S002, [("起至2023年12月31日止", "起至2022年12月31日止")]),
    "gov2021-signed-before-year-end": (S002, [("2024年1月18日", "2023年12月28日")]),
    "gov2021-missing-section-4": (S002, [("四、政府信息公开行政复议、行政诉讼情况", "")]),
    "gov2021-nonstandard-title": (S002, [("一、总体情况", "一、工作基本情况")]),
    "gov2021-section-order": (S002, [("五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况"),
                                    ("六、其他需要报告的事项", "五、其他需要报告的事项")]),
    "gov2021-extra-section": (S002, [("\n\n张店区信访局\n2024年1月18日",
                                      "\n七、2024年工作打算\n继续做好政府信息公开工作。\n\n张店区信访局\n2024年1月18日")]),
    "gov2021-no-fee": (S002, [("（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。\n2023年度未收取信息处理费。\n", "")]),
    "gov2021-section5-empty": (S002, [(
        "一是未能做到进一步丰富政策解读形式，运用简明问答、图表图解、卡通动漫等多元化形式和生动灵活的语言解读本部门出台的文件和政策。改进措施：创新政策解读形式，细化工作责任，督促相关科室做好政策解读、互动回应方面的工作\n二是在主动回应和互动回应群众关切方面有所欠缺。改进措施：广泛听取群众的意见和建议，主动公开回应群众普遍关心的热点、焦点问题。\n",
        "无。\n")]),
    "gov2021-section5-no-problem": (S002, [(
        "一是未能做到进一步丰富政策解读形式，运用简明问答、图表图解、卡通动漫等多元化形式和生动灵活的语言解读本部门出台的文件和政策。改进措施：创新政策解读形式，细化工作责任，督促相关科室做好政策解读、互动回应方面的工作\n二是在主动回应和互动回应群众关切方面有所欠缺。改进措施：广泛听取群众的意见和建议，主动公开回应群众普遍关心的热点、焦点问题。\n",
        "2024年，我局将继续创新政策解读形式，主动回应群众关切。\n")]),
    "gov2021-old-structure": (S002, [("\n\n张店区信访局\n2024年1月18日",
                                      "\n七、政府信息公开的收费及减免情况\n2023年度无收费及减免情况。\n\n张店区信访局\n2024年1月18日")]),
    "gov2021-numbering-gap": (S002, [("（五）监督保障方面", "（六）监督保障方面")]),
    "gov2021-government-late": (S002, [("张店区信访局2023年政府信息公开", "张店区人民政府2023年政府信息公开"),
                                       ("2024年1月18日", "2024年4月2日")]),
    "gov2021-government-in-time": (S002, [("张店区信访局2023年政府信息公开", "张店区人民政府2023年政府信息公开"),
                                          ("2024年1月18日", "2024年3月28日")]),
    "gov2021-town-late": (S002, [("张店区信访局2023年政府信息公开", "张家坡镇人民政府2023年政府信息公开"),
                                 ("2024年1月18日", "2024年3月15日")]),
    # a saved web page: the page's 发布时间 (on the blank line under the title) is weeks after the deadline
    "gov2021-page-date-late": (S002, [("年度报  告\n\n", "年度报  告\n发布时间：2024-03-05 09:30\n")]),
    # a typo of the domain's vocabulary in the opening sentence
    "gov2021-typo-regulation": (S002, [("政府信息公开条例》和", "政府信息公开条列》和")]),
    # the second item of an 一是、二是 list renumbered 三是: the list skips 二是
    "gov2021-enumeration-gap": (S002, [("二是高度重视明确责任", "三是高度重视明确责任")]),
    # 004's 统计表 published as a picture: the title under the report stays, the rows and numbers are gone
    "legacy-table-picture": (S004, [(("between", "张家坡镇2017年度政府信息公开工作情况统计表\n", "（注：各子栏目数"),
                                     "[图片：统计表]\n")]),
    "gov2021-no-year": (S002, [("张店区信访局2023年政府信息公开", "张店区信访局政府信息公开")]),
    "gov2021-no-year-anywhere": (S002, [("张店区信访局2023年政府信息公开", "张店区信访局政府信息公开"),
                                        ("统计时限自2023年1月1日起至2023年12月31日止", "统计时限为上一年度")]),
    # 2019 trial format: same report moved to 2020 (a 2020 report need not state 信息处理费)
    "gov2019-no-fee-ok": (S002, [("2023", "2020"), ("2024年1月18日", "2021年1月18日"),
                                 ("（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。\n2020年度未收取信息处理费。\n", "")]),
    # tables: seed 002 (all zeros)
    "t2-dash": (S002, [("\t规章\n\t0\n", "\t规章\n\t—\n")]),
    "t2-negative": (S002, [("\t行政许可\n\t0\n", "\t行政许可\n\t-3\n")]),
    "t2-word": (S002, [("\t行政许可\n\t0\n", "\t行政许可\n\t若干\n")]),
    "t2-fee-in-yuan": (S002, [("\t行政事业性收费\n\t　 0\n", "\t行政事业性收费\n\t3500元\n")]),
    "t2-district-rules": (S002, [("\t规章\n\t0\n\t0\n\t0\n", "\t规章\n\t0\n\t0\n\t6\n")]),
    "t2-2019-columns": (S002, [("\t本年制发件数", "\t本年新制作数量")]),
    "t3-no-note": (S002, [("\t（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）", "\t\n")]),
    "t3-outcome-without-application": (S002, [("\t（一）予以公开\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n",
                                                "\t（一）予以公开\n\t2\n\t0\n\t0\n\t0\n\t0\n\t0\n\t2\n")]),
    "t3-row-missing": (S002, [("8.属于行政查询事项", "8.属于查询类事项")]),
    "t4-dash": (S002, [("\t尚未审结\n\t总计\n\n\t0\n", "\t尚未审结\n\t总计\n\n\t/\n")]),
    "t4-total": (S002, [("\t尚未审结\n\t总计\n\n\t0\n", "\t尚未审结\n\t总计\n\n\t1\n")]),
    "t4-all-upheld": (S002, [("四、政府信息公开行政复议、行政诉讼情况\n", "四、政府信息公开行政复议、行政诉讼情况\n本年度政府信息公开行政复议案件均获维持。\n"),
                             ("\t尚未审结\n\t总计\n\n\t0\n\t0\n\t0\n\t0\n\t0\n", "\t尚未审结\n\t总计\n\n\t0\n\t1\n\t0\n\t0\n\t1\n")]),
    "t4-table-missing": (S002, [("\t尚未审结\n\t总计\n\n" + "\t0\n" * 15, "\t尚未审结\n\t总计\n\n")]),
    "fee-in-table-two": (S002, [("\t行政事业性收费\n\t　 0\n", "\t行政事业性收费\n\t380\n"),
                                ("2023年度未收取信息处理费。", "2023年度收取信息处理费380元。")]),
    # tables: 008 淮安市 2024 (balanced)
    "t3-new-changed": (H, [("一、本年新收政府信息公开申请数量                3001", "一、本年新收政府信息公开申请数量                3002")]),
    "t3-outcome-changed": (H, [("（一）予以公开                   1288", "（一）予以公开                   1289")]),
    "t3-total-changed": (H, [("61       4   3119", "61       4   3120")]),
    "t3-prose-changed": (H, [("受理政府信息公开申请 3119 件", "受理政府信息公开申请 3120 件")]),
    "t3-dash": (H, [("二、上年结转政府信息公开申请数量                34          0", "二、上年结转政府信息公开申请数量                34          —")]),
    "t3-decimal": (H, [("二、上年结转政府信息公开申请数量                34          0", "二、上年结转政府信息公开申请数量                34          0.5")]),
    "t3-fee-unreported": (H, [("2024 年，市政府严格落实《政府信息公开信息处理费管理\n办法》，全年收取政府信息公开信息处理费 3940 元。",
                               "2024 年，市政府无其他需要报告的\n事项。")]),
    "t4-prose-changed": (H, [("政府信息公开行政诉讼 46 件", "政府信息公开行政诉讼 45 件")]),
    "t2-prose-changed": (H, [("（二）依申请公开情况。", "（二）依申请公开情况。全年制发行政规范性文件 9 件。")]),
    # pre-2019 统计表 and prose
    "leg-staff-sum": (S004, [("\t　　（二）从事政府信息公开工作人员数\n\t人\n\t　   2", "\t　　（二）从事政府信息公开工作人员数\n\t人\n\t　   3")]),
    "leg-prose-table": (S004, [("\t　　142　　", "\t　　140　　")]),
    "txt-parts-sum": (S004, [("其他信息33条", "其他信息31条")]),
    # pre-2019
    "legacy-late": (S003, [("2018年3月28日", "2018年4月9日")]),
    # 2019 trial format: 本年增/减 is a change and may be negative (not a T2-01T error)
    "gov2019-negative-change": (S009, [("\t行政许可\n\t0\n\t0\n", "\t行政许可\n\t0\n\t-2\n")]),
}

for name, (src, edits) in samples.items():
    text = seed(src)
    for old, new in edits:
        text = text.replace(old, new) if old == "2023" else change(text, old, new)
    (here / f"{name}.txt").write_text(text, encoding="utf-8")

# The unchanged seeds are tested as they are (their .expect files use `sample`).

# Saved web pages: 005 洪泽区 2023 as published on the district's site (GB18030, real
# rowspan/colspan tables, the page's 发布日期 in a block between the title and the
# report), each with one named change.  Written in the page's own encoding.
HTML = "005_hongze-district-2023.html"
TD0 = ("<td valign=center style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>"
       "<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.0pt'>0</span>"
       "<o:p></o:p></p></td>")
TDBLANK = ("<td valign=center style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>"
           "<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.0pt'></span>"
           "<o:p></o:p></p></td>")

def blank_nth_zero(text, after, n):
    """Blanks the n-th (1-based) zero cell after the first occurrence of `after`."""
    i = text.index(after)
    for _ in range(n):
        i = text.index(TD0, i + 1)
    return text[:i] + TDBLANK + text[i + len(TD0):]

html_samples = {
    # the 总计 of （一）予以公开 (all zeros) left blank, and table 四's 行政复议 其他结果 left blank
    "html-blank-cells": [lambda t: blank_nth_zero(t, "（一）予以公开", 7),
                         lambda t: blank_nth_zero(t, "尚未审结", 2)],
    # the page went up on 2024-04-22 (the report is signed 2024年1月22日)
    "html-page-date-late": [lambda t: change(t, "发布日期：2024-01-22", "发布日期：2024-04-22")],
    # no 发布日期 block; the page's <meta name="PubDate"> says 2024-04-18
    "html-meta-pubdate-late": [
        lambda t: change(t, ("between", '<div class="info">', "</div>"), ""),
        lambda t: change(t, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />',
                         '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
                         '<meta name="PubDate" content="2024-04-18 10:20">')],
}
for name, edits in html_samples.items():
    text = (seeds / HTML).read_bytes().decode("gb18030")
    for edit in edits:
        text = edit(text)
    (here / f"{name}.html").write_bytes(text.encode("gb18030"))


# Crawler text: a report's text with every line break, TAB and space removed, the way a
# crawler's textContent of the web page comes out -- the parts 一、…六、 inside one line,
# table cells glued ("300153006143119").
import re
for name, src in (("crawler-one-line", S002), ("crawler-one-line-huaian", H)):
    (here / f"{name}.txt").write_text(re.sub(r"\s+", "", seed(src)), encoding="utf-8")
