#!/usr/bin/env python3
"""An independent XML-RPC client for text outside the Basic Multilingual Plane.

usage: RPC_TOKEN=TOKEN every_plane.py URL CA_FILE NAME...
Lists the phonebook with phonebook.listEntries and prints each name as a line of code
points (U+XXXX separated by spaces), then adds the first NAME again and prints the
fault it gets the same way, so that the caller can compare exactly what was parsed.
Exits non-zero when an answer is not well-formed XML.

The token comes from the environment (other users can read a process's arguments) and
goes into the URL as its password, which xmlrpc.client sends as HTTP Basic credentials.
"""
import os
import ssl
import sys
import urllib.parse
import xmlrpc.client


def points(text):
    return " ".join(f"U+{ord(c):04X}" for c in text)


def with_token(url, token):
    """The URL with user 'token' and the token as password."""
    parts = urllib.parse.urlsplit(url)
    password = urllib.parse.quote(token, safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"token:{password}@{parts.netloc}"))


def main(url, ca_file, names):
    server = xmlrpc.client.ServerProxy(with_token(url, os.environ["RPC_TOKEN"]),
                                       context=ssl.create_default_context(cafile=ca_file))
    for entry in server.phonebook.listEntries():
        print("entry", points(entry["name"]))
    try:
        server.phonebook.addEntry(names[0], "555-0100")
    except xmlrpc.client.Fault as fault:
        print("fault", fault.faultCode, points(fault.faultString))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
