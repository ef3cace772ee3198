<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Board</name>
    <message>
        <source>/时</source>
        <translation>/hour</translation>
    </message>
    <message>
        <source>/天</source>
        <translation>/day</translation>
    </message>
    <message>
        <source>/件</source>
        <translation>/piece</translation>
    </message>
    <message>
        <source>/月</source>
        <translation>/month</translation>
    </message>
    <message>
        <source>零工市场</source>
        <translation>odd-job market</translation>
    </message>
    <message>
        <source>零工驿站</source>
        <translation>labour station</translation>
    </message>
    <message>
        <source>请输入市场或驿站名称</source>
        <translation>Enter the name of the market or station</translation>
    </message>
    <message>
        <source>名称最多{n}个字，现在是{m}个</source>
        <translation>At most {n} characters; this has {m}</translation>
    </message>
    <message>
        <source>按命名规范，名称应以“零工市场”或“零工驿站”结尾，如 贵州省贵阳市观山湖区零工市场</source>
        <translation>By the naming rule the name ends in 零工市场 or 零工驿站, e.g. 贵州省贵阳市观山湖区零工市场</translation>
    </message>
    <message>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>{n}小时前</source>
        <translation>{n}h ago</translation>
    </message>
    <message>
        <source>昨天</source>
        <translation>yesterday</translation>
    </message>
    <message>
        <source>{n}天前</source>
        <translation>{n}d ago</translation>
    </message>
    <message>
        <source>个人雇主</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>个体商户</source>
        <translation>Sole trader</translation>
    </message>
    <message>
        <source>包吃</source>
        <translation>meals</translation>
    </message>
    <message>
        <source>包住</source>
        <translation>lodging</translation>
    </message>
    <message>
        <source>交通</source>
        <translation>transport</translation>
    </message>
    <message>
        <source>尺寸应写成 宽x高，例如 1920x1080（收到：{text}）</source>
        <translation>write the size as WIDTHxHEIGHT, e.g. 1920x1080 (got: {text})</translation>
    </message>
    <message>
        <source>尺寸应在 320x240 与 7680x4320 之间（收到：{text}）</source>
        <translation>the size must be between 320x240 and 7680x4320 (got: {text})</translation>
    </message>
    <message>
        <source>这里没有服务台的数据：{dir}
请先在本机打开一次服务台，或用 --data-dir 指定服务台的数据目录。</source>
        <translation>There is no station data here: {dir}
Start the counter on this machine once, or name the counter&apos;s data folder with --data-dir.</translation>
    </message>
    <message>
        <source>大屏无法打开数据</source>
        <translation>The board cannot open the data</translation>
    </message>
    <message>
        <source>没有第{n}块屏幕。可用的屏幕：{names}</source>
        <translation>There is no screen {n}. Screens: {names}</translation>
    </message>
    <message>
        <source>数据库正忙</source>
        <translation>database busy</translation>
    </message>
    <message>
        <source>磁盘已满</source>
        <translation>disk full</translation>
    </message>
    <message>
        <source>数据库文件损坏</source>
        <translation>database file damaged</translation>
    </message>
    <message>
        <source>数据目录只读</source>
        <translation>data folder read-only</translation>
    </message>
    <message>
        <source>数据库文件打不开</source>
        <translation>database file cannot be opened</translation>
    </message>
    <message>
        <source>读盘出错</source>
        <translation>disk read error</translation>
    </message>
    <message>
        <source>零工市场大屏</source>
        <translation>Odd-job market board</translation>
    </message>
    <message>
        <source>数据读取较慢，正在等待…</source>
        <translation>Reading the data is slow; waiting…</translation>
    </message>
    <message>
        <source>暂时读不到数据（{reason}），稍后自动重试</source>
        <translation>Cannot read the data ({reason}); retrying shortly</translation>
    </message>
    <message>
        <source>暂时读不到数据（{reason}），正在显示{time}的数据，稍后自动重试</source>
        <translation>Cannot read the data ({reason}); showing the figures of {time}, retrying shortly</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>工种</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>薪酬</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>招聘</source>
        <translation>Wanted</translation>
    </message>
    <message>
        <source>工作地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>结算</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>恭喜 {name} 入职 {employer} · {job}</source>
        <translation>Congratulations: {name} hired by {employer} · {job}</translation>
    </message>
    <message>
        <source>正在读取数据…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd, d MMMM yyyy</translation>
    </message>
    <message>
        <source>今日提供岗位</source>
        <translation>Jobs offered today</translation>
    </message>
    <message>
        <source>个</source>
        <translation>jobs</translation>
    </message>
    <message>
        <source>今日登记求职</source>
        <translation>Registered today</translation>
    </message>
    <message>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <source>今日成功就业</source>
        <translation>Placed today</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>累计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>手机扫码</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>查看全部岗位</source>
        <translation>for all jobs</translation>
    </message>
    <message>
        <source>在招岗位</source>
        <translation>Open jobs</translation>
    </message>
    <message>
        <source>共{n}个岗位，尚缺{places}人</source>
        <translation>{n} posts, {places} people wanted</translation>
    </message>
    <message>
        <source>（轮播最新{k}个）</source>
        <translation> (showing the newest {k})</translation>
    </message>
    <message>
        <source>暂无在招岗位</source>
        <translation>No open jobs right now</translation>
    </message>
    <message>
        <source>用人单位可到服务台免费发布招聘信息</source>
        <translation>Employers can post jobs for free at the counter</translation>
    </message>
    <message>
        <source>第 {page}/{pages} 页</source>
        <translation>Page {page}/{pages}</translation>
    </message>
    <message>
        <source>{n}人</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>新</source>
        <translation>NEW</translation>
    </message>
    <message>
        <source>就业喜报</source>
        <translation>Hired!</translation>
    </message>
    <message>
        <source>欢迎到服务台登记求职，免费推荐就业</source>
        <translation>Register at the counter: job referrals are free</translation>
    </message>
</context>
<context>
    <name>BoardSettingsDialog</name>
    <message>
        <source>大屏设置</source>
        <translation>Hall board</translation>
    </message>
    <message>
        <source>所在区县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>按规范生成名称</source>
        <translation>Name by the rule</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>大屏标题（市场名称）</source>
        <translation>Board title (market name)</translation>
    </message>
    <message>
        <source>命名规范</source>
        <translation>Naming rule</translation>
    </message>
    <message>
        <source>每页停留</source>
        <translation>Each page shows for</translation>
    </message>
    <message>
        <source>正在运行的大屏会在一分钟内换上新设置。</source>
        <translation>A running board takes the new settings within a minute.</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <source>已选：</source>
        <translation>Chosen: </translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>已生成{n}名演示求职人员</source>
        <translation>Made {n} demo job seekers</translation>
    </message>
    <message>
        <source>已生成{n}个演示岗位，来自{e}家用人单位</source>
        <translation>Made {n} demo postings from {e} employers</translation>
    </message>
    <message>
        <source>已生成{n}条演示推荐记录</source>
        <translation>Made {n} demo referrals</translation>
    </message>
    <message>
        <source>演示数据在练习数据目录：{dir}</source>
        <translation>The demo data is in the practice data folder: {dir}</translation>
    </message>
    <message>
        <source>打开练习服务台：linggong{data} --practice（窗口标题注明“练习数据”，不会同步到服务器）</source>
        <translation>Open the practice counter: linggong{data} --practice (its title says “practice data”; it never syncs with a server)</translation>
    </message>
    <message>
        <source>模板已保存：{p}</source>
        <translation>Template saved: {p}</translation>
    </message>
    <message>
        <source>请指定要导入的文件，或用 --template 生成模板</source>
        <translation>Name the file to import, or write a template with --template</translation>
    </message>
    <message>
        <source>共{total}行：新登记{created}人，更新{updated}人，拒绝{rejected}行</source>
        <translation>{total} rows: {created} registered, {updated} updated, {rejected} rejected</translation>
    </message>
    <message>
        <source>共{total}行：新建岗位{created}个，新登记单位{employers}家，拒绝{rejected}行</source>
        <translation>{total} rows: {created} postings created, {employers} employers registered, {rejected} rows rejected</translation>
    </message>
    <message>
        <source>没有编号为{code}的推荐记录</source>
        <translation>No referral with the code {code}</translation>
    </message>
    <message>
        <source>已写出推荐介绍信：{path}</source>
        <translation>Slip written: {path}</translation>
    </message>
    <message>
        <source>登记失败：{why}</source>
        <translation>Enrolment failed: {why}</translation>
    </message>
    <message>
        <source>已登记为站点 {code}（{name}，地区 {region}）；{n} 条已有记录将在首次同步时上传</source>
        <translation>Enrolled as station {code} ({name}, region {region}); {n} existing records will be uploaded at the first sync</translation>
    </message>
    <message>
        <source>同步失败：{why}</source>
        <translation>Sync failed: {why}</translation>
    </message>
    <message>
        <source>已上传 {pushed} 条，已下载 {pulled} 条；待上传 {pending} 条，被退回 {q} 条</source>
        <translation>{pushed} uploaded, {pulled} downloaded; {pending} waiting, {q} returned</translation>
    </message>
    <message>
        <source>--practice 只用于服务台的数据，不能用于 {command}</source>
        <translation>--practice is for a counter&apos;s data only, not for {command}</translation>
    </message>
    <message>
        <source>第{row}行  {field}：{message}</source>
        <translation>Row {row}  {field}: {message}</translation>
    </message>
    <message>
        <source>错误报告已保存：{p}</source>
        <translation>Report of rejected rows saved: {p}</translation>
    </message>
</context>
<context>
    <name>EmployerForm</name>
    <message>
        <source>单位类型</source>
        <translation>Employer type</translation>
    </message>
    <message>
        <source>18位统一社会信用代码，见营业执照</source>
        <translation>18-character unified social credit code, on the business licence</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>雇主本人18位身份证号码</source>
        <translation>The employer&apos;s own 18-digit ID number</translation>
    </message>
    <message>
        <source>雇主身份证号码</source>
        <translation>Employer&apos;s ID number</translation>
    </message>
    <message>
        <source>与营业执照一致；家庭雇主填“姓名（家政）”等</source>
        <translation>As on the business licence; a household writes e.g. &quot;Name (domestic help)&quot;</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Employer name</translation>
    </message>
    <message>
        <source>大屏上显示，最多12个字，可不填</source>
        <translation>Shown on the hall board, up to 12 characters, optional</translation>
    </message>
    <message>
        <source>大屏简称</source>
        <translation>Board short name</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>手机或座机，如 0851-86811234</source>
        <translation>Mobile or landline, e.g. 0851-86811234</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>备用电话</source>
        <translation>Second phone</translation>
    </message>
    <message>
        <source>单位地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>输入区县名称</source>
        <translation>Type a county name</translation>
    </message>
    <message>
        <source>所在区县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>用人单位已阅读并确认以上承诺</source>
        <translation>The employer has read and accepts these terms</translation>
    </message>
    <message>
        <source>服务承诺书</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>新登记单位</source>
        <translation>New employer</translation>
    </message>
    <message>
        <source>暂停发布…</source>
        <translation>Suspend…</translation>
    </message>
    <message>
        <source>为该单位发布岗位</source>
        <translation>New posting for this employer</translation>
    </message>
    <message>
        <source>用人单位登记（新）</source>
        <translation>Employer registration (new)</translation>
    </message>
    <message>
        <source>用人单位：{name}</source>
        <translation>Employer: {name}</translation>
    </message>
    <message>
        <source>尚未确认（如从平台导入）：请在单位到场时确认并保存</source>
        <translation>Not yet accepted (e.g. imported from a platform): confirm and save when the employer comes in</translation>
    </message>
    <message>
        <source>已于 {at} 确认（版本 {v}）</source>
        <translation>Accepted on {at} (version {v})</translation>
    </message>
    <message>
        <source>恢复发布…</source>
        <translation>Lift suspension…</translation>
    </message>
    <message>
        <source>✓ 代码有效（个体工商户）</source>
        <translation>✓ Valid code (individual business)</translation>
    </message>
    <message>
        <source>✓ 代码有效</source>
        <translation>✓ Valid code</translation>
    </message>
