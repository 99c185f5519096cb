<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlarmLabels</name>
    <message>
        <source>Fall</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Crowd</source>
        <translation>Crowd</translation>
    </message>
    <message>
        <source>Intrusion</source>
        <translation>Intrusion</translation>
    </message>
    <message>
        <source>Smoke</source>
        <translation>Smoke</translation>
    </message>
    <message>
        <source>Heart rate</source>
        <translation>Heart rate</translation>
    </message>
    <message>
        <source>Emergency button</source>
        <translation>Emergency button</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Motion</translation>
    </message>
    <message>
        <source>Tampering</source>
        <translation>Tampering</translation>
    </message>
    <message>
        <source>Line crossing</source>
        <translation>Line crossing</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>Door</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>Gas</translation>
    </message>
    <message>
        <source>Water leak</source>
        <translation>Water leak</translation>
    </message>
    <message>
        <source>Device offline</source>
        <translation>Device offline</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acknowledged</translation>
    </message>
    <message>
        <source>in incident</source>
        <translation>in incident</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>suppressed</translation>
    </message>
</context>
<context>
    <name>AlarmQueueModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
</context>
<context>
    <name>AlarmQueueWidget</name>
    <message>
        <source>Open alarms of priority P%1</source>
        <translation>Open alarms of priority P%1</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Building or place…</source>
        <translation>Building or place…</translation>
    </message>
    <message>
        <source>All but suppressed</source>
        <translation>All but suppressed</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 of %2 shown</translation>
    </message>
</context>
<context>
    <name>CameraHealthModel</name>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Last frame</translation>
    </message>
    <message>
        <source>fps</source>
        <translation>fps</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>First frame</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>Clock offset</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>CameraHealthWidget</name>
    <message>
        <source>Filter by code, name or problem…</source>
        <translation>Filter by code, name or problem…</translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation>All cameras</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>Problems only</translation>
    </message>
    <message>
        <source>Recent problems</source>
        <translation>Recent problems</translation>
    </message>
    <message>
        <source>%1 of %2 cameras online · %3 with problems · %4 shown</source>
        <translation>%1 of %2 cameras online · %3 with problems · %4 shown</translation>
    </message>
    <message>
        <source>No problems recorded.</source>
        <translation>No problems recorded.</translation>
    </message>
</context>
<context>
    <name>CameraList</name>
    <message>
        <source>Filter cameras…</source>
        <translation>Filter cameras…</translation>
    </message>
</context>
<context>
    <name>CloseIncidentDialog</name>
    <message>
        <source>Close %1</source>
        <translation>Close %1</translation>
    </message>
    <message>
        <source>Choose the outcome…</source>
        <translation>Choose the outcome…</translation>
    </message>
    <message>
        <source>What happened, what was done, who was informed</source>
        <translation>What happened, what was done, who was informed</translation>
    </message>
    <message>
        <source>Responders still on their way are stood down; those on site are released.</source>
        <translation>Responders still on their way are stood down; those on site are released.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>Close incident</translation>
    </message>
    <message>
        <source>Choose an outcome.</source>
        <translation>Choose an outcome.</translation>
    </message>
    <message>
        <source>Write a note: what happened and who was informed.</source>
        <translation>Write a note: what happened and who was informed.</translation>
    </message>
</context>
<context>
    <name>CockpitStatusBar</name>
    <message>
        <source>Database: checking…</source>
        <translation>Database: checking…</translation>
    </message>
    <message>
        <source>Database: %1 OK (%2 ms)</source>
        <translation>Database: %1 OK (%2 ms)</translation>
    </message>
    <message>
        <source>Database: unreachable</source>
        <translation>Database: unreachable</translation>
    </message>
    <message>
        <source>Cameras: %1/%2 online</source>
        <translation>Cameras: %1/%2 online</translation>
    </message>
