#!/usr/bin/env python3
"""Writes 009_gov2019-trial-format.txt: seed 002 (张店区信访局, a real 2021-format report)
laid out in the 2019 trial format (国办公开办函〔2019〕60号) as a 2020 report: years 2023 -> 2020,
signed 2021年1月18日, 表二 with the trial format's blocks and columns (第（九）项 included), 表三 with
the single-row （六）其他处理.  Same cell-per-line layout as the seed; all values stay 0."""
import pathlib
here = pathlib.Path(__file__).resolve().parent.parent.parent / "reports-samples"
s = (here / "002_16652a60a82de5e5.txt").read_text(encoding="utf-8")
s = s.replace("2023", "2020").replace("2024年1月18日", "2021年1月18日")
s = s.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")
i = s.index("\t第二十条第（一）项")
j = s.index("三、收到和处理政府信息公开申请情况")
def block(header, cols, rows):
    out = "\t" + header + "\n\n\t信息内容\n" + "".join("\t" + c + "\n" for c in cols) + "\n"
    for r in rows:
        out += "\t" + r + "\n" + "".join("\t0\n" for _ in cols) + "\n"
    return out
t2 = (block("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"])
      + block("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "其他对外管理服务事项"])
      + block("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "行政强制"])
      + block("第二十条第（八）项", ["上一年项目数量", "本年增/减"], ["行政事业性收费"])
      + block("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]) + "\n")
s = s[:i] + t2 + s[j:]
k = s.index("\t（六）其他处理\n")
m = s.index("\t（七）总计\n")
s = s[:k] + "\t（六）其他处理\n" + "".join("\t0\n" for _ in range(7)) + "\n\t\n" + s[m:]
(here / "009_gov2019-trial-format.txt").write_text(s, encoding="utf-8")
