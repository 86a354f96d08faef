# A tiny HTTP/1.1 server for looking at requests as a server receives them: usage capture.py PORT OUT.json.
# Answers every request with 200 and a short body, keeps the connection unless asked to close, and
# writes every connection's requests (raw request line and headers) to OUT.json as they end.
"""Tiny HTTP/1.1 server that records each request's raw bytes, per TCP connection."""
import socket, sys, threading, json
port = int(sys.argv[1]); out = sys.argv[2]
body = b"sip:routed@127.0.0.1:5060"
conns = []; lock = threading.Lock()
def serve(c, idx):
    buf = b""; reqs = []
    while True:
        try:
            d = c.recv(65536)
        except OSError:
            break
        if not d:
            break
        buf += d
        while b"\r\n\r\n" in buf:
            head, buf = buf.split(b"\r\n\r\n", 1)
            head += b"\r\n\r\n"
            reqs.append(head.decode("latin1"))
            close = b"connection: close" in head.lower()
            resp = (b"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n" % len(body)
                    + (b"Connection: close\r\n" if close else b"Connection: keep-alive\r\n") + b"\r\n" + body)
            c.sendall(resp)
            if close:
                c.close(); buf = b""; break
    with lock:
        conns.append(reqs)
        json.dump(conns, open(out, "w"), indent=1)
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(128)
i = 0
while True:
    c, _ = s.accept(); i += 1
    threading.Thread(target=serve, args=(c, i), daemon=True).start()
