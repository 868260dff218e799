// Generated from the Rust types by `cargo test -p xuncha --features ts --lib bindings`
// (XUNCHA_WRITE_BINDINGS=1 to rewrite). Do not edit by hand.

export type InspectionKind = "regular" | "special" | "flexible" | "follow_up";

export type Nature = "common" | "specific";

export type DeadlineKind = "date" | "immediate" | "long_term";

export type Status = "not_started" | "in_progress" | "long_term" | "completed" | "closed";

export type Warning = "green" | "yellow" | "red";

export type Completion = "completed" | "basically_completed" | "incomplete";

export type CloseOutState = "requested" | "first_approved" | "approved" | "rejected";

export type ReviewStep = "single" | "first" | "final";

export type RegulationAction = "establish" | "revise" | "abolish";

export type DirectoryKind = "person" | "unit";

export type PaperStatus = "draft" | "approved";

export type FollowUpResult = "held" | "rebound";

export type SecretaryActionKind = "meeting" | "talk" | "problem" | "visit";

export type LetterKind = "warning" | "reminder" | "notice";

export type FillInChange = "progress" | "status_change" | "unchanged" | "conflict" | "applied" | "invalid";

export type PeerRole = "team" | "keeper" | "unit";

export type ErrorCode = "Validation" | "NotFound" | "Conflict" | "NewerSchema" | "BadDatabase" | "PasswordNeeded" | "WrongPassword" | "AuditBroken" | "Io" | "Storage" | "Database" | "Data" | "NoDatabase" | "Unsupported" | "TooLarge" | "Open" | "Refused";

export type Inspection = { id: number, 
/**
 * Display name, e.g. 区委第三巡察组对区委统战部党组的常规巡察.
 */
name: string, 
/**
 * 轮次, e.g. 第七轮.
 */
round: string, kind: InspectionKind, 
/**
 * 巡察组, e.g. 区委第三巡察组.
 */
team: string, team_leader: string, deputy_leader: string, team_members: Array<string>, 
/**
 * 被巡察党组织.
 */
inspected_org: string, 
/**
 * 党组书记/主要负责人: first person responsible, signs the reports.
 */
org_secretary: string, 
/**
 * 填报单位 printed on the ledger.
 */
unit_name: string, 
/**
 * 部署机关 named in the feedback's opening (e.g. 区委).
 */
authority: string, onsite_start: string | null, onsite_end: string | null, feedback_date: string | null, 
/**
 * 整改方案 due within this many working days of feedback.
 */
plan_due_workdays: number, 
/**
 * 整改专题民主生活会 due within this many months of feedback.
 */
meeting_due_months: number, 
/**
 * 整改情况报告 due within this many months of feedback (`report_due`).
 */
report_due_months: number, 
/**
 * 双审核: close-outs need a first review (初审) and a final one (终审).
 */
dual_review: boolean, created_at: string, updated_at: string, };

export type InspectionDeadlines = { plan_due: string, meeting_due: string, report_due: string, };

export type Category = { id: number, inspection_id: number, seq: number, name: string, };

export type Finding = { id: number, inspection_id: number, 
/**
 * Sequence number within the inspection (the order it was entered in).
 */
seq: number, 
/**
 * Derived: where the documents number it, （二）3 — its category's place and its own
 * place there, as the feedback report, the ledger and the lists write it.
 */
number: string, category_id: number, category: string, 
/**
 * 反馈问题 (one line).
 */
title: string, 
/**
 * 具体表现 (paragraphs).
 */
manifestation: string, nature: Nature, 
/**
 * 来源: 巡察发现, 群众来信来访, 审计, 上轮巡察未整改…
 */
source: string, found_on: string | null, 
/**
 * Special areas (选人用人, 意识形态…).
 */
tags: Array<string>, working_paper_id: number | null, 
/**
 * Derived from the tasks.
 */
status: Status, 
/**
 * Derived official counting.
 */
completion: Completion, overdue: boolean, tasks: Array<Task>, created_at: string, updated_at: string, };

export type Assignment = { 
/**
 * 牵头领导.
 */
lead_leader: string, 
/**
 * 责任领导.
 */
responsible_leader: string, 
/**
 * 牵头单位.
 */
lead_unit: string, 
/**
 * 责任单位 (several).
 */
responsible_units: Array<string>, 
/**
 * 责任人.
 */
responsible_person: string, };

export type Milestone = { due_on: string, target: string, done: boolean, };

export type Task = { id: number, finding_id: number, 
/**
 * Order within the finding.
 */
seq: number, 
/**
 * 整改措施.
 */
measure: string, 
/**
 * 整改目标.
 */
goal: string, 
/**
 * 验收标准.
 */
acceptance: string, deadline_kind: DeadlineKind, deadline: string | null, milestones: Array<Milestone>, status: Status, 
/**
 * 备注.
 */
note: string, 
/**
 * Derived: deadline (or a milestone) passed and not done.
 */
overdue: boolean, 
/**
 * Derived warning colour.
 */
warning: Warning | null, 
/**
 * Derived: days until the deadline (negative when passed).
 */
days_left: number | null, 
/**
 * Derived: the deadline as every document writes it (立行立改, 长期坚持 with its stages…).
 */
deadline_text: string, 
/**
 * Derived: days left as words (剩3天, 逾期5天), empty when done.
 */
days_left_text: string, created_at: string, updated_at: string, 
/**
 * 牵头领导.
 */
lead_leader: string, 
/**
 * 责任领导.
 */
responsible_leader: string, 
/**
 * 牵头单位.
 */
lead_unit: string, 
/**
 * 责任单位 (several).
 */
responsible_units: Array<string>, 
/**
 * 责任人.
 */
responsible_person: string, };

