//! Watches a process tree for network connections: the driver (and through it the app and
//! WebKit's helper processes) runs under `strace -f`, tracing only the calls that reach
//! another host (`connect`, `sendto`, `sendmsg`), and the log is read back at the end.
//! Unlike polling `/proc/net/tcp`, this sees short-lived and failed attempts too.

use std::path::Path;
use std::process::Command;

/// `program` wrapped so its whole process tree's network calls are logged to `log`.
pub fn traced(program: &std::ffi::OsStr, log: &Path) -> Command {
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "--seccomp-bpf", "-e", "signal=none"])
        .args(["-e", "trace=connect,sendto,sendmsg", "-o"])
        .arg(log)
        .arg(program);
    cmd
}

/// Addresses outside this machine that the log shows a connection or datagram to, and
/// name lookups (port 53, even to a local resolver: a lookup means something wanted out).
pub fn remote_addresses(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| l.contains("AF_INET"))
        .filter_map(|l| {
            let addr = address(l);
            if l.contains("htons(53)") {
                Some(format!("{addr}:53"))
            } else {
                (!is_loopback(&addr)).then_some(addr)
            }
        })
        .collect()
}

/// The address of an `AF_INET`/`AF_INET6` socket address in one strace line.
fn address(line: &str) -> String {
    for open in ["inet_addr(\"", "inet_pton(AF_INET6, \""] {
        if let Some(at) = line.find(open) {
            let rest = &line[at + open.len()..];
            return rest.split('"').next().unwrap_or(rest).to_owned();
        }
    }
    // An address strace could not decode is reported, never assumed harmless.
    line.to_owned()
}

fn is_loopback(addr: &str) -> bool {
    addr.parse::<std::net::IpAddr>().is_ok_and(|ip| match ip {
        std::net::IpAddr::V4(v4) => v4.is_loopback() || v4.is_unspecified(),
        std::net::IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_allowed_and_the_rest_reported() {
        let log = r#"
12 connect(5, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
13 connect(7, {sa_family=AF_UNIX, sun_path="/tmp/.X11-unix/X99"}, 110) = 0
14 connect(8, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED
15 connect(9, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.216.34")}, 16) = -1 ENETUNREACH
16 sendto(10, "\x12", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 1
17 connect(11, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0
"#;
        assert_eq!(
            remote_addresses(log),
            ["93.184.216.34", "2001:4860:4860::8888:53", "127.0.0.53:53"]
        );
    }
}