</context>
<context>
    <name>CommissioningReport</name>
    <message>
        <source>Keyframes too far apart</source>
        <translation>Keyframes too far apart</translation>
    </message>
    <message>
        <source>No sub stream</source>
        <translation>No sub stream</translation>
    </message>
    <message>
        <source>Clock drift</source>
        <translation>Clock drift</translation>
    </message>
    <message>
        <source>Slow to show the first picture</source>
        <translation>Slow to show the first picture</translation>
    </message>
    <message>
        <source>Low frame rate</source>
        <translation>Low frame rate</translation>
    </message>
    <message>
        <source>PTZ camera without presets</source>
        <translation>PTZ camera without presets</translation>
    </message>
    <message>
        <source>Not placed on the site</source>
        <translation>Not placed on the site</translation>
    </message>
    <message>
        <source>Stream does not play</source>
        <translation>Stream does not play</translation>
    </message>
    <message>
        <source>%1: a keyframe every %2 s (at most %3 s)</source>
        <translation>%1: a keyframe every %2 s (at most %3 s)</translation>
    </message>
    <message>
        <source>%1: first picture after %2 s (at most %3 s)</source>
        <translation>%1: first picture after %2 s (at most %3 s)</translation>
    </message>
    <message>
        <source>%1: %2 fps (at least %3)</source>
        <translation>%1: %2 fps (at least %3)</translation>
    </message>
    <message>
        <source>device clock %2 s from ours (at most %3 s); set up NTP</source>
        <translation>device clock %2 s from ours (at most %3 s); set up NTP</translation>
    </message>
    <message>
        <source>the wall would have to decode the main stream</source>
        <translation>the wall would have to decode the main stream</translation>
    </message>
    <message>
        <source>alarms cannot turn this camera to a place</source>
        <translation>alarms cannot turn this camera to a place</translation>
    </message>
    <message>
        <source>the twin and alarm video lock cannot use this camera</source>
        <translation>the twin and alarm video lock cannot use this camera</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Manufacturer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>PTZ</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>Clock offset</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>Declared</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>First frame</translation>
    </message>
    <message>
        <source>Measured fps</source>
        <translation>Measured fps</translation>
    </message>
    <message>
        <source>GOP (frames)</source>
        <translation>GOP (frames)</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <source>Stream URI</source>
        <translation>Stream URI</translation>
    </message>
    <message>
        <source>focus view</source>
        <translation>focus view</translation>
    </message>
    <message>
        <source>wall tiles</source>
        <translation>wall tiles</translation>
    </message>
    <message>
        <source>unused</source>
        <translation>unused</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Not placed</source>
        <translation>Not placed</translation>
    </message>
    <message>
        <source>height</source>
        <translation>height</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Heading</translation>
    </message>
    <message>
        <source>Tilt</source>
        <translation>Tilt</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>Field of view</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Range</translation>
    </message>
    <message>
        <source>No known bad settings found.</source>
        <translation>No known bad settings found.</translation>
    </message>
    <message>
        <source>No snapshot</source>
        <translation>No snapshot</translation>
    </message>
    <message>
        <source>Camera commissioning report</source>
        <translation>Camera commissioning report</translation>
    </message>
    <message>
        <source>by %1 on %2</source>
        <translation>by %1 on %2</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>PTZ presets (tested)</source>
        <translation>PTZ presets (tested)</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Placement</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>CommissioningWizard</name>
    <message>
        <source>Add or commission a camera</source>
        <translation>Add or commission a camera</translation>
    </message>
</context>
<context>
    <name>DispatchTable</name>
    <message>
        <source>Responder</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>ETA</translation>
    </message>
    <message>
        <source>Stand down</source>
        <translation>Stand down</translation>
    </message>
    <message>
        <source>arrived %1</source>
        <translation>arrived %1</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Community Cockpit</source>
        <translation>Community Cockpit</translation>
    </message>
</context>
<context>
    <name>FindPage</name>
    <message>
        <source>Find the camera</source>
        <translation>Find the camera</translation>
    </message>
    <message>
        <source>Search the network for ONVIF cameras, or type the address of one.</source>
        <translation>Search the network for ONVIF cameras, or type the address of one.</translation>
    </message>
    <message>
        <source>Search the network</source>
        <translation>Search the network</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>In the site</source>
        <translation>In the site</translation>
    </message>
    <message>
        <source>http://192.168.1.64/onvif/device_service or 192.168.1.64:80</source>
        <translation>http://192.168.1.64/onvif/device_service or 192.168.1.64:80</translation>
    </message>
    <message>
        <source>Device address</source>
        <translation>Device address</translation>
    </message>
    <message>
        <source>No discovery targets are configured; type the camera&apos;s address below.</source>
        <translation>No discovery targets are configured; type the camera&apos;s address below.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation>yes (%1)</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>%1 found so far…</source>
        <translation>%1 found so far…</translation>
    </message>
    <message>
        <source>%1 ONVIF devices answered.</source>
        <translation>%1 ONVIF devices answered.</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
