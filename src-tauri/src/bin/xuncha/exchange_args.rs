//! `xuncha exchange …`: signed exchange packages between copies of the app.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum ExchangeCmd {
    /// 写出本机的身份文件（设备编号、名称、公钥），交给要与本机交换的副本登记；用 --name 给本机起名（不写则暂名“未命名副本”）
    Identity {
        /// 本机名称，如“区委第三巡察组”“办公室台账”“财务科”（可随时改名）
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 登记另一个副本的身份文件及其角色：team（巡察组）、keeper（台账管理员）、unit（责任单位，须写 --unit）
    Trust {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "team|keeper|unit")]
        role: String,
        /// 责任单位的副本报送哪个单位
        #[arg(long)]
        unit: Option<String>,
    },
    /// 列出已登记的副本
    Peers,
    /// 吊销一个副本（如笔记本丢失）：此后它的交换包一律拒收
    Revoke {
        /// 副本名称或设备编号
        #[arg(value_name = "NAME|ID")]
        who: String,
    },
    /// 为一个副本生成交换包：--unit 为该责任单位的副本，--to 指定名称或设备编号；都不写时发给唯一登记的巡察组或台账管理员
    Export {
        #[arg(long, conflicts_with = "to")]
        unit: Option<String>,
        #[arg(long, value_name = "NAME|ID")]
        to: Option<String>,
        #[arg(long, value_name = "FILE.xcpkg")]
        out: PathBuf,
    },
    /// 导入交换包：先核验签名和每个文件，再在一个事务中应用；--dry-run 只核验并列出内容
    Import {
        #[arg(value_name = "FILE.xcpkg")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// 待处理清单：未能应用的变更（规则不允许，或双方都改了同一项）；--all 含已处理的
    Reviews {
        #[arg(long)]
        all: bool,
    },
    /// 处理待处理清单中的一项：--take theirs（采用对方的）或 ours（保留本机的）
    Resolve {
        id: i64,
        #[arg(long, value_name = "theirs|ours")]
        take: String,
    },
}
