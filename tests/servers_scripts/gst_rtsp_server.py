"""A reference RTSP server (GStreamer, from Debian) for tests: run with /usr/bin/python3.

    /usr/bin/python3 gst_rtsp_server.py GOP WIDTH HEIGHT FPS
Prints the bound port on stdout once serving rtsp://127.0.0.1:PORT/test; stops on SIGTERM.
`gi` imports only in Debian's own Python, not in the project's venv, hence a separate script.
"""

import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

gop, width, height, fps = (int(v) for v in sys.argv[1:5])
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service("0")
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1 "
    f"! timeoverlay ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={gop} "
    "! rtph264pay name=pay0 pt=96 )")
factory.set_shared(True)
server.get_mount_points().add_factory("/test", factory)
server.attach(None)
loop = GLib.MainLoop()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)  # Python handlers never run in GLib
print(server.get_bound_port(), flush=True)
loop.run()
