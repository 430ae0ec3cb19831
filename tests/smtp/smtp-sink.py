#!/usr/bin/env python3
"""A real SMTP server for the hub's tests (Debian's python3-aiosmtpd).

Listens on 127.0.0.1:PORT and writes every message it accepts to DIR as NNNNNN.eml (written whole, then renamed, so a
reader never sees half a message), with the envelope's recipients in an X-Sink-Rcpt-To header first. A recipient whose
local part is "nobody" is refused for good (550), to test how the hub treats an address that will never work.

Usage: smtp-sink.py PORT DIR        (prints "ready" when it listens; stops on SIGTERM or when stdin closes)
"""
import asyncio
import itertools
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@", 1)[0].lower() == "nobody":
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.directory, "%06d.eml" % next(self.numbers))
        with open(path + ".tmp", "wb") as out:
            out.write(("X-Sink-Rcpt-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode("ascii"))
            out.write(envelope.original_content or envelope.content)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.buffer.read1(1024) else None)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
