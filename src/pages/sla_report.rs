//! The SLA compliance report (`/reports`): per organisation and month, the incidents by
//! priority and source, the promises kept on time, every breach with its delay and the
//! recurrent incidents. Staff choose the organisation; a client user sees its own. The
//! charts are SVG drawn here, each with its figures written out beside it.

use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::reports::SlaReport;

use crate::i18n::{t, use_lang, Lang, Tr};
use crate::wording::decimal;
use crate::{api, Session};

/// The page: which organisation and month, then the report.
#[component]
pub fn SlaReportPage() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let today = crate::clock::now_utc().date_naive();
    let month = RwSignal::new(format!("{:04}-{:02}", today.year(), today.month()));
    let own = session.user.get_untracked().and_then(|me| me.organisation_id);
    let organisation = RwSignal::new(own.map(|id| id.to_string()).unwrap_or_default());
    // Staff pick among the organisations of the sites they see.
    let organisations = RwSignal::new(Vec::<(i64, String)>::new());
    if own.is_none() {
        spawn_local(async move {
            let mut seen: Vec<(i64, String)> = api::sites()
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.organisation_id, s.organisation_name))
                .collect();
            seen.sort();
            seen.dedup();
            if let Some((first, _)) = seen.first() {
                organisation.update(|o| {
                    if o.is_empty() {
                        *o = first.to_string()
                    }
                });
            }
            organisations.set(seen);
        });
    }
    let report = RwSignal::new(None::<Result<SlaReport, String>>);
    let query = move || format!("/api/reports/sla?organisation={}&month={}", organisation.get(), month.get());
    Effect::new(move |_| {
        let path = query();
        if organisation.with(String::is_empty) {
            return;
        }
        report.set(None);
        api::load(&path, report);
    });
    view! {
        <main class="page wide">
            <h1><Tr fr="Rapport de conformité SLA" en="SLA compliance report" /></h1>
            <form class="report-query" on:submit=|ev| ev.prevent_default()>
                <Show when=move || own.is_none()>
                    <label><Tr fr="Organisation" en="Organisation" />
                        <select data-testid="report-organisation" prop:value=move || organisation.get() on:change=move |ev| organisation.set(event_target_value(&ev))>
                            {move || organisations.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </label>
                </Show>
                <label><Tr fr="Mois" en="Month" />
                    <input type="month" data-testid="report-month" prop:value=move || month.get() on:change=move |ev| month.set(event_target_value(&ev)) />
                </label>
                // A French spreadsheet opens `csv-fr` as it is (`;`, decimal commas, local times).
                <a class="button" data-testid="report-csv" href=move || format!("{}&format=csv-fr", query()) download><Tr fr="Télécharger pour un tableur" en="Download for a spreadsheet" /></a>
                <a data-testid="report-csv-raw" href=move || format!("{}&format=csv", query()) download><Tr fr="CSV brut (intégration)" en="Raw CSV (integration)" /></a>
            </form>
            {move || match report.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(report)) => view! { <SlaReportView report lang=lang.get() /> }.into_any(),
            }}
        </main>
    }
}

/// One promise kept or not, under its name.
struct Kept {
    label: &'static str,
    kept: vigie_api::reports::Kept,
}

impl Kept {
    /// `87,5 % (7/8)` in French, `87.5 % (7/8)` in English; `—` when nothing was due.
    fn figure(&self, lang: Lang) -> String {
        match self.kept.percent {
            Some(p) => format!("{} % ({}/{})", decimal(p, 1, lang), self.kept.on_time, self.kept.total),
            None => "—".into(),
        }
    }
}

