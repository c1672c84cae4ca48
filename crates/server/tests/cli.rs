//! The batch commands, run as a person or a tool runs them: the real `vigie` binary, JSON
//! Lines on stdin.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// Runs `vigie <command>` with `input` on stdin; returns the output lines and the exit code.
fn vigie(command: &str, input: &str) -> (Vec<Value>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vigie starts");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("input written");
    let out = child.wait_with_output().expect("vigie ends");
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    let lines = text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"))).collect();
    (lines, out.status.code().expect("exit code"))
}

#[test]
fn sla_gives_every_deadline_in_order() {
    let input = r#"{"id": "p2-friday", "priority": "P2", "contract": "standard", "reported_at": "2026-11-27T17:59:00+01:00", "on_site_required": false}
{"id": 7, "priority": "P1", "contract": "premium", "reported_at": "2026-11-27T17:59:00+01:00", "on_site_required": true, "acknowledged_at": "2026-11-27T18:30:00+01:00", "resolved_at": "2026-11-27T21:00:00+01:00"}
{"id": "p3", "priority": "P3", "contract": "essential", "reported_at": "2026-11-27T16:59:00Z", "on_site_required": true}
"#;
    let (lines, code) = vigie("sla", input);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 3);
    let keys: Vec<&str> = lines[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "take_charge_due", "on_site_due", "intervention_due", "next_update_due", "postmortem_due"]);
    assert_eq!(lines[0]["id"], "p2-friday");
    assert_eq!(lines[0]["take_charge_due"], "2026-11-30T10:59:00Z");
    assert_eq!(lines[0]["on_site_due"], Value::Null);
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["take_charge_due"], "2026-11-27T17:59:00Z");
    assert_eq!(lines[1]["on_site_due"], "2026-11-27T18:59:00Z");
    assert_eq!(lines[1]["next_update_due"], "2026-11-27T18:30:00Z");
    assert_eq!(lines[1]["postmortem_due"], "2026-12-04T17:00:00Z");
    assert_eq!(lines[2]["take_charge_due"], "2026-12-02T10:59:00Z");
    assert_eq!(lines[2]["intervention_due"], "2026-12-04T17:00:00Z");
    assert_eq!(lines[2]["next_update_due"], Value::Null);
}

#[test]
fn sla_reads_custom_calendars() {
    let input = r#"{"id": "24-7", "priority": "P2", "reported_at": "2026-03-29T00:30:00+01:00", "calendar": {"holidays": "NONE", "hours": {"sun": [["00:00", "24:00"]]}}}
{"id": "alsace", "priority": "P2", "reported_at": "2026-04-02T17:00:00+02:00", "calendar": {"time_zone": "Europe/Paris", "holidays": "FR-ALSACE-MOSELLE", "closed_dates": ["2026-04-07"]}}
"#;
    let (lines, code) = vigie("sla", input);
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(lines[0]["take_charge_due"], "2026-03-29T03:30:00Z");
    // Good Friday, the weekend, Easter Monday and a closed Tuesday: Wednesday 11:00.
    assert_eq!(lines[1]["take_charge_due"], "2026-04-08T09:00:00Z");
}

