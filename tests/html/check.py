#!/usr/bin/python3
"""check.py: the checks tests/html/run makes of an HTML report, a DOM chromium
dumped and a screenshot, each a subcommand printing one "ok"/"FAIL" line per
check (exit 1 when any failed):

  check.py escape PAGE.html TITLE          the page is XML and shows TITLE as text
  check.py svgs PAGE.html DIR              every inline <svg> into DIR/N.svg
  check.py htmllint XMLLINT-OUTPUT         xmllint --html's errors, but for SVG tags
  check.py index DOM NAME=VERDICT...       the index's verdicts, order and links
  check.py ladders DOM READ-TEXT...        each ladder against `dumplab read`
  check.py ascii DOM LADDER-TEXT           the arrows against `dumplab ladder`
  check.py filter DOM TABLE CONV           the script showed only CONV's rows
  check.py png-index PNG                   not blank, the failure's red above the green
  check.py png-ladder PNG TIMES [COLOURS]  the arrows' rows where the times say

Only the standard library: PNGs are decoded with zlib.
"""
import html.parser
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

failed = 0


def ok(msg):
    print("ok html: " + msg)


def bad(msg):
    global failed
    failed = 1
    print("FAIL html: " + msg)


# ---- the page as XML -------------------------------------------------------

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def text_of(e):
    return "".join(e.itertext())


def cmd_escape(page, title):
    try:
        root = ET.parse(page).getroot()
    except ET.ParseError as e:
        bad("%s is not well-formed XML: %s" % (page, e))
        return
    ok("%s is well-formed XML" % page)
    h1 = root.find(".//" + XHTML + "h1")
    if h1 is not None and title in text_of(h1):
        ok("the title with < & \" ' shows as text in the page's h1")
    else:
        bad("the h1 is %r, not the title %r" % (text_of(h1) if h1 is not None else None, title))
    scripts = root.findall(".//" + XHTML + "script")
    if len(scripts) == 1 and "alert" not in text_of(scripts[0]):
        ok("one script element, the page's own filter (none from the scenario)")
    else:
        bad("%d script elements: %r" % (len(scripts), [text_of(s)[:60] for s in scripts]))
    tds = [text_of(td) for td in root.iter(XHTML + "td")]
    payload = "<script>alert(\"x\")</script> & 'y' ]]> <!-- -->"
    if any(payload in t for t in tds):
        ok("the payload with < & ]]> <!-- shows as text in the packet table")
    else:
        bad("the payload is in no table cell")
    pres = [text_of(p) for p in root.iter(XHTML + "pre")]
    if any('</pre><b>"this line is not printed"</b> &' in p for p in pres):
        ok("the failing expectation's report shows its pattern as text")
    else:
        bad("no failure report holds the pattern as text")
    bolds = root.findall(".//" + XHTML + "b")
    if not bolds:
        ok("no <b> element came from the scenario's text")
    else:
        bad("%d <b> elements in the page" % len(bolds))