export type Progress = { id: number, task_id: number, entered_on: string, text: string, 
/**
 * Who did or reported it.
 */
by: string, 
/**
 * The status the task moved to with this entry, if any.
 */
status_after: Status | null, 
/**
 * 追缴/清退资金, in 万元.
 */
funds_recovered: number, evidence: Array<Evidence>, created_at: string, };

export type Evidence = { id: number, task_id: number, progress_id: number | null, 
/**
 * The name the user's file had (sanitised).
 */
file_name: string, sha256: string, size: number, added_at: string, };

export type CloseOut = { id: number, task_id: number, requested_on: string, requested_by: string, 
/**
 * 提请说明.
 */
summary: string, state: CloseOutState, 
/**
 * The (final, under 双审核) review: date, 验收/审核/签字 persons, 验收意见.
 */
reviewed_on: string | null, approvers: Array<string>, verdict: string, 
/**
 * 双审核's first review (初审): date, reviewers and opinion; empty otherwise.
 */
first_reviewed_on: string | null, first_reviewers: Array<string>, first_opinion: string, };

export type Reopening = { id: number, task_id: number, reopened_on: string, reason: string, by: string, };

export type FollowUpCheck = { id: number, inspection_id: number, finding_id: number | null, task_id: number | null, checked_on: string, checked_by: string, result: FollowUpResult, notes: string, };

export type Regulation = { id: number, inspection_id: number, finding_id: number | null, name: string, action: RegulationAction, issued_on: string, 
/**
 * 文号.
 */
doc_no: string, };

export type Accountability = { id: number, inspection_id: number, finding_id: number | null, person: string, 
/**
 * 职务.
 */
position: string, 
/**
 * 谈话提醒, 批评教育, 诫勉, 通报批评, 党纪政务处分…
 */
form: string, decided_on: string, notes: string, };

export type Lead = { id: number, inspection_id: number, 
/**
 * 反映对象.
 */
person: string, position: string, summary: string, found_on: string | null, transfer: Transfer | null, };

export type Transfer = { 
/**
 * 纪委监委 or 组织部.
 */
to: string, on: string, 
/**
 * 回执编号.
 */
receipt_no: string, };

export type ImmediateFix = { id: number, inspection_id: number, finding_id: number | null, title: string, 
/**
 * What was done.
 */
action: string, fixed_on: string | null, };

export type Recommendation = { id: number, inspection_id: number, seq: number, text: string, };

export type WorkingPaper = { id: number, inspection_id: number, 
/**
 * e.g. [2025]X巡-3组-05号.
 */
number: string, title: string, manifestation: string, 
/**
 * 定性依据.
 */
basis: string, 
/**
 * Numbered evidence list.
 */
evidence_list: Array<string>, 
/**
 * 主体责任.
 */
principal_responsibility: string, 
/**
 * 第一责任人.
 */
first_responsible: string, 
/**
 * 监督责任.
 */
supervisory_responsibility: string, found_by: string, found_on: string | null, 
/**
 * 组务会审议意见.
 */
review: string, 
/**
 * 组长签字.
 */
signed_by: string, status: PaperStatus, finding_id: number | null, };

export type DirectoryEntry = { id: number, kind: DirectoryKind, name: string, 
/**
 * 职务 of a person.
 */
position: string, 
/**
 * The unit a person belongs to.
 */
unit: string, };

export type LeadingGroup = { 
/**
 * 副组长.
 */
deputies: Array<string>, 
/**
 * 成员 (empty: the leaders named in the tasks' responsibility columns).
 */
members: Array<string>, 
/**
 * Where the group's office sits (领导小组下设办公室，设在…), e.g. 办公室.
 */
office: string, 
/**
 * 办公室主任.
 */
office_director: string, };

export type Letterhead = { 
/**
 * 发文机关标志, printed in red above a red rule (e.g. 中共区委统战部党组文件).
 */
issuer_mark: string, 
/**
 * 发文字号, e.g. 区统党〔2025〕3号.
 */
doc_no: string, 
/**
 * 份号 and 密级和保密期限, e.g. 秘密★1年.
 */
secrecy: string, 
/**
 * 紧急程度: 特急 or 加急.
 */
urgency: string, 
/**
 * 签发人 (上行文).
 */
signer: string, 
/**
 * 抄送机关.
 */
cc: string, 
/**
 * 印发机关.
 */
printer: string, 
/**
 * 印发日期.
 */
printed_on: string | null, 
/**
 * The paper carries a printed red header: leave the header area blank.
 */
preprinted: boolean, };