</context>
<context>
    <name>FocusView</name>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Hold an arrow key to move · +/− zoom · 1–9 go to a preset</source>
        <translation>Hold an arrow key to move · +/− zoom · 1–9 go to a preset</translation>
    </message>
    <message>
        <source>Pan, tilt, zoom</source>
        <translation>Pan, tilt, zoom</translation>
    </message>
    <message>
        <source>%1 · fixed camera, no pan, tilt or zoom</source>
        <translation>%1 · fixed camera, no pan, tilt or zoom</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>No camera</translation>
    </message>
    <message>
        <source>Open a camera from the wall or the camera list</source>
        <translation>Open a camera from the wall or the camera list</translation>
    </message>
    <message>
        <source>No video: %1</source>
        <translation>No video: %1</translation>
    </message>
    <message>
        <source>Could not stop the camera: %1. It stops by itself within %2 s.</source>
        <translation>Could not stop the camera: %1. It stops by itself within %2 s.</translation>
    </message>
    <message>
        <source>Could not go to the preset: %1</source>
        <translation>Could not go to the preset: %1</translation>
    </message>
    <message>
        <source>The camera did not move: %1</source>
        <translation>The camera did not move: %1</translation>
    </message>
    <message>
        <source>Could not read the presets: %1</source>
        <translation>Could not read the presets: %1</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>Saved “%1”.</translation>
    </message>
    <message>
        <source>Could not save the preset: %1</source>
        <translation>Could not save the preset: %1</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>Removed “%1”.</translation>
    </message>
    <message>
        <source>Could not remove the preset: %1</source>
        <translation>Could not remove the preset: %1</translation>
    </message>
</context>
<context>
    <name>IncidentClocksWidget</name>
    <message>
        <source>Arrived %1 after the first alarm</source>
        <translation>Arrived %1 after the first alarm</translation>
    </message>
    <message>
        <source>%1 late</source>
        <translation>%1 late</translation>
    </message>
    <message>
        <source>Overdue: nobody on site %1 minutes after the first alarm</source>
        <translation>Overdue: nobody on site %1 minutes after the first alarm</translation>
    </message>
    <message>
        <source>Ended before anyone had to arrive</source>
        <translation>Ended before anyone had to arrive</translation>
    </message>
    <message>
        <source>left to the %1-minute arrival deadline</source>
        <translation>left to the %1-minute arrival deadline</translation>
    </message>
    <message>
        <source>Video locked in %1 s</source>
        <translation>Video locked in %1 s</translation>
    </message>
    <message>
        <source>target %1 s</source>
        <translation>target %1 s</translation>
    </message>
    <message>
        <source>Video lock not needed</source>
        <translation>Video lock not needed</translation>
    </message>
    <message>
        <source>No live picture of the place yet: %1</source>
        <translation>No live picture of the place yet: %1</translation>
    </message>
    <message>
        <source>Locking video… %1 s</source>
        <translation>Locking video… %1 s</translation>
    </message>
</context>
<context>
    <name>IncidentLabels</name>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>dispatched</source>
        <translation>dispatched</translation>
    </message>
    <message>
        <source>on site</source>
        <translation>on site</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>notified</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>en route</source>
        <translation>en route</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>declined</translation>
    </message>
    <message>
        <source>stood down</source>
        <translation>stood down</translation>
    </message>
    <message>
        <source>Handled on site</source>
        <translation>Handled on site</translation>
    </message>
    <message>
        <source>Ambulance called (120)</source>
        <translation>Ambulance called (120)</translation>
    </message>
    <message>
        <source>Fire service called (119)</source>
        <translation>Fire service called (119)</translation>
    </message>
    <message>
        <source>Police called (110)</source>
        <translation>Police called (110)</translation>
    </message>
    <message>
        <source>Resident fine, no help needed</source>
        <translation>Resident fine, no help needed</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <source>Device fault</source>
        <translation>Device fault</translation>
    </message>
    <message>
        <source>Referred to property management</source>
        <translation>Referred to property management</translation>
    </message>
    <message>
        <source>Other (see note)</source>
        <translation>Other (see note)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Nobody can arrive before the deadline</source>
        <translation>Nobody can arrive before the deadline</translation>
    </message>
    <message>
        <source>Arrival deadline passed, nobody on site</source>
        <translation>Arrival deadline passed, nobody on site</translation>
    </message>
    <message>
        <source>No responder available to send</source>
        <translation>No responder available to send</translation>
    </message>
    <message>
        <source>available</source>
        <translation>available</translation>
    </message>
    <message>
        <source>off duty</source>
        <translation>off duty</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Responders</source>
        <translation>Responders</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarms</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>The situation is over; responders still on the way are stood down</source>
        <translation>The situation is over; responders still on the way are stood down</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>Cancel incident…</source>
        <translation>Cancel incident…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>No incident selected.
Select an alarm in the queue and press I to open one.</source>
        <translation>No incident selected.
