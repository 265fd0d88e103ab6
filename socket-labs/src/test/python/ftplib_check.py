"""Drives the netlab FTP server with Python's standard-library ftplib, plain and FTPS.

usage: ftplib_check.py HOST PORT CA_FILE EXPECTED_SHA256
The served root holds pub/data.bin (whose SHA-256 is given) and is writable.
Prints one line per check; exits non-zero on the first failure.
"""
import ftplib
import hashlib
import io
import ssl
import sys


def check(ftp, label, expected):
    ftp.login()  # anonymous
    ftp.cwd("pub")
    assert ftp.pwd() == "/pub", ftp.pwd()
    names = ftp.nlst()
    assert "data.bin" in names, names
    facts = dict(ftp.mlsd())
    assert facts["data.bin"]["type"] == "file", facts
    assert ftp.size("data.bin") == int(facts["data.bin"]["size"])
    digest = hashlib.sha256()
    ftp.retrbinary("RETR data.bin", digest.update)
    assert digest.hexdigest() == expected, "checksum mismatch"
    payload = ("uploaded by ftplib " + label).encode()
    ftp.storbinary("STOR from-python-" + label + ".txt", io.BytesIO(payload))
    back = bytearray()
    ftp.retrbinary("RETR from-python-" + label + ".txt", back.extend)
    assert bytes(back) == payload
    try:
        ftp.retrbinary("RETR ../../etc/passwd", lambda b: None)
        raise AssertionError("escaped the root")
    except ftplib.error_perm as e:
        assert str(e).startswith("550"), e
    ftp.quit()
    print(label + " ok")


def main():
    host, port, ca_file, expected = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    plain = ftplib.FTP()
    plain.connect(host, port, timeout=10)
    check(plain, "plain", expected)

    context = ssl.create_default_context(cafile=ca_file)
    secure = ftplib.FTP_TLS(context=context)
    secure.connect(host, port, timeout=10)
    secure.auth()
    secure.prot_p()
    check(secure, "tls", expected)


if __name__ == "__main__":
    main()