export type RectificationMeeting = { id: number, inspection_id: number, held_on: string, 
/**
 * 主持人.
 */
chair: string, 
/**
 * 参会人员 (the leadership).
 */
attendees: Array<string>, 
/**
 * 列席/指导 (纪委监委, 组织部).
 */
observers: Array<string>, 
/**
 * 会前准备：征求意见、谈心谈话、对照检查材料.
 */
materials: string, 
/**
 * 批评和自我批评.
 */
criticism: string, 
/**
 * 整改措施.
 */
measures: string, 
/**
 * 会议概况.
 */
summary: string, };

export type SecretaryAction = { id: number, inspection_id: number, kind: SecretaryActionKind, done_on: string, 
/**
 * What it was, as a phrase: 主持召开党组会专题研究整改方案.
 */
text: string, };

export type SupervisionLetter = { id: number, inspection_id: number, 
/**
 * `None` once the task was deleted (the letter stays in the register).
 */
task_id: number | null, kind: LetterKind, year: number, number: number, 
/**
 * Derived: 〔2026〕3号.
 */
number_text: string, issued_on: string, issued_by: string, 
/**
 * The due date the letter was issued for, and the days left then (negative: overdue).
 */
due_on: string | null, days_left: number | null, 
/**
 * 回复期限.
 */
reply_by: string, 
/**
 * What it was about when issued: the finding's number and the measure.
 */
subject: string, 
/**
 * 作废: when and why; a voided letter keeps its number.
 */
voided_on: string | null, void_reason: string, };

export type InspectionInput = { name: string | null, round: string | null, kind: InspectionKind | null, team: string | null, team_leader: string | null, deputy_leader: string | null, team_members: Array<string> | null, inspected_org: string | null, org_secretary: string | null, unit_name: string | null, authority: string | null, onsite_start: string | null, onsite_end: string | null, feedback_date: string | null, plan_due_workdays: number | null, meeting_due_months: number | null, report_due_months: number | null, };

export type FindingInput = { inspection_id: number, 
/**
 * The category by id (the desktop picks from the list).
 */
category_id: number | null, 
/**
 * Or by its name or its number (1–4…) within the inspection (the CLI, imports); used
 * when `category_id` is absent.
 */
category: string, title: string, manifestation: string, nature: Nature | null, source: string | null, found_on: string | null, tags: Array<string>, };

export type FindingPatch = { 
/**
 * A new category by id; or by name or number in `category`.
 */
category_id: number | null, category: string | null, title: string | null, manifestation: string | null, nature: Nature | null, source: string | null, found_on: string | null, tags: Array<string> | null, };

export type AssignmentPatch = { lead_leader: string | null, responsible_leader: string | null, lead_unit: string | null, responsible_units: Array<string> | null, responsible_person: string | null, };

export type TaskInput = { finding_id: number, measure: string, goal: string, acceptance: string, deadline_kind: DeadlineKind | null, deadline: string | null, milestones: Array<Milestone>, assignment: AssignmentPatch, note: string, 
/**
 * Initial status (imports of ledgers already under way); default 未启动.
 */
status: Status | null, };

export type TaskPatch = { measure: string | null, goal: string | null, acceptance: string | null, deadline_kind: DeadlineKind | null, 
/**
 * `Some(None)` clears the date.
 */
deadline: string | null | null, milestones: Array<Milestone> | null, note: string | null, };

export type ProgressInput = { task_id: number, text: string, entered_on: string | null, by: string | null, status: Status | null, 
/**
 * 万元.
 */
funds_recovered: number, 
/**
 * Paths of files to copy in as evidence.
 */
evidence: Array<string>, };

export type LeadInput = { inspection_id: number, person: string, position: string, summary: string, found_on: string | null, };

export type PaperApproval = { 
/**
 * The category the finding goes under, by id (the desktop) …
 */
category_id: number | null, 
/**
 * … or by its number, name or a unique part of it (the CLI).
 */
category: string, signed_by: string, review: string, nature: Nature, };

export type FindingCounts = { total: number, completed: number, basically_completed: number, incomplete: number, 
/**
 * 完成率 in percent, one decimal (0 when there are no findings).
 */
completion_rate: number, };

export type TaskCounts = { total: number, not_started: number, in_progress: number, completed: number, closed: number, long_term: number, overdue: number, warning_green: number, warning_yellow: number, warning_red: number, };

export type GroupCounts = { name: string, findings: FindingCounts, tasks: TaskCounts, };

export type Stats = { findings: FindingCounts, tasks: TaskCounts, by_category: Array<GroupCounts>, 
/**
 * Per unit: its tasks, and the findings those tasks belong to.
 */
by_unit: Array<GroupCounts>, regulations: number, accountabilities: number, immediate_fixes: number, 
/**
 * 追缴/清退资金, 万元.
 */
funds_recovered: number, };

export type InspectionView = { inspection: Inspection, categories: Array<Category>, deadlines: InspectionDeadlines | null, };

