//! A private D-Bus session bus for tests (`dbus-daemon` with no services
//! to start) and the test notification server on it, which owns
//! `org.freedesktop.Notifications` and records each `Notify` call. Shared
//! by the CLI's reminder tests and the desktop's end-to-end journeys (which
//! include this file by path).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A private session bus and, when `serve`, the test notification server on it.
pub struct Bus {
    daemon: Child,
    server: Option<Child>,
    /// The bus's address, for `DBUS_SESSION_BUS_ADDRESS` or `--notification-bus`.
    pub address: String,
}

impl Bus {
    /// Starts the bus in `dir`; with `serve`, the server records each
    /// notification in `dir/notifications.jsonl`, and with `click` clicks
    /// them once `dir/notifications.jsonl.click` appears.
    pub fn start(dir: &Path, serve: bool, click: bool) -> Bus {
        let socket = dir.join("bus");
        let config = dir.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
                socket.display()
            ),
        )
        .expect("bus config");
        let mut daemon = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1", "--config-file"])
            .arg(&config)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (dbus-daemon package)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("stdout"))
            .read_line(&mut address)
            .expect("bus address");
        let address = address.trim().to_owned();
        let server = serve.then(|| {
            // The script travels with this file, whichever crate includes it.
            let script = dir.join("notification_server.py");
            std::fs::write(&script, include_str!("../data/notification_server.py"))
                .expect("the test server's script");
            let mut server = Command::new("/usr/bin/python3")
                .arg(script)
                .arg(dir.join("notifications.jsonl"))
                .args(click.then_some("click"))
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .stdout(Stdio::piped())
                .spawn()
                .expect("the test server runs (python3-dbus, python3-gi)");
            let mut ready = String::new();
            BufReader::new(server.stdout.take().expect("stdout"))
                .read_line(&mut ready)
                .expect("server ready");
            assert_eq!(ready.trim(), "ready");
            server
        });
        Bus {
            daemon,
            server,
            address,
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        if let Some(server) = &mut self.server {
            let _ = server.kill();
            let _ = server.wait();
        }
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
