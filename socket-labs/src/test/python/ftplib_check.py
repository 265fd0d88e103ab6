"""Drives the netlab FTP server with Python's standard-library ftplib, plain and FTPS.

usage: ftplib_check.py HOST PORT CA_FILE EXPECTED_SHA256
The served root holds pub/data.bin (whose SHA-256 is given) and is writable.
Prints one line per check; exits non-zero on the first failure.

The server takes a protected data connection only when it resumes the control connection's
TLS session (as vsftpd's require_ssl_reuse does). ftplib.FTP_TLS does not offer it; the
usual remedy is SessionReusingFTP_TLS below. The plain FTP_TLS is checked to get 425.
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


class SessionReusingFTP_TLS(ftplib.FTP_TLS):
    """FTP_TLS whose protected data connections resume the control connection's session."""

    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(
                conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


def check_refused_without_reuse(host, port, context):
    ftp = ftplib.FTP_TLS(context=context)
    ftp.connect(host, port, timeout=10)
    ftp.auth()
    ftp.prot_p()
    ftp.login()
    try:
        ftp.retrbinary("RETR pub/data.bin", lambda b: None)
        raise AssertionError("a data connection without the control session was taken")
    except ftplib.error_temp as e:
        reply = str(e)
    except OSError:
        # The server reset the data connection; its reply follows on the control connection.
        try:
            reply = ftp.getresp()
        except ftplib.error_temp as e:
            reply = str(e)
    assert reply.startswith("425"), reply
    ftp.close()
    print("tls without session reuse refused")


def main():
    host, port, ca_file, expected = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    plain = ftplib.FTP()
    plain.connect(host, port, timeout=10)
    check(plain, "plain", expected)

    context = ssl.create_default_context(cafile=ca_file)
    secure = SessionReusingFTP_TLS(context=context)
    secure.connect(host, port, timeout=10)
    secure.auth()
    secure.prot_p()
    check(secure, "tls", expected)

    check_refused_without_reuse(host, port, context)


if __name__ == "__main__":
    main()