Select an alarm in the queue and press I to open one.</translation>
    </message>
    <message>
        <source>%1 closed: %2</source>
        <translation>%1 closed: %2</translation>
    </message>
    <message>
        <source>No open incidents</source>
        <translation>No open incidents</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>opened %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>%1 alarm(s)</source>
        <translation>%1 alarm(s)</translation>
    </message>
    <message>
        <source>Supervisor alert: %1 (%2)</source>
        <translation>Supervisor alert: %1 (%2)</translation>
    </message>
    <message>
        <source>best arrival %1</source>
        <translation>best arrival %1</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 more</translation>
    </message>
    <message>
        <source>Select an alarm in the queue first.</source>
        <translation>Select an alarm in the queue first.</translation>
    </message>
    <message>
        <source>%1 opened</source>
        <translation>%1 opened</translation>
    </message>
    <message>
        <source>Select an incident and an alarm first.</source>
        <translation>Select an incident and an alarm first.</translation>
    </message>
    <message>
        <source>%1 sent to %2</source>
        <translation>%1 sent to %2</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>Cancel %1</translation>
    </message>
    <message>
        <source>Why is this incident cancelled (opened by mistake, a duplicate…)? Responders on their way are stood down.</source>
        <translation>Why is this incident cancelled (opened by mistake, a duplicate…)? Responders on their way are stood down.</translation>
    </message>
    <message>
        <source>Cancel incident</source>
        <translation>Cancel incident</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>Reopen %1</translation>
    </message>
    <message>
        <source>Why is this incident not over after all?</source>
        <translation>Why is this incident not over after all?</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Supervisor alert on %1: %2</source>
        <translation>Supervisor alert on %1: %2</translation>
    </message>
    <message>
        <source>%1 declined</source>
        <translation>%1 declined</translation>
    </message>
    <message>
        <source>%1 did not accept in time</source>
        <translation>%1 did not accept in time</translation>
    </message>
    <message>
        <source>nobody else is available</source>
        <translation>nobody else is available</translation>
    </message>
    <message>
        <source>%1 sent instead</source>
        <translation>%1 sent instead</translation>
    </message>
    <message>
        <source>send %1?</source>
        <translation>send %1?</translation>
    </message>
    <message>
        <source>Responder feed offline</source>
        <translation>Responder feed offline</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Not done: %1</translation>
    </message>
</context>
<context>
    <name>IncidentRespondersWidget</name>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>Nearest available, by walking time</source>
        <translation>Nearest available, by walking time</translation>
    </message>
    <message>
        <source>Nobody available to propose</source>
        <translation>Nobody available to propose</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Smoke detector</source>
        <translation>Smoke detector</translation>
    </message>
    <message>
        <source>Door sensor</source>
        <translation>Door sensor</translation>
    </message>
    <message>
        <source>Wearable</source>
        <translation>Wearable</translation>
    </message>
    <message>
        <source>Emergency button</source>
        <translation>Emergency button</translation>
    </message>
    <message>
        <source>Gas detector</source>
        <translation>Gas detector</translation>
    </message>
    <message>
        <source>Water-leak sensor</source>
        <translation>Water-leak sensor</translation>
    </message>
    <message>
        <source>Access gate</source>
        <translation>Access gate</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>fault</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>maintenance</translation>
    </message>
    <message>
        <source>Residential building</source>
        <translation>Residential building</translation>
    </message>
    <message>
        <source>Community centre</source>
        <translation>Community centre</translation>
    </message>
    <message>
        <source>Commercial building</source>
        <translation>Commercial building</translation>
    </message>
    <message>
        <source>Service building</source>
        <translation>Service building</translation>
    </message>
    <message>
        <source>Security guard</source>
        <translation>Security guard</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>Property staff</source>
        <translation>Property staff</translation>
    </message>
    <message>
        <source>Medic</source>
        <translation>Medic</translation>
    </message>
    <message>
        <source>available</source>
        <translation>available</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>busy</translation>
    </message>
    <message>
        <source>off duty</source>
        <translation>off duty</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>Installer</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>unreachable</translation>
    </message>
    <message>
        <source>wrong credentials</source>
        <translation>wrong credentials</translation>
    </message>
    <message>
        <source>clock skew</source>
        <translation>clock skew</translation>
    </message>
    <message>
        <source>not ONVIF</source>
        <translation>not ONVIF</translation>
    </message>
    <message>
        <source>unsupported</source>
        <translation>unsupported</translation>
    </message>
    <message>
        <source>stream unplayable</source>
        <translation>stream unplayable</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>Chronic condition</source>
        <translation>Chronic condition</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Emergency contact</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Parking spot</source>
        <translation>Parking spot</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <source>lives alone</source>
        <translation>lives alone</translation>
    </message>
    <message>
        <source>limited mobility</source>
        <translation>limited mobility</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Community Cockpit — sign in</source>
        <translation>Community Cockpit — sign in</translation>
    </message>
    <message>
        <source>Community Cockpit</source>
        <translation>Community Cockpit</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Enter your user name and password.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>Cannot sign in: %1</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>The camera&apos;s ONVIF user. The password is stored encrypted, never in plain text.</source>
        <translation>The camera&apos;s ONVIF user. The password is stored encrypted, never in plain text.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Manufacturer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>Clock offset</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profiles</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>PTZ</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Connected in %1 ms.</source>
        <translation>Connected in %1 ms.</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Cannot connect: %1</translation>
    </message>
