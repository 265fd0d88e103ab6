#!/usr/bin/env python3
"""The lab's XML-RPC client, written against the standard library only.

Drives the calculator and the phonebook through the lab's method names over HTTPS,
trusting only the server's CA.  usage: lab_client.py [--calculator-only] URL CA_FILE
Prints one line per check and exits 0 when every check passed.

When RPC_TOKEN is set, it goes into the URL as the password, which xmlrpc.client sends
as HTTP Basic credentials: the phonebook needs a caller the server knows (supprimerTout
an admin), while the calculator answers anyone, as the lab's calculator client expects.
--calculator-only skips the phonebook's checks.
"""
import os
import ssl
import sys
import urllib.parse
import xmlrpc.client


def check(label, actual, expected):
    if actual != expected:
        raise AssertionError(f"{label}: expected {expected!r}, got {actual!r}")
    print(f"ok {label}")


def with_token(url, token):
    """The URL with user 'lab' and the token as password, or as it is without a token."""
    if not token:
        return url
    parts = urllib.parse.urlsplit(url)
    password = urllib.parse.quote(token, safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"lab:{password}@{parts.netloc}"))


def main(url, ca_file, calculator_only):
    context = ssl.create_default_context(cafile=ca_file)
    server = xmlrpc.client.ServerProxy(with_token(url, os.environ.get("RPC_TOKEN")),
                                       context=context)

    check("add(2, 3)", server.add(2, 3), 5.0)
    check("add(2.5, 0.25)", server.add(2.5, 0.25), 2.75)
    check("mult(4, 2.5)", server.mult(4, 2.5), 10.0)
    check("diff(10, 4)", server.diff(10, 4), 6.0)
    check("quotient(7, 2)", server.quotient(7, 2), 3.5)
    check("absolue(-3)", server.absolue(-3), 3.0)
    try:
        server.quotient(1, 0)
        raise AssertionError("quotient(1, 0) did not fault")
    except xmlrpc.client.Fault as fault:
        check("quotient(1, 0) faultCode", fault.faultCode, 400)
        check("quotient(1, 0) faultString", fault.faultString,
              "division by zero: y must not be 0")
    if not calculator_only:
        phonebook_checks(server)

    methods = server.system.listMethods()
    for name in ("add", "mult", "diff", "quotient", "absolue", "ajouterEntree",
                 "trouverNumero", "nbNumeros", "supprimerEntree", "supprimerTout"):
        check(f"system.listMethods has {name}", name in methods, True)
    print("all checks passed")


def phonebook_checks(server):
    server.supprimerTout()
    check("ajouterEntree", server.ajouterEntree("Dupont", "01 23 45 67 89"), True)
    check("trouverNumero", server.trouverNumero("dupont"), "01 23 45 67 89")
    check("nbNumeros", server.nbNumeros(), 1)
    check("supprimerEntree", server.supprimerEntree("Dupont"), True)
    try:
        server.trouverNumero("Dupont")
        raise AssertionError("trouverNumero of a removed name did not fault")
    except xmlrpc.client.Fault as fault:
        check("trouverNumero of a removed name faultCode", fault.faultCode, 404)
    check("nbNumeros after removal", server.nbNumeros(), 0)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    only = "--calculator-only" in arguments
    if only:
        arguments.remove("--calculator-only")
    main(arguments[0], arguments[1], only)
