"""A burst of sensor alarms through the real cockpit: every one stored, the screen never frozen.

    python -m bench alarms [--rate 1000] [--seconds 10] [--flood 10000] [--baseline 10000] [--db-ceiling 10000]

The whole cockpit (main.py --demo --no-sim, signed in, fresh COCKPIT_HOME, alarm queue on screen) runs in a
real X window under a private Xvfb, its [alarms] config pointing at a private Mosquitto (MQTT 5). This process
publishes with the simulator's own feed publisher (SensorFeed): `--rate` alarms/s for `--seconds`.

- sent / persisted: message ids published / those whose source key ("mqtt:<id>") the database holds, counted
  in the database (an alarm's first key plus the keys of the repeats merged into it: every sensor sends each
  of the 7 sensor types, so n sensors × 7 alarms are distinct and later messages repeat them within the 60 s
  merge window); duplicates and missing keys are counted too;
- ui_lag: a 10 ms precise timer on the cockpit's GUI thread (bench/alarms_probe.py) records how late each
  tick runs, from the first message until the queue shows everything; `idle` is the same timer before the burst;
- cpu_s (the cockpit process, all threads; split per thread by the probe, with the GUI thread's scheduling),
  peak_rss_mb (ru_maxrss), batch_p99_ms (the ingest's commit time per batch), queue_rows_shown (rows the queue
  model holds at the end) against the live alarms in the database;
- the limits, same run: `baseline` — the same publisher flat out → the same broker → a bare paho subscriber
  in its own process (parses, stores nothing); `flood` — the cockpit flat out, its sustained ingest rate over
  the bare subscriber's is `ceiling_ratio`; `db_ceiling` — the same rows and statements straight into a copy
  of the database (bench/alarms_db.py), `ceiling_ratio_vs_db`.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

from services.sim.feed.publisher import SensorFeed
from tools.xvfb import xvfb

from .alarms_cockpit import AlarmStore, Cockpit, write_config
from .alarms_db import insert_ceiling
from .alarms_feed import AlarmLoad, Published, bare_subscriber_rate, mosquitto, sensors

TARGETS = {"persist_ratio": 1.0, "ui_lag_p99_ms": 50.0}
SETTLE_S = 30.0  # after the last message: everything stored and shown, or the run reports what it has


def _site_code(url: str) -> str:
    from sqlalchemy import create_engine, select

    from cockpit.models import Site

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(Site.code)).scalar_one()
    finally:
        engine.dispose()


def _settle(cockpit: Cockpit, store: AlarmStore, published: Published, feed: SensorFeed, stored_before: int) -> dict:
    """Wait until every message is stored and the queue shows every live alarm; times from the first message."""
    feed.flush(SETTLE_S)
    _, stored_at = store.wait_refs(stored_before + len(published.ids), SETTLE_S)
    live = store.live_alarms()
    deadline = time.monotonic() + 10
    state = cockpit.command("state")
    while (state["queue_pending"] or state["queue_rows"] != live) and time.monotonic() < deadline:
        time.sleep(0.1)
        state = cockpit.command("state")
    return {"stored_s": round(stored_at - published.started, 3), "shown_s": round(time.time() - published.started, 3),
            "live_alarms_in_db": live}


def _phase(cockpit: Cockpit, store: AlarmStore, feed: SensorFeed, publish,
           profile: Path | None = None) -> tuple[Published, dict, dict, float]:
    stored_before = store.count_refs()
    cockpit.command("mark")
    if profile is not None:
        cockpit.command(f"profile {profile}")
    cpu0 = cockpit.cpu_s()
    published = publish()
    settled = _settle(cockpit, store, published, feed, stored_before)
    report = cockpit.command("report")
    return published, settled, report, cockpit.cpu_s() - cpu0


def _persisted(store: AlarmStore, published: Published) -> dict:
    refs = store.refs()
    sent = {f"mqtt:{i}" for i in published.ids}
    unique = set(refs)
    return {"persisted": len(unique & sent), "duplicates": len(refs) - len(unique), "missing": len(sent - unique)}


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def _flood(published: Published, settled: dict, report: dict, cpu_s: float, counts: dict) -> dict:
    rate = counts["persisted"] / settled["stored_s"] if settled["stored_s"] > 0 else None
    return {"sent": len(published.ids), **counts, "publish_rate": round(published.rate),
            "stored_s": settled["stored_s"], "persisted_rate": round(rate) if rate else None,
            "ui_lag_p50_ms": report["lag_p50_ms"], "ui_lag_p99_ms": report["lag_p99_ms"],
            "ui_lag_max_ms": report["lag_max_ms"], "cpu_s": round(cpu_s, 2), "queue_rows_shown": report["queue_rows"],
            "batch_p99_ms": report["ingest"]["batch_p99_ms"], "largest_batch": report["ingest"]["largest_batch"]}


def _measure(args: argparse.Namespace, broker: tuple[str, int], cockpit: Cockpit, store: AlarmStore) -> dict:
    """Idle lag, the pipe's limit, the paced burst, then the flood; the cockpit keeps running throughout."""
    site, devices = _site_code(cockpit.db_url), sensors(cockpit.db_url)
    if not cockpit.ready.get("queue_visible"):
        raise RuntimeError("the alarm queue is not on screen")
    cockpit.command("mark")
    time.sleep(args.idle)
    idle = cockpit.command("report")
    # the pipe's limit, on topics of another site (the cockpit's subscription does not match them)
    baseline = bare_subscriber_rate(broker, f"{site}BASE", devices, args.baseline) if args.baseline else None
    feed = SensorFeed(*broker, site).start()
    try:
        load = AlarmLoad(feed, devices)
        published, settled, report, cpu_s = _phase(cockpit, store, feed, lambda: load.paced(args.rate, args.seconds),
                                                   args.profile)
        counts = _persisted(store, published)
        flood = None
        if args.flood:
            flooded, *rest = _phase(cockpit, store, feed, lambda: load.flat_out(args.flood))
            flood = _flood(flooded, *rest, _persisted(store, flooded))
    finally:
        feed.stop()
    return {"devices": devices, "idle": idle, "baseline": baseline, "published": published, "settled": settled,
            "report": report, "cpu_s": cpu_s, "counts": counts, "flood": flood}