</context>
<context>
    <name>LookupWidget</name>
    <message>
        <source>Name, home (12-2-1502), plate or phone…</source>
        <translation>Name, home (12-2-1502), plate or phone…</translation>
    </message>
    <message>
        <source>Type to search residents, households, vehicles and devices.</source>
        <translation>Type to search residents, households, vehicles and devices.</translation>
    </message>
    <message>
        <source>Phone and ID numbers are masked for your role.</source>
        <translation>Phone and ID numbers are masked for your role.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show on plan</source>
        <translation>Show on plan</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>Nothing found for “%1”.</translation>
    </message>
    <message>
        <source>%1 results in %2 ms</source>
        <translation>%1 results in %2 ms</translation>
    </message>
    <message>
        <source>showing the first matches; type more to narrow down</source>
        <translation>showing the first matches; type more to narrow down</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>The configuration file is not valid. Nothing was changed.</source>
        <translation>The configuration file is not valid. Nothing was changed.</translation>
    </message>
    <message>
        <source>The database setting is not valid.</source>
        <translation>The database setting is not valid.</translation>
    </message>
    <message>
        <source>Community Cockpit cannot open its database. Nothing was changed.</source>
        <translation>Community Cockpit cannot open its database. Nothing was changed.</translation>
    </message>
    <message>
        <source>The database holds no site yet. Start with --demo to open the simulated community, or import your site first.</source>
        <translation>The database holds no site yet. Start with --demo to open the simulated community, or import your site first.</translation>
    </message>
    <message>
        <source>Sign-in failed.</source>
        <translation>Sign-in failed.</translation>
    </message>
    <message>
        <source>Alarm ingest is off: %1</source>
        <translation>Alarm ingest is off: %1</translation>
    </message>
    <message>
        <source>Dispatch: %1</source>
        <translation>Dispatch: %1</translation>
    </message>
    <message>
        <source>Recording is off: %1</source>
        <translation>Recording is off: %1</translation>
    </message>
    <message>
        <source>Simulated community running: %1 cameras, sensors and responders</source>
        <translation>Simulated community running: %1 cameras, sensors and responders</translation>
    </message>
    <message>
        <source>The simulated cameras did not start: %1</source>
        <translation>The simulated cameras did not start: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Community Cockpit — %1</source>
        <translation>Community Cockpit — %1</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>Focus view</source>
        <translation>Focus view</translation>
    </message>
    <message>
        <source>Live pictures of %1 cameras in layouts of 1 to 16 tiles, with the focus view and PTZ control. Drag a camera from the plan onto a tile.</source>
        <translation>Live pictures of %1 cameras in layouts of 1 to 16 tiles, with the focus view and PTZ control. Drag a camera from the plan onto a tile.</translation>
    </message>
    <message>
        <source>Arrives when cameras are connected over ONVIF and RTSP.</source>
        <translation>Arrives when cameras are connected over ONVIF and RTSP.</translation>
    </message>
    <message>
        <source>3D twin</source>
        <translation>3D twin</translation>
    </message>
    <message>
        <source>The site in 3D: %1 buildings with their floors, camera positions and view cones, responders moving, alarms pulsing where they happen.</source>
        <translation>The site in 3D: %1 buildings with their floors, camera positions and view cones, responders moving, alarms pulsing where they happen.</translation>
    </message>
    <message>
        <source>Arrives with the digital-twin view.</source>
        <translation>Arrives with the digital-twin view.</translation>
    </message>
    <message>
        <source>Site plan</source>
        <translation>Site plan</translation>
    </message>
    <message>
        <source>Community overview</source>
        <translation>Community overview</translation>
    </message>
    <message>
        <source>Alarm queue</source>
        <translation>Alarm queue</translation>
    </message>
    <message>
        <source>No alarms</source>
        <translation>No alarms</translation>
    </message>
    <message>
        <source>Alarms from cameras, video analytics and sensors (falls, crowds, intrusion, smoke, a wearable&apos;s heart rate) appear here, highest priority first, with the live picture locked on the place within seconds.</source>
        <translation>Alarms from cameras, video analytics and sensors (falls, crowds, intrusion, smoke, a wearable&apos;s heart rate) appear here, highest priority first, with the live picture locked on the place within seconds.</translation>
    </message>
    <message>
        <source>Arrives with alarm ingest and dispatch.</source>
        <translation>Arrives with alarm ingest and dispatch.</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>No incident selected</source>
        <translation>No incident selected</translation>
    </message>
    <message>
        <source>An incident&apos;s timeline, the nearest responders by walking time, the 10-minute arrival countdown and the checklist for its type.</source>
        <translation>An incident&apos;s timeline, the nearest responders by walking time, the 10-minute arrival countdown and the checklist for its type.</translation>
    </message>
    <message>
        <source>Open an incident from the alarm queue.</source>
        <translation>Open an incident from the alarm queue.</translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation>Lookup</translation>
    </message>
    <message>
        <source>Camera health</source>
        <translation>Camera health</translation>
    </message>
    <message>
        <source>&amp;Cockpit</source>
        <translation>&amp;Cockpit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Panels</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Find resident, home, vehicle or device</source>
        <translation>Find resident, home, vehicle or device</translation>
    </message>
    <message>
        <source>Add or commission a camera…</source>
        <translation>Add or commission a camera…</translation>
    </message>
    <message>
        <source>Open an incident from the selected alarm</source>
        <translation>Open an incident from the selected alarm</translation>
    </message>
    <message>
        <source>Add the selected alarm to the incident shown</source>
        <translation>Add the selected alarm to the incident shown</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Show %1</translation>
    </message>
    <message>
        <source>Video wall on its own window or monitor</source>
        <translation>Video wall on its own window or monitor</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <source>Fit site plan</source>
        <translation>Fit site plan</translation>
    </message>
    <message>
        <source>Reset panel layout</source>
        <translation>Reset panel layout</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>About Community Cockpit</source>
        <translation>About Community Cockpit</translation>
    </message>
    <message>
        <source>Community Cockpit %1 — command centre for a residential community.</source>
        <translation>Community Cockpit %1 — command centre for a residential community.</translation>
    </message>
    <message>
        <source>Open alarms could not be loaded: %1</source>
        <translation>Open alarms could not be loaded: %1</translation>
    </message>
    <message>
        <source>Alarm %1: %2</source>
        <translation>Alarm %1: %2</translation>
    </message>
    <message>
        <source>Alarm %1: live picture of %2 in %3 s</source>
        <translation>Alarm %1: live picture of %2 in %3 s</translation>
    </message>
    <message>
        <source>Clip of %1 saved (%2): %3</source>
        <translation>Clip of %1 saved (%2): %3</translation>
    </message>
    <message>
        <source>Recording of %1 failed: %2</source>
        <translation>Recording of %1 failed: %2</translation>
    </message>
