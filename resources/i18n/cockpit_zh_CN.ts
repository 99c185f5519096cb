<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlarmLabels</name>
    <message>
        <source>Fall</source>
        <translation>跌倒</translation>
    </message>
    <message>
        <source>Crowd</source>
        <translation>人员聚集</translation>
    </message>
    <message>
        <source>Intrusion</source>
        <translation>入侵</translation>
    </message>
    <message>
        <source>Smoke</source>
        <translation>烟雾</translation>
    </message>
    <message>
        <source>Heart rate</source>
        <translation>心率异常</translation>
    </message>
    <message>
        <source>Emergency button</source>
        <translation>紧急按钮</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>移动侦测</translation>
    </message>
    <message>
        <source>Tampering</source>
        <translation>设备遮挡/破坏</translation>
    </message>
    <message>
        <source>Line crossing</source>
        <translation>越线</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>门磁</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气泄漏</translation>
    </message>
    <message>
        <source>Water leak</source>
        <translation>漏水</translation>
    </message>
    <message>
        <source>Device offline</source>
        <translation>设备离线</translation>
    </message>
    <message>
        <source>new</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>in incident</source>
        <translation>已转事件</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>已屏蔽</translation>
    </message>
</context>
<context>
    <name>AlarmQueueModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>处理人</translation>
    </message>
</context>
<context>
    <name>AlarmQueueWidget</name>
    <message>
        <source>Open alarms of priority P%1</source>
        <translation>P%1 级未关闭告警</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Building or place…</source>
        <translation>楼栋或位置…</translation>
    </message>
    <message>
        <source>All but suppressed</source>
        <translation>全部（不含已屏蔽）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / 共 %2</translation>
    </message>
</context>
<context>
    <name>CameraHealthModel</name>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>For</source>
        <translation>持续</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最后画面</translation>
    </message>
    <message>
        <source>fps</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>码率 kbit/s</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>CameraHealthWidget</name>
    <message>
        <source>Filter by code, name or problem…</source>
        <translation>按编号、名称或问题筛选…</translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation>全部摄像机</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>仅有问题的</translation>
    </message>
    <message>
        <source>Recent problems</source>
        <translation>近期问题</translation>
    </message>
    <message>
        <source>%1 of %2 cameras online · %3 with problems · %4 shown</source>
        <translation>%2 台摄像机中 %1 台在线 · %3 台有问题 · 显示 %4 台</translation>
    </message>
    <message>
        <source>No problems recorded.</source>
        <translation>没有记录到问题。</translation>
    </message>
</context>
<context>
    <name>CameraList</name>
    <message>
        <source>Filter cameras…</source>
        <translation>筛选摄像机…</translation>
    </message>
</context>
<context>
    <name>CloseIncidentDialog</name>
    <message>
        <source>Close %1</source>
        <translation>关闭 %1</translation>
    </message>
    <message>
        <source>Choose the outcome…</source>
        <translation>选择处置结果…</translation>
    </message>
    <message>
        <source>What happened, what was done, who was informed</source>
        <translation>发生了什么、做了什么、通知了谁</translation>
    </message>
    <message>
        <source>Responders still on their way are stood down; those on site are released.</source>
        <translation>仍在途中的处置人员将被撤回；已到场的人员将被解除任务。</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处置结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>关闭事件</translation>
    </message>
    <message>
        <source>Choose an outcome.</source>
        <translation>请选择处置结果。</translation>
    </message>
    <message>
        <source>Write a note: what happened and who was informed.</source>
        <translation>请填写备注：发生了什么、通知了谁。</translation>
    </message>
</context>
<context>
    <name>CockpitStatusBar</name>
    <message>
        <source>Database: checking…</source>
        <translation>数据库：检查中…</translation>
    </message>
    <message>
        <source>Database: %1 OK (%2 ms)</source>
        <translation>数据库：%1 正常（%2 毫秒）</translation>
    </message>
    <message>
        <source>Database: unreachable</source>
        <translation>数据库：无法连接</translation>
    </message>
    <message>
        <source>Cameras: %1/%2 online</source>
        <translation>摄像机：%1/%2 在线</translation>
    </message>
