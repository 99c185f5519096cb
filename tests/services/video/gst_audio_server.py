"""An RTSP server with an audio track only (GStreamer, Debian's python3-gi): run with /usr/bin/python3.

    /usr/bin/python3 gst_audio_server.py
Prints the bound port once serving rtsp://127.0.0.1:PORT/audio; stops on SIGTERM.
"""

import signal

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service("0")
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch("( audiotestsrc is-live=true ! audioconvert ! audio/x-raw,rate=8000,channels=1 "
                   "! rtpL16pay name=pay0 pt=97 )")
factory.set_shared(True)
server.get_mount_points().add_factory("/audio", factory)
server.attach(None)
loop = GLib.MainLoop()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
print(server.get_bound_port(), flush=True)
loop.run()