</context>
<context>
    <name>OverviewWidget</name>
    <message>
        <source>Buildings</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>Aged 65+</source>
        <translation>Aged 65+</translation>
    </message>
    <message>
        <source>65+ living alone</source>
        <translation>65+ living alone</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>Cameras online</source>
        <translation>Cameras online</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <source>Responders available</source>
        <translation>Responders available</translation>
    </message>
    <message>
        <source>Residents by age</source>
        <translation>Residents by age</translation>
    </message>
    <message>
        <source>Orange bars: residents aged 65 and over</source>
        <translation>Orange bars: residents aged 65 and over</translation>
    </message>
</context>
<context>
    <name>PlacementPage</name>
    <message>
        <source>Place the camera</source>
        <translation>Place the camera</translation>
    </message>
    <message>
        <source>Drag the square to where the camera hangs and the circle to where it looks; the cone shows what it sees. Fine-tune with the numbers.</source>
        <translation>Drag the square to where the camera hangs and the circle to where it looks; the cone shows what it sees. Fine-tune with the numbers.</translation>
    </message>
    <message>
        <source>Pick a camera of the site to replace it, or type a new code</source>
        <translation>Pick a camera of the site to replace it, or type a new code</translation>
    </message>
    <message>
        <source>e.g. 北门 入口</source>
        <translation>e.g. 北门 入口</translation>
    </message>
    <message>
        <source>East (x)</source>
        <translation>East (x)</translation>
    </message>
    <message>
        <source>North (y)</source>
        <translation>North (y)</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Height</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Heading</translation>
    </message>
    <message>
        <source>Tilt</source>
        <translation>Tilt</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>Field of view</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Range</translation>
    </message>
    <message>
        <source>Camera code</source>
        <translation>Camera code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Compass heading: 0° north, 90° east</source>
        <translation>Compass heading: 0° north, 90° east</translation>
    </message>
