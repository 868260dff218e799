//! Clap's help in Chinese: its headings (Usage, Commands, Options), the built-in `-h` and
//! `-V` flags and the `help` subcommand are English by default; this rewrites them on the
//! whole command tree once, before parsing.

use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command tree with Chinese headings and built-in flags, every level down.
pub fn localized(cmd: Command) -> Command {
    let cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .global(true),
        );
    let cmd = if cmd.get_version().is_some() {
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        )
    } else {
        cmd
    };
    cmd.mut_args(|a| {
        if a.get_help_heading().is_none() && !a.is_positional() {
            a.help_heading("选项")
        } else if a.get_help_heading().is_none() {
            a.help_heading("参数")
        } else {
            a
        }
    })
    .mut_subcommands(localized)
}