/// The report itself (`GET /api/reports/sla`).
#[component]
pub fn SlaReportView(report: SlaReport, lang: Lang) -> impl IntoView {
    let priorities: Vec<(&str, u32)> =
        ["P1", "P2", "P3"].into_iter().map(|p| (p, report.by_priority.get(p).copied().unwrap_or(0))).collect();
    let kept = [
        (t(lang, "Prise en charge", "Take charge"), report.take_charge),
        (t(lang, "Départ sur site (P1)", "Dispatch on site (P1)"), report.on_site),
        (t(lang, "Intervention planifiée (P3)", "Planned intervention (P3)"), report.interventions),
        (t(lang, "Points d'avancement", "Client updates"), report.client_updates),
        (t(lang, "Post-mortems", "Post-mortems"), report.postmortems),
        (t(lang, "Information RGPD", "GDPR notices"), report.gdpr_notices),
    ]
    .map(|(label, kept)| Kept { label, kept });
    let now = crate::clock::now_utc();
    let total: u32 = priorities.iter().map(|(_, n)| n).sum();
    let satisfaction = report.satisfaction;
    view! {
        <section class="sla-report" data-testid="sla-report" data-month=report.month.clone()>
            <h2>{format!("{} — {total} {}", report.month, t(lang, "incident(s)", "incident(s)"))}</h2>
            <div class="charts">
                <PriorityChart priorities lang />
                <KeptChart kept lang />
            </div>
            <p data-testid="report-sources">{t(lang, "Par source : ", "By source: ")}
                {report.by_source.iter().map(|(s, n)| format!("{} {n}", source_name(s, lang))).collect::<Vec<_>>().join(" · ")}</p>
            <h3 id="breaches-title">{t(lang, "Engagements non tenus", "Promises broken")}</h3>
            {if report.breaches.is_empty() {
                view! { <p data-testid="no-breach">{t(lang, "Aucun : tous les engagements ont été tenus.", "None: every promise was kept.")}</p> }.into_any()
            } else {
                // Scrolls in its frame on a phone, arrow keys included.
                view! {
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="breaches-title">
                    <table class="breaches">
                        <thead><tr><th scope="col">{t(lang, "Incident", "Incident")}</th><th scope="col">{t(lang, "Priorité", "Priority")}</th><th scope="col">{t(lang, "Engagement", "Promise")}</th><th scope="col">{t(lang, "Échéance", "Due")}</th><th scope="col">{t(lang, "Retard", "Late by")}</th><th scope="col">{t(lang, "Escalade", "Escalation")}</th></tr></thead>
                        <tbody>{report.breaches.into_iter().map(|b| {
                            // Due times in Paris, where the contract's hours are counted.
                            let paris = |d| crate::wording::when(d, now, chrono_tz::Europe::Paris, lang);
                            let escalated = b.escalated_at.map_or_else(|| t(lang, "non", "no").to_string(), paris);
                            let href = format!("/incidents/{}", b.incident_id);
                            view! { <tr data-testid="breach-row" data-reference=b.reference.clone()>
                                <td><a href=href>{b.reference.clone()}</a></td><td>{b.priority.as_str()}</td>
                                <td>{crate::wording::clock_name(b.clock, lang)}</td><td>{paris(b.due)}</td>
                                <td>{crate::wording::duration(b.late_by_seconds, lang)}</td>
                                <td data-testid="breach-escalated">{escalated}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            <h3>{t(lang, "Incidents récurrents", "Recurrent incidents")}</h3>
            <p data-testid="report-recurrent">{if report.recurrent.is_empty() {
                t(lang, "Aucun.", "None.").into_any()
            } else {
                report.recurrent.into_iter().enumerate().map(|(i, r)| view! {
                    {if i > 0 { ", " } else { "" }}<a href=format!("/incidents/{}", r.id)>{r.reference}</a>
                }).collect_view().into_any()
            }}</p>
            <h3>{t(lang, "Le client après la résolution", "The client after the resolution")}</h3>
            <p data-testid="report-reopened">{format!("{} {}", t(lang, "Incidents rouverts par le client :", "Incidents the client reopened:"), report.reopened)}</p>
            <p data-testid="report-satisfaction">{
                let count = satisfaction.count;
                match satisfaction.average {
                    Some(average) => format!(
                        "{} {}/5 ({count} {})",
                        t(lang, "Satisfaction moyenne :", "Average satisfaction:"),
                        decimal(average, 1, lang),
                        t(lang, "réponse(s)", "answer(s)")
                    ),
                    None => t(lang, "Satisfaction : aucune réponse ce mois-ci.", "Satisfaction: no answer this month.").to_string(),
                }
            }</p>
            <ul class="comments" data-testid="report-comments">
                {satisfaction.comments.into_iter().map(|c| view! {
                    <li><a href=format!("/incidents/{}", c.incident_id)>{c.reference}</a>
                        {format!(" — {}/5 : {}", c.score, c.comment)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Incidents by priority: a bar each, its count written on it.
#[component]
fn PriorityChart(priorities: Vec<(&'static str, u32)>, lang: Lang) -> impl IntoView {
    let highest = priorities.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let summary = priorities.iter().map(|(p, n)| format!("{p} : {n}")).collect::<Vec<_>>().join(", ");
    let label = summary.clone();
    view! {
        <figure class="chart">
            <svg data-testid="chart-priority" viewBox="0 0 240 160" role="img" aria-label=label>
                <title>{summary}</title>
                {priorities.into_iter().enumerate().map(|(i, (p, n))| {
                    let height = 110.0 * n as f64 / highest as f64;
                    let x = 20.0 + i as f64 * 75.0;
                    let at = |v: f64| decimal(v, 1, Lang::En);
                    view! {
                        <g class=format!("bar priority-{}", p.to_ascii_lowercase()) data-priority=p data-count=n>
                            <rect x=at(x) y=at(130.0 - height) width="50" height=at(height)></rect>
                            <text x=at(x + 25.0) y=at(124.0 - height) text-anchor="middle">{n}</text>
                            <text x=at(x + 25.0) y="150" text-anchor="middle">{p}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{t(lang, "Incidents par priorité", "Incidents by priority")}</figcaption>
        </figure>
    }
}

/// Promises kept on time: a bar of 100 % each, filled to the share kept, its name and figure
/// above it. The drawing is narrow, so that its text stays readable on a phone's width.
#[component]
fn KeptChart(kept: [Kept; 6], lang: Lang) -> impl IntoView {
    let summary = kept.iter().map(|k| format!("{} : {}", k.label, k.figure(lang))).collect::<Vec<_>>().join(", ");
    let label = summary.clone();
    view! {
        <figure class="chart">
            <svg data-testid="chart-kept" viewBox="0 0 260 268" role="img" aria-label=label>
                <title>{summary}</title>
                {kept.into_iter().enumerate().map(|(i, k)| {
                    let y = 4 + i as u64 * 44;
                    let width = decimal(260.0 * k.kept.percent.unwrap_or(0.0) / 100.0, 1, Lang::En);
                    view! {
                        <g class="kept" data-percent=k.kept.percent.map(|p| decimal(p, 1, Lang::En)).unwrap_or_default()>
                            <text x="0" y=(y + 12).to_string()>{k.label}</text>
                            <text x="260" y=(y + 12).to_string() text-anchor="end">{k.figure(lang)}</text>
                            <rect class="track" x="0" y=(y + 18).to_string() width="260" height="18"></rect>
                            <rect class="fill" x="0" y=(y + 18).to_string() width=width height="18"></rect>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{t(lang, "Engagements tenus dans les délais", "Promises kept on time")}</figcaption>
        </figure>
    }
}

/// Where incidents came from, as the report's readers say it.
fn source_name(source: &str, lang: Lang) -> String {
    match source {
        "client_portal" => t(lang, "Portail client", "Client portal").into(),
        "supervision" => t(lang, "Supervision", "Monitoring").into(),
        "phone" => t(lang, "Téléphone", "Phone").into(),
        other => other.into(),
    }
}
