#!/usr/bin/env python3
"""A real SMTP server for the test run (Debian's python3-aiosmtpd), on loopback only.

Two listeners: STARTTLS (required before AUTH and mail) and implicit TLS, both with the certificate
the tests generate, both asking for AUTH PLAIN or LOGIN of one user. Every accepted message is
written whole as an .eml file into the folder (written under a temporary name, then renamed, so a
reader never sees half a message). Prints "READY" once both listen; stops when stdin closes.
"""
import argparse
import pathlib
import ssl
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, folder: pathlib.Path):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        temporary = self.folder / (name + ".part")
        temporary.write_bytes(envelope.original_content or envelope.content)
        temporary.rename(self.folder / name)
        return "250 Message accepted"


def authenticator(user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)

    return check


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starttls-port", type=int, required=True)
    parser.add_argument("--tls-port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()

    folder = pathlib.Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    common = dict(authenticator=authenticator(args.user, args.password), auth_required=True, auth_require_tls=True)

    starttls = Controller(Saver(folder), hostname="127.0.0.1", port=args.starttls_port,
                          tls_context=context, require_starttls=True, **common)
    # aiosmtpd counts only STARTTLS as TLS for auth_require_tls; this listener is TLS from the first byte.
    implicit = Controller(Saver(folder), hostname="127.0.0.1", port=args.tls_port, ssl_context=context,
                          **{**common, "auth_require_tls": False})
    starttls.start()
    implicit.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        starttls.stop()
        implicit.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