</context>
<context>
    <name>CommissioningReport</name>
    <message>
        <source>Keyframes too far apart</source>
        <translation>关键帧间隔过长</translation>
    </message>
    <message>
        <source>No sub stream</source>
        <translation>没有子码流</translation>
    </message>
    <message>
        <source>Clock drift</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Slow to show the first picture</source>
        <translation>首个画面出现太慢</translation>
    </message>
    <message>
        <source>Low frame rate</source>
        <translation>帧率过低</translation>
    </message>
    <message>
        <source>PTZ camera without presets</source>
        <translation>云台摄像机没有预置位</translation>
    </message>
    <message>
        <source>Not placed on the site</source>
        <translation>未放置到园区图上</translation>
    </message>
    <message>
        <source>Stream does not play</source>
        <translation>码流无法播放</translation>
    </message>
    <message>
        <source>%1: a keyframe every %2 s (at most %3 s)</source>
        <translation>%1：每 %2 秒一个关键帧（不应超过 %3 秒）</translation>
    </message>
    <message>
        <source>%1: first picture after %2 s (at most %3 s)</source>
        <translation>%1：%2 秒后才出现首个画面（不应超过 %3 秒）</translation>
    </message>
    <message>
        <source>%1: %2 fps (at least %3)</source>
        <translation>%1：%2 帧/秒（至少应为 %3）</translation>
    </message>
    <message>
        <source>device clock %2 s from ours (at most %3 s); set up NTP</source>
        <translation>设备时钟与本机相差 %2 秒（不应超过 %3 秒）；请配置 NTP</translation>
    </message>
    <message>
        <source>the wall would have to decode the main stream</source>
        <translation>电视墙将不得不解码主码流</translation>
    </message>
    <message>
        <source>alarms cannot turn this camera to a place</source>
        <translation>告警无法把这台摄像机转向事发地点</translation>
    </message>
    <message>
        <source>the twin and alarm video lock cannot use this camera</source>
        <translation>数字孪生和告警视频锁定无法使用这台摄像机</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>声明值</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>Measured fps</source>
        <translation>实测帧率</translation>
    </message>
    <message>
        <source>GOP (frames)</source>
        <translation>GOP（帧）</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <source>Stream URI</source>
        <translation>码流地址</translation>
    </message>
    <message>
        <source>focus view</source>
        <translation>主画面</translation>
    </message>
    <message>
        <source>wall tiles</source>
        <translation>电视墙画格</translation>
    </message>
    <message>
        <source>unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not placed</source>
        <translation>未放置</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>朝向</translation>
    </message>
    <message>
        <source>Tilt</source>
        <translation>俯仰</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>视场角</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>视距</translation>
    </message>
    <message>
        <source>No known bad settings found.</source>
        <translation>未发现已知的不良设置。</translation>
    </message>
    <message>
        <source>No snapshot</source>
        <translation>无抓图</translation>
    </message>
    <message>
        <source>Camera commissioning report</source>
        <translation>摄像机调试报告</translation>
    </message>
    <message>
        <source>by %1 on %2</source>
        <translation>%1 于 %2</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>设备信息</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>码流</translation>
    </message>
    <message>
        <source>PTZ presets (tested)</source>
        <translation>云台预置位（已测试）</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>安装位置</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>抓图</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CommissioningWizard</name>
    <message>
        <source>Add or commission a camera</source>
        <translation>添加或调试摄像机</translation>
    </message>
</context>
<context>
    <name>DispatchTable</name>
    <message>
        <source>Responder</source>
        <translation>处置人员</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计到达</translation>
    </message>
    <message>
        <source>Stand down</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>arrived %1</source>
        <translation>%1 到达</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Community Cockpit</source>
        <translation>社区数字驾驶舱</translation>
    </message>
