#!/usr/bin/python3
"""A stand-in routing API for the dashboard demo (run.sh): the rule of the example's test API.

GET <any path>/route?uri=sip:u<N>@... answers 200 with "sip:u<N>@<contact host>:5060" (text/plain),
or 404 when N is a multiple of 5 (an unknown user). Each answer takes a random time: most a few
milliseconds, some tens, a few more than a hundred, as a real API's do. Two files switch behaviours
on while they exist: <state dir>/<name>.503 (every answer is a 503) and <state dir>/<name>.slow (every
answer takes 400 ms). Listens on 127.0.0.1 only. Python's standard library, nothing else.
"""
import argparse
import http.server
import os
import random
import time
import urllib.parse

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--contact-host", required=True)
p.add_argument("--name", required=True)
p.add_argument("--state-dir", required=True)
args = p.parse_args()


class Api(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as a real API server

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        uri = query.get("uri", [""])[0]
        user = uri[4:uri.index("@")] if uri.startswith("sip:") and "@" in uri else ""
        if os.path.exists(os.path.join(args.state_dir, args.name + ".slow")):
            time.sleep(0.4)
        else:
            r = random.random()
            time.sleep(random.uniform(0.15, 0.4) if r > 0.995 else random.uniform(0.02, 0.08) if r > 0.9
                       else random.uniform(0.001, 0.006))
        if os.path.exists(os.path.join(args.state_dir, args.name + ".503")):
            status, body = 503, "busy\n"
        elif user.startswith("u") and user[1:].isdigit() and int(user[1:]) % 5 != 0:
            status, body = 200, "sip:%s@%s:5060\r\n" % (user, args.contact_host)
        else:
            status, body = 404, "no route\n"
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *ignored):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Api).serve_forever()