</context>
<context>
    <name>PresetPanel</name>
    <message>
        <source>Go to</source>
        <translation>Go to</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>Name of this position</source>
        <translation>Name of this position</translation>
    </message>
    <message>
        <source>Save position</source>
        <translation>Save position</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Presets</translation>
    </message>
    <message>
        <source>Remove preset</source>
        <translation>Remove preset</translation>
    </message>
    <message>
        <source>Remove the preset “%1” from the camera?</source>
        <translation>Remove the preset “%1” from the camera?</translation>
    </message>
</context>
<context>
    <name>ProposalTable</name>
    <message>
        <source>Responder</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>Walk</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>ETA</translation>
    </message>
    <message>
        <source>Would arrive after the deadline</source>
        <translation>Would arrive after the deadline</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>Send %1 (Enter)</source>
        <translation>Send %1 (Enter)</translation>
    </message>
</context>
<context>
    <name>PtzPad</name>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>Hold to move; arrow keys work too</source>
        <translation>Hold to move; arrow keys work too</translation>
    </message>
</context>
<context>
    <name>PtzPage</name>
    <message>
        <source>PTZ presets</source>
        <translation>PTZ presets</translation>
    </message>
    <message>
        <source>Aim the camera at places alarms may need (gate, square, entrance), save each as a preset, then test it with “Go to”.</source>
        <translation>Aim the camera at places alarms may need (gate, square, entrance), save each as a preset, then test it with “Go to”.</translation>
    </message>
    <message>
        <source>Preset name, e.g. 北门道闸</source>
        <translation>Preset name, e.g. 北门道闸</translation>
    </message>
    <message>
        <source>Save current view as preset</source>
        <translation>Save current view as preset</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Go to</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Move failed</source>
        <translation>Move failed</translation>
    </message>
    <message>
        <source>Stop failed</source>
        <translation>Stop failed</translation>
    </message>
    <message>
        <source>tested</source>
        <translation>tested</translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation>not tested yet</translation>
    </message>
    <message>
        <source>Preset %1</source>
        <translation>Preset %1</translation>
    </message>
    <message>
        <source>Saved “%1”. Test it with “Go to”.</source>
        <translation>Saved “%1”. Test it with “Go to”.</translation>
    </message>
    <message>
        <source>Saving the preset failed</source>
        <translation>Saving the preset failed</translation>
    </message>
    <message>
        <source>Moved to “%1”: check the picture.</source>
        <translation>Moved to “%1”: check the picture.</translation>
    </message>
    <message>
        <source>Go to failed</source>
        <translation>Go to failed</translation>
    </message>
    <message>
        <source>Removing failed</source>
        <translation>Removing failed</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>A reason is required.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Panels can be dragged, stacked as tabs, floated and moved to another monitor; the layout is saved for your account.</source>
        <translation>Panels can be dragged, stacked as tabs, floated and moved to another monitor; the layout is saved for your account.</translation>
    </message>
</context>
<context>
    <name>SitePlanWidget</name>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>View cones</source>
        <translation>View cones</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <source>Responders</source>
        <translation>Responders</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Coverage heatmap</source>
        <translation>Coverage heatmap</translation>
    </message>
    <message>
        <source>Fit site</source>
        <translation>Fit site</translation>
    </message>
    <message>
        <source>%1 floors</source>
        <translation>%1 floors</translation>
    </message>
    <message>
        <source>%1 buildings</source>
        <translation>%1 buildings</translation>
    </message>
    <message>
        <source>%1 cameras (◆ PTZ)</source>
        <translation>%1 cameras (◆ PTZ)</translation>
    </message>
    <message>
        <source>%1 sensors</source>
        <translation>%1 sensors</translation>
    </message>
    <message>
        <source>%1 responders (▲)</source>
        <translation>%1 responders (▲)</translation>
    </message>
    <message>
        <source>%1% of the site seen by at least one camera</source>
        <translation>%1% of the site seen by at least one camera</translation>
    </message>
</context>
<context>
    <name>SopChecklistWidget</name>
    <message>
        <source>%1 of %2 steps done</source>
        <translation>%1 of %2 steps done</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Connecting to the database…</source>
        <translation>Connecting to the database…</translation>
    </message>
    <message>
        <source>Generating the demo community…</source>
        <translation>Generating the demo community…</translation>
    </message>
    <message>
        <source>Loading the site…</source>
        <translation>Loading the site…</translation>
    </message>
</context>
<context>
    <name>StartupProgress</name>
    <message>
        <source>Community Cockpit</source>
        <translation>Community Cockpit</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
