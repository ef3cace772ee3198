<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>第{row}行  {field}：{message}</source>
        <translation>Row {row}  {field}: {message}</translation>
    </message>
    <message>
        <source>错误报告已保存：{p}</source>
        <translation>Report of rejected rows saved: {p}</translation>
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
        <source>备注</source>
        <translation>Notes</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>零工市场服务台 — {market}</source>
        <translation>Linggong counter — {market}</translation>
    </message>
    <message>
        <source>求职人员</source>
        <translation>Job seekers</translation>
    </message>
    <message>
        <source>站点 {code}</source>
        <translation>Station {code}</translation>
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
        <source>生成演示数据</source>
        <translation>Make demo data</translation>
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
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>已登记 {n} 人</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>欢迎使用</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>这是本机第一次启动。是否生成{n}名演示求职人员，便于熟悉操作？
（演示数据可在正式使用前删除数据目录清除）</source>
        <translation>This is the first start on this computer. Make {n} demo job seekers to practise with?
(Delete the data folder before real use to remove them.)</translation>
    </message>
    <message>
        <source>已生成{n}名演示求职人员</source>
        <translation>Made {n} demo job seekers</translation>
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
        <source>导入求职人员</source>
        <translation>Import job seekers</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
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
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <source>女</source>
        <translation>F</translation>
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
        <source>不限</source>
        <translation>Any</translation>
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
    <name>Storage</name>
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
        <source>区县代码{c}不存在</source>
        <translation>District code {c} does not exist</translation>
    </message>
    <message>
        <source>请至少选择一个求职工种</source>
        <translation>Choose at least one job type</translation>
    </message>
    <message>
        <source>工种“{c}”不在工种目录中</source>
        <translation>Job type “{c}” is not in the list</translation>
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
</context>
</TS>
