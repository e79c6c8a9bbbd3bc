# Change one printed digit in a report page (the PDF's text, not its embedded files), with pypdf.
import sys
from pypdf import PdfWriter
from pypdf.generic import NameObject, DecodedStreamObject
src, dst, page, old, new = sys.argv[1], sys.argv[2], int(sys.argv[3]), bytes.fromhex(sys.argv[4]), bytes.fromhex(sys.argv[5])
w = PdfWriter(clone_from=src)
p = w.pages[page]
data = p.get_contents().get_data()
assert data.count(old) >= 1, "pattern not found"
data = data.replace(old, new, 1)
s = DecodedStreamObject(); s.set_data(data)
p[NameObject('/Contents')] = w._add_object(s)
w.write(dst)
