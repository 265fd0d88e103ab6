"""Fetches one file from the netlab vault lab channel, written from docs/vault-channel.md alone.

usage: vault_channel_fetch.py HOST PORT SERVER_KEY_BASE64 PATH OUT_FILE
Prints "STATUS REASON" and, for 200, the SHA-256 of the file written to OUT_FILE.
Exits 0 on any status the server sends whole, 2 when the channel fails a check.
Uses only Python's cryptography package (X25519, HKDF, ChaCha20-Poly1305) and the stdlib.
"""
import base64
import hashlib
import socket
import struct
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NAME = b"netlab vault lab channel v1"
VERSION = 1
TAG = 16
MAX_FRAME = 64 * 1024 + TAG
REQUEST, STATUS, DATA, END = 1, 2, 3, 4


class Breach(Exception):
    pass


def read_exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise Breach("connection ended after %d of %d bytes" % (len(data), n))
        data += chunk
    return bytes(data)


def nonce(counter):
    return b"\x00" * 4 + struct.pack("<Q", counter)


def raw(public_key):
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def derive(salt, ikm, direction):
    return HKDF(hashes.SHA256(), 32, salt, NAME + b" " + direction).derive(ikm)


def main(host, port, server_key_b64, path, out_file):
    server_static = base64.b64decode(server_key_b64, validate=True)
    assert len(server_static) == 32, "a server key is 32 bytes"
    ephemeral = X25519PrivateKey.generate()
    e_c = raw(ephemeral.public_key())
    with socket.create_connection((host, port), timeout=20) as sock:
        sock.sendall(bytes([VERSION]) + e_c)
        hello = read_exactly(sock, 32 + TAG)
        e_s, confirmation = hello[:32], hello[32:]
        h = hashlib.sha256(NAME + bytes([VERSION]) + server_static + e_c + e_s).digest()
        dh1 = ephemeral.exchange(X25519PublicKey.from_public_bytes(server_static))
        dh2 = ephemeral.exchange(X25519PublicKey.from_public_bytes(e_s))
        c2s = ChaCha20Poly1305(derive(h, dh1 + dh2, b"client to server"))
        s2c = ChaCha20Poly1305(derive(h, dh1 + dh2, b"server to client"))
        try:
            s2c.decrypt(nonce(0), confirmation, h)
        except InvalidTag:
            raise Breach("handshake failed: the server does not hold the pinned key")

        plaintext = bytes([REQUEST]) + b"GET " + path.encode("utf-8")
        prefix = struct.pack(">I", len(plaintext) + TAG)
        sock.sendall(prefix + c2s.encrypt(nonce(0), plaintext, prefix))

        counter = 1

        def next_frame():
            nonlocal counter
            prefix = read_exactly(sock, 4)
            (length,) = struct.unpack(">I", prefix)
            if not 1 + TAG <= length <= MAX_FRAME:
                raise Breach("frame length %d out of bounds" % length)
            try:
                opened = s2c.decrypt(nonce(counter), read_exactly(sock, length), prefix)
            except InvalidTag:
                raise Breach("frame %d does not authenticate" % counter)
            counter += 1
            return opened[0], opened[1:]

        kind, body = next_frame()
        if kind != STATUS:
            raise Breach("status frame expected")
        status = struct.unpack(">H", body[:2])[0]
        reason = body[2:].decode("utf-8")
        digest = hashlib.sha256()
        with open(out_file, "wb") as out:
            while True:
                kind, body = next_frame()
                if kind == END:
                    break
                if kind != DATA or status != 200:
                    raise Breach("unexpected frame type %d" % kind)
                out.write(body)
                digest.update(body)
    print(status, reason)
    if status == 200:
        print(digest.hexdigest())


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    try:
        main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    except Breach as e:
        print("channel failed:", e)
        sys.exit(2)
