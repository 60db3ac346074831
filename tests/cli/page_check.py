# SPDX-License-Identifier: GPL-2.0-or-later
"""The search page in a real browser, for tests/cli/test_page.sh.

page_check.py URL SHOT.png: drives Debian's headless Chromium through chromedriver's WebDriver
protocol (plain HTTP, standard library only): loads the page, types a query, picks an actor,
searches, and checks the results, a highlighted word, the timeline's bars and a phone-width
layout in the DOM; saves a screenshot to SHOT.png. Prints "ok"/"FAIL" lines; exits 1 on a
failure.
"""
import base64
import shutil
import tempfile
import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.parse

import serve_check
from serve_check import check, get_json

ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Driver:
    def __init__(self, port):
        self.port = port
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        c = http.client.HTTPConnection('127.0.0.1', self.port, timeout=timeout)
        try:
            data = json.dumps(body).encode() if body is not None else None
            c.request(method, path, body=data, headers={'Content-Type': 'application/json'})
            r = c.getresponse()
            doc = json.loads(r.read() or b'{}')
        finally:
            c.close()
        if r.status >= 400:
            raise RuntimeError('%s %s: %s' % (method, path, doc.get('value', doc)))
        return doc.get('value')

    def s(self, method, path, body=None):
        return self.call(method, '/session/%s%s' % (self.session, path), body)

    def script(self, code, *args):
        return self.s('POST', '/execute/sync', {'script': code, 'args': list(args)})

    def find(self, css):
        return self.s('POST', '/element', {'using': 'css selector', 'value': css})[ELEMENT]

    def wait(self, code, what, seconds=30):
        end = time.time() + seconds
        while time.time() < end:
            v = self.script(code)
            if v:
                return v
            time.sleep(0.1)
        raise RuntimeError('timed out waiting for ' + what)


