"""The browser's side of tests/cli/serve-live: python3 client.py SITE.

Waits for `folio serve`'s ready line in serve.out, then fetches pages,
edits the centre's files and checks what is served, printing a line per
check (nothing that changes from run to run: no port, no time).  Writes
the port to ./port for the shell script.  Exits 1 at the first check that
fails.
"""
import http.client
import os
import re
import sys
import threading
import time

SITE = sys.argv[1]
EVIDENCE = "centre/evidence/example.csv"
PAGE = "/learners/doe-j/example-greet.html"
# Under valgrind (FOLIO_VG_LOGS set by tests/run.sh) everything is slower.
SLOW = 10 if os.environ.get("FOLIO_VG_LOGS") else 1
START_SECONDS = 60 * SLOW
CHANGE_SECONDS = 10 * SLOW


def fail(why):
    print("FAIL: " + why)
    sys.exit(1)


def ready_port():
    deadline = time.time() + START_SECONDS
    while time.time() < deadline:
        with open("serve.out") as f:
            m = re.match(r"folio serve: http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)\n",
                         f.read())
        if m:
            print("ready: folio serve: http://127.0.0.1:PORT/ (Ctrl-C to stop)")
            return int(m.group(1))
        time.sleep(0.1)
    fail("no ready line in %d s" % START_SECONDS)


PORT = ready_port()
with open("port", "w") as f:
    f.write("%d\n" % PORT)


def request(path, method="GET", body=None, timeout=None):
    """(status, headers, body) of a raw request: the path is sent as is."""
    c = http.client.HTTPConnection("127.0.0.1", PORT,
                                   timeout=timeout or CHANGE_SECONDS + 30)
    c.request(method, path, body=body)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def page():
    status, headers, data = request(PAGE)
    if status != 200:
        fail("%s: %d" % (PAGE, status))
    return data.decode()


def wait_until(what, test):
    deadline = time.time() + CHANGE_SECONDS
    while time.time() < deadline:
        text = page()
        if test(text):
            print(what)
            return text
        time.sleep(0.1)
    fail("not within %d s: %s" % (CHANGE_SECONDS, what))


def on_disk(path):
    with open(SITE + path) as f:
        return f.read()


def edit(*changes):
    """Each (old, new) of changes in the evidence log, in one write: one
    rebuild, however slow the machine."""
    with open(EVIDENCE) as f:
        text = f.read()
    for old, new in changes:
        if old not in text:
            fail("%s lacks %r" % (EVIDENCE, old))
        text = text.replace(old, new, 1)
    with open(EVIDENCE, "w") as f:
        f.write(text)


def build_id():
    return re.search(r'"build": "([^"]*)"', request("/__folio/build")[2].decode()).group(1)


def banner(text):
    m = re.search(r'<div id="folio-serve".*?<pre[^>]*>(.*?)</pre>', text, re.S)
    return m.group(1) if m else None


# The page as built, with the reload script in the response only.
text = page()
disk = on_disk(PAGE)
print("served: %s" % ("greeting two customers" in text))
print("reload script in the response: %s, on disk: %s" %
      ("/__folio/build" in text, "/__folio/build" in disk or "<script" in disk))
print("response is the file with the script before </body>: %s" %
      (re.sub(r"<script>/\* folio serve.*?</script>\n", "", text, flags=re.S) == disk))
print("banner while the build is good: %s" % (banner(text) is not None))

# A long poll answers as soon as the site is rebuilt.
first = build_id()
answered = {}
poll = threading.Thread(target=lambda: answered.update(
    reply=request("/__folio/build?since=" + first)[2].decode()))
poll.start()
time.sleep(0.2)

edit(("greeting two customers", "greeting three customers"))
wait_until("page changed: greeting three customers",
           lambda t: "greeting three customers" in t)
poll.join(CHANGE_SECONDS)
m = re.match(r'\{"build": "([^"]*)", "ok": (true|false)\}\n$', answered.get("reply", ""))
print("long poll answered with a new build: %s, ok: %s" %
      (bool(m) and m.group(1) != first, m and m.group(2)))
print("on disk too: %s" % ("greeting three customers" in on_disk(PAGE)))

# An error: the last good page stays in service, under a banner.
edit(("O/01,2025-09-15", "O/01,2025-09-31"),
     ("greeting three customers", "greeting four customers"))
text = wait_until("banner shown", lambda t: banner(t) is not None)
print("banner: " + banner(text).strip())
print("last good page still served: %s, the new one not: %s" %
      ("greeting three customers" in text, "greeting four customers" not in text))
print("last good page still on disk: %s" % ("greeting three customers" in on_disk(PAGE)))
print("build state ok: %s" % re.search(r'"ok": (\w+)', request("/__folio/build")[2].decode()).group(1))
status, headers, data = request("/style.css")
print("no banner in CSS: %s" % (b"folio-serve" not in data))

# Put right: the page follows, the banner goes.  The new files are in
# place a moment before the server hears the build was good (and takes
# the banner down, which reloads the page): wait for both.
edit(("O/01,2025-09-31", "O/01,2025-09-15"))
text = wait_until("page changed: greeting four customers",
                  lambda t: "greeting four customers" in t and banner(t) is None)
print("banner gone: %s" % (banner(text) is None))

# Only files inside the site: no way out, however spelled, and no link
# leading out of it.
secret = open("centre/folio.yml").read()
os.symlink(os.path.abspath("centre/folio.yml"), SITE + "/leak.yml")
os.symlink("style.css", SITE + "/inside.css")
for path in ["/../centre/folio.yml", "/%2e%2e/centre/folio.yml",
             "/learners/..%2f..%2f..%2fcentre%2ffolio.yml",
             "/learners/%2E%2E/%2E%2E/centre/folio.yml",
             "/./index.html", "/leak.yml", "/.folio-site",
             "/learners/doe-j/../../../centre/folio.yml"]:
    status, headers, data = request(path)
    print("%s: %d%s" % (path, status,
                        ", leaked!" if b"name:" in data or secret.encode() in data else ""))
status, headers, data = request("/inside.css")
print("/inside.css (a link inside the site): %d" % status)
os.remove(SITE + "/leak.yml")
os.remove(SITE + "/inside.css")

# Methods, types, folders.
status, headers, data = request("/index.html")
get_length = len(data)
status, headers, data = request("/index.html", "HEAD")
print("HEAD /index.html: %d, %s, length as GET's: %s, no body: %s" %
      (status, headers["content-type"],
       int(headers["content-length"]) == get_length, data == b""))
for method in ["POST", "PUT", "DELETE"]:
    status, headers, data = request("/index.html", method, body=b"x=1")
    print("%s /index.html: %d, Allow: %s, %s" %
          (method, status, headers.get("allow"), data.decode().strip()))
for path in ["/", "/style.css", "/learners/doe-j", "/learners/doe-j/",
             "/nope.html", "/__folio/nope"]:
    status, headers, data = request(path)
    print("%s: %d, %s%s" % (path, status, headers.get("content-type"),
                            ", to " + headers["location"] if "location" in headers else ""))
