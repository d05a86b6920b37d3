"""Runs TestServer/daytona_test_server.py with TCP_NODELAY on its sockets (run.sh --nodelay).

The test server writes a response's head and body in two send() calls; with Nagle's algorithm on
the server socket, the body waits for the client's ACK of the head, which a client delays by up to
40 ms (delayed ACK) once a kept-alive connection leaves quick-ACK mode. Every request after the
first few on a connection then takes ~40 ms of wall time for either client, whatever the client
does. This launcher sets StreamRequestHandler.disable_nagle_algorithm, changing nothing else.
Arguments are the server's own.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "TestServer"))
import daytona_test_server  # noqa: E402

daytona_test_server.Handler.disable_nagle_algorithm = True
sys.exit(daytona_test_server.main(sys.argv[1:]))
