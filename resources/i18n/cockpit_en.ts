<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
    <name>Errors</name>
    <message>
        <source>Community Cockpit</source>
        <translation>Community Cockpit</translation>
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
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Show %1</translation>
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
</TS>
