#!/usr/bin/env python3
"""An independent XML-RPC client of the access policy: one method per kind of operation,
called by a caller without identity, then by a reader, a writer and an admin.

usage: READER_TOKEN=... WRITER_TOKEN=... ADMIN_TOKEN=... access_matrix.py URL CA_FILE
Tokens come from the environment (other users can read a process's arguments) and go
into the URL as the password, which xmlrpc.client sends as HTTP Basic credentials.
Prints one line per call, "CALLER METHOD ok" or "CALLER METHOD fault CODE", for the
caller to compare with what the policy says.
"""
import os
import ssl
import sys
import urllib.parse
import xmlrpc.client

CALLERS = ("anonymous", "reader", "writer", "admin")

# (method, arguments): calculate, describe, read, write, empty the phonebook, manage tokens.
# The phonebook is empty: removing 'Nobody' faults 404 and removing all removes nothing.
PROBES = (
    ("calculator.add", (2, 3)),
    ("system.listMethods", ()),
    ("phonebook.countEntries", ()),
    ("phonebook.removeEntry", ("Nobody",)),
    ("phonebook.removeAll", ()),
    ("token.list", ()),
)


def url_for(url, caller):
    """The URL with the caller's token as password, or as it is for the anonymous caller."""
    if caller == "anonymous":
        return url
    token = os.environ[caller.upper() + "_TOKEN"]
    parts = urllib.parse.urlsplit(url)
    password = urllib.parse.quote(token, safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{caller}:{password}@{parts.netloc}"))


def main(url, ca_file):
    context = ssl.create_default_context(cafile=ca_file)
    for caller in CALLERS:
        server = xmlrpc.client.ServerProxy(url_for(url, caller), context=context)
        for method, arguments in PROBES:
            try:
                getattr(server, method)(*arguments)
                outcome = "ok"
            except xmlrpc.client.Fault as fault:
                outcome = f"fault {fault.faultCode}"
            print(caller, method, outcome)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
