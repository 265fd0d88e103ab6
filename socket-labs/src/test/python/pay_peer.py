#!/usr/bin/env python3
"""A peer of the payment lab, written from docs/pay.md with the standard library and the
`cryptography` package only, to check that the lab's formats are what the document says.

  pay_peer.py register --server H:P --ca CA.pem --dir DIR NAME
  pay_peer.py pay      --server H:P --ca CA.pem --dir DIR PAYEE AMOUNT_MINOR [--lifetime S]
  pay_peer.py serve    --server H:P --ca CA.pem --dir DIR --accept N [--decline]

Exit codes follow bin/pay: 0 done, 1 refused, 2 usage or a protocol error, 3 no answer or
"try later".
"""

import argparse
import base64
import datetime
import hashlib
import os
import re
import secrets
import socket
import ssl
import sys
import threading

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CRLF = b"\r\n"
MAX_LINE = 8192
TIMEOUT = 20.0
HEARTBEAT = 10.0
SETTLE_MARGIN = 15.0

NAME = r"[a-z][a-z0-9_-]{1,31}"
ORDER = re.compile(
    r"netlab-pay/1 payer=(?P<payer>" + NAME + r") payee=(?P<payee>" + NAME + r")"
    r" amount=(?P<amount>[1-9][0-9]{0,12}) id=(?P<id>[A-Za-z0-9_-]{16,64})"
    r" expires=(?P<expires>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)"
)
REPLY = re.compile(r"(?P<code>[0-9]{3})(?P<sep>[ -])(?P<rest>.*)")


class ProtocolError(Exception):
    """The other side said something the document does not allow."""


class Refused(Exception):
    """A reply other than the one expected; carries the reply's last line."""

    def __init__(self, line):
        super().__init__(line)
        self.line = line
        self.code = int(line[:3])


class Connection:
    """One TLS connection speaking CRLF lines, every read bounded by a timeout."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def send(self, line):
        data = line.encode("ascii") + CRLF
        if len(data) > MAX_LINE:
            raise ProtocolError("line too long to send: %d bytes" % len(data))
        self.sock.sendall(data)

    def read_line(self):
        while CRLF not in self.buffer:
            if len(self.buffer) > MAX_LINE:
                raise ProtocolError("line longer than %d bytes" % MAX_LINE)
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("connection closed by the other side")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(CRLF, 1)
        if len(line) + 2 > MAX_LINE:
            raise ProtocolError("line longer than %d bytes" % MAX_LINE)
        return line.decode("utf-8")

    def read_reply(self):
        """Returns (code, the CODE-text lines' texts, the last line)."""
        lines = []
        while True:
            line = self.read_line()
            match = REPLY.fullmatch(line)
            if not match:
                raise ProtocolError("not a reply line: %r" % line)
            if match["sep"] == "-":
                lines.append(match["rest"])
                continue
            if len(line) < 5 or not line[4:].split(" ")[0]:
                raise ProtocolError("a reply without a keyword: %r" % line)
            return int(match["code"]), lines, line

    def expect(self, code, keyword):
        """Reads a reply; raises Refused unless it is `code keyword ...`."""
        got, lines, last = self.read_reply()
        if got != code or last[4:].split(" ")[0] != keyword:
            raise Refused(last)
        return lines, last

    def call(self, request, code, keyword):
        self.send(request)
        return self.expect(code, keyword)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def tls13(context):
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    return context


def central_context(ca, directory=None):
    """Verifies the central server against the CA, host name included."""
    context = tls13(ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca))
    if directory is not None:
        load_identity(context, directory)
    return context


def load_identity(context, directory):
    context.load_cert_chain(os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem"))


def peer_client_context(ca, directory):
    """Verifies a peer against the CA only: peers name no host, the fingerprint is checked."""
    context = tls13(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cafile=ca)
    load_identity(context, directory)
    return context


def peer_server_context(ca, directory):
    """This peer's own server: mutual TLS, a client certificate of the CA required."""
    context = tls13(ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER))
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cafile=ca)
    load_identity(context, directory)
    return context


def connect(host, port, context, server_hostname):
    raw = socket.create_connection((host, port), timeout=TIMEOUT)
    try:
        sock = context.wrap_socket(raw, server_hostname=server_hostname)
    except BaseException:
        raw.close()
        raise
    sock.settimeout(TIMEOUT)
    return Connection(sock)


def open_central(args, with_identity=True):
    host, port = split_address(args.server)
    context = central_context(args.ca, args.dir if with_identity else None)
    conn = connect(host, port, context, host)
    conn.expect(220, "READY")
    return conn


