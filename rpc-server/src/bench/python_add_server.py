#!/usr/bin/env python3
"""The original lab's server, for comparison: add() over Python's SimpleXMLRPCServer.

usage: python_add_server.py PORT   (plain HTTP on 127.0.0.1)
"""
import sys
from xmlrpc.server import SimpleXMLRPCServer


def add(x, y):
    return float(x + y)


server = SimpleXMLRPCServer(("127.0.0.1", int(sys.argv[1])), logRequests=False)
server.register_function(add, "add")
server.serve_forever()
