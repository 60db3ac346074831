# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks of a running newsidx-serve, for tests/cli/test_serve.sh.

serve_check.py STEP URL [ARGS...]: each STEP prints "ok   - name" or "FAIL - name: why" lines
and exits 1 when anything failed.
"""
import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse

failed = 0


def check(name, cond, why=''):
    global failed
    if cond:
        print('ok   - ' + name)
    else:
        failed += 1
        print('FAIL - %s%s' % (name, ': ' + str(why) if why else ''))


def request(url, method, path, body=None, headers=None, timeout=30):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
    finally:
        c.close()


def get_json(url, path, **kw):
    status, hdrs, data = request(url, 'GET', path, **kw)
    try:
        doc = json.loads(data)
    except ValueError:
        doc = None
    return status, hdrs, doc


def expect_error(url, name, method, path, status, code, body=None, headers=None):
    st, hdrs, data = request(url, method, path, body=body, headers=headers)
    try:
        doc = json.loads(data)
        got = doc['error']['code']
        msg = doc['error']['message']
    except (ValueError, KeyError, TypeError):
        got, msg = None, data[:100]
    check(name, st == status and got == code and msg,
          'status %s code %s message %r (expected %s %s)' % (st, got, msg, status, code))
    return hdrs


def q(**params):
    return '/search?' + urllib.parse.urlencode(params, doseq=True)


def read_steps(url, cli_file):
    st, hdrs, doc = get_json(url, '/health')
    check('GET /health is 200 ok', st == 200 and doc.get('status') == 'ok', (st, doc))
    check('JSON content type, no CORS header by default',
          hdrs.get('content-type', '').startswith('application/json') and
          'access-control-allow-origin' not in hdrs, hdrs)
    st, _, doc = get_json(url, '/stats')
    check('GET /stats counts the sample', st == 200 and doc['articles'] == 25 and
          doc['passages'] > 25 and doc['lexicon'], doc)
    st, _, doc = get_json(url, '/actors')
    check('GET /actors lists the lexicon', st == 200 and 'lavrov' in doc['actors'], doc)
    st, _, doc = get_json(url, '/topics')
    check('GET /topics lists the lexicon', st == 200 and 'ceasefire' in doc['topics'], doc)

    cli = [json.loads(line) for line in open(cli_file, encoding='utf-8')]
    cli = [r for r in cli if r['type'] == 'result']  # not its summary line
    st, _, doc = get_json(url, q(q='ceasefire', limit=5))
    same = st == 200 and doc['results'] == cli and doc['total'] >= len(cli) > 0
    check('GET /search results are newsidx-query --json result objects', same,
          (st, doc and [r['article_id'] for r in doc.get('results', [])],
           [r['article_id'] for r in cli]))
    check('GET /search has total, passages, offset',
          st == 200 and doc['passages'] >= doc['total'] and doc['offset'] == 0 and
          'facets' not in doc, doc and list(doc))
    st, _, page2 = get_json(url, q(q='ceasefire', limit=2, offset=2))
    check('offset pages on: ranks 3.. are the results 3..',
          st == 200 and [r['article_id'] for r in page2['results']] ==
          [r['article_id'] for r in cli[2:4]] and page2['results'][0]['rank'] == 3, page2)
    st, _, doc = get_json(url, q(q='talks', facets=1))
    check('facets=1 adds the facet counts',
          st == 200 and set(doc['facets']) == {'actor', 'topic', 'source', 'month', 'said'} and
          all('name' in f and 'count' in f for f in doc['facets']['source']), doc)
    st, _, doc = get_json(url, q(actor='Sergey Lavrov', limit=20))
    check('actor= filters by any spelling', st == 200 and doc['results'] and
          all('lavrov' in r['actors'] for r in doc['results']), doc)
    st, _, doc = get_json(url, q(actor=['lavrov', 'kuleba'], topic='ceasefire'))
    check('repeated actor= and topic= are all required', st == 200 and
          all({'lavrov', 'kuleba'} <= set(r['actors']) and 'ceasefire' in r['topics']
              for r in doc['results']), doc)
    st, _, doc = get_json(url, q(q='talks', since='2022-03', until='2022-03', sort='date',
                                 limit=50))
    dates = [r['date'] for r in doc['results']] if st == 200 else []
    check('since, until and sort=date', st == 200 and dates and
          all('2022-03-01' <= d <= '2022-03-31' for d in dates) and
          dates == sorted(dates, reverse=True), dates)
    st, _, doc = get_json(url, q(q='talks', source='Meridian'))
    check('source= filters', st == 200 and doc['results'] and
          all('Meridian' in r['source'] for r in doc['results']), doc)
    st, _, doc = get_json(url, q(q='talks', per_article=3, explain='true', passage_only=1,
                                 no_feedback=1))
    check('per_article, explain, passage_only, no_feedback', st == 200 and
          all('explain' in r for r in doc['results']), doc)

    st, _, doc = get_json(url, q(q='talks', timeline='week'))
    tl = doc.get('timeline') if st == 200 else None
    check('timeline=week counts the articles per week', tl and tl['period'] == 'week' and
          tl['articles'] == doc['total'] and tl['dated'] + tl['undated'] == doc['total'] and
          sum(c['count'] for c in tl['counts']) == tl['dated'] and
          all(c['period'][4] == '-' and 'W' in c['period'] for c in tl['counts']), tl)
    st, _, doc = get_json(url, '/search?q=talks&timeline')
    check('timeline without a value is by month', st == 200 and
          doc['timeline']['period'] == 'month' and 'facets' not in doc, doc)
    st, _, doc = get_json(url, q(q='ceasfire'))
    check('a typo gets suggestions, not corrected', st == 200 and
          doc['suggestions'] == ['ceasefire'] and doc['corrected'] is False and
          doc['total'] == 0, doc)
    st, _, doc = get_json(url, q(q='ceasfire', fix_typos=1))
    check('fix_typos=1 searches the correction', st == 200 and doc['corrected'] is True and
          doc['total'] > 0, doc)

    aid = cli[0]['article_id']
    st, _, doc = get_json(url, '/articles/' + urllib.parse.quote(aid))
    check('GET /articles/ID is the stored article', st == 200 and doc['article_id'] == aid and
          doc['type'] == 'article' and doc['body'], doc)

    bad = [('limit=0', q(q='a', limit=0), 400, 'EINVAL'),
           ('limit over 100', q(q='a', limit=101), 400, 'ELIMIT'),
           ('offset not a number', q(q='a', offset='x'), 400, 'EINVAL'),
           ('sort=popularity', q(q='a', sort='popularity'), 400, 'EINVAL'),
           ('impossible since', q(q='a', since='2022-02-31'), 400, 'EINVAL'),
           ('since after until', q(q='a', since='2022-04-02', until='2022-03'), 400, 'EINVAL'),
           ('unknown parameter', q(q='a', colour='red'), 400, 'EINVAL'),
           ('facets=maybe', q(q='a', facets='maybe'), 400, 'EINVAL'),
           ('timeline=year', q(q='a', timeline='year'), 400, 'EINVAL'),
           ('limit without a value', '/search?q=a&limit', 400, 'EINVAL'),
           ('unknown actor', q(actor='nobody-at-all'), 400, 'ENOTFOUND'),
           ('query syntax error', q(q='(('), 400, 'EQUERY'),
           ('nothing to search for', '/search', 400, 'EINVAL'),
           ('q over 4096 bytes', q(q='a' * 4097), 414, 'ELIMIT'),
           ('unknown article', '/articles/no-such-article', 404, 'ENOTFOUND'),
           ('unknown path', '/nowhere', 404, 'ENOTFOUND'),
           ('/articles/ without an id', '/articles/', 404, 'ENOTFOUND')]
    for name, path, status, code in bad:
        expect_error(url, '%s is %d %s' % (name, status, code), 'GET', path, status, code)
    long_q = ('ceasefirexxxxxx ' * 256)[:-1] + 'x'
    st, _, doc = get_json(url, q(q=long_q, limit=100))
    check('q of 4096 bytes and limit=100 are taken',
          len(long_q) == 4096 and st == 200 and 'results' in doc, (st, doc))
    expect_error(url, "the library's query limit (257 words) is 400 ELIMIT", 'GET',
                 q(q='talks ' * 257), 400, 'ELIMIT')
    st, _, _ = request(url, 'GET', q(q='a' * 70000))
    check('a request line over 64 KiB is 414', st == 414, st)
    hdrs = expect_error(url, 'POST /search is 405', 'POST', '/search', 405, 'EMETHOD', body=b'x')
    check('405 names the allowed methods', hdrs.get('allow') == 'GET', hdrs)
    expect_error(url, 'PUT /articles is 405', 'PUT', '/articles', 405, 'EMETHOD', body=b'x')
    expect_error(url, 'GET /articles is 405', 'GET', '/articles', 405, 'EMETHOD')
    expect_error(url, 'OPTIONS without --cors is 405', 'OPTIONS', '/articles', 405, 'EMETHOD')


def lines(*articles):
    return ''.join(json.dumps(a) + '\n' for a in articles).encode()


def write_steps(url, token):
    auth = {'Authorization': 'Bearer ' + token}
    art = {'id': 'serve-1', 'title': 'Quokka summit', 'date': '2022-05-01',
           'source': 'Test Wire', 'body': 'Delegates met the quokka negotiators in Perth.'}
    expect_error(url, 'POST without a token is 401', 'POST', '/articles', 401, 'EAUTH',
                 body=lines(art))
    expect_error(url, 'POST with a wrong token is 401', 'POST', '/articles', 401, 'EAUTH',
                 body=lines(art), headers={'Authorization': 'Bearer ' + token + 'x'})
    expect_error(url, 'a token that is a prefix is 401', 'POST', '/articles', 401, 'EAUTH',
                 body=lines(art), headers={'Authorization': 'Bearer ' + token[:-1]})
    expect_error(url, 'Basic instead of Bearer is 401', 'POST', '/articles', 401, 'EAUTH',
                 body=lines(art), headers={'Authorization': 'Basic ' + token})
    expect_error(url, 'an empty body is 400', 'POST', '/articles', 400, 'EINPUT', body=b'',
                 headers=auth)
    body = lines(art) + b'{"id": "broken", \n' + lines({'id': 'serve-2', 'body': ''},
                                                       {'id': 'serve-3', 'date': '2022-02-31',
                                                        'body': 'Quokka text.'})
    st, _, data = request(url, 'POST', '/articles', body=body, headers=auth)
    doc = json.loads(data)
    errs = {e['line']: e for e in doc.get('errors', [])}
    check('POST /articles indexes the good lines', st == 200 and doc['added'] == 1, doc)
    check('POST reports each bad line with its number and code',
          set(errs) == {2, 3, 4} and all(e['code'] == 'EINPUT' and e['message']
                                         for e in errs.values()), doc)
    st, _, doc = get_json(url, q(q='quokka'))
    check('a posted article is found by the next search',
          st == 200 and [r['article_id'] for r in doc['results']] == ['serve-1'], doc)
    st, _, doc = get_json(url, '/articles/serve-1')
    check('a posted article is stored', st == 200 and doc['title'] == 'Quokka summit', doc)
    st, _, doc = get_json(url, '/stats')
    check('/stats counts it', st == 200 and doc['articles'] == 26, doc)
    expect_error(url, 'DELETE without a token is 401', 'DELETE', '/articles/serve-1', 401,
                 'EAUTH')
    st, _, data = request(url, 'DELETE', '/articles/serve-1', headers=auth)
    check('DELETE /articles/ID removes it', st == 200 and
          json.loads(data)['deleted'] == 'serve-1', (st, data))
    expect_error(url, 'a deleted article is 404', 'GET', '/articles/serve-1', 404, 'ENOTFOUND')
    expect_error(url, 'DELETE of an unknown article is 404', 'DELETE', '/articles/serve-1', 404,
                 'ENOTFOUND', headers=auth)
    st, _, data = request(url, 'POST', '/articles', body=b'{\n' * 102 + lines(art), headers=auth)
    doc = json.loads(data)
    check('a POST lists 100 errors and counts them all',
          st == 200 and len(doc['errors']) == 100 and doc['errors_total'] == 102 and
          doc['errors'][99]['line'] == 100 and doc['unchanged'] == 0 and doc['added'] == 1,
          (st, doc.get('errors_total'), len(doc.get('errors', []))))
    request(url, 'DELETE', '/articles/serve-1', headers=auth)
    hdrs = expect_error(url, 'DELETE /articles is 405', 'DELETE', '/articles', 405, 'EMETHOD',
                        headers=auth)
    check('405 on /articles allows POST', hdrs.get('allow') == 'POST', hdrs)


def raw(url):
    u = urllib.parse.urlsplit(url)
    return socket.create_connection((u.hostname, u.port), timeout=30)


def status_of(sock):
    data = b''
    while b'\r\n' not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    parts = data.split(b' ', 2)
    return int(parts[1]) if len(parts) > 1 else None


def limit_steps(url, token, max_connections, timeout):
    # A 10 MB body: refused from its Content-Length, before it is read.
    s = raw(url)
    s.sendall(b'POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ' + token.encode() +
              b'\r\nContent-Type: application/x-ndjson\r\nContent-Length: 10485760\r\n\r\n' +
              b'{"body": "' + b'x' * 65536)
    st = status_of(s)
    s.close()
    check('a 10 MB body is 413', st == 413, st)
    # The same without Content-Length (chunked): the connection ends at 8 MiB.
    s = raw(url)
    s.sendall(b'POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ' + token.encode() +
              b'\r\nTransfer-Encoding: chunked\r\n\r\n')
    chunk = b'x' * 1048576
    cut = False
    try:
        for _ in range(10):
            s.sendall(b'%x\r\n' % len(chunk) + chunk + b'\r\n')
        s.sendall(b'0\r\n\r\n')
        cut = s.recv(4096) == b''
    except OSError:
        cut = True
    s.close()
    check('a chunked body over 8 MiB ends the connection', cut)
    # A slow client: half a request line, then silence.
    s = raw(url)
    s.sendall(b'GET /health HT')
    start = time.monotonic()
    try:
        closed = s.recv(4096) == b''
    except OSError:
        closed = True
    took = time.monotonic() - start
    s.close()
    check('a slow client is timed out after --timeout',
          closed and timeout - 1 <= took < timeout + 10, 'closed %s after %.1f s' % (closed, took))
    # Overload: idle connections up to the limit, then a request is 503.
    idle = [raw(url) for _ in range(max_connections)]
    time.sleep(0.5)
    expect_error(url, 'over --max-connections is 503', 'GET', '/health', 503, 'EBUSY')
    for s in idle:
        s.close()
    time.sleep(0.5)
    st, _, _ = request(url, 'GET', '/health')
    check('below the limit again it answers', st == 200, st)


def searches_under_writes(url, words, clients, searches, poster, errors):
    """CLIENTS threads of SEARCHES keep-alive searches (words round-robin, facets on every
    other) while poster() writes; failures go to errors. Returns the searches' seconds,
    sorted, after printing p50 and p99 (reported, not judged: speed belongs in bench/)."""
    u = urllib.parse.urlsplit(url)
    took = []
    lock = threading.Lock()

    def searcher(n):
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        for i in range(searches):
            try:
                start = time.monotonic()
                c.request('GET', q(q=words[(n + i) % len(words)], limit=10, facets=i % 2))
                r = c.getresponse()
                body = r.read()
                with lock:
                    took.append(time.monotonic() - start)
                if r.status != 200 or 'results' not in json.loads(body):
                    errors.append((r.status, body[:200]))
            except Exception as e:  # one failed request is a failed check
                errors.append(repr(e))
                c.close()
                c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        c.close()

    threads = [threading.Thread(target=searcher, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=poster))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took.sort()
    if took:
        print('     %d searches under writes: p50 %.1f ms, p99 %.1f ms' %
              (len(took), 1e3 * took[len(took) // 2], 1e3 * took[len(took) * 99 // 100]))
    return took


def load_steps(url, token):
    errors = []
    words = ['ceasefire', 'talks', 'Lavrov', 'energy', 'NATO', 'grain', 'minister', 'quokka']
    posted = []

    def poster():
        for b in range(20):
            batch = [{'id': 'load-%d-%d' % (b, k), 'title': 'Load %d' % b,
                      'body': 'Wombat convoy %d reached checkpoint %d.' % (b, k)}
                     for k in range(5)]
            st, _, data = request(url, 'POST', '/articles', body=lines(*batch),
                                  headers={'Authorization': 'Bearer ' + token}, timeout=60)
            if st != 200 or json.loads(data)['added'] != 5:
                errors.append(('POST', st, data[:200]))
            posted.extend(a['id'] for a in batch)

    searches_under_writes(url, words, 8, 100, poster, errors)
    check('8 clients x 100 searches while POSTs add articles: 0 failed requests',
          not errors, '%d failed: %s' % (len(errors), errors[:3]))
    missing = [i for i in posted if request(url, 'GET', '/articles/' + i)[0] != 200]
    check('every posted article is stored', len(posted) == 100 and not missing, missing[:5])
    st, _, doc = get_json(url, q(q='wombat', limit=100, per_article=1))
    check('every posted article is found by a search',
          st == 200 and doc['total'] == 100, doc and doc.get('total'))


def corpus_steps(url, token, corpus, clients, searches):
    """CLIENTS x SEARCHES searches while the writer posts CORPUS (JSON Lines) in batches of
    100 articles; then every article is stored and found by its title."""
    articles = [json.loads(line) for line in open(corpus, encoding='utf-8')]
    words = ['ceasefire', 'Lavrov talks', 'gas pipeline', 'NATO membership', 'grain corridor',
             'actor:zelenskyy', 'sanctions oil', '"humanitarian corridor"', 'Mariupol',
             'Kuleba Antalya']
    errors = []

    def poster():
        for b in range(0, len(articles), 100):
            body = ''.join(json.dumps(a) + '\n' for a in articles[b:b + 100]).encode()
            st, _, data = request(url, 'POST', '/articles', body=body,
                                  headers={'Authorization': 'Bearer ' + token}, timeout=600)
            if st != 200 or json.loads(data)['added'] != len(articles[b:b + 100]):
                errors.append(('POST', b, st, data[:200]))

    took = searches_under_writes(url, words, clients, searches, poster, errors)
    check('%d clients x %d searches while the writer posts %d articles: 0 failed requests' %
          (clients, searches, len(articles)), not errors and len(took) == clients * searches,
          '%d failed: %s' % (len(errors), errors[:3]))
    st, _, doc = get_json(url, '/stats')
    check('/stats counts every posted article and the seed',
          st == 200 and doc['articles'] == len(articles) + 1, doc)
    missing = [a['id'] for a in articles
               if request(url, 'GET', '/articles/' + urllib.parse.quote(a['id']))[0] != 200]
    check('every posted article is stored', not missing, missing[:5])
    titles = {}
    for a in articles:
        titles.setdefault(a['title'], []).append(a['id'])
    lost = []
    for title, ids in titles.items():
        words_of = title.replace('"', ' ').split()[:12]  # a phrase holds at most 16 words
        if len(ids) > 1 or not words_of:
            continue  # a title several articles share finds them all: not one article's test
        st, _, doc = get_json(url, q(q='title:"%s"' % ' '.join(words_of), limit=100,
                                     per_article=1))
        found = [r['article_id'] for r in doc['results']] if st == 200 else []
        found += [c['article_id'] for r in doc['results'] for c in r['also_in']] if found else []
        if ids[0] not in found:  # a copy of another's body is found as that one's copy
            lost.append((ids[0], st))
    check('every article with a title of its own is found by a search of it', not lost,
          '%d not found: %s' % (len(lost), lost[:5]))


def drain_steps(url, token, pid):
    # A request in flight when SIGTERM comes: its headers and half its body are in, the rest
    # comes after the signal, and it is still answered (and committed).
    import os
    import signal
    body = lines({'id': 'drain-1', 'body': 'The numbat arrived after the signal.'})
    s = raw(url)
    # The server says 100 Continue once its handler has taken the request: it is in flight.
    s.sendall(b'POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ' + token.encode() +
              b'\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n' % len(body))
    cont = b''
    while not cont.endswith(b'\r\n\r\n'):
        chunk = s.recv(1)
        if not chunk:
            break
        cont += chunk
    check('a POST with Expect: 100-continue is told to go on', cont.startswith(b'HTTP/1.1 100'),
          cont)
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.5)
    s.sendall(body)
    st = status_of(s)
    s.close()
    check('SIGTERM: a request in flight is still answered', st == 200, st)


def spool_steps(url, token):
    # The spool folder was removed under the server: an internal failure, 500.
    expect_error(url, 'a failure of the server itself is 500', 'POST', '/articles', 500, 'EIO',
                 body=lines({'id': 'x', 'body': 'Text.'}),
                 headers={'Authorization': 'Bearer ' + token})


def second_steps(url, token, origin):
    st, hdrs, _ = request(url, 'GET', '/health')
    check('--cors ORIGIN sends Access-Control-Allow-Origin',
          st == 200 and hdrs.get('access-control-allow-origin') == origin, hdrs)
    st, hdrs, data = request(url, 'OPTIONS', '/articles')
    check('--cors answers a preflight OPTIONS with 204 and the methods and headers',
          st == 204 and not data and hdrs.get('access-control-allow-origin') == origin and
          'POST' in hdrs.get('access-control-allow-methods', '') and
          'Authorization' in hdrs.get('access-control-allow-headers', ''), (st, hdrs, data))
    expect_error(url, 'a write while another writer holds the index is 409', 'POST', '/articles',
                 409, 'ELOCKED', body=lines({'id': 'x', 'body': 'Text.'}),
                 headers={'Authorization': 'Bearer ' + token})


def readonly_steps(url):
    expect_error(url, 'without --write-token a POST is 401', 'POST', '/articles', 401, 'EAUTH',
                 body=lines({'id': 'x', 'body': 'Text.'}),
                 headers={'Authorization': 'Bearer anything'})


def maxtime_steps(url):
    """A server whose --max-time no search can meet: searches are 503, the rest answers."""
    expect_error(url, 'a search over --max-time is 503 ETIMEOUT', 'GET', q(q='ceasefire'), 503,
                 'ETIMEOUT')
    status, _, body = request(url, 'GET', q(q='ceasefire'))
    message = json.loads(body)['error']['message'] if status == 503 else ''
    check('the 503 names the time limit', 'time limit of 1e-06 s' in message, message)
    for path in ('/health', '/stats', '/actors'):
        status, _, _ = request(url, 'GET', path)
        check('%s is not bounded by --max-time' % path, status == 200, status)


def main():
    step, url = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    if step == 'read':
        read_steps(url, args[0])
    elif step == 'write':
        write_steps(url, args[0])
    elif step == 'limits':
        limit_steps(url, args[0], int(args[1]), int(args[2]))
    elif step == 'load':
        load_steps(url, args[0])
    elif step == 'corpus':
        corpus_steps(url, args[0], args[1], int(args[2]), int(args[3]))
    elif step == 'drain':
        drain_steps(url, args[0], int(args[1]))
    elif step == 'spool':
        spool_steps(url, args[0])
    elif step == 'second':
        second_steps(url, args[0], args[1])
    elif step == 'readonly':
        readonly_steps(url)
    elif step == 'maxtime':
        maxtime_steps(url)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
