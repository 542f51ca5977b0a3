//! `wirewatch replay` on the real broker (started by deploy/test.sh): every
//! line is produced and acknowledged, and progress goes to stderr.

mod common;

use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

#[tokio::test(flavor = "multi_thread")]
async fn replay_reports_progress_and_the_final_count_on_stderr() {
    require_broker();
    let prefix = format!("{}.", unique("replay"));
    create_topics(&prefix).await;
    let topic = format!("{prefix}wire.stories.raw");
    let n = 2500;
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirewatch"))
        .args(["replay", "-", "--brokers", &brokers(), "--topic", &topic])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for i in 0..n {
            let line =
                serde_json::json!({"key": format!("r-{i}"), "payload": format!("story {i}")});
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("replay: {n} stories sent, {n} acknowledged")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("produced {n} stories to {topic}")),
        "{stderr}"
    );
    let got = consume(&topic, n, std::time::Duration::from_secs(60));
    assert_eq!(got.len(), n);
}
