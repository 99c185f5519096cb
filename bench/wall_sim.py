"""The simulator's cameras in their own process, remote-controlled by the wall benchmark over stdin/stdout.

    python -m bench.wall_sim --cameras 16

A separate process so that its CPU (rendering and encoding) is not counted as the cockpit's. It runs
only what the wall needs (cameras with their RTSP and ONVIF servers; no MQTT feed, no scenario) and
answers one JSON line per command line:

    stats                  -> {"time": t, "sessions": [{"id", "path", "sent", "dropped"}, ...], "frames": {path: n}}
    restart CODES DOWN_S   -> the RTSP servers of these cameras (comma-separated codes) are killed (every
                              connection aborted), stay down DOWN_S seconds and listen again on the same
                              port: {"codes": [...], "down": t, "up": t}
    quit (or end of input) -> stops

"sent" counts the access units (pictures) each RTSP session actually wrote to its client — the sender's
own count that `painted_ratio` is measured against. Times are `time.time()` of this host.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from services.sim.__main__ import load_site
from services.sim.simulator import Simulator, SimulatorOptions

logger = logging.getLogger("bench.wall_sim")


def _stats(sim: Simulator) -> dict:
    sessions, frames = [], {}
    for streams in sim.streams:
        for token, profile in streams.profiles.items():
            frames[f"/{streams.camera.code}/{token}"] = profile.stats.frames
        for session in list(streams.server.sessions.values()):
            sessions.append({"id": session.id, "path": session.path, "sent": session.sent_units,
                             "dropped": session.dropped_units})
    return {"time": time.time(), "sessions": sessions, "frames": frames}


async def _restart(sim: Simulator, codes: list[str], down_s: float) -> dict:
    servers = [s.server for s in sim.streams if s.camera.code in codes]
    down = time.time()
    await asyncio.gather(*(server.stop() for server in servers))  # aborts every connection: a camera reboots
    await asyncio.sleep(down_s)
    await asyncio.gather(*(server.start() for server in servers))  # same port: the cockpit's URI stays valid
    return {"codes": codes, "down": down, "up": time.time()}


async def run(args: argparse.Namespace) -> int:
    ns = argparse.Namespace(db=args.db, seed=args.seed, buildings=40)
    with tempfile.TemporaryDirectory(prefix="cockpit-wall-sim-") as tmp:
        site, data = await asyncio.to_thread(load_site, ns, Path(tmp))
        sim = Simulator(site, SimulatorOptions(cameras=args.cameras, seed=args.seed, scenario=None, feed=False,
                                               population=args.population), data)
        try:
            for cam in await sim.start():
                sys.stdout.write(json.dumps(cam, ensure_ascii=False) + "\n")
            sys.stdout.write('{"ready": true}\n')
            sys.stdout.flush()
            while True:
                line = await asyncio.to_thread(sys.stdin.readline)
                words = line.split()
                if not words or words[0] == "quit":
                    break
                try:
                    if words[0] == "stats":
                        reply = _stats(sim)
                    elif words[0] == "restart":
                        reply = await _restart(sim, words[1].split(","), float(words[2]))
                    else:
                        reply = {"error": f"unknown command {words[0]!r}"}
                except Exception as exc:
                    logger.exception("command %s failed", line.strip())
                    reply = {"error": f"{type(exc).__name__}: {exc}"}
                sys.stdout.write(json.dumps(reply) + "\n")
                sys.stdout.flush()
        finally:
            await sim.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.wall_sim")
    p.add_argument("--cameras", type=int, default=16)
    p.add_argument("--seed", type=int, default=20261124)
    p.add_argument("--population", type=int, default=150)
    p.add_argument("--db", help="the site from this database (default: a fresh demo of 40 buildings)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
