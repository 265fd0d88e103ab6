"""Checks the vault server with Python's standard-library http.client, a client nobody here wrote.

Usage: vault_http_check.py HOST PLAIN_PORT TLS_PORT CA_FILE SHA256_OF_DATA_BIN

Prints "plain ok" then "tls ok"; any failed check raises, and the exit code is not 0.
"""

import hashlib
import http.client
import ssl
import sys


def check(connection, expected_sha256):
    # One connection throughout: http.client reuses it while the server keeps it alive.
    connection.request("GET", "/hello.txt")
    response = connection.getresponse()
    assert response.status == 200, response.status
    assert response.read() == b"hello, vault\n"
    etag = response.getheader("ETag")
    last_modified = response.getheader("Last-Modified")
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"

    connection.request("GET", "/data.bin")
    response = connection.getresponse()
    assert response.status == 200, response.status
    assert hashlib.sha256(response.read()).hexdigest() == expected_sha256

    connection.request("GET", "/data.bin", headers={"Range": "bytes=10-19"})
    response = connection.getresponse()
    assert response.status == 206, response.status
    assert len(response.read()) == 10
    assert response.getheader("Content-Range").startswith("bytes 10-19/")

    connection.request("HEAD", "/data.bin")
    response = connection.getresponse()
    assert response.status == 200
    assert response.read() == b""

    connection.request("GET", "/hello.txt", headers={"If-None-Match": etag})
    response = connection.getresponse()
    assert response.status == 304, response.status
    response.read()

    connection.request("GET", "/hello.txt", headers={"If-Modified-Since": last_modified})
    response = connection.getresponse()
    assert response.status == 304, response.status
    response.read()

    for path, status in (("/missing.txt", 404), ("/secret.key", 400), ("/%2e%2e/x.txt", 400)):
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == status, (path, response.status)
        response.read()

    connection.request("POST", "/hello.txt", body=b"x")
    response = connection.getresponse()
    assert response.status == 405, response.status
    assert response.getheader("Allow") == "GET, HEAD"
    response.read()
    connection.close()


def main():
    host, plain_port, tls_port, ca_file, expected = sys.argv[1:6]
    check(http.client.HTTPConnection(host, int(plain_port), timeout=20), expected)
    print("plain ok")
    context = ssl.create_default_context(cafile=ca_file)
    check(http.client.HTTPSConnection(host, int(tls_port), timeout=20, context=context), expected)
    print("tls ok")


if __name__ == "__main__":
    main()
