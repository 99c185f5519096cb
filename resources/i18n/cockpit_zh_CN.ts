<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>Errors</name>
    <message>
        <source>Community Cockpit</source>
        <translation>社区数字驾驶舱</translation>
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
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>显示%1</translation>
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
</TS>
