#!/usr/bin/env python3
"""Writes the PDF fuzz seeds in pdf/: small, uncompressed, hand-built PDFs.

Run from this folder: python3 make_pdf_seeds.py. The files are committed; this
script says how they were made.
"""
import hashlib

PAD = bytes.fromhex('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A')


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def content(lines):
    body = b'BT /F1 11 Tf 72 760 Td 14 TL\n'
    for line in lines:
        esc = line.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)')
        body += b'(' + esc.encode('latin-1') + b') Tj T*\n'
    return body + b'ET\n'


def build(pages, encrypt=False, break_xref=False):
    file_id = hashlib.md5(b'agendum fuzz seed').digest()
    objects = {}
    n_pages = len(pages)
    kids = ' '.join('%d 0 R' % (4 + 2 * i) for i in range(n_pages))
    objects[1] = b'<< /Type /Catalog /Pages 2 0 R >>'
    objects[2] = ('<< /Type /Pages /Kids [%s] /Count %d >>' % (kids, n_pages)).encode()
    objects[3] = b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
    key = None
    perms = -44
    if encrypt:
        o = rc4(hashlib.md5(PAD).digest()[:5], PAD)  # owner password "" -> user ""
        key = hashlib.md5(PAD + o + (perms & 0xFFFFFFFF).to_bytes(4, 'little') + file_id).digest()[:5]
        u = rc4(key, PAD)
    for i, lines in enumerate(pages):
        page_no, content_no = 4 + 2 * i, 5 + 2 * i
        objects[page_no] = ('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
                            '/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>'
                            % content_no).encode()
        stream = content(lines)
        if key:
            obj_key = hashlib.md5(key + content_no.to_bytes(3, 'little') + b'\0\0').digest()[:10]
            stream = rc4(obj_key, stream)
        objects[content_no] = b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream'
    trailer_extra = b''
    if encrypt:
        enc_no = max(objects) + 1
        objects[enc_no] = ('<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>'
                           % (o.hex(), u.hex(), perms)).encode()
        trailer_extra = b' /Encrypt %d 0 R' % enc_no
    out = b'%PDF-1.4\n'
    offsets = {}
    for no in sorted(objects):
        offsets[no] = len(out)
        out += b'%d 0 obj\n' % no + objects[no] + b'\nendobj\n'
    xref = len(out)
    size = max(objects) + 1
    out += b'xref\n0 %d\n0000000000 65535 f \n' % size
    for no in range(1, size):
        out += b'%010d 00000 n \n' % (0 if break_xref else offsets[no])
    out += (b'trailer\n<< /Size %d /Root 1 0 R' % size + trailer_extra +
            b' /ID [<' + file_id.hex().encode() + b'> <' + file_id.hex().encode() + b'>] >>\n')
    out += b'startxref\n%d\n%%%%EOF\n' % (999999 if break_xref else xref)
    return out


MINUTES = ['Minutes of the Cabinet held on 10 February 2025', '1. Apologies for absence',
           'RESOLVED that:', '(a) the report be noted; and', '(b) the budget be approved.']
NOTICE = ['Decision Maker: Cabinet', 'Key Decision: Yes', 'Outcome: Recommendations Approved']

seeds = {
    'minutes.pdf': build([MINUTES]),
    'two_pages.pdf': build([MINUTES, NOTICE]),
    'encrypted_empty_user_password.pdf': build([NOTICE], encrypt=True),
    'broken_xref.pdf': build([MINUTES], break_xref=True),
}
for name, data in seeds.items():
    with open('pdf/' + name, 'wb') as f:
        f.write(data)