</context>
<context>
    <name>FindPage</name>
    <message>
        <source>Find the camera</source>
        <translation>查找摄像机</translation>
    </message>
    <message>
        <source>Search the network for ONVIF cameras, or type the address of one.</source>
        <translation>在网络中搜索 ONVIF 摄像机，或输入摄像机地址。</translation>
    </message>
    <message>
        <source>Search the network</source>
        <translation>搜索网络</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>In the site</source>
        <translation>已在园区</translation>
    </message>
    <message>
        <source>http://192.168.1.64/onvif/device_service or 192.168.1.64:80</source>
        <translation>http://192.168.1.64/onvif/device_service 或 192.168.1.64:80</translation>
    </message>
    <message>
        <source>Device address</source>
        <translation>设备地址</translation>
    </message>
    <message>
        <source>No discovery targets are configured; type the camera&apos;s address below.</source>
        <translation>未配置发现目标；请在下方输入摄像机地址。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation>是（%1）</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 found so far…</source>
        <translation>已找到 %1 台…</translation>
    </message>
    <message>
        <source>%1 ONVIF devices answered.</source>
        <translation>%1 台 ONVIF 设备已应答。</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>FocusView</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hold an arrow key to move · +/− zoom · 1–9 go to a preset</source>
        <translation>按住方向键转动 · +/− 变焦 · 1–9 转到预置位</translation>
    </message>
    <message>
        <source>Pan, tilt, zoom</source>
        <translation>云台与变焦</translation>
    </message>
    <message>
        <source>%1 · fixed camera, no pan, tilt or zoom</source>
        <translation>%1 · 固定摄像机，无云台和变焦</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>未选择摄像机</translation>
    </message>
    <message>
        <source>Open a camera from the wall or the camera list</source>
        <translation>从视频墙或摄像机列表打开摄像机</translation>
    </message>
    <message>
        <source>No video: %1</source>
        <translation>无视频：%1</translation>
    </message>
    <message>
        <source>Could not stop the camera: %1. It stops by itself within %2 s.</source>
        <translation>无法停止摄像机：%1。它会在 %2 秒内自行停止。</translation>
    </message>
    <message>
        <source>Could not go to the preset: %1</source>
        <translation>无法转到预置位：%1</translation>
    </message>
    <message>
        <source>The camera did not move: %1</source>
        <translation>摄像机未转动：%1</translation>
    </message>
    <message>
        <source>Could not read the presets: %1</source>
        <translation>无法读取预置位：%1</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>Could not save the preset: %1</source>
        <translation>无法保存预置位：%1</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Could not remove the preset: %1</source>
        <translation>无法删除预置位：%1</translation>
    </message>
</context>
<context>
    <name>IncidentClocksWidget</name>
    <message>
        <source>Arrived %1 after the first alarm</source>
        <translation>首次告警后 %1 到场</translation>
    </message>
    <message>
        <source>%1 late</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>Overdue: nobody on site %1 minutes after the first alarm</source>
        <translation>已超时：首次告警 %1 分钟后仍无人到场</translation>
    </message>
    <message>
        <source>Ended before anyone had to arrive</source>
        <translation>在需要到场之前已结束</translation>
    </message>
    <message>
        <source>left to the %1-minute arrival deadline</source>
        <translation>距 %1 分钟到场时限剩余</translation>
    </message>
    <message>
        <source>Video locked in %1 s</source>
        <translation>视频已在 %1 秒内锁定</translation>
    </message>
    <message>
        <source>target %1 s</source>
        <translation>目标 %1 秒</translation>
    </message>
    <message>
        <source>Video lock not needed</source>
        <translation>无需视频锁定</translation>
    </message>
    <message>
        <source>No live picture of the place yet: %1</source>
        <translation>尚无现场实时画面：%1</translation>
    </message>
    <message>
        <source>Locking video… %1 s</source>
        <translation>正在锁定视频… %1 秒</translation>
    </message>
</context>
<context>
    <name>IncidentLabels</name>
    <message>
        <source>open</source>
        <translation>待处置</translation>
    </message>
    <message>
        <source>dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>on site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>en route</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>stood down</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Handled on site</source>
        <translation>现场已处置</translation>
    </message>
    <message>
        <source>Ambulance called (120)</source>
        <translation>已呼叫救护车（120）</translation>
    </message>
    <message>
        <source>Fire service called (119)</source>
        <translation>已呼叫消防（119）</translation>
    </message>
    <message>
        <source>Police called (110)</source>
        <translation>已报警（110）</translation>
    </message>
    <message>
        <source>Resident fine, no help needed</source>
        <translation>居民无恙，无需帮助</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Device fault</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <source>Referred to property management</source>
        <translation>已转物业处理</translation>
    </message>
    <message>
        <source>Other (see note)</source>
        <translation>其他（见备注）</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Nobody can arrive before the deadline</source>
        <translation>无人能在时限前到场</translation>
    </message>
    <message>
        <source>Arrival deadline passed, nobody on site</source>
        <translation>已过到场时限，仍无人到场</translation>
    </message>
    <message>
        <source>No responder available to send</source>
        <translation>无可派遣的处置人员</translation>
    </message>
    <message>
        <source>available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>off duty</source>
        <translation>休班</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Responders</source>
        <translation>处置人员</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>处置流程</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>The situation is over; responders still on the way are stood down</source>
        <translation>情况已结束；仍在途中的处置人员将被撤回</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <source>Cancel incident…</source>
        <translation>取消事件…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>No incident selected.
Select an alarm in the queue and press I to open one.</source>
        <translation>未选择事件。