def cmd_svgs(page, outdir):
    text = open(page, encoding="utf-8").read()
    n = 0
    for m in re.finditer(r"<svg\b.*?</svg>", text, re.S):
        n += 1
        with open("%s/%d.svg" % (outdir, n), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n' + m.group(0) + "\n")
    print(n)


# libxml2 2.9's HTML parser knows HTML 4, which has no inline SVG: those
# tags (and only those) it calls invalid. Everything else is an error.
SVG_TAGS = {"svg", "g", "line", "polygon", "path", "text", "circle", "rect", "title"}


def cmd_htmllint(out):
    errors = []
    for line in open(out, encoding="utf-8", errors="replace"):
        if "error" not in line:
            continue
        m = re.search(r"Tag (\S+) invalid", line)
        if m and m.group(1) in SVG_TAGS:
            continue
        errors.append(line.strip())
    if errors:
        bad("xmllint --html: %d errors, the first: %s" % (len(errors), errors[0]))
    else:
        ok("xmllint --html: no errors (inline SVG tags aside, which HTML 4 lacks)")


# ---- the DOM chromium dumped ----------------------------------------------

class Dom(html.parser.HTMLParser):
    """The rows of the index, the ladders and their arrows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []      # [verdict, name, href]
        self.ladders = []   # {"conv", "segments", "segs": [{"lbl", "title", "cls", "y"}]}
        self.stack = []
        self.cur_row = None
        self.cur_seg = None
        self.grab = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "tr" and any(c.startswith("st-") for c in cls):
            self.cur_row = [[c[3:] for c in cls if c.startswith("st-")][0], "", ""]
            self.rows.append(self.cur_row)
        if tag == "a" and "scn" in cls and self.cur_row is not None:
            self.cur_row[2] = a.get("href", "")
            self.grab = ("row", "")
        if tag == "svg" and "ladder" in cls:
            self.ladders.append({"conv": a.get("data-conv"), "segments": int(a.get("data-segments", -1)),
                                 "drawn": int(a.get("data-drawn", -1)), "segs": []})
        if tag == "g" and "seg" in cls and self.ladders:
            self.cur_seg = {"lbl": "", "title": "", "cls": cls, "y": int(a.get("data-y", -1)),
                            "pkt": int(a.get("data-pkt", -1))}
            self.ladders[-1]["segs"].append(self.cur_seg)
        if self.cur_seg is not None and tag == "text" and "lbl" in cls:
            self.grab = ("lbl", "")
        if self.cur_seg is not None and tag == "title":
            self.grab = ("title", "")

    def handle_endtag(self, tag):
        if self.grab and tag in ("a", "text", "title"):
            kind, val = self.grab
            if kind == "row":
                self.cur_row[1] = val
            elif self.cur_seg is not None:
                self.cur_seg[kind] = val
            self.grab = None
        if tag == "g":
            self.cur_seg = None
        if tag == "tr":
            self.cur_row = None

    def handle_data(self, data):
        if self.grab:
            self.grab = (self.grab[0], self.grab[1] + data)


def parse_dom(path):
    d = Dom()
    d.feed(open(path, encoding="utf-8", errors="replace").read())
    return d


def cmd_index(dom, *want):
    d = parse_dom(dom)
    got = [(r[0], r[1]) for r in d.rows]
    exp = [tuple(w.split("=")[::-1]) for w in want]
    if sorted(got) == sorted(exp):
        ok("the index shows the verdicts %s" % " ".join("%s=%s" % (n, v) for v, n in got))
    else:
        bad("the index shows %r, not %r" % (got, exp))
    order = [r[0] for r in d.rows]
    if order == sorted(order, key=lambda v: {"FAIL": 0, "PASS": 1, "SKIP": 2}[v]):
        ok("failed scenarios come first in the index")
    else:
        bad("the index's order is %r" % order)
    hrefs = [r[2] for r in d.rows]
    if all(h == r[1] + ".html" for h, r in zip(hrefs, d.rows)):
        ok("each scenario links to its page (%s)" % ", ".join(hrefs))
    else:
        bad("links %r" % hrefs)


FLAGS = re.compile(r"Flags \[([^\]]*)\](?:, seq (\d+)(?::\d+)?)?(?:, ack (\d+))?.*?, length (\d+)")


def read_labels(text):
    """The ladder's label of each TCP line `dumplab read` printed."""
    out = []
    for line in text.splitlines():
        m = FLAGS.search(line)
        if not m:
            continue
        flags, seq, ack, length = m.groups()
        lbl = "%s seq %s" % (flags, seq if seq is not None else "?")
        if ack is not None:
            lbl += " ack %s" % ack
        out.append(lbl + " len %s" % length)
    return out


def cmd_ladders(dom, *reads):
    """Ladder k of the page against read text k: one conversation each."""
    d = parse_dom(dom)
    if len(d.ladders) != len(reads):
        bad("%s: %d ladders, %d captures to compare with" % (dom, len(d.ladders), len(reads)))
        return
    for i, (lad, rf) in enumerate(zip(d.ladders, reads)):
        want = read_labels(open(rf).read())
        got = [s["lbl"] for s in lad["segs"]]
        if len(got) == len(want) == lad["segments"]:
            ok("ladder %d: %d arrows, the packets of its conversation" % (i + 1, len(got)))
        else:
            bad("ladder %d: %d arrows, data-segments %d, dumplab read printed %d TCP packets"
                % (i + 1, len(got), lad["segments"], len(want)))
        # A label where read printed no seq (a bare ACK) carries the one
        # tcpdump left out: compare the other fields then.
        same = all(g == w or (" seq ? " in w and g.split(" seq ")[0] == w.split(" seq ")[0]
                              and g.split(" ack ")[-1] == w.split(" ack ")[-1])
                   for g, w in zip(got, want))
        if same and got:
            ok("ladder %d: every label is tcpdump's flags, relative seq/ack and length (%s ...)"
               % (i + 1, got[0]))
        else:
            bad("ladder %d: labels %r, dumplab read says %r" % (i + 1, got, want))
        titles = [s["title"] for s in lad["segs"]]
        if all(re.match(r"#\d+ \d\d:\d\d:\d\d\.\d{6} IP6? .*Flags \[", t) for t in titles):
            ok("ladder %d: each arrow's hover title is its full tcpdump line" % (i + 1))
        else:
            bad("ladder %d: titles %r" % (i + 1, titles[:3]))


def cmd_ascii(dom, ladder_text):
    """Every arrow of the page against `dumplab ladder`'s text arrows."""
    d = parse_dom(dom)
    want = []
    for line in open(ladder_text):
        m = re.search(r"\|[<-]-* (.*?) -*>?\| #(\d+)$", line.rstrip("\n"))
        if m:
            want.append((int(m.group(2)), m.group(1)))
    got = [(s["pkt"], s["lbl"]) for lad in d.ladders for s in lad["segs"]]
    if got == want and got:
        ok("%d arrows with the labels and packet numbers of `dumplab ladder`" % len(got))
    else:
        bad("arrows %r, `dumplab ladder` %r" % (got[:4], want[:4]))


class Rows(html.parser.HTMLParser):
    """Each packet table's rows: (data-conv, hidden)."""

    def __init__(self):
        super().__init__()
        self.tables, self.cur = {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "pkts" in (a.get("class") or ""):
            self.cur = self.tables.setdefault(a.get("id"), [])
        elif tag == "tr" and self.cur is not None and "data-conv" in a:
            self.cur.append((a["data-conv"], "hidden" in a))

    def handle_endtag(self, tag):
        if tag == "table":
            self.cur = None


def cmd_filter(dom, table, conv):
    p = Rows()
    p.feed(open(dom, encoding="utf-8", errors="replace").read())
    rows = p.tables.get(table, [])
    shown = [c for c, h in rows if not h]
    hidden = [c for c, h in rows if h]
    if shown and hidden and set(shown) == {conv} and conv not in hidden:
        ok("#%s=%s: the script shows that conversation's %d rows and hides the other %d"
           % (table, conv, len(shown), len(hidden)))
    else:
        bad("#%s=%s: shown %r, hidden %r" % (table, conv, shown, hidden))
    others = [r for t, rs in p.tables.items() if t != table for r in rs if r[1]]
    if not others:
        ok("the other tables show every row")
    else:
        bad("%d rows of other tables hidden" % len(others))


# ---- screenshots ---------------------------------------------------------

def png_decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError("PNG kind %d/%d/%d" % (depth, ctype, interlace))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return w, h, rows


def near(p, rgb, tol=40):
    return all(abs(p[k] - rgb[k]) <= tol for k in range(3))


COLOURS = {"blue": (0x1d, 0x4e, 0xd8), "orange": (0xc2, 0x41, 0x0c), "red": (0xb9, 0x1c, 0x1c),
           "green": (0x15, 0x80, 0x3d)}


def not_blank(path, rows, w, h):
    white = sum(1 for r in rows for p in r if p[0] > 245 and p[1] > 245 and p[2] > 245)
    colours = len({p for r in rows[::7] for p in r[::7]})
    if white < w * h * 0.99 and colours > 8:
        ok("%s: %dx%d, not blank (%.1f%% not white, %d colours sampled)"
           % (path, w, h, 100.0 * (w * h - white) / (w * h), colours))
    else:
        bad("%s looks blank (%d of %d pixels white, %d colours)" % (path, white, w * h, colours))


def cmd_png_index(path):
    w, h, rows = png_decode(path)
    not_blank(path, rows, w, h)

    def first_row(rgb):
        for y, r in enumerate(rows):
            if sum(1 for p in r if near(p, rgb, 12)) > 20:
                return y
        return -1
    red, green = first_row(COLOURS["red"]), first_row(COLOURS["green"])
    if 0 <= red < green:
        ok("%s: the FAIL badge (red, row %d) is drawn above the PASS badges (green, row %d)" % (path, red, green))
    else:
        bad("%s: red badge at row %d, green at %d" % (path, red, green))


def nearest(p):
    """The arrow colour p is (nearest to, and close), or None."""
    best, bd = None, 60 * 60 * 3
    for name in ("blue", "orange", "red"):
        c = COLOURS[name]
        d = sum((p[k] - c[k]) ** 2 for k in range(3))
        if d < bd:
            best, bd = name, d
    return best


def arrow_rows(rows, name):
    """The middle rows of the horizontal runs of arrow colour name at least 300 pixels wide."""
    hits = [y for y, r in enumerate(rows) if sum(1 for p in r if nearest(p) == name) >= 300]
    runs, start = [], None
    for k, y in enumerate(hits):
        if start is None:
            start = y
        if k + 1 == len(hits) or hits[k + 1] != y + 1:
            runs.append((start + y) / 2.0)
            start = None
    return runs


def cmd_png_ladder(path, times, colours=""):
    """times: the packets' epoch times, one a line, in ladder order; colours:
    the arrows' colours (blue, orange, red) comma separated, or empty."""
    w, h, rows = png_decode(path)
    not_blank(path, rows, w, h)
    t = [float(x) for x in open(times).read().split()]
    found = sorted((y, name) for name in ("blue", "orange", "red") for y in arrow_rows(rows, name))
    ys = [y for y, _ in found]
    # the ladder's rule (svg.c): 26 pixels from one arrow to the next, 16
    # more after a pause of 100 ms or longer
    exp = [0.0]
    for a, b in zip(t, t[1:]):
        exp.append(exp[-1] + 26 + (16 if b - a >= 0.1 else 0))
    visible = [e for e in exp if ys and ys[0] + e < h - 5]
    if not ys:
        bad("%s: no arrow found" % path)
        return
    if len(ys) == len(visible) and all(abs(ys[0] + e - y) <= 2 for e, y in zip(visible, ys)):
        ok("%s: %d arrows at rows %s, where the packet times put them" % (path, len(ys), [int(y) for y in ys]))
    else:
        bad("%s: arrows at %s, the times put them at %s" % (path, ys, [ys[0] + e for e in visible]))
    if colours:
        want = colours.split(",")[:len(found)]
        got = [name for _, name in found]
        if got == want:
            ok("%s: arrow colours %s (retransmissions stand out)" % (path, ",".join(got)))
        else:
            bad("%s: arrow colours %s, want %s" % (path, got, want))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"escape": cmd_escape, "svgs": cmd_svgs, "htmllint": cmd_htmllint, "index": cmd_index,
     "ladders": cmd_ladders, "ascii": cmd_ascii, "filter": cmd_filter, "png-index": cmd_png_index,
     "png-ladder": cmd_png_ladder}[cmd](*args)
    sys.exit(failed)


if __name__ == "__main__":
    main()