def split_address(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit("--server must be HOST:PORT, not %r" % text)
    return host, int(port)


def fingerprint(der):
    return hashlib.sha256(der).hexdigest()


def common_name(certificate):
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(names) != 1:
        raise ProtocolError("a certificate with %d common names" % len(names))
    return names[0].value


def load_key(directory):
    with open(os.path.join(directory, "key.pem"), "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def load_certificate(directory):
    with open(os.path.join(directory, "cert.pem"), "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


def sign(key, data):
    """ECDSA P-256 over SHA-256, DER-encoded, in base64."""
    return base64.b64encode(key.sign(data, ec.ECDSA(hashes.SHA256()))).decode("ascii")


def verify(certificate, signature_b64, data):
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        certificate.public_key().verify(signature, data, ec.ECDSA(hashes.SHA256()))
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def format_expiry(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_expiry(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc
    )


def register(args):
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, args.name)]))
        .sign(key, hashes.SHA256())
    )
    csr_b64 = base64.b64encode(csr.public_bytes(serialization.Encoding.DER)).decode("ascii")
    conn = open_central(args, with_identity=False)
    try:
        _, last = conn.call("REGISTER %s %s" % (args.name, csr_b64), 201, "REGISTERED")
        conn.call("QUIT", 221, "BYE")
    finally:
        conn.close()
    parts = last.split(" ")
    if len(parts) != 3:
        raise ProtocolError("201 without exactly one certificate: %r" % last)
    certificate = x509.load_der_x509_certificate(base64.b64decode(parts[2], validate=True))
    if common_name(certificate) != args.name:
        raise ProtocolError("a certificate for %r, not %r" % (common_name(certificate), args.name))
    if certificate.public_key().public_numbers() != key.public_key().public_numbers():
        raise ProtocolError("a certificate for another key")
    os.makedirs(args.dir, mode=0o700, exist_ok=True)
    write_private(
        os.path.join(args.dir, "key.pem"),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    write_private(
        os.path.join(args.dir, "cert.pem"), certificate.public_bytes(serialization.Encoding.PEM)
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    print("registered %s %s" % (args.name, fingerprint(der)), flush=True)
    return 0


def write_private(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def exit_code(code):
    if code in (250, 251):
        return 0
    return 3 if 400 <= code < 500 else 1


def pay(args):
    me = common_name(load_certificate(args.dir))
    amount = args.amount
    if not re.fullmatch(r"[1-9][0-9]{0,12}", amount) or int(amount) > 10**12:
        raise SystemExit("the amount is in minor units, 1 to 10^12: %r" % amount)
    key = load_key(args.dir)
    central = open_central(args)
    try:
        code = offer(args, me, key, amount, central)
        central.call("QUIT", 221, "BYE")
        return code
    finally:
        central.close()


def offer(args, me, key, amount, central):
    """Finds the payee, signs an order, offers it; prints the outcome, returns the exit code."""
    try:
        lines, _ = central.call("LIST " + args.payee, 210, "ONLINE")
    except Refused as refused:
        print(refused.line, flush=True)
        return exit_code(refused.code)
    if len(lines) != 1:
        raise ProtocolError("LIST %s gave %d entries" % (args.payee, len(lines)))
    entry = lines[0].split(" ")
    if len(entry) != 4 or entry[0] != args.payee or not entry[2].isdigit():
        raise ProtocolError("a malformed directory entry: %r" % lines[0])
    _, host, port, listed = entry
    expires = utc_now() + datetime.timedelta(seconds=args.lifetime)
    order_id = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")
    order = "netlab-pay/1 payer=%s payee=%s amount=%s id=%s expires=%s" % (
        me,
        args.payee,
        amount,
        order_id,
        format_expiry(expires),
    )
    if not ORDER.fullmatch(order):
        raise ProtocolError("cannot make an order from these values: %r" % order)
    signature = sign(key, order.encode("ascii"))
    try:
        payee = connect(host, int(port), peer_client_context(args.ca, args.dir), None)
    except (OSError, ssl.SSLError) as e:
        print("450 OFFLINE %s unreachable at %s:%s: %s" % (args.payee, host, port, e), flush=True)
        return 3
    try:
        shown = fingerprint(payee.sock.getpeercert(binary_form=True))
        if shown != listed:
            print("552 FORGED the peer at %s:%s is not %s" % (host, port, args.payee), flush=True)
            return 1
        _, greeting = payee.expect(220, "READY")
        if greeting != "220 READY " + args.payee:
            raise ProtocolError("%s greets as %r" % (args.payee, greeting))
        payee.send("OFFER %s %s" % (signature, order))
        left = (expires - utc_now()).total_seconds()
        payee.sock.settimeout(max(left, 0) + SETTLE_MARGIN)
        try:
            code, _, last = payee.read_reply()
        except (OSError, ConnectionError, ProtocolError) as e:
            return cancel(central, order_id, args.payee, e)
    finally:
        payee.close()
    print(last, flush=True)
    return exit_code(code)


def cancel(central, order_id, payee, cause):
    """The answer was lost: the order is cancelled, unless it settled meanwhile."""
    central.send("CANCEL " + order_id)
    code, _, last = central.read_reply()
    if code == 251:
        print(last, flush=True)
        return 0
    if code == 200:
        print("452 TIMEOUT no answer from %s (%s); cancelled" % (payee, cause), flush=True)
        return 3
    raise Refused(last)


class Central:
    """The logged-in connection to the central server, shared by the heartbeat and SETTLE."""

    def __init__(self, conn):
        self.conn = conn
        self.lock = threading.Lock()
        self.failed = None

    def call(self, request):
        with self.lock:
            self.conn.send(request)
            return self.conn.read_reply()

    def heartbeat(self, stop):
        while not stop.wait(HEARTBEAT):
            try:
                code, _, last = self.call("PING")
                if code != 200:
                    raise Refused(last)
            except Exception as e:  # the main thread reports it
                self.failed = e
                return


class Offers:
    """Checks an offer as docs/pay.md says, before anyone is asked."""

    def __init__(self, me, key, central, accept):
        self.me = me
        self.key = key
        self.central = central
        self.accept = accept
        self.seen = set()

    def answer(self, conn):
        payer_der = conn.sock.getpeercert(binary_form=True)
        payer_certificate = x509.load_der_x509_certificate(payer_der)
        conn.send("220 READY " + self.me)
        words = conn.read_line().split(" ", 2)
        if len(words) != 3 or words[0] != "OFFER":
            return "500 SYNTAX OFFER SIG_PAYER ORDER"
        _, signature, order = words
        match = ORDER.fullmatch(order)
        if not match:
            return "501 ARGUMENT not an order"
        try:
            expires = parse_expiry(match["expires"])
        except ValueError:
            return "501 ARGUMENT not an expiry"
        if common_name(payer_certificate) != match["payer"]:
            return "552 FORGED the connected certificate is not the payer's"
        if not verify(payer_certificate, signature, order.encode("ascii")):
            return "552 FORGED the payer's signature does not verify"
        if match["payer"] == match["payee"]:
            return "555 SELF_PAYMENT"
        if match["payee"] != self.me:
            return "531 FORBIDDEN an order for " + match["payee"]
        if expires <= utc_now():
            return "553 EXPIRED " + match["id"]
        if match["id"] in self.seen:
            return "554 REPLAYED " + match["id"]
        self.seen.add(match["id"])
        if not self.accept:
            return "550 DECLINED " + match["id"]
        countersignature = sign(self.key, b"ACCEPT " + order.encode("ascii"))
        _, _, last = self.central.call("SETTLE %s %s %s" % (signature, countersignature, order))
        return last


def serve(args):
    me = common_name(load_certificate(args.dir))
    key = load_key(args.dir)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(TIMEOUT * 3)
    context = peer_server_context(args.ca, args.dir)
    central = Central(open_central(args))
    stop = threading.Event()
    try:
        code, _, last = central.call("LOGIN %d" % listener.getsockname()[1])
        if code != 230 or last.split(" ")[1:3] != ["LOGGED_IN", me]:
            raise Refused(last)
        threading.Thread(target=central.heartbeat, args=(stop,), daemon=True).start()
        print("listening %d" % listener.getsockname()[1], flush=True)
        offers = Offers(me, key, central, not args.decline)
        failures = 0
        for _ in range(args.accept):
            raw, _ = listener.accept()
            raw.settimeout(TIMEOUT)
            try:
                conn = Connection(context.wrap_socket(raw, server_side=True))
            except (OSError, ssl.SSLError) as e:
                raw.close()
                print("handshake refused: %s" % e, flush=True)
                failures += 1
                continue
            try:
                reply = offers.answer(conn)
                conn.send(reply)
                print(reply, flush=True)
                if not reply.startswith("250 "):
                    failures += 1
            except (OSError, ConnectionError, ProtocolError) as e:
                print("offer failed: %s: %s" % (type(e).__name__, e), flush=True)
                failures += 1
            finally:
                conn.close()
            if central.failed is not None:
                raise central.failed
        code, _, last = central.call("LOGOUT")
        if code != 221:
            raise Refused(last)
        return 0 if failures == 0 else 1
    finally:
        stop.set()
        central.conn.close()
        listener.close()


def main():
    parser = argparse.ArgumentParser(description="a peer of the netlab payment lab")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name):
        sub = commands.add_parser(name)
        sub.add_argument("--server", required=True, help="HOST:PORT of the central server")
        sub.add_argument("--ca", required=True, help="the CA's certificate, PEM")
        sub.add_argument("--dir", required=True, help="where key.pem and cert.pem are")
        return sub

    command("register").add_argument("name")
    paying = command("pay")
    paying.add_argument("payee")
    paying.add_argument("amount", help="minor units: 500 is 5.00")
    paying.add_argument("--lifetime", type=int, default=60, help="seconds the order is valid")
    serving = command("serve")
    serving.add_argument("--accept", type=int, required=True, help="offers to answer, then exit")
    serving.add_argument("--decline", action="store_true", help="decline every offer")
    args = parser.parse_args()
    try:
        return {"register": register, "pay": pay, "serve": serve}[args.command](args)
    except Refused as refused:
        print(refused.line, flush=True)
        return exit_code(refused.code)
    except (ProtocolError, OSError, ssl.SSLError, ValueError) as e:
        print("error: %s: %s" % (type(e).__name__, e), flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
