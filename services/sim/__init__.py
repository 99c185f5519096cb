"""The simulated community: ONVIF cameras with RTSP video, scripted incidents, sensors, responders.

It drives the product through the same wire protocols as real devices (SOAP over HTTP, RTSP,
MQTT, WS-Discovery), never through Python calls behind the product's back.
"""
