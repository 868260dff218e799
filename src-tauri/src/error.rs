//! The core's one error type. Every message is Chinese and tells the user what to do;
//! `code()` is the stable identifier the UI and the CLI branch on.

use std::path::PathBuf;

/// Declares [`ErrorCode`] with its text form, so the name the UI sees and the one scripts
/// see are one list.
macro_rules! error_codes {
    ($($(#[$m:meta])* $name:ident),+ $(,)?) => {
        /// The stable codes of every error the core and the desktop shell return. Exported
        /// to TypeScript, so the UI branches on a type, not on free strings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $($(#[$m])* $name),+
        }

        impl ErrorCode {
            /// The code's name, as serialised.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$name => stringify!($name)),+ }
            }
        }
    };
}

error_codes! {
    /// Bad input; the error names the field.
    Validation,
    NotFound,
    /// The request contradicts the current state.
    Conflict,
    NewerSchema,
    BadDatabase,
    /// The database is encrypted: ask for its password.
    PasswordNeeded,
    /// The password given does not open the database.
    WrongPassword,
    AuditBroken,
    Io,
    Storage,
    Database,
    Data,
    /// No database is open (desktop).
    NoDatabase,
    /// The export or action is not offered for this document or format.
    Unsupported,
    /// A file too large to preview in the window.
    TooLarge,
    /// The system could not open a file or folder with its program.
    Open,
    /// A package from another copy was refused (signature, tampering, enrolment); nothing
    /// was written.
    Refused,
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Result of every core operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: names the field (a DOMAIN.md identifier) and says what is wrong.
    #[error("{message}")]
    Validation { field: String, message: String },
    /// A referenced record does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request contradicts the current state (e.g. a status transition that is not allowed).
    #[error("{0}")]
    Conflict(String),
    /// The database file was written by a newer Xuncha.
    #[error("数据库文件的结构版本为 {found}，比本程序支持的 {supported} 新：请升级巡察整改台账后再打开，或打开一个备份")]
    NewerSchema { found: i64, supported: i64 },
    /// The file is not a usable database.
    #[error("无法打开数据库文件 {path}：{reason}。可以从备份恢复，或另选一个文件")]
    BadDatabase { path: PathBuf, reason: String },
    /// The database file is encrypted and no password was given.
    #[error("数据库已加密，请输入密码（{path}）")]
    PasswordNeeded { path: PathBuf },
    /// The password given does not open the encrypted database file.
    #[error("密码不正确，无法打开数据库（{path}）。请检查密码后重试；如果密码无误，文件可能已损坏，可以从备份恢复")]
    WrongPassword { path: PathBuf },
    /// The audit log does not verify.
    #[error("审计日志校验失败：第 {row} 条记录{reason}，日志可能被篡改")]
    AuditBroken { row: i64, reason: String },
    /// A file could not be read or written.
    #[error("文件操作失败（{path}）：{}", describe_io(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database file is damaged, full, read-only or locked: says so and what to do.
    #[error("{0}。本次修改未保存")]
    Storage(String),
    /// Any other SQLite failure.
    #[error("数据库操作失败：{0}")]
    Sqlite(rusqlite::Error),
    /// A package from another copy was refused before anything was written.
    #[error("{0}")]
    Refused(String),
    /// JSON (de)serialisation of stored data failed.
    #[error("数据格式错误：{0}")]
    Json(#[from] serde_json::Error),
}

/// An I/O error in the user's terms.
fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有读写权限".into(),
        StorageFull => "磁盘空间已满，请清理磁盘后重试".into(),
        ReadOnlyFilesystem => "磁盘是只读的".into(),
        AlreadyExists => "文件已存在".into(),
        IsADirectory => "这是一个文件夹，不是文件".into(),
        _ => format!("{e}"),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        let what = match e.sqlite_error_code() {
            Some(DatabaseCorrupt) | Some(NotADatabase) => {
                "数据库文件已损坏：请从备份恢复（xuncha backups 查看备份，xuncha restore 恢复）"
            }
            Some(DiskFull) => "磁盘空间已满：请清理磁盘或把数据库移到其他磁盘后重试",
            Some(ReadOnly) => "数据库文件是只读的：请检查文件权限，或另存到可写的位置",
            Some(DatabaseBusy) | Some(DatabaseLocked) => {
                "数据库正被另一个程序长时间占用：请稍后重试，或关闭其他正在使用它的程序"
            }
            Some(SystemIoFailure) => {
                "读写数据库文件时出错（可能是磁盘空间已满或存储设备故障）：请检查磁盘后重试"
            }
            Some(CannotOpen) | Some(PermissionDenied) => "无法打开数据库文件：请检查文件位置和权限",
            _ => return Error::Sqlite(e),
        };
        Error::Storage(what.to_owned())
    }
}

impl Error {
    /// Builds a validation error for `field` with a Chinese `message`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// Builds an I/O error that names the file.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// What kind of error this is: the stable code the UI and scripts branch on.
    pub fn kind(&self) -> ErrorCode {
        match self {
            Error::Validation { .. } => ErrorCode::Validation,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::NewerSchema { .. } => ErrorCode::NewerSchema,
            Error::BadDatabase { .. } => ErrorCode::BadDatabase,
            Error::PasswordNeeded { .. } => ErrorCode::PasswordNeeded,
            Error::WrongPassword { .. } => ErrorCode::WrongPassword,
            Error::AuditBroken { .. } => ErrorCode::AuditBroken,
            Error::Io { .. } => ErrorCode::Io,
            Error::Storage(_) => ErrorCode::Storage,
            Error::Sqlite(_) => ErrorCode::Database,
            Error::Refused(_) => ErrorCode::Refused,
            Error::Json(_) => ErrorCode::Data,
        }
    }

    /// The code as text (`Validation`, `NotFound`, …), for scripts' JSON.
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The field a validation error concerns.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}