export type BoardRow = { task: Task, finding_seq: number, 
/**
 * Where the documents number the finding: （二）3.
 */
finding_number: string, inspection_id: number, finding_title: string, category_id: number, category: string, 
/**
 * A close-out request is waiting for review.
 */
close_out_pending: boolean, 
/**
 * The last 督办 letter issued for the task and not voided, if any.
 */
letter: SupervisionLetter | null, };

export type TaskFilter = { inspection_id: number | null, finding_id: number | null, task_ids: Array<number> | null, category_id: number | null, status: Status | null, 
/**
 * Only overdue tasks (derived for `today`).
 */
overdue: boolean, 
/**
 * Lead unit or one of the responsible units.
 */
unit: string | null, 
/**
 * Lead leader, responsible leader or responsible person.
 */
person: string | null, 
/**
 * Due (deadline or next milestone) within this many days, overdue included.
 */
due_within_days: number | null, };

export type TaskDetail = { task: Task, finding: Finding, progress: Array<Progress>, close_outs: Array<CloseOut>, 
/**
 * The times the task was reopened (问题反弹).
 */
reopenings: Array<Reopening>, follow_ups: Array<FollowUpCheck>, evidence: Array<Evidence>, 
/**
 * The 督办 letters issued for the task, in the order issued (voided ones included).
 */
letters: Array<SupervisionLetter>, 
/**
 * Whether the inspection requires 双审核 (初审 then 终审).
 */
dual_review: boolean, 
/**
 * The review the pending close-out request waits for; `None` when none is pending.
 */
review_step: ReviewStep | null, 
/**
 * The statuses a progress entry may move the task to (the rules in
 * `domain::status`), so the UI offers nothing the core would refuse.
 */
next_statuses: Array<Status>, };

export type ReviewInput = { approve: boolean, approvers: Array<string>, verdict: string, 
/**
 * The review's date (today when absent).
 */
on: string | null, 
/**
 * The step the UI showed; refused if the request now waits for another.
 */
step: ReviewStep | null, };

export type BurnPoint = { on: string, open: number, };

export type DueItem = { task_id: number, finding_seq: number, 
/**
 * Where the documents number the finding: （二）3.
 */
finding_number: string, measure: string, lead_unit: string, responsible_person: string, deadline_kind: DeadlineKind, deadline: string | null, deadline_text: string, days_left: number | null, days_left_text: string, warning: Warning | null, status: Status, };

export type Dashboard = { stats: Stats, overdue: Array<DueItem>, due_soon: Array<DueItem>, burndown: Array<BurnPoint>, 
/**
 * Days left at which the green warning starts (the due-soon list's horizon).
 */
green_days: number, };

export type AutoBackup = { 
/**
 * File name: what a restore by name takes.
 */
name: string, 
/**
 * Where it is (shown; a restore takes only the name).
 */
path: string, 
/**
 * Local time it was made, 2025-03-31 08:30:00.
 */
made_at: string, bytes: number, 
/**
 * Kept automatically just before a restore replaced the data.
 */
before_restore: boolean, 
/**
 * Kept automatically just before the password was set, changed or removed.
 */
before_password: boolean, 
/**
 * Encrypted: restoring it needs the password it was made under.
 */
encrypted: boolean, 
/**
 * What it holds, when it could be read.
 */
counts: BackupCounts | null, };

export type Preferences = { 
/**
 * Written into the audit log and progress entries (empty: not set, 未署名).
 */
operator: string, 
/**
 * Responsible units and people must already be in the directory.
 */
strict_directory: boolean, };

export type Verification = { ok: boolean, rows: number, problems: Array<string>, };

export type Format = "xlsx" | "pdf" | "docx";

export type DocumentKind = "ledger" | "feedback" | "status_report" | "weekly" | "leads" | "plan" | "principal_report" | "notice" | "meeting_report" | "supervision" | "closeout";

export type DocumentInfo = { kind: DocumentKind, title: string, 
/**
 * The file name offered (before the unit and the date).
 */
file_name: string, description: string, 
/**
 * The formats it is written in, the first the usual one.
 */
formats: Array<Format>, 
/**
 * Whether it has a 公开版 (names masked).
 */
public: boolean, 
/**
 * Whether a saved ledger template applies (the Excel ledger).
 */
template: boolean, 
/**
 * Whether its paragraphs can be edited before printing.
 */
editable: boolean, 
/**
 * Whether it may also carry the 问题清单 and the 责任清单 (the plan's attachments).
 */
lists: boolean, 
/**
 * Whether it may end with the 签字背书 page (the two reports).
 */
endorsement: boolean, 
/**
 * Whether it prints the GB/T 9704 版头 and 版记 set per inspection (整改组织).
 */
letterhead: boolean, 
/**
 * Whether exporting it issues numbered letters (and may reissue them).
 */
issues_letters: boolean, 
/**
 * Whether it is made for one task (`task_id`), or without one for every closed task.
 */
per_task: boolean, };