#[test]
fn sla_answers_the_same_whatever_the_offset() {
    let line = |at: &str| format!(r#"{{"id": 1, "priority": "P3", "reported_at": "{at}"}}"#);
    let input =
        [line("2026-11-27T17:59:00+01:00"), line("2026-11-27T16:59:00Z"), line("2026-11-28T02:29:00+09:30")].join("\n");
    let (lines, code) = vigie("sla", &input);
    assert_eq!(code, 0);
    assert_eq!(lines[0], lines[1]);
    assert_eq!(lines[1], lines[2]);
}

#[test]
fn a_bad_line_gets_an_error_and_the_run_goes_on() {
    let input = r#"{"id": "ok1", "priority": "P1", "reported_at": "2026-11-27T17:59:00+01:00"}
{"id": "p4", "priority": "P4", "reported_at": "2026-11-27T17:59:00+01:00"}
{"id": "date", "priority": "P1", "reported_at": "2026-02-30T10:00:00+01:00"}
{"id": "tz", "priority": "P2", "reported_at": "2026-11-27T17:59:00+01:00", "calendar": {"time_zone": "Europe/Lyon"}}
{"id": "hours", "priority": "P2", "reported_at": "2026-11-27T17:59:00+01:00", "calendar": {"hours": {"mon": [["18:00", "08:00"]]}}}
{"id": "closed", "priority": "P2", "reported_at": "2026-11-27T17:59:00+01:00", "calendar": {"hours": {}}}
{"id": "order", "priority": "P1", "reported_at": "2026-11-27T17:59:00+01:00", "acknowledged_at": "2026-11-27T17:00:00+01:00"}
{"id": "missing", "priority": "P1"}
{"id": "contract", "priority": "P1", "contract": "gold", "reported_at": "2026-11-27T17:59:00+01:00"}
this is not JSON
[1, 2]

{"id": "ok2", "priority": "P3", "reported_at": "2026-11-27T17:59:00+01:00"}
"#;
    let (lines, code) = vigie("sla", input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 13, "one answer per input line");
    let error = |i: usize| lines[i]["error"].as_str().unwrap_or_else(|| panic!("line {i}: {}", lines[i])).to_string();
    assert_eq!(lines[0]["id"], "ok1");
    assert!(lines[0].get("error").is_none());
    assert!(error(1).contains("priority") && error(1).contains("P4"), "{}", error(1));
    assert_eq!(lines[1]["id"], "p4");
    assert!(error(2).contains("reported_at"), "{}", error(2));
    assert!(error(3).contains("unknown time zone \"Europe/Lyon\""), "{}", error(3));
    assert!(error(4).contains("08:00 is not after 18:00"), "{}", error(4));
    assert!(error(5).contains("no opening hours"), "{}", error(5));
    assert!(error(6).contains("acknowledged_at: is before reported_at"), "{}", error(6));
    assert!(error(7).contains("reported_at: missing"), "{}", error(7));
    assert!(error(8).contains("unknown contract \"gold\""), "{}", error(8));
    assert!(error(9).contains("not valid JSON"));
    assert_eq!(lines[9]["id"], Value::Null);
    assert!(error(10).contains("expected a JSON object"));
    assert!(error(11).contains("not valid JSON"));
    assert_eq!(lines[12]["id"], "ok2");
}

#[test]
fn classify_answers_priority_rule_reasons_and_matches() {
    let input = r#"{"id": "text", "text": "Plus aucune caméra ne fonctionne sur le site"}
{"id": "answers", "answers": {"system": "access_control", "scope": "one_device", "symptom": "degraded", "sensitive_zone": true}}
{"id": "both", "text": "affichage lent", "answers": {"intrusion_detected": true}}
{"id": "negated", "text": "aucune intrusion, pas de panne totale, l'interface rame"}
{"id": "bad", "answers": {"system": "toaster"}}
{"id": "empty"}
"#;
    let (lines, code) = vigie("classify", input);
    assert_eq!(code, 1);
    let keys: Vec<&str> = lines[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "priority", "rule", "reasons", "matched"]);
    assert_eq!(
        (lines[0]["priority"].as_str(), lines[0]["rule"].as_str()),
        (Some("P1"), Some("text.video_total_outage"))
    );
    // The words as the client wrote them, accents kept.
    assert_eq!(lines[0]["matched"][0], "Plus aucune caméra");
    assert!(lines[0]["reasons"][0]["fr"].as_str().unwrap().contains("vidéoprotection"));
    assert!(lines[0]["reasons"][0]["en"].as_str().unwrap().contains("video"));
    assert_eq!(lines[1]["priority"], "P2");
    assert_eq!(lines[1]["rule"], "answers.device_down_sensitive_zone");
    assert_eq!(lines[2]["priority"], "P1");
    // One decision and one explanation: the rule, then what was understood.
    assert_eq!(lines[2]["rule"], "answers.intrusion");
    assert_eq!(lines[2]["reasons"].as_array().unwrap().len(), 2);
    assert!(lines[2]["reasons"][1]["en"].as_str().unwrap().contains("intrusion"), "{}", lines[2]);
    assert_eq!(lines[3]["priority"], "P3");
    assert!(lines[4]["error"].as_str().unwrap().contains("answers: unknown variant `toaster`"));
    assert!(lines[5]["error"].as_str().unwrap().contains("give a text, answers, or both"));
}

#[test]
fn unknown_command_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_vigie")).arg("frobnicate").output().expect("vigie runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command \"frobnicate\""));
}

#[test]
fn api_token_names_a_missing_organisation() {
    let dir = std::env::temp_dir().join(format!("vigie-cli-token-{}", std::process::id()));
    let url = format!("sqlite://{}/vigie.db", dir.display());
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["api-token", "Nobody Inc", "--database-url", &url])
        .output()
        .expect("vigie runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no organisation named \"Nobody Inc\""),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_vigie")).args(["api-token"]).output().expect("vigie runs");
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn password_creates_the_first_administrator_or_sets_a_password() {
    let dir = std::env::temp_dir().join(format!("vigie-cli-password-{}", std::process::id()));
    let url = format!("sqlite://{}/vigie.db", dir.display());
    let run = |username: &str, password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
            .args(["password", username, "--database-url", &url])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("vigie starts");
        child.stdin.take().expect("stdin").write_all(format!("{password}\n").as_bytes()).expect("password written");
        let out = child.wait_with_output().expect("vigie ends");
        (out.status.code().expect("exit code"), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (code, said) = run("chef", "un mot de passe solide");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("created the administrator \"chef\""), "{said}");
    let (code, said) = run("chef", "un autre mot de passe");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("set the password of \"chef\""), "{said}");
    // Too short, or the username itself: refused, nothing changed.
    for password in ["court", "chef-de-salle-42"] {
        let username = if password == "court" { "chef" } else { "chef-de-salle-42" };
        let (code, said) = run(username, password);
        assert_eq!(code, 2, "{said}");
        assert!(said.contains("password"), "{said}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
