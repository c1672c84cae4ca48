//! Accessibility: axe-core, the rule engine behind browsers' accessibility audits, checks
//! every page of the app and of the back office against WCAG 2.1 levels A and AA, as each
//! kind of user sees it, with content in it: a suggestion shown, an incident with its
//! actions, a post-mortem draft, a review and a lesson, every administration tab.
//!
//! Each page is checked on a desktop and on a phone 320 CSS pixels wide, the width WCAG's
//! reflow criterion (1.4.10) names: there, the page must not scroll sideways (a wide table
//! scrolls in its own frame).
//!
//! axe-core's `axe.min.js` is read from `$VIGIE_AXE_JS`, by default
//! `target/axe-core/node_modules/axe-core/axe.min.js` (`cargo xtask test` installs it there
//! with npm), and injected into each page.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, click, script, SHOWN};
use crate::server::{Api, Vigie};
use crate::wait::until;
use crate::webdriver::Session;

/// The axe-core version `cargo xtask test` installs (keep in step with xtask).
const AXE_VERSION: &str = "4.14.1";

/// The WCAG levels checked: 2.0 and 2.1, A and AA.
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// How long one axe run may take: the audit log and the calendar editor are large pages.
const AXE_TIMEOUT: Duration = Duration::from_secs(45);

/// The windows every page is checked in.
const WINDOWS: [(&str, Window); 2] = [
    ("desktop", Window::Desktop { width: 1280, height: 900 }),
    ("phone", Window::Phone { width: 320, height: 640, pixel_ratio: 2.0 }),
];

/// Runs axe and gives back what a person fixing the page needs: each violation's rule,
/// impact, help and a few of the elements at fault, with what is wrong with the first one.
const RUN_AXE: &str = "
    const done = arguments[arguments.length - 1];
    axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
        .then(result => done({
            violations: result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
                targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
                summary: v.nodes.length ? v.nodes[0].failureSummary : '',
            })),
        }))
        .catch(e => done({ error: String(e) }));
";