</context>
<context>
    <name>StreamsPage</name>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Check both pictures, measure them, and choose which stream feeds the wall tiles and which the focus view.</source>
        <translation>Check both pictures, measure them, and choose which stream feeds the wall tiles and which the focus view.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>Declared</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>First frame</translation>
    </message>
    <message>
        <source>Measured fps</source>
        <translation>Measured fps</translation>
    </message>
    <message>
        <source>GOP (frames)</source>
        <translation>GOP (frames)</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Measure streams</source>
        <translation>Measure streams</translation>
    </message>
    <message>
        <source>Wall tiles use</source>
        <translation>Wall tiles use</translation>
    </message>
    <message>
        <source>Focus view uses</source>
        <translation>Focus view uses</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>not measured</translation>
    </message>
    <message>
        <source>plays</source>
        <translation>plays</translation>
    </message>
    <message>
        <source>The device gave no stream addresses.</source>
        <translation>The device gave no stream addresses.</translation>
    </message>
    <message>
        <source>Measuring %1 streams, about %2 s…</source>
        <translation>Measuring %1 streams, about %2 s…</translation>
    </message>
    <message>
        <source>Measured.</source>
        <translation>Measured.</translation>
    </message>
    <message>
        <source>Some streams do not play: %1</source>
        <translation>Some streams do not play: %1</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Check and save</source>
        <translation>Check and save</translation>
    </message>
    <message>
        <source>Review the report. Save adds the camera to the site (or updates it) and writes the commissioning report.</source>
        <translation>Review the report. Save adds the camera to the site (or updates it) and writes the commissioning report.</translation>
    </message>
    <message>
        <source>Taking a snapshot…</source>
        <translation>Taking a snapshot…</translation>
    </message>
    <message>
        <source>Save camera</source>
        <translation>Save camera</translation>
    </message>
    <message>
        <source>No snapshot: %1</source>
        <translation>No snapshot: %1</translation>
    </message>
    <message>
        <source>No snapshot</source>
        <translation>No snapshot</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Saved %1. Report:</source>
        <translation>Saved %1. Report:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>SupervisorAlertBadge</name>
    <message>
        <source>%1 supervisor alert(s)</source>
        <translation>%1 supervisor alert(s)</translation>
    </message>
</context>
<context>
    <name>VideoLockController</name>
    <message>
        <source>No camera sees the place of alarm %1 (%2).</source>
        <translation>No camera sees the place of alarm %1 (%2).</translation>
    </message>
    <message>
        <source>%1 did not turn to the alarm: %2</source>
        <translation>%1 did not turn to the alarm: %2</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <source>No video</source>
        <translation>No video</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>Stalled</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Cannot play: %1</source>
        <translation>Cannot play: %1</translation>
    </message>
    <message>
        <source>stale %1 s</source>
        <translation>stale %1 s</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Snapshot of %1 saved: %2</source>
        <translation>Snapshot of %1 saved: %2</translation>
    </message>
    <message>
        <source>The snapshot of %1 was not saved: %2</source>
        <translation>The snapshot of %1 was not saved: %2</translation>
    </message>
    <message>
        <source>The saved view cannot be used.</source>
        <translation>The saved view cannot be used.</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>Name of this view:</translation>
    </message>
    <message>
        <source>View “%1” saved.</source>
        <translation>View “%1” saved.</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?</source>
        <translation>Delete the saved view “%1”?</translation>
    </message>
    <message>
        <source>No cameras to tour: the camera list is empty.</source>
        <translation>No cameras to tour: the camera list is empty.</translation>
    </message>
</context>
<context>
    <name>WallBar</name>
    <message>
        <source>Tiles on the wall</source>
        <translation>Tiles on the wall</translation>
    </message>
    <message>
        <source>Saved views: a layout with its cameras</source>
        <translation>Saved views: a layout with its cameras</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>Show the cameras listed beside the wall a page at a time</source>
        <translation>Show the cameras listed beside the wall a page at a time</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds per page of the tour</source>
        <translation>Seconds per page of the tour</translation>
    </message>
    <message>
        <source>Drag a camera onto a tile · double-click: full size · wheel: zoom · right-click: snapshot, record, focus</source>
        <translation>Drag a camera onto a tile · double-click: full size · wheel: zoom · right-click: snapshot, record, focus</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>View</source>
        <translation>View</translation>
    </message>
    <message>
        <source>(choose a view)</source>
        <translation>(choose a view)</translation>
    </message>
</context>
<context>
    <name>WallTile</name>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>Open in focus view</source>
        <translation>Open in focus view</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>Save snapshot</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Reset zoom</translation>
    </message>
    <message>
        <source>Full size / back</source>
        <translation>Full size / back</translation>
    </message>
    <message>
        <source>Remove camera from tile</source>
        <translation>Remove camera from tile</translation>
    </message>
</context>
</TS>
