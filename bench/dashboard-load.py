"""Times the dashboard's tree of a namespace in headless Chromium driven over WebDriver (Debian's chromium and
chromedriver, the Python standard library only): from navigation to the page showing PODS pods, RUNS times, with each
list's timing, size and protocol. BENCHMARKS.md, "Dashboard", says how it was used.

usage: dashboard-load.py BASE_URL NAMESPACE PODS RUNS [ONE_TIME_LOGIN_LINK]   (CHROME_EXTRA=--disable-http2 for HTTP/1.1)
"""
import os, json, urllib.error, subprocess, sys, time, urllib.request, socket

base, namespace, pods, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
driver = subprocess.Popen(['chromedriver', f'--port={port}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wd = f'http://127.0.0.1:{port}'

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(wd + path, data=data, method=method, headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read())['value']
    except urllib.error.HTTPError as e:
        raise SystemExit(f'{method} {path}: {e.code} {e.read()[:600]}')

for _ in range(100):
    try:
        call('GET', '/status'); break
    except Exception:
        time.sleep(0.1)
try:
    sid = call('POST', '/session', {'capabilities': {'alwaysMatch': {'acceptInsecureCerts': True, 'goog:chromeOptions': {
        'binary': '/usr/bin/chromium', 'args': ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] + os.environ.get('CHROME_EXTRA', '').split()}}}})['sessionId']
    call('POST', f'/session/{sid}/timeouts', {'script': 60000, 'pageLoad': 60000})
    if len(sys.argv) > 5:  # a one-time login link
        call('POST', f'/session/{sid}/url', {'url': sys.argv[5]})
        for _ in range(100):
            if call('POST', f'/session/{sid}/execute/sync', {'script': "return (document.querySelector('#who') || {}).textContent || ''", 'args': []}):
                break
            time.sleep(0.2)
        print('logged in as', call('POST', f'/session/{sid}/execute/sync', {'script': "return document.querySelector('#who').textContent", 'args': []}))
    wait = """const done = arguments[arguments.length - 1];
      const want = %d;
      const check = () => document.querySelectorAll('a.node[data-key^="Pod/"]').length >= want
        ? done(performance.now()) : requestAnimationFrame(check);
      check();""" % pods
    for run in range(runs):
        call('POST', f'/session/{sid}/url', {'url': 'about:blank'})
        start = time.monotonic()
        call('POST', f'/session/{sid}/url', {'url': f'{base}/ui/#/tree/{namespace}'})
        try:
            shown = call('POST', f'/session/{sid}/execute/async', {'script': wait, 'args': []})
        except SystemExit as timeout:
            print(f'run {run + 1}: no tree of {pods} pods within 60 s: {str(timeout)[:120]}')
            shown = float('nan')
        wall = time.monotonic() - start
        facts = call('POST', f'/session/{sid}/execute/sync', {'script': """
          const lists = performance.getEntriesByType('resource').filter(e => e.name.includes('/api') && !e.name.includes('watch='));
          return {lists: lists.map(e => ({path: e.name.replace(/^https?:\\/\\/[^/]+/, ''), start: Math.round(e.startTime),
              end: Math.round(e.responseEnd), bytes: e.encodedBodySize, proto: e.nextHopProtocol})),
            dom: document.getElementsByTagName('*').length,
            nav: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd};""", 'args': []})
        lists = facts['lists']
        last = max([l['end'] for l in lists] or [0])
        print(f"run {run + 1}: wall {wall:.2f} s, in page {shown / 1000:.2f} s; DOMContentLoaded {facts['nav'] / 1000:.2f} s;"
              f" {len(lists)} lists, last done {last / 1000:.2f} s, {sum(l['bytes'] for l in lists) / 1e6:.2f} MB"
              f" ({lists[0]['proto'] if lists else '-'}); tree after lists {(shown - last) / 1000:.2f} s; DOM {facts['dom']} elements")
        for l in lists:
            print(f"    {l['path']}: {l['bytes'] / 1e6:.2f} MB, {l['start']}-{l['end']} ms")
    call('DELETE', f'/session/{sid}')
finally:
    driver.terminate()
