#!/usr/bin/env python3
"""countserver.py PORTFILE LOGFILE - an HTTP server on 127.0.0.1 (a free
port, written to PORTFILE) that answers every GET with a canary text and
appends each request line to LOGFILE.  For the XXE test, which expects no
request at all.  Stops by itself after 300 seconds."""
import http.server, sys, threading

portfile, logfile = sys.argv[1], sys.argv[2]

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(logfile, "a") as f:
            f.write(self.requestline + "\n")
        body = b"HTTP-CANARY-XXE-7f3a <!ENTITY leak 'HTTP-CANARY-XXE-7f3a'>\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *args):
        pass

srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(logfile, "a").close()
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(portfile + ".tmp", portfile)
threading.Timer(300, srv.shutdown).start()
srv.serve_forever()