export type ExportOptions = { 
/**
 * The inspection (`None`: the most recent).
 */
inspection_id: number | null, 
/**
 * Every inspection in one file (the ledger and the leads).
 */
all_inspections: boolean, 
/**
 * The 公开版: people's names masked (the ledger).
 */
public: boolean, 
/**
 * A saved ledger template by name, or a template file (.json), for the Excel ledger;
 * `None` or 默认: the official layout.
 */
template: string | null, 
/**
 * The plan also carries the 问题清单.
 */
problem_list: boolean, 
/**
 * The plan also carries the 责任清单.
 */
responsibility_list: boolean, 
/**
 * A report ends with the 签字背书 page.
 */
endorsement: boolean, 
/**
 * 督办函件: issue a new letter to every task in a warning state, even one that already
 * has a letter in force.
 */
reissue: boolean, 
/**
 * 销号材料: the task (`None`: every closed task of the inspection).
 */
task_id: number | null, 
/**
 * 销号材料 as PDF: the evidence files (PDFs and images) appended after each dossier.
 */
with_evidence: boolean, };

export type Exported = { path: string, format: Format, bytes: number, 
/**
 * What it is, in words: 整改台账（公开版）, 巡察反馈意见….
 */
what: string, 
/**
 * The inspections it covers.
 */
inspections: Array<number>, 
/**
 * Findings and tasks in a ledger; leads in the leads list, and how many of them were
 * transferred.
 */
findings: number, tasks: number, leads: number, leads_transferred: number, 
/**
 * 督办函件: the letters printed, and how many of them this export issued.
 */
letters: number, letters_issued: number, 
/**
 * 销号材料: the dossiers (tasks) in the file.
 */
dossiers: number, };

export type TemplateInfo = { 
/**
 * 默认 for the built-in official layout.
 */
name: string, 
/**
 * The ledger's title row as the template writes it.
 */
title: string, columns: number, builtin: boolean, };

export type BackupSummary = { path: string, bytes: number, evidence_files: number, };

export type BackupCounts = { inspections: number, findings: number, tasks: number, };

export type PasswordChange = { 
/**
 * Whether the database is encrypted now.
 */
encrypted: boolean, 
/**
 * The copy of the database made (with the old password, or none) before the change.
 */
safety_backup: string, 
/**
 * Automatic backups rewritten with the new password (or without one).
 */
backups_converted: number, 
/**
 * Automatic backups left as they were because the old password does not open them.
 */
backups_skipped: number, };

export type PlannedFinding = { 
/**
 * The sheet it was read from.
 */
sheet: string, 
/**
 * Excel row number of its first row.
 */
row: number, seq: number | null, category: string, title: string, manifestation: string, nature: Nature | null, source: string, 
/**
 * The date the problem was found (排查日期), when the ledger has it.
 */
found_on: string | null, tasks: Array<PlannedTask>, };

export type PlannedTask = { 
/**
 * Excel row number.
 */
row: number, measure: string, goal: string, acceptance: string, deadline_kind: DeadlineKind, deadline: string | null, 
/**
 * The deadline as the ledger will write it.
 */
deadline_text: string, 
/**
 * As written; `None` when the cell was blank.
 */
status: Status | null, 
/**
 * The 整改进展 cell as written.
 */
progress: string, 
/**
 * The same, split into the entries to record (one per dated line).
 */
progress_entries: Array<PlannedProgress>, evidence: string, note: string, 
/**
 * The review the ledger records (复查, 验收 columns), if any.
 */
review: PlannedReview | null, 
/**
 * 牵头领导.
 */
lead_leader: string, 
/**
 * 责任领导.
 */
responsible_leader: string, 
/**
 * 牵头单位.
 */
lead_unit: string, 
/**
 * 责任单位 (several).
 */
responsible_units: Array<string>, 
/**
 * 责任人.
 */
responsible_person: string, };

export type PlannedProgress = { 
/**
 * The date written before it; `None` = recorded as of the import.
 */
entered_on: string | null, text: string, };

export type PlannedReview = { 
/**
 * The first date among the review columns.
 */
on: string | null, 
/**
 * The names in the columns of a person (复查人, 验收负责人…).
 */
reviewers: Array<string>, 
/**
 * Every review column under its header: “复查验收情况：复查结果：…；复查日期：…”.
 */
text: string, };

export type Issue = { 
/**
 * The sheet, when several were read (全部工作表); empty when one was.
 */
sheet: string, 
/**
 * Excel row number (1-based).
 */
row: number, 
/**
 * Cell reference such as "C7" (or "整改台账!C7" when several sheets were read), or
 * empty when the whole row is concerned.
 */
cell: string, severity: Severity, message: string, };

export type Severity = "error" | "warning";

export type SheetTable = { sheet: string, 
/**
 * Excel row numbers of the header (first, last).
 */
header_rows: [number, number], 
/**
 * Every column of the table and the field it goes to, with why.
 */
columns: Array<ColumnMap>, 
/**
 * The header's shape: the key a mapping made for it is saved under.
 */
shape: string, 
/**
 * Excel row numbers of rows under the table that are not records (注：, 说明,
 * 填表说明, 填报人…), skipped.
 */
skipped_rows: Array<number>, };

export type SkippedSheet = { sheet: string, reason: string, };