</context>
<context>
    <name>EmployerPage</name>
    <message>
        <source>查找单位：名称 / 简称 / 信用代码 / 拼音首字母 / 联系电话</source>
        <translation>Find an employer: name / short name / credit code / pinyin initials / phone</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>找到{n}家单位，回车打开</source>
        <translation>{n} employers found; Enter opens</translation>
    </message>
    <message>
        <source>没有找到。按 Ctrl+N 新登记单位</source>
        <translation>Nothing found. Ctrl+N registers a new employer</translation>
    </message>
    <message>
        <source>该信用代码已登记，已打开这家单位的记录。</source>
        <translation>This credit code is already registered; its employer has been opened.</translation>
    </message>
    <message>
        <source>该雇主已登记，已打开其记录。</source>
        <translation>This employer is already registered; the record has been opened.</translation>
    </message>
    <message>
        <source>已登记单位：{name}</source>
        <translation>Employer registered: {name}</translation>
    </message>
    <message>
        <source>已更新单位：{name}</source>
        <translation>Employer updated: {name}</translation>
    </message>
    <message>
        <source>，已打开这家单位的记录。</source>
        <translation>; that employer has been opened.</translation>
    </message>
    <message>
        <source>已恢复{name}发布岗位</source>
        <translation>{name} may post again</translation>
    </message>
    <message>
        <source>恢复{name}发布岗位</source>
        <translation>Let {name} post again</translation>
    </message>
    <message>
        <source>已暂停{name}发布岗位</source>
        <translation>{name} is suspended from posting</translation>
    </message>
    <message>
        <source>暂停{name}发布岗位</source>
        <translation>Suspend {name} from posting</translation>
    </message>
</context>
<context>
    <name>EmployerTableModel</name>
    <message>
        <source>单位名称</source>
        <translation>Employer name</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>所在区县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已暂停：{reason}</source>
        <translation>Suspended: {reason}</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>Employers</name>
    <message>
        <source>本市场是公益性就业服务机构，不是用工单位，不承担用工责任。用人单位承诺：发布的岗位信息真实合法；不向求职者收取任何费用或押金、保证金；不扣押求职者的身份证或其他证件；按约定足额、按时支付劳动报酬；依法提供劳动保护和安全作业条件。违反上述承诺的，市场可暂停其发布岗位。</source>
        <translation>This market is a public employment service, not the employer, and bears no employer liability. The employer undertakes that its postings are true and lawful; that it charges job seekers no fee, deposit or bond; that it does not hold their ID cards or other documents; that it pays wages in full and on time as agreed; and that it provides lawful labour protection and safe working conditions. The market may suspend an employer that breaks these terms.</translation>
    </message>
    <message>
        <source>已暂停发布岗位：{reason}（{on}，{by}）</source>
        <translation>Suspended from posting: {reason} ({on}, {by})</translation>
    </message>
    <message>
        <source>该单位未被暂停</source>
        <translation>This employer is not suspended</translation>
    </message>
    <message>
        <source>{by}于{on}恢复</source>
        <translation>Lifted by {by} on {on}</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>连接同步服务器</source>
        <translation>Connect to the sync server</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>登记码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>登记码由市（州）管理员在服务器上添加本站点时生成，24小时内有效，只能用一次；请把整行复制过来，后半段“/sha256:…”是服务器证书的指纹，本站凭它认出真的服务器。登记后本站已有的记录会在首次同步时上传。</source>
        <translation>The city (prefecture) administrator makes the enrolment code when adding this station on the server. It is valid for 24 hours and works once. Paste the whole line: its second half, “/sha256:…”, is the fingerprint of the server&apos;s certificate, by which this station recognises the real server. After enrolment, the records already here are uploaded at the first sync.</translation>
    </message>
    <message>
        <source>
本站已登记为 {code}；用新的登记码可重新登记（如更换电脑后）。</source>
        <translation>
This station is enrolled as {code}; a new enrolment code enrols it again (e.g. after replacing the PC).</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>请填写登记码</source>
        <translation>Enter the enrolment code</translation>
    </message>
    <message>
        <source>正在登记…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <source>已登记为站点 {code}（{name}）。</source>
        <translation>Enrolled as station {code} ({name}).</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>现居区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>求职工种</source>
        <translation>Job types wanted</translation>
    </message>
    <message>
        <source>技能证书</source>
        <translation>Skills / certificates</translation>
    </message>
    <message>
        <source>可工作开始日期</source>
        <translation>Available from</translation>
    </message>
    <message>
        <source>可工作截止日期</source>
        <translation>Available until</translation>
    </message>
    <message>
        <source>可工作时段</source>
        <translation>Available times</translation>
    </message>
    <message>
        <source>期望工资</source>
        <translation>Expected wage</translation>
    </message>
    <message>
        <source>工资单位</source>
        <translation>Wage unit</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>同意授权</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Employer type</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Employer name</translation>
    </message>
    <message>
        <source>大屏简称</source>
        <translation>Board short name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>雇主身份证号码</source>
        <translation>Employer&apos;s ID number</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>备用电话</source>
        <translation>Second phone</translation>
    </message>
    <message>
        <source>单位地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>所在区县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>承诺书</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>岗位名称</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>工种</source>
        <translation>Job type</translation>
    </message>
    <message>
        <source>招聘人数</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <source>工作内容</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>任职要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>录用条件</source>
        <translation>Hiring conditions</translation>
    </message>
    <message>
        <source>薪资</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>薪资单位</source>
        <translation>Pay unit</translation>
    </message>
    <message>
        <source>结算方式</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>其他福利</source>
        <translation>Other benefits</translation>
    </message>
    <message>
        <source>劳动保护</source>
        <translation>Labour protection</translation>
    </message>
    <message>
        <source>工作地点</source>
        <translation>Work place</translation>
    </message>
    <message>
        <source>工作区县</source>
        <translation>Work county</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>每日工时</source>
        <translation>Hours per day</translation>
    </message>
    <message>
        <source>工作时间</source>
        <translation>Working time</translation>
    </message>
    <message>
        <source>最低年龄</source>
        <translation>Minimum age</translation>
    </message>
    <message>
        <source>最高年龄</source>
        <translation>Maximum age</translation>
    </message>
    <message>
        <source>性别要求</source>
        <translation>Sex requirement</translation>
    </message>
    <message>
        <source>限制理由</source>
        <translation>Reason for limits</translation>
    </message>
    <message>
        <source>信息来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>包吃</source>
        <translation>Meals</translation>
    </message>
    <message>
        <source>包住</source>
        <translation>Lodging</translation>
    </message>
    <message>
        <source>交通</source>
        <translation>Transport</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>跟踪回访</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>求职者</source>
        <translation>Job seeker</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>本次回访</source>
        <translation>This call</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>无法打开推荐记录</source>
        <translation>The referral cannot be opened</translation>
    </message>
    <message>
        <source>跟踪回访 {code}</source>
        <translation>Follow-up call {code}</translation>
    </message>
    <message>
        <source>{title}&#x3000;{employer}&#x3000;{pay}</source>
        <translation>{title}&#x3000;{employer}&#x3000;{pay}</translation>
    </message>
    <message>
        <source>{day}（已过期，{status}）</source>
        <translation>{day} (expired, {status})</translation>
    </message>
    <message>
        <source>岗位标价 {pay}</source>
        <translation>Posted pay {pay}</translation>
    </message>
    <message>
        <source>此推荐已有结果“{status}”，无需回访</source>
        <translation>This referral already has an outcome, “{status}”; no call needed</translation>
    </message>
    <message>
        <source>已记录 {code} 的回访：{result}</source>
        <translation>Call about {code} recorded: {result}</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>找不到文件：{p}</source>
        <translation>File not found: {p}</translation>
    </message>
    <message>
        <source>无法读取文件：{p}</source>
        <translation>Cannot read the file: {p}</translation>
    </message>
    <message>
        <source>无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV</source>
        <translation>Unknown text encoding; save the file as CSV in UTF-8 or GBK</translation>
    </message>
    <message>
        <source>无法读取 Excel 文件：{e}</source>
        <translation>Cannot read the Excel file: {e}</translation>
    </message>
    <message>
        <source>只支持 .csv 和 .xlsx 文件</source>
        <translation>Only .csv and .xlsx files can be imported</translation>
    </message>
    <message>
        <source>文件是空的</source>
        <translation>The file is empty</translation>
    </message>
    <message>
        <source>缺少必需的列：{cols}</source>
        <translation>Required columns are missing: {cols}</translation>
    </message>
    <message>
        <source>无法识别：{v}</source>
        <translation>Not recognised: {v}</translation>
    </message>
    <message>
        <source>日期格式应为 2026-11-24</source>
        <translation>Dates look like 2026-11-24</translation>
    </message>
    <message>
        <source>身份证号码被 Excel 存成了数字，末几位可能已丢失；请把该列设为文本后重新填写</source>
        <translation>Excel stored the ID number as a number and may have lost its last digits; format the column as text and enter it again</translation>
    </message>
    <message>
        <source>找不到区县“{v}”</source>
        <translation>No district called “{v}”</translation>
    </message>
    <message>
        <source>工种目录中没有“{v}”</source>
        <translation>“{v}” is not in the job-type list</translation>
    </message>
    <message>
        <source>工资单位应为 元/小时、元/天、元/件 或 元/月</source>
        <translation>The wage unit must be ¥/hour, ¥/day, ¥/piece or ¥/month</translation>
    </message>
    <message>
        <source>填写了期望工资，请同时填写工资单位</source>
        <translation>A wage was given; please give its unit too</translation>
    </message>
    <message>
        <source>请填写“是”或“否”</source>
        <translation>Please answer “是” (yes) or “否” (no)</translation>
    </message>
    <message>
        <source>与第{n}行的身份证号码重复</source>
        <translation>Same ID number as row {n}</translation>
    </message>
    <message>
        <source>模板只能保存为 .xlsx 或 .csv</source>
        <translation>A template can be saved as .xlsx or .csv only</translation>
    </message>
    <message>
        <source>请填写工作区县，或在工作地点中写明所在区县（如“观山湖区”）</source>
        <translation>Give the work county, or name the county in the work place (e.g. 观山湖区)</translation>
    </message>
    <message>
        <source>统一社会信用代码被 Excel 存成了数字，末几位可能已丢失；请把该列设为文本后重新填写</source>
        <translation>Excel stored the credit code as a number and may have lost its last characters; set the column to text and type it again</translation>
    </message>
    <message>
        <source>与第{n}行是同一岗位</source>
        <translation>The same posting as row {n}</translation>
    </message>
    <message>
        <source>已有相同岗位{code}，未重复导入</source>
        <translation>Posting {code} is already there; not imported again</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>零工市场服务台 — {market}</source>
        <translation>Linggong counter — {market}</translation>
    </message>
    <message>
        <source>【练习数据】{title}（演示数据，不会同步到服务器）</source>
        <translation>[PRACTICE DATA] {title} (demo data, never synced with a server)</translation>
    </message>
    <message>
        <source>推荐记录 (Ctrl+4)</source>
        <translation>Referrals (Ctrl+4)</translation>
    </message>
    <message>
        <source>站点 {code}</source>
        <translation>Station {code}</translation>
    </message>
    <message>
        <source>练习数据</source>
        <translation>Practice data</translation>
    </message>
    <message>
        <source>这里是练习数据目录：可以随意操作，不会混入正式数据，也不会上传</source>
        <translation>This is the practice data folder: try anything; nothing here mixes with the real data or is uploaded</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>导入求职人员…</source>
        <translation>Import job seekers…</translation>
    </message>
    <message>
        <source>保存导入模板…</source>
        <translation>Save import template…</translation>
    </message>
    <message>
        <source>导入招聘岗位…</source>
        <translation>Import postings…</translation>
    </message>
    <message>
        <source>保存岗位导入模板…</source>
        <translation>Save posting import template…</translation>
    </message>
    <message>
        <source>立即同步 (F12)</source>
        <translation>Sync now (F12)</translation>
    </message>
    <message>
        <source>打开大屏</source>
        <translation>Open the hall board</translation>
    </message>
    <message>
        <source>生成演示数据</source>
        <translation>Make demo data</translation>
    </message>
    <message>
        <source>打开练习服务台（演示数据）</source>
        <translation>Open the practice counter (demo data)</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>经办人姓名…</source>
        <translation>Clerk name…</translation>
    </message>
    <message>
        <source>大屏设置…</source>
        <translation>Hall board…</translation>
    </message>
    <message>
        <source>设置主管密码…</source>
        <translation>Set supervisor PIN…</translation>
    </message>
    <message>
        <source>连接同步服务器…</source>
        <translation>Connect to sync server…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>扫介绍信二维码或输入推荐编号 (F4)：</source>
        <translation>Scan a slip’s QR code or type a referral code (F4):</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>您的姓名（印在介绍信上）：</source>
        <translation>Your name (printed on slips):</translation>
    </message>
    <message>
        <source>大屏</source>
        <translation>Hall board</translation>
    </message>
    <message>
        <source>大屏已经在运行。</source>
        <translation>The hall board is already running.</translation>
    </message>
    <message>
        <source>大屏程序未能启动：{p}</source>
        <translation>The hall board did not start: {p}</translation>
    </message>
    <message>
        <source>已登记 {n} 人</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>招聘中 {n} 个岗位</source>
        <translation>{n} postings open</translation>
    </message>
    <message>
        <source>主管密码已设置</source>
        <translation>Supervisor PIN set</translation>
    </message>
    <message>
        <source>修改主管密码</source>
        <translation>Change the supervisor PIN</translation>
    </message>
    <message>
        <source>欢迎使用</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>模板已保存</source>
        <translation>Template saved</translation>
    </message>
    <message>
        <source>保存岗位导入模板</source>
        <translation>Save posting import template</translation>
    </message>
    <message>
        <source>导入求职人员</source>
        <translation>Import job seekers</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>导入招聘岗位</source>
        <translation>Import postings</translation>
    </message>
    <message>
        <source>这些岗位来自哪里（信息来源）？</source>
        <translation>Where do these postings come from (source)?</translation>
    </message>
    <message>
        <source>共{total}行：新建岗位{created}个（待审核），新登记单位{employers}家，拒绝{rejected}行。</source>
        <translation>{total} rows: {created} postings created (awaiting review), {employers} employers registered, {rejected} rows rejected.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>共{total}行：新登记{created}人，更新{updated}人，拒绝{rejected}行。</source>
        <translation>{total} rows: {created} registered, {updated} updated, {rejected} rejected.</translation>
    </message>
    <message>
        <source>求职人员 (Ctrl+1)</source>
        <translation>Job seekers (Ctrl+1)</translation>
    </message>
    <message>
        <source>用人单位 (Ctrl+2)</source>
        <translation>Employers (Ctrl+2)</translation>
    </message>
    <message>
        <source>招聘岗位 (Ctrl+3)</source>
        <translation>Postings (Ctrl+3)</translation>
    </message>
    <message>
        <source>这是本机第一次启动。是否打开练习服务台熟悉操作？
