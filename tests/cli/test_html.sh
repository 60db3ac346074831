#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# HTML pages and a WARC web archive through newsidx-index and newsidx-query.
. "$(dirname "$0")/common.sh"

DB=$TMP/web.nx
ARCH=$TMP/arch
mkdir -p "$ARCH/pages"
cp "$NX_SRC"/tests/data/html/*.html "$ARCH/pages/"
gzip -c "$NX_SRC/tests/data/html/latin1.html" >"$ARCH/pages/cafes-copy.html.gz"

# A crawl, gzip per record: warcinfo, request, a chunked + gzip response, metadata, an image,
# a damaged record, a second page, and a later capture of the first page.
python3 - "$ARCH/crawl.warc.gz" <<'PY' || exit 1
import gzip, sys
def page(title, paras):
    return ("<!doctype html><html><head><title>%s</title>"
            "<meta property='og:site_name' content='Pier Gazette'></head><body>"
            "<nav><a href='/'>Front page of the Gazette</a></nav><article>%s</article>"
            "<div class='share-tools'>Share this zeppelin story</div></body></html>"
            % (title, "".join("<p>%s</p>" % p for p in paras))).encode()
def chunked(b, size=40):
    out = b""
    for i in range(0, len(b), size):
        out += b"%x\r\n" % len(b[i:i + size]) + b[i:i + size] + b"\r\n"
    return out + b"0\r\n\r\n"
def record(kind, uri, date, ctype, block):
    head = "WARC/1.1\r\nWARC-Type: %s\r\n" % kind
    if uri: head += "WARC-Target-URI: %s\r\n" % uri
    head += "WARC-Date: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (date, ctype, len(block))
    return gzip.compress(head.encode() + block + b"\r\n\r\n")
def response(uri, date, body, headers=b"Content-Type: text/html; charset=utf-8\r\n", status=200):
    return record("response", uri, date, "application/http; msgtype=response",
                  b"HTTP/1.1 %d OK\r\n" % status + headers + b"\r\n" + body)
z1 = page("Zeppelin lands at the pier", ["A zeppelin named Kestrel landed at the old pier on Sunday.",
          "The crew of six stayed for tea with the harbour master."])
out = record("warcinfo", None, "2031-06-01T00:00:00Z", "application/warc-fields", b"software: test\r\n")
out += record("request", "https://gazette.example/zeppelin", "2031-06-01T10:00:00Z",
              "application/http; msgtype=request", b"GET /zeppelin HTTP/1.1\r\n\r\n")
out += response("https://gazette.example/zeppelin", "2031-06-01T10:00:01Z", chunked(gzip.compress(z1)),
                b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")
out += record("metadata", "https://gazette.example/zeppelin", "2031-06-01T10:00:01Z",
              "application/warc-fields", b"fetchTimeMs: 12\r\n")
out += response("https://gazette.example/logo.png", "2031-06-01T10:00:02Z", b"\x89PNG\r\n\x1a\n\0\0",
                b"Content-Type: image/png\r\n")
out += gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nbroken\r\n\r\n")
out += response("https://gazette.example/kites", "2031-06-02T09:00:00Z",
                page("Kite festival moved", ["The kite festival moves to the dunes this year."]))
out += response("https://gazette.example/zeppelin", "2031-06-03T08:00:00Z",
                page("Zeppelin leaves the pier", ["The zeppelin Kestrel left the pier at dawn, lighter by one anchor."]))
# Captured out of order: the newer capture comes first in the file, and wins.
out += response("https://gazette.example/lanterns", "2031-06-05T08:00:00Z",
                page("Lanterns on the quay", ["The harbour lanterns now glow blue at night."]))
out += response("https://gazette.example/lanterns", "2031-06-04T08:00:00Z",
                page("Lanterns on the quay", ["The harbour lanterns still glow red at night."]))
open(sys.argv[1], "wb").write(out)
PY

run "$NX_INDEX" --db "$DB" -q --json "$ARCH"
expect "a damaged WARC record makes exit 1" 1 "crawl.warc.gz: record at byte "
grep -qF "missing or bad Content-Length" "$TMP/err" && pass "the damage is named" ||
    fail "the damage is named: $(cat "$TMP/err")"
pycheck "pages and WARC responses are indexed" "$TMP/out" "
import json, sys
s = json.loads(open(sys.argv[1]).read())
# 3 pages + a gzipped copy + zeppelin + kites + lanterns: only the newest capture of a page
if s['articles_added'] != 7 or s['articles_replaced'] != 0:
    sys.exit('added %d replaced %d' % (s['articles_added'], s['articles_replaced']))
# warcinfo, request, metadata and the image response hold no article; the damaged one is skipped
if s['records_ignored'] != 4 or s['skipped']['json'] != 1:
    sys.exit('records_ignored %d, skipped %r' % (s['records_ignored'], s['skipped']))
"

run "$NX_INDEX" --db "$TMP/text.nx" "$ARCH/crawl.warc.gz"
expect "the text summary counts the damaged record" 1 "damaged WARC record"
grep -qF "4 web archive records without an article ignored" "$TMP/err" "$TMP/out" &&
    pass "the text summary counts the records without an article" ||
    fail "the text summary counts the records without an article: $(cat "$TMP/err")"

run "$NX_QUERY" --db "$DB" --json harbour bridge cables
expect "an HTML page is found" 0 "" '"url":"https://courier.example/news/2031/harbour-bridge"'
pycheck "a hit says its offsets refer to the body" "$TMP/out" "
import json, sys
h = json.loads(open(sys.argv[1]).read().splitlines()[0])
if h.get('offsets') != 'body': sys.exit('offsets: %r' % h.get('offsets'))
if h['title'] != 'Harbour bridge in Valmora reopens after two years of repairs': sys.exit(h['title'])
if h['date'] != '2031-04-17' or h['source'] != 'The Valmora Courier': sys.exit(str(h))
open(sys.argv[1] + '.id', 'w').write(h['article_id'] + ' %d %d' % (h['start'], h['end']))
open(sys.argv[1] + '.passage', 'w').write(h['passage'])
"
read -r ID START END <"$TMP/out.id"
cp "$TMP/out.passage" "$TMP/passage"

run "$NX_QUERY" --db "$DB" --article "$ID" --json
expect "--article prints the stored article" 0 "" '"type":"article"'
pycheck "--article gives the body the offsets refer to, without boilerplate" "$TMP/out" "
import json, sys
a = json.loads(open(sys.argv[1]).read())
body = a['body'].encode()
if body[$START:$END].decode() != open('$TMP/passage').read(): sys.exit('passage is not body[start:end]')
for junk in ('cookies', 'Share on Facebook', 'Related stories', 'Reader comments', 'Advertisement'):
    if junk in a['body']: sys.exit('boilerplate kept: ' + junk)
if 'forty-two steel cables' not in a['body']: sys.exit('article text lost')
"
run "$NX_QUERY" --db "$DB" --article "$ID"
expect "--article as text" 0 "" "source: The Valmora Courier"
run "$NX_QUERY" --db "$DB" --article no-such-id
expect "--article with an unknown id" 1 "newsidx-query: article 'no-such-id' not found"
run "$NX_QUERY" --db "$DB" --article "$ID" bridge
expect "--article with query words is a usage error" 2 "--article takes no query words"

run "$NX_QUERY" --db "$DB" --json паром
expect "a windows-1251 page is found in UTF-8" 0 "" '"title":"Новый паром в Вальморе"'
run "$NX_QUERY" --db "$DB" --json --per-article 1 "café"
expect "an ISO-8859-1 page is found" 0 "" '"date":"2031-05-02"'
grep -qF '"article_id":"cafes-copy"' "$TMP/out" && pass "a .html.gz page is read" ||
    fail "a .html.gz page is read"

run "$NX_QUERY" --db "$DB" --json anchor
expect "the later capture of a page is indexed" 0 "" '"title":"Zeppelin leaves the pier"'
grep -qF '"date":"2031-06-03"' "$TMP/out" && pass "the recrawl has its WARC-Date" ||
    fail "the recrawl has its WARC-Date"
run "$NX_QUERY" --db "$DB" '"tea with the harbour master"'
expect "the older capture is gone" 0 "no results"
run "$NX_QUERY" --db "$DB" '"Share this zeppelin story"'
expect "share boilerplate of the WARC pages is not indexed" 0 "no results"
run "$NX_QUERY" --db "$DB" '"Front page of the Gazette"'
expect "navigation of the WARC pages is not indexed" 0 "no results"
run "$NX_QUERY" --db "$DB" --json lanterns
expect "the newest capture wins even when it comes first" 0 "" "glow blue"
grep -qF "glow red" "$TMP/out" && fail "the older capture is not indexed" ||
    pass "the older capture is not indexed"
run "$NX_INDEX" --db "$DB" -q --json "$ARCH"
pycheck "re-indexing the same archive changes nothing" "$TMP/out" "
import json, sys
s = json.loads(open(sys.argv[1]).read())
if (s['articles_added'], s['articles_replaced'], s['articles_unchanged']) != (0, 0, 7):
    sys.exit('added %d replaced %d unchanged %d' % (s['articles_added'], s['articles_replaced'],
                                                    s['articles_unchanged']))
"
run "$NX_QUERY" --db "$DB" --json kite festival
expect "the page after the damaged record is indexed" 0 "" '"source":"Pier Gazette"'

finish