export type ImportOutcome = { inspection_id: number, categories_added: number, findings_added: number, findings_matched: number, tasks_added: number, tasks_updated: number, 
/**
 * Progress entries (整改进展) recorded; entries already there are not repeated.
 */
progress_added: number, 
/**
 * Tasks the ledger marks 已销号 with a recorded review, closed with it.
 */
closed_as_recorded: number, 
/**
 * What changed on findings and tasks already there, and notes on the way, in Chinese.
 */
changes: Array<string>, 
/**
 * Excel rows left out because they had errors (when the user chose to skip them).
 */
skipped_rows: Array<number>, 
/**
 * Whether the column mapping was saved for the next file with the same header.
 */
mapping_saved: boolean, };

export type ColumnMap = { 
/**
 * Column letter(s): "C".
 */
letter: string, 
/**
 * Header text as written (the rows of a split header joined with ／).
 */
header: string, 
/**
 * The field's key ([`MapTo::key`]).
 */
to: string, reason: Reason, 
/**
 * Where another column of the same field won, or how columns are combined; empty
 * when there is nothing to say.
 */
explain: string, };

export type Reason = "unknown" | "position" | "content" | "keyword" | "synonym" | "saved" | "user";

export type Choice = { 
/**
 * "H", or the header text ("目标设定完成时间").
 */
column: string, 
/**
 * The field's key or name ([`MapTo::parse`]).
 */
to: string, };

export type ImportChoices = { 
/**
 * The sheet to read; `None` = the one that looks most like a ledger; `全部工作表`
 * (`import::xlsx::ALL_SHEETS`) = every sheet with a ledger, in one plan.
 */
sheet: string | null, 
/**
 * Columns mapped by hand (a letter or a header text → a field).
 */
mapping: Array<Choice>, 
/**
 * Import the clean rows and list the rest, instead of importing nothing.
 */
skip_faulty: boolean, };

export type FieldOption = { key: string, label: string, };

export type Document = { 
/**
 * 标题, printed in 2号小标宋, centred; may be edited under the id [`TITLE_ID`].
 */
title: string, blocks: Array<Block>, };

export type Block = { "kind": "addressee", id: string, text: string, } | { "kind": "heading1", id: string, text: string, } | { "kind": "heading2", id: string, text: string, } | { "kind": "heading3", id: string, text: string, } | { "kind": "paragraph", id: string, text: string, } | { "kind": "signature", id: string, text: string, } | { "kind": "date", id: string, text: string, } | { "kind": "page_break" } | { "kind": "attachment", label: string, title: string, };

export type FillInExport = { unit: string, file: string, tasks: number, };

export type FillInApplied = { rows: Array<PreviewRow>, 
/**
 * The rows applied, by number.
 */
applied: Array<number>, };

export type PreviewRow = { 
/**
 * Numbered from 1 across all the files of one import: what `--accept` names.
 */
no: number, file: string, 
/**
 * The unit the workbook was made for (written as 填报人 of the progress entry).
 */
unit: string, 
/**
 * The row as Excel numbers it.
 */
row: number, task_id: number, 
/**
 * The finding's number, （一）1.
 */
finding_number: string, measure: string, change: FillInChange, 
/**
 * The task's status in the ledger now.
 */
status_now: Status, 
/**
 * The status the unit chose, when it differs from the one the workbook went out with.
 */
status_to: Status | null, 
/**
 * The progress entry it would add.
 */
text: string, entered_on: string | null, 
/**
 * Why a row is a conflict or cannot be applied.
 */
message: string, };

export type Identity = { device_id: string, name: string, 
/**
 * The signature algorithm (`ed25519`).
 */
algorithm: string, 
/**
 * The public key, hex.
 */
public_key: string, };

export type Peer = { role: PeerRole, 
/**
 * The 责任单位 a unit's copy reports for (empty for the others).
 */
unit: string, enrolled_at: string, 
/**
 * Set when the copy was revoked (a lost laptop): its packages are refused.
 */
revoked_at: string | null, 
/**
 * The last package made for it.
 */
sent_seq: number, 
/**
 * The last of our packages it confirmed having applied.
 */
acked_seq: number, 
/**
 * The last of its packages applied here.
 */
received_seq: number, device_id: string, name: string, 
/**
 * The signature algorithm (`ed25519`).
 */
algorithm: string, 
/**
 * The public key, hex.
 */
public_key: string, };

export type ReviewItem = { id: number, 
/**
 * The sending copy's device id and name.
 */
peer: string, peer_name: string, 
/**
 * The package it came in.
 */
seq: number, 
/**
 * What kind of record (`task`, `progress`, …) and which one.
 */
kind: string, uid: string, 
/**
 * What the record is, in words (问题3 任务2 “…”), for the list.
 */
subject: string, 
/**
 * The field both sides changed (empty when a whole change was refused).
 */
field: string, 
/**
 * Values as JSON text: ours now, theirs, and what both had at the last exchange.
 */
ours: string | null, theirs: string | null, base: string | null, 
/**
 * Why it was not applied.
 */
reason: string, received_at: string, resolved_at: string | null, 
/**
 * `theirs` (their value taken) or `ours` (ours kept), once decided.
 */
resolution: string, 
/**
 * Whether the other copy's value may be taken (a field both changed); a change a rule
 * refused can only be set aside.
 */
can_take_theirs: boolean, 
/**
 * The field's name and the three values as the user reads them (filled in by the
 * application layer: 整改时限, 2026年12月31日, 正在推进, （空）).
 */
field_label: string, ours_text: string | null, theirs_text: string | null, base_text: string | null, };