/// Records every refusal of the page's Content-Security-Policy (an inline script, a style
/// attribute, a request to another origin) from the document's start.
const WATCH_CSP: &str = "
    window.__e2e_csp = [];
    document.addEventListener('securitypolicyviolation', e =>
        window.__e2e_csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
";

/// How wide the page is against the viewport, and the outermost elements that stick out
/// on the right (tag, class, right edge), if any.
const OVERFLOW: &str = "
    const width = document.documentElement.clientWidth;
    const out = e => e.getBoundingClientRect().right > width + 1;
    const sticking = [...document.body.querySelectorAll('*')]
        .filter(e => out(e) && !(e.parentElement && e.parentElement !== document.body && out(e.parentElement)))
        .slice(0, 5)
        .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className.toString().split(' ').join('.') : ''} (${Math.round(e.getBoundingClientRect().right)} px)`);
    return { width, scroll: document.documentElement.scrollWidth, sticking };
";

/// The internal codes a page shows its reader (`client_portal`, `take_charge`, …): every
/// snake_case word of the visible text, outside what is marked as raw data (`data-raw`,
/// the audit log's records) and outside folded `<details>`.
const INTERNAL_CODES: &str = "
    const codes = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (!parent || parent.closest('[data-raw], script, style, noscript') || !parent.checkVisibility()) continue;
        for (const m of walker.currentNode.textContent.matchAll(/(?<![@\\w.\\/-])[a-z]+(?:_[a-z]+)+(?![\\w@])/g)) codes.add(m[0]);
    }
    return [...codes];
";

/// Pages are checked in French on a desktop and in English on a phone: both languages are
/// scanned for internal codes.
async fn speak(session: &Session, vigie: &Vigie, device: &str) {
    pages::go(session, &vigie.url("/login")).await;
    let lang = if device == "phone" { "en" } else { "fr" };
    script(session, "localStorage.setItem('vigie.lang', arguments[0])", json!([lang])).await;
}

/// The app's pages: login, reporting with the suggestion shown, the incidents, one incident
/// with a technician's actions, a post-mortem draft and the supervisor's wall.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_pages_pass_axe_core_on_a_desktop_and_a_phone() {
    let mut audit = Audit::new();
    let vigie = Vigie::start().await;
    let (client, tech) = (vigie.api("client").await, vigie.api("tech").await);
    let open = client.report("Caméra HS dans le parking").await;
    let recurrent = client.report("Encore une caméra HS").await;
    assert_eq!(recurrent["recurrent"], true, "{recurrent}");
    let postmortem = resolved_p1(&client, &tech, "Intrusion détectée sur le serveur VMS").await;
    let driver = ChromeDriver::start().await;

    for window in WINDOWS {
        let session = audit.open(&driver, window).await;
        speak(&session, &vigie, window.0).await;

        pages::go(&session, &vigie.url("/login")).await;
        pages::element(&session, "[data-testid=login-submit]").await;
        audit.page(&session, "/login").await;

        pages::login(&session, &vigie, "client").await;
        pages::go(&session, &vigie.url("/report")).await;
        pages::choose(&session, "[data-testid=report-site]", "Demo Client").await;
        pages::type_into(
            &session,
            "[data-testid=report-description]",
            "Plus aucune caméra ne fonctionne sur le site, intrusion détectée",
        )
        .await;
        until("the suggestion P1", SHOWN, async || {
            pages::text(&session, "[data-testid=suggested-priority]").await.filter(|t| t.contains("P1"))
        })
        .await;
        pages::shown_text(&session, "[data-testid=sla-countdown]").await;
        audit.page(&session, "/report (client, suggestion shown)").await;

        pages::go(&session, &vigie.url("/incidents")).await;
        pages::element(&session, "[data-testid=incident-row]").await;
        audit.page(&session, "/incidents (client)").await;

        pages::login(&session, &vigie, "tech").await;
        pages::go(&session, &vigie.url(&format!("/incidents/{}", recurrent["id"]))).await;
        pages::element(&session, "[data-testid=action-acknowledge]").await;
        pages::element(&session, "[data-testid=timeline] li").await;
        pages::element(&session, "[data-testid=countdown]").await;
        audit.page(&session, "/incidents/{id} (technician, recurrent incident)").await;

        pages::go(&session, &vigie.url(&format!("/incidents/{}", open["id"]))).await;
        pages::element(&session, "[data-testid=action-acknowledge]").await;
        audit.page(&session, "/incidents/{id} (technician)").await;

        pages::go(&session, &vigie.url(&format!("/postmortems/{postmortem}"))).await;
        pages::element(&session, "[data-testid=countdown]").await;
        pages::element(&session, "[data-testid=postmortem-missing] li").await;
        audit.page(&session, "/postmortems/{id} (technician, draft)").await;

        pages::login(&session, &vigie, "supervisor").await;
        pages::go(&session, &vigie.url("/wall")).await;
        until("the wall's tiles, live", SHOWN, async || {
            let tiles = script(
                &session,
                "return document.querySelectorAll('[data-testid=wall-tile] [data-testid=countdown]').length",
                json!([]),
            )
            .await;
            let live = pages::attribute(&session, "[data-testid=connection-state]", "data-state").await;
            (tiles.as_u64() >= Some(2) && live.as_deref() == Some("open")).then_some(())
        })
        .await;
        audit.page(&session, "/wall (supervisor)").await;
    }

    audit.assert_clean();
}

/// The back office: every administration tab with a row picked (the site's calendar editor
/// and its preview), the SLA report with its charts, the reviews and lessons learned.
#[tokio::test(flavor = "multi_thread")]
async fn the_back_office_pages_pass_axe_core_on_a_desktop_and_a_phone() {
    let mut audit = Audit::new();
    let vigie = Vigie::start().await;
    let (client, tech, admin) = (vigie.api("client").await, vigie.api("tech").await, vigie.api("admin").await);
    client.report("Caméra HS dans le parking").await;
    client.report("Encore une caméra HS").await;
    let postmortem = resolved_p1(&client, &tech, "Intrusion détectée sur le serveur VMS").await;
    // Published, the post-mortem makes a lesson learned.
    let path = format!("/api/postmortems/{postmortem}");
    let mut document = tech.get(&path).await["document"].clone();
    document["corrective_measures"] = json!(["Mots de passe changés"]);
    document["preventive_measures"] = json!(["Audit trimestriel des comptes"]);
    document["plan"] = json!([{ "action": "Audit des comptes", "owner": "Équipe N2", "due": "2026-12-15" }]);
    tech.put(&path, document).await;
    tech.post(&format!("{path}/publish"), json!({})).await;
    // Something in the audit log.
    let organisation = admin.get("/api/admin/organisations").await[0]["id"].clone();
    admin.post(&format!("/api/admin/organisations/{organisation}/token"), json!({})).await;
    let driver = ChromeDriver::start().await;

    for window in WINDOWS {
        let session = audit.open(&driver, window).await;
        speak(&session, &vigie, window.0).await;

        pages::login(&session, &vigie, "admin").await;
        pages::go(&session, &vigie.url("/admin")).await;
        click(&session, "[data-testid=admin-organisation] button").await;
        pages::element(&session, "[data-testid=token-create]").await;
        audit.page(&session, "/admin, organisations (one picked)").await;

        click(&session, "[data-testid=admin-tab-policies]").await;
        click(&session, "[data-testid=admin-policy] button").await;
        pages::element(&session, "[data-testid=policy-json]").await;
        audit.page(&session, "/admin, contracts (one picked)").await;

        click(&session, "[data-testid=admin-tab-sites]").await;
        click(&session, "[data-testid=admin-site] button").await;
        until("the calendar preview of the site", SHOWN, async || {
            let days =
                script(&session, "return document.querySelectorAll('[data-testid=preview-day]').length", json!([]))
                    .await;
            (days == json!(30)).then_some(())
        })
        .await;
        audit.page(&session, "/admin, sites (one picked, calendar editor)").await;

        click(&session, "[data-testid=admin-tab-users]").await;
        click(&session, "[data-testid=admin-user] button").await;
        pages::element(&session, "[data-testid=user-account]").await;
        audit.page(&session, "/admin, users (one picked)").await;

        click(&session, "[data-testid=admin-tab-audit]").await;
        pages::element(&session, "[data-testid=audit-entry]").await;
        audit.page(&session, "/admin, audit log").await;

        pages::go(&session, &vigie.url("/reports")).await;
        pages::element(&session, "[data-testid=chart-priority] g[data-priority=P1]").await;
        audit.page(&session, "/reports (administrator)").await;

        pages::login(&session, &vigie, "tech").await;
        pages::go(&session, &vigie.url("/lessons")).await;
        pages::element(&session, "[data-testid=review] [data-testid=proposal-save]").await;
        pages::element(&session, "[data-testid=lesson]").await;
        audit.page(&session, "/lessons (technician)").await;

        pages::go(&session, &vigie.url("/oncall")).await;
        pages::element(&session, "[data-testid=on-duty]").await;
        audit.page(&session, "/oncall (technician)").await;

        pages::login(&session, &vigie, "client").await;
        pages::go(&session, &vigie.url("/reports")).await;
        pages::element(&session, "[data-testid=chart-priority] g[data-priority=P1]").await;
        audit.page(&session, "/reports (client)").await;

        pages::go(&session, &vigie.url("/contacts")).await;
        pages::element(&session, "[data-testid=contact] [data-testid=contact-email]").await;
        pages::element(&session, "[data-testid=site-contact]").await;
        audit.page(&session, "/contacts (client)").await;
    }

    audit.assert_clean();
}

/// Reports a P1 as `client`, has `tech` take charge and resolve it; the id of the
/// post-mortem draft the resolution opens.
async fn resolved_p1(client: &Api, tech: &Api, description: &str) -> i64 {
    let incident = client.report(description).await;
    assert_eq!(incident["priority"], "P1", "{incident}");
    let id = &incident["id"];
    tech.post(&format!("/api/incidents/{id}/acknowledge"), json!({})).await;
    let resolution = json!({ "root_cause": "Mot de passe par défaut", "actions": "Comptes réinitialisés", "security_data_impact": "Aucune image perdue", "personal_data_lost": false });
    tech.post(&format!("/api/incidents/{id}/resolve"), resolution).await;
    tech.get(&format!("/api/incidents/{id}/postmortem")).await["id"]
        .as_i64()
        .expect("a P1 resolved has a post-mortem draft")
}

/// The problems found so far, page by page.
pub(crate) struct Audit {
    axe: String,
    /// The window of the pages being checked: `desktop` or `phone`.
    device: &'static str,
    found: Vec<String>,
}

impl Audit {
    pub(crate) fn new() -> Audit {
        Audit { axe: axe_source(), device: "", found: Vec::new() }
    }

    /// Opens a browser in this window for the pages that follow.
    pub(crate) async fn open(&mut self, driver: &ChromeDriver, (device, window): (&'static str, Window)) -> Session {
        self.device = device;
        let session = driver.session(window).await;
        session.set_script_timeout(AXE_TIMEOUT).await.unwrap_or_else(|e| panic!("set the script timeout: {e}"));
        session
            .devtools("Page.addScriptToEvaluateOnNewDocument", json!({ "source": WATCH_CSP }))
            .await
            .unwrap_or_else(|e| panic!("watch the Content-Security-Policy: {e}"));
        session
    }

    /// Runs axe on the page as it is now and, on a phone, checks that the page does not
    /// scroll sideways; notes what is wrong under `page`.
    pub(crate) async fn page(&mut self, session: &Session, page: &str) {
        let page = format!("{page} [{}]", self.device);
        if script(session, "return typeof window.axe", json!([])).await != "object" {
            session.execute(&self.axe, json!([])).await.unwrap_or_else(|e| panic!("inject axe-core into {page}: {e}"));
        }
        let result =
            session.execute_async(RUN_AXE, json!([TAGS])).await.unwrap_or_else(|e| panic!("axe-core on {page}: {e}"));
        if let Some(error) = result["error"].as_str() {
            panic!("axe-core on {page}: {error}");
        }
        let violations = result["violations"].as_array().cloned().unwrap_or_default();
        eprintln!("axe-core on {page}: {} violation(s)", violations.len());
        // Whatever the page did since it loaded: nothing the Content-Security-Policy refused.
        let refused = script(session, "return window.__e2e_csp || []", json!([])).await;
        if let Some(refused) = refused.as_array().filter(|r| !r.is_empty()) {
            self.found.push(format!("[serious] Content-Security-Policy on {page}: refused {refused:?}"));
        }
        self.found.extend(violations.iter().map(|v| describe(&page, v)));
        let codes = script(session, INTERNAL_CODES, json!([])).await;
        if let Some(codes) = codes.as_array().filter(|c| !c.is_empty()) {
            self.found.push(format!("[serious] internal codes shown on {page}: {codes:?}"));
        }

        if self.device == "phone" {
            let overflow = script(session, OVERFLOW, json!([])).await;
            let (width, scroll) = (overflow["width"].as_u64(), overflow["scroll"].as_u64());
            if scroll > width {
                self.found.push(format!(
                    "[serious] reflow (WCAG 1.4.10) on {page}: the page is {} px wide on a {} px \
                     screen and scrolls sideways; sticking out: {}",
                    scroll.unwrap_or(0),
                    width.unwrap_or(0),
                    overflow["sticking"]
                ));
            }
        }
    }

    pub(crate) fn assert_clean(&self) {
        assert!(
            self.found.is_empty(),
            "axe-core {AXE_VERSION} and the reflow check found {} problem(s):\n\n{}",
            self.found.len(),
            self.found.join("\n\n")
        );
    }
}

/// One violation, for the failure message: rule, impact and page, what to do, where.
fn describe(page: &str, violation: &Value) -> String {
    let s = |key: &str| violation[key].as_str().unwrap_or_default().to_string();
    let targets = violation["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|t| format!("      {t}"))
        .collect::<Vec<_>>()
        .join("\n");
    let count = violation["count"].as_u64().unwrap_or(0);
    let summary = s("summary").replace('\n', "\n      ");
    format!(
        "[{}] {} on {page}: {} ({})\n    {count} element(s), among them:\n{targets}\n    first: {summary}",
        s("impact"),
        s("id"),
        s("help"),
        s("helpUrl"),
    )
}

/// The text of `axe.min.js`: `$VIGIE_AXE_JS`, else the copy `cargo xtask test` installs.
fn axe_source() -> String {
    let path = std::env::var_os("VIGIE_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::workspace().join("target/axe-core/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read axe-core from {} ({e}): install it with `npm install --prefix \
             target/axe-core --no-save --no-audit --no-fund axe-core@{AXE_VERSION}` at the \
             workspace root (`cargo xtask test` does), or set VIGIE_AXE_JS to an axe.min.js",
            path.display()
        )
    })
}