def wait_for(what, probe, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if probe():
                return
        except (OSError, RuntimeError, ValueError):
            pass
        time.sleep(0.1)
    raise RuntimeError('timed out waiting for ' + what)


def main():
    url, shot = sys.argv[1], sys.argv[2]
    profile = tempfile.mkdtemp(prefix='nx-page-')
    # The browser is started here and chromedriver attaches to it at 127.0.0.1: left to start
    # it, chromedriver reaches it at "localhost", which a bare debootstrap root (no /etc/hosts)
    # does not resolve.
    cdp = free_port()
    browser = subprocess.Popen(
        ['chromium', '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
         '--window-size=1200,900', '--no-first-run', '--user-data-dir=' + profile,
         '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=%d' % cdp,
         'about:blank'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    drv = subprocess.Popen(['chromedriver', '--port=%d' % port],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = Driver(port)
    try:
        def devtools():
            c = http.client.HTTPConnection('127.0.0.1', cdp, timeout=2)
            c.request('GET', '/json/version')
            return c.getresponse().status == 200

        wait_for('the browser', devtools)
        wait_for('chromedriver', lambda: d.call('GET', '/status', timeout=2).get('ready'))
        caps = {'capabilities': {'alwaysMatch': {
            'browserName': 'chrome',
            'goog:chromeOptions': {'debuggerAddress': '127.0.0.1:%d' % cdp}}}}
        d.session = d.call('POST', '/session', caps)['sessionId']
        run(d, url, shot)
    finally:
        drv.terminate()
        drv.wait(10)
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


def api(url, path):
    return get_json(url, path)[2]


def headers(url):
    status, h, _ = serve_check.request(url, 'GET', '/')
    check('/ is the page (text/html)', status == 200 and
          h.get('content-type', '').startswith('text/html'), (status, h.get('content-type')))
    check('the page may load nothing from elsewhere (CSP)',
          h.get('content-security-policy', '').startswith("default-src 'self'"), h)


def run(d, url, shot):
    headers(url)
    d.s('POST', '/url', {'url': url})
    d.wait('return document.body.dataset.ready === "1"', 'the page to load its lexicon')
    actors = d.script('return [...document.querySelectorAll("#actor option")].map(o => o.value)')
    check('the actor list comes from /actors', 'lavrov' in actors and len(actors) > 5, actors[:5])
    check('the search box has the focus',
          d.script('return document.activeElement.id') == 'q')

    d.s('POST', '/element/%s/value' % d.find('#q'), {'text': 'ceasefire'})
    d.s('POST', '/element/%s/click' % d.find('#actor option[value="lavrov"]'), {})
    d.s('POST', '/element/%s/click' % d.find('#go'), {})
    status = d.wait('const t = document.getElementById("status").textContent;'
                    'return /match/.test(t) ? t : null', 'the results')
    want = api(url, '/search?q=ceasefire&actor=lavrov&limit=10&timeline=month')
    check('the status counts what the API counts',
          status.startswith('%d article' % want['total']), (status, want['total']))
    items = d.script('return [...document.querySelectorAll("#results > li")]'
                     '.map(li => [li.dataset.article, li.dataset.actors])')
    check('results are shown', len(items) == len(want['results']) and items,
          (len(items), len(want['results'])))
    check('every result names the actor', all('lavrov' in a.split() for _, a in items), items)
    check('the results are the API\'s, in order',
          [i for i, _ in items] == [r['article_id'] for r in want['results']])
    marks = d.script('return [...document.querySelectorAll("#results mark")]'
                     '.map(m => m.textContent.toLowerCase())')
    check('a query word is highlighted', any('ceasefire' in m for m in marks), marks)
    bars = d.script('return [...document.querySelectorAll("#chart svg rect.bar")]'
                    '.map(r => Number(r.dataset.count))')
    check('the timeline has bars adding up to the dated articles',
          bars and sum(bars) == want['timeline']['dated'], (bars, want['timeline']))
    check('the page keeps the search in its address',
          'q=ceasefire' in d.script('return location.search') and
          'actor=lavrov' in d.script('return location.search'))

    # "more from this article" opens the stored article with the passage marked
    d.s('POST', '/element/%s/click' % d.find('#results > li button.link'), {})
    text = d.wait('const a = document.querySelector("#results .article");'
                  'return a && a.textContent', 'the article')
    article = api(url, '/articles/' + urllib.parse.quote(items[0][0]))
    check('more from this article shows its body', text == article['body'])

    # a typo: the page offers the correction, which searches it
    d.script('document.getElementById("actor").value = ""')
    q = d.find('#q')
    d.s('POST', '/element/%s/clear' % q, {})
    d.s('POST', '/element/%s/value' % q, {'text': 'ceasfire\ue007'})  # Enter submits
    d.wait('return document.getElementById("suggestion")', 'a suggestion')
    d.s('POST', '/element/%s/click' % d.find('#suggestion'), {})
    d.wait('return document.getElementById("q").value === "ceasefire" &&'
           ' document.querySelectorAll("#results > li").length > 0', 'the corrected search')
    check('did you mean: a click searches the correction', True)

    # a query error is shown, not thrown away
    d.s('POST', '/element/%s/clear' % q, {})
    d.s('POST', '/element/%s/value' % q, {'text': 'date:2022-13 grain\ue007'})
    err = d.wait('const e = document.getElementById("error");'
                 'return !e.hidden && e.textContent', 'an error message')
    check('a bad query shows the API\'s message', "not '2022-13'" in err, err)

    d.s('POST', '/element/%s/clear' % q, {})
    d.s('POST', '/element/%s/value' % q, {'text': 'ceasefire\ue007'})
    d.wait('return document.querySelectorAll("#results > li").length > 0', 'results again')
    d.s('POST', '/window/rect', {'width': 390, 'height': 844})
    over = d.script('return document.documentElement.scrollWidth - window.innerWidth')
    check('a phone width needs no sideways scrolling', over <= 0, over)
    d.s('POST', '/window/rect', {'width': 1200, 'height': 900})
    png = base64.b64decode(d.s('GET', '/screenshot'))
    with open(shot, 'wb') as f:
        f.write(png)
    check('a screenshot is saved', png[:8] == b'\x89PNG\r\n\x1a\n', shot)


if __name__ == '__main__':
    try:
        main()
    except (OSError, RuntimeError, KeyError, ValueError) as e:
        check('the browser session', False, e)
    sys.exit(1 if serve_check.failed else 0)