在告警队列中选择一条告警并按 I 创建事件。</translation>
    </message>
    <message>
        <source>%1 closed: %2</source>
        <translation>%1 已关闭：%2</translation>
    </message>
    <message>
        <source>No open incidents</source>
        <translation>无未结事件</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>%1 创建</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>由 %1</translation>
    </message>
    <message>
        <source>%1 alarm(s)</source>
        <translation>%1 条告警</translation>
    </message>
    <message>
        <source>Supervisor alert: %1 (%2)</source>
        <translation>主管提醒：%1（%2）</translation>
    </message>
    <message>
        <source>best arrival %1</source>
        <translation>最早到达 %1</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>另有 %1 项</translation>
    </message>
    <message>
        <source>Select an alarm in the queue first.</source>
        <translation>请先在告警队列中选择一条告警。</translation>
    </message>
    <message>
        <source>%1 opened</source>
        <translation>%1 已创建</translation>
    </message>
    <message>
        <source>Select an incident and an alarm first.</source>
        <translation>请先选择一个事件和一条告警。</translation>
    </message>
    <message>
        <source>%1 sent to %2</source>
        <translation>已派遣 %1 前往 %2</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>取消 %1</translation>
    </message>
    <message>
        <source>Why is this incident cancelled (opened by mistake, a duplicate…)? Responders on their way are stood down.</source>
        <translation>为什么取消此事件（误建、重复…）？在途的处置人员将被撤回。</translation>
    </message>
    <message>
        <source>Cancel incident</source>
        <translation>取消事件</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>重新打开 %1</translation>
    </message>
    <message>
        <source>Why is this incident not over after all?</source>
        <translation>为什么此事件尚未结束？</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Supervisor alert on %1: %2</source>
        <translation>%1 主管提醒：%2</translation>
    </message>
    <message>
        <source>%1 declined</source>
        <translation>%1 已拒绝</translation>
    </message>
    <message>
        <source>%1 did not accept in time</source>
        <translation>%1 未及时接受</translation>
    </message>
    <message>
        <source>nobody else is available</source>
        <translation>没有其他可派遣人员</translation>
    </message>
    <message>
        <source>%1 sent instead</source>
        <translation>已改派 %1</translation>
    </message>
    <message>
        <source>send %1?</source>
        <translation>派遣 %1？</translation>
    </message>
    <message>
        <source>Responder feed offline</source>
        <translation>处置人员数据源离线</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
</context>
<context>
    <name>IncidentRespondersWidget</name>
    <message>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>Nearest available, by walking time</source>
        <translation>最近的空闲人员（按步行时间）</translation>
    </message>
    <message>
        <source>Nobody available to propose</source>
        <translation>没有可推荐的人员</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Smoke detector</source>
        <translation>烟感探测器</translation>
    </message>
    <message>
        <source>Door sensor</source>
        <translation>门磁</translation>
    </message>
    <message>
        <source>Wearable</source>
        <translation>智能手环</translation>
    </message>
    <message>
        <source>Emergency button</source>
        <translation>紧急呼叫按钮</translation>
    </message>
    <message>
        <source>Gas detector</source>
        <translation>燃气探测器</translation>
    </message>
    <message>
        <source>Water-leak sensor</source>
        <translation>水浸传感器</translation>
    </message>
    <message>
        <source>Access gate</source>
        <translation>门禁闸机</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未接入</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>维护中</translation>
    </message>
    <message>
        <source>Residential building</source>
        <translation>住宅楼</translation>
    </message>
    <message>
        <source>Community centre</source>
        <translation>社区服务中心</translation>
    </message>
    <message>
        <source>Commercial building</source>
        <translation>商业楼</translation>
    </message>
    <message>
        <source>Service building</source>
        <translation>配套用房</translation>
    </message>
    <message>
        <source>Security guard</source>
        <translation>保安</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Property staff</source>
        <translation>物业人员</translation>
    </message>
    <message>
        <source>Medic</source>
        <translation>医护人员</translation>
    </message>
    <message>
        <source>available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>off duty</source>
        <translation>休班</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>值班员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>安装调试员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>wrong credentials</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>clock skew</source>
        <translation>时钟偏差过大</translation>
    </message>
    <message>
        <source>not ONVIF</source>
        <translation>非 ONVIF 设备</translation>
    </message>
    <message>
        <source>unsupported</source>
        <translation>不支持</translation>
    </message>
    <message>
        <source>stream unplayable</source>
        <translation>码流无法播放</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>关爱需求</translation>
    </message>
    <message>
        <source>Chronic condition</source>
        <translation>慢性病</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Parking spot</source>
        <translation>车位</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>lives alone</source>
        <translation>独居</translation>
    </message>
    <message>
        <source>limited mobility</source>
        <translation>行动不便</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Community Cockpit — sign in</source>
        <translation>社区数字驾驶舱 — 登录</translation>
    </message>
    <message>
        <source>Community Cockpit</source>
        <translation>社区数字驾驶舱</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The camera&apos;s ONVIF user. The password is stored encrypted, never in plain text.</source>
        <translation>摄像机的 ONVIF 用户。密码加密保存，从不以明文存储。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>配置数</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Connected in %1 ms.</source>
        <translation>连接用时 %1 毫秒。</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
