//! The command line, declared with clap. Options use the domain's identifiers.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// 巡察整改台账 — 命令行工具
#[derive(Parser, Debug)]
#[command(
    name = "xuncha",
    version,
    about = "巡察整改台账：问题录入、责任分工、挂图作战、销号管理（命令行）"
)]
pub struct Cli {
    /// 数据库文件（默认：本机应用数据目录下的 xuncha.db）
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// 本次操作的操作人姓名（写入操作记录）
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
    /// 以 JSON 输出
    #[arg(long, global = true)]
    pub json: bool,
    /// 从标准输入的第一行读入数据库密码（数据库已加密时；也可用环境变量 XUNCHA_PASSWORD）
    #[arg(long, global = true)]
    pub password_stdin: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 创建（或升级）数据库
    Init,
    /// 载入示例巡察（虚构数据）
    Demo,
    /// 查看或修改设置：operator（操作人）、strict_directory（严格名录 true/false）
    Config {
        key: Option<String>,
        value: Option<String>,
    },
    /// 巡察
    #[command(subcommand)]
    Inspection(InspectionCmd),
    /// 问题类别
    #[command(subcommand)]
    Category(CategoryCmd),
    /// 反馈问题
    #[command(subcommand)]
    Finding(FindingCmd),
    /// 整改任务
    #[command(subcommand)]
    Task(TaskCmd),
    /// 整改进展
    #[command(subcommand)]
    Progress(ProgressCmd),
    /// 销号：提请、批准、退回
    #[command(subcommand, name = "close-out")]
    CloseOut(CloseOutCmd),
    /// 督办函件登记簿：列出已发的预警函、提醒函、督办通知书，作废一份函件（编号不再使用）
    #[command(subcommand)]
    Letter(LetterCmd),
    /// 重新打开已销号的任务（问题反弹）
    Reopen {
        #[arg(long)]
        task: i64,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 问题线索（保密）
    #[command(subcommand)]
    Lead(LeadCmd),
    /// 立行立改
    #[command(subcommand)]
    Immediate(ImmediateCmd),
    /// 意见建议
    #[command(subcommand)]
    Recommendation(RecommendationCmd),
    /// 建章立制
    #[command(subcommand)]
    Regulation(RegulationCmd),
    /// 问责
    #[command(subcommand)]
    Accountability(AccountabilityCmd),
    /// 回头看
    #[command(subcommand, name = "follow-up")]
    FollowUp(FollowUpCmd),
    /// 问题底稿
    #[command(subcommand)]
    Paper(PaperCmd),
    /// 人员和单位名录
    #[command(subcommand)]
    Directory(DirectoryCmd),
    /// 节假日日历
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// 列出反馈问题或整改任务
    #[command(subcommand)]
    List(ListCmd),
    /// 整改进度统计（官方口径）
    Stats {
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 统计看板：官方口径的统计、逾期和即将到期的任务、未完成任务的燃尽曲线
    Dashboard {
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 由反馈日期推算的各项时限
    Deadlines {
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 备份数据库（含佐证材料）
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 自动备份列表（每天第一次修改数据前自动备份，保留最近 10 份）
    Backups,
    /// 数据库文件损坏、无法打开时，用一份自动备份替换它（原文件改名保留，不删除）
    Recover {
        /// 自动备份的文件名（见 xuncha backups）
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// 从备份恢复（先把当前数据另存为一份备份）
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 备份文件用另一个密码加密时，从标准输入的下一行读入它的密码（也可用环境变量 XUNCHA_BACKUP_PASSWORD）
        #[arg(long)]
        backup_password_stdin: bool,
    },
    /// 数据库加密：查看状态、设置密码、修改密码、取消密码
    #[command(subcommand, name = "db")]
    Database(DatabaseCmd),
    /// 校验操作记录（审计日志）未被篡改，并检查佐证材料文件
    VerifyAudit,
    /// 导出文件：整改台账（Excel 或 PDF，可导出公开版）、各类公文（PDF 或 Word，按 --out 的扩展名 .pdf/.docx）、问题线索清单（保密）
    #[command(subcommand)]
    Export(ExportCmd),
    /// 导入 Excel 台账（先用 --dry-run 检查）
    Import(ImportArgs),
    /// 反馈意见和整改情况报告的文稿：查看、修改段落、恢复
    #[command(subcommand)]
    Document(DocumentCmd),
    /// 台账模板：保存、列出、查看、删除（“默认”为内置官方格式）
    #[command(subcommand)]
    Template(TemplateCmd),
    /// 填报表：为没有安装本软件的责任单位导出可填写的 Excel，导入交回的填报表
    #[command(subcommand, name = "fill-in")]
    FillIn(FillInCmd),
    /// 交换：与其他安装了本软件的副本（巡察组、台账管理员、责任单位）用签名的交换包互传进展，可经U盘、光盘单向传递
    #[command(subcommand)]
    Exchange(crate::exchange_args::ExchangeCmd),
    /// 整改专题民主生活会：登记、列表
    #[command(subcommand)]
    Meeting(MeetingCmd),
    /// 党组书记履职记录（主持会议、谈心谈话、领办问题、调研督导），写入主要负责人报告
    #[command(subcommand)]
    Secretary(SecretaryCmd),
    /// 整改工作领导小组（整改方案“组织领导”）：查看或设置
    LeadingGroup(LeadingGroupArgs),
    /// 公文版头和版记（发文机关标志、发文字号、密级、紧急程度、签发人、抄送、印发机关）：按文稿设置
    Letterhead(LetterheadArgs),
    /// 最近的操作记录
    Audit {
        #[arg(long, default_value_t = 20)]
        limit: i64,
        #[arg(long)]
        entity: Option<String>,
    },
}

/// Inspection fields shared by add and edit.
#[derive(Args, Debug, Default)]
pub struct InspectionFields {
    /// 巡察名称（默认由巡察组和被巡察党组织生成）
    #[arg(long)]
    pub name: Option<String>,
    /// 轮次，如 第七轮
    #[arg(long)]
    pub round: Option<String>,
    /// regular|special|flexible|follow_up（或 常规巡察 等）
    #[arg(long)]
    pub kind: Option<String>,
    /// 巡察组，如 区委第三巡察组
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long)]
    pub team_leader: Option<String>,
    #[arg(long)]
    pub deputy_leader: Option<String>,
    /// 组员，用顿号或逗号分隔
    #[arg(long)]
    pub team_members: Option<String>,
    /// 被巡察党组织
    #[arg(long, alias = "org")]
    pub inspected_org: Option<String>,
    /// 党组织书记（第一责任人）
    #[arg(long, alias = "secretary")]
    pub org_secretary: Option<String>,
    /// 填报单位
    #[arg(long)]
    pub unit_name: Option<String>,
    /// 部署机关，如 区委
    #[arg(long)]
    pub authority: Option<String>,
    #[arg(long)]
    pub onsite_start: Option<String>,
    #[arg(long)]
    pub onsite_end: Option<String>,
    #[arg(long)]
    pub feedback_date: Option<String>,
    /// 整改方案报送时限（工作日，默认 15）
    #[arg(long)]
    pub plan_due_workdays: Option<u32>,
    /// 整改专题民主生活会时限（月，默认 1）
    #[arg(long)]
    pub meeting_due_months: Option<u32>,
    /// 整改情况报告时限（月，默认 3）
    #[arg(long)]
    pub report_due_months: Option<u32>,
}

#[derive(Subcommand, Debug)]
pub enum InspectionCmd {
    /// 新建巡察
    Add(InspectionFields),
    /// 修改巡察
    Edit {
        id: i64,
        #[command(flatten)]
        fields: InspectionFields,
    },
    /// 巡察列表
    List,
    /// 查看巡察
    Show { id: i64 },
    /// 设置销号是否双审核（初审、终审）
    DualReview {
        id: i64,
        /// on|off（开启/关闭）
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum CategoryCmd {
    /// 新增问题类别
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        name: String,
    },
    /// 问题类别列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 重命名问题类别
    Rename { id: i64, name: String },
}

/// Finding fields shared by add and edit.
#[derive(Args, Debug, Default)]
pub struct FindingFields {
    /// 问题类别：序号或名称
    #[arg(long)]
    pub category: Option<String>,
    /// 反馈问题（一句话概括）
    #[arg(long)]
    pub title: Option<String>,
    /// 具体表现
    #[arg(long)]
    pub manifestation: Option<String>,
    /// common|specific（共性/个性）
    #[arg(long)]
    pub nature: Option<String>,
    /// 问题来源
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub found_on: Option<String>,
    /// 标签（可重复）
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum FindingCmd {
    /// 录入反馈问题
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        #[command(flatten)]
        fields: FindingFields,
    },
    /// 反馈问题列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 查看反馈问题
    Show { id: i64 },
    /// 修改反馈问题
    Edit {
        id: i64,
        #[command(flatten)]
        fields: FindingFields,
    },
    /// 删除尚无任务的反馈问题
    Delete { id: i64 },
}

/// The five roles.
#[derive(Args, Debug, Default)]
pub struct AssignmentArgs {
    /// 牵头领导
    #[arg(long)]
    pub lead_leader: Option<String>,
    /// 责任领导
    #[arg(long)]
    pub responsible_leader: Option<String>,
    /// 牵头单位
    #[arg(long)]
    pub lead_unit: Option<String>,
    /// 责任单位，多个用顿号、逗号或分号分隔
    #[arg(long, alias = "units")]
    pub responsible_units: Option<String>,
    /// 责任人
    #[arg(long, alias = "person")]
    pub responsible_person: Option<String>,
}

/// Task content shared by add and edit.
#[derive(Args, Debug, Default)]
pub struct TaskFields {
    /// 整改措施
    #[arg(long)]
    pub measure: Option<String>,
    /// 整改目标
    #[arg(long)]
    pub goal: Option<String>,
    /// 验收标准
    #[arg(long)]
    pub acceptance: Option<String>,
    /// 整改时限：日期（2025年3月31日、2025-03-31、2025年6月底前…）、立行立改或长期坚持
    #[arg(long)]
    pub deadline: Option<String>,
    /// 阶段目标 “日期:目标”（可重复），用于长期坚持的任务
    #[arg(long = "milestone")]
    pub milestones: Vec<String>,
    /// 备注
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum TaskCmd {
    /// 新增整改任务
    Add {
        #[arg(long)]
        finding: i64,
        #[command(flatten)]
        fields: TaskFields,
        #[command(flatten)]
        assignment: AssignmentArgs,
        /// 初始状态（默认 未启动）
        #[arg(long)]
        status: Option<String>,
    },
    /// 分工：为一项或多项任务指定责任领导、单位和责任人
    Assign {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[command(flatten)]
        assignment: AssignmentArgs,
    },
    /// 修改整改任务
    Edit {
        id: i64,
        #[command(flatten)]
        fields: TaskFields,
    },
    /// 查看整改任务
    Show { id: i64 },
    /// 任务列表（同 list tasks）
    List(TaskFilterArgs),
    /// 标记阶段目标已完成（或 --undo 取消）
    Milestone {
        id: i64,
        /// 第几个阶段目标（从 1 开始）
        #[arg(long)]
        index: usize,
        #[arg(long)]
        undo: bool,
    },
}

/// Filters for task lists.
#[derive(Args, Debug, Default)]
pub struct TaskFilterArgs {
    #[arg(long)]
    pub inspection: Option<i64>,
    #[arg(long)]
    pub finding: Option<i64>,
    /// 只列逾期任务
    #[arg(long)]
    pub overdue: bool,
    /// 状态：not_started|in_progress|completed|closed|long_term（或中文）
    #[arg(long)]
    pub status: Option<String>,
    /// 牵头单位或责任单位
    #[arg(long)]
    pub unit: Option<String>,
    /// 牵头领导、责任领导或责任人
    #[arg(long)]
    pub person: Option<String>,
    /// 问题类别（序号或名称，需同时给出 --inspection 或只有一个巡察）
    #[arg(long)]
    pub category: Option<String>,
    /// 在今后 N 天内到期（含已逾期）
    #[arg(long)]
    pub due_within: Option<i64>,
}

#[derive(Subcommand, Debug)]
pub enum ProgressCmd {
    /// 填报整改进展
    Add {
        #[arg(long)]
        task: i64,
        #[arg(long)]
        text: String,
        /// 同时变更任务状态
        #[arg(long)]
        status: Option<String>,
        /// 佐证材料文件（可重复）
        #[arg(long = "evidence")]
        evidence: Vec<PathBuf>,
        #[arg(long)]
        date: Option<String>,
        /// 填报人（默认操作人）
        #[arg(long)]
        by: Option<String>,
        /// 追缴/清退资金（万元）
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        funds: f64,
    },
    /// 任务的整改进展
    List {
        #[arg(long)]
        task: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum LetterCmd {
    /// 已发的督办函件（含已作废的），按发函先后
    List {
        /// 巡察编号（默认：全部巡察）
        #[arg(long)]
        inspection: Option<i64>,
        /// 只列出这项任务的函件
        #[arg(long)]
        task: Option<i64>,
    },
    /// 作废一份函件：登记簿保留它，它的编号不再使用
    Void {
        /// 函件的登记号（见 letter list 第一列）
        id: i64,
        /// 作废原因
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum CloseOutCmd {
    /// 提请销号（任务须已完成并有佐证材料）
    Request {
        #[arg(long)]
        task: i64,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 批准销号
    Approve {
        #[arg(long)]
        task: i64,
        /// 验收/审核/签字人（可重复）
        #[arg(long = "approver", required = true)]
        approvers: Vec<String>,
        #[arg(long, default_value = "")]
        verdict: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 退回销号申请
    Reject {
        #[arg(long)]
        task: i64,
        #[arg(long = "approver", required = true)]
        approvers: Vec<String>,
        #[arg(long)]
        verdict: String,
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum LeadCmd {
    /// 登记问题线索
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        /// 反映对象
        #[arg(long)]
        person: String,
        #[arg(long, default_value = "")]
        position: String,
        #[arg(long)]
        summary: String,
        #[arg(long)]
        found_on: Option<String>,
    },
    /// 移交线索
    Transfer {
        id: i64,
        /// 移交给：纪委监委、组织部…
        #[arg(long)]
        to: String,
        #[arg(long)]
        date: String,
        /// 回执编号
        #[arg(long, default_value = "")]
        receipt: String,
    },
    /// 线索列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImmediateCmd {
    /// 登记立行立改
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        #[arg(long)]
        finding: Option<i64>,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        action: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 立行立改列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum RecommendationCmd {
    /// 新增意见建议
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        text: String,
    },
    /// 意见建议列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum RegulationCmd {
    /// 登记建章立制
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        #[arg(long)]
        finding: Option<i64>,
        #[arg(long)]
        name: String,
        /// establish|revise|abolish（立、改、废）
        #[arg(long, default_value = "establish")]
        action: String,
        #[arg(long)]
        date: String,
        #[arg(long, default_value = "")]
        doc_no: String,
    },
    /// 建章立制列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum AccountabilityCmd {
    /// 登记问责
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        #[arg(long)]
        finding: Option<i64>,
        #[arg(long)]
        person: String,
        #[arg(long, default_value = "")]
        position: String,
        /// 问责方式：谈话提醒、批评教育、诫勉、通报批评、党纪政务处分…
        #[arg(long)]
        form: String,
        #[arg(long)]
        date: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// 问责列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum FollowUpCmd {
    /// 登记回头看
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        #[arg(long)]
        finding: Option<i64>,
        #[arg(long)]
        task: Option<i64>,
        /// held|rebound（巩固/反弹；反弹会重新打开已销号的任务）
        #[arg(long)]
        result: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// 回头看列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PaperCmd {
    /// 登记问题底稿
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        #[arg(long, default_value = "")]
        number: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        manifestation: String,
        /// 定性依据
        #[arg(long, default_value = "")]
        basis: String,
        /// 证据（可重复，按顺序编号）
        #[arg(long = "evidence")]
        evidence: Vec<String>,
        #[arg(long, default_value = "")]
        principal_responsibility: String,
        #[arg(long, default_value = "")]
        first_responsible: String,
        #[arg(long, default_value = "")]
        supervisory_responsibility: String,
        #[arg(long, default_value = "")]
        found_by: String,
        #[arg(long)]
        found_on: Option<String>,
    },
    /// 审定底稿并转为反馈问题
    Approve {
        id: i64,
        #[arg(long)]
        category: String,
        #[arg(long)]
        signed_by: String,
        #[arg(long, default_value = "")]
        review: String,
        #[arg(long, default_value = "common")]
        nature: String,
    },
    /// 底稿列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum DirectoryCmd {
    /// 添加人员或单位
    Add {
        /// person|unit（人员/单位）
        #[arg(long)]
        kind: String,
        name: String,
        #[arg(long, default_value = "")]
        position: String,
        #[arg(long, default_value = "")]
        unit: String,
    },
    /// 名录
    List {
        #[arg(long)]
        kind: Option<String>,
    },
}

/// Encryption of the database file at rest. New passwords come from `XUNCHA_NEW_PASSWORD`,
/// else the next line of standard input, else a prompt at the terminal.
#[derive(Subcommand, Debug)]
pub enum DatabaseCmd {
    /// 数据库是否已加密（不需要密码）
    Status,
    /// 设置密码，加密数据库和它的自动备份（新密码从环境变量 XUNCHA_NEW_PASSWORD 或标准输入读入）
    Encrypt,
    /// 修改密码（先用 --password-stdin 或 XUNCHA_PASSWORD 给出原密码，新密码同 encrypt）
    ChangePassword,
    /// 取消密码，数据库和自动备份恢复为不加密
    Decrypt,
}

#[derive(Subcommand, Debug)]
pub enum CalendarCmd {
    /// 添加或替换一年的节假日安排（文本文件，格式同内置数据）
    Add { file: PathBuf },
    /// 已有节假日数据的年份
    Show,
}

#[derive(Subcommand, Debug)]
pub enum ListCmd {
    /// 反馈问题（含整改任务）
    Findings {
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 整改任务
    Tasks(TaskFilterArgs),
    /// 挂图作战：整改任务连同所属问题，逾期的在前，再按剩余天数
    Board(TaskFilterArgs),
}

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// 巡察反馈意见（PDF 或 Word，GB/T 9704 公文格式；使用已保存的修改）
    Feedback(DocArgs),
    /// 整改情况报告（PDF 或 Word；使用已保存的修改）
    Report(ReportArgs),
    /// 整改方案（附件1整改任务清单为横向表格）
    Plan(PlanArgs),
    /// 主要负责人组织落实整改情况报告
    PrincipalReport(ReportArgs),
    /// 整改情况通报（文件格式；--public 为公开版）
    Notice(NoticeArgs),
    /// 整改专题民主生活会情况报告
    MeetingReport(DocArgs),
    /// 一周小结（PDF 或 Word；自上次小结以来的变化、逾期和两周内到期的任务）
    Weekly(DocArgs),
    /// 整改台账：.xlsx 为 Excel 工作簿（整改台账、问题清单、任务清单、责任清单、进展统计…），
    /// .pdf 为横向 A4 的打印版
    Ledger(LedgerArgs),
    /// 督办函件：预警（剩余20天内）的任务发预警函，临期（10天内）发提醒函，逾期发督办通知书；
    /// 每函编号登记（〔年份〕N号），已有同类函件的任务不重复发函（--reissue 重新发函）
    Supervision(SupervisionArgs),
    /// 销号材料：整改销号申请审批表和佐证材料目录（--task 一项任务；不给 --task 时为全部已销号的任务）
    Closeout(CloseoutArgs),
    /// 问题线索清单（保密，单独成表，不随台账导出）
    Leads {
        /// 输出文件（.xlsx）
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
        #[command(flatten)]
        scope: ScopeArgs,
    },
}

/// One inspection (the given one, or the most recent), or all.
#[derive(Args, Debug)]
pub struct ScopeArgs {
    /// 巡察编号（默认：最近的巡察）
    #[arg(long, conflicts_with = "all")]
    pub inspection: Option<i64>,
    /// 全部巡察导出到一个文件
    #[arg(long)]
    pub all: bool,
}

/// `export supervision`.
#[derive(Args, Debug)]
pub struct SupervisionArgs {
    /// 巡察编号（默认：最近的巡察）
    #[arg(long)]
    pub inspection: Option<i64>,
    /// 输出文件：扩展名决定格式（.pdf 或 .docx）
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 重新发函：已有同类函件的任务也发新函（新编号；原函件仍在登记簿中）
    #[arg(long)]
    pub reissue: bool,
}

/// `export closeout`.
#[derive(Args, Debug)]
pub struct CloseoutArgs {
    /// 任务编号（不给时：该巡察全部已销号的任务，一个文件）
    #[arg(long)]
    pub task: Option<i64>,
    /// 巡察编号（不给 --task 时用；默认：最近的巡察）
    #[arg(long, conflicts_with = "task")]
    pub inspection: Option<i64>,
    /// 输出文件：扩展名决定格式（.pdf 或 .docx）
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 把佐证材料（PDF 和 JPEG、PNG 图片）附在每份销号材料之后，合成一个可打印的 PDF
    #[arg(long)]
    pub with_evidence: bool,
}

/// `export ledger`.
#[derive(Args, Debug)]
pub struct LedgerArgs {
    /// 输出文件：扩展名决定格式（.xlsx 或 .pdf）
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// 台账模板（仅 Excel）：已保存的模板名称，或模板 JSON 文件
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// 公开版：人名只保留姓氏（王建国→王某某），单位照常，不含被问责人姓名
    #[arg(long)]
    pub public: bool,
}

#[derive(Subcommand, Debug)]
pub enum TemplateCmd {
    /// 从 JSON 文件保存台账模板（同名则替换）
    Save {
        /// 模板名称
        name: String,
        /// 模板 JSON 文件（可先用 template show 默认 导出内置格式再修改）
        #[arg(long, value_name = "FILE.json")]
        file: PathBuf,
    },
    /// 已保存的台账模板
    List,
    /// 以 JSON 显示台账模板（名称为“默认”时显示内置官方格式）
    Show { name: String },
    /// 删除台账模板
    Delete { name: String },
}

/// Which inspection and where to write a document.
#[derive(Args, Debug)]
pub struct DocArgs {
    /// 巡察编号（默认：最近的巡察）
    #[arg(long)]
    pub inspection: Option<i64>,
    /// 输出文件：扩展名决定格式
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// The documents whose paragraphs can be edited before printing.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum DocKind {
    /// 巡察反馈意见
    Feedback,
    /// 整改情况报告
    Report,
    /// 整改方案
    Plan,
    /// 主要负责人组织落实整改情况报告
    PrincipalReport,
    /// 整改情况通报
    Notice,
    /// 整改专题民主生活会情况报告
    MeetingReport,
    /// 督办函件（信函格式：只用发文机关标志、密级、紧急程度和红头纸）
    Supervision,
    /// 销号材料：每项任务审批表中的整改结果
    Closeout,
}

/// `export report` and `export principal-report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// 文末附签字背书页
    #[arg(long)]
    pub endorsement: bool,
}

/// `export plan`.
#[derive(Args, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// 附问题清单
    #[arg(long)]
    pub problem_list: bool,
    /// 附责任清单
    #[arg(long)]
    pub responsibility_list: bool,
}

/// `export notice`.
#[derive(Args, Debug)]
pub struct NoticeArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// 公开版：人名只保留姓氏
    #[arg(long)]
    pub public: bool,
}

#[derive(Subcommand, Debug)]
pub enum MeetingCmd {
    /// 登记整改专题民主生活会
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        /// 会议日期
        #[arg(long)]
        date: String,
        /// 主持人
        #[arg(long)]
        chair: String,
        /// 参会人员，用顿号或逗号分隔
        #[arg(long, default_value = "")]
        attendees: String,
        /// 列席指导人员（纪委监委、组织部），用顿号或逗号分隔
        #[arg(long, default_value = "")]
        observers: String,
        /// 会前准备（征求意见、谈心谈话、对照检查材料）
        #[arg(long, default_value = "")]
        materials: String,
        /// 批评和自我批评
        #[arg(long, default_value = "")]
        criticism: String,
        /// 整改措施
        #[arg(long, default_value = "")]
        measures: String,
        /// 会议概况
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// 整改专题民主生活会列表
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum SecretaryCmd {
    /// 登记一项书记履职：meeting（主持会议）、talk（谈心谈话）、problem（领办问题）、visit（调研督导）
    Add {
        #[arg(long)]
        inspection: Option<i64>,
        /// meeting|talk|problem|visit（或 主持会议 等）
        #[arg(long)]
        kind: String,
        #[arg(long)]
        date: String,
        /// 内容，如 主持召开党组会专题研究整改方案
        #[arg(long)]
        text: String,
    },
    /// 书记履职记录
    List {
        #[arg(long)]
        inspection: Option<i64>,
    },
}

/// `leading-group`: shows the group, or sets the fields given.
#[derive(Args, Debug)]
pub struct LeadingGroupArgs {
    #[arg(long)]
    pub inspection: Option<i64>,
    /// 副组长，用顿号分隔
    #[arg(long)]
    pub deputies: Option<String>,
    /// 成员，用顿号分隔（不填则取任务中的责任领导）
    #[arg(long)]
    pub members: Option<String>,
    /// 领导小组办公室设在（如 办公室）
    #[arg(long)]
    pub office: Option<String>,
    /// 办公室主任
    #[arg(long)]
    pub office_director: Option<String>,
}

/// `letterhead`: shows a document's 版头/版记, or sets the fields given.
#[derive(Args, Debug)]
pub struct LetterheadArgs {
    /// 文稿：plan|principal-report|notice|meeting-report|report|feedback|supervision
    pub document: DocKind,
    #[arg(long)]
    pub inspection: Option<i64>,
    /// 发文机关标志（红色），如 中共区委统战部党组文件
    #[arg(long)]
    pub issuer_mark: Option<String>,
    /// 发文字号，如 区统党〔2025〕3号
    #[arg(long)]
    pub doc_no: Option<String>,
    /// 密级和保密期限，如 秘密★1年
    #[arg(long)]
    pub secrecy: Option<String>,
    /// 紧急程度：特急 或 加急
    #[arg(long)]
    pub urgency: Option<String>,
    /// 签发人
    #[arg(long)]
    pub signer: Option<String>,
    /// 抄送机关
    #[arg(long)]
    pub cc: Option<String>,
    /// 印发机关
    #[arg(long)]
    pub printer: Option<String>,
    /// 印发日期
    #[arg(long)]
    pub printed_on: Option<String>,
    /// 使用已印好红头的公文纸：版头留空，不打印发文机关标志和红线（true/false）
    #[arg(long)]
    pub preprinted: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub enum DocumentCmd {
    /// 显示文稿的各段落及其编号（修改时用）
    Show {
        kind: DocKind,
        #[arg(long)]
        inspection: Option<i64>,
    },
    /// 修改一个段落（修改会保存，重新生成时保留）
    Edit {
        kind: DocKind,
        #[arg(long)]
        inspection: Option<i64>,
        /// 段落编号（见 document show）
        #[arg(long)]
        id: String,
        /// 新的段落文字
        #[arg(long)]
        text: String,
    },
    /// 放弃所有修改，按当前数据重新生成
    Reset {
        kind: DocKind,
        #[arg(long)]
        inspection: Option<i64>,
    },
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Excel 台账文件（.xlsx 或 .xls）
    pub file: PathBuf,
    /// 导入到已有巡察（编号）
    #[arg(long, conflicts_with = "new_inspection")]
    pub inspection: Option<i64>,
    /// 新建巡察并导入（巡察名称）
    #[arg(long, value_name = "NAME")]
    pub new_inspection: Option<String>,
    /// 只检查并列出将导入的内容和发现的问题，不写入
    #[arg(long)]
    pub dry_run: bool,
    /// 指定列对应的字段，如 'H=整改时限,I=整改措施,审计文号=备注,J=忽略'（左边是列字母或表头文字）
    #[arg(long, value_name = "列=字段,…")]
    pub map: Option<String>,
    /// 读取哪个工作表（默认自动选择最像台账的一个）；“全部工作表”读取每个有台账表头的工作表，一次导入
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// 有错误时只导入没有错误的行，列出跳过的行（默认一行也不导入）
    #[arg(long)]
    pub skip_errors: bool,
}

/// `xuncha fill-in …`: fill-in workbooks (填报表) for units without the app.
#[derive(Subcommand, Debug)]
pub enum FillInCmd {
    /// 导出一个责任单位的填报表（--unit），或每个责任单位一份（--all-units，--out 为文件夹）
    Export {
        #[arg(long)]
        inspection: Option<i64>,
        /// 责任单位（牵头单位或责任单位之一）
        #[arg(
            long,
            conflicts_with = "all_units",
            required_unless_present = "all_units"
        )]
        unit: Option<String>,
        /// 每个责任单位各导出一份，文件名为“单位填报.xlsx”
        #[arg(long)]
        all_units: bool,
        #[arg(long, value_name = "FILE|DIR")]
        out: PathBuf,
    },
    /// 导入交回的填报表：--dry-run 只预览；默认导入全部新进展和状态变更，冲突须用 --accept 逐项指定
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        inspection: Option<i64>,
        /// 只预览，不写入
        #[arg(long)]
        dry_run: bool,
        /// 导入哪些项：all（全部，不含冲突），或预览中的序号，如 1,3
        #[arg(long, default_value = "all", value_name = "all|N,N")]
        accept: String,
    },
}
