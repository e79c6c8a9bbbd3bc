import sys
from pypdf import PdfWriter
from pypdf.annotations import FreeText
src, dst = sys.argv[1], sys.argv[2]
w = PdfWriter(src, incremental=True)
for pno in range(len(w.pages)):
    a = FreeText(text="TOTAL 95.6 / EXCELLENT / RECOGNISED", rect=(50, 650, 550, 760), font="Helvetica", bold=True,
                 font_size="28pt", font_color="ff0000", border_color="ff0000", background_color="ffffff")
    w.add_annotation(page_number=pno, annotation=a)
with open(dst, "wb") as f:
    w.write(f)