def run(args: argparse.Namespace) -> dict:
    with mosquitto() as broker, xvfb(1920, 1080) as display, tempfile.TemporaryDirectory(prefix="cockpit-bench-") as tmp:
        home = Path(tmp) / "home"
        write_config(home, broker, f"cockpit-bench-{uuid.uuid4().hex[:8]}")
        env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        if args.switch_interval_ms:
            env["BENCH_SWITCH_INTERVAL_MS"] = str(args.switch_interval_ms)
        started = time.monotonic()
        cockpit = Cockpit(home, env).start()
        start_s = time.monotonic() - started
        store = AlarmStore(cockpit.db_url)
        try:
            m = _measure(args, broker, cockpit, store)
        finally:
            exit_code = cockpit.close()
            store.dispose()
        # the database's limit for the same writes, on a copy, with the cockpit gone (no competition for the cores)
        db_ceiling = (insert_ceiling(home / "data" / "demo.db", [c for c, _ in m["devices"]], args.db_ceiling)
                      if args.db_ceiling else None)
    published, report, counts, flood, baseline = m["published"], m["report"], m["counts"], m["flood"], m["baseline"]
    sent, ingest = len(published.ids), report["ingest"]
    result = {
        "sent": sent, "persisted": counts["persisted"], "ui_lag_p99_ms": report["lag_p99_ms"],
        "seconds": args.seconds, "rate_target": args.rate, "rate_achieved": round(published.rate, 1),
        "persist_ratio": round(counts["persisted"] / sent, 4) if sent else None,
        "duplicates": counts["duplicates"], "missing": counts["missing"],
        "ui_lag_p50_ms": report["lag_p50_ms"], "ui_lag_max_ms": report["lag_max_ms"],
        "ui_lag_samples": report["lag_samples"], "ui_lag_tick_ms": report["lag_tick_ms"],
        "ui_lag_idle_p99_ms": m["idle"]["lag_p99_ms"], "ui_lag_idle_max_ms": m["idle"]["lag_max_ms"],
        "all_stored_s": m["settled"]["stored_s"], "all_shown_s": m["settled"]["shown_s"],
        "queue_rows_shown": report["queue_rows"], "queue_occurrences_shown": report["queue_occurrences"],
        "live_alarms_in_db": m["settled"]["live_alarms_in_db"], "queue_visible": report["queue_visible"],
        "alarms_new": ingest["persisted"], "alarms_merged": ingest["merged"],
        "batch_p99_ms": ingest["batch_p99_ms"], "batches": ingest["batches"], "largest_batch": ingest["largest_batch"],
        "cpu_s": round(m["cpu_s"], 2), "cpu_breakdown_s": report["cpu_s"], "ui_thread_sched": report["ui_thread_sched"],
        "cpu_ms_per_alarm": round(m["cpu_s"] * 1000 / sent, 3) if sent else None,
        "peak_rss_mb": report["peak_rss_mb"], "cockpit_start_s": round(start_s, 2), "cockpit_exit_code": exit_code,
        "baseline": baseline, "rate_ratio_vs_baseline": _ratio(published.rate, baseline and baseline["receive_rate"]),
        "flood": flood,
        "ceiling_ratio": _ratio(flood and flood["persisted_rate"], baseline and baseline["receive_rate"]),
        "db_ceiling": db_ceiling,
        "ceiling_ratio_vs_db": _ratio(flood and flood["persisted_rate"], db_ceiling and db_ceiling["rate"]),
        "switch_interval_ms": args.switch_interval_ms or 5.0,
        "loadavg_1m_at_end": round(os.getloadavg()[0], 2),
    }
    result["targets_met"] = {"persist_ratio": result["persist_ratio"] == 1.0 and counts["duplicates"] == 0,
                             "ui_lag_p99_ms": result["ui_lag_p99_ms"] is not None
                             and result["ui_lag_p99_ms"] <= TARGETS["ui_lag_p99_ms"]}
    return result


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench alarms", description=__doc__.split("\n\n")[0])
    p.add_argument("--rate", type=float, default=1000.0, help="alarms per second")
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--flood", type=int, default=10_000, help="then this many flat out (0: skip)")
    p.add_argument("--baseline", type=int, default=10_000, help="messages for the bare-subscriber limit (0: skip)")
    p.add_argument("--db-ceiling", type=int, default=10_000,
                   help="messages for the database's own limit, same writes without the cockpit (0: skip)")
    p.add_argument("--idle", type=float, default=3.0, help="seconds of idle lag measured before the burst")
    p.add_argument("--switch-interval-ms", type=float, help="sys.setswitchinterval in the cockpit (experiment)")
    p.add_argument("--profile", type=Path, help="cProfile the cockpit's GUI thread during the burst into this file")
    args = p.parse_args(argv)
    print(json.dumps(run(args), ensure_ascii=False))
    return 0
