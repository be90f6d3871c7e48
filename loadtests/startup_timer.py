"""Times processes from start to their first HTTP 200, for loadtests/run-startup-benchmark.sh.

Each line of input names one start: `label port cwd -- command...`. The process is started, the URL
http://127.0.0.1:<port><path> is polled in a tight loop (a refused connection or a non-200 answer is
retried at once, with a 2 ms pause), the time from just before the start to the first 200 is printed as
`label seconds`, and the process is stopped with SIGTERM (SIGKILL after 10 s) before the next line runs.
"""
import http.client
import os
import signal
import subprocess
import sys
import time

PATH = sys.argv[1]
LOG = sys.argv[2]
TIMEOUT = 60.0


def first_200(port, started, process):
    while True:
        if process.poll() is not None:
            raise SystemExit(f"process exited with {process.returncode} before answering (see {LOG})")
        if time.monotonic() - started > TIMEOUT:
            raise SystemExit(f"no HTTP 200 within {TIMEOUT:.0f} s (see {LOG})")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", PATH)
            if connection.getresponse().status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.002)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


with open(LOG, "ab") as log:
    for line in sys.stdin:
        if not line.strip():
            continue
        head, command = line.split(" -- ", 1)
        label, port, cwd = head.split()
        log.write(f"=== {label} on port {port}\n".encode())
        log.flush()
        started = time.monotonic()
        process = subprocess.Popen(command.split(), cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=os.environ)
        try:
            elapsed = first_200(int(port), started, process)
        finally:
            stop(process)
        print(f"{label} {elapsed:.4f}", flush=True)