export type PackageExported = { to: string, seq: number, events: number, files: number, file: string, };

export type PackageInfo = { from: string, role: PeerRole, seq: number, created_at: string, 
/**
 * Changes by kind of record: (label, created, edited).
 */
changes: Array<[string, number, number]>, files: number, 
/**
 * Applied before: importing it again changes nothing.
 */
already_imported: boolean, };

export type Imported = { package: PackageInfo, applied: Applied, };

export type Applied = { 
/**
 * Records created and records edited here.
 */
created: number, edited: number, 
/**
 * Changes this copy already had.
 */
unchanged: number, 
/**
 * Changes put on the review list (new items only).
 */
to_review: number, };

export type Resolution = "theirs" | "ours";

export type CmdError = { code: ErrorCode, field: string | null, message: string, };

export type AppInfo = { 
/**
 * The open database file, or `None` when none could be opened.
 */
db_path: string | null, 
/**
 * Why the database could not be opened, if so.
 */
open_error: CmdError | null, 
/**
 * When no database is open because the file is encrypted: that file, whose password
 * the UI asks for (then `open_database` with it).
 */
locked_path: string | null, 
/**
 * Whether the open database is encrypted with a password.
 */
encrypted: boolean, 
/**
 * The shortest password the core accepts, for the hint beside the field.
 */
min_password_chars: number, operator: string, today: string, version: string, inspections: number, 
/**
 * The folder exports were last saved to.
 */
export_dir: string | null, };

export type ImportPreview = { 
/**
 * Identifies the copy of the file that `import_apply` will read.
 */
token: string, file: string, sheet: string, categories: Array<string>, findings: Array<PlannedFinding>, people: Array<string>, units: Array<string>, issues: Array<Issue>, has_errors: boolean, task_count: number, 
/**
 * Every sheet of the workbook, to read another.
 */
sheets: Array<string>, 
/**
 * The tables read (one, or one per sheet when all are read): each column, the field it
 * goes to and why, and the rows under the table that are not records.
 */
tables: Array<SheetTable>, 
/**
 * Sheets not read when all were asked for, with why.
 */
skipped_sheets: Array<SkippedSheet>, 
/**
 * The sheet choice that reads every sheet (全部工作表).
 */
all_sheets: string, 
/**
 * The fields a column can be mapped to, for the drop-downs.
 */
fields: Array<FieldOption>, 
/**
 * How each reason a column maps where it does is said (`synonym` → 按表头名称).
 */
reasons: Array<FieldOption>, };

export type FillInPreview = { 
/**
 * Identify the copies of the files that `fill_in_apply` will read, in the order chosen.
 */
tokens: Array<string>, rows: Array<PreviewRow>, };

export type ExchangePreview = { token: string, 
/**
 * The name of the file the user picked.
 */
file: string, package: PackageInfo, };

export type ExportProgress = { 
/**
 * 0–100.
 */
percent: number, stage: string, };

/** 巡察类型：each code's label. */
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = { regular: "常规巡察", special: "专项巡察", flexible: "机动巡察", follow_up: "巡察“回头看”" };

/** 巡察类型：every code, in display order. */
export const INSPECTION_KIND_VALUES: InspectionKind[] = ["regular", "special", "flexible", "follow_up"];

/** 问题性质：each code's label. */
export const NATURE_LABELS: Record<Nature, string> = { common: "共性问题", specific: "个性问题" };

/** 问题性质：every code, in display order. */
export const NATURE_VALUES: Nature[] = ["common", "specific"];

/** 整改时限类型：each code's label. */
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = { date: "限期完成", immediate: "立行立改", long_term: "长期坚持" };

/** 整改时限类型：every code, in display order. */
export const DEADLINE_KIND_VALUES: DeadlineKind[] = ["date", "immediate", "long_term"];

/** 整改状态：each code's label. */
export const STATUS_LABELS: Record<Status, string> = { not_started: "未启动", in_progress: "正在推进", long_term: "长期坚持", completed: "已完成", closed: "已销号" };

/** 整改状态：every code, in display order. */
export const STATUS_VALUES: Status[] = ["not_started", "in_progress", "long_term", "completed", "closed"];

/** 预警：each code's label. */
export const WARNING_LABELS: Record<Warning, string> = { green: "绿色预警", yellow: "黄色预警", red: "红色预警（逾期）" };

/** 预警：every code, in display order. */
export const WARNING_VALUES: Warning[] = ["green", "yellow", "red"];

/** 整改完成情况：each code's label. */
export const COMPLETION_LABELS: Record<Completion, string> = { completed: "完成整改", basically_completed: "基本完成并持续整改", incomplete: "未完成" };

/** 整改完成情况：every code, in display order. */
export const COMPLETION_VALUES: Completion[] = ["completed", "basically_completed", "incomplete"];