</context>
<context>
    <name>LookupWidget</name>
    <message>
        <source>Name, home (12-2-1502), plate or phone…</source>
        <translation>姓名、住址（12-2-1502）、车牌或电话…</translation>
    </message>
    <message>
        <source>Type to search residents, households, vehicles and devices.</source>
        <translation>输入即可搜索居民、住户、车辆和设备。</translation>
    </message>
    <message>
        <source>Phone and ID numbers are masked for your role.</source>
        <translation>您的角色只能查看脱敏后的电话和身份证号。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show on plan</source>
        <translation>在平面图上显示</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>未找到“%1”。</translation>
    </message>
    <message>
        <source>%1 results in %2 ms</source>
        <translation>%1 条结果，用时 %2 毫秒</translation>
    </message>
    <message>
        <source>showing the first matches; type more to narrow down</source>
        <translation>仅显示前若干条，请输入更多内容缩小范围</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>The configuration file is not valid. Nothing was changed.</source>
        <translation>配置文件无效，未做任何更改。</translation>
    </message>
    <message>
        <source>The database setting is not valid.</source>
        <translation>数据库设置无效。</translation>
    </message>
    <message>
        <source>Community Cockpit cannot open its database. Nothing was changed.</source>
        <translation>社区驾驶舱无法打开数据库，未做任何更改。</translation>
    </message>
    <message>
        <source>The database holds no site yet. Start with --demo to open the simulated community, or import your site first.</source>
        <translation>数据库中还没有小区数据。请使用 --demo 打开模拟小区，或先导入您的小区。</translation>
    </message>
    <message>
        <source>Sign-in failed.</source>
        <translation>登录失败。</translation>
    </message>
    <message>
        <source>Alarm ingest is off: %1</source>
        <translation>告警接入已关闭：%1</translation>
    </message>
    <message>
        <source>Dispatch: %1</source>
        <translation>派遣：%1</translation>
    </message>
    <message>
        <source>Recording is off: %1</source>
        <translation>录像已关闭：%1</translation>
    </message>
    <message>
        <source>Simulated community running: %1 cameras, sensors and responders</source>
        <translation>模拟小区运行中：%1 路摄像机、传感器和处置人员</translation>
    </message>
    <message>
        <source>The simulated cameras did not start: %1</source>
        <translation>模拟摄像机未能启动：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Community Cockpit — %1</source>
        <translation>社区数字驾驶舱 — %1</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>Focus view</source>
        <translation>聚焦画面</translation>
    </message>
    <message>
        <source>Live pictures of %1 cameras in layouts of 1 to 16 tiles, with the focus view and PTZ control. Drag a camera from the plan onto a tile.</source>
        <translation>%1 路摄像机的实时画面，支持 1 至 16 分屏、主画面和云台控制。可将摄像机从平面图拖到分屏窗口。</translation>
    </message>
    <message>
        <source>Arrives when cameras are connected over ONVIF and RTSP.</source>
        <translation>摄像机通过 ONVIF 和 RTSP 接入后启用。</translation>
    </message>
    <message>
        <source>3D twin</source>
        <translation>三维孪生</translation>
    </message>
    <message>
        <source>The site in 3D: %1 buildings with their floors, camera positions and view cones, responders moving, alarms pulsing where they happen.</source>
        <translation>小区三维视图：%1 栋楼及其楼层、摄像机位置与视野范围、处置人员实时位置，告警在发生地点闪烁。</translation>
    </message>
    <message>
        <source>Arrives with the digital-twin view.</source>
        <translation>随数字孪生视图启用。</translation>
    </message>
    <message>
        <source>Site plan</source>
        <translation>小区平面图</translation>
    </message>
    <message>
        <source>Community overview</source>
        <translation>社区概况</translation>
    </message>
    <message>
        <source>Alarm queue</source>
        <translation>告警队列</translation>
    </message>
    <message>
        <source>No alarms</source>
        <translation>暂无告警</translation>
    </message>
    <message>
        <source>Alarms from cameras, video analytics and sensors (falls, crowds, intrusion, smoke, a wearable&apos;s heart rate) appear here, highest priority first, with the live picture locked on the place within seconds.</source>
        <translation>来自摄像机、视频分析和传感器的告警（跌倒、人员聚集、入侵、烟雾、手环心率异常）将在此按优先级显示，并在数秒内锁定现场实时画面。</translation>
    </message>
    <message>
        <source>Arrives with alarm ingest and dispatch.</source>
        <translation>随告警接入与派单功能启用。</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>No incident selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <source>An incident&apos;s timeline, the nearest responders by walking time, the 10-minute arrival countdown and the checklist for its type.</source>
        <translation>事件时间线、按步行时间排序的最近处置人员、10 分钟到场倒计时以及该类事件的处置清单。</translation>
    </message>
    <message>
        <source>Open an incident from the alarm queue.</source>
        <translation>请从告警队列中打开事件。</translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation>综合查询</translation>
    </message>
    <message>
        <source>Camera health</source>
        <translation>摄像机状态</translation>
    </message>
    <message>
        <source>&amp;Cockpit</source>
        <translation>驾驶舱(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Find resident, home, vehicle or device</source>
        <translation>查找居民、住址、车辆或设备</translation>
    </message>
    <message>
        <source>Add or commission a camera…</source>
        <translation>添加或调试摄像机…</translation>
    </message>
    <message>
        <source>Open an incident from the selected alarm</source>
        <translation>从所选告警创建事件</translation>
    </message>
    <message>
        <source>Add the selected alarm to the incident shown</source>
        <translation>将所选告警加入当前事件</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>显示%1</translation>
    </message>
    <message>
        <source>Video wall on its own window or monitor</source>
        <translation>视频墙独立窗口或显示器</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Fit site plan</source>
        <translation>平面图适应窗口</translation>
    </message>
    <message>
        <source>Reset panel layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Community Cockpit</source>
        <translation>关于社区数字驾驶舱</translation>
    </message>
    <message>
        <source>Community Cockpit %1 — command centre for a residential community.</source>
        <translation>社区数字驾驶舱 %1 — 住宅小区指挥中心。</translation>
    </message>
    <message>
        <source>Open alarms could not be loaded: %1</source>
        <translation>无法加载未关闭的告警：%1</translation>
    </message>
    <message>
        <source>Alarm %1: %2</source>
        <translation>告警 %1：%2</translation>
    </message>
    <message>
        <source>Alarm %1: live picture of %2 in %3 s</source>
        <translation>告警 %1：%3 秒内显示 %2 的实时画面</translation>
    </message>
    <message>
        <source>Clip of %1 saved (%2): %3</source>
        <translation>%1 的录像片段已保存（%2）：%3</translation>
    </message>
    <message>
        <source>Recording of %1 failed: %2</source>
        <translation>%1 录像失败：%2</translation>
    </message>
</context>
<context>
    <name>OverviewWidget</name>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Aged 65+</source>
        <translation>65 岁及以上</translation>
    </message>
    <message>
        <source>65+ living alone</source>
        <translation>65 岁以上独居</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Cameras online</source>
        <translation>在线摄像机</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Responders available</source>
        <translation>可调度人员</translation>
    </message>
    <message>
        <source>Residents by age</source>
        <translation>居民年龄分布</translation>
    </message>
    <message>
        <source>Orange bars: residents aged 65 and over</source>
        <translation>橙色柱：65 岁及以上居民</translation>
    </message>
</context>
<context>
    <name>PlacementPage</name>
    <message>
        <source>Place the camera</source>
        <translation>放置摄像机</translation>
    </message>
    <message>
        <source>Drag the square to where the camera hangs and the circle to where it looks; the cone shows what it sees. Fine-tune with the numbers.</source>
        <translation>把方块拖到摄像机安装处，把圆圈拖到它所看的位置；扇形表示它的视野。可用数值微调。</translation>
    </message>
    <message>
        <source>Pick a camera of the site to replace it, or type a new code</source>
        <translation>选择园区中的摄像机以替换它，或输入新编号</translation>
    </message>
    <message>
        <source>e.g. 北门 入口</source>
        <translation>例如：北门 入口</translation>
    </message>
    <message>
        <source>East (x)</source>
        <translation>东 (x)</translation>
    </message>
    <message>
        <source>North (y)</source>
        <translation>北 (y)</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>朝向</translation>
    </message>
    <message>
        <source>Tilt</source>
        <translation>俯仰</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>视场角</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>视距</translation>
    </message>
    <message>
        <source>Camera code</source>
        <translation>摄像机编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Compass heading: 0° north, 90° east</source>
        <translation>方位角：0° 为北，90° 为东</translation>
    </message>
</context>
<context>
    <name>PresetPanel</name>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Name of this position</source>
        <translation>当前位置名称</translation>
    </message>
    <message>
        <source>Save position</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预置位</translation>
    </message>
    <message>
        <source>Remove preset</source>
        <translation>删除预置位</translation>
    </message>
    <message>
        <source>Remove the preset “%1” from the camera?</source>
        <translation>从摄像机上删除预置位“%1”？</translation>
    </message>
</context>
<context>
    <name>ProposalTable</name>
    <message>
        <source>Responder</source>
        <translation>处置人员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>步行</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计到达</translation>
    </message>
    <message>
        <source>Would arrive after the deadline</source>
        <translation>将晚于时限到达</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Send %1 (Enter)</source>
        <translation>派遣 %1（Enter）</translation>
    </message>
</context>
<context>
    <name>PtzPad</name>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Hold to move; arrow keys work too</source>
        <translation>按住移动；也可用方向键</translation>
    </message>
</context>
<context>
    <name>PtzPage</name>
    <message>
        <source>PTZ presets</source>
        <translation>云台预置位</translation>
    </message>
    <message>
        <source>Aim the camera at places alarms may need (gate, square, entrance), save each as a preset, then test it with “Go to”.</source>
        <translation>把摄像机对准告警可能需要的地点（大门、广场、入口），各存为预置位，再用“转到”测试。</translation>
    </message>
    <message>
        <source>Preset name, e.g. 北门道闸</source>
        <translation>预置位名称，例如：北门道闸</translation>
    </message>
    <message>
        <source>Save current view as preset</source>
        <translation>将当前画面存为预置位</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move failed</source>
        <translation>移动失败</translation>
    </message>
    <message>
        <source>Stop failed</source>
        <translation>停止失败</translation>
    </message>
    <message>
        <source>tested</source>
        <translation>已测试</translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation>尚未测试</translation>
    </message>
    <message>
        <source>Preset %1</source>
        <translation>预置位 %1</translation>
    </message>
    <message>
        <source>Saved “%1”. Test it with “Go to”.</source>
        <translation>已保存“%1”。请用“转到”测试。</translation>
    </message>
    <message>
        <source>Saving the preset failed</source>
        <translation>保存预置位失败</translation>
    </message>
    <message>
        <source>Moved to “%1”: check the picture.</source>
        <translation>已转到“%1”：请检查画面。</translation>
    </message>
    <message>
        <source>Go to failed</source>
        <translation>转到失败</translation>
    </message>
    <message>
        <source>Removing failed</source>
        <translation>删除失败</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>A reason is required.</source>
        <translation>必须填写原因。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Panels can be dragged, stacked as tabs, floated and moved to another monitor; the layout is saved for your account.</source>
        <translation>面板可拖动、叠放为标签页、浮动或移到另一台显示器；布局按账号保存。</translation>
    </message>
</context>
<context>
    <name>SitePlanWidget</name>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>View cones</source>
        <translation>视野范围</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Responders</source>
        <translation>处置人员</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Coverage heatmap</source>
        <translation>覆盖热力图</translation>
    </message>
    <message>
        <source>Fit site</source>
        <translation>全览</translation>
    </message>
    <message>
        <source>%1 floors</source>
        <translation>%1 层</translation>
    </message>
    <message>
        <source>%1 buildings</source>
        <translation>%1 栋楼</translation>
    </message>
    <message>
        <source>%1 cameras (◆ PTZ)</source>
        <translation>%1 路摄像机（◆ 云台）</translation>
    </message>
    <message>
        <source>%1 sensors</source>
        <translation>%1 个传感器</translation>
    </message>
    <message>
        <source>%1 responders (▲)</source>
        <translation>%1 名处置人员（▲）</translation>
    </message>
    <message>
        <source>%1% of the site seen by at least one camera</source>
        <translation>小区 %1% 的面积至少被一台摄像机覆盖</translation>
    </message>
</context>
<context>
    <name>SopChecklistWidget</name>
    <message>
        <source>%1 of %2 steps done</source>
        <translation>已完成 %1/%2 步</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <source>Generating the demo community…</source>
        <translation>正在生成演示小区…</translation>
    </message>
    <message>
        <source>Loading the site…</source>
        <translation>正在加载小区…</translation>
    </message>
</context>
<context>
    <name>StartupProgress</name>
    <message>
        <source>Community Cockpit</source>
        <translation>社区数字驾驶舱</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
</context>
<context>
    <name>StreamsPage</name>
    <message>
        <source>Streams</source>
        <translation>码流</translation>
    </message>
    <message>
        <source>Check both pictures, measure them, and choose which stream feeds the wall tiles and which the focus view.</source>
        <translation>检查两路画面并测量，选择电视墙画格和主画面各用哪路码流。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>声明值</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <source>Measured fps</source>
        <translation>实测帧率</translation>
    </message>
    <message>
        <source>GOP (frames)</source>
        <translation>GOP（帧）</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Measure streams</source>
        <translation>测量码流</translation>
    </message>
    <message>
        <source>Wall tiles use</source>
        <translation>电视墙画格使用</translation>
    </message>
    <message>
        <source>Focus view uses</source>
        <translation>主画面使用</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>plays</source>
        <translation>可播放</translation>
    </message>
    <message>
        <source>The device gave no stream addresses.</source>
        <translation>设备没有提供码流地址。</translation>
    </message>
    <message>
        <source>Measuring %1 streams, about %2 s…</source>
        <translation>正在测量 %1 路码流，约 %2 秒…</translation>
    </message>
    <message>
        <source>Measured.</source>
        <translation>测量完成。</translation>
    </message>
    <message>
        <source>Some streams do not play: %1</source>
        <translation>部分码流无法播放：%1</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Check and save</source>
        <translation>检查并保存</translation>
    </message>
    <message>
        <source>Review the report. Save adds the camera to the site (or updates it) and writes the commissioning report.</source>
        <translation>请检查报告。保存会把摄像机加入园区（或更新它）并生成调试报告。</translation>
    </message>
    <message>
        <source>Taking a snapshot…</source>
        <translation>正在抓图…</translation>
    </message>
    <message>
        <source>Save camera</source>
        <translation>保存摄像机</translation>
    </message>
    <message>
        <source>No snapshot: %1</source>
        <translation>无抓图：%1</translation>
    </message>
    <message>
        <source>No snapshot</source>
        <translation>无抓图</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved %1. Report:</source>
        <translation>已保存 %1。报告：</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>SupervisorAlertBadge</name>
    <message>
        <source>%1 supervisor alert(s)</source>
        <translation>%1 条主管提醒</translation>
    </message>
</context>
<context>
    <name>VideoLockController</name>
    <message>
        <source>No camera sees the place of alarm %1 (%2).</source>
        <translation>没有摄像机能看到告警 %1 的位置（%2）。</translation>
    </message>
    <message>
        <source>%1 did not turn to the alarm: %2</source>
        <translation>%1 未能转向告警位置：%2</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <source>No video</source>
        <translation>无视频</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>画面停滞</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cannot play: %1</source>
        <translation>无法播放：%1</translation>
    </message>
    <message>
        <source>stale %1 s</source>
        <translation>已停滞 %1 秒</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Snapshot of %1 saved: %2</source>
        <translation>%1 的抓图已保存：%2</translation>
    </message>
    <message>
        <source>The snapshot of %1 was not saved: %2</source>
        <translation>%1 的抓图未保存：%2</translation>
    </message>
    <message>
        <source>The saved view cannot be used.</source>
        <translation>该保存的视图无法使用。</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>View “%1” saved.</source>
        <translation>视图“%1”已保存。</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?</source>
        <translation>删除已保存的视图“%1”？</translation>
    </message>
    <message>
        <source>No cameras to tour: the camera list is empty.</source>
        <translation>没有可轮巡的摄像机：摄像机列表为空。</translation>
    </message>
</context>
<context>
    <name>WallBar</name>
    <message>
        <source>Tiles on the wall</source>
        <translation>视频墙分屏</translation>
    </message>
    <message>
        <source>Saved views: a layout with its cameras</source>
        <translation>保存的视图：分屏布局及其摄像机</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <source>Show the cameras listed beside the wall a page at a time</source>
        <translation>逐页显示视频墙旁列表中的摄像机</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds per page of the tour</source>
        <translation>轮巡每页停留秒数</translation>
    </message>
    <message>
        <source>Drag a camera onto a tile · double-click: full size · wheel: zoom · right-click: snapshot, record, focus</source>
        <translation>将摄像机拖到分屏 · 双击：全屏 · 滚轮：缩放 · 右键：抓图、录像、聚焦</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>(choose a view)</source>
        <translation>（选择视图）</translation>
    </message>
</context>
<context>
    <name>WallTile</name>
    <message>
        <source>● REC</source>
        <translation>● 录像</translation>
    </message>
    <message>
        <source>Open in focus view</source>
        <translation>在聚焦画面中打开</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>保存抓图</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录像</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录像</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Full size / back</source>
        <translation>全屏 / 还原</translation>
    </message>
    <message>
        <source>Remove camera from tile</source>
        <translation>从分屏移除摄像机</translation>
    </message>
</context>
</TS>
