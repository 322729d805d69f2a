//! Starting the desktop app under `tauri-driver` and talking to it.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// A running app with a WebDriver session on it, on its own database.
pub struct App {
    pub client: Client,
    driver: Child,
    _dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free local port")
}

fn tauri_driver() -> PathBuf {
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("tauri-driver"))
            .find(|candidate| candidate.is_file())
    });
    let from_cargo =
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin/tauri-driver"));
    from_path
        .or(from_cargo.filter(|p| p.is_file()))
        .expect("tauri-driver is not installed: run scripts/test, which installs it")
}

impl App {
    /// Starts the app on a new, empty database, with "today" fixed.
    pub async fn start_fresh(today: &str) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("redress.db");
        let db = db.to_str().expect("UTF-8 path").to_owned();
        App::start_with(&["--db", &db, "--today", today], dir).await
    }

    /// Starts the app with these extra command-line arguments.
    pub async fn start(args: &[&str]) -> App {
        App::start_with(args, tempfile::tempdir().expect("temp dir")).await
    }

    async fn start_with(args: &[&str], dir: tempfile::TempDir) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no X display: run the end-to-end tests under xvfb-run (scripts/test does)"
        );
        let port = free_port();
        let native_port = free_port();
        // The app's home is its own: what it writes there (the login
        // autostart entry) never reaches the machine's user.
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).expect("home");
        let driver = Command::new(tauri_driver())
            .env("HOME", &home)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
        let application = env!("CARGO_BIN_EXE_redress-desktop");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".to_owned(),
            json!({"application": application, "args": args}),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let attempt = ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await;
            match attempt {
                Ok(client) => break client,
                Err(err) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = err;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(err) => panic!("no WebDriver session after 20 s: {err}"),
            }
        };
        let app = App {
            client,
            driver,
            _dir: dir,
        };
        // The first screen drawn: the window has asked the database and
        // routed, so a click now is not lost in its start-up.
        app.find("main:not([aria-busy]) [data-screen] h1").await;
        app
    }

    /// The database of an app started fresh.
    pub fn fresh_db(&self) -> PathBuf {
        self._dir.path().join("redress.db")
    }

    /// The home folder the app runs with.
    pub fn home(&self) -> PathBuf {
        self._dir.path().join("home")
    }

    /// Waits for an element, up to ten seconds. Any error is asked again
    /// until then, not only "no such element": while the page reloads (a
    /// restore reloads it) WebKit answers "callback was not called before
    /// the unload event".
    pub async fn find(&self, css: &str) -> Element {
        let started = Instant::now();
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(err) if started.elapsed() >= Duration::from_secs(10) => {
                    panic!("no element '{css}': {err}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits until the element's text is `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.trim() == expected {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "'{css}' shows '{text}', expected '{expected}'"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Replaces a text field's value as a user would: clear, then type.
    pub async fn type_into(&self, css: &str, text: &str) {
        let started = Instant::now();
        loop {
            let field = self.find(css).await;
            let typed = match field.clear().await {
                Ok(()) => field.send_keys(text).await,
                Err(err) => Err(err),
            };
            match typed {
                Ok(()) => return,
                Err(_) if started.elapsed() < Duration::from_secs(10) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(err) => panic!("type into '{css}': {err}"),
            }
        }
    }

    /// Clicks an element, finding it again if the screen re-rendered it
    /// between finding and clicking.
    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            match self.find(css).await.click().await {
                Ok(()) => return,
                Err(_) if started.elapsed() < Duration::from_secs(10) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(err) => panic!("click '{css}': {err}"),
            }
        }
    }

    /// Follows a link in the main navigation and waits for the screen.
    pub async fn navigate(&self, hash: &str, screen: &str) {
        self.click(&format!("nav a[href='{hash}']")).await;
        self.find(&format!("[data-screen='{screen}'] h1")).await;
    }

    /// The text of an element.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("element text")
    }

    /// An attribute of an element.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.expect("attribute")
    }

    /// Chooses an option of a select by its value.
    pub async fn choose(&self, css: &str, value: &str) {
        self.find(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|err| panic!("choose '{value}' in '{css}': {err}"));
    }

    /// Waits until an element's text contains `expected`.
    pub async fn wait_for_text_containing(&self, css: &str, expected: &str) {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return;
            }
            if started.elapsed() > Duration::from_secs(10) {
                let name = format!(
                    "failure-{}",
                    expected.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
                );
                self.screenshot(&name).await;
                panic!(
                    "'{css}' shows '{text}', expected it to contain '{expected}' (see {name}.png)"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls an element to the top of the window (for a screenshot of it).
    pub async fn scroll_to(&self, css: &str) {
        self.find(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); return true;",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .expect("scroll");
    }

    /// Waits until an element is shown.
    pub async fn wait_displayed(&self, css: &str) {
        let started = Instant::now();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if element.is_displayed().await.unwrap_or(false) {
                    return;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "'{css}' never shown"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs axe-core on the page and fails on any serious or critical
    /// violation of WCAG 2.2 A/AA.
    pub async fn check_accessibility(&self, screen: &str) {
        let axe = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tools/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).unwrap_or_else(|err| {
            panic!("{}: {err} (scripts/test installs axe-core)", axe.display())
        });
        self.client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                   .then(r => done(JSON.stringify(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))))
                   .catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e)}])));",
                vec![],
            )
            .await
            .expect("run axe-core");
        let violations = result.as_str().unwrap_or("[]");
        assert_eq!(
            violations, "[]",
            "accessibility violations on the {screen} screen"
        );
    }

    /// Saves a screenshot as `artifacts/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // Let the last DOM change reach the screen before shooting.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../artifacts/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Ends the session and stops the driver.
    pub async fn finish(mut self) {
        let client = self.client.clone();
        client.close().await.expect("close the WebDriver session");
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        // SIGTERM, not SIGKILL, so tauri-driver also stops WebKitWebDriver.
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let _ = self.driver.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            self.stop_driver();
        }
    }
}