练习服务台另开一个窗口，里面有{n}名演示求职人员和演示岗位。练习数据单独存放，不会混入正式数据，也不会上传到服务器；以后可从“文件 → 打开练习服务台”再次打开。</source>
        <translation>This is the first start on this computer. Open the practice counter to learn the program?
It opens in a window of its own, with {n} demo job seekers and demo postings. Practice data is kept apart: it never mixes with the real data and is never uploaded to a server. File → Open the practice counter opens it again later.</translation>
    </message>
    <message>
        <source>练习服务台</source>
        <translation>Practice counter</translation>
    </message>
    <message>
        <source>练习服务台未能启动：{p}</source>
        <translation>The practice counter did not start: {p}</translation>
    </message>
    <message>
        <source>正在生成演示数据…</source>
        <translation>Making demo data…</translation>
    </message>
    <message>
        <source>已生成{n}名演示求职人员、{p}个岗位、{r}条推荐记录</source>
        <translation>Made {n} demo job seekers, {p} postings and {r} referrals</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>被拒绝的行已写入：{p}</source>
        <translation>Rejected rows were written to: {p}</translation>
    </message>
    <message>
        <source>错误报告未能写入文件，请查看详细信息。</source>
        <translation>The report could not be written to a file; see the details.</translation>
    </message>
    <message>
        <source>第{row}行  {field}：{message}</source>
        <translation>Row {row}  {field}: {message}</translation>
    </message>
    <message>
        <source>界面语言将在下次启动时生效。</source>
        <translation>The language changes the next time the counter starts.</translation>
    </message>
    <message>
        <source>关于零工市场服务台</source>
        <translation>About Linggong</translation>
    </message>
    <message>
        <source>零工市场服务台 {v}
为零工市场和零工驿站的窗口服务而做。</source>
        <translation>Linggong counter {v}
Made for the service counters of odd-job markets and labour workstations.</translation>
    </message>
</context>
<context>
    <name>MatchPanel</name>
    <message>
        <source>匹配岗位（F6 进入，回车或 F8 推荐）</source>
        <translation>Matching jobs (F6 to enter, Enter or F8 to refer)</translation>
    </message>
    <message>
        <source>匹配人员（F6 进入，回车或 F8 推荐）</source>
        <translation>Matching people (F6 to enter, Enter or F8 to refer)</translation>
    </message>
    <message>
        <source>打开一位求职者的记录后，这里按匹配度列出适合的招聘岗位。</source>
        <translation>Open a job seeker’s record to see the open jobs that suit them, best first.</translation>
    </message>
    <message>
        <source>打开一个招聘中的岗位后，这里按匹配度列出适合的人员。</source>
        <translation>Open a posting that is hiring to see the people who suit it, best first.</translation>
    </message>
    <message>
        <source>共{n}条，按匹配度排序；灰色为已推荐、待反馈。</source>
        <translation>{n} results, best first; grey ones are already referred and waiting for an outcome.</translation>
    </message>
    <message>
        <source>暂无适合的招聘中岗位。可在“招聘岗位”页按条件查找。</source>
        <translation>No open job suits now. Search on the Postings page for more.</translation>
    </message>
    <message>
        <source>暂无适合的人员。</source>
        <translation>Nobody suits this posting now.</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>请输入您的姓名，它会作为经办人印在介绍信上：</source>
        <translation>Please type your name; it is printed on slips as the clerk:</translation>
    </message>
    <message>
        <source>已推荐过，待反馈；可在“推荐记录”中重新打印介绍信</source>
        <translation>Already referred and waiting for an outcome; reprint the slip from Referrals</translation>
    </message>
    <message>
        <source>已推荐：{what}，编号 {code}</source>
        <translation>Referred: {what}, code {code}</translation>
    </message>
</context>
<context>
    <name>Matching</name>
    <message>
        <source>同区</source>
        <translation>same district</translation>
    </message>
    <message>
        <source>同县</source>
        <translation>same county</translation>
    </message>
    <message>
        <source>同在{place}</source>
        <translation>both in {place}</translation>
    </message>
    <message>
        <source>时薪</source>
        <translation>hourly pay</translation>
    </message>
    <message>
        <source>日薪</source>
        <translation>day pay</translation>
    </message>
    <message>
        <source>月薪</source>
        <translation>monthly pay</translation>
    </message>
    <message>
        <source>计件单价</source>
        <translation>piece rate</translation>
    </message>
    <message>
        <source>同市</source>
        <translation>same city</translation>
    </message>
    <message>
        <source>同市州</source>
        <translation>same prefecture</translation>
    </message>
    <message>
        <source>工种一致</source>
        <translation>same job type</translation>
    </message>
    <message>
        <source>相近工种</source>
        <translation>related job type</translation>
    </message>
    <message>
        <source>名额已被待定推荐占满</source>
        <translation>places taken by pending referrals</translation>
    </message>
    <message>
        <source>跨市州</source>
        <translation>another prefecture</translation>
    </message>
    <message>
        <source>省外</source>
        <translation>another province</translation>
    </message>
    <message>
        <source>计件与计时工资无法比较</source>
        <translation>piece rate vs time pay: not comparable</translation>
    </message>
    <message>
        <source>{word}高于期望¥{d}</source>
        <translation>{word} ¥{d} above expectation</translation>
    </message>
    <message>
        <source>{word}符合期望</source>
        <translation>{word} as expected</translation>
    </message>
    <message>
        <source>{word}低于期望¥{d}</source>
        <translation>{word} ¥{d} below expectation</translation>
    </message>
    <message>
        <source>按每天{h}小时</source>
        <translation>{h} hours a day</translation>
    </message>
    <message>
        <source>按每月{d}天</source>
        <translation>{d} days a month</translation>
    </message>
    <message>
        <source>（{a}折算）</source>
        <translation> (converted at {a})</translation>
    </message>
    <message>
        <source>{n}天中{m}天有空</source>
        <translation>free {m} of {n} days</translation>
    </message>
    <message>
        <source>时段合适</source>
        <translation>hours suit</translation>
    </message>
    <message>
        <source>时段部分符合</source>
        <translation>hours partly suit</translation>
    </message>
    <message>
        <source>时段不符</source>
        <translation>hours do not suit</translation>
    </message>
    <message>
        <source>缺{certs}</source>
        <translation>lacks {certs}</translation>
    </message>
    <message>
        <source>有{certs}</source>
        <translation>has {certs}</translation>
    </message>
