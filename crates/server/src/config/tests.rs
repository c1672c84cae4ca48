//! The configuration file as an operator writes it: what is read, what is refused.

use super::*;

/// Writes `text` to a file of its own and loads it. The tests run in parallel threads of one
/// process: each file needs a name no other test uses at the same time, which neither the
/// process id nor the text's length gives.
fn load(text: &str) -> Result<Config, Error> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("vigie-config-{}-{n}.toml", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let config = Config::load(&path);
    let _ = std::fs::remove_file(path);
    config
}

#[test]
fn reads_smtp_sms_and_a_contract_policy() {
    let config = load(
        r#"
        spool_dir = "/var/spool/vigie"
        [smtp]
        host = "smtp.example.fr"
        tls = "tls"
        port = 465
        from = "Vigie <vigie@example.fr>"
        [sms]
        url = "https://sms.example.fr/v1/messages"
        token = "secret"
        [policies.premium]
        take_charge = { P1 = { kind = "elapsed", minutes = 30 } }
        on_site = {}
        intervention_planned = {}
        client_update = {}
        postmortem = {}
        at_risk_percent = 80
        gdpr_notice = { kind = "elapsed", minutes = 720 }
        authority_notice = { kind = "elapsed", minutes = 4320 }
        "#,
    )
    .unwrap();
    assert_eq!(config.smtp.as_ref().unwrap().tls, SmtpTls::Tls);
    assert_eq!(config.sms.as_ref().unwrap().body, default_sms_body());
    assert_eq!(config.spool_dir(), PathBuf::from("/var/spool/vigie"));
    let premium = config.policy(Contract::Premium);
    assert_eq!(premium.at_risk_percent, 80);
    assert_eq!(config.policy(Contract::Standard), Policy::for_contract(Contract::Standard));
}

#[test]
fn the_second_level_is_named_and_reachable() {
    let config = load(
        "[escalation]\nname = \"Claire Martin, directrice des opérations\"\nemail = \"direction@example.fr\"\nphone = \"+33612345678\"\n",
    )
    .unwrap();
    assert_eq!(config.escalation.unwrap().phone.as_deref(), Some("+33612345678"));
    let unreachable = load("[escalation]\nname = \"Claire Martin\"\n").unwrap_err().to_string();
    assert!(unreachable.contains("escalation needs an email or a phone"), "{unreachable}");
    let nameless = load("[escalation]\nname = \" \"\nemail = \"direction@example.fr\"\n").unwrap_err().to_string();
    assert!(nameless.contains("escalation.name"), "{nameless}");
    let not_email = load("[escalation]\nname = \"C\"\nemail = \"direction\"\n").unwrap_err().to_string();
    assert!(not_email.contains("escalation.email"), "{not_email}");
}

#[test]
fn refuses_what_it_cannot_use() {
    let bad_contract = load("[policies.gold]\ntake_charge = {}\non_site = {}\nintervention_planned = {}\nclient_update = {}\npostmortem = {}\nat_risk_percent = 75\ngdpr_notice = { kind = \"elapsed\", minutes = 1 }\nauthority_notice = { kind = \"elapsed\", minutes = 1 }\n");
    assert!(bad_contract.unwrap_err().to_string().contains("policies.gold"));
    let bad_ratio = load("[policies.standard]\ntake_charge = {}\non_site = {}\nintervention_planned = {}\nclient_update = {}\npostmortem = {}\nat_risk_percent = 0\ngdpr_notice = { kind = \"elapsed\", minutes = 1 }\nauthority_notice = { kind = \"elapsed\", minutes = 1 }\n");
    assert!(bad_ratio.unwrap_err().to_string().contains("at_risk_percent"));
    let e = load("[smtp]\nhost = 3\n").unwrap_err().to_string();
    assert!(e.contains("host") && e.contains("string"), "{e}");
    assert!(load("[sms]\nurl = \"http://x\"\nbody = \"not json\"\n").unwrap_err().to_string().contains("sms.body"));
    assert!(load("colour = \"red\"\n").unwrap_err().to_string().contains("colour"));
    assert!(load("public_origin = \"vigie.example.fr\"\n").unwrap_err().to_string().contains("public_origin"));
    assert!(load("metrics_token = \"short\"\n").unwrap_err().to_string().contains("metrics_token"));
    assert!(load("[http]\nheader_read_timeout_secs = 0\n")
        .unwrap_err()
        .to_string()
        .contains("header_read_timeout_secs"));
    assert!(load("trusted_proxies = [\"proxy\"]\n").unwrap_err().to_string().contains("trusted_proxies"));
}

#[test]
fn reads_the_operations_keys() {
    let config = load(
        r#"
        metrics_token = "0123456789abcdef"
        public_origin = "https://vigie.example.fr"
        trusted_proxies = ["127.0.0.1", "::1"]
        [http]
        header_read_timeout_secs = 5
        [login]
        password_checks = 1
        "#,
    )
    .unwrap();
    assert_eq!(config.trusted_proxies.len(), 2);
    assert_eq!(config.http.header_read_timeout_secs, 5);
    assert_eq!(config.http.request_timeout_secs, Http::default().request_timeout_secs);
    assert_eq!((config.login.password_checks, config.login.failed_per_minute), (1, 600));
}
