"""An RTSP server for other codecs than H.264 (GStreamer, Debian's python3-gi): run with /usr/bin/python3.

    /usr/bin/python3 gst_codec_server.py CODEC WIDTH HEIGHT FPS GOP      CODEC: h265 | vp8
Prints the bound port once serving rtsp://127.0.0.1:PORT/test; stops on SIGTERM.
"""

import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer

codec = sys.argv[1]
width, height, fps, gop = (int(v) for v in sys.argv[2:6])
ENCODERS = {
    "h265": f"x265enc tune=zerolatency speed-preset=ultrafast key-int-max={gop} ! rtph265pay name=pay0 pt=96",
    "vp8": f"vp8enc deadline=1 keyframe-max-dist={gop} ! rtpvp8pay name=pay0 pt=96",
}
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service("0")
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},"
                   f"framerate={fps}/1 ! {ENCODERS[codec]} )")
factory.set_shared(True)
server.get_mount_points().add_factory("/test", factory)
server.attach(None)
loop = GLib.MainLoop()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)  # Python handlers never run in GLib
print(server.get_bound_port(), flush=True)
loop.run()