</context>
<context>
    <name>OutcomeForm</name>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>回访结果</source>
        <translation>Call result</translation>
    </message>
    <message>
        <source>更正为</source>
        <translation>Correct to</translation>
    </message>
    <message>
        <source>上岗日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>约定工资</source>
        <translation>Agreed pay</translation>
    </message>
    <message>
        <source>未录用原因</source>
        <translation>Why not hired</translation>
    </message>
    <message>
        <source>如：求职者已另找到工作</source>
        <translation>e.g. the seeker found another job</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Why cancelled</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>返回 (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Why corrected</translation>
    </message>
    <message>
        <source>必填：为什么更正，如：用人单位来电说明</source>
        <translation>Required: why, e.g. the employer phoned to explain</translation>
    </message>
</context>
<context>
    <name>PostingForm</name>
    <message>
        <source>输入单位名称、简称或信用代码选择</source>
        <translation>Type the name, short name or credit code to choose</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>如：酒店客房保洁、仓库装卸工</source>
        <translation>e.g. hotel room cleaner, warehouse loader</translation>
    </message>
    <message>
        <source>岗位名称</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>输入工种名称选择，如 保洁</source>
        <translation>Type a job type to choose, e.g. cleaner</translation>
    </message>
    <message>
        <source>工种</source>
        <translation>Job type</translation>
    </message>
    <message>
        <source>招聘人数</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>薪资</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>结算方式</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>详细地址，如：观山湖区金阳南路6号</source>
        <translation>Full address, e.g. 观山湖区金阳南路6号</translation>
    </message>
    <message>
        <source>工作地点</source>
        <translation>Work place</translation>
    </message>
    <message>
        <source>输入区县名称</source>
        <translation>Type a county name</translation>
    </message>
    <message>
        <source>工作区县</source>
        <translation>Work county</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>工作日期</source>
        <translation>Work dates</translation>
    </message>
    <message>
        <source>如 8:30-17:30，午休1小时</source>
        <translation>e.g. 8:30-17:30, 1 hour lunch</translation>
    </message>
    <message>
        <source>小时/天</source>
        <translation>hours/day</translation>
    </message>
    <message>
        <source>每日工时</source>
        <translation>Hours per day</translation>
    </message>
    <message>
        <source>具体做什么</source>
        <translation>What the work is</translation>
    </message>
    <message>
        <source>工作内容</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>技能、证书、经验等</source>
        <translation>Skills, certificates, experience</translation>
    </message>
    <message>
        <source>任职要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>如：试工半天，合格即录用</source>
        <translation>e.g. half a day on trial, hired if it goes well</translation>
    </message>
    <message>
        <source>录用条件</source>
        <translation>Hiring conditions</translation>
    </message>
    <message>
        <source>包吃</source>
        <translation>Meals</translation>
    </message>
    <message>
        <source>包住</source>
        <translation>Lodging</translation>
    </message>
    <message>
        <source>交通补贴/接送</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>其他福利</source>
        <translation>Other benefits</translation>
    </message>
    <message>
        <source>福利待遇</source>
        <translation>Benefits</translation>
    </message>
    <message>
        <source>如：发放安全帽、手套；高处作业须持证</source>
        <translation>e.g. helmets and gloves provided; certificate needed for work at height</translation>
    </message>
    <message>
        <source>劳动保护</source>
        <translation>Labour protection</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>岁&#x3000;性别</source>
        <translation>years  Sex</translation>
    </message>
    <message>
        <source>限制条件</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>只有岗位确需时才限制年龄或性别，并写明理由</source>
        <translation>Limit age or sex only where the job truly needs it, and say why</translation>
    </message>
    <message>
        <source>限制理由</source>
        <translation>Reason for limits</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>手机或座机，如 0851-86811234</source>
        <translation>Mobile or landline, e.g. 0851-86811234</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>信息来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>新建岗位</source>
        <translation>New posting</translation>
    </message>
    <message>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>提交审核 (F9)</source>
        <translation>Submit for review (F9)</translation>
    </message>
    <message>
        <source>审核发布…</source>
        <translation>Approve and open…</translation>
    </message>
    <message>
        <source>退回修改…</source>
        <translation>Return for changes…</translation>
    </message>
    <message>
        <source>核实放行…</source>
        <translation>Clear flagged text…</translation>
    </message>
    <message>
        <source>已招满</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>关闭岗位…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>该单位已被暂停发布岗位</source>
        <translation>This employer is suspended from posting</translation>
    </message>
    <message>
        <source>联系人 {name} · {phone}</source>
        <translation>Contact {name} · {phone}</translation>
    </message>
    <message>
        <source>招聘岗位登记（新）</source>
        <translation>Posting registration (new)</translation>
    </message>
    <message>
        <source>岗位 {code}：{title}</source>
        <translation>Posting {code}: {title}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{status}&lt;/b&gt; · 编号 {code}</source>
        <translation>&lt;b&gt;{status}&lt;/b&gt; · No. {code}</translation>
    </message>
    <message>
        <source>信息来源：{s}</source>
        <translation>Source: {s}</translation>
    </message>
    <message>
        <source>含“{t}”，已由{by}核实放行</source>
        <translation>Contains &quot;{t}&quot;; checked and cleared by {by}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b71c1c&apos;&gt;含“{t}”，须主管核实放行后才能发布&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b71c1c&apos;&gt;Contains &quot;{t}&quot;; a supervisor must check and clear it before it can open&lt;/span&gt;</translation>
    </message>
    <message>
        <source>退回意见（{by}）：{note}</source>
        <translation>Returned by {by}: {note}</translation>
    </message>
    <message>
        <source>审核：{by} {at:%Y-%m-%d %H:%M}</source>
        <translation>Reviewed: {by} {at:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>招聘至 {d}，到期自动下架</source>
        <translation>Open until {d}; taken down automatically then</translation>
    </message>
    <message>
        <source>关闭原因：{r}</source>
        <translation>Closed because: {r}</translation>
    </message>
</context>
<context>
    <name>PostingMatchModel</name>
    <message>
        <source>匹配度</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>薪资</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>工作区县</source>
        <translation>Work county</translation>
    </message>
    <message>
        <source>工作日期</source>
        <translation>Work dates</translation>
    </message>
    <message>
        <source>尚缺</source>
        <translation>Still needed</translation>
    </message>
    <message>
        <source>匹配理由</source>
        <translation>Why it fits</translation>
    </message>
    <message>
        <source>已推荐</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>{n}人</source>
        <translation>{n}</translation>
    </message>
</context>
<context>
    <name>PostingPage</name>
    <message>
        <source>查找岗位：岗位名称 / 单位 / 地点 / 编号</source>
        <translation>Find a posting: title / employer / place / number</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部工种</source>
        <translation>All job types</translation>
    </message>
    <message>
        <source>全部区县</source>
        <translation>All counties</translation>
    </message>
    <message>
        <source>全部计薪方式</source>
        <translation>All pay units</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Work day</translation>
    </message>
    <message>
        <source>没有符合条件的岗位</source>
        <translation>No postings match</translation>
    </message>
    <message>
        <source>只显示最新的{n}个岗位，请缩小筛选范围</source>
        <translation>Showing the newest {n} postings only; narrow the filters</translation>
    </message>
    <message>
        <source>共{n}个岗位，回车打开</source>
        <translation>{n} postings; Enter opens</translation>
    </message>
    <message>
        <source>只有招聘中的岗位才能推荐人员。</source>
        <translation>Only postings that are hiring can take referrals.</translation>
    </message>
    <message>
        <source>已保存岗位 {code}（草稿）</source>
        <translation>Posting {code} saved (draft)</translation>
    </message>
    <message>
        <source>已更新岗位 {code}</source>
        <translation>Posting {code} updated</translation>
    </message>
    <message>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>表单有未保存的修改。请先按回车保存，再提交或发布。</source>
        <translation>The form has unsaved changes. Press Enter to save them first, then submit or open.</translation>
    </message>
    <message>
        <source>岗位 {code} 已提交审核</source>
        <translation>Posting {code} submitted for review</translation>
    </message>
    <message>
        <source>审核通过并发布岗位 {code}</source>
        <translation>Approve and open posting {code}</translation>
    </message>
    <message>
        <source>岗位 {code} 已发布</source>
        <translation>Posting {code} is open</translation>
    </message>
    <message>
        <source>核实岗位 {code} 中须核实的内容并放行</source>
        <translation>Check and clear the flagged text of posting {code}</translation>
    </message>
    <message>
        <source>已放行</source>
        <translation>Cleared</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Return for changes</translation>
    </message>
    <message>
        <source>退回原因：</source>
        <translation>Why it is returned:</translation>
    </message>
    <message>
        <source>退回岗位 {code}</source>
        <translation>Return posting {code}</translation>
    </message>
    <message>
        <source>岗位 {code} 已退回</source>
        <translation>Posting {code} returned</translation>
    </message>
    <message>
        <source>岗位 {code} 已招满</source>
        <translation>Posting {code} is filled</translation>
    </message>
    <message>
        <source>关闭岗位</source>
        <translation>Close posting</translation>
    </message>
    <message>
        <source>关闭原因：</source>
        <translation>Why it is closed:</translation>
    </message>
    <message>
        <source>岗位 {code} 已关闭</source>
        <translation>Posting {code} closed</translation>
    </message>
    <message>
        <source>{n}个岗位已到期下架</source>
        <translation>{n} postings expired and were taken down</translation>
    </message>
</context>
<context>
    <name>PostingTableModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>岗位名称</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>工种</source>
        <translation>Job type</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <source>薪资</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>工作区县</source>
        <translation>Work county</translation>
    </message>
    <message>
        <source>工作日期</source>
        <translation>Work dates</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>（待核实）</source>
        <translation> (to be checked)</translation>
    </message>
</context>
<context>
    <name>Postings</name>
    <message>
        <source>{name}{why}，不能发布岗位</source>
        <translation>{name}: {why}; it cannot post</translation>
    </message>
    <message>
        <source>每小时不低于{min}元</source>
        <translation>at least ¥{min} an hour</translation>
    </message>
    <message>
        <source>按每天{h}小时、每小时{hour}元计，日薪不低于{min}元</source>
        <translation>at {h} hours a day and ¥{hour} an hour, at least ¥{min} a day</translation>
    </message>
    <message>
        <source>月薪不低于{min}元</source>
        <translation>at least ¥{min} a month</translation>
    </message>
    <message>
        <source>{status}的岗位不能修改；如需再招，请新建岗位</source>
        <translation>A posting that is {status} cannot be changed; make a new posting to hire again</translation>
    </message>
    <message>
        <source>已招聘中的岗位修改后需重新审核</source>
        <translation>An open posting that is changed goes back to review</translation>
    </message>
    <message>
        <source>岗位{code}由站点{station}发布，只能由该站修改或结束</source>
        <translation>Posting {code} was released by station {station}; only that station can change or end it</translation>
    </message>
    <message>
        <source>岗位{code}当前为“{status}”，不能进行此操作</source>
        <translation>Posting {code} is &quot;{status}&quot;; this cannot be done now</translation>
    </message>
    <message>
        <source>岗位含有“{terms}”等须核实的内容，请先核实并放行后再发布</source>
        <translation>The posting contains &quot;{terms}&quot;, which must be checked and cleared before it opens</translation>
    </message>
    <message>
        <source>该岗位没有须核实的内容</source>
        <translation>This posting has nothing flagged</translation>
    </message>
    <message>
        <source>向求职者收费</source>
        <translation>charging job seekers</translation>
    </message>
    <message>
        <source>押金或保证金</source>
        <translation>deposit or bond</translation>
    </message>
    <message>
        <source>扣押或收取身份证</source>
        <translation>holding ID cards</translation>
    </message>
    <message>
        <source>“{term}”（{what}）</source>
        <translation>&quot;{term}&quot; ({what})</translation>
    </message>
</context>
<context>
    <name>Practice</name>
    <message>
        <source>这是练习数据目录（{dir}），里面的演示数据不能登记到同步服务器，也不会同步。正式数据目录是 {real}：不带 --practice 打开服务台，在“设置 → 连接同步服务器…”中登记。</source>
        <translation>This is the practice data folder ({dir}): its demo data cannot be enrolled with a sync server and never syncs. The real data folder is {real}: open the counter without --practice and enrol there under Settings → Connect to sync server….</translation>
    </message>
    <message>
        <source>这是练习数据目录（{dir}），里面的演示数据不能登记到同步服务器，也不会同步。正式使用请换一个数据目录（不带 --practice 打开服务台），在“设置 → 连接同步服务器…”中登记。</source>
        <translation>This is a practice data folder ({dir}): its demo data cannot be enrolled with a sync server and never syncs. For real work use another data folder (open the counter without --practice) and enrol there under Settings → Connect to sync server….</translation>
    </message>
    <message>
        <source>本站数据里有演示数据，不能登记到同步服务器（演示人员会被当作真实的人上传）。请从空的数据目录重新开始：关闭服务台，把数据目录 {dir} 改名或移走（先确认其中没有要保留的正式记录），再打开服务台并登记。演示数据请放在练习数据目录（linggong --practice）。</source>
        <translation>This station&apos;s data holds demo data, so it cannot be enrolled with a sync server (the demo people would be uploaded as real people). Start again from an empty data folder: close the counter, rename or move the data folder {dir} (first make sure it holds no real records you need), then open the counter and enrol. Keep demo data in the practice data folder (linggong --practice).</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <source>被服务器退回的修改</source>
        <translation>Changes returned by the server</translation>
    </message>
    <message>
        <source>以下修改未被服务器接收（其余修改已正常同步）。请核对原因，在相应页面重新录入需要保留的内容。</source>
        <translation>The server did not accept the changes below (all other changes synced normally). Check the reasons and re-enter what should be kept on the matching page.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>Reference</name>
    <message>
        <source>脱贫人口</source>
        <translation>Lifted out of poverty</translation>
    </message>
    <message>
        <source>防返贫监测对象</source>
        <translation>Poverty-relapse monitoring</translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>易地搬迁群众</source>
        <translation>Relocated households</translation>
    </message>
    <message>
        <source>农村劳动力</source>
        <translation>Rural labour</translation>
    </message>
    <message>
        <source>高校毕业生</source>
        <translation>College graduate</translation>
    </message>
    <message>
        <source>退役军人</source>
        <translation>Veteran</translation>
    </message>
    <message>
        <source>就业困难人员</source>
        <translation>Hard to employ</translation>
    </message>
    <message>
        <source>元/小时</source>
        <translation>¥/hour</translation>
    </message>
    <message>
        <source>元/天</source>
        <translation>¥/day</translation>
    </message>
    <message>
        <source>元/件</source>
        <translation>¥/piece</translation>
    </message>
    <message>
        <source>元/月</source>
        <translation>¥/month</translation>
    </message>
    <message>
        <source>上午</source>
        <translation>Mornings</translation>
    </message>
    <message>
        <source>下午</source>
        <translation>Afternoons</translation>
    </message>
    <message>
        <source>晚上</source>
        <translation>Nights</translation>
    </message>
    <message>
        <source>周末</source>
        <translation>Weekends</translation>
    </message>
    <message>
        <source>日结</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>周结</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>月结</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>完工结</source>
        <translation>On completion</translation>
    </message>
    <message>
        <source>企业或机构</source>
        <translation>Enterprise or institution</translation>
    </message>
    <message>
        <source>个体工商户</source>
        <translation>Individual business</translation>
    </message>
    <message>
        <source>家庭或个人</source>
        <translation>Household or person</translation>
    </message>
    <message>
        <source>农、林、牧、渔业</source>
        <translation>Agriculture, forestry, animal husbandry and fishery</translation>
    </message>
    <message>
        <source>采矿业</source>
        <translation>Mining</translation>
    </message>
    <message>
        <source>制造业</source>
        <translation>Manufacturing</translation>
    </message>
    <message>
        <source>电力、热力、燃气及水生产和供应业</source>
        <translation>Electricity, heat, gas and water</translation>
    </message>
    <message>
        <source>建筑业</source>
        <translation>Construction</translation>
    </message>
    <message>
        <source>批发和零售业</source>
        <translation>Wholesale and retail</translation>
    </message>
    <message>
        <source>交通运输、仓储和邮政业</source>
        <translation>Transport, storage and post</translation>
    </message>
    <message>
        <source>住宿和餐饮业</source>
        <translation>Accommodation and catering</translation>
    </message>
    <message>
        <source>信息传输、软件和信息技术服务业</source>
        <translation>Information and software services</translation>
    </message>
    <message>
        <source>金融业</source>
        <translation>Finance</translation>
    </message>
    <message>
        <source>房地产业</source>
        <translation>Real estate</translation>
    </message>
    <message>
        <source>租赁和商务服务业</source>
        <translation>Leasing and business services</translation>
    </message>
    <message>
        <source>科学研究和技术服务业</source>
        <translation>Research and technical services</translation>
    </message>
    <message>
        <source>水利、环境和公共设施管理业</source>
        <translation>Water, environment and public facilities</translation>
    </message>
    <message>
        <source>居民服务、修理和其他服务业</source>
        <translation>Household, repair and other services</translation>
    </message>
    <message>
        <source>教育</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>卫生和社会工作</source>
        <translation>Health and social work</translation>
    </message>
    <message>
        <source>文化、体育和娱乐业</source>
        <translation>Culture, sports and entertainment</translation>
    </message>
    <message>
        <source>公共管理、社会保障和社会组织</source>
        <translation>Public administration and social organisations</translation>
    </message>
    <message>
        <source>国际组织</source>
        <translation>International organisations</translation>
    </message>
    <message>
        <source>拖欠工资</source>
        <translation>Unpaid wages</translation>
    </message>
    <message>
        <source>虚假招聘或欺诈</source>
        <translation>False postings or fraud</translation>
    </message>
    <message>
        <source>不安全作业</source>
        <translation>Unsafe work</translation>
    </message>
    <message>
        <source>向求职者收费或扣押证件</source>
        <translation>Charging seekers or holding documents</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>Pending review</translation>
    </message>
    <message>
        <source>招聘中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已招满</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>待反馈</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>已录用</source>
        <translation>Hired</translation>
    </message>
    <message>
        <source>未录用</source>
        <translation>Not hired</translation>
    </message>
    <message>
        <source>未到岗</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>技能或经验不符</source>
        <translation>Skills or experience do not fit</translation>
    </message>
    <message>
        <source>年龄、身体等条件不符</source>
        <translation>Age, health or other conditions do not fit</translation>
    </message>
    <message>
        <source>工资待遇未谈拢</source>
        <translation>No agreement on pay</translation>
    </message>
    <message>
        <source>岗位已招满</source>
        <translation>The job was filled</translation>
    </message>
    <message>
        <source>求职者放弃</source>
        <translation>The seeker declined</translation>
    </message>
    <message>
        <source>已上岗</source>
        <translation>Started work</translation>
    </message>
    <message>
        <source>未去应聘</source>
        <translation>Did not go</translation>
    </message>
    <message>
        <source>已联系，仍在等结果</source>
        <translation>Reached, still waiting for an answer</translation>
    </message>
    <message>
        <source>无人接听</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>号码错误或停机</source>
        <translation>Wrong or disconnected number</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>限男性</source>
        <translation>Men only</translation>
    </message>
    <message>
        <source>限女性</source>
        <translation>Women only</translation>
    </message>
    <message>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <source>女</source>
        <translation>F</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>推荐记录</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>求职者</source>
        <translation>Job seeker</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>薪资</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>工作日期</source>
        <translation>Work dates</translation>
    </message>
    <message>
        <source>推荐日期</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>推荐理由</source>
        <translation>Why referred</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>已录用 (F5)</source>
        <translation>Hired (F5)</translation>
    </message>
    <message>
        <source>未录用 (F6)</source>
        <translation>Not hired (F6)</translation>
    </message>
    <message>
        <source>未到岗 (F7)</source>
        <translation>No-show (F7)</translation>
    </message>
    <message>
        <source>取消推荐 (F8)</source>
        <translation>Cancel referral (F8)</translation>
    </message>
    <message>
        <source>更正结果… (Ctrl+E)</source>
        <translation>Correct outcome… (Ctrl+E)</translation>
    </message>
    <message>
        <source>重新打印 (Ctrl+P)</source>
        <translation>Reprint (Ctrl+P)</translation>
    </message>
    <message>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>历史记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>无法打开推荐记录</source>
        <translation>The referral cannot be opened</translation>
    </message>
    <message>
        <source>推荐 {code}</source>
        <translation>Referral {code}</translation>
    </message>
    <message>
        <source>&#x3000;&lt;span style=&apos;font-size: 11pt; color: #1b5e20;&apos;&gt;✔ 介绍信已扫码核验&lt;/span&gt;</source>
        <translation>&#x3000;&lt;span style=&apos;font-size: 11pt; color: #1b5e20;&apos;&gt;✔ Slip scanned and verified&lt;/span&gt;</translation>
    </message>
    <message>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <source>此介绍信已于{day}过期，仍可登记结果</source>
        <translation>This slip expired on {day}; the outcome can still be recorded</translation>
    </message>
    <message>
        <source> · 岗位{status}</source>
        <translation> · job {status}</translation>
    </message>
    <message>
        <source>等待反馈</source>
        <translation>Waiting for an outcome</translation>
    </message>
    <message>
        <source>{day}登记</source>
        <translation>recorded {day}</translation>
    </message>
    <message>
        <source>{day}上岗</source>
        <translation>starts {day}</translation>
    </message>
    <message>
        <source>约定工资 {pay}</source>
        <translation>agreed pay {pay}</translation>
    </message>
    <message>
        <source>登记为已录用</source>
        <translation>Record as hired</translation>
    </message>
    <message>
        <source>登记为未录用</source>
        <translation>Record as not hired</translation>
    </message>
    <message>
        <source>登记为未到岗</source>
        <translation>Record as no-show</translation>
    </message>
    <message>
        <source>取消推荐</source>
        <translation>Cancel the referral</translation>
    </message>
    <message>
        <source>岗位标价 {pay}</source>
        <translation>Posted pay {pay}</translation>
    </message>
    <message>
        <source>更正结果（主管 {name} 已确认）</source>
        <translation>Correct the outcome (confirmed by supervisor {name})</translation>
    </message>
    <message>
        <source>更正推荐 {code} 的结果（现为“{status}”）</source>
        <translation>Correct the outcome of {code} (now “{status}”)</translation>
    </message>
    <message>
        <source>已更正为“{status}”（主管 {name}）</source>
        <translation>Corrected to “{status}” (supervisor {name})</translation>
    </message>
    <message>
        <source>已登记为“{status}”</source>
        <translation>Recorded as “{status}”</translation>
    </message>
</context>
<context>
    <name>ReferralPage</name>
    <message>
        <source>推荐编号，如 GY01-20261124-0042 或其中一段&#x3000;(Ctrl+F)</source>
        <translation>Referral code, e.g. GY01-20261124-0042 or part of it&#x3000;(Ctrl+F)</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>待回访 ({key})</source>
        <translation>To call ({key})</translation>
    </message>
    <message>
        <source>介绍信已过期、仍未反馈结果的推荐，逐个电话回访</source>
        <translation>Referrals whose slip expired without an outcome: call each one</translation>
    </message>
    <message>
        <source>记录回访…</source>
        <translation>Record a call…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>重新打印 (Ctrl+P)</source>
        <translation>Reprint (Ctrl+P)</translation>
    </message>
    <message>
        <source>没有待回访的推荐：过期的介绍信都已有结果</source>
        <translation>Nobody to call: every expired slip has an outcome</translation>
    </message>
    <message>
        <source>待回访{n}条：介绍信已过期仍未反馈。回车记录回访</source>
        <translation>{n} to call: slips expired without an outcome. Enter records a call</translation>
    </message>
    <message>
        <source>没有符合条件的推荐记录</source>
        <translation>No referrals match</translation>
    </message>
    <message>
        <source>只显示最新的{n}条推荐，请输入编号或选择状态</source>
        <translation>Showing the newest {n} referrals; type a code or choose a status</translation>
    </message>
    <message>
        <source>共{n}条推荐，回车打开</source>
        <translation>{n} referrals; Enter opens</translation>
    </message>
    <message>
        <source>记录回访 (Enter)</source>
        <translation>Record a call (Enter)</translation>
    </message>
    <message>
        <source>打开 (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
</context>
<context>
    <name>ReferralTableModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>求职者</source>
        <translation>Job seeker</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>推荐日期</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <source>{n}次 · {last}</source>
        <translation>{n} · {last}</translation>
    </message>
</context>
<context>
    <name>Referrals</name>
    <message>
        <source>该用人单位已暂停发布岗位，不能推荐</source>
        <translation>This employer is suspended; no referrals can be made</translation>
    </message>
    <message>
        <source>岗位{code}当前为“{status}”，只能推荐到招聘中的岗位</source>
        <translation>Posting {code} is “{status}”; referrals go only to postings that are hiring</translation>
    </message>
    <message>
        <source>岗位{code}已过期</source>
        <translation>Posting {code} has expired</translation>
    </message>
    <message>
        <source>{name}已推荐到该岗位（{code}，{status}），不能重复推荐</source>
        <translation>{name} is already referred to this posting ({code}, {status})</translation>
    </message>
    <message>
        <source>岗位{code}已招满</source>
        <translation>Posting {code} is filled</translation>
    </message>
    <message>
        <source>{name}已在“{title}”上岗（{a}至{b}），工作时间冲突</source>
        <translation>{name} works as “{title}” ({a} to {b}); the hours clash</translation>
    </message>
    <message>
        <source>该岗位要求年龄{a}至{b}岁（{why}），求职者不符合</source>
        <translation>This posting asks for ages {a} to {b} ({why}); the seeker does not qualify</translation>
    </message>
    <message>
        <source>求职者未满16周岁，不能推荐</source>
        <translation>The seeker is under 16 and cannot be referred</translation>
    </message>
    <message>
        <source>该岗位有性别要求（{why}），求职者不符合</source>
        <translation>This posting is limited by sex ({why}); the seeker does not qualify</translation>
    </message>
    <message>
        <source>求职者可工作的日期与岗位工作日期（{a}至{b}）不重合</source>
        <translation>The seeker is not free on any of the work days ({a} to {b})</translation>
    </message>
    <message>
        <source>推荐</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>更正为{what}（原为{was}）</source>
        <translation>Corrected to {what} (was {was})</translation>
    </message>
    <message>
        <source>回访：{r}</source>
        <translation>Call: {r}</translation>
    </message>
    <message>
        <source>{employer} {title}（至{to}）</source>
        <translation>{employer} {title} (until {to})</translation>
    </message>
    <message>
        <source>在岗：{jobs}</source>
        <translation>Working: {jobs}</translation>
    </message>
    <message>
        <source>没有编号为{code}的推荐记录。若是其他站点开具的，请在联网同步后再扫</source>
        <translation>No referral {code} here. If another station issued it, scan again after syncing</translation>
    </message>
    <message>
        <source>暂无站点{station}的核验密钥，无法核验此介绍信；请联网同步后再试</source>
        <translation>No key of station {station} to check this slip; try again after syncing</translation>
    </message>
    <message>
        <source>介绍信{code}核验失败：二维码与记录不符，可能被伪造或篡改</source>
        <translation>Slip {code} failed the check: its QR code does not match the record; it may be forged or altered</translation>
    </message>
    <message>
        <source>此介绍信已于{day}过期，仍可登记结果</source>
        <translation>This slip expired on {day}; the outcome can still be recorded</translation>
    </message>
    <message>
        <source>此推荐已有结果：{status}</source>
        <translation>This referral already has an outcome: {status}</translation>
    </message>
    <message>
        <source>推荐{code}已登记为“{status}”，如需更正请由主管操作</source>
        <translation>Referral {code} is recorded as “{status}”; a supervisor can correct it</translation>
    </message>
    <message>
        <source>该推荐还没有结果，请直接登记</source>
        <translation>This referral has no outcome yet; record one</translation>
    </message>
    <message>
        <source>推荐{code}已有结果“{status}”，无需回访</source>
        <translation>Referral {code} already has an outcome, “{status}”; no call needed</translation>
    </message>
    <message>
        <source>请先在“设置 → 经办人姓名”中填写您的姓名，它会印在介绍信上并记入办理记录</source>
        <translation>First enter your name under Settings → Clerk name; it is printed on slips and kept with what you record</translation>
    </message>
    <message>
        <source>上岗{d}</source>
        <translation>starts {d}</translation>
    </message>
</context>
<context>
    <name>SeekerForm</name>
    <message>
        <source>18位身份证号码，可用读卡器或扫码枪录入</source>
        <translation>18-character ID number; a card reader or scanner can type it</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>更正已登记的身份证号码</source>
        <translation>Correct the registered ID number</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <source>与身份证一致，少数民族姓名用“·”分隔</source>
        <translation>As on the ID card; minority names use “·”</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>11位手机号码</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>输入区县名称</source>
        <translation>Type a district name</translation>
    </message>
    <message>
        <source>现居区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>输入工种或拼音首字母筛选，回车勾选</source>
        <translation>Filter by name or pinyin initials; Enter ticks</translation>
    </message>
    <message>
        <source>求职工种</source>
        <translation>Job types wanted</translation>
    </message>
    <message>
        <source>如：电工证、健康证、叉车证</source>
        <translation>e.g. electrician, health, forklift certificates</translation>
    </message>
    <message>
        <source>技能证书</source>
        <translation>Skills / certificates</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>可工作日期</source>
        <translation>Available dates</translation>
    </message>
    <message>
        <source>可工作时段</source>
        <translation>Available times</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>期望工资</source>
        <translation>Expected wage</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>本人已知悉并同意服务机构为就业服务使用其个人信息</source>
        <translation>The person has been informed and agrees that the service may use their personal data for employment services</translation>
    </message>
    <message>
        <source>同意授权</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>新登记 (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <source>求职登记（新）</source>
        <translation>New registration</translation>
    </message>
    <message>
        <source>求职人员：{name}</source>
        <translation>Job seeker: {name}</translation>
    </message>
    <message>
        <source>{sex} · 出生 {birth} · {age}岁</source>
        <translation>{sex} · born {birth} · age {age}</translation>
    </message>
</context>
<context>
    <name>SeekerMatchModel</name>
    <message>
        <source>匹配度</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>现居区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>匹配理由</source>
        <translation>Why it fits</translation>
    </message>
    <message>
        <source>已推荐</source>
        <translation>Referred</translation>
    </message>
</context>
<context>
    <name>SeekerPage</name>
    <message>
        <source>查找：身份证号 / 手机号或后4位 / 姓名 / 拼音首字母&#x3000;(Ctrl+F)</source>
        <translation>Find: ID number / mobile or its last 4 / name / pinyin initials  (Ctrl+F)</translation>
    </message>
    <message>
        <source>输入完整身份证号、11位手机号、手机后4位、姓名（两个字以上）或拼音首字母；单字按姓氏查找</source>
        <translation>Type a full ID number, an 11-digit mobile, its last 4 digits, a name (2+ characters) or pinyin initials; one character finds surnames</translation>
    </message>
    <message>
        <source>15位一代身份证号码已停止使用，请用18位号码查找</source>
        <translation>15-digit first-generation ID numbers are no longer used; search with the 18-digit number</translation>
    </message>
    <message>
        <source>没有找到。按 Ctrl+N 新登记</source>
        <translation>Nobody found. Press Ctrl+N to register</translation>
    </message>
    <message>
        <source>找到很多人，只显示前{n}位；请输入更多信息</source>
        <translation>Many people match; showing the first {n}. Type more</translation>
    </message>
    <message>
        <source>找到{n}人，回车打开</source>
        <translation>{n} found; Enter opens</translation>
    </message>
    <message>
        <source>该身份证号码已登记，已打开此人的记录，可直接更新。</source>
        <translation>This ID number is already registered; the person&apos;s record is open for updating.</translation>
    </message>
    <message>
        <source>此人已在其他站点登记，已从服务器调入本站，可直接更新。</source>
        <translation>This person was registered at another station and has been fetched from the server; you can update the record directly.</translation>
    </message>
    <message>
        <source>已登记：{name}</source>
        <translation>Registered: {name}</translation>
    </message>
    <message>
        <source>已更新：{name}</source>
        <translation>Updated: {name}</translation>
    </message>
</context>
<context>
    <name>SeekerTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>现居区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>求职工种</source>
        <translation>Job types wanted</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>打包版</source>
        <translation>frozen build</translation>
    </message>
    <message>
        <source>源码运行</source>
        <translation>from source</translation>
    </message>
    <message>
        <source>缺少文件：{files}</source>
        <translation>files missing: {files}</translation>
    </message>
    <message>
        <source>字体、翻译、图标和行政区划数据齐全（{n}个文件）</source>
        <translation>font, translations, icons and region data present ({n} files)</translation>
    </message>
    <message>
        <source>数据库版本为{current}，应为{head}</source>
        <translation>the database is at version {current}, should be {head}</translation>
    </message>
    <message>
        <source>新建SQLite数据库（SQLite {v}），迁移到{head}</source>
        <translation>new SQLite database (SQLite {v}) migrated to {head}</translation>
    </message>
    <message>
        <source>身份证号以明文存放在：{tables}</source>
        <translation>ID number stored in plain text in: {tables}</translation>
    </message>
    <message>
        <source>按身份证号查不到刚登记的人</source>
        <translation>the person just registered is not found by ID number</translation>
    </message>
    <message>
        <source>列表里的身份证号或手机号没有打码</source>
        <translation>the list shows an ID number or phone unmasked</translation>
    </message>
    <message>
        <source>已登记求职人员，身份证号加密保存，列表显示为{id}、{phone}</source>
        <translation>job seeker registered, ID number stored encrypted, the list shows {id}, {phone}</translation>
    </message>
    <message>
        <source>岗位审核后状态为{s}，应为招聘中</source>
        <translation>after review the posting is {s}, should be open</translation>
    </message>
    <message>
        <source>已登记用人单位并发布岗位“{title}”（{code}）</source>
        <translation>employer registered and posting “{title}” ({code}) released</translation>
    </message>
    <message>
        <source>介绍信PDF没有嵌入中文字体</source>
        <translation>the slip PDF has no embedded Chinese font</translation>
    </message>
    <message>
        <source>介绍信上没有二维码</source>
        <translation>the slip has no QR code</translation>
    </message>
    <message>
        <source>介绍信上印出了完整的身份证号或手机号</source>
        <translation>the slip prints a full ID number or phone</translation>
    </message>
    <message>
        <source>推荐介绍信{code}：PDF {kb} KB，嵌入字体，{q}个二维码（{n}×{n}）</source>
        <translation>referral slip {code}: PDF {kb} KB, font embedded, {q} QR codes ({n}×{n})</translation>
    </message>
    <message>
        <source>随附字体没有载入，界面用的是{f}</source>
        <translation>the bundled font did not load; the UI uses {f}</translation>
    </message>
    <message>
        <source>界面字体{f}不含汉字</source>
        <translation>the UI font {f} has no Chinese characters</translation>
    </message>
    <message>
        <source>缺少屏幕插件{p}，服务台无法在桌面上显示</source>
        <translation>the {p} screen plugin is missing: the counter cannot show on the desktop</translation>
    </message>
    <message>
        <source>程序图标没有载入</source>
        <translation>the program icon did not load</translation>
    </message>
    <message>
        <source>Qt界面（{platform}；屏幕插件：{plugins}）：随附字体{f}含汉字，程序图标{n}种尺寸</source>
        <translation>Qt UI ({platform}; screen plugins: {plugins}): bundled font {f} has Chinese, program icon in {n} sizes</translation>
    </message>
    <message>
        <source>英文翻译文件打不开</source>
        <translation>the English translation file cannot be opened</translation>
    </message>
    <message>
        <source>英文翻译文件里没有界面文字</source>
        <translation>the English translation file holds no UI text</translation>
    </message>
    <message>
        <source>缺少Qt自带的中文翻译（对话框按钮会显示英文）</source>
        <translation>Qt&apos;s own Chinese translation is missing (dialog buttons would be in English)</translation>
    </message>
    <message>
        <source>中文界面和英文翻译可用（“关于”→“{en}”），Qt对话框按钮为中文</source>
        <translation>Chinese UI and English translation available (“关于” → “{en}”), Qt dialog buttons in Chinese</translation>
    </message>
    <message>
        <source>服务台主窗口画出来是空白</source>
        <translation>the counter window painted blank</translation>
    </message>
    <message>
        <source>服务台主窗口已打开：{title}</source>
        <translation>counter window opened: {title}</translation>
    </message>
    <message>
        <source>大屏第一页画出来是空白</source>
        <translation>the board&apos;s first page painted blank</translation>
    </message>
    <message>
        <source>大屏第一页上没有刚发布的岗位</source>
        <translation>the posting just released is not on the board&apos;s first page</translation>
    </message>
    <message>
        <source>大屏上出现了身份证号或手机号</source>
        <translation>an ID number or phone appears on the board</translation>
    </message>
    <message>
        <source>大屏第一页1920×1080：{n}个岗位，今日登记{r}人，无个人号码</source>
        <translation>board first page 1920×1080: {n} postings, {r} registered today, no personal numbers</translation>
    </message>
    <message>
        <source>经Qt打印通道输出介绍信失败</source>
        <translation>printing the slip through Qt&apos;s print path failed</translation>
    </message>
    <message>
        <source>本机未装打印机</source>
        <translation>no printer installed</translation>
    </message>
    <message>
        <source>Qt打印通道可用（80毫米小票输出为PDF）；打印机：{p}</source>
        <translation>Qt print path works (80 mm receipt to PDF); printers: {p}</translation>
    </message>
    <message>
        <source>同步服务器没有启动</source>
        <translation>the sync server did not start</translation>
    </message>
    <message>
        <source>同步没有完成：上传{p}条，待上传{q}条，被退回{r}条</source>
        <translation>sync incomplete: {p} sent, {q} waiting, {r} refused</translation>
    </message>
    <message>
        <source>本机同步服务器（uvicorn + SQLite）上登记站点并同步：上传{p}条，待上传0条</source>
        <translation>station enrolled with a local sync server (uvicorn + SQLite) and synced: {p} sent, 0 waiting</translation>
    </message>
    <message>
        <source>程序</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>随附文件</source>
        <translation>Bundled files</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>登记求职人员</source>
        <translation>Job seeker</translation>
    </message>
    <message>
        <source>发布岗位</source>
        <translation>Posting</translation>
    </message>
    <message>
        <source>介绍信PDF</source>
        <translation>Slip PDF</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>UI</translation>
    </message>
    <message>
        <source>翻译</source>
        <translation>Translations</translation>
    </message>
    <message>
        <source>服务台窗口</source>
        <translation>Counter window</translation>
    </message>
    <message>
        <source>大屏</source>
        <translation>Hall board</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>自检需要一个空文件夹：{dir}</source>
        <translation>the self-test needs an empty folder: {dir}</translation>
    </message>
    <message>
        <source>无法建立自检的数据目录：{dir}（{why}）</source>
        <translation>cannot make the self-test&apos;s data folder: {dir} ({why})</translation>
    </message>
    <message>
        <source>零工市场服务台自检，数据目录：{dir}</source>
        <translation>Linggong self-test, data folder: {dir}</translation>
    </message>
    <message>
        <source>自检未通过；数据目录已保留，可发给技术支持：{dir}</source>
        <translation>self-test FAILED; the data folder is kept for support: {dir}</translation>
    </message>
    <message>
        <source>介绍信、服务台窗口和大屏的图样保存在：{dir}</source>
        <translation>the slips and pictures of the counter window and the board are in: {dir}</translation>
    </message>
    <message>
        <source>自检通过：{n}项检查，用时{s:.1f}秒</source>
        <translation>self-test passed: {n} checks in {s:.1f} s</translation>
    </message>
</context>
<context>
    <name>SetPinDialog</name>
    <message>
        <source>设置主管密码</source>
        <translation>Set supervisor PIN</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two PINs differ</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <source>推荐介绍信</source>
        <translation>Referral slip</translation>
    </message>
    <message>
        <source>正在生成介绍信…</source>
        <translation>Making the slip…</translation>
    </message>
    <message>
        <source>A5 介绍信（带回执）</source>
        <translation>A5 letter (with return receipt)</translation>
    </message>
    <message>
        <source>80毫米小票</source>
        <translation>80 mm receipt</translation>
    </message>
    <message>
        <source>打印… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>另存为PDF (Ctrl+S)</source>
        <translation>Save as PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>版式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>介绍信无法生成</source>
        <translation>The slip could not be made</translation>
    </message>
    <message>
        <source>{code}&#x3000;{name} → {job}&#x3000;有效期至 {day}</source>
        <translation>{code}&#x3000;{name} → {job}&#x3000;valid until {day}</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>SlipPrint</name>
    <message>
        <source>80 毫米小票</source>
        <translation>80 mm receipt</translation>
    </message>
    <message>
        <source>打印预览 — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <source>没有打印机</source>
        <translation>No printer</translation>
    </message>
    <message>
        <source>这台电脑没有安装打印机，推荐介绍信无法打印。
要把它另存为 PDF 文件吗？可以拷到有打印机的电脑上打印。</source>
        <translation>This computer has no printer installed, so the slip cannot be printed.
Save it as a PDF file instead? It can be printed on a computer with a printer.</translation>
    </message>
    <message>
        <source>打印推荐介绍信</source>
        <translation>Print the referral slip</translation>
    </message>
    <message>
        <source>未能打印</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <source>推荐介绍信没有打印出来：打印机无法使用或报告了错误。
推荐记录已保存，仍然有效。请检查打印机后重新打印，或另存为 PDF。</source>
        <translation>The slip was not printed: the printer is unavailable or reported an error.
The referral is saved and stays valid. Check the printer and reprint, or save as PDF.</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Slips</name>
    <message>
        <source>这不是零工市场的推荐介绍信编号或二维码。</source>
        <translation>This is not the code or QR code of an odd-job market referral slip.</translation>
    </message>
    <message>
        <source>推荐介绍信的二维码已损坏或被改动，无法核验。请核对纸质介绍信上的编号。</source>
        <translation>The slip’s QR code is damaged or altered and cannot be checked. Check the code printed on the slip.</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>磁盘已满</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>没有写入权限，或文件正被其他程序（如 Excel）打开</source>
        <translation>no permission to write, or the file is open in another program (such as Excel)</translation>
    </message>
    <message>
        <source>路径无效或磁盘出错</source>
        <translation>the path is invalid or the disk failed</translation>
    </message>
    <message>
        <source>无法写入文件 {p}：{why}</source>
        <translation>Cannot write {p}: {why}</translation>
    </message>
    <message>
        <source>数据库正被其他程序占用（已锁定），请稍后重试。</source>
        <translation>The database is in use by another program (locked). Please try again shortly.</translation>
    </message>
    <message>
        <source>磁盘已满，数据未能保存。请清理磁盘空间后重试。</source>
        <translation>The disk is full; nothing was saved. Free some disk space and try again.</translation>
    </message>
    <message>
        <source>数据库文件已损坏，请联系技术人员从备份恢复。</source>
        <translation>The database file is damaged. Ask your technician to restore it from a backup.</translation>
    </message>
    <message>
        <source>数据目录为只读，数据未能保存。请检查目录权限。</source>
        <translation>The data folder is read-only; nothing was saved. Check the folder&apos;s permissions.</translation>
    </message>
    <message>
        <source>无法打开数据库文件，请检查数据目录是否存在且可写。</source>
        <translation>The database file cannot be opened. Check that the data folder exists and is writable.</translation>
    </message>
    <message>
        <source>读写磁盘时出错，数据未能保存。</source>
        <translation>A disk read or write failed; nothing was saved.</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <source>已设置主管密码，修改前须先验证原密码</source>
        <translation>A supervisor PIN is set; the current one must be given to change it</translation>
    </message>
    <message>
        <source>主管密码至少{n}位</source>
        <translation>The supervisor PIN needs at least {n} characters</translation>
    </message>
    <message>
        <source>本机尚未设置主管密码，请在“设置”菜单中设置</source>
        <translation>No supervisor PIN is set on this station; set one in the Settings menu</translation>
    </message>
    <message>
        <source>主管密码不正确</source>
        <translation>Wrong supervisor PIN</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <source>主管确认</source>
        <translation>Supervisor sign-off</translation>
    </message>
    <message>
        <source>主管姓名</source>
        <translation>Supervisor&apos;s name</translation>
    </message>
    <message>
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <source>此操作须由主管确认：{action}</source>
        <translation>A supervisor must sign this off: {action}</translation>
    </message>
</context>
<context>
    <name>SuspendDialog</name>
    <message>
        <source>暂停发布岗位</source>
        <translation>Suspend from posting</translation>
    </message>
    <message>
        <source>情况说明，如：拖欠12名工人11月工资</source>
        <translation>What happened, e.g. 12 workers&apos; November wages unpaid</translation>
    </message>
    <message>
        <source>暂停原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>暂停后，{name}不能再发布岗位，工作人员会看到原因。</source>
        <translation>Once suspended, {name} cannot post, and staff will see why.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>求职人员</source>
        <translation>Job seeker</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>招聘岗位</source>
        <translation>Posting</translation>
    </message>
    <message>
        <source>推荐</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>推荐结果</source>
        <translation>Referral outcome</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <source>本站尚未登记到服务器：请先在“设置 → 同步”中登记</source>
        <translation>This station is not enrolled with a server: enrol it first under &quot;Settings → Sync&quot;</translation>
    </message>
    <message>
        <source>同步期间又有 {n} 条新修改，下次同步上传</source>
        <translation>{n} new changes were made during the sync; they go up at the next sync</translation>
    </message>
    <message>
        <source>与服务器核对仍有差异（{tables}），已记入日志</source>
        <translation>The check against the server still finds differences ({tables}); written to the log</translation>
    </message>
    <message>
        <source>服务器的回答不完整</source>
        <translation>The server&apos;s answer was incomplete</translation>
    </message>
    <message>
        <source>服务器没有确认任何修改</source>
        <translation>The server acknowledged none of the changes</translation>
    </message>
    <message>
        <source>{n:.0f} 分钟</source>
        <translation>{n:.0f} minutes</translation>
    </message>
    <message>
        <source>{n:.1f} 小时</source>
        <translation>{n:.1f} hours</translation>
    </message>
    <message>
        <source>本机时钟快了 {amount}，请校准电脑时间（同步时已按服务器时间纠正）</source>
        <translation>This PC&apos;s clock is {amount} fast; please set the time (sync has corrected for it using the server&apos;s time)</translation>
    </message>
    <message>
        <source>本机时钟慢了 {amount}，请校准电脑时间（同步时已按服务器时间纠正）</source>
        <translation>This PC&apos;s clock is {amount} slow; please set the time (sync has corrected for it using the server&apos;s time)</translation>
    </message>
    <message>
        <source>服务器地址须以 http:// 或 https:// 开头</source>
        <translation>The server address must start with http:// or https://</translation>
    </message>
    <message>
        <source>服务器地址是不加密的 http://：凭证和部署密钥会明文经过网络。请用 https:// 地址；确需在受信的内网里明文登记，由管理员在命令行运行 linggong enroll --plain-http</source>
        <translation>The server address is unencrypted http://: the token and the deployment keys would cross the network in clear. Use an https:// address; if you really must enrol in clear on a trusted internal network, an administrator runs linggong enroll --plain-http on the command line</translation>
    </message>
    <message>
        <source>登记码里的服务器证书指纹不完整：请把管理员给出的整行登记码复制过来</source>
        <translation>The server certificate fingerprint in the enrolment code is incomplete: paste the whole line the administrator gave you</translation>
    </message>
    <message>
        <source>服务器的证书与登记时记下的不符（可能有人冒充服务器），未发送任何数据。若服务器更换了证书，请向管理员要新的登记码重新登记</source>
        <translation>The server&apos;s certificate is not the one recorded at enrolment (someone may be posing as the server); nothing was sent. If the server&apos;s certificate was replaced, ask the administrator for a new enrolment code and enrol again</translation>
    </message>
    <message>
        <source>连接服务器超时</source>
        <translation>The server did not answer in time</translation>
    </message>
    <message>
        <source>无法验证服务器的证书：请使用管理员给出的整行登记码（带“/sha256:”证书指纹）登记</source>
        <translation>The server&apos;s certificate cannot be verified: enrol with the whole enrolment code line the administrator gave you (with the “/sha256:” certificate fingerprint)</translation>
    </message>
    <message>
        <source>连不上服务器（网络未连接或服务器未开）</source>
        <translation>Cannot reach the server (no network, or the server is not running)</translation>
    </message>
    <message>
        <source>与服务器的连接中断</source>
        <translation>The connection to the server was cut</translation>
    </message>
    <message>
        <source>服务器不认识本站（可能已在别处重新登记）。本机数据都在，请向管理员要新的登记码重新登记</source>
        <translation>The server does not know this station (it may have been enrolled again elsewhere). All data here is kept; ask the administrator for a new enrolment code</translation>
    </message>
    <message>
        <source>本站已被管理员停用，不能同步。本机数据都在，请联系管理员</source>
        <translation>This station has been disabled by the administrator and cannot sync. All data here is kept; contact the administrator</translation>
    </message>
    <message>
        <source>服务器繁忙，稍后自动重试</source>
        <translation>The server is busy; retrying shortly</translation>
    </message>
    <message>
        <source>服务器出错（{status}），稍后自动重试</source>
        <translation>Server error ({status}); retrying shortly</translation>
    </message>
    <message>
        <source>服务器拒绝了请求（{status}）</source>
        <translation>The server refused the request ({status})</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>同步出错：{what}</source>
        <translation>Sync error: {what}</translation>
    </message>
    <message>
        <source>练习数据（不连接服务器）</source>
        <translation>Practice data (no server)</translation>
    </message>
    <message>
        <source>练习数据目录里的演示数据不能登记，也不会同步</source>
        <translation>The demo data in the practice data folder cannot be enrolled and never syncs</translation>
    </message>
    <message>
        <source>未连接服务器（单机使用）</source>
        <translation>Not connected to a server (stand-alone)</translation>
    </message>
    <message>
        <source>在“设置 → 连接同步服务器…”中登记后自动同步</source>
        <translation>Syncs automatically once enrolled under &quot;Settings → Connect to sync server…&quot;</translation>
    </message>
    <message>
        <source>⟳ 正在同步…</source>
        <translation>⟳ Syncing…</translation>
    </message>
    <message>
        <source>● 已同步 {when}</source>
        <translation>● Synced {when}</translation>
    </message>
    <message>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ 尚未同步</source>
        <translation>○ Not synced yet</translation>
    </message>
    <message>
        <source>待上传 {n} 条</source>
        <translation>{n} waiting to upload</translation>
    </message>
    <message>
        <source>上次同步 {when}</source>
        <translation>Last sync {when}</translation>
    </message>
    <message>
        <source>被退回 {n} 条（点此查看）</source>
        <translation>{n} returned (click to view)</translation>
    </message>
    <message>
        <source>按 F12 立即同步</source>
        <translation>Press F12 to sync now</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>期望工资应为数字，例如 180</source>
        <translation>The wage should be a number, e.g. 180</translation>
    </message>
    <message>
        <source>期望工资应大于0</source>
        <translation>The wage must be more than 0</translation>
    </message>
    <message>
        <source>期望工资{v}过高（上限{max}），请核对金额和单位</source>
        <translation>A wage of {v} is too high (at most {max}); check the amount and unit</translation>
    </message>
    <message>
        <source>未满{n}周岁（现{age}岁），不能登记求职</source>
        <translation>Under {n} (now {age}); cannot register as a job seeker</translation>
    </message>
    <message>
        <source>请选择现居区县</source>
        <translation>Choose the district where the person lives</translation>
    </message>
    <message>
        <source>请选择单位类型</source>
        <translation>Choose the employer type</translation>
    </message>
    <message>
        <source>请输入单位名称（至少2个字）</source>
        <translation>Enter the employer name (2 characters or more)</translation>
    </message>
    <message>
        <source>大屏简称最多{n}个字</source>
        <translation>The board short name has at most {n} characters</translation>
    </message>
    <message>
        <source>个体工商户的代码以92开头；这个代码属于企业或机构，请改选单位类型</source>
        <translation>An individual business&apos;s code starts with 92; this one is an enterprise&apos;s or institution&apos;s — change the type</translation>
    </message>
    <message>
        <source>以92开头的代码属于个体工商户，请把单位类型改为个体工商户</source>
        <translation>A code starting with 92 belongs to an individual business; change the type to individual business</translation>
    </message>
    <message>
        <source>雇主须年满{n}周岁</source>
        <translation>The employer must be at least {n}</translation>
    </message>
    <message>
        <source>请选择所在区县</source>
        <translation>Choose the county</translation>
    </message>
    <message>
        <source>区县代码{c}不存在</source>
        <translation>District code {c} does not exist</translation>
    </message>
    <message>
        <source>所属行业无效</source>
        <translation>Unknown industry</translation>
    </message>
    <message>
        <source>首次登记须由用人单位确认市场服务承诺书</source>
        <translation>At first registration the employer must accept the terms</translation>
    </message>
    <message>
        <source>该单位已登记：{name}</source>
        <translation>This employer is already registered: {name}</translation>
    </message>
    <message>
        <source>该代码已登记为另一家单位：{name}</source>
        <translation>This code is registered to another employer: {name}</translation>
    </message>
    <message>
        <source>该单位已登记</source>
        <translation>This employer is already registered</translation>
    </message>
    <message>
        <source>请选择暂停原因</source>
        <translation>Choose a reason</translation>
    </message>
    <message>
        <source>原因为“其他”时请写明情况</source>
        <translation>Say what happened when the reason is &quot;Other&quot;</translation>
    </message>
    <message>
        <source>请至少选择一个求职工种</source>
        <translation>Choose at least one job type</translation>
    </message>
    <message>
        <source>请先选择用人单位</source>
        <translation>Choose the employer first</translation>
    </message>
    <message>
        <source>请输入岗位名称</source>
        <translation>Enter the job title</translation>
    </message>
    <message>
        <source>岗位名称最多{n}个字</source>
        <translation>The job title has at most {n} characters</translation>
    </message>
    <message>
        <source>请选择工种</source>
        <translation>Choose the job type</translation>
    </message>
    <message>
        <source>工种“{c}”不在工种目录中</source>
        <translation>Job type “{c}” is not in the list</translation>
    </message>
    <message>
        <source>招聘人数应为整数，例如 5</source>
        <translation>The headcount is a whole number, e.g. 5</translation>
    </message>
    <message>
        <source>请输入招聘人数</source>
        <translation>Enter the headcount</translation>
    </message>
    <message>
        <source>招聘人数应为1至{n}的整数</source>
        <translation>The headcount is a whole number from 1 to {n}</translation>
    </message>
    <message>
        <source>请写明工作内容</source>
        <translation>Describe the duties</translation>
    </message>
    <message>
        <source>每日工时应为数字，例如 8</source>
        <translation>Hours per day is a number, e.g. 8</translation>
    </message>
    <message>
        <source>请输入每日工时</source>
        <translation>Enter the hours per day</translation>
    </message>
    <message>
        <source>每日工时应在0.5至{n}小时之间</source>
        <translation>Hours per day is between 0.5 and {n}</translation>
    </message>
    <message>
        <source>每日工作超过{n}小时，须依法安排延长工作时间并支付加班工资</source>
        <translation>More than {n} hours a day is overtime and must be arranged and paid as the law requires</translation>
    </message>
    <message>
        <source>薪资应为数字，例如 180</source>
        <translation>Pay is a number, e.g. 180</translation>
    </message>
    <message>
        <source>请输入薪资</source>
        <translation>Enter the pay</translation>
    </message>
    <message>
        <source>薪资应大于0</source>
        <translation>Pay must be more than 0</translation>
    </message>
    <message>
        <source>薪资{v}过高（上限{max}），请核对金额和单位</source>
        <translation>Pay {v} is too high (limit {max}); check the amount and the unit</translation>
    </message>
    <message>
        <source>低于本地最低工资标准：{rule}</source>
        <translation>Below the local minimum wage: {rule}</translation>
    </message>
    <message>
        <source>计件工资无法自动核对最低工资，请确认正常工时内折算不低于每小时{min}元</source>
        <translation>Piece rates cannot be checked against the minimum wage automatically; make sure normal hours earn at least ¥{min} an hour</translation>
    </message>
    <message>
        <source>请选择结算方式</source>
        <translation>Choose the settlement</translation>
    </message>
    <message>
        <source>请输入工作地点</source>
        <translation>Enter the work place</translation>
    </message>
    <message>
        <source>请选择工作区县</source>
        <translation>Choose the work county</translation>
    </message>
    <message>
        <source>请输入开始日期</source>
        <translation>Enter the start date</translation>
    </message>
    <message>
        <source>请输入结束日期</source>
        <translation>Enter the end date</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期</source>
        <translation>The end date cannot be before the start date</translation>
    </message>
    <message>
        <source>结束日期已经过去</source>
        <translation>The end date has passed</translation>
    </message>
    <message>
        <source>年龄应为整数</source>
        <translation>An age is a whole number</translation>
    </message>
    <message>
        <source>不得招用未满{n}周岁的人员；年龄应为{n}至100的整数</source>
        <translation>No one under {n} may be hired; an age is a whole number from {n} to 100</translation>
    </message>
    <message>
        <source>最高年龄不能小于最低年龄</source>
        <translation>The maximum age cannot be below the minimum</translation>
    </message>
    <message>
        <source>性别要求无效</source>
        <translation>Unknown sex requirement</translation>
    </message>
    <message>
        <source>设置了年龄或性别限制，请写明岗位确需限制的理由，否则不能提交审核</source>
        <translation>An age or sex limit needs the reason the job requires it; without one the posting cannot be submitted</translation>
    </message>
    <message>
        <source>含有{terms}，须经主管审核放行</source>
        <translation>Contains {terms}; a supervisor must check and clear it</translation>
    </message>
    <message>
        <source>请写明退回原因</source>
        <translation>Say why it is returned</translation>
    </message>
    <message>
        <source>请写明关闭原因</source>
        <translation>Say why it is closed</translation>
    </message>
    <message>
        <source>截止日期不能早于开始日期</source>
        <translation>The end date cannot be before the start date</translation>
    </message>
    <message>
        <source>可工作截止日期已经过去</source>
        <translation>The availability end date has passed</translation>
    </message>
    <message>
        <source>可工作时段无效</source>
        <translation>Invalid availability times</translation>
    </message>
    <message>
        <source>工资单位应为小时、天、件或月</source>
        <translation>The wage unit must be hour, day, piece or month</translation>
    </message>
    <message>
        <source>人员类别无效</source>
        <translation>Invalid special group</translation>
    </message>
    <message>
        <source>须经本人同意授权使用个人信息后方可登记</source>
        <translation>The person must consent to the use of their personal data before registering</translation>
    </message>
    <message>
        <source>最多{n}个字</source>
        <translation>At most {n} characters</translation>
    </message>
    <message>
        <source>该身份证号码已登记</source>
        <translation>This ID number is already registered</translation>
    </message>
    <message>
        <source>该身份证号码已登记为另一人</source>
        <translation>This ID number is registered to another person</translation>
    </message>
    <message>
        <source>请输入姓名</source>
        <translation>Enter the name</translation>
    </message>
    <message>
        <source>姓名应为{lo}至{hi}个字，现在是{n}个</source>
        <translation>A name has {lo} to {hi} characters; this one has {n}</translation>
    </message>
    <message>
        <source>姓名中不能有“{ch}”，请使用汉字</source>
        <translation>“{ch}” cannot be in a name; use Chinese characters</translation>
    </message>
    <message>
        <source>间隔号“·”只能用在两个字之间</source>
        <translation>The middle dot “·” may only stand between two characters</translation>
    </message>
    <message>
        <source>请输入手机号码</source>
        <translation>Enter the mobile number</translation>
    </message>
    <message>
        <source>手机号码只能包含数字</source>
        <translation>A mobile number has digits only</translation>
    </message>
    <message>
        <source>手机号码应为11位，现在是{n}位</source>
        <translation>A mobile number has 11 digits; this one has {n}</translation>
    </message>
    <message>
        <source>手机号码应以13至19开头</source>
        <translation>A mobile number starts with 13 to 19</translation>
    </message>
    <message>
        <source>请输入联系电话</source>
        <translation>Enter a contact phone</translation>
    </message>
    <message>
        <source>电话号码只能包含数字</source>
        <translation>A phone number has digits only</translation>
    </message>
    <message>
        <source>座机号码请带区号，例如 0851-86811234；手机号码为11位</source>
        <translation>Give a landline with its area code, e.g. 0851-86811234; a mobile has 11 digits</translation>
    </message>
    <message>
        <source>座机号码应为区号加7至8位号码，例如 0851-86811234</source>
        <translation>A landline is an area code and 7 or 8 digits, e.g. 0851-86811234</translation>
    </message>
    <message>
        <source>请输入身份证号码</source>
        <translation>Enter the resident ID number</translation>
    </message>
    <message>
        <source>这是15位的第一代身份证号码，已停止使用。请出示18位的第二代身份证。</source>
        <translation>This is a 15-digit first-generation ID number, no longer in use. Please show the 18-digit second-generation card.</translation>
    </message>
    <message>
        <source>身份证号码应为18位，现在是{n}位</source>
        <translation>An ID number has 18 characters; this one has {n}</translation>
    </message>
    <message>
        <source>身份证号码前17位应为数字，最后一位为数字或X</source>
        <translation>The first 17 characters are digits; the last is a digit or X</translation>
    </message>
    <message>
        <source>身份证号码前两位{code}不是有效的省级地区码</source>
        <translation>{code} is not a province code</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期{d}不存在</source>
        <translation>The birth date {d} in the ID number does not exist</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期{d}晚于今天</source>
        <translation>The birth date {d} in the ID number is after today</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期{d}过早</source>
        <translation>The birth date {d} in the ID number is too early</translation>
    </message>
    <message>
        <source>身份证号码校验位不正确，请逐位核对（应为{c}）</source>
        <translation>The check digit is wrong; compare each digit with the card (it should be {c})</translation>
    </message>
    <message>
        <source>地区码{code}不在行政区划代码表中，已按{province}接受，请核对证件</source>
        <translation>Region code {code} is not in the code table; accepted as {province} — please check the card</translation>
    </message>
    <message>
        <source>薪资单位应为小时、天、件或月</source>
        <translation>The pay unit is hour, day, piece or month</translation>
    </message>
    <message>
        <source>结算方式应为日结、周结、月结或完工结</source>
        <translation>Settlement is daily, weekly, monthly or on completion</translation>
    </message>
    <message>
        <source>找不到该用人单位</source>
        <translation>Employer not found</translation>
    </message>
    <message>
        <source>请输入统一社会信用代码</source>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <source>统一社会信用代码应为18位，现在是{n}位</source>
        <translation>A credit code has 18 characters; this one has {n}</translation>
    </message>
    <message>
        <source>统一社会信用代码中不能有“{chars}”（不使用字母I、O、S、V、Z）</source>
        <translation>A credit code cannot contain &quot;{chars}&quot; (the letters I, O, S, V and Z are never used)</translation>
    </message>
    <message>
        <source>前两位“{p}”不是有效的登记管理部门和机构类别</source>
        <translation>The first two characters &quot;{p}&quot; are not a registration authority and organisation type</translation>
    </message>
    <message>
        <source>第3至8位“{r}”不是有效的行政区划代码</source>
        <translation>Characters 3 to 8 &quot;{r}&quot; are not a division code</translation>
    </message>
    <message>
        <source>校验码不对：最后一位应为{c}，请逐位核对</source>
        <translation>Wrong check character: the last one should be {c}; check each character</translation>
    </message>
    <message>
        <source>请选择结果</source>
        <translation>Choose an outcome</translation>
    </message>
    <message>
        <source>日期不能晚于今天</source>
        <translation>The date cannot be after today</translation>
    </message>
    <message>
        <source>请填写上岗日期</source>
        <translation>Enter the start date</translation>
    </message>
    <message>
        <source>上岗日期应在{a}至{b}之间</source>
        <translation>The start date must be between {a} and {b}</translation>
    </message>
    <message>
        <source>请填写约定工资</source>
        <translation>Enter the agreed pay</translation>
    </message>
    <message>
        <source>工资应为正数，最多两位小数，例如 180</source>
        <translation>Pay must be a positive number with at most two decimals, e.g. 180</translation>
    </message>
    <message>
        <source>请选择工资单位</source>
        <translation>Choose the pay unit</translation>
    </message>
    <message>
        <source>请选择未录用原因</source>
        <translation>Choose why not hired</translation>
    </message>
    <message>
        <source>请写明取消原因</source>
        <translation>Say why it is cancelled</translation>
    </message>
    <message>
        <source>请写明更正原因</source>
        <translation>Say why it is corrected</translation>
    </message>
    <message>
        <source>请选择回访结果</source>
        <translation>Choose the call result</translation>
    </message>
    <message>
        <source>回访结果与登记结果不一致</source>
        <translation>The call result and the outcome differ</translation>
    </message>
</context>
</TS>
