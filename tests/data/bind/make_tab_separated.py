# Converts the cell-per-line tables of a text report (one "\t"-led line per
# cell, a blank line after each row) to tab-separated rows (one line per row,
# cells separated by TAB), as copying the table out of Excel/WPS gives: every
# row of a table padded with empty cells to the table's width.
#
#   python3 tests/data/bind/make_tab_separated.py reports-samples/004_32df0900e40a0d23.txt \
#       > tests/data/bind/004-tab-separated.txt
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = []
row = None   # cells of the current row
table_rows = []  # indices in out of the current table's rows
def flush():
    global row
    if row is not None:
        table_rows.append(len(out))
        out.append(row)
    row = None
def end_table():
    width = max((len(out[k]) for k in table_rows), default=0)
    for k in table_rows:
        out[k] = '\t'.join(out[k] + [''] * (width - len(out[k])))
    table_rows.clear()
i = 0
in_table = False
while i < len(lines):
    l = lines[i]
    if l.startswith('\t'):
        if row is None: row = []
        row.append(l[1:])
        in_table = True
    elif l.strip() == '' and in_table:
        flush()
        # keep table rows contiguous: blank lines inside a table run separate rows
        j = i + 1
        while j < len(lines) and lines[j].strip() == '':
            j += 1
        if j < len(lines) and lines[j].startswith('\t'):
            i = j
            continue
        in_table = False
        end_table()
        out.append(l)
    elif in_table and row:
        row[-1] += l  # a wrapped cell
    else:
        flush(); in_table = False
        end_table()
        out.append(l)
    i += 1
flush()
end_table()
sys.stdout.write('\n'.join(out))