/** 销号状态：each code's label. */
export const CLOSE_OUT_STATE_LABELS: Record<CloseOutState, string> = { requested: "待审批", first_approved: "初审通过，待终审", approved: "已批准销号", rejected: "已退回" };

/** 销号状态：every code, in display order. */
export const CLOSE_OUT_STATE_VALUES: CloseOutState[] = ["requested", "first_approved", "approved", "rejected"];

/** 审核环节：each code's label. */
export const REVIEW_STEP_LABELS: Record<ReviewStep, string> = { single: "审批", first: "初审", final: "终审" };

/** 审核环节：every code, in display order. */
export const REVIEW_STEP_VALUES: ReviewStep[] = ["single", "first", "final"];

/** 建章立制类型：each code's label. */
export const REGULATION_ACTION_LABELS: Record<RegulationAction, string> = { establish: "新建", revise: "修订", abolish: "废止" };

/** 建章立制类型：every code, in display order. */
export const REGULATION_ACTION_VALUES: RegulationAction[] = ["establish", "revise", "abolish"];

/** 名录类型：each code's label. */
export const DIRECTORY_KIND_LABELS: Record<DirectoryKind, string> = { person: "人员", unit: "单位" };

/** 名录类型：every code, in display order. */
export const DIRECTORY_KIND_VALUES: DirectoryKind[] = ["person", "unit"];

/** 底稿状态：each code's label. */
export const PAPER_STATUS_LABELS: Record<PaperStatus, string> = { draft: "草稿", approved: "已审定" };

/** 底稿状态：every code, in display order. */
export const PAPER_STATUS_VALUES: PaperStatus[] = ["draft", "approved"];

/** 回头看结论：each code's label. */
export const FOLLOW_UP_RESULT_LABELS: Record<FollowUpResult, string> = { held: "整改成效巩固", rebound: "问题反弹" };

/** 回头看结论：every code, in display order. */
export const FOLLOW_UP_RESULT_VALUES: FollowUpResult[] = ["held", "rebound"];

/** 书记履职类型：each code's label. */
export const SECRETARY_ACTION_KIND_LABELS: Record<SecretaryActionKind, string> = { meeting: "主持会议", talk: "谈心谈话", problem: "领办问题", visit: "调研督导" };

/** 书记履职类型：every code, in display order. */
export const SECRETARY_ACTION_KIND_VALUES: SecretaryActionKind[] = ["meeting", "talk", "problem", "visit"];

/** 督办函件：each code's label. */
export const LETTER_KIND_LABELS: Record<LetterKind, string> = { warning: "预警函", reminder: "提醒函", notice: "督办通知书" };

/** 督办函件：every code, in display order. */
export const LETTER_KIND_VALUES: LetterKind[] = ["warning", "reminder", "notice"];

/** 填报变化：each code's label. */
export const FILL_IN_CHANGE_LABELS: Record<FillInChange, string> = { progress: "新进展", status_change: "状态变更", unchanged: "无变化", conflict: "冲突", applied: "已导入", invalid: "有误" };

/** 填报变化：every code, in display order. */
export const FILL_IN_CHANGE_VALUES: FillInChange[] = ["progress", "status_change", "unchanged", "conflict", "applied", "invalid"];

/** 副本角色：each code's label. */
export const PEER_ROLE_LABELS: Record<PeerRole, string> = { team: "巡察组", keeper: "台账管理员", unit: "责任单位" };

/** 副本角色：every code, in display order. */
export const PEER_ROLE_VALUES: PeerRole[] = ["team", "keeper", "unit"];

/** The statuses that count as done (no overdue, no warning). */
export const DONE_STATUSES: Status[] = ["completed", "closed"];

/** Days left at which the green and the yellow warnings start. */
export const GREEN_DAYS = 20;
export const YELLOW_DAYS = 10;

/** Chinese numerals 一 … 九十九: `CN_NUMERALS[n - 1]`. */
export const CN_NUMERALS: string[] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十", "三十一", "三十二", "三十三", "三十四", "三十五", "三十六", "三十七", "三十八", "三十九", "四十", "四十一", "四十二", "四十三", "四十四", "四十五", "四十六", "四十七", "四十八", "四十九", "五十", "五十一", "五十二", "五十三", "五十四", "五十五", "五十六", "五十七", "五十八", "五十九", "六十", "六十一", "六十二", "六十三", "六十四", "六十五", "六十六", "六十七", "六十八", "六十九", "七十", "七十一", "七十二", "七十三", "七十四", "七十五", "七十六", "七十七", "七十八", "七十九", "八十", "八十一", "八十二", "八十三", "八十四", "八十五", "八十六", "八十七", "八十八", "八十九", "九十", "九十一", "九十二", "九十三", "九十四", "九十五", "九十六", "九十七", "九十八", "九十九"];

/** The 紧急程度 a document may carry (empty: none). */
export const URGENCIES: string[] = ["特急", "加急"];

/** What users call each file format. */
export const FORMAT_LABELS: Record<Format, string> = { xlsx: "Excel", pdf: "PDF", docx: "Word" };
