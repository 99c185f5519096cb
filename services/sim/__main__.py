"""`python -m services.sim --cameras N`: run the simulated community until SIGTERM/SIGINT.

Once every camera answers, prints one JSON line per camera (name, onvif_url, username,
password, ptz, rtsp URLs, discovery and MQTT addresses) on stdout; logs go to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from cockpit.db import create_db_engine, upgrade
from cockpit.errors import CockpitError
from cockpit.site import load_snapshot

from .scenario_data import load_scenario_data
from .simulator import DEFAULT_SCENARIO, Simulator, SimulatorOptions

logger = logging.getLogger("services.sim")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m services.sim", description="Run the simulated community.")
    p.add_argument("--cameras", type=int, help="simulate the first N cameras of the site (default: all)")
    p.add_argument("--db", metavar="URL", help="read the site from this database (default: generate the demo)")
    p.add_argument("--seed", type=int, default=20261124, help="demo seed (generation, people, passwords)")
    p.add_argument("--buildings", type=int, default=40, help="demo size when generating")
    p.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO, help="incident timeline (YAML)")
    p.add_argument("--no-scenario", action="store_true", help="no scripted incidents")
    p.add_argument("--ground-truth", type=Path, help="write one JSON line per incident here")
    p.add_argument("--mqtt", metavar="HOST:PORT", help="publish to this broker (default: an embedded one)")
    p.add_argument("--no-feed", action="store_true", help="no MQTT sensors or responders")
    p.add_argument("--discovery-port", type=int, default=0, help="loopback UDP port for WS-Discovery probes")
    p.add_argument("--population", type=int, default=150, help="people walking the site")
    p.add_argument("--gop", type=int, help="frames between keyframes (default: one keyframe per second)")
    p.add_argument("--clock-offset", action="append", default=[], metavar="CODE=SECONDS",
                   help="skew one camera's clock (e.g. CAM-003=7200)")
    p.add_argument("--parent-pipe", action="store_true",
                   help="stop when standard input closes (the parent process is gone, even if it was killed)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p.parse_args(argv)


def load_site(args: argparse.Namespace, workdir: Path):  # noqa: ANN201
    """The site and its residents from --db, or a freshly generated demo (same seed = same site)."""
    url = args.db
    if url is None:
        from cockpit.demo import DemoSize, ensure_demo

        url = f"sqlite:///{workdir / 'sim-demo.db'}"
        engine = create_db_engine(url)
        upgrade(engine)
        ensure_demo(engine, args.seed, DemoSize(buildings=args.buildings))
    else:
        engine = create_db_engine(url)
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        site = load_snapshot(session)
        data = load_scenario_data(session) if site is not None else None
    engine.dispose()
    if site is None:
        raise CockpitError(f"no site in {url}; generate one with `cockpit demo`")
    return site, data


def options(args: argparse.Namespace) -> SimulatorOptions:
    offsets = {}
    for item in args.clock_offset:
        code, _, seconds = item.partition("=")
        offsets[code] = float(seconds)
    mqtt = None
    if args.mqtt:
        host, _, port = args.mqtt.rpartition(":")
        mqtt = (host or "127.0.0.1", int(port))
    return SimulatorOptions(
        cameras=args.cameras, seed=args.seed, scenario=None if args.no_scenario else args.scenario,
        ground_truth=args.ground_truth, mqtt=mqtt, discovery_port=args.discovery_port,
        population=args.population, gop=args.gop, clock_offsets=offsets, feed=not args.no_feed)


async def run(args: argparse.Namespace) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if args.parent_pipe:
        def parent_check() -> None:
            if not os.read(sys.stdin.fileno(), 4096):  # EOF: the parent closed it or died
                logger.info("parent gone")
                loop.remove_reader(sys.stdin.fileno())
                stop.set()
        loop.add_reader(sys.stdin.fileno(), parent_check)
    with tempfile.TemporaryDirectory(prefix="cockpit-sim-") as tmp:
        site, data = await asyncio.to_thread(load_site, args, Path(tmp))
        sim = Simulator(site, options(args), data)
        started = time.perf_counter()
        try:
            cameras = await sim.start()
            logger.info("%d cameras up in %.2f s", len(cameras), time.perf_counter() - started)
            for cam in cameras:
                sys.stdout.write(json.dumps(cam, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            await stop.wait()
            logger.info("stopping")
        finally:
            await sim.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return asyncio.run(run(args))
    except CockpitError as exc:
        print(f"services.sim: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
