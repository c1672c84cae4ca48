//! `/api/sites` as the report page reads it: each site with the policy an incident reported
//! there now would be under, so that the page promises what the server will count.

use serde_json::{json, Value};
use vigie_engine::{Contract, Policy};

use crate::harness::{Backend, Client, TestServer};

fn policy_of(contract: Contract) -> Value {
    serde_json::to_value(Policy::for_contract(contract)).unwrap()
}

async fn site_named(caller: &Client, name: &str) -> Value {
    let sites = caller.get("/api/sites").await;
    assert_eq!(sites.status, 200, "{}", sites.text);
    sites
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no site {name} in {}", sites.text))
}

pub async fn each_site_carries_its_effective_policy(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, supervisor, admin) =
        (server.login("client").await, server.login("supervisor").await, server.login("admin").await);

    // By default, each contract's: standard for the Demo Client, premium for the bank.
    assert_eq!(site_named(&client, "Siège Paris").await["policy"], policy_of(Contract::Standard));
    let bank_site = supervisor
        .get("/api/sites")
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["organisation_name"] == "Banque Premium")
        .cloned()
        .unwrap();
    assert_eq!(bank_site["policy"], policy_of(Contract::Premium));

    // The administrator gives the Demo Client a policy of its own: a P1 taken in charge
    // within 30 minutes instead of the standard contract's hour.
    let organisations = admin.get("/api/admin/organisations").await.json;
    let demo = organisations.as_array().unwrap().iter().find(|o| o["name"] == "Demo Client").cloned().unwrap();
    let mut own = policy_of(Contract::Standard);
    own["take_charge"]["P1"] = json!({ "kind": "elapsed", "minutes": 30 });
    let form = json!({ "name": demo["name"], "contract": demo["contract"], "contacts": demo["contacts"], "anonymous_lessons": demo["anonymous_lessons"], "policy": own });
    let r = admin.put(&format!("/api/admin/organisations/{}", demo["id"]), &form).await;
    assert_eq!(r.status, 200, "{}", r.text);

    // Its sites now carry it, to the client and to staff; the bank's do not.
    let paris = site_named(&client, "Siège Paris").await;
    assert_eq!(paris["policy"], own);
    assert_eq!(paris["contract"], "standard");
    assert_eq!(site_named(&supervisor, "Siège Paris").await["policy"], own);
    assert_eq!(
        site_named(&supervisor, bank_site["name"].as_str().unwrap()).await["policy"],
        policy_of(Contract::Premium)
    );

    // What the page previews is what the server records: an incident reported there now is
    // under the very same policy, due 30 minutes after the report.
    let incident = client.report(paris["id"].as_i64().unwrap(), "Plus aucune caméra ne fonctionne sur le site").await;
    assert_eq!(incident["policy"], paris["policy"]);
    let clock = incident["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "take_charge").unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(clock["due"].as_str().unwrap()).unwrap();
    let reported = chrono::DateTime::parse_from_rfc3339(incident["reported_at"].as_str().unwrap()).unwrap();
    assert_eq!((due - reported).num_minutes(), 30);

    // A contract's values changed by the administrator reach the organisations that follow
    // their contract, not those with their own.
    let mut faster = policy_of(Contract::Premium);
    faster["take_charge"]["P1"] = json!({ "kind": "elapsed", "minutes": 15 });
    assert_eq!(admin.put("/api/admin/policies/premium", &faster).await.status, 200);
    let mut standard = policy_of(Contract::Standard);
    standard["take_charge"]["P1"] = json!({ "kind": "elapsed", "minutes": 45 });
    assert_eq!(admin.put("/api/admin/policies/standard", &standard).await.status, 200);
    assert_eq!(site_named(&supervisor, bank_site["name"].as_str().unwrap()).await["policy"], faster);
    assert_eq!(site_named(&client, "Siège Paris").await["policy"], own);

    // Back to its contract's: the organisation's sites follow the contract's values again.
    let mut back = form.clone();
    back["policy"] = Value::Null;
    assert_eq!(admin.put(&format!("/api/admin/organisations/{}", demo["id"]), &back).await.status, 200);
    assert_eq!(site_named(&client, "Siège Paris").await["policy"], standard);
}
