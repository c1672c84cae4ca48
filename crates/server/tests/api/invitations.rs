//! Invitations: an account made without a password, its link emailed through a real SMTP
//! server, the password chosen once by its owner, the link then spent; a new invitation
//! replaces the old one.

use serde_json::json;

use crate::harness::{fresh_database, temp_dir, Backend, TestServer};
use crate::notifications::{config, SmsGateway, SmtpServer};

/// The token in the link of the last invitation emailed to `address`.
async fn link_token(smtp: &mut SmtpServer, address: &str, count: usize) -> String {
    smtp.wait_until("the invitation email", |mails| {
        mails.iter().filter(|m| m["rcpt_tos"][0] == address).count() >= count
    })
    .await;
    let mail = smtp
        .with_subject("choisissez votre mot de passe")
        .into_iter()
        .filter(|m| m["rcpt_tos"][0] == address)
        .nth(count - 1)
        .expect("the invitation");
    let body = mail["body"].as_str().unwrap_or_default().to_string();
    let link = body.lines().find(|l| l.contains("/invitation#")).unwrap_or_else(|| panic!("a link in {body}"));
    link.trim().split_once('#').map(|(_, token)| token.to_string()).expect("a token after #")
}

/// The status of a login with this pair.
async fn login_status(server: &TestServer, username: &str, password: &str) -> u16 {
    server.anonymous().post("/api/login", &json!({ "username": username, "password": password })).await.status
}

pub async fn an_invited_person_chooses_their_password_once(backend: Backend) {
    let dir = temp_dir("invitations");
    let smtp = SmtpServer::start(&dir).await;
    let mut smtp = smtp;
    let gateway = SmsGateway::start(0).await;
    let database_url = fresh_database(backend, &dir).await;
    let server = TestServer::start_on(dir.clone(), database_url, config(&dir, smtp.port, &gateway)).await;
    let admin = server.login("admin").await;
    let organisation = admin.get("/api/admin/organisations").await.json[0]["id"].as_i64().unwrap();
    let address = "lea.dubois@demo-client.example";

    // No password and no email: nobody could ever log in.
    let r = admin.post("/api/admin/users", &json!({ "username": "lea", "display_name": "Léa Dubois", "role": "client", "organisation_id": organisation })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("email")), "{}", r.text);

    let r = admin.post("/api/admin/users", &json!({ "username": "lea", "display_name": "Léa Dubois", "role": "client", "organisation_id": organisation, "email": address, "phone": "06 12" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("phone")), "{}", r.text);
    let r = admin.post("/api/admin/users", &json!({ "username": "lea", "display_name": "Léa Dubois", "role": "client", "organisation_id": organisation, "email": address, "phone": "+33611223344" })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["invited"], true);
    let id = r.json["id"].as_i64().unwrap();
    let token = link_token(&mut smtp, address, 1).await;
    assert_eq!(token.len(), 64, "{token}");

    // Until then, no password opens the account, not even an empty one.
    assert_eq!(login_status(&server, "lea", "").await, 401);
    assert_eq!(login_status(&server, "lea", "!invited").await, 401);

    // A password refused is said; the link still works after.
    let anonymous = server.anonymous();
    let r = anonymous.post("/api/invitations/accept", &json!({ "token": token, "password": "court" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("password")), "{}", r.text);
    let r = anonymous
        .post("/api/invitations/accept", &json!({ "token": token, "password": "un mot de passe à moi" }))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(login_status(&server, "lea", "un mot de passe à moi").await, 200);
    let lea = server.login_with("lea", "un mot de passe à moi").await;
    assert_eq!(lea.get("/api/me").await.json["phone"], "+33611223344", "her phone, offered when she reports");

    // Spent: the same link again, or a made-up one, is refused by name.
    let r = anonymous
        .post("/api/invitations/accept", &json!({ "token": token, "password": "un autre mot de passe" }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("token")), "{}", r.text);
    let r = anonymous
        .post("/api/invitations/accept", &json!({ "token": "0".repeat(64), "password": "un autre mot de passe" }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("token")), "{}", r.text);

    // Forgotten: a new invitation; the earlier unused link stops working.
    assert_eq!(admin.post_empty(&format!("/api/admin/users/{id}/invite")).await.status, 204);
    let first = link_token(&mut smtp, address, 2).await;
    assert_eq!(admin.post_empty(&format!("/api/admin/users/{id}/invite")).await.status, 204);
    let second = link_token(&mut smtp, address, 3).await;
    // Léa's open event stream ends when the password is set through the link.
    let mut stream = crate::stream::Listener::open(&lea, None).await;
    let r = anonymous
        .post("/api/invitations/accept", &json!({ "token": first, "password": "encore un mot de passe" }))
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    let r = anonymous
        .post("/api/invitations/accept", &json!({ "token": second, "password": "encore un mot de passe" }))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    stream.end().await;
    assert_eq!(lea.get("/api/me").await.status, 401, "her session ended with the new password");
    assert_eq!(login_status(&server, "lea", "un mot de passe à moi").await, 401);
    assert_eq!(login_status(&server, "lea", "encore un mot de passe").await, 200);

    // Only an administrator invites; the invitation is in the audit log.
    let tech = server.login("tech").await;
    assert_eq!(tech.post_empty(&format!("/api/admin/users/{id}/invite")).await.status, 403);
    let audit = admin.get("/api/admin/audit").await.json;
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "invite" && e["entity_id"] == id), "{audit}");
}
